"""The catalogue and the downloads of what it lists."""
from __future__ import annotations

import io
import zipfile

from flask import abort, render_template, send_file
from flask.typing import ResponseReturnValue

from engine.errors import NotFound
from forms.loader import available_keys, definition_path
from web.analyst import catalogue, decision_sources, proposals
from web.analyst.blueprint import bp
from web.db import db_session
from web.engine_access import get_engine


@bp.get("/")
def index() -> ResponseReturnValue:
    engine = get_engine()
    processes = catalogue.processes(engine)
    return render_template("analyst/index.html", processes=processes,
                           decisions=catalogue.decisions(engine, processes), forms=catalogue.forms(engine, processes),
                           editable_tables=set(decision_sources.tables(engine)),
                           form_deploys=proposals.deploys(db_session(), "form"))


@bp.get("/definitions/<definition_id>/files.zip")
def definition_files(definition_id: str) -> ResponseReturnValue:
    engine = get_engine()
    definition = next((d for d in engine.definitions() if d.id == definition_id), None)
    if definition is None:
        abort(404)
    try:
        files = engine.definition_files(definition_id)
    except NotFound:
        abort(404)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for filename, content in sorted(files.items()):
            archive.writestr(filename, content)
    buffer.seek(0)
    return send_file(buffer, mimetype="application/zip", as_attachment=True,
                     download_name=f"{definition.key}-v{definition.version}.zip")


@bp.get("/forms/<form_key>.form")
def form_file(form_key: str) -> ResponseReturnValue:
    if form_key not in available_keys():
        abort(404)
    path = definition_path(form_key)
    return send_file(path, mimetype="application/json", as_attachment=True, download_name=path.name)
