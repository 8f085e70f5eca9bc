"""The administration blueprint; its routes live in `views` (users, tokens) and `incidents`."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("admin", __name__, url_prefix="/admin")
