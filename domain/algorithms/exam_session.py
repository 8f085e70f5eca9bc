"""Academic debts across exam sessions (273-ФЗ ст. 58): a debt left by a session is retaken in the following
semesters, at most twice within a year of the session it arose at; a student who has not cleared it within that
year is expelled as not having mastered the programme.

The rule is applied once per session, at its end: first the retakes of the debts already open (those of the
semester just ended), then the expulsion of a student whose oldest debt is a year old and still open, then the
new debts of this session. The session calendar is an [ASSUMPTION] of the demo region: the winter session ends
on 31 January, the summer one on 30 June."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.algorithms.dates import add_months

SESSION_END_DAYS = ((1, 31), (6, 30))
"""(month, day) of the last day of the winter and of the summer exam session."""
CLEARING_MONTHS = 12
"""The law's year to clear a debt, counted from the session it arose at."""


def session_ends(after: date, until: date) -> list[date]:
    """The last days of the exam sessions later than `after` and not later than `until`, in order."""
    return [
        end
        for year in range(after.year, until.year + 1)
        for end in (date(year, month, day) for month, day in SESSION_END_DAYS)
        if after < end <= until
    ]


def previous_session_end(end: date) -> date:
    """The end of the session before the one ending on `end` (which must be a session end)."""
    if (end.month, end.day) not in SESSION_END_DAYS:
        raise ValueError(f"{end} is not the end of an exam session")
    return date(end.year - 1, 6, 30) if end.month == 1 else date(end.year, 1, 31)


@dataclass(frozen=True)
class DebtRecord:
    """A student's open debts as the college's registry holds them."""

    count: int
    since: date | None
    """The end of the session at which the oldest open debt arose; None when unknown (then it is taken to be the
    session before the one being settled) or when there is no debt."""

    def __post_init__(self) -> None:
        if self.count < 0:
            raise ValueError("a debt count must not be negative")


@dataclass(frozen=True)
class SessionResults:
    """What one session brought a student: retakes passed (of the debts open before it) and new debts."""

    retakes_passed: int
    new_debts: int

    def __post_init__(self) -> None:
        if self.retakes_passed < 0 or self.new_debts < 0:
            raise ValueError("retakes passed and new debts must not be negative")


@dataclass(frozen=True)
class DebtSettlement:
    count: int
    since: date | None
    cleared: int
    new: int
    expelled: bool


def settle_debts(record: DebtRecord, results: SessionResults, *, session_end: date) -> DebtSettlement:
    """The student's debts after the session ending on `session_end`: retakes clear debts, a debt still open a
    year after it arose expels the student (who then takes no new debts), and the session's new debts are added."""
    if results.retakes_passed > record.count:
        raise ValueError(f"{results.retakes_passed} retakes passed for {record.count} open debts")
    open_debts = record.count - results.retakes_passed
    since = (record.since or previous_session_end(session_end)) if open_debts else None
    if since is not None and since <= add_months(session_end, -CLEARING_MONTHS):
        return DebtSettlement(open_debts, since, results.retakes_passed, 0, expelled=True)
    if results.new_debts and since is None:
        since = session_end
    return DebtSettlement(open_debts + results.new_debts, since, results.retakes_passed, results.new_debts,
                          expelled=False)
