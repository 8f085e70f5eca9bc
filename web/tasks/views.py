"""Task routes: thin wrappers over `web.tasks.service`."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    send_file,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import get_locale
from flask_babel import lazy_gettext as _l
from flask_login import current_user

import forms
from engine import Engine
from web.access import Scope, require
from web.attachments import AttachmentError, AttachmentStore, attachments_of_task
from web.db import db_session
from web.engine_access import get_engine
from web.i18n import local_input_value, parse_local_datetime
from web.instructions import render_instructions
from web.models import Attachment
from web.organisations import process_names
from web.tasks import service
from web.tasks.service import ACTION_MESSAGES, TaskActionError

bp = Blueprint("tasks", __name__, url_prefix="/tasks")

ATTACHMENT_MESSAGES = {
    "missing": _l("Выберите файл."),
    "type": _l("Такой тип файла не принимается: PDF, PNG, JPEG, TXT, CSV, ODT, ODS, DOCX, XLSX."),
    "size": _l("Файл больше 10 МБ."),
    "content": _l("Содержимое файла не соответствует его типу."),
}


def _scope() -> Scope:
    return Scope.of(current_user)


def _locale() -> str:
    return str(get_locale() or "ru")


def _store() -> AttachmentStore:
    config = current_app.config
    return AttachmentStore(directory=Path(config["ATTACHMENT_DIR"]), max_bytes=config["ATTACHMENT_MAX_BYTES"])


def _back(task_id: str) -> ResponseReturnValue:
    return redirect(url_for("tasks.detail", task_id=task_id), code=303)


def _render(task: Any, *, data: dict[str, Any] | None = None, errors: dict[str, Any] | None = None,
            status: int = 200) -> ResponseReturnValue:
    engine = get_engine()
    session = db_session()
    scope = _scope()
    if data is None:
        data = service.load_draft(session, task.id, current_user.id) or {}
    form_html = None
    form_missing = False
    submitted = service.submission(engine, task)
    if task.status == "open" or submitted is not None:
        editable = task.status == "open" and task.assignee == scope.login and scope.works_task(task)
        shown, context = ({**(task.data or {}), **data}, task.data) if submitted is None else (submitted.data,
                                                                                                 submitted.context)
        try:
            form_html = forms.render(service.task_form(task), data=shown, errors=errors or {}, locale=_locale(),
                                     readonly=not editable, context=context)
        except TaskActionError:
            form_missing = True
    return render_template(
        "tasks/detail.html",
        task=task,
        process_name=process_names(engine).get(task.process_key, task.process_key),
        instructions=render_instructions(task.instructions, task.data),
        form_html=form_html,
        form_missing=form_missing,
        errors=errors or {},
        scope=scope,
        can_work=scope.works_task(task),
        can_manage=scope.manages_task(task),
        colleagues=service.colleagues_for_task(session, task),
        delegation=service.open_delegation(session, task.id),
        comments=engine.comments(task.id),
        attachments=attachments_of_task(session, task.id),
        due_value=local_input_value(task.due_at, current_user.timezone),
        follow_up_value=local_input_value(task.follow_up_at, current_user.timezone),
    ), status


def _refused(task_id: str, error: TaskActionError) -> ResponseReturnValue:
    flash(str(ACTION_MESSAGES[error.reason]), "danger")
    return _back(task_id)


@bp.get("/<task_id>")
def detail(task_id: str) -> ResponseReturnValue:
    return _render(service.visible_task(get_engine(), _scope(), task_id))


def _act(task_id: str, action: Callable[[Engine, Scope, Any], None], done: str) -> ResponseReturnValue:
    """Runs one task action for the signed-in user and returns to the task with a message."""
    engine, scope = get_engine(), _scope()
    task = service.visible_task(engine, scope, task_id)
    try:
        action(engine, scope, task)
    except TaskActionError as error:
        return _refused(task_id, error)
    flash(done, "success")
    return _back(task_id)


@bp.post("/<task_id>/claim")
def claim(task_id: str) -> ResponseReturnValue:
    return _act(task_id, service.claim, str(_l("Задача взята в работу.")))


@bp.post("/<task_id>/unclaim")
def unclaim(task_id: str) -> ResponseReturnValue:
    return _act(task_id, service.unclaim, str(_l("Задача возвращена в группу.")))


@bp.post("/<task_id>/assign")
def assign(task_id: str) -> ResponseReturnValue:
    assignee = request.form.get("assignee", "")
    return _act(task_id, lambda engine, scope, task: service.assign(engine, db_session(), scope, task, assignee),
                str(_l("Задача назначена сотруднику.")))


@bp.post("/<task_id>/delegate")
def delegate(task_id: str) -> ResponseReturnValue:
    colleague = request.form.get("delegate", "")
    return _act(task_id, lambda engine, scope, task: service.delegate(engine, db_session(), scope, task, colleague),
                str(_l("Задача делегирована; она вернётся к вам после отметки коллеги.")))


@bp.post("/<task_id>/resolve")
def resolve(task_id: str) -> ResponseReturnValue:
    return _act(task_id, lambda engine, scope, task: service.resolve_delegation(engine, db_session(), scope, task),
                str(_l("Задача возвращена владельцу.")))


@bp.post("/<task_id>/dates")
def dates(task_id: str) -> ResponseReturnValue:
    engine = get_engine()
    task = service.visible_task(engine, _scope(), task_id)
    priority = request.form.get("priority", "")
    try:
        due_at = parse_local_datetime(request.form.get("due_at", ""), current_user.timezone)
        follow_up_at = parse_local_datetime(request.form.get("follow_up_at", ""), current_user.timezone)
        if priority and not priority.isdigit():
            raise TaskActionError("priority")
        service.set_dates(engine, _scope(), task, due_at=due_at, follow_up_at=follow_up_at,
                          priority=int(priority) if priority else None)
    except ValueError as error:
        reason = error.reason if isinstance(error, TaskActionError) else "dates"
        return _refused(task_id, TaskActionError(reason))
    flash(str(_l("Сроки и приоритет сохранены.")), "success")
    return _back(task_id)


@bp.post("/<task_id>/comments")
def comment(task_id: str) -> ResponseReturnValue:
    text = request.form.get("text", "")
    return _act(task_id, lambda engine, scope, task: service.add_comment(engine, scope, task, text),
                str(_l("Комментарий добавлен.")))


@bp.post("/<task_id>/attachments")
def upload(task_id: str) -> ResponseReturnValue:
    engine = get_engine()
    scope = _scope()
    task = service.visible_task(engine, scope, task_id)
    require(scope.works_task(task))
    session = db_session()
    try:
        _store().save(session, request.files.get("file"), task_id=task.id, instance_id=task.instance_id,
                      uploaded_by=scope.login)
    except AttachmentError as error:
        flash(str(ATTACHMENT_MESSAGES[error.reason]), "danger")
        return _back(task_id)
    session.commit()
    flash(str(_l("Файл приложен.")), "success")
    return _back(task_id)


@bp.get("/<task_id>/attachments/<int:attachment_id>")
def download(task_id: str, attachment_id: int) -> ResponseReturnValue:
    service.visible_task(get_engine(), _scope(), task_id)
    attachment = db_session().get(Attachment, attachment_id)
    if attachment is None or attachment.task_id != task_id:
        abort(404)
    stored = _store().path_of(attachment)
    if not stored.is_file():
        current_app.logger.error("attachment %s of task %s is missing on disk: %s", attachment.id, task_id, stored)
        abort(404)
    return send_file(stored, mimetype=attachment.content_type, as_attachment=True,
                     download_name=attachment.file_name)


@bp.post("/<task_id>/draft")
def draft(task_id: str) -> ResponseReturnValue:
    engine = get_engine()
    task = service.visible_task(engine, _scope(), task_id)
    try:
        service.save_draft(db_session(), _scope(), current_user.id, task, request.form)
    except TaskActionError as error:
        return _refused(task_id, error)
    flash(str(_l("Черновик сохранён.")), "success")
    return _back(task_id)


@bp.post("/<task_id>/complete")
def complete(task_id: str) -> ResponseReturnValue:
    engine = get_engine()
    task = service.visible_task(engine, _scope(), task_id)
    try:
        result = service.complete(engine, db_session(), _scope(), task, request.form, _locale())
    except TaskActionError as error:
        return _refused(task_id, error)
    if not result.done:
        flash(str(_l("Исправьте ошибки в форме.")), "danger")
        draft = forms.coerce_draft(service.task_form(task), service.form_input(request.form),
                                   context=task.data)
        return _render(task, data=draft, errors=result.errors, status=422)
    if result.already_done:
        flash(str(_l("Задача уже была завершена вами; повторная отправка ничего не изменила.")), "info")
    else:
        flash(str(_l("Задача завершена.")), "success")
    return redirect(url_for("inbox.index"), code=303)
