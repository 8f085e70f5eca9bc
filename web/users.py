"""Creating and finding users; every user has one role, one organisation and candidate groups."""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import select
from sqlalchemy.orm import Session

from web.models import OrgKind, Role, User, UserGroup
from web.passwords import hash_password, password_matches

#: the candidate group an organisation's operators work in (lane id without `lane_`)
GROUP_OF_ORG_KIND = {
    OrgKind.SCHOOL: "school",
    OrgKind.EDU_ORG: "edu_org",
    OrgKind.CZN: "czn",
    OrgKind.EMPLOYER: "employer",
    OrgKind.MY_BUSINESS: "my_business",
}


class UserError(ValueError):
    """A user cannot be created as asked; the message is for the person who asked."""


@dataclass(frozen=True)
class NewUser:
    login: str
    password: str
    full_name: str
    role: str
    org_kind: str
    org_id: str
    org_name: str = ""
    groups: tuple[str, ...] = field(default_factory=tuple)
    locale: str = "ru"
    timezone: str = "Europe/Moscow"


def default_groups(role: str, org_kind: str) -> tuple[str, ...]:
    groups = [GROUP_OF_ORG_KIND[OrgKind(org_kind)]] if org_kind in GROUP_OF_ORG_KIND else []
    if role == Role.CURATOR:
        groups.append("curator")
    return tuple(groups)


def create_user(session: Session, new: NewUser) -> User:
    """Adds the user to the session (the caller commits)."""
    if new.role not in set(Role):
        raise UserError(f"unknown role {new.role!r}")
    if new.org_kind not in set(OrgKind):
        raise UserError(f"unknown organisation kind {new.org_kind!r}")
    if len(new.password) < 8:
        raise UserError("password must have at least 8 characters")
    if session.scalar(select(User.id).where(User.login == new.login)) is not None:
        raise UserError(f"login {new.login!r} is taken")
    user = User(
        login=new.login,
        password_hash=hash_password(new.password),
        full_name=new.full_name,
        role=new.role,
        org_kind=new.org_kind,
        org_id=str(new.org_id),
        org_name=new.org_name,
        locale=new.locale,
        timezone=new.timezone,
        active=True,
    )
    user.groups = [UserGroup(name=name) for name in (new.groups or default_groups(new.role, new.org_kind))]
    session.add(user)
    return user


def authenticate(session: Session, login: str, password: str) -> User | None:
    user = session.scalar(select(User).where(User.login == login))
    if not password_matches(user.password_hash if user else None, password):
        return None
    return user if user.active else None
