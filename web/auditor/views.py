"""Routes of the auditors' workbench. Reading only: there is no POST here at all, and the app refuses
every POST of a read-only user before it reaches any view."""
from __future__ import annotations

import re

from flask import Blueprint, Response, abort, redirect, render_template, request, stream_with_context, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from engine import Engine
from web.access import Scope
from web.auditor import service
from web.auditor.filters import ORG_KINDS, STATUSES, WorkbenchSearch, read_search
from web.auditor.labels import CHANGE_LABELS, PROBLEM_LABELS, divergence_text, problem_text
from web.auditor.timeline import raw_json
from web.auditor.wording import compact, field_label, field_value
from web.db import db_session
from web.engine_access import get_engine
from web.i18n import GROUP_LABELS
from web.organisations import organisations

bp = Blueprint("auditor", __name__, url_prefix="/audit")

INDEX_SIZE = 50
INSTANCE_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
EXPORT_TYPES = {"xes": "application/xml", "csv": "text/csv; charset=utf-8"}


@bp.context_processor
def helpers() -> dict[str, object]:
    return {"show": compact, "field_label": field_label, "field_value": field_value, "raw_json": raw_json,
            "group_label": lambda group: str(GROUP_LABELS.get(group or "", group or "—"))}


def _search(engine: Engine) -> WorkbenchSearch:
    service.require_workbench(Scope.of(current_user))
    return read_search(request.args, service.process_names(engine))


@bp.get("/")
def index() -> ResponseReturnValue:
    engine = get_engine()
    search = _search(engine)
    page_text = request.args.get("page", "1")
    page = int(page_text) if page_text.isdigit() and 0 < int(page_text) < 100_000 else 1
    rows = service.routes_page(engine, Scope.of(current_user), search.filters, offset=(page - 1) * INDEX_SIZE,
                               limit=INDEX_SIZE + 1)
    session = db_session()
    return render_template(
        "auditor/index.html", rows=rows[:INDEX_SIZE], has_next=len(rows) > INDEX_SIZE, page=page, search=search,
        processes=sorted(service.process_names(engine).items(), key=lambda item: item[1]), statuses=STATUSES,
        organisations=[(f"{kind}:{org_id}", name) for kind in ORG_KINDS
                       for org_id, name in organisations(session, kind)])


@bp.get("/export.<fmt>")
def export(fmt: str) -> ResponseReturnValue:
    """The event log of the routes the search finds, streamed as the engine reads it."""
    if fmt not in EXPORT_TYPES:
        abort(404)
    engine = get_engine()
    search = _search(engine)
    chunks = engine.export_log(fmt, search.filters)
    stamp = engine.clock.now().strftime("%Y%m%d-%H%M")
    return Response(stream_with_context(chunks), mimetype=EXPORT_TYPES[fmt], headers={
        "Content-Disposition": f'attachment; filename="profroute-audit-{stamp}.{fmt}"'})


@bp.get("/find")
def find() -> ResponseReturnValue:
    """A route's number opens the route; anything else is a youth's name."""
    query = request.args.get("q", "").strip()
    if INSTANCE_ID.match(query):
        return redirect(url_for("auditor.instance", instance_id=query))
    return redirect(url_for("auditor.index", name=query or None))


@bp.get("/instances/<instance_id>")
def instance(instance_id: str) -> ResponseReturnValue:
    seq_text = request.args.get("seq", "")
    seq = int(seq_text) if seq_text.isdigit() and len(seq_text) < 10 else None
    history = service.instance_history(get_engine(), Scope.of(current_user), instance_id, seq)
    return render_template("auditor/instance.html", history=history, change_labels=CHANGE_LABELS)


@bp.get("/instances/<instance_id>/replay")
def replay(instance_id: str) -> ResponseReturnValue:
    summary = service.replay_report(get_engine(), Scope.of(current_user), instance_id)
    return render_template("auditor/replay.html", summary=summary, divergence_text=divergence_text)


@bp.get("/youth/<youth_id>")
def youth(youth_id: str) -> ResponseReturnValue:
    timeline = service.youth_timeline(get_engine(), Scope.of(current_user), youth_id)
    return render_template("auditor/youth.html", timeline=timeline, change_labels=CHANGE_LABELS)


@bp.get("/verify")
def verify() -> ResponseReturnValue:
    instance_id = request.args.get("instance") or None
    report = service.verification(get_engine(), Scope.of(current_user), instance_id)
    return render_template("auditor/verify.html", report=report, instance_id=instance_id,
                           problem_labels=PROBLEM_LABELS, problem_text=problem_text)
