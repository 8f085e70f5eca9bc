"""Changes to a human task that are not a workflow step (claim, assign, dates, comments): each in its own
transaction, each appended to the instance's audit chain."""
from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from engine import queries
from engine.chain import ChainWriter
from engine.db import Database
from engine.errors import Conflict, NotFound, ValidationError
from engine.model import CommentInfo, TaskInfo
from engine.search import SearchAttributes
from engine.store.models import HumanTask, ProcessInstance, TaskComment

MAX_COMMENT = 4000


def change_assignee(db: Database, search: SearchAttributes, now: datetime, task_id: str, actor: str, kind: str, *,
                    assignee: str | None, must_be_free: bool = False) -> TaskInfo:
    try:
        with db.write() as session, session.begin():
            task = open_task(session, task_id)
            if must_be_free and task.assignee not in (None, actor):
                raise Conflict(f"task {task_id} is already claimed by {task.assignee}")
            task.assignee = assignee
            task.claimed_at = now if assignee else None
            _audit(session, task, now, actor, kind, {"task_id": task_id, "assignee": assignee})
            return queries.task_info(task, search)
    except StaleDataError:
        raise Conflict(f"task {task_id} changed at the same moment; reload and try again") from None


def set_dates(db: Database, search: SearchAttributes, now: datetime, task_id: str, actor: str, due_at: datetime | None,
              follow_up_at: datetime | None, priority: int | None) -> TaskInfo:
    if priority is not None and not 1 <= priority <= 5:
        raise ValidationError("priority must be between 1 (high) and 5 (low)")
    for moment in (due_at, follow_up_at):
        if moment is not None and moment.tzinfo is None:
            raise ValidationError("task dates need a time zone")
    with db.write() as session, session.begin():
        task = open_task(session, task_id)
        changes: dict[str, Any] = {}
        if due_at is not None:
            task.due_at, changes["due_at"] = due_at, due_at.isoformat()
        if follow_up_at is not None:
            task.follow_up_at, changes["follow_up_at"] = follow_up_at, follow_up_at.isoformat()
        if priority is not None:
            task.priority, changes["priority"] = priority, priority
        _audit(session, task, now, actor, "task_updated", changes)
        return queries.task_info(task, search)


def add_comment(db: Database, now: datetime, task_id: str, actor: str, text: str) -> CommentInfo:
    text = (text or "").strip()
    if not text:
        raise ValidationError("a comment cannot be empty")
    if len(text) > MAX_COMMENT:
        raise ValidationError(f"a comment is limited to {MAX_COMMENT} characters")
    with db.write() as session, session.begin():
        task = session.get(HumanTask, task_id)
        if task is None:
            raise NotFound(f"task {task_id} does not exist")
        session.add(TaskComment(task_id=task_id, author=actor, text=text, created_at=now))
        _audit(session, task, now, actor, "comment", {"text": text})
        return CommentInfo(task_id=task_id, author=actor, text=text, created_at=now)


def comments(db: Database, task_id: str) -> list[CommentInfo]:
    with db.read() as session:
        rows = session.scalars(select(TaskComment).where(TaskComment.task_id == task_id).order_by(TaskComment.id))
        return [CommentInfo(r.task_id, r.author, r.text, r.created_at) for r in rows]


def open_task(session: Session, task_id: str) -> HumanTask:
    task = session.get(HumanTask, task_id)
    if task is None:
        raise NotFound(f"task {task_id} does not exist")
    if task.status != "open":
        raise Conflict(f"task {task_id} is already {task.status}")
    return task


def _audit(session: Session, task: HumanTask, now: datetime, actor: str, kind: str, payload: dict) -> None:
    instance = session.get(ProcessInstance, task.instance_id, with_for_update=True)
    ChainWriter(session, instance).append(kind, now, actor=actor, element_id=task.element_id, task_id=task.id,
                                          payload=payload)
    instance.updated_at = now
    session.flush()
