"""Registering youths for career events with free places, organising one when the organiser must."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from sqlalchemy import func, select
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

    def admits(self, event: CareerEvent) -> bool:
        if self.grade is not None and event.target_grades and self.grade not in event.target_grades:
            return False
        return not (self.course is not None and event.target_courses and self.course not in event.target_courses)


@dataclass(frozen=True)
class Organiser:
    """Who sets up a new event when none has room (the ЦЗН for its sessions and fairs)."""

    lane: str
    organizer_id: str | None
    hours: float = 0


def registered_upcoming(session: Session, youth_id: str, type_code: str, since: datetime) -> list[CareerEvent]:
    return list(
        session.scalars(
            select(CareerEvent)
            .join(EventEnrollment, EventEnrollment.event_id == CareerEvent.id)
            .where(
                EventEnrollment.youth_id == youth_id,
                EventEnrollment.status != "cancelled",
                CareerEvent.type_code == type_code,
                CareerEvent.starts_at >= utc(since),
            )
            .order_by(CareerEvent.starts_at, CareerEvent.id)
        )
    )


def taken_places(session: Session, event_ids: list[str]) -> dict[str, int]:
    if not event_ids:
        return {}
    rows = session.execute(
        select(EventEnrollment.event_id, func.count())
        .where(EventEnrollment.event_id.in_(event_ids), EventEnrollment.status != "cancelled")
        .group_by(EventEnrollment.event_id)
    )
    return {event_id: count for event_id, count in rows}


def has_room(session: Session, event: CareerEvent) -> bool:
    """Recount the places under a row lock, so concurrent steps on PostgreSQL never overbook an event."""
    session.execute(select(CareerEvent.id).where(CareerEvent.id == event.id).with_for_update())
    return taken_places(session, [event.id]).get(event.id, 0) < event.capacity


def register(session: Session, event: CareerEvent, youth_id: str) -> EventEnrollment:
    existing = session.scalar(
        select(EventEnrollment).where(EventEnrollment.event_id == event.id, EventEnrollment.youth_id == youth_id)
    )
    if existing is not None:
        return existing
    enrollment = EventEnrollment(event_id=event.id, youth_id=youth_id, status="registered")
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
    organiser when one is given."""
    session = ctx.session
    chosen = registered_upcoming(session, youth.id, type_code, ctx.now)[:count]
    if len(chosen) < count:
        candidates = [
            event
            for event in session.scalars(
                select(CareerEvent)
                .where(
                    CareerEvent.type_code == type_code,
                    CareerEvent.starts_at >= utc(ctx.now),
                    CareerEvent.starts_at <= utc(ctx.now + horizon),
                )
                .order_by(CareerEvent.starts_at, CareerEvent.id)
            )
            if audience.admits(event) and event not in chosen
        ]
        taken = taken_places(session, [event.id for event in candidates])
        free = [event for event in candidates if taken.get(event.id, 0) < event.capacity]
        free.sort(key=lambda event: (event.municipality_oktmo != youth.municipality_oktmo, event.starts_at, event.id))
        for event in free:
            if len(chosen) == count:
                break
            if has_room(session, event):
                register(session, event, youth.id)
                chosen.append(event)
    while organiser is not None and len(chosen) < count:
        event = organise_event(ctx, youth, type_code, audience, organiser, offset=len(chosen))
        register(session, event, youth.id)
        chosen.append(event)
    return [event.id for event in chosen]


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
