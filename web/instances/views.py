"""Instance routes: the list in the user's scope, one instance with its diagram, start, admin actions."""
from __future__ import annotations

from flask import Blueprint, Response, flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from domain.route_starts import StartRefused
from web.access import Scope
from web.db import db_session
from web.engine_access import get_engine
from web.instances import service
from web.instances.history import event_text
from web.organisations import process_names

bp = Blueprint("instances", __name__, url_prefix="/instances")

PAGE_SIZE = 50
STATUSES = {
    "active": _l("Активные"),
    "suspended": _l("Приостановленные"),
    "completed": _l("Завершённые"),
    "cancelled": _l("Отменённые"),
}


@bp.get("/")
def index() -> ResponseReturnValue:
    status = request.args.get("status") if request.args.get("status") in STATUSES else None
    page = request.args.get("page", "1")
    page_number = int(page) if page.isdigit() and 0 < int(page) < 100_000 else 1
    instances = service.instances_page(get_engine(), Scope.of(current_user), status=status,
                                       offset=(page_number - 1) * PAGE_SIZE, limit=PAGE_SIZE + 1)
    return render_template("instances/index.html", instances=instances[:PAGE_SIZE], status=status,
                           process_names=process_names(get_engine()),
                           statuses=STATUSES, page=page_number, has_next=len(instances) > PAGE_SIZE)


@bp.get("/<instance_id>")
def detail(instance_id: str) -> ResponseReturnValue:
    view = service.instance_view(get_engine(), Scope.of(current_user), instance_id)
    return render_template("instances/detail.html", view=view, is_admin=current_user.role == "admin",
                           event_text=event_text)


@bp.get("/<instance_id>/diagram/<process_key>.bpmn")
def diagram(instance_id: str, process_key: str) -> ResponseReturnValue:
    """The BPMN file the route's diagram is drawn from (the viewer fetches it)."""
    data = service.diagram_file(get_engine(), Scope.of(current_user), instance_id, process_key)
    return Response(data, mimetype="application/xml")


@bp.get("/<instance_id>/events.json")
def events(instance_id: str) -> ResponseReturnValue:
    """The route's events per element, up to event `seq` when given (the auditors' time travel)."""
    seq_text = request.args.get("seq", "")
    upto = int(seq_text) if seq_text.isdigit() and len(seq_text) < 10 else None
    return jsonify(service.element_events(get_engine(), Scope.of(current_user), instance_id, upto))


@bp.post("/start")
def start() -> ResponseReturnValue:
    youth_id = request.form.get("youth_id", "").strip()
    try:
        instance_id = service.start_route(get_engine(), db_session(), Scope.of(current_user),
                                          request.form.get("process_key", ""), youth_id)
    except StartRefused as refused:
        flash(service.refusal_message(get_engine(), refused), "danger")
        target = url_for("youth.route", youth_id=youth_id) if youth_id else url_for("inbox.index")
        return redirect(target, code=303)
    flash(str(_l("Маршрут запущен.")), "success")
    return redirect(url_for("instances.detail", instance_id=instance_id), code=303)


@bp.post("/<instance_id>/resume")
def resume(instance_id: str) -> ResponseReturnValue:
    service.resume(get_engine(), Scope.of(current_user), instance_id, request.form.get("reason", ""))
    flash(str(_l("Маршрут возобновлён.")), "success")
    return redirect(url_for("instances.detail", instance_id=instance_id), code=303)
