"""step events store what changed: snapshots every so often, JSON Patches between (engine.history)

Revision ID: e0004
Revises: e0002
Create Date: 2026-12-05 13:20:00
"""

from __future__ import annotations

from alembic import op

from engine.audit.compaction import compact_history

revision = "e0004"
down_revision = "e0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    compact_history(op.get_bind())


def downgrade() -> None:
    """Nothing to undo: the engine reads logs in either form."""
