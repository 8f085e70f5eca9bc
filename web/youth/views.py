"""The youth route page."""
from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue
from flask_login import current_user

from web.access import Scope
from web.db import db_session
from web.engine_access import get_engine
from web.instances.service import startable_processes
from web.youth.service import youth_route

bp = Blueprint("youth", __name__, url_prefix="/youth")


@bp.get("/<youth_id>")
def route(youth_id: str) -> ResponseReturnValue:
    scope = Scope.of(current_user)
    engine = get_engine()
    return render_template(
        "youth/route.html",
        route=youth_route(engine, db_session(), scope, youth_id),
        scope=scope,
        startable=startable_processes(engine, scope) if scope.starts_routes() else [],
    )
