"""Configuration from the environment; the secret key never lives in the repository."""
from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

PROJECT_ROOT = Path(__file__).resolve().parent.parent


def default_database_url(instance_path: Path) -> str:
    return os.environ.get("PROFROUTE_DATABASE_URL") or f"sqlite:///{instance_path / 'profroute.sqlite'}"


def load_secret_key(instance_path: Path) -> str:
    """PROFROUTE_SECRET_KEY, else a key generated once into instance/secret_key (mode 0600)."""
    from_env = os.environ.get("PROFROUTE_SECRET_KEY")
    if from_env:
        return from_env
    key_file = instance_path / "secret_key"
    if not key_file.exists():
        instance_path.mkdir(parents=True, exist_ok=True)
        key_file.write_text(secrets.token_hex(32))
        key_file.chmod(0o600)
    return key_file.read_text().strip()


def base_config(instance_path: Path) -> dict[str, Any]:
    """Defaults; PROFROUTE_SECURE_COOKIES=1 (behind HTTPS) marks the session cookies Secure."""
    secure_cookies = os.environ.get("PROFROUTE_SECURE_COOKIES") == "1"
    return {
        "DATABASE_URL": default_database_url(instance_path),
        "ATTACHMENT_DIR": str(instance_path / "attachments"),
        "ATTACHMENT_MAX_BYTES": 10 * 1024 * 1024,
        "MAX_CONTENT_LENGTH": 11 * 1024 * 1024,
        "NODE_MODULES": os.environ.get("PROFROUTE_NODE_MODULES", str(PROJECT_ROOT / "node_modules")),
        "PROCESSES_DIR": str(PROJECT_ROOT / "processes"),
        "PASSWORD_HASH_METHOD": "scrypt",
        "INBOX_PAGE_SIZE": 25,
        "INBOX_COUNT_CAP": 1000,
        "BABEL_DEFAULT_LOCALE": "ru",
        "BABEL_DEFAULT_TIMEZONE": "Europe/Moscow",
        "SESSION_COOKIE_HTTPONLY": True,
        "SESSION_COOKIE_SECURE": secure_cookies,
        "REMEMBER_COOKIE_SECURE": secure_cookies,
        "SESSION_COOKIE_SAMESITE": "Lax",
        "REMEMBER_COOKIE_HTTPONLY": True,
        "WTF_CSRF_TIME_LIMIT": None,
        "ENGINE": None,
        "WIRING": None,
    }
