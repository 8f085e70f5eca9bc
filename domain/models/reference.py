"""Reference data: specialties (ОКСО), territory, service catalogue and career-event types."""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import Base, Timestamped, one_of
from domain.models.codes import CHANNELS, LANES, RISK_SCOPES, SPECIALTY_LEVELS

OKSO_LEVELS = {
    "01": "spo_worker",
    "02": "spo_specialist",
    "03": "bachelor",
    "04": "master",
    "05": "specialist",
    "06": "postgraduate",
    "07": "postgraduate",
    "08": "postgraduate",
}


def ugs_of(okso_code: str) -> str:
    """The enlarged group (УГС) of an ОКСО code: `09.02.07` → `09.00.00`."""
    parts = okso_code.split(".")
    if len(parts) != 3 or not all(len(part) == 2 and part.isdigit() for part in parts):
        raise ValueError(f"not an ОКСО code (UU.LL.NN): {okso_code!r}")
    return f"{parts[0]}.00.00"


def level_of(okso_code: str) -> str:
    """The education level encoded in the middle pair of an ОКСО code."""
    ugs_of(okso_code)
    level = OKSO_LEVELS.get(okso_code.split(".")[1])
    if level is None:
        raise ValueError(f"unknown ОКСО level in {okso_code!r}")
    return level


class Specialty(Timestamped, Base):
    """A profession, specialty or field of study of ОК 009-2016 (ОКСО)."""

    __tablename__ = "specialty"
    __table_args__ = (one_of("level", SPECIALTY_LEVELS),)

    okso_code: Mapped[str] = mapped_column(String(8), primary_key=True)
    name_ru: Mapped[str] = mapped_column(String(300))
    ugs_code: Mapped[str] = mapped_column(String(8), index=True)
    ugs_name_ru: Mapped[str | None] = mapped_column(String(300))
    level: Mapped[str] = mapped_column(String(20))
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)


class Region(Timestamped, Base):
    """A federal subject; `code` is its two-digit code (also the trudvsem API shard)."""

    __tablename__ = "region"

    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    name_ru: Mapped[str] = mapped_column(String(200))


class Municipality(Timestamped, Base):
    """A municipal district or city district; `oktmo` is its ОКТМО code."""

    __tablename__ = "municipality"

    oktmo: Mapped[str] = mapped_column(String(11), primary_key=True)
    region_code: Mapped[str] = mapped_column(ForeignKey("region.code"), index=True)
    name_ru: Mapped[str] = mapped_column(String(200))
    is_urban: Mapped[bool] = mapped_column(Boolean, default=True)


class ServiceCatalogItem(Timestamped, Base):
    """A service or support measure that an individual plan can contain."""

    __tablename__ = "service_catalog_item"
    __table_args__ = (
        one_of("provider_lane", LANES),
        one_of("channel", CHANNELS),
        one_of("for_risk_level", RISK_SCOPES),
    )

    code: Mapped[str] = mapped_column(String(60), primary_key=True)
    name_ru: Mapped[str] = mapped_column(String(300))
    name_en: Mapped[str] = mapped_column(String(300))
    provider_lane: Mapped[str] = mapped_column(String(20))
    legal_basis: Mapped[str | None] = mapped_column(String(200))
    channel: Mapped[str] = mapped_column(String(10), default="offline")
    min_age: Mapped[int | None] = mapped_column(Integer)
    max_age: Mapped[int | None] = mapped_column(Integer)
    for_risk_level: Mapped[str] = mapped_column(String(10), default="any")
    due_in_days: Mapped[int] = mapped_column(Integer, default=30)
    sort_order: Mapped[int] = mapped_column(Integer, default=100)


class CareerEventType(Timestamped, Base):
    """A kind of career-guidance event (урок ЕМП, профтур, ярмарка …)."""

    __tablename__ = "career_event_type"

    code: Mapped[str] = mapped_column(String(30), primary_key=True)
    name_ru: Mapped[str] = mapped_column(String(200))
    description_ru: Mapped[str | None] = mapped_column(Text)
    min_grade: Mapped[int | None] = mapped_column(Integer)
    max_grade: Mapped[int | None] = mapped_column(Integer)
    for_students: Mapped[bool] = mapped_column(Boolean, default=False)
