"""«Сравнение версий»: two versions of a process side by side (bpmn-js viewers coloured by bpmn-js-differ in
`web/frontend/entries/compare.js`), the list of what changed by element label, and the decision tables'
rules compared row by row. Without script the list and the rules are the whole page."""
from __future__ import annotations

from typing import Any

from flask import Response, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l

from engine import DefinitionIndex
from engine.errors import DeployError
from web.engine_access import get_engine
from web.route_map import element_label
from web.security import roles_required
from web.versions.blueprint import ROLES, bp
from web.versions.choices import read_pick
from web.versions.diffing import PropertyChange, bpmn_changes, dmn_changes

PROPERTY_LABELS = {
    "name": _l("Название"), "formKey": _l("Форма"), "dueIn": _l("Срок выполнения"),
    "followUpIn": _l("Срок напоминания"), "candidateGroup": _l("Группа исполнителей"), "priority": _l("Приоритет"),
    "instructionsForEndUser": _l("Инструкция исполнителю"), "serviceTaskOperator@id": _l("Операция сервиса"),
    "serviceTaskOperator@resultVariable": _l("Куда записать результат"), "timeDuration": _l("Таймер: длительность"),
    "timeDate": _l("Таймер: дата"), "timeCycle": _l("Таймер: цикл"), "conditionExpression": _l("Условие перехода"),
    "script": _l("Скрипт"), "calledElement": _l("Вызываемый процесс"), "sourceRef": _l("Откуда"),
    "targetRef": _l("Куда"), "attachedToRef": _l("Прикреплено к"), "default": _l("Переход по умолчанию"),
    "documentation": _l("Описание"), "event": _l("Тип события"), "calledDecisionId": _l("Таблица решений"),
    "cancelActivity": _l("Прерывает задачу"),
}
PARAMETER_DETAILS = {"value": _l("выражение"), "type": _l("тип")}
REFERENCES = ("sourceRef", "targetRef", "attachedToRef", "default")
CHANGE_LABELS = {"added": _l("добавлен"), "removed": _l("удалён"), "changed": _l("изменён"),
                 "moved": _l("перемещён на схеме")}
FLOW = _l("переход «%(source)s» → «%(target)s»")


@bp.get("/compare")
@roles_required(*ROLES)
def compare() -> ResponseReturnValue:
    engine = get_engine()
    pick = read_pick(engine, request.args)
    context: dict[str, Any] = {"pick": pick, "change_labels": CHANGE_LABELS}
    if pick.complete:
        old_files, new_files = engine.definition_files(pick.source.id), engine.definition_files(pick.target.id)
        old_index, new_index = engine.element_index(pick.source.id), engine.element_index(pick.target.id)
        try:
            changes = bpmn_changes(_diagram(old_files, old_index, pick.key), _diagram(new_files, new_index, pick.key),
                                   pick.key)
            rules = [change for name in sorted(set(old_files) & set(new_files)) if name.endswith(".dmn")
                     for change in dmn_changes(old_files[name], new_files[name])]
        except DeployError:
            abort(400)
        context.update(changes=[_described(change, old_index, new_index) for change in changes], rules=rules,
                       added_tables=sorted(name for name in set(new_files) - set(old_files) if name.endswith(".dmn")))
    return render_template("versions/compare.html", **context)


@bp.get("/diagram/<process_key>/<int:version>.bpmn")
@roles_required(*ROLES)
def diagram(process_key: str, version: int) -> ResponseReturnValue:
    engine = get_engine()
    definition = next((d for d in engine.definitions(process_key) if d.version == version), None)
    if definition is None:
        abort(404)
    return Response(_diagram(engine.definition_files(definition.id), engine.element_index(definition.id),
                             process_key), mimetype="application/xml")


def _diagram(files: dict[str, bytes], index: DefinitionIndex, key: str) -> bytes:
    name = index.files.get(key)
    if name is None or name not in files:
        abort(404)
    return files[name]


def _described(change: Any, old: DefinitionIndex, new: DefinitionIndex) -> dict[str, Any]:
    index = old if change.change == "removed" else new
    return {"id": change.element_id, "change": change.change, "label": _label(index, change.element_id),
            "properties": [_property(prop, old, new) for prop in change.properties]}


def _label(index: DefinitionIndex, element_id: str) -> str:
    flow = next(((source, target) for (source, target), flow_id in index.flows.items() if flow_id == element_id),
                None)
    if flow is not None and index.name(element_id) == element_id:
        return str(FLOW % {"source": element_label(index, flow[0]), "target": element_label(index, flow[1])})
    return element_label(index, element_id)


def _property(prop: PropertyChange, old: DefinitionIndex, new: DefinitionIndex) -> dict[str, str | None]:
    name = prop.name
    if name.startswith("parameter:"):
        parameter, _, detail = name.removeprefix("parameter:").partition("@")
        label = str(_l("Параметр «%(name)s»", name=parameter))
        if detail in PARAMETER_DETAILS:
            label += f" ({PARAMETER_DETAILS[detail]})"
    else:
        label = str(PROPERTY_LABELS.get(name, name))
    before, after = prop.before, prop.after
    if name in REFERENCES:
        before = _label(old, before) if before else None
        after = _label(new, after) if after else None
    return {"label": label, "before": before, "after": after}
