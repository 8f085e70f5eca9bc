"""Task work on top of the engine, with the scope checks in front of every call."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select
from sqlalchemy.orm import Session
from werkzeug.datastructures import MultiDict

import forms
from engine import Engine, data_after
from engine.errors import Conflict
from web.access import Scope, require
from web.models import Delegation, Role, TaskDraft, User, UserGroup

log = logging.getLogger(__name__)

MAX_COMMENT = 4000
#: what to tell the person for each TaskActionError reason
ACTION_MESSAGES = {
    "closed": _l("Задача уже закрыта."),
    "taken": _l("Задачу уже взял в работу другой сотрудник."),
    "colleague": _l("Выберите сотрудника своей организации, работающего в группе задачи."),
    "not_assignee": _l("Сначала возьмите задачу в работу."),
    "not_delegate": _l("Задача не делегирована вам."),
    "priority": _l("Приоритет — число от 1 до 5."),
    "comment": _l("Комментарий не может быть пустым или длиннее 4000 символов."),
    "dates": _l("Дата указана неверно."),
    "form": _l("Форма этой задачи недоступна. Сообщите администратору."),
}
#: keys the page adds to a task form that are not form inputs
PAGE_KEYS = frozenset({"csrf_token"})


class TaskActionError(ValueError):
    """The action is refused for a reason the person can fix; `reason` picks the message."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Completion:
    """Either the form errors to show again, or done (possibly by an earlier identical submit)."""

    errors: dict[str, Any]
    already_done: bool = False

    @property
    def done(self) -> bool:
        return not self.errors


def task_form(task: Any) -> forms.FormDefinition:
    """The task's form; a missing or broken definition is refused with a message, never a server error."""
    if not task.form_key:
        raise TaskActionError("form")
    try:
        return forms.load(task.form_key)
    except forms.FormDefinitionError as error:
        log.error("form %r of task %s cannot be loaded: %s", task.form_key, task.id, error)
        raise TaskActionError("form") from error


def visible_task(engine: Engine, scope: Scope, task_id: str) -> Any:
    task = engine.task(task_id)
    require(scope.sees_task(task))
    return task


@dataclass(frozen=True)
class Submission:
    data: dict[str, Any]
    """what was submitted"""
    context: dict[str, Any]
    """the route's data the form was shown with (options a form reads from the task data), then the submission"""


def submission(engine: Engine, task: Any) -> Submission | None:
    """What was submitted when the task was completed, read from the route's log (None for an open task, or
    one closed without a submission)."""
    if task.status != "completed":
        return None
    shown: dict[str, Any] | None = None
    for event in engine.audit_events(task.instance_id):
        payload = event.payload if isinstance(event.payload, dict) else {}
        if event.kind == "step":
            shown = data_after(shown, payload)
        elif event.kind == "task_completed" and event.task_id == task.id:
            data = dict(payload.get("data") or {})
            return Submission(data, {**(shown or {}), **data})
    return None


def _require_open(task: Any) -> None:
    if task.status != "open":
        raise TaskActionError("closed")


def claim(engine: Engine, scope: Scope, task: Any) -> None:
    require(scope.works_task(task))
    _require_open(task)
    if task.assignee == scope.login:
        return
    if task.assignee is not None:
        raise TaskActionError("taken")
    engine.claim(task.id, scope.login)


def unclaim(engine: Engine, scope: Scope, task: Any) -> None:
    require(task.assignee == scope.login or scope.role == Role.ADMIN)
    _require_open(task)
    engine.unclaim(task.id, scope.login)


def colleagues_for_task(session: Session, task: Any) -> list[User]:
    """Who may take this task over: operators or curators of its group in its organisation."""
    query = (
        select(User)
        .join(UserGroup)
        .where(
            User.org_id == str(task.org_scope),
            User.active.is_(True),
            User.role.in_([Role.OPERATOR, Role.CURATOR]),
            UserGroup.name == task.candidate_group,
        )
        .order_by(User.full_name)
    )
    return list(session.scalars(query))


def _require_colleague(session: Session, task: Any, login: str) -> None:
    if login not in {user.login for user in colleagues_for_task(session, task)}:
        raise TaskActionError("colleague")


def assign(engine: Engine, session: Session, scope: Scope, task: Any, assignee: str) -> None:
    require(scope.manages_task(task))
    _require_open(task)
    _require_colleague(session, task, assignee)
    engine.assign(task.id, assignee, scope.login)


