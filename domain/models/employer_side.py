"""Employer side: staffing needs, assistance agreements, vacancies and practice slots."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import Base, UuidPk, one_of
from domain.models.codes import (
    AGREEMENT_STATUSES,
    EDUCATION_LEVELS,
    NEED_SEGMENTS,
    NEED_STATUSES,
    PRACTICE_KINDS,
    VACANCY_STATUSES,
)
from storage import UTCDateTime


class StaffingNeed(UuidPk, Base):
    """«Выявлена кадровая потребность»: how many people of which specialties an employer needs by when."""

    __tablename__ = "staffing_need"
    __table_args__ = (
        one_of("segment", NEED_SEGMENTS),
        one_of("status", NEED_STATUSES),
        one_of("min_level", EDUCATION_LEVELS),
    )

    employer_id: Mapped[str] = mapped_column(ForeignKey("employer.id"), index=True)
    okso_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    occupation_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    qty: Mapped[int] = mapped_column(Integer)
    filled: Mapped[int] = mapped_column(Integer, default=0)
    needed_by: Mapped[date] = mapped_column(Date, index=True)
    min_level: Mapped[str] = mapped_column(String(4), default="spo")
    segment: Mapped[str | None] = mapped_column(String(16), index=True)
    status: Mapped[str] = mapped_column(String(20), default="new", index=True)
    description: Mapped[str | None] = mapped_column(Text)


class AssistanceAgreement(UuidPk, Base):
    """Соглашение (договор) о содействии between a ЦЗН office and an employer, with its commitments."""

    __tablename__ = "assistance_agreement"
    __table_args__ = (one_of("segment", NEED_SEGMENTS), one_of("status", AGREEMENT_STATUSES))

    number: Mapped[str] = mapped_column(String(60), index=True)
    employer_id: Mapped[str] = mapped_column(ForeignKey("employer.id"), index=True)
    czn_office_id: Mapped[str] = mapped_column(ForeignKey("czn_office.id"), index=True)
    staffing_need_id: Mapped[str | None] = mapped_column(ForeignKey("staffing_need.id"), index=True)
    edu_org_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    segment: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(12), default="active", index=True)
    signed_at: Mapped[date | None] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    proftour_slots_per_year: Mapped[int] = mapped_column(Integer, default=0)
    group_session_hosting: Mapped[bool] = mapped_column(Boolean, default=False)
    practice_slots: Mapped[int] = mapped_column(Integer, default=0)
    internship_slots: Mapped[int] = mapped_column(Integer, default=0)
    vacancies_for_youth: Mapped[int] = mapped_column(Integer, default=0)
    tt_offers_planned: Mapped[int] = mapped_column(Integer, default=0)
    gia_participation: Mapped[bool] = mapped_column(Boolean, default=False)
    programme_participation: Mapped[bool] = mapped_column(Boolean, default=False)
    adaptation_program: Mapped[bool] = mapped_column(Boolean, default=False)


class Vacancy(UuidPk, Base):
    """A job opening, entered by the employer or synced from ЕЦП «Работа в России»."""

    __tablename__ = "vacancy"
    __table_args__ = (one_of("status", VACANCY_STATUSES),)

    employer_id: Mapped[str] = mapped_column(ForeignKey("employer.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    okso_code: Mapped[str | None] = mapped_column(ForeignKey("specialty.okso_code"), index=True)
    ugs_code: Mapped[str | None] = mapped_column(String(8), index=True)
    occupation_code: Mapped[str | None] = mapped_column(String(20))
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    municipality_oktmo: Mapped[str | None] = mapped_column(ForeignKey("municipality.oktmo"), index=True)
    salary_from: Mapped[int | None] = mapped_column(Integer)
    salary_to: Mapped[int | None] = mapped_column(Integer)
    schedule: Mapped[str | None] = mapped_column(String(60))
    requires_experience: Mapped[bool] = mapped_column(Boolean, default=False)
    for_young_specialists: Mapped[bool] = mapped_column(Boolean, default=False)
    hazardous: Mapped[bool] = mapped_column(Boolean, default=False)
    ecp_vacancy_id: Mapped[str | None] = mapped_column(String(60), index=True)
    status: Mapped[str] = mapped_column(String(10), default="open", index=True)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class PracticeSlot(UuidPk, Base):
    """Places for a work placement or internship at an employer for a period."""

    __tablename__ = "practice_slot"
    __table_args__ = (
        one_of("kind", PRACTICE_KINDS),
        CheckConstraint("filled >= 0 AND filled <= capacity", name="filled_within_capacity"),
    )

    employer_id: Mapped[str] = mapped_column(ForeignKey("employer.id"), index=True)
    agreement_id: Mapped[str | None] = mapped_column(ForeignKey("assistance_agreement.id"), index=True)
    edu_org_id: Mapped[str | None] = mapped_column(ForeignKey("edu_org.id"), index=True)
    kind: Mapped[str] = mapped_column(String(12), default="production")
    title: Mapped[str | None] = mapped_column(String(300))
    accepted_okso_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    accepted_ugs_codes: Mapped[list[str]] = mapped_column(JSON, default=list)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    municipality_oktmo: Mapped[str | None] = mapped_column(ForeignKey("municipality.oktmo"), index=True)
    location: Mapped[str | None] = mapped_column(String(300))
    start_date: Mapped[date] = mapped_column(Date, index=True)
    end_date: Mapped[date] = mapped_column(Date)
    capacity: Mapped[int] = mapped_column(Integer)
    filled: Mapped[int] = mapped_column(Integer, default=0)
    min_age: Mapped[int] = mapped_column(Integer, default=16)
    hazardous: Mapped[bool] = mapped_column(Boolean, default=False)
    mentor_name: Mapped[str | None] = mapped_column(String(200))
    paid: Mapped[bool] = mapped_column(Boolean, default=False)
