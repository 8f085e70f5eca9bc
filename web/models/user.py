"""People: users with a role, one organisation and candidate groups."""
from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from flask_login import UserMixin
from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from web.models.base import Base, UTCDateTime, utcnow


class Role(StrEnum):
    OPERATOR = "operator"
    CURATOR = "curator"
    ANALYST = "analyst"
    AUDITOR = "auditor"
    ADMIN = "admin"


class OrgKind(StrEnum):
    SCHOOL = "school"
    EDU_ORG = "edu_org"
    CZN = "czn"
    EMPLOYER = "employer"
    MY_BUSINESS = "my_business"
    REGION = "region"


#: roles that see every organisation of the region (read access; only admins change assignments)
REGION_WIDE_ROLES = frozenset({Role.ANALYST, Role.AUDITOR, Role.ADMIN})
#: roles that do the work of a task: claim it and complete it
WORKER_ROLES = frozenset({Role.OPERATOR, Role.CURATOR})


class User(UserMixin, Base):
    __tablename__ = "web_user"

    id: Mapped[int] = mapped_column(primary_key=True)
    login: Mapped[str] = mapped_column(String(80), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    full_name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    org_kind: Mapped[str] = mapped_column(String(20))
    org_id: Mapped[str] = mapped_column(String(64))
    org_name: Mapped[str] = mapped_column(String(300), default="")
    locale: Mapped[str] = mapped_column(String(5), default="ru")
    timezone: Mapped[str] = mapped_column(String(64), default="Europe/Moscow")
    active: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)

    groups: Mapped[list[UserGroup]] = relationship(
        back_populates="user", cascade="all, delete-orphan", lazy="selectin"
    )

    __table_args__ = (Index("ix_web_user_org", "org_kind", "org_id"),)

    @property
    def is_active(self) -> bool:  # Flask-Login
        return self.active

    @property
    def group_names(self) -> list[str]:
        return sorted(group.name for group in self.groups)

    @property
    def region_wide(self) -> bool:
        return self.role in REGION_WIDE_ROLES

    @property
    def works_tasks(self) -> bool:
        return self.role in WORKER_ROLES

    @property
    def read_only(self) -> bool:
        return self.role == Role.AUDITOR


class UserGroup(Base):
    """Membership of a user in a candidate group (a lane id such as `school`, or `curator`)."""

    __tablename__ = "web_user_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("web_user.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(40))

    user: Mapped[User] = relationship(back_populates="groups")

    __table_args__ = (UniqueConstraint("user_id", "name", name="uq_web_user_group_user_name"),)
