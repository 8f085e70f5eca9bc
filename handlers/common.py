"""Small helpers every stage shares: Moscow time, ISO texts, date parsing and row look-ups."""

from __future__ import annotations

import functools
import uuid
from datetime import UTC, date, datetime, time
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

from sqlalchemy import Select, bindparam, case, inspect, select
from sqlalchemy.orm import Mapper, Session

from domain.algorithms.dates import age_on
from domain.models import Base, StudentEcpProfile, StudentEnrollment, Youth
from handlers.context import HandlerContext

MOSCOW = ZoneInfo("Europe/Moscow")
WORKDAY_START = time(9, 0)

Row = TypeVar("Row", bound=Base)


def today(ctx: HandlerContext) -> date:
    """The date in Moscow at the step's moment."""
    return ctx.now.astimezone(MOSCOW).date()


def at_nine(day: date) -> datetime:
    """09:00 Moscow time of a day: the moment dated timers of the map fire."""
    return datetime.combine(day, WORKDAY_START, tzinfo=MOSCOW)


def iso_moscow(moment: datetime) -> str:
    """ISO 8601 with the +03:00 offset, as timers and forms expect."""
    return aware(moment).astimezone(MOSCOW).isoformat()


def utc(moment: datetime) -> datetime:
    """The UTC form in which handlers store and compare moments (SQLite keeps no offset)."""
    return moment.astimezone(UTC)


def aware(moment: datetime) -> datetime:
    """A stored moment as an aware datetime (SQLite gives it back naive, in UTC)."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def as_date(value: Any) -> date:
    """A date from a form value, an ISO text (date or date-time) or a date/datetime object."""
    if isinstance(value, datetime):
        return value.astimezone(MOSCOW).date() if value.tzinfo else value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str) and value:
        text = value.strip()
        if len(text) == 10:
            return date.fromisoformat(text)
        return as_date(datetime.fromisoformat(text.replace("Z", "+00:00")))
    raise ValueError(f"not a date: {value!r}")


def optional_date(value: Any) -> date | None:
    """`as_date` of a value, None for an empty one."""
    return None if value in (None, "") else as_date(value)


def external_id(prefix: str, *parts: str) -> str:
    """A stable identifier for a record kept in an external system, derived from our own keys."""
    return f"{prefix}-{uuid.uuid5(uuid.NAMESPACE_URL, '/'.join(parts)).hex[:16]}"


@functools.cache
def _by_key(model: type[Base]) -> tuple[Mapper, Select]:
    mapper = inspect(model)
    (column,) = mapper.primary_key
    return mapper, select(model).where(column == bindparam("key"))


def require(session: Session, model: type[Row], key: Any) -> Row:
    """The row with this primary key, or a LookupError that names it (the step fails with an incident).
    Like `session.get`, from the session's identity map when loaded; otherwise one statement built once per
    model (cheaper than `get`, which builds its statement on every call)."""
    mapper, statement = _by_key(model)
    row = session.identity_map.get(mapper.identity_key_from_primary_key((key,))) or session.scalar(
        statement, {"key": key}
    )
    if row is None:
        raise LookupError(f"{model.__name__} {key!r} not found")
    return row


def youth_age(youth: Youth, ctx: HandlerContext) -> int:
    """The youth's age in full years today (Moscow date)."""
    return age_on(youth.birth_date, today(ctx))


_CURRENT_ENROLLMENT = (
    select(StudentEnrollment)
    .where(StudentEnrollment.youth_id == bindparam("youth_id"))
    .order_by(
        case((StudentEnrollment.status == "studying", 0), else_=1),
        StudentEnrollment.start_date.desc(),
        StudentEnrollment.id,
    )
    .limit(1)
)


def current_enrollment(session: Session, youth_id: str) -> StudentEnrollment | None:
    """The youth's latest study enrolment (studying first, else the most recent one)."""
    return session.scalar(_CURRENT_ENROLLMENT, {"youth_id": youth_id})


def org_of(ctx: HandlerContext) -> dict[str, Any]:
    """The instance's organisation scope (`org` in task data), empty when absent."""
    return dict(ctx.data.get("org") or {})


_ECP_PROFILE = select(StudentEcpProfile).where(StudentEcpProfile.youth_id == bindparam("youth_id"))


def ecp_profile(ctx: HandlerContext, youth: Youth, details: dict[str, Any] | None = None) -> StudentEcpProfile:
    """The youth's profile on ЕЦП; created on first use (visible to employers unless consent was revoked) and
    then sent to ЕЦП with `details` (specialty, edu org, graduation) added to the request."""
    profile = ctx.session.scalar(_ECP_PROFILE, {"youth_id": youth.id})
    if profile is None:
        profile = StudentEcpProfile(
            youth_id=youth.id,
            ecp_profile_id=youth.ecp_profile_id or external_id("ecp-profile", youth.id),
            visible_to_employers=youth.consent_revoked_at is None,
            last_synced_at=ctx.now,
        )
        ctx.session.add(profile)
        youth.ecp_profile_id = profile.ecp_profile_id
        ctx.session.flush()
        ctx.emit(
            "ecp",
            "student_profile.create",
            {
                "youth_id": youth.id,
                "ecp_profile_id": profile.ecp_profile_id,
                "snils": youth.snils,
                "visible_to_employers": profile.visible_to_employers,
                **(details or {}),
            },
        )
    return profile
