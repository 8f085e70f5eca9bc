"""Routes of the auditors' workbench. Reading only: there is no POST here at all, and the app refuses
every POST of a read-only user before it reaches any view."""
from __future__ import annotations

import re

from flask import Blueprint, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from web.access import Scope
from web.auditor import service
from web.auditor.labels import CHANGE_LABELS, PROBLEM_LABELS, divergence_text, problem_text
from web.auditor.timeline import show
from web.engine_access import get_engine

bp = Blueprint("auditor", __name__, url_prefix="/audit")

INDEX_SIZE = 50
STATUSES = ("active", "suspended", "completed", "cancelled")
INSTANCE_ID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")


@bp.context_processor
def helpers() -> dict[str, object]:
    return {"show": show}


@bp.get("/")
def index() -> ResponseReturnValue:
    engine = get_engine()
    processes = service.process_names(engine)
    process_key = request.args.get("process") if request.args.get("process") in processes else None
    status = request.args.get("status") if request.args.get("status") in STATUSES else None
    page_text = request.args.get("page", "1")
    page = int(page_text) if page_text.isdigit() and 0 < int(page_text) < 100_000 else 1
    found = service.instances_page(engine, Scope.of(current_user), process_key=process_key, status=status,
                                   offset=(page - 1) * INDEX_SIZE, limit=INDEX_SIZE + 1)
    return render_template("auditor/index.html", instances=found[:INDEX_SIZE], has_next=len(found) > INDEX_SIZE,
                           page=page, processes=sorted(processes.items(), key=lambda item: item[1]),
                           process_key=process_key, status=status, statuses=STATUSES)


@bp.get("/find")
def find() -> ResponseReturnValue:
    query = request.args.get("q", "").strip()
    if not query:
        return redirect(url_for("auditor.index"))
    if INSTANCE_ID.match(query):
        return redirect(url_for("auditor.instance", instance_id=query))
    return redirect(url_for("auditor.youth", youth_id=query))


@bp.get("/instances/<instance_id>")
def instance(instance_id: str) -> ResponseReturnValue:
    seq_text = request.args.get("seq", "")
    seq = int(seq_text) if seq_text.isdigit() and len(seq_text) < 10 else None
    history = service.instance_history(get_engine(), Scope.of(current_user), instance_id, seq)
    return render_template("auditor/instance.html", history=history, change_labels=CHANGE_LABELS)


@bp.get("/instances/<instance_id>/replay")
def replay(instance_id: str) -> ResponseReturnValue:
    instance, report = service.replay_report(get_engine(), Scope.of(current_user), instance_id)
    return render_template("auditor/replay.html", instance=instance, report=report,
                           divergence_text=divergence_text)


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
