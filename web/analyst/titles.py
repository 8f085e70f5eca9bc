"""Documents by the names people know them by: a process by its name, a decision table by its decision's
name, a form by the user tasks that show it (forms have no title of their own), with its file's name."""
from __future__ import annotations

from engine import Engine
from web.analyst import catalogue, decision_sources


def form_name(form: catalogue.FormEntry) -> str:
    tasks = sorted({task for _process, task in form.tasks})
    return f"{'; '.join(tasks)} ({form.key})" if tasks else form.key


def document_titles(engine: Engine) -> dict[tuple[str, str], str]:
    """(kind, key) -> title of every document the workbench can edit."""
    processes = catalogue.processes(engine)
    titles = {("process", entry.key): entry.name for entry in processes}
    titles.update({("decision", filename): name for filename, name in decision_sources.tables(engine).items()})
    titles.update({("form", form.key): form_name(form) for form in catalogue.forms(engine, processes)})
    return titles
