"""Claiming due work for one step at a time, so several workers share it: each step's transaction picks the
next instance with a due timer (or the next due retry) that no other worker holds, locking it with
`FOR UPDATE ... SKIP LOCKED` on PostgreSQL (SQLite serializes writers, so the first one found is free); a
timer's claim reads the locked instance row in the same statement, so the step does not read it again. The
step re-checks under its lock that the work is still due, so nothing fires twice. A round takes at most
`limit` steps and never claims again an instance whose step skipped (its work went away meanwhile), so work
that stays due without being done cannot loop."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Select, bindparam, select
from sqlalchemy.orm import Session

from engine.executor import Skip
from engine.records import COLUMNS, TABLE, InstanceRecord
from engine.store.models import Incident, ProcessInstance, Timer

_TIMERS = Timer.__table__
_DUE_TIMER = (select(*(TABLE.c[name] for name in COLUMNS)).join(_TIMERS, _TIMERS.c.instance_id == TABLE.c.id)
              .where(_TIMERS.c.due_at < bindparam("moment"), TABLE.c.status == "active")
              .order_by(_TIMERS.c.due_at).limit(1))
_NOT_SKIPPED = TABLE.c.id.not_in(bindparam("skipped", expanding=True))


def _due_timer(skipped: bool, skip_locked: bool) -> Select:
    """The claim statement, built once per variant: building it costs more than running it."""
    key = (skipped, skip_locked)
    if key not in _CLAIMS:
        query = _DUE_TIMER.where(_NOT_SKIPPED) if skipped else _DUE_TIMER
        _CLAIMS[key] = query.with_for_update(of=TABLE, skip_locked=True) if skip_locked else query
    return _CLAIMS[key]


_CLAIMS: dict[tuple[bool, bool], Select] = {}


@dataclass
class DueTimers:
    moment: datetime
    skip_locked: bool
    claimed: list[str] = field(default_factory=list)
    """Instances claimed this round, in order (the last is the one the current step works on)."""
    skipped: list[str] = field(default_factory=list)
    exhausted: bool = False

    def claim(self, session: Session) -> InstanceRecord:
        """The next instance with a timer strictly past due, locked (inside the step's transaction); Skip when
        none."""
        parameters = {"moment": self.moment, **({"skipped": self.skipped} if self.skipped else {})}
        row = session.connection().execute(_due_timer(bool(self.skipped), self.skip_locked), parameters
                                           ).mappings().first()
        if row is None:
            self.exhausted = True
            raise Skip()
        self.claimed.append(row["id"])
        return InstanceRecord(**row)


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
