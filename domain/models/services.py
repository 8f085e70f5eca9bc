"""What the employment services gave a youth, so operators, the youth's card and the reports see it:
vacancies offered, and services that leave no other registry row (platform access, a saved vacancy search,
an employer on the final attestation panel)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import Base, UuidPk, one_of
from domain.models.codes import SERVICE_RECORD_CODES, VACANCY_OFFER_STATUSES
from storage import UTCDateTime


class VacancyOffer(UuidPk, Base):
    """A vacancy offered to a youth («Предложение вакансий»): one row per youth and vacancy, its rank and
    when it was last offered again."""

    __tablename__ = "vacancy_offer"
    __table_args__ = (UniqueConstraint("youth_id", "vacancy_id"), one_of("status", VACANCY_OFFER_STATUSES))

    youth_id: Mapped[str] = mapped_column(ForeignKey("youth.id"), index=True)
    vacancy_id: Mapped[str] = mapped_column(ForeignKey("vacancy.id"), index=True)
    employer_id: Mapped[str] = mapped_column(ForeignKey("employer.id"), index=True)
    offered_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    last_offered_at: Mapped[datetime] = mapped_column(UTCDateTime)
    times_offered: Mapped[int] = mapped_column(Integer, default=1)
    rank: Mapped[int] = mapped_column(Integer)
    reasons: Mapped[list[str]] = mapped_column(JSON, default=list)
    status: Mapped[str] = mapped_column(String(10), default="offered", index=True)
    source_instance_id: Mapped[str | None] = mapped_column(String(36))


class ServiceRecord(UuidPk, Base):
    """One service provided to a youth (`service_code`), with its reference on the providing system and
    the details shown on the youth's card; an employer invited to the attestation panel has its own row."""

    __tablename__ = "service_record"
    __table_args__ = (one_of("service_code", SERVICE_RECORD_CODES),)

    youth_id: Mapped[str] = mapped_column(ForeignKey("youth.id"), index=True)
    service_code: Mapped[str] = mapped_column(String(30), index=True)
    provided_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    provider_lane: Mapped[str] = mapped_column(String(12))
    employer_id: Mapped[str | None] = mapped_column(ForeignKey("employer.id"), index=True)
    edu_org_id: Mapped[str | None] = mapped_column(ForeignKey("edu_org.id"), index=True)
    reference: Mapped[str | None] = mapped_column(String(100))
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    source_instance_id: Mapped[str | None] = mapped_column(String(36))
