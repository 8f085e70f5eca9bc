"""Registering youths for career events with free places, organising one when the organiser must."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import Row, bindparam, func, select
from sqlalchemy.orm import Session

from domain.models import CareerEvent, CareerEventType, EventEnrollment, Youth
from handlers.common import MOSCOW, utc
from handlers.context import HandlerContext

EVENT_START = time(11, 0)
ORGANISED_EVENT_CAPACITY = 25
ORGANISED_EVENT_LEAD = timedelta(days=14)


def event_start(day: date) -> datetime:
    """When an event organised for a day starts: 11:00 Moscow time on that day, or on the next weekday when
    it falls on a weekend (in UTC, as moments are stored)."""
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return utc(datetime.combine(day, EVENT_START, tzinfo=MOSCOW))


@dataclass(frozen=True)
class Audience:
    grade: int | None = None
    course: int | None = None

    def admits(self, event: Row) -> bool:
        """Whether an event (a row with `target_grades` and `target_courses`) is open to this audience."""
        if self.grade is not None and event.target_grades and self.grade not in event.target_grades:
            return False
        return not (self.course is not None and event.target_courses and self.course not in event.target_courses)


@dataclass(frozen=True)
class Organiser:
    """Who sets up a new event when none has room (the ЦЗН for its sessions and fairs)."""

    lane: str
    organizer_id: str | None
    hours: float = 0


_EVENTS = CareerEvent.__table__.c
_ENROLMENTS = EventEnrollment.__table__.c
_REGISTERED = (
    select(_EVENTS.id)
    .join_from(CareerEvent.__table__, EventEnrollment.__table__, _ENROLMENTS.event_id == _EVENTS.id)
    .where(
        _ENROLMENTS.youth_id == bindparam("youth_id"),
        _ENROLMENTS.status != "cancelled",
        _EVENTS.type_code == bindparam("type_code"),
        _EVENTS.starts_at >= bindparam("since"),
    )
    .order_by(_EVENTS.starts_at, _EVENTS.id)
)
_UPCOMING = (
    select(
        _EVENTS.id,
        _EVENTS.starts_at,
        _EVENTS.capacity,
        _EVENTS.municipality_oktmo,
        _EVENTS.target_grades,
        _EVENTS.target_courses,
    )
    .where(
        _EVENTS.type_code == bindparam("type_code"),
        _EVENTS.starts_at >= bindparam("since"),
        _EVENTS.starts_at <= bindparam("until"),
    )
    .order_by(_EVENTS.starts_at, _EVENTS.id)
)
_TAKEN = (
    select(_ENROLMENTS.event_id, func.count())
    .where(_ENROLMENTS.event_id.in_(bindparam("event_ids", expanding=True)), _ENROLMENTS.status != "cancelled")
    .group_by(_ENROLMENTS.event_id)
)
_LOCK_EVENT = select(_EVENTS.id).where(_EVENTS.id == bindparam("event_id")).with_for_update()
_ENROLMENT = select(EventEnrollment).where(
    EventEnrollment.event_id == bindparam("event_id"), EventEnrollment.youth_id == bindparam("youth_id")
)


def registered_upcoming(session: Session, youth_id: str, type_code: str, since: datetime) -> list[str]:
    """Ids of the events of a type from `since` on that the youth is registered for, earliest first."""
    params = {"youth_id": youth_id, "type_code": type_code, "since": utc(since)}
    return list(session.scalars(_REGISTERED, params))


def taken_places(session: Session, event_ids: list[str]) -> dict[str, int]:
    if not event_ids:
        return {}
    return {event_id: count for event_id, count in session.execute(_TAKEN, {"event_ids": event_ids})}


def has_room(session: Session, event_id: str, capacity: int) -> bool:
    """Recount the places under a row lock, so concurrent steps on PostgreSQL never overbook an event."""
    session.execute(_LOCK_EVENT, {"event_id": event_id})
    return taken_places(session, [event_id]).get(event_id, 0) < capacity


def register(session: Session, event_id: str, youth_id: str) -> EventEnrollment:
    existing = session.scalar(_ENROLMENT, {"event_id": event_id, "youth_id": youth_id})
    if existing is not None:
        return existing
    enrollment = EventEnrollment(event_id=event_id, youth_id=youth_id, status="registered")
    session.add(enrollment)
    session.flush()
    return enrollment


def enrol_in_upcoming(
    ctx: HandlerContext,
    youth: Youth,
    type_code: str,
    *,
    count: int,
    audience: Audience,
    horizon: timedelta,
    organiser: Organiser | None = None,
) -> list[str]:
    """Ids of `count` upcoming events of a type the youth is registered for: those already booked, then
    free places nearest the youth (own municipality first, then the earliest), then a new event of the
    organiser when one is given. Events are read as plain rows (the columns this needs), not ORM objects."""
    session = ctx.session
    chosen = registered_upcoming(session, youth.id, type_code, ctx.now)[:count]
    if len(chosen) < count:
        window = {"type_code": type_code, "since": utc(ctx.now), "until": utc(ctx.now + horizon)}
        candidates = [
            event
            for event in session.execute(_UPCOMING, window)
            if audience.admits(event) and event.id not in chosen
        ]
        taken = taken_places(session, [event.id for event in candidates])
        free = [event for event in candidates if taken.get(event.id, 0) < event.capacity]
        free.sort(key=lambda event: (event.municipality_oktmo != youth.municipality_oktmo, event.starts_at, event.id))
        for event in free:
            if len(chosen) == count:
                break
            if has_room(session, event.id, event.capacity):
                register(session, event.id, youth.id)
                chosen.append(event.id)
    while organiser is not None and len(chosen) < count:
        event = organise_event(ctx, youth, type_code, audience, organiser, offset=len(chosen))
        register(session, event.id, youth.id)
        chosen.append(event.id)
    return chosen


def organise_event(
    ctx: HandlerContext, youth: Youth, type_code: str, audience: Audience, organiser: Organiser, offset: int
) -> CareerEvent:
    """Set up a new event of this type in the youth's municipality for the audience, two weeks plus `offset`
    weeks from now."""
    kind = ctx.session.get(CareerEventType, type_code)
    if kind is None:
        raise LookupError(f"career event type {type_code!r} is not in the reference data")
    starts_at = event_start((ctx.now.astimezone(MOSCOW) + ORGANISED_EVENT_LEAD + timedelta(weeks=offset)).date())
    event = CareerEvent(
        type_code=type_code,
        title=kind.name_ru,
        organizer_lane=organiser.lane,
        organizer_id=organiser.organizer_id,
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=2),
        municipality_oktmo=youth.municipality_oktmo,
        capacity=ORGANISED_EVENT_CAPACITY,
        target_grades=[audience.grade] if audience.grade is not None else [],
        target_courses=[audience.course] if audience.course is not None else [],
        emp_hours_credit=organiser.hours,
    )
    ctx.session.add(event)
    ctx.session.flush()
    return event
