"""Practice placements, the digital competence passport and the student's profile on ЕЦП."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from domain.models.base import Base, UuidPk, one_of
from domain.models.codes import EVIDENCE_TYPES, PLACEMENT_STATUSES
from storage import UTCDateTime


class PracticePlacement(UuidPk, Base):
    """A student placed on a practice slot; proposed by matching, confirmed by edu org and employer."""

    __tablename__ = "practice_placement"
    __table_args__ = (
        UniqueConstraint("slot_id", "student_enrollment_id"),
        one_of("status", PLACEMENT_STATUSES),
        one_of("match_tier", ("A", "B", "manual")),
    )

    slot_id: Mapped[str] = mapped_column(ForeignKey("practice_slot.id"), index=True)
    student_enrollment_id: Mapped[str] = mapped_column(ForeignKey("student_enrollment.id"), index=True)
    youth_id: Mapped[str] = mapped_column(ForeignKey("youth.id"), index=True)
    match_tier: Mapped[str] = mapped_column(String(6), default="manual")
    match_reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(10), default="proposed", index=True)
    confirmed_by_edu_org_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    confirmed_by_employer_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    employer_evaluation: Mapped[int | None] = mapped_column(Integer)
    competences_confirmed: Mapped[list[str]] = mapped_column(JSON, default=list)
    offer_made: Mapped[bool] = mapped_column(Boolean, default=False)
    completed_on: Mapped[date | None] = mapped_column(Date)


class CompetencePassport(UuidPk, Base):
    """Цифровой паспорт компетенций of a youth (one per youth, versioned on each change)."""

    __tablename__ = "competence_passport"

    youth_id: Mapped[str] = mapped_column(ForeignKey("youth.id"), unique=True)
    version: Mapped[int] = mapped_column(Integer, default=1)
    published_to_ecp: Mapped[bool] = mapped_column(Boolean, default=False)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    items: Mapped[list[CompetencePassportItem]] = relationship(
        back_populates="passport", order_by="CompetencePassportItem.achieved_on", cascade="all, delete-orphan"
    )


class CompetencePassportItem(UuidPk, Base):
    """One competence shown by a youth, with the evidence behind it."""

    __tablename__ = "competence_passport_item"
    __table_args__ = (one_of("evidence_type", EVIDENCE_TYPES),)

    passport_id: Mapped[str] = mapped_column(ForeignKey("competence_passport.id"), index=True)
    competence_code: Mapped[str] = mapped_column(String(40), index=True)
    competence_name_ru: Mapped[str] = mapped_column(String(300))
    evidence_type: Mapped[str] = mapped_column(String(14))
    evidence_ref: Mapped[str | None] = mapped_column(String(100))
    level: Mapped[int | None] = mapped_column(Integer)
    achieved_on: Mapped[date] = mapped_column(Date)
    note: Mapped[str | None] = mapped_column(Text)

    passport: Mapped[CompetencePassport] = relationship(back_populates="items")


class StudentEcpProfile(UuidPk, Base):
    """The common student/graduate profile on ЕЦП that employers see."""

    __tablename__ = "student_ecp_profile"

    youth_id: Mapped[str] = mapped_column(ForeignKey("youth.id"), unique=True)
    ecp_profile_id: Mapped[str | None] = mapped_column(String(60), index=True)
    cv_ready: Mapped[bool] = mapped_column(Boolean, default=False)
    interview_sessions: Mapped[int] = mapped_column(Integer, default=0)
    visible_to_employers: Mapped[bool] = mapped_column(Boolean, default=False)
    last_synced_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
