"""Admission control figures (КЦП) with target quotas, and target training (целевое обучение)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    Numeric,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import Base, UuidPk, one_of
from domain.models.codes import APPLICATION_CHANNELS, APPLICATION_STATUSES, CONTRACT_STATUSES, FUNDING_KINDS
from storage import UTCDateTime


class AdmissionPlan(UuidPk, Base):
    """«Утверждены КЦП и квоты ЦО»: state-funded places and the target quota of a programme for a year."""

    __tablename__ = "admission_plan"
    __table_args__ = (UniqueConstraint("programme_id", "year"),)

    programme_id: Mapped[str] = mapped_column(ForeignKey("programme.id"), index=True)
    year: Mapped[int] = mapped_column(Integer, index=True)
    kcp_places: Mapped[int] = mapped_column(Integer)
    target_quota_places: Mapped[int] = mapped_column(Integer, default=0)
    approved_at: Mapped[date | None] = mapped_column(Date)
    campaign_opens_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    contract_deadline: Mapped[datetime | None] = mapped_column(UTCDateTime)
    source_act: Mapped[str | None] = mapped_column(String(300))


class AdmissionApplication(UuidPk, Base):
    """«Подача заявления о приёме»: an applicant's application to a programme in an admission campaign
    (through ЕПГУ / ЕЦП or on paper), with the target-training offer chosen, if any, and the funding it
    competes for (target when an offer was chosen; the basis admitted on once enrolled)."""

    __tablename__ = "admission_application"
    __table_args__ = (
        UniqueConstraint("youth_id", "programme_id", "admission_year"),
        one_of("channel", APPLICATION_CHANNELS),
        one_of("status", APPLICATION_STATUSES),
        one_of("funding", FUNDING_KINDS),
    )

    youth_id: Mapped[str] = mapped_column(ForeignKey("youth.id"), index=True)
    programme_id: Mapped[str] = mapped_column(ForeignKey("programme.id"), index=True)
    admission_year: Mapped[int] = mapped_column(Integer, index=True)
    target_offer_id: Mapped[str | None] = mapped_column(ForeignKey("target_training_offer.id"), index=True)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    channel: Mapped[str] = mapped_column(String(6), default="epgu")
    status: Mapped[str] = mapped_column(String(10), default="submitted", index=True)
    external_id: Mapped[str | None] = mapped_column(String(60), index=True)
    funding: Mapped[str] = mapped_column(String(10), default="budget")


class TargetTrainingOffer(UuidPk, Base):
    """A customer's offer of target-training contracts, published on ЕЦП."""

    __tablename__ = "target_training_offer"

    customer_employer_id: Mapped[str] = mapped_column(ForeignKey("employer.id"), index=True)
    programme_id: Mapped[str] = mapped_column(ForeignKey("programme.id"), index=True)
    admission_year: Mapped[int] = mapped_column(Integer, index=True)
    contracts_required: Mapped[int] = mapped_column(Integer)
    support_measures: Mapped[list[str]] = mapped_column(JSON, default=list)
    requirements: Mapped[dict] = mapped_column(JSON, default=dict)
    practice_at_customer: Mapped[bool] = mapped_column(Boolean, default=True)
    work_obligation_years: Mapped[int] = mapped_column(Integer, default=3)
    work_place: Mapped[str | None] = mapped_column(String(300))
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    deadline: Mapped[date | None] = mapped_column(Date)
    ecp_offer_id: Mapped[str | None] = mapped_column(String(60), index=True)


class TargetTrainingApplication(UuidPk, Base):
    """An applicant's application (заявка) for a target-training offer."""

    __tablename__ = "target_training_application"
    __table_args__ = (
        UniqueConstraint("youth_id", "offer_id"),
        one_of("channel", APPLICATION_CHANNELS),
        one_of("status", APPLICATION_STATUSES),
    )

    youth_id: Mapped[str] = mapped_column(ForeignKey("youth.id"), index=True)
    offer_id: Mapped[str] = mapped_column(ForeignKey("target_training_offer.id"), index=True)
    submitted_at: Mapped[datetime] = mapped_column(UTCDateTime)
    channel: Mapped[str] = mapped_column(String(6), default="epgu")
    exam_score: Mapped[int | None] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(10), default="submitted", index=True)
    decision_note: Mapped[str | None] = mapped_column(Text)


class TargetTrainingContract(UuidPk, Base):
    """Договор о целевом обучении: support during study in exchange for years of work at the customer."""

    __tablename__ = "target_training_contract"
    __table_args__ = (one_of("status", CONTRACT_STATUSES),)

    number: Mapped[str | None] = mapped_column(String(60), index=True)
    customer_employer_id: Mapped[str] = mapped_column(ForeignKey("employer.id"), index=True)
    youth_id: Mapped[str] = mapped_column(ForeignKey("youth.id"), index=True)
    programme_id: Mapped[str] = mapped_column(ForeignKey("programme.id"), index=True)
    offer_id: Mapped[str | None] = mapped_column(ForeignKey("target_training_offer.id"), index=True)
    signed_at: Mapped[date | None] = mapped_column(Date)
    support_measures: Mapped[list[str]] = mapped_column(JSON, default=list)
    practice_at_customer: Mapped[bool] = mapped_column(Boolean, default=True)
    work_obligation_years: Mapped[int] = mapped_column(Integer, default=3)
    employment_deadline: Mapped[date | None] = mapped_column(Date, index=True)
    status: Mapped[str] = mapped_column(String(12), default="active", index=True)
    penalty_amount: Mapped[float | None] = mapped_column(Numeric(12, 2, asdecimal=False))
