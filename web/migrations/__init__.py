"""Alembic migrations of the web room's tables (version table `alembic_version_web`)."""
from __future__ import annotations

from pathlib import Path

from storage import MigrationSet

MIGRATIONS = MigrationSet(
    name="web",
    script_location=Path(__file__).resolve().parent,
    version_table="alembic_version_web",
)
