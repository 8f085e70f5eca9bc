"""Alembic migrations of the domain tables, with their own version table.

`profroute init` upgrades every room's set (`profroute/wiring.py`).
"""
from __future__ import annotations

from pathlib import Path

from storage import MigrationSet

MIGRATIONS = MigrationSet(
    name="domain",
    script_location=Path(__file__).resolve().parent,
    version_table="alembic_version_domain",
)
