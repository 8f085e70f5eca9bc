"""Inbox routes: the task list (full page or the htmx fragment) and saved filters."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user
from werkzeug.datastructures import MultiDict

from web.access import Scope
from web.db import db_session
from web.engine_access import get_engine
from web.inbox.query import DUE_CHOICES, PRIORITIES, SORTS, TABS, InboxQuery
from web.inbox.service import (
    SavedFilterError,
    delete_filter,
    inbox_page,
    save_filter,
    saved_filters,
    tab_counts,
)
from web.naming import look_up_people
from web.organisations import CHOICES_TTL_SECONDS, TtlCache, filter_choices

bp = Blueprint("inbox", __name__, url_prefix="/inbox")
CHOICES_CACHE_KEY = "profroute.inbox_choices"


def _choices_cache() -> TtlCache:
    return current_app.extensions.setdefault(CHOICES_CACHE_KEY, TtlCache(CHOICES_TTL_SECONDS))


@bp.get("/")
def index() -> ResponseReturnValue:
    query = InboxQuery.parse(request.args)
    engine = get_engine()
    scope = Scope.of(current_user)
    cap = current_app.config["INBOX_COUNT_CAP"]
    page = inbox_page(engine, scope, query, current_app.config["INBOX_PAGE_SIZE"], cap)
    look_up_people(task.assignee for task in page.tasks)
    context = {"query": query, "page": page, "tabs": TABS, "tab_counts": tab_counts(engine, scope, query, cap, page)}
    if request.headers.get("HX-Request") and request.headers.get("HX-Target") == "inbox-results":
        return render_template("inbox/_results.html", oob=True, **context)
    return render_template(
        "inbox/index.html",
        sorts=SORTS,
        due_choices=DUE_CHOICES,
        priorities=PRIORITIES,
        choices=filter_choices(engine, db_session(), scope, _choices_cache()),
        saved=saved_filters(db_session(), current_user.id),
        **context,
    )


@bp.post("/filters")
def create_filter() -> ResponseReturnValue:
    query = InboxQuery.parse(MultiDict(request.form))
    session = db_session()
    try:
        save_filter(session, current_user.id, request.form.get("name", ""), query)
    except SavedFilterError as error:
        session.rollback()
        if str(error) == "limit":
            flash(_("Сохранено слишком много фильтров; удалите ненужные."), "danger")
        else:
            flash(_("Укажите название фильтра (до 100 символов)."), "danger")
        return redirect(url_for("inbox.index") + "?" + query.filter_args())
    session.commit()
    flash(_("Фильтр сохранён."), "success")
    return redirect(url_for("inbox.index") + "?" + query.filter_args())


@bp.post("/filters/<int:filter_id>/delete")
def remove_filter(filter_id: int) -> ResponseReturnValue:
    session = db_session()
    if not delete_filter(session, current_user.id, filter_id):
        abort(404)
    session.commit()
    flash(_("Фильтр удалён."), "info")
    return redirect(url_for("inbox.index"))
