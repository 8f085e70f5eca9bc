"""What the route diagram shows, for bpmn-js's viewer in the browser (static/js/route-diagram.js) and as a
text list without JavaScript: each process the route went through, its elements done / waiting / failed
with their counts, and the flows taken (the events per element are `web.instances.history`'s). Shared by the
route page and the auditors' time travel.

The diagram itself is the analyst's BPMN file, served as it was deployed, so what people see is exactly
what the analyst drew; the marks come from the engine (`Engine.executed_path`, `Engine.state_at`)."""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from engine import DefinitionIndex

DONE, WAITING, FAILED = "done", "waiting", "failed"
UNNAMED = {"Gateway": _l("развилка без названия"), "Event": _l("событие без названия")}


@dataclass(frozen=True)
class ElementMark:
    element_id: str
    label: str
    state: str
    count: int


@dataclass(frozen=True)
class ProcessMap:
    """One process's diagram of a route: which process, and the marks to put on it."""
    process_key: str
    title: str
    elements: list[ElementMark]
    flows: dict[str, int]


def process_maps(index: DefinitionIndex, process_key: str, *, completed: Mapping[str, int], active: Iterable[str],
                 flows: Mapping[str, int], failed: Iterable[str] = ()) -> list[ProcessMap]:
    """The route's own process first, then each called process it went through (those with a diagram)."""
    active, failed = set(active), set(failed)
    reached = set(completed) | active | failed
    keys = [process_key, *(key for key in index.processes_run(reached) if key != process_key)]
    flow_process = {flow_id: index.processes.get(source) for (source, _target), flow_id in index.flows.items()}
    maps = []
    for key in keys:
        if key not in index.files:
            continue
        marks = [_mark(index, element_id, completed, active, failed)
                 for element_id in _ordered(reached, completed) if index.processes.get(element_id) == key]
        maps.append(ProcessMap(key, index.name(key), marks,
                               {flow: count for flow, count in flows.items() if flow_process.get(flow) == key}))
    return maps


def _ordered(reached: set[str], completed: Mapping[str, int]) -> list[str]:
    """Completed elements in the order the engine counted them, then the waiting and failed ones."""
    return [*(element for element in completed if element in reached),
            *sorted(element for element in reached if element not in completed)]


def _mark(index: DefinitionIndex, element_id: str, completed: Mapping[str, int], active: set[str],
          failed: set[str]) -> ElementMark:
    state = FAILED if element_id in failed else WAITING if element_id in active else DONE
    return ElementMark(element_id, element_label(index, element_id), state, completed.get(element_id, 0))


def element_label(index: DefinitionIndex, element_id: str) -> str:
    """The element's map label; an element the analyst left unnamed is called by its kind, never its id."""
    label = index.name(element_id)
    if label != element_id:
        return label
    kind = index.kinds.get(element_id, "")
    return next((str(text) for suffix, text in UNNAMED.items() if kind.endswith(suffix)), _("шаг без названия"))
