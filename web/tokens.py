"""Per-user API tokens: shown once when issued, stored as a SHA-256, revocable."""
from __future__ import annotations

import hashlib
import secrets
from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from web.models import ApiToken, User

TOKEN_PREFIX = "prt_"  # noqa: S105 - a public marker, not a secret


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def issue_token(session: Session, user: User, name: str) -> str:
    """Adds the token row (the caller commits) and returns the token text, which is never stored."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    session.add(ApiToken(user_id=user.id, name=name.strip()[:100] or "API", token_sha256=_digest(token),
                         prefix=token[:12]))
    return token


def user_for_token(session: Session, token: str) -> User | None:
    if not token.startswith(TOKEN_PREFIX):
        return None
    row = session.scalar(select(ApiToken).where(ApiToken.token_sha256 == _digest(token)))
    if row is None or row.revoked_at is not None or not row.user.active:
        return None
    row.last_used_at = datetime.now(UTC)
    session.commit()
    return row.user


def tokens_of(session: Session, user_id: int) -> list[ApiToken]:
    query = select(ApiToken).where(ApiToken.user_id == user_id).order_by(ApiToken.created_at.desc())
    return list(session.scalars(query))


def revoke_token(session: Session, user_id: int, token_id: int) -> bool:
    row = session.get(ApiToken, token_id)
    if row is None or row.user_id != user_id:
        return False
    row.revoked_at = row.revoked_at or datetime.now(UTC)
    return True
