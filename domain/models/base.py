"""Declarative base, common columns and small column helpers shared by every domain table."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import CheckConstraint, MetaData, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from storage import NAMING_CONVENTION, UTCDateTime

PII: dict[str, Any] = {"pii": True}
"""`info=` marker of a personal-data column (152-ФЗ); exports and audit views mask these."""


def new_id() -> str:
    return str(uuid.uuid4())


def utcnow() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Timestamped:
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class UuidPk(Timestamped):
    """A 36-character UUID string primary key plus timestamps."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)


def one_of(column: str, allowed: Iterable[str]) -> CheckConstraint:
    """CHECK constraint keeping a string column within a closed set of codes (portable enum)."""
    values = ", ".join(f"'{value}'" for value in allowed)
    return CheckConstraint(f"{column} IN ({values})", name=f"{column}_allowed")


def pii_columns(model: type[Base]) -> list[str]:
    """Names of the columns of a model that hold personal data."""
    return [column.name for column in model.__table__.columns if column.info.get("pii")]
