"""Sign-in and sign-out pages."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_user, logout_user

from web.auth.forms import LoginForm
from web.auth.throttle import LoginThrottle
from web.db import db_session
from web.menus import home_endpoint
from web.users import authenticate

bp = Blueprint("auth", __name__)
THROTTLE_KEY = "profroute.login_throttle"


def login_throttle() -> LoginThrottle:
    return current_app.extensions.setdefault(THROTTLE_KEY, LoginThrottle())


def safe_next(target: str | None) -> str:
    """Only a path on this site; anything else sends the user home (the first place of their menu)."""
    if target and target.startswith("/") and not target.startswith("//") and not urlsplit(target).netloc:
        return target
    if current_user.is_authenticated:
        return url_for(home_endpoint(current_user.role))
    return url_for("main.home")


@bp.route("/login", methods=["GET", "POST"])
def login() -> ResponseReturnValue:
    form = LoginForm()
    if form.validate_on_submit():
        login_name = form.login.data.strip()
        throttle = login_throttle()
        if throttle.blocked(login_name):
            flash(_("Слишком много неудачных попыток входа. Попробуйте через 15 минут."), "danger")
            return render_template("auth/login.html", form=form), 429
        user = authenticate(db_session(), login_name, form.password.data)
        if user is not None:
            throttle.succeeded(login_name)
            login_user(user)
            return redirect(safe_next(request.args.get("next")))
        throttle.failed(login_name)
        flash(_("Неверный логин или пароль."), "danger")
        return render_template("auth/login.html", form=form), 401
    return render_template("auth/login.html", form=form)


@bp.post("/logout")
def logout() -> ResponseReturnValue:
    logout_user()
    flash(_("Вы вышли из системы."), "info")
    return redirect(url_for("auth.login"))
