"""step events store what changed: snapshots every so often, JSON Patches between (engine.history)

Revision ID: e0004
Revises: e0002
Create Date: 2026-12-05 13:20:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

from engine.audit.compaction import LogTables, compact_history
from storage import UTCDateTime

revision = "e0004"
down_revision = "e0002"
branch_labels = None
depends_on = None

TABLES = LogTables(
    sa.table("audit_event", sa.column("id", sa.Integer()), sa.column("instance_id", sa.String()),
             sa.column("seq", sa.Integer()), sa.column("kind", sa.String()), sa.column("at", UTCDateTime()),
             sa.column("actor", sa.String()), sa.column("element_id", sa.String()), sa.column("task_id", sa.String()),
             sa.column("payload", sa.JSON()), sa.column("prev_hash", sa.String()), sa.column("hash", sa.String())),
    sa.table("process_instance", sa.column("id", sa.String()), sa.column("audit_head", sa.String())))
"""The audit tables as this revision has them (JSON payloads, hex hashes: e0006 packs both)."""


def upgrade() -> None:
    compact_history(op.get_bind(), TABLES)


def downgrade() -> None:
    """Nothing to undo: the engine reads logs in either form."""
