"""Young people, their school and study enrolments, and the curators who accompany them."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, Float, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import PII, Base, UuidPk, one_of
from domain.models.codes import (
    ASSIGNMENT_REASONS,
    CAREER_INTENTS,
    FUNDING_KINDS,
    RELEASE_REASONS,
    STUDENT_STATUSES,
    YOUTH_STATUSES,
)
from storage import UTCDateTime


class Youth(UuidPk, Base):
    """A young person on the route from school to work."""

    __tablename__ = "youth"
    __table_args__ = (one_of("status", YOUTH_STATUSES), one_of("sex", ("m", "f")))

    last_name: Mapped[str] = mapped_column(String(100), index=True, info=PII)
    first_name: Mapped[str] = mapped_column(String(100), info=PII)
    patronymic: Mapped[str | None] = mapped_column(String(100), info=PII)
    sex: Mapped[str] = mapped_column(String(1), info=PII)
    birth_date: Mapped[date] = mapped_column(Date, info=PII)
    snils: Mapped[str | None] = mapped_column(String(14), unique=True, info=PII)
    phone: Mapped[str | None] = mapped_column(String(20), info=PII)
    email: Mapped[str | None] = mapped_column(String(200), info=PII)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    municipality_oktmo: Mapped[str | None] = mapped_column(ForeignKey("municipality.oktmo"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="pupil", index=True)
    is_orphan: Mapped[bool] = mapped_column(Boolean, default=False, info=PII)
    has_disability_ovz: Mapped[bool] = mapped_column(Boolean, default=False, info=PII)
    low_income_family: Mapped[bool] = mapped_column(Boolean, default=False, info=PII)
    large_family: Mapped[bool] = mapped_column(Boolean, default=False, info=PII)
    kdn_registered: Mapped[bool] = mapped_column(Boolean, default=False, info=PII)
    young_parent: Mapped[bool] = mapped_column(Boolean, default=False, info=PII)
    nonresident_without_housing: Mapped[bool] = mapped_column(Boolean, default=False, info=PII)
    ecp_profile_id: Mapped[str | None] = mapped_column(String(60), index=True)
    guidance_platform_account: Mapped[str | None] = mapped_column(String(60))
    consent_given_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    consent_revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    @property
    def full_name(self) -> str:
        return " ".join(part for part in (self.last_name, self.first_name, self.patronymic) if part)

    @property
    def social_flags_count(self) -> int:
        flags = (
            self.is_orphan,
            self.has_disability_ovz,
            self.low_income_family,
            self.large_family,
            self.kdn_registered,
            self.young_parent,
            self.nonresident_without_housing,
        )
        return sum(1 for flag in flags if flag)


class SchoolEnrollment(UuidPk, Base):
    """A pupil in a grade of a school for one school year (e.g. `2026/2027`)."""

    __tablename__ = "school_enrollment"
    __table_args__ = (
        UniqueConstraint("youth_id", "school_year"),
        one_of("career_intent", CAREER_INTENTS),
    )

    youth_id: Mapped[str] = mapped_column(ForeignKey("youth.id"), index=True)
    school_id: Mapped[str] = mapped_column(ForeignKey("school.id"), index=True)
    school_year: Mapped[str] = mapped_column(String(9), index=True)
    grade: Mapped[int] = mapped_column(Integer)
    class_letter: Mapped[str | None] = mapped_column(String(2))
    profile_class: Mapped[str | None] = mapped_column(String(30))
    emp_hours_planned: Mapped[float] = mapped_column(Float, default=0)
    emp_hours_done: Mapped[float] = mapped_column(Float, default=0)
    diagnostics_done: Mapped[bool] = mapped_column(Boolean, default=False)
    diagnostics_result: Mapped[str | None] = mapped_column(String(200))
    career_intent: Mapped[str] = mapped_column(String(10), default="undecided")


class StudentEnrollment(UuidPk, Base):
    """A student of a programme; academic indicators are refreshed by the edu org each semester."""

    __tablename__ = "student_enrollment"
    __table_args__ = (one_of("funding", FUNDING_KINDS), one_of("status", STUDENT_STATUSES))

    youth_id: Mapped[str] = mapped_column(ForeignKey("youth.id"), index=True)
    programme_id: Mapped[str] = mapped_column(ForeignKey("programme.id"), index=True)
    course: Mapped[int] = mapped_column(Integer, default=1)
    start_date: Mapped[date] = mapped_column(Date)
    expected_graduation: Mapped[date] = mapped_column(Date, index=True)
    funding: Mapped[str] = mapped_column(String(10), default="budget")
    target_contract_id: Mapped[str | None] = mapped_column(ForeignKey("target_training_contract.id"), index=True)
    academic_debt_count: Mapped[int] = mapped_column(Integer, default=0)
    academic_debt_since: Mapped[date | None] = mapped_column(Date)
    """End of the exam session at which the oldest open debt arose (None: no debt, or its date unknown); the law
    gives a year from then to clear it (273-ФЗ ст. 58)."""
    attendance_rate: Mapped[float] = mapped_column(Float, default=1.0)
    gpa: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(16), default="studying", index=True)
    career_plan_present: Mapped[bool] = mapped_column(Boolean, default=False)
    intends_work_in_specialty: Mapped[bool] = mapped_column(Boolean, default=True)
    practice_window_start: Mapped[date | None] = mapped_column(Date)
    practice_window_end: Mapped[date | None] = mapped_column(Date)
    preferred_employer_ids: Mapped[list[str]] = mapped_column(JSON, default=list)
    gia_passed: Mapped[bool | None] = mapped_column(Boolean)
    demo_exam_score: Mapped[int | None] = mapped_column(Integer)
    graduated_at: Mapped[date | None] = mapped_column(Date)
    diploma_number: Mapped[str | None] = mapped_column(String(40), info=PII)


class Curator(UuidPk, Base):
    """A career consultant of a ЦЗН office (or of an edu org's career centre)."""

    __tablename__ = "curator"

    czn_office_id: Mapped[str | None] = mapped_column(ForeignKey("czn_office.id"), index=True)
    edu_org_id: Mapped[str | None] = mapped_column(ForeignKey("edu_org.id"), index=True)
    staff_id: Mapped[str | None] = mapped_column(String(40), index=True)
    full_name: Mapped[str] = mapped_column(String(300), info=PII)
    max_caseload: Mapped[int] = mapped_column(Integer, default=40)
    specialisations: Mapped[list[str]] = mapped_column(JSON, default=list)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class CuratorEduOrg(UuidPk, Base):
    """Attachment of a curator to an edu org whose students they accompany."""

    __tablename__ = "curator_edu_org"
    __table_args__ = (UniqueConstraint("curator_id", "edu_org_id"),)

    curator_id: Mapped[str] = mapped_column(ForeignKey("curator.id"), index=True)
    edu_org_id: Mapped[str] = mapped_column(ForeignKey("edu_org.id"), index=True)


class CuratorAssignment(UuidPk, Base):
    """A curator accompanying a young person from `started_on` until `ended_on` (open while null)."""

    __tablename__ = "curator_assignment"
    __table_args__ = (
        one_of("reason", ASSIGNMENT_REASONS),
        one_of("release_reason", RELEASE_REASONS),
    )

    curator_id: Mapped[str] = mapped_column(ForeignKey("curator.id"), index=True)
    youth_id: Mapped[str] = mapped_column(ForeignKey("youth.id"), index=True)
    student_enrollment_id: Mapped[str | None] = mapped_column(ForeignKey("student_enrollment.id"), index=True)
    started_on: Mapped[date] = mapped_column(Date)
    ended_on: Mapped[date | None] = mapped_column(Date, index=True)
    reason: Mapped[str] = mapped_column(String(12), default="high_risk")
    release_reason: Mapped[str | None] = mapped_column(String(20))
    handover_from_id: Mapped[str | None] = mapped_column(ForeignKey("curator_assignment.id"))