def open_delegation(session: Session, task_id: str) -> Delegation | None:
    query = select(Delegation).where(Delegation.task_id == task_id, Delegation.resolved_at.is_(None))
    return session.scalar(query)


def delegate(engine: Engine, session: Session, scope: Scope, task: Any, delegate_login: str) -> None:
    """The assignee hands the task to a colleague and gets it back when the colleague resolves it."""
    require(scope.works_task(task))
    _require_open(task)
    if task.assignee != scope.login:
        raise TaskActionError("not_assignee")
    if delegate_login == scope.login:
        raise TaskActionError("colleague")
    _require_colleague(session, task, delegate_login)
    # The engine writes first: no web write transaction may be open while the engine writes (SQLite locks).
    engine.assign(task.id, delegate_login, scope.login)
    session.add(Delegation(task_id=task.id, owner=scope.login, delegate=delegate_login))
    session.commit()


def resolve_delegation(engine: Engine, session: Session, scope: Scope, task: Any) -> None:
    require(scope.works_task(task))
    _require_open(task)
    delegation = open_delegation(session, task.id)
    if delegation is None or delegation.delegate != scope.login or task.assignee != scope.login:
        raise TaskActionError("not_delegate")
    engine.assign(task.id, delegation.owner, scope.login)
    delegation.resolved_at = datetime.now(UTC)
    session.commit()


def set_dates(engine: Engine, scope: Scope, task: Any, *, due_at: datetime | None,
              follow_up_at: datetime | None, priority: int | None) -> None:
    require(scope.works_task(task) or scope.role == Role.ADMIN)
    _require_open(task)
    if priority is not None and not 1 <= priority <= 5:
        raise TaskActionError("priority")
    engine.set_task_dates(task.id, scope.login, due_at=due_at, follow_up_at=follow_up_at, priority=priority)


def add_comment(engine: Engine, scope: Scope, task: Any, text: str) -> None:
    require(scope.works_task(task) or scope.role == Role.ADMIN)
    text = text.strip()
    if not text or len(text) > MAX_COMMENT:
        raise TaskActionError("comment")
    engine.add_comment(task.id, scope.login, text)


def form_input(raw: MultiDict[str, str]) -> MultiDict[str, str]:
    """The posted form without the page's own keys (the CSRF token)."""
    return MultiDict([(key, value) for key, value in raw.items(multi=True) if key not in PAGE_KEYS])


def load_draft(session: Session, task_id: str, user_id: int) -> dict[str, Any] | None:
    draft = session.scalar(select(TaskDraft).where(TaskDraft.task_id == task_id, TaskDraft.user_id == user_id))
    return draft.data if draft else None


def save_draft(session: Session, scope: Scope, user_id: int, task: Any, raw: MultiDict[str, str]) -> None:
    require(scope.works_task(task))
    _require_open(task)
    data = forms.coerce_draft(task_form(task), form_input(raw), context=task.data)
    draft = session.scalar(select(TaskDraft).where(TaskDraft.task_id == task.id, TaskDraft.user_id == user_id))
    if draft is None:
        draft = TaskDraft(task_id=task.id, user_id=user_id, data=data)
        session.add(draft)
    draft.data = data
    draft.updated_at = datetime.now(UTC)
    session.commit()


def complete(engine: Engine, session: Session, scope: Scope, task: Any, raw: MultiDict[str, str],
             locale: str) -> Completion:
    """Validates the form and completes the task; a repeated valid submit of a task this user completed is
    reported as done, not as an error."""
    require(scope.works_task(task))
    if task.status == "completed" and task.completed_by == scope.login:
        # a repeated submit is done only if it is a valid submit of the form: nothing else is ever accepted
        _data, errors = forms.validate(task_form(task), form_input(raw), locale=locale, context=task.data)
        return Completion(errors=errors, already_done=not errors)
    _require_open(task)
    if task.assignee != scope.login:
        raise TaskActionError("not_assignee")
    data, errors = forms.validate(task_form(task), form_input(raw), locale=locale, context=task.data)
    if errors:
        return Completion(errors=errors)
    try:
        engine.complete(task.id, data, scope.login)
    except Conflict:
        if engine.task(task.id).completed_by == scope.login:
            return Completion(errors={}, already_done=True)
        raise
    session.execute(delete(TaskDraft).where(TaskDraft.task_id == task.id))
    session.commit()
    return Completion(errors={})
