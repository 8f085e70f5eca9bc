"""The decision table editor (dmn-js) and the form editor (form-js): the page, the file it opens (the
analyst's draft, else what is deployed), saving a draft (answered with the server's problems) and proposing
it. The same drafts, proposals and second person's approval as the modeller's (web/analyst/proposals.py)."""
from __future__ import annotations

import json

from flask import Response, flash, jsonify, redirect, render_template, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from web.analyst.blueprint import bp
from web.analyst.documents import KINDS
from web.analyst.editor_labels import editor_labels
from web.analyst.forms import CommentForm
from web.analyst.proposals import ProposalError, draft_of, propose, save_draft
from web.analyst.titles import document_titles
from web.db import db_session
from web.engine_access import get_engine

SECTIONS = {"decisions": "decision", "forms": "form"}
PAGES = {"decision": {"entry": "decision-editor", "kind_label": _l("таблица решений")},
         "form": {"entry": "form-editor", "kind_label": _l("форма")}}
MEDIA_TYPES = {"decision": "application/xml", "form": "application/json"}
MAX_DOCUMENT_CHARS = 2_000_000
SECTION = "<any(decisions, forms):section>"


@bp.get(f"/{SECTION}/<key>/edit")
def editor(section: str, key: str) -> ResponseReturnValue:
    kind = SECTIONS[section]
    base = KINDS[kind].base(get_engine(), key)
    title = document_titles(get_engine()).get((kind, key), key)
    draft = draft_of(db_session(), current_user, kind, key)
    return render_template("analyst/document_editor.html", page=PAGES[kind], section=section, key=key, title=title,
                           base=base, draft=draft, form=CommentForm(),
                           labels=json.dumps(editor_labels(kind), ensure_ascii=False))


@bp.get(f"/{SECTION}/<key>/source")
def source(section: str, key: str) -> ResponseReturnValue:
    kind = SECTIONS[section]
    base = KINDS[kind].base(get_engine(), key)
    draft = draft_of(db_session(), current_user, kind, key)
    content = draft.content.encode("utf-8") if draft is not None else base.content
    # an attachment, so a draft is never rendered as a page of this origin
    return Response(content, mimetype=MEDIA_TYPES[kind], headers={
        "Cache-Control": "no-store", "Content-Disposition": f'attachment; filename="{base.filename}"'})


@bp.post(f"/{SECTION}/<key>/draft")
def save(section: str, key: str) -> ResponseReturnValue:
    content = request.get_data(as_text=True)
    if not content.strip() or len(content) > MAX_DOCUMENT_CHARS:
        return jsonify(error=_("Пустой или слишком большой документ.")), 422
    problems = save_draft(db_session(), get_engine(), current_user, SECTIONS[section], key, content)
    return jsonify(problems=[{"element": problem.element_id, "message": problem.message} for problem in problems])


@bp.post(f"/{SECTION}/<key>/propose")
def propose_document(section: str, key: str) -> ResponseReturnValue:
    back = redirect(url_for("analyst.editor", section=section, key=key))
    form = CommentForm()
    if not form.validate_on_submit():
        flash(_("Комментарий длиннее 2000 знаков."), "danger")
        return back
    try:
        propose(db_session(), get_engine(), current_user, SECTIONS[section], key, form.comment.data or "")
    except ProposalError as err:
        flash(" ".join([err.message, *(problem.message for problem in err.problems)]), "danger")
        return back
    flash(_("Предложение отправлено: его утвердит другой аналитик или администратор."), "success")
    return redirect(url_for("analyst.proposals"))

