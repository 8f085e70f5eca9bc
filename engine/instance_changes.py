"""Changes to an instance that do not run its workflow: suspend, resume, and logging an auditor's view."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm.exc import StaleDataError

from engine.chain import ChainWriter
from engine.db import Database
from engine.errors import Conflict, InvalidState, NotFound
from engine.store.models import ProcessInstance

ATTEMPTS = 5


def set_status(db: Database, now: datetime, instance_id: str, actor: str, status: str, reason: str,
               allowed: tuple[str, ...], kind: str) -> None:
    try:
        with db.write() as session, session.begin():
            row = session.get(ProcessInstance, instance_id, with_for_update=True)
            if row is None:
                raise NotFound(f"instance {instance_id} does not exist")
            if row.status not in allowed:
                raise InvalidState(f"instance {instance_id} is {row.status}; cannot make it {status}")
            row.status, row.updated_at = status, now
            ChainWriter(session, row).append(kind, now, actor=actor, payload={"reason": reason})
    except StaleDataError:
        raise Conflict(f"instance {instance_id} changed at the same moment; try again") from None


def log_view(db: Database, now: datetime, instance_id: str, actor: str, view: str, subject: str | None) -> None:
    for _attempt in range(ATTEMPTS):
        try:
            with db.write() as session, session.begin():
                row = session.get(ProcessInstance, instance_id, with_for_update=True)
                if row is None:
                    raise NotFound(f"instance {instance_id} does not exist")
                ChainWriter(session, row).append("audit_viewed", now, actor=actor,
                                                 payload={"view": view, "subject": subject})
            return
        except StaleDataError:
            continue
    raise Conflict(f"could not log the view of instance {instance_id}")
