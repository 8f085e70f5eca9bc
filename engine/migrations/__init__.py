"""Alembic migrations of the engine's own tables (version table `alembic_version_engine`)."""
from pathlib import Path

from storage import MigrationSet

MIGRATIONS = MigrationSet(name="engine", script_location=Path(__file__).parent,
                          version_table="alembic_version_engine")
