"""The proposals to deploy, with their steps; approving (which deploys) and rejecting."""
from __future__ import annotations

from flask import abort, flash, redirect, render_template, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from web.analyst import proposals as service
from web.analyst.blueprint import bp
from web.analyst.forms import CommentForm
from web.analyst.titles import document_titles
from web.db import db_session
from web.engine_access import get_engine
from web.models import DeployProposal

STEP_LABELS = {"proposed": _l("Предложено"), "approved": _l("Утверждено"), "deployed": _l("Развёрнуто"),
               "unchanged": _l("Без изменений"), "rejected": _l("Отклонено")}
KIND_LABELS = {"process": _l("Процесс"), "decision": _l("Таблица решений"), "form": _l("Форма")}


@bp.context_processor
def helpers() -> dict[str, object]:
    return {"proposal_status": lambda kind: str(STEP_LABELS.get(kind, kind)),
            "document_kind": lambda kind: str(KIND_LABELS.get(kind, kind))}


@bp.get("/proposals")
def proposals() -> ResponseReturnValue:
    engine = get_engine()
    labels = {definition.id: definition for definition in engine.definitions()}
    return render_template("analyst/proposals.html", proposals=service.proposals(db_session()),
                           titles=document_titles(engine), definitions=labels, form=CommentForm())


@bp.post("/proposals/<int:proposal_id>/approve")
def approve(proposal_id: int) -> ResponseReturnValue:
    return _decide(proposal_id, service.approve, _("Предложение утверждено и развёрнуто."))


@bp.post("/proposals/<int:proposal_id>/reject")
def reject(proposal_id: int) -> ResponseReturnValue:
    return _decide(proposal_id, service.reject, _("Предложение отклонено."))


def _decide(proposal_id: int, decide, done: str) -> ResponseReturnValue:
    session = db_session()
    proposal = session.get(DeployProposal, proposal_id)
    if proposal is None:
        abort(404)
    form = CommentForm()
    if not form.validate_on_submit():
        flash(_("Комментарий длиннее 2000 знаков."), "danger")
        return redirect(url_for("analyst.proposals"))
    try:
        decide(session, get_engine(), current_user, proposal, form.comment.data or "")
    except service.ProposalError as err:
        session.rollback()
        flash(" ".join([err.message, *(problem.message for problem in err.problems)]), "danger")
        return redirect(url_for("analyst.proposals"))
    flash(done, "success")
    return redirect(url_for("analyst.proposals"))
