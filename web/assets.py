"""Front-end packages served straight from node_modules, file by file from a whitelist (no CDN)."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, send_from_directory
from flask.typing import ResponseReturnValue

ALLOWED_FILES: dict[str, frozenset[str]] = {
    "bootstrap": frozenset(
        {
            "dist/css/bootstrap.min.css",
            "dist/css/bootstrap.min.css.map",
            "dist/js/bootstrap.bundle.min.js",
            "dist/js/bootstrap.bundle.min.js.map",
        }
    ),
    "htmx.org": frozenset({"dist/htmx.min.js"}),
    "bpmn-js": frozenset(
        {
            "dist/bpmn-navigated-viewer.production.min.js",
            "dist/bpmn-modeler.production.min.js",
            "dist/assets/diagram-js.css",
            "dist/assets/bpmn-js.css",
            "dist/assets/bpmn-font/css/bpmn.css",
            "dist/assets/bpmn-font/css/bpmn-embedded.css",
            "dist/assets/bpmn-font/font/bpmn.woff",
            "dist/assets/bpmn-font/font/bpmn.woff2",
        }
    ),
}

bp = Blueprint("assets", __name__, url_prefix="/assets")


@bp.get("/<package>/<path:file_path>")
def serve(package: str, file_path: str) -> ResponseReturnValue:
    if file_path not in ALLOWED_FILES.get(package, frozenset()):
        abort(404)
    package_dir = Path(current_app.config["NODE_MODULES"]) / package
    return send_from_directory(package_dir, file_path, max_age=86400)
