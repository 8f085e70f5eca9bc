"""inbox indexes for region-wide priority and stage filters

Revision ID: e0002
Revises: e0001
Create Date: 2026-11-26 06:42:42.193204
"""

from __future__ import annotations

from alembic import op

revision = "e0002"
down_revision = "e0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("human_task", schema=None) as batch_op:
        batch_op.create_index("ix_task_priority", ["status", "priority", "created_at"], unique=False)
        batch_op.create_index("ix_task_stage", ["status", "stage", "created_at"], unique=False)
        batch_op.create_index("ix_task_stage_priority", ["status", "stage", "priority", "created_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("human_task", schema=None) as batch_op:
        batch_op.drop_index("ix_task_stage_priority")
        batch_op.drop_index("ix_task_stage")
        batch_op.drop_index("ix_task_priority")
