"""Profiling results with the risk level, and individual plans (ИП) with their items."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, Float, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from domain.models.base import PII, Base, UuidPk, one_of
from domain.models.codes import (
    LANES,
    PLAN_CONTEXTS,
    PLAN_GOALS,
    PLAN_ITEM_STATUSES,
    PLAN_STATUSES,
    PRACTICE_STATUSES,
    PROFILING_CONTEXTS,
    RISK_LEVELS,
    SKILL_LEVELS,
)
from storage import UTCDateTime


class ProfilingResult(UuidPk, Base):
    """One profiling of a youth: answers, the indicators derived from them and the risk verdict."""

    __tablename__ = "profiling_result"
    __table_args__ = (
        one_of("context", PROFILING_CONTEXTS),
        one_of("practice_status", PRACTICE_STATUSES),
        one_of("job_search_skills", SKILL_LEVELS),
        one_of("motivation_level", SKILL_LEVELS),
        one_of("risk_level", RISK_LEVELS),
    )

    youth_id: Mapped[str] = mapped_column(ForeignKey("youth.id"), index=True)
    student_enrollment_id: Mapped[str | None] = mapped_column(ForeignKey("student_enrollment.id"), index=True)
    context: Mapped[str] = mapped_column(String(20))
    questionnaire_version: Mapped[str] = mapped_column(String(20), default="1")
    taken_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    answers: Mapped[dict] = mapped_column(JSON, default=dict, info=PII)
    final_year: Mapped[bool] = mapped_column(Boolean, default=False)
    academic_debt_count: Mapped[int] = mapped_column(Integer, default=0)
    attendance_rate: Mapped[float | None] = mapped_column(Float)
    practice_status: Mapped[str] = mapped_column(String(12), default="none")
    career_plan_present: Mapped[bool] = mapped_column(Boolean, default=False)
    intends_work_in_specialty: Mapped[bool] = mapped_column(Boolean, default=True)
    job_search_skills: Mapped[str] = mapped_column(String(6), default="normal")
    motivation_level: Mapped[str] = mapped_column(String(6), default="normal")
    wants_entrepreneurship: Mapped[bool] = mapped_column(Boolean, default=False)
    wants_trajectory_change: Mapped[bool] = mapped_column(Boolean, default=False)
    has_disability: Mapped[bool] = mapped_column(Boolean, default=False, info=PII)
    needs_income_now: Mapped[bool] = mapped_column(Boolean, default=False)
    any_work_experience: Mapped[bool] = mapped_column(Boolean, default=False)
    job_offer_received: Mapped[bool] = mapped_column(Boolean, default=False)
    target_contract_active: Mapped[bool] = mapped_column(Boolean, default=False)
    social_flags: Mapped[list[str]] = mapped_column(JSON, default=list, info=PII)
    social_flags_count: Mapped[int] = mapped_column(Integer, default=0, info=PII)
    risk_score: Mapped[int | None] = mapped_column(Integer)
    risk_contributions: Mapped[list] = mapped_column(JSON, default=list)
    risk_level: Mapped[str | None] = mapped_column(String(10), index=True)
    risk_reason_code: Mapped[str | None] = mapped_column(String(40))
    profile_group: Mapped[str | None] = mapped_column(String(40))
    barriers: Mapped[list[str]] = mapped_column(JSON, default=list, info=PII)
    next_due_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)


class IndividualPlan(UuidPk, Base):
    """Индивидуальный план: the services agreed with a youth after profiling."""

    __tablename__ = "individual_plan"
    __table_args__ = (
        one_of("context", PLAN_CONTEXTS),
        one_of("goal", PLAN_GOALS),
        one_of("status", PLAN_STATUSES),
    )

    youth_id: Mapped[str] = mapped_column(ForeignKey("youth.id"), index=True)
    context: Mapped[str] = mapped_column(String(10))
    profiling_result_id: Mapped[str | None] = mapped_column(ForeignKey("profiling_result.id"), index=True)
    curator_id: Mapped[str | None] = mapped_column(ForeignKey("curator.id"), index=True)
    goal: Mapped[str] = mapped_column(String(30), default="employment_in_specialty")
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date)
    review_at: Mapped[datetime | None] = mapped_column(UTCDateTime, index=True)
    status: Mapped[str] = mapped_column(String(12), default="draft", index=True)
    agreed_by_youth_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    source_instance_id: Mapped[str | None] = mapped_column(String(36), index=True)

    items: Mapped[list[PlanItem]] = relationship(
        back_populates="plan", order_by="PlanItem.position", cascade="all, delete-orphan"
    )


class PlanItem(UuidPk, Base):
    """One service or activity of an individual plan, with its provider and due date."""

    __tablename__ = "plan_item"
    __table_args__ = (one_of("provider_lane", LANES), one_of("status", PLAN_ITEM_STATUSES))

    plan_id: Mapped[str] = mapped_column(ForeignKey("individual_plan.id"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    service_code: Mapped[str] = mapped_column(ForeignKey("service_catalog_item.code"), index=True)
    provider_lane: Mapped[str] = mapped_column(String(20))
    provider_id: Mapped[str | None] = mapped_column(String(36), index=True)
    due_date: Mapped[date] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(12), default="planned", index=True)
    result: Mapped[str | None] = mapped_column(Text)
    linked_event_id: Mapped[str | None] = mapped_column(ForeignKey("career_event.id"), index=True)
    linked_vacancy_id: Mapped[str | None] = mapped_column(ForeignKey("vacancy.id"), index=True)
    linked_practice_slot_id: Mapped[str | None] = mapped_column(ForeignKey("practice_slot.id"), index=True)
    linked_course_id: Mapped[str | None] = mapped_column(ForeignKey("retraining_course.id"), index=True)
    linked_referral_id: Mapped[str | None] = mapped_column(ForeignKey("entrepreneurship_referral.id"), index=True)

    plan: Mapped[IndividualPlan] = relationship(back_populates="items")
