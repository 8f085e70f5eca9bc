"""The analytics dashboard: figures of the live routes and registries for the person's scope, each table
downloadable as CSV and XLSX, and the user tasks' waiting times as a heatmap on the map's diagrams."""
from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import current_user

from web.access import Scope
from web.analytics import service
from web.analytics.filters import PICKABLE_KIND, filters_from
from web.analytics.tables import cell_text, to_csv, to_xlsx
from web.db import db_session
from web.engine_access import get_engine
from web.organisations import organisations
from web.security import roles_required

bp = Blueprint("analytics", __name__, url_prefix="/analytics")
ROLES = ("analyst", "admin", "operator", "curator")
FORMATS = {"csv": ("text/csv; charset=utf-8", to_csv),
           "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", to_xlsx)}


@bp.context_processor
def helpers() -> dict[str, object]:
    return {"cell_text": cell_text}


def _board() -> service.Dashboard:
    scope = Scope.of(current_user)
    filters = filters_from(request.args, scope, db_session())
    engine = get_engine()
    return service.dashboard(engine, db_session(), filters, engine.clock.now())


@bp.get("/")
@roles_required(*ROLES)
def index() -> ResponseReturnValue:
    board = _board()
    scope = Scope.of(current_user)
    colleges = organisations(db_session(), PICKABLE_KIND) if scope.region_wide else []
    asked = request.args.get("process")
    heat_process = asked if asked in board.processes else (board.waits[0].process_key if board.waits else None)
    return render_template("analytics/index.html", board=board, colleges=colleges, heat_process=heat_process,
                           heat_rows=[row for row in board.waits if row.process_key == heat_process])


@bp.get("/export/<key>.<fmt>")
@roles_required(*ROLES)
def export(key: str, fmt: str) -> ResponseReturnValue:
    if fmt not in FORMATS:
        abort(404)
    table = _board().tables.get(key)
    if table is None:
        abort(404)
    mimetype, write = FORMATS[fmt]
    return Response(write(table), mimetype=mimetype,
                    headers={"Content-Disposition": f'attachment; filename="profroute-{key}.{fmt}"'})


@bp.get("/diagram/<process_key>.bpmn")
@roles_required(*ROLES)
def diagram(process_key: str) -> ResponseReturnValue:
    """The latest version's BPMN file of a process (the heatmap is drawn on it)."""
    engine = get_engine()
    versions = engine.definitions(process_key)
    if not versions:
        abort(404)
    latest = versions[-1]
    file_name = engine.element_index(latest.id).files.get(process_key)
    if file_name is None:
        abort(404)
    return Response(engine.definition_files(latest.id)[file_name], mimetype="application/xml")
