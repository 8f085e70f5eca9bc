"""The home page sends people to their inbox; the language switch stores the choice."""
from __future__ import annotations

from flask import Blueprint, abort, redirect, request, session, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from web.auth.views import safe_next
from web.db import db_session
from web.i18n import LOCALES

bp = Blueprint("main", __name__)


@bp.get("/")
def home() -> ResponseReturnValue:
    return redirect(url_for("inbox.index"))


@bp.post("/locale")
def set_locale() -> ResponseReturnValue:
    locale = request.form.get("locale", "")
    if locale not in LOCALES:
        abort(400)
    session["locale"] = locale
    if current_user.is_authenticated:
        current_user.locale = locale
        db_session().merge(current_user)
        db_session().commit()
    return redirect(safe_next(request.form.get("next")))
