"""Career-guidance events, enrolments in them, and temporary jobs of minors."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Integer,
    Numeric,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import Base, UuidPk, one_of
from domain.models.codes import EVENT_ENROLLMENT_STATUSES, LANES, TEMP_JOB_STATUSES
from storage import UTCDateTime


class CareerEvent(UuidPk, Base):
    """A lesson, career tour, fair, master class or other event that youths register for."""

    __tablename__ = "career_event"
    __table_args__ = (one_of("organizer_lane", LANES),)

    type_code: Mapped[str] = mapped_column(ForeignKey("career_event_type.code"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    organizer_lane: Mapped[str] = mapped_column(String(20))
    organizer_id: Mapped[str | None] = mapped_column(String(36), index=True)
    employer_id: Mapped[str | None] = mapped_column(ForeignKey("employer.id"), index=True)
    starts_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    ends_at: Mapped[datetime] = mapped_column(UTCDateTime)
    location: Mapped[str | None] = mapped_column(String(300))
    municipality_oktmo: Mapped[str | None] = mapped_column(ForeignKey("municipality.oktmo"), index=True)
    capacity: Mapped[int] = mapped_column(Integer)
    target_grades: Mapped[list[int]] = mapped_column(JSON, default=list)
    target_courses: Mapped[list[int]] = mapped_column(JSON, default=list)
    emp_hours_credit: Mapped[float] = mapped_column(Float, default=0)
    ecp_service_id: Mapped[str | None] = mapped_column(String(60))


class EventEnrollment(UuidPk, Base):
    """A youth registered for an event; attendance credits ЕМП hours."""

    __tablename__ = "event_enrollment"
    __table_args__ = (
        UniqueConstraint("event_id", "youth_id"),
        one_of("status", EVENT_ENROLLMENT_STATUSES),
    )

    event_id: Mapped[str] = mapped_column(ForeignKey("career_event.id"), index=True)
    youth_id: Mapped[str] = mapped_column(ForeignKey("youth.id"), index=True)
    status: Mapped[str] = mapped_column(String(12), default="registered")
    hours_credited: Mapped[float] = mapped_column(Float, default=0)
    feedback_score: Mapped[int | None] = mapped_column(Integer)
    interest_after: Mapped[str | None] = mapped_column(String(200))


class TempJob(UuidPk, Base):
    """Temporary employment of a minor (14–18) in time free from study (fixed-term contract)."""

    __tablename__ = "temp_job"
    __table_args__ = (one_of("status", TEMP_JOB_STATUSES),)

    youth_id: Mapped[str] = mapped_column(ForeignKey("youth.id"), index=True)
    employer_id: Mapped[str] = mapped_column(ForeignKey("employer.id"), index=True)
    position: Mapped[str] = mapped_column(String(200))
    period_from: Mapped[date] = mapped_column(Date)
    period_to: Mapped[date] = mapped_column(Date)
    hours_per_day: Mapped[float] = mapped_column(Float)
    hours_per_week: Mapped[float] = mapped_column(Float)
    during_school_year: Mapped[bool] = mapped_column(Boolean)
    hazardous: Mapped[bool] = mapped_column(Boolean, default=False)
    material_support_amount: Mapped[float | None] = mapped_column(Numeric(12, 2, asdecimal=False))
    contract_type: Mapped[str] = mapped_column(String(20), default="fixed_term")
    status: Mapped[str] = mapped_column(String(12), default="proposed", index=True)
