"""The modeller page, the diagram it opens (the analyst's draft, else the latest version), what the server
knows for the properties panel and the checks, saving a draft (answered with the server's problems) and
proposing it."""
from __future__ import annotations

import json

from flask import Response, flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user

from web.analyst import catalogue, sources
from web.analyst.blueprint import bp
from web.analyst.checks import Problem
from web.analyst.forms import CommentForm
from web.analyst.labels import modeller_labels
from web.analyst.proposals import ProposalError, draft_of, propose, save_draft
from web.analyst.titles import form_name
from web.db import db_session
from web.engine_access import get_engine

MAX_DIAGRAM_CHARS = 2_000_000


@bp.get("/processes/<process_key>/model")
def modeller(process_key: str) -> ResponseReturnValue:
    definition = sources.latest(get_engine(), process_key)
    draft = draft_of(db_session(), current_user, "process", process_key)
    return render_template("analyst/modeller.html", definition=definition, draft=draft, form=CommentForm(),
                           labels=json.dumps(modeller_labels(), ensure_ascii=False))


@bp.get("/processes/<process_key>/diagram.bpmn")
def diagram(process_key: str) -> ResponseReturnValue:
    engine = get_engine()
    draft = draft_of(db_session(), current_user, "process", process_key)
    if draft is not None:
        content = draft.content.encode("utf-8")
    else:
        _filename, content = sources.diagram_file(engine, sources.latest(engine, process_key))
    # an attachment, so a draft's XML is never rendered as a page of this origin
    return Response(content, mimetype="application/xml", headers={
        "Cache-Control": "no-store", "Content-Disposition": f'attachment; filename="{process_key}.bpmn"'})


@bp.get("/known.json")
def known() -> ResponseReturnValue:
    engine = get_engine()
    forms = catalogue.forms(engine, catalogue.processes(engine))
    return jsonify(
        forms=[{"id": form.key, "name": form_name(form)} for form in forms],
        operations=[{"id": name, "parameters": sources.operation_parameters(handler)}
                    for name, handler in sorted(engine.handlers.items())],
        decisions=[{"id": key, "name": name} for key, name in sorted(sources.decisions(engine).items())])


@bp.post("/processes/<process_key>/draft")
def draft(process_key: str) -> ResponseReturnValue:
    content = request.get_data(as_text=True)
    if not content.strip() or len(content) > MAX_DIAGRAM_CHARS:
        return jsonify(error=_("Пустая или слишком большая диаграмма.")), 422
    problems = save_draft(db_session(), get_engine(), current_user, "process", process_key, content)
    return jsonify(problems=[_problem_json(problem) for problem in problems])


@bp.post("/processes/<process_key>/propose")
def propose_draft(process_key: str) -> ResponseReturnValue:
    form = CommentForm()
    if not form.validate_on_submit():
        flash(_("Комментарий длиннее 2000 знаков."), "danger")
        return redirect(url_for("analyst.modeller", process_key=process_key))
    try:
        propose(db_session(), get_engine(), current_user, "process", process_key, form.comment.data or "")
    except ProposalError as err:
        flash(" ".join([err.message, *(problem.message for problem in err.problems)]), "danger")
        return redirect(url_for("analyst.modeller", process_key=process_key))
    flash(_("Предложение отправлено: его утвердит другой аналитик или администратор."), "success")
    return redirect(url_for("analyst.proposals"))


def _problem_json(problem: Problem) -> dict[str, str | None]:
    return {"element": problem.element_id, "message": problem.message}
