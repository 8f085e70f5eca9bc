"""Employment outcomes after graduation, adaptation of young specialists and retention checkpoints."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from domain.models.base import Base, UuidPk, one_of
from domain.models.codes import (
    ADAPTATION_STATUSES,
    CHECKPOINT_STATUSES,
    EMPLOYER_SIZES,
    LIBRARY_STATUSES,
    OUTCOME_SOURCES,
    OUTCOMES,
    PRACTICE_CATEGORIES,
)
from storage import UTCDateTime


class EmploymentOutcome(UuidPk, Base):
    """A graduate's situation as of a date (at graduation and at the +6/+12/+24 month checkpoints)."""

    __tablename__ = "employment_outcome"
    __table_args__ = (one_of("outcome", OUTCOMES), one_of("data_source", OUTCOME_SOURCES))

    youth_id: Mapped[str] = mapped_column(ForeignKey("youth.id"), index=True)
    student_enrollment_id: Mapped[str | None] = mapped_column(ForeignKey("student_enrollment.id"), index=True)
    graduation_date: Mapped[date] = mapped_column(Date)
    as_of_date: Mapped[date] = mapped_column(Date, index=True)
    checkpoint_months: Mapped[int | None] = mapped_column(Integer)
    outcome: Mapped[str] = mapped_column(String(24), index=True)
    in_specialty: Mapped[bool | None] = mapped_column(Boolean)
    employer_id: Mapped[str | None] = mapped_column(ForeignKey("employer.id"), index=True)
    vacancy_id: Mapped[str | None] = mapped_column(ForeignKey("vacancy.id"), index=True)
    position: Mapped[str | None] = mapped_column(String(200))
    start_date: Mapped[date | None] = mapped_column(Date)
    is_self_employed: Mapped[bool] = mapped_column(Boolean, default=False)
    is_entrepreneur: Mapped[bool] = mapped_column(Boolean, default=False)
    data_source: Mapped[str] = mapped_column(String(10), default="survey")

    adaptation_plans: Mapped[list[AdaptationPlan]] = relationship(back_populates="employment_outcome")
    retention_checkpoints: Mapped[list[RetentionCheckpoint]] = relationship(
        back_populates="employment_outcome", order_by="RetentionCheckpoint.months_after_hire"
    )


class AdaptationPractice(UuidPk, Base):
    """An entry of the ЦЗН library of adaptation and retention practices."""

    __tablename__ = "adaptation_practice"
    __table_args__ = (
        one_of("category", PRACTICE_CATEGORIES),
        one_of("company_size", EMPLOYER_SIZES),
        one_of("status", LIBRARY_STATUSES),
    )

    title_ru: Mapped[str] = mapped_column(String(300))
    description_ru: Mapped[str] = mapped_column(Text)
    category: Mapped[str] = mapped_column(String(20), index=True)
    industries: Mapped[list[str]] = mapped_column(JSON, default=list)
    company_size: Mapped[str | None] = mapped_column(String(10))
    evidence: Mapped[str | None] = mapped_column(Text)
    author_org: Mapped[str | None] = mapped_column(String(300))
    status: Mapped[str] = mapped_column(String(10), default="draft", index=True)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    review_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    reviewed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class AdaptationPlan(UuidPk, Base):
    """The employer's adaptation programme for a young specialist (3 months by default)."""

    __tablename__ = "adaptation_plan"
    __table_args__ = (one_of("status", ADAPTATION_STATUSES),)

    employment_outcome_id: Mapped[str] = mapped_column(ForeignKey("employment_outcome.id"), index=True)
    employer_id: Mapped[str] = mapped_column(ForeignKey("employer.id"), index=True)
    mentor_name: Mapped[str | None] = mapped_column(String(200))
    starts_on: Mapped[date] = mapped_column(Date)
    ends_on: Mapped[date] = mapped_column(Date)
    measures: Mapped[list[str]] = mapped_column(JSON, default=list)
    practice_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    measures_note: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(12), default="planned", index=True)

    employment_outcome: Mapped[EmploymentOutcome] = relationship(back_populates="adaptation_plans")


class RetentionCheckpoint(UuidPk, Base):
    """Is the young specialist still employed at +3/+6/+12/+24 months after hire?"""

    __tablename__ = "retention_checkpoint"
    __table_args__ = (one_of("status", CHECKPOINT_STATUSES),)

    employment_outcome_id: Mapped[str] = mapped_column(ForeignKey("employment_outcome.id"), index=True)
    months_after_hire: Mapped[int] = mapped_column(Integer)
    due_at: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    risk_of_leaving: Mapped[bool] = mapped_column(Boolean, default=False)
    measures: Mapped[list[str]] = mapped_column(JSON, default=list)
    left_on: Mapped[date | None] = mapped_column(Date)
    left_reason: Mapped[str | None] = mapped_column(Text)
    actions_taken: Mapped[str | None] = mapped_column(Text)
    checked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    employment_outcome: Mapped[EmploymentOutcome] = relationship(back_populates="retention_checkpoints")
