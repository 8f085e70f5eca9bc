"""Retraining under «Содействие занятости» and referrals to «Мой бизнес»."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import Base, UuidPk, one_of
from domain.models.codes import (
    BUSINESS_FORMS,
    REFERRAL_STATUSES,
    REFERRAL_TARGETS,
    RETRAINING_FUNDING,
    RETRAINING_KINDS,
    RETRAINING_STATUSES,
)
from storage import UTCDateTime


class RetrainingCourse(UuidPk, Base):
    """A vocational training or ДПО course open to young people."""

    __tablename__ = "retraining_course"
    __table_args__ = (one_of("kind", RETRAINING_KINDS), one_of("funding", RETRAINING_FUNDING))

    provider: Mapped[str] = mapped_column(String(300))
    programme_name: Mapped[str] = mapped_column(String(300))
    kind: Mapped[str] = mapped_column(String(20))
    okso_code: Mapped[str | None] = mapped_column(ForeignKey("specialty.okso_code"), index=True)
    occupation_code: Mapped[str | None] = mapped_column(String(20))
    hours: Mapped[int] = mapped_column(Integer)
    format: Mapped[str] = mapped_column(String(20), default="offline")
    starts_on: Mapped[date] = mapped_column(Date, index=True)
    ends_on: Mapped[date] = mapped_column(Date)
    funding: Mapped[str] = mapped_column(String(20), default="employment_promotion")
    eligible_categories: Mapped[list[str]] = mapped_column(JSON, default=list)
    region_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"), index=True)
    seats: Mapped[int | None] = mapped_column(Integer)


class RetrainingEnrollment(UuidPk, Base):
    """A youth enrolled in a retraining course."""

    __tablename__ = "retraining_enrollment"
    __table_args__ = (one_of("status", RETRAINING_STATUSES),)

    youth_id: Mapped[str] = mapped_column(ForeignKey("youth.id"), index=True)
    course_id: Mapped[str] = mapped_column(ForeignKey("retraining_course.id"), index=True)
    status: Mapped[str] = mapped_column(String(10), default="applied", index=True)
    certificate_no: Mapped[str | None] = mapped_column(String(60))
    completed_at: Mapped[date | None] = mapped_column(Date)


class EntrepreneurshipReferral(UuidPk, Base):
    """A referral of a youth to the «Мой бизнес» centre or an online platform, and what came of it."""

    __tablename__ = "entrepreneurship_referral"
    __table_args__ = (
        one_of("referred_to", REFERRAL_TARGETS),
        one_of("business_form", BUSINESS_FORMS),
        one_of("status", REFERRAL_STATUSES),
    )

    youth_id: Mapped[str] = mapped_column(ForeignKey("youth.id"), index=True)
    idea_summary: Mapped[str | None] = mapped_column(Text)
    referred_to: Mapped[str] = mapped_column(String(20))
    my_business_centre_id: Mapped[str | None] = mapped_column(ForeignKey("my_business_centre.id"), index=True)
    centre_name: Mapped[str | None] = mapped_column(String(300))
    referred_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    eligible_youth_grant: Mapped[bool] = mapped_column(Boolean, default=False)
    measures_received: Mapped[list[str]] = mapped_column(JSON, default=list)
    business_form: Mapped[str | None] = mapped_column(String(4))
    status: Mapped[str] = mapped_column(String(18), default="referred", index=True)
