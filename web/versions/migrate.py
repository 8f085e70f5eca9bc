"""«Перенос маршрутов»: running routes of one process version moved to another (`Engine.migrate`).

The page is a plain GET form: the process and both versions, a target element for each source element the
target lacks, and the dry run's verdict per route for that mapping. Moving is a POST (CSRF) that renders a
progress form; each batch is one more POST of that form (htmx submits it on load; without script a button
does), carrying the routes still to move and the outcome so far, so no job lives on the server."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask import abort, current_app, render_template, request
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from domain.route_attributes import SUBJECT
from engine import Engine
from engine.errors import NotFound, ValidationError
from web.engine_access import get_engine
from web.i18n import STATUS_LABELS
from web.security import roles_required
from web.versions.blueprint import ROLES, bp
from web.versions.choices import elements, read_pick

BATCH = 20
"""Routes moved per request; `VERSIONS_BATCH` in the app config overrides it."""
MAP_PREFIX = "map-"
REASONS = {
    "unmapped": _l("«%(element)s» нет в новой версии: выберите, куда перенести"),
    "failed": _l("на шаге «%(element)s» сбой: сначала повторите шаг или верните маршрут"),
    "subprocess": _l("идёт вложенный процесс «%(element)s»: дождитесь его завершения"),
    "loop": _l("идёт цикл «%(element)s»: дождитесь его завершения"),
    "status": _l("маршрут не идёт (%(element)s): переносятся только идущие"),
    "version": _l("маршрут уже на другой версии"),
    "trial": _l("перенос не удался на копии маршрута"),
    "run": _l("перенос не удался: маршрут изменился, проверьте ещё раз"),
}
NO_NAME = _l("без имени")


@bp.get("/migrate")
@roles_required(*ROLES)
def migrate() -> ResponseReturnValue:
    engine = get_engine()
    pick = read_pick(engine, request.args)
    context: dict[str, Any] = {"pick": pick}
    if pick.complete:
        source_labels, target_labels = elements(engine, pick.source), elements(engine, pick.target)
        mapping = _mapping(request.args, source_labels, target_labels)
        report = engine.migrate(pick.key, pick.source.version, pick.target.version, mapping, dry_run=True,
                                actor=current_user.login)
        context.update(mapping=mapping, target_labels=target_labels,
                       missing=[(element_id, label) for element_id, label in source_labels.items()
                                if element_id not in target_labels],
                       rows=[_row(route, source_labels) for route in report.routes])
    return render_template("versions/migrate.html", **context)


@bp.post("/migrate/run")
@roles_required(*ROLES)
def run() -> ResponseReturnValue:
    pick, mapping = _posted_pick()
    pending = list(dict.fromkeys(request.form.getlist("instance")))
    if not pending:
        return render_template("versions/migrate_run.html", pick=pick, error=_("Нет маршрутов для переноса.")), 422
    return render_template("versions/migrate_run.html", pick=pick,
                           progress=_progress(pick, mapping, pending, moved=[], left=[]))


@bp.post("/migrate/batch")
@roles_required(*ROLES)
def batch() -> ResponseReturnValue:
    pick, mapping = _posted_pick()
    pending = request.form.getlist("pending")
    moved, left = request.form.getlist("moved"), request.form.getlist("left")
    if pending:
        size = int(current_app.config.get("VERSIONS_BATCH", BATCH))
        try:
            report = get_engine().migrate(pick.key, pick.source.version, pick.target.version, mapping,
                                          instance_ids=pending[:size], actor=current_user.login)
        except (NotFound, ValidationError):
            abort(400)
        pending = pending[size:]
        moved += [route.instance_id for route in report.moved]
        left += [f"{route.instance_id}|{route.blockers[0].reason}|{route.blockers[0].element or ''}"
                 for route in report.routes if not route.moved]
    progress = _progress(pick, mapping, pending, moved, left)
    if request.headers.get("HX-Request"):
        return render_template("versions/_migrate_progress.html", progress=progress, pick=pick)
    return render_template("versions/migrate_run.html", pick=pick, progress=progress)


def _posted_pick():
    """The pick and mapping a POST carries; 400 when they no longer name two versions of one process."""
    engine = get_engine()
    pick = read_pick(engine, request.form)
    if not pick.complete:
        abort(400)
    mapping = _mapping(request.form, elements(engine, pick.source), elements(engine, pick.target))
    return pick, mapping


def _mapping(values: Mapping[str, str], source: Mapping[str, str], target: Mapping[str, str]) -> dict[str, str]:
    """`map-OLD=NEW` pairs naming elements of the two versions; anything else is ignored."""
    return {key.removeprefix(MAP_PREFIX): value for key, value in values.items()
            if key.startswith(MAP_PREFIX) and key.removeprefix(MAP_PREFIX) in source and value in target}


def _row(route: Any, labels: Mapping[str, str]) -> dict[str, Any]:
    active = dict.fromkeys(labels[element] for element in route.active if element in labels)
    return {"id": route.instance_id, "name": route.name or str(NO_NAME), "can_move": route.can_move,
            "active": ", ".join(active),
            "why": [_reason(blocker.reason, blocker.element, labels) for blocker in route.blockers]}


def _reason(reason: str, element: str | None, labels: Mapping[str, str]) -> str:
    if reason == "status":
        return str(REASONS[reason]) % {"element": str(STATUS_LABELS.get(element, element)).lower()}
    return str(REASONS.get(reason, REASONS["trial"])) % {"element": labels.get(element or "", str(NO_NAME))}


def _progress(pick, mapping: dict[str, str], pending: list[str], moved: list[str], left: list[str]) -> dict:
    engine = get_engine()
    labels = elements(engine, pick.source)
    total = len(pending) + len(moved) + len(left)
    result = []
    if not pending:
        for instance_id in moved:
            result.append({"name": _subject(engine, instance_id), "moved": True, "why": ""})
        for entry in left:
            instance_id, reason, element = (entry.split("|", 2) + ["", ""])[:3]
            result.append({"name": _subject(engine, instance_id), "moved": False,
                           "why": _reason(reason, element, labels)})
    return {"mapping": mapping, "pending": pending, "moved": moved, "left": left, "total": total,
            "done": len(moved) + len(left), "finished": not pending, "result": result}


def _subject(engine: Engine, instance_id: str) -> str:
    try:
        return engine.instance(instance_id).attributes.get(SUBJECT) or str(NO_NAME)
    except NotFound:
        return str(NO_NAME)

