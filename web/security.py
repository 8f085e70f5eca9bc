"""Security headers, the login wall, the auditors' read-only rule and role checks."""
from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import TypeVar

from flask import Flask, Response, abort, current_app, request
from flask_login import current_user
from werkzeug.exceptions import MethodNotAllowed

from web.extensions import login_manager

# No 'unsafe-inline' for styles: templates and rendered forms carry no style attributes or <style> blocks
# (classes in static/css/app.css; tests/web/test_web_security.py scans them). Scripts may still set styles
# through the CSSOM (element.style), which CSP allows; bpmn-js 18 (whitelisted in web/assets.py) styles its
# canvas that way and imports, zooms and edits diagrams under this policy with no refusal, so no page needs
# a relaxed policy.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Frame-Options": "DENY",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}
#: endpoints reachable without a session (the API checks its own bearer tokens)
PUBLIC_ENDPOINTS = frozenset({"auth.login", "assets.serve", "static", "main.set_locale", "main.health"})
#: POSTs an auditor may still make: signing out and personal settings, no business data
AUDITOR_ALLOWED_POSTS = frozenset({"auth.logout", "main.set_locale", "main.profile"})

F = TypeVar("F", bound=Callable)


def add_security_headers(response: Response) -> Response:
    for name, value in SECURITY_HEADERS.items():
        response.headers.setdefault(name, value)
    if current_app.config["SESSION_COOKIE_SECURE"]:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    if request.endpoint not in ("assets.serve", "static"):
        response.headers.setdefault("Cache-Control", "no-store")
    return response


def require_login() -> Response | None:
    """Every page needs a signed-in user, except the public ones and the token-authenticated API."""
    endpoint = request.endpoint or ""
    if endpoint in PUBLIC_ENDPOINTS or endpoint.startswith("api."):
        return None
    if isinstance(request.routing_exception, MethodNotAllowed) or request.path.startswith("/api/"):
        return None  # 405 with its Allow header, and the API's own 404s, rather than the login page
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    writes = request.method not in ("GET", "HEAD", "OPTIONS")
    if writes and current_user.read_only and endpoint not in AUDITOR_ALLOWED_POSTS:
        abort(403)
    return None


def roles_required(*roles: str) -> Callable[[F], F]:
    def decorate(view: F) -> F:
        @wraps(view)
        def wrapper(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapper  # type: ignore[return-value]

    return decorate


def init_security(app: Flask) -> None:
    app.before_request(require_login)
    app.after_request(add_security_headers)
