"""service call record

Revision ID: 0002_domain_service_call
Revises: 0001_domain
Create Date: 2026-11-26 05:29:38.166906
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_domain_service_call"
down_revision = "0001_domain"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "service_call",
        sa.Column("instance_id", sa.String(length=36), nullable=False),
        sa.Column("task_id", sa.String(length=36), nullable=False),
        sa.Column("operation", sa.String(length=80), nullable=False),
        sa.Column("element_id", sa.String(length=120), nullable=True),
        sa.Column("business_key", sa.String(length=120), nullable=True),
        sa.Column("result", sa.JSON(), nullable=False),
        sa.Column("called_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_call")),
        sa.UniqueConstraint("instance_id", "task_id", name=op.f("uq_service_call_instance_id")),
    )
    with op.batch_alter_table("service_call", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_service_call_business_key"), ["business_key"], unique=False)
        batch_op.create_index(batch_op.f("ix_service_call_instance_id"), ["instance_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_service_call_operation"), ["operation"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("service_call", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_call_operation"))
        batch_op.drop_index(batch_op.f("ix_service_call_instance_id"))
        batch_op.drop_index(batch_op.f("ix_service_call_business_key"))

    op.drop_table("service_call")
