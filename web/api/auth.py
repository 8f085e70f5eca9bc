"""Bearer-token authentication of the API; the same roles and scope as the web pages."""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from flask import abort, g, request

from web.access import Scope
from web.db import db_session
from web.models import User
from web.tokens import user_for_token

F = TypeVar("F", bound=Callable)


def token_required(view: F) -> F:
    """401 without a valid token; 403 for an auditor's write (the auditor role is read-only)."""

    @wraps(view)
    def wrapper(*args, **kwargs):
        header = request.headers.get("Authorization", "")
        scheme, _, token = header.partition(" ")
        user = user_for_token(db_session(), token.strip()) if scheme.lower() == "bearer" else None
        if user is None:
            abort(401)
        if request.method not in ("GET", "HEAD", "OPTIONS") and user.read_only:
            abort(403)
        g.api_user = user
        return view(*args, **kwargs)

    return wrapper  # type: ignore[return-value]


def api_user() -> User:
    return g.api_user


def api_scope() -> Scope:
    return Scope.of(g.api_user)
