"""The analysts' workbench (catalogue, modeller, drafts and deploys): analysts and admins only."""
from __future__ import annotations

from flask import Blueprint, abort
from flask_login import current_user

from web.models import Role

bp = Blueprint("analyst", __name__, url_prefix="/analyst")
ROLES = (Role.ANALYST, Role.ADMIN)


@bp.before_request
def analysts_only() -> None:
    if current_user.role not in ROLES:
        abort(403)
