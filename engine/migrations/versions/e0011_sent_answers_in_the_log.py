"""a sent outbox row of a route no longer keeps the external system's answer: the route's `external_sent`
audit event has recorded it since the outbox existed, so the row's copy is cleared

Downgrading cannot restore the copies from the log cheaply and need not: nothing reads them.

Revision ID: e0011
Revises: e0010
Create Date: 2026-12-06 22:40:00
"""

from __future__ import annotations

from alembic import op

revision = "e0011"
down_revision = "e0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("UPDATE outbox SET response = NULL WHERE status = 'sent' AND response IS NOT NULL "
               "AND instance_id IN (SELECT id FROM process_instance)")


def downgrade() -> None:
    """Nothing to undo: the answers are in the routes' logs."""
