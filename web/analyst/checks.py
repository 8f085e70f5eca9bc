"""The server's checks of an edited diagram before it is proposed or deployed: every problem at once, each
pointing at its element, in the analyst's language. The browser runs the same rules with bpmnlint; this
verdict is the one that counts. After our own checks the engine's deploy parsing runs on the whole bundle
(schema, sandbox, contracts), which stops at its first error."""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from flask_babel import gettext as _
from lxml import etree

from engine.errors import DeployError
from engine.parsing import parse_bundle
from engine.parsing.code import ISO_DURATION, timer_literal_problem
from engine.parsing.documents import parse_xml
from engine.parsing.elements import BPMN_NS, flow_nodes, local, service_operator, spiff_properties, spiff_text

TIMER_KINDS = ("timeDate", "timeDuration", "timeCycle")


@dataclass(frozen=True)
class Problem:
    element_id: str | None
    message: str


@dataclass(frozen=True)
class Known:
    forms: frozenset[str]
    operations: frozenset[str]


def check_bundle(files: list[tuple[str, bytes]], known: Known) -> list[Problem]:
    """Problems of a bundle (BPMN and DMN files) as a deploy would see them; empty when it may be deployed."""
    try:
        roots = {name: parse_xml(name, content) for name, content in files}
    except DeployError as err:
        return [Problem(err.element_id, _("Файл %(file)s не читается: %(reason)s", file=err.file, reason=err.reason))]
    decisions = {element.get("id") for name, root in roots.items() if name.endswith(".dmn")
                 for element in root.iter("{*}decision")}
    problems = [problem for name, root in roots.items() if not name.endswith(".dmn")
                for node in flow_nodes(root) for problem in _node_problems(node, known, decisions)]
    if not problems:
        problems = _engine_problems(files, known)
    return problems


def _node_problems(node: etree._Element, known: Known, decisions: set[str]) -> Iterable[Problem]:
    kind, element_id = local(node), node.get("id")
    if kind == "userTask":
        yield from _user_task_problems(element_id, spiff_properties(node), known)
    elif kind == "serviceTask":
        operator = service_operator(node)
        operation = (operator.get("id") or "").strip() if operator is not None else ""
        if not operation:
            yield Problem(element_id, _("У служебной задачи не выбрана операция"))
        elif operation not in known.operations:
            yield Problem(element_id, _("Неизвестная операция «%(operation)s»", operation=operation))
    elif kind == "businessRuleTask":
        decision = spiff_text(node, "calledDecisionId")
        if not decision:
            yield Problem(element_id, _("У задачи правила не выбрана таблица решений"))
        elif decision not in decisions:
            yield Problem(element_id, _("Неизвестная таблица решений «%(decision)s»", decision=decision))
    for definition in node:
        if local(definition) == "timerEventDefinition":
            yield from _timer_problems(element_id, definition)


def _user_task_problems(element_id: str, properties: dict[str, str], known: Known) -> Iterable[Problem]:
    form_key = properties.get("formKey", "").strip()
    if not form_key:
        yield Problem(element_id, _("У пользовательской задачи не выбрана форма"))
    elif form_key not in known.forms:
        yield Problem(element_id, _("Неизвестная форма «%(form)s»", form=form_key))
    priority = properties.get("priority", "3").strip()
    if not (priority.isdigit() and 1 <= int(priority) <= 5):
        yield Problem(element_id, _("Приоритет — целое число от 1 (высокий) до 5 (низкий)"))
    for name, label in (("dueIn", _("Срок")), ("followUpIn", _("Напоминание"))):
        value = properties.get(name)
        if value is not None and not ISO_DURATION.fullmatch(value.strip()):
            yield Problem(element_id, _("%(field)s: «%(value)s» — не длительность ISO 8601 (например, P3D или PT4H)",
                                        field=label, value=value))


def _timer_problems(element_id: str, definition: etree._Element) -> Iterable[Problem]:
    for timer in definition:
        if etree.QName(timer).namespace == BPMN_NS and local(timer) in TIMER_KINDS:
            text = (timer.text or "").strip()
            if not text:
                yield Problem(element_id, _("У таймера не задано время"))
            elif problem := timer_literal_problem(local(timer), text):
                yield Problem(element_id, _("Таймер: %(problem)s", problem=_zone_hint(problem)))


def _zone_hint(problem: str) -> str:
    return _("дата без часового пояса, укажите смещение, например +03:00") if "no time zone" in problem else problem


def _engine_problems(files: list[tuple[str, bytes]], known: Known) -> list[Problem]:
    try:
        parse_bundle(files, known_operations=set(known.operations))
    except DeployError as err:
        return [Problem(err.element_id, _("Развёртывание отклонит диаграмму: %(reason)s", reason=err.reason))]
    return []
