"""The record of every service-task call that changed the domain, keyed by (instance, task).

A service-task handler writes its row in the same transaction as its domain rows, so a repeated call of
the same task (retry, redelivery, replay against a live database) finds it and returns the stored result
instead of writing the rows twice. It is found by (instance, task) and deleted by instance (the unique
index serves both); the result is kept as packed JSON (storage.PackedJSON).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from domain.models.base import Base, UuidPk
from storage import PackedJSON, UTCDateTime


class ServiceCall(UuidPk, Base):
    """One completed call of a service operation for a task of a process instance."""

    __tablename__ = "service_call"
    __table_args__ = (UniqueConstraint("instance_id", "task_id"),)

    instance_id: Mapped[str] = mapped_column(String(36))
    task_id: Mapped[str] = mapped_column(String(36))
    operation: Mapped[str] = mapped_column(String(80))
    element_id: Mapped[str | None] = mapped_column(String(120))
    business_key: Mapped[str | None] = mapped_column(String(120))
    result: Mapped[dict] = mapped_column(PackedJSON, default=dict)
    called_at: Mapped[datetime] = mapped_column(UTCDateTime)
