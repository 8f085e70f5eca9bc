"""Claiming due work for one step at a time, so several workers share it: each step's transaction picks the
next instance with a due timer (or the next due retry) that no other worker holds, locking it with
`FOR UPDATE ... SKIP LOCKED` on PostgreSQL (SQLite serializes writers, so the first one found is free). The
step re-checks under its lock that the work is still due, so nothing fires twice. A round takes at most
`limit` steps and never claims again an instance whose step skipped (its work went away meanwhile), so work
that stays due without being done cannot loop."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from engine.executor import Skip
from engine.store.models import Incident, ProcessInstance, Timer


@dataclass
class DueTimers:
    moment: datetime
    skip_locked: bool
    claimed: list[str] = field(default_factory=list)
    """Instances claimed this round, in order (the last is the one the current step works on)."""
    skipped: list[str] = field(default_factory=list)
    exhausted: bool = False

    def claim(self, session: Session) -> str:
        """The next instance with a timer strictly past due (inside the step's transaction); Skip when none."""
        query = (select(ProcessInstance.id).join(Timer, Timer.instance_id == ProcessInstance.id)
                 .where(Timer.due_at < self.moment, ProcessInstance.status == "active")
                 .order_by(Timer.due_at).limit(1))
        if self.skipped:
            query = query.where(ProcessInstance.id.not_in(self.skipped))
        if self.skip_locked:
            query = query.with_for_update(of=ProcessInstance, skip_locked=True)
        instance_id = session.scalar(query)
        if instance_id is None:
            self.exhausted = True
            raise Skip()
        self.claimed.append(instance_id)
        return instance_id


@dataclass
class DueRetries:
    moment: datetime
    skip_locked: bool
    claimed: list[tuple[str, str, str]] = field(default_factory=list)
    """(incident id, instance id, task id) claimed this round; the last is the current step's. An incident
    is retried at most once a round (a failed retry is due again only later)."""
    exhausted: bool = False

    def claim(self, session: Session) -> str:
        """The instance of the next open incident due for an automatic retry; Skip when none."""
        query = (select(Incident.id, Incident.instance_id, Incident.task_id)
                 .join(ProcessInstance, ProcessInstance.id == Incident.instance_id)
                 .where(Incident.status == "open", Incident.next_retry_at <= self.moment,
                        ProcessInstance.status == "active")
                 .order_by(Incident.next_retry_at).limit(1))
        if self.claimed:
            query = query.where(Incident.id.not_in([incident_id for incident_id, _, _ in self.claimed]))
        if self.skip_locked:
            query = query.with_for_update(of=Incident, skip_locked=True)
        row = session.execute(query).first()
        if row is None:
            self.exhausted = True
            raise Skip()
        self.claimed.append(tuple(row))
        return row.instance_id

    @property
    def current(self) -> tuple[str, str, str]:
        return self.claimed[-1]
