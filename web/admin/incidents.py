"""«Инциденты»: the region's open incidents for administrators, and what they can do about one: retry now,
send the route back to an earlier user task, suspend or cancel the route. Sending back, suspending and
cancelling go through a confirmation page with a mandatory reason (plain forms, no script needed)."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from engine.errors import Conflict, InvalidState, NotFound
from web.admin import incident_service
from web.admin.blueprint import bp
from web.admin.forms import ReasonForm, SendBackForm
from web.db import db_session
from web.engine_access import get_engine
from web.incident_causes import cause_message, describe
from web.organisations import process_names
from web.security import roles_required

ROUTE_ACTIONS = {
    "suspend": (_l("Приостановить маршрут"), _l("Маршрут приостановлен."), ("active",)),
    "cancel": (_l("Отменить маршрут"), _l("Маршрут отменён."), ("active", "suspended")),
}
GONE = _l("Инцидент уже закрыт или маршрут изменился. Обновите страницу.")
WHOLE_ROUTE = _l("Этот инцидент касается маршрута в целом: повторять нечего. Верните маршрут на задачу или "
                 "отмените его.")


@bp.get("/incidents")
@roles_required("admin")
def incidents() -> ResponseReturnValue:
    engine, session = get_engine(), db_session()
    choices = incident_service.filter_choices(engine, session)
    filters = incident_service.read_filters(request.args, choices)
    rows, total = incident_service.incident_page(engine, session, filters)
    return render_template("admin/incidents.html", rows=rows, total=total, filters=filters, choices=choices,
                           has_next=filters.page * incident_service.PAGE_SIZE < total)


def _open_incident(incident_id: str):
    """The incident and its route, or a redirect to the list with a message when it is closed."""
    engine = get_engine()
    try:
        incident = engine.incident(incident_id)
    except NotFound:
        abort(404)
    instance = engine.instance(incident.instance_id)
    if incident.status == "resolved" or instance.status not in ("active", "suspended"):
        flash(str(_l("Инцидент уже закрыт: маршрут продолжается или завершён.")), "info")
        return None, None
    return incident, instance


def _incident_context(incident, instance) -> dict:
    engine = get_engine()
    names = engine.element_index(instance.definition_id).names
    return {"cause": describe(incident, names), "instance": instance,
            "process_name": process_names(engine).get(instance.process_key, instance.process_key)}


@bp.get("/incidents/<incident_id>")
@roles_required("admin")
def incident(incident_id: str) -> ResponseReturnValue:
    found, instance = _open_incident(incident_id)
    if found is None:
        return redirect(url_for("admin.incidents"), code=303)
    return render_template("admin/incident.html", **_incident_context(found, instance))


@bp.post("/incidents/<incident_id>/retry")
@roles_required("admin")
def retry(incident_id: str) -> ResponseReturnValue:
    engine = get_engine()
    try:
        if not engine.incident(incident_id).task_id:
            flash(str(WHOLE_ROUTE), "warning")
            return redirect(url_for("admin.incident", incident_id=incident_id), code=303)
        result = engine.retry(incident_id, actor=current_user.login)
    except NotFound:
        abort(404)
    except (InvalidState, Conflict):
        flash(str(GONE), "warning")
        return redirect(url_for("admin.incidents"), code=303)
    if result.incident_id:
        failed = engine.incident(result.incident_id)
        flash(str(_l("Повтор не удался: %(cause)s",
                     cause=cause_message(failed.error_type, failed.error, failed.operation))), "danger")
        return redirect(url_for("admin.incident", incident_id=result.incident_id), code=303)
    flash(str(_l("Шаг выполнен, маршрут продолжается.")), "success")
    return redirect(url_for("admin.incidents"), code=303)


@bp.route("/incidents/<incident_id>/send-back", methods=["GET", "POST"])
@roles_required("admin")
def send_back(incident_id: str) -> ResponseReturnValue:
    found, instance = _open_incident(incident_id)
    if found is None:
        return redirect(url_for("admin.incidents"), code=303)
    engine = get_engine()
    targets = [(element_id, name or str(_l("задача без названия"))) for element_id, name
               in engine.earlier_user_tasks(instance.id)]
    form = SendBackForm()
    form.element_id.choices = targets
    status = 200
    if form.validate_on_submit():
        if form.element_id.data not in dict(targets):
            form.element_id.errors.append(str(_l("На эту задачу вернуть нельзя: маршрут её не проходил.")))
        else:
            try:
                engine.send_back(instance.id, form.element_id.data, actor=current_user.login,
                                 reason=form.reason.data)
            except (InvalidState, Conflict):
                flash(str(GONE), "warning")
                return redirect(url_for("admin.incidents"), code=303)
            flash(str(_l("Маршрут возвращён на задачу «%(task)s»; она снова во входящих у исполнителей.",
                         task=dict(targets)[form.element_id.data])), "success")
            return redirect(url_for("instances.detail", instance_id=instance.id), code=303)
    if form.is_submitted():
        status = 422
    return render_template("admin/confirm.html", form=form, targets=targets, action="send_back",
                           title=_l("Вернуть маршрут на задачу"),
                           **_incident_context(found, instance)), status


@bp.route("/instances/<instance_id>/<action>", methods=["GET", "POST"])
@roles_required("admin")
def route_action(instance_id: str, action: str) -> ResponseReturnValue:
    if action not in ROUTE_ACTIONS:
        abort(404)
    title, done, allowed = ROUTE_ACTIONS[action]
    engine = get_engine()
    instance = engine.instance(instance_id)
    if instance.status not in allowed:
        flash(str(_l("Это действие недоступно: маршрут уже не активен.")), "warning")
        return redirect(url_for("instances.detail", instance_id=instance.id), code=303)
    form = ReasonForm()
    status = 200
    if form.validate_on_submit():
        act = engine.suspend if action == "suspend" else engine.cancel
        try:
            act(instance.id, current_user.login, form.reason.data.strip())
        except (InvalidState, Conflict):
            flash(str(_l("Маршрут изменился, пока вы подтверждали действие. Обновите страницу.")), "warning")
        else:
            flash(str(done), "success")
        return redirect(url_for("instances.detail", instance_id=instance.id), code=303)
    if form.is_submitted():
        status = 422
    causes = [describe(item, engine.element_index(instance.definition_id).names)
              for item in engine.incidents(instance.id) if item.status != "resolved"]
    return render_template("admin/confirm.html", form=form, action=action, title=title, instance=instance,
                           process_name=process_names(engine).get(instance.process_key, instance.process_key),
                           cause=causes[0] if causes else None, targets=[]), status
