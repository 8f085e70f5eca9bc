"""Administration routes."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import select

from web.admin.blueprint import bp
from web.admin.forms import TokenForm, UserForm
from web.db import db_session
from web.models import User
from web.organisations import REGISTRY_OF_KIND, organisation_name, organisations
from web.security import roles_required
from web.tokens import issue_token, revoke_token, tokens_of
from web.users import NewUser, UserError, create_user


@bp.route("/users", methods=["GET", "POST"])
@roles_required("admin")
def users() -> ResponseReturnValue:
    session = db_session()
    form = UserForm(organisations={kind: organisations(session, kind) for kind in REGISTRY_OF_KIND})
    status = 200
    if form.validate_on_submit():
        org_name = organisation_name(session, form.org_kind, form.org_id)
        try:
            create_user(session, NewUser(login=form.login.data, password=form.password.data,
                                         full_name=form.full_name.data, role=form.role.data,
                                         org_kind=form.org_kind, org_id=form.org_id,
                                         org_name=org_name or str(_l("Регион"))))
        except UserError:
            session.rollback()
            form.login.errors.append(str(_l("Этот логин занят.")))
            status = 422
        else:
            session.commit()
            flash(str(_l("Пользователь создан.")), "success")
            return redirect(url_for("admin.users"), code=303)
    elif form.is_submitted():
        status = 422
    people = list(session.scalars(select(User).order_by(User.org_kind, User.org_name, User.login)))
    return render_template("admin/users.html", form=form, people=people), status


def _person(user_id: int) -> User:
    person = db_session().get(User, user_id)
    if person is None:
        abort(404)
    return person


@bp.get("/users/<int:user_id>/block")
@roles_required("admin")
def confirm_block(user_id: int) -> ResponseReturnValue:
    """Blocking asks first: this page says what blocking does and posts to `set_active`."""
    person = _person(user_id)
    if person.id == current_user.id or not person.active:
        return redirect(url_for("admin.users"), code=303)
    return render_template("admin/block.html", person=person)


@bp.post("/users/<int:user_id>/active")
@roles_required("admin")
def set_active(user_id: int) -> ResponseReturnValue:
    """Blocks or unblocks a person; a blocked person's session and API tokens stop working at once."""
    session = db_session()
    person = _person(user_id)
    if person.id == current_user.id:
        flash(str(_l("Нельзя заблокировать самого себя.")), "danger")
        return redirect(url_for("admin.users"), code=303)
    person.active = request.form.get("active") == "1"
    session.commit()
    flash(str(_l("Пользователь разблокирован.") if person.active else _l("Пользователь заблокирован.")), "info")
    return redirect(url_for("admin.users"), code=303)


@bp.route("/tokens", methods=["GET", "POST"])
def tokens() -> ResponseReturnValue:
    session = db_session()
    form = TokenForm()
    issued = None
    if form.validate_on_submit():
        issued = issue_token(session, session.get(User, current_user.id), form.name.data)
        session.commit()
    return render_template("admin/tokens.html", form=form, issued=issued,
                           tokens=tokens_of(session, current_user.id))


@bp.post("/tokens/<int:token_id>/revoke")
def revoke(token_id: int) -> ResponseReturnValue:
    session = db_session()
    if not revoke_token(session, current_user.id, token_id):
        abort(404)
    session.commit()
    flash(str(_l("Токен отозван.")), "info")
    return redirect(url_for("admin.tokens"), code=303)
