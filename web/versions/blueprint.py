"""The versions blueprint (analysts and administrators); its routes live in `migrate` and `compare`."""
from __future__ import annotations

from flask import Blueprint

bp = Blueprint("versions", __name__, url_prefix="/versions")
ROLES = ("analyst", "admin")
