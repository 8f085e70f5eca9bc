"""The home page sends people to the first place of their menu; the language switch and the profile store choices."""
from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import text
from sqlalchemy.exc import SQLAlchemyError

from web.auth.views import safe_next
from web.db import db_session
from web.i18n import LOCALES
from web.main.forms import ProfileForm
from web.menus import home_endpoint

bp = Blueprint("main", __name__)


@bp.get("/")
def home() -> ResponseReturnValue:
    return redirect(url_for(home_endpoint(current_user.role)))


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


@bp.route("/profile", methods=["GET", "POST"])
def profile() -> ResponseReturnValue:
    form = ProfileForm(timezone=current_user.timezone)
    if form.validate_on_submit():
        current_user.timezone = form.timezone.data
        db_session().merge(current_user)
        db_session().commit()
        flash(str(_l("Часовой пояс сохранён.")), "success")
        return redirect(url_for("main.profile"), code=303)
    return render_template("main/profile.html", form=form), 422 if form.is_submitted() else 200


@bp.get("/healthz")
def health() -> ResponseReturnValue:
    """For load balancers and probes: 200 when the database answers, 503 otherwise (no login needed)."""
    try:
        db_session().execute(text("SELECT 1"))
    except SQLAlchemyError:
        current_app.logger.exception("health check: database unreachable")
        return jsonify(status="database unreachable"), 503
    return jsonify(status="ok")
