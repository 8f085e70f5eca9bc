"""Password hashing with Werkzeug (scrypt by default; tests may pick a cheaper method)."""
from __future__ import annotations

from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

#: compared against when a login does not exist, so a wrong login costs as much time as a wrong password
_UNKNOWN_USER_HASH: dict[str, str] = {}


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=current_app.config["PASSWORD_HASH_METHOD"])


def password_matches(password_hash: str | None, password: str) -> bool:
    if password_hash is None:
        method = current_app.config["PASSWORD_HASH_METHOD"]
        reference = _UNKNOWN_USER_HASH.setdefault(method, generate_password_hash("-", method=method))
        check_password_hash(reference, password)
        return False
    return check_password_hash(password_hash, password)
