"""Analysts' diagram drafts and deploy proposals with their steps.

Revision ID: web_0002
Revises: web_0001
Create Date: 2026-12-06
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "web_0002"
down_revision = "web_0001"
branch_labels = None
depends_on = None

AWARE = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "web_diagram_draft",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("process_key", sa.String(100), nullable=False),
        sa.Column("filename", sa.String(200), nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("updated_at", AWARE, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_web_diagram_draft"),
        sa.ForeignKeyConstraint(["user_id"], ["web_user.id"], ondelete="CASCADE",
                                name="fk_web_diagram_draft_user_id_web_user"),
        sa.UniqueConstraint("user_id", "process_key", name="uq_web_diagram_draft_user_process"),
    )
    op.create_table(
        "web_deploy_proposal",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("process_key", sa.String(100), nullable=False),
        sa.Column("base_definition_id", sa.String(64), nullable=False),
        sa.Column("filename", sa.String(200), nullable=False),
        sa.Column("content", sa.Text, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("proposed_by", sa.String(80), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("deployed_definition_id", sa.String(64), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_web_deploy_proposal"),
    )
    op.create_index("ix_web_deploy_proposal_status", "web_deploy_proposal", ["status"])
    op.create_table(
        "web_deploy_step",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("proposal_id", sa.Integer, nullable=False),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("actor", sa.String(80), nullable=False),
        sa.Column("at", AWARE, nullable=False),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("comment", sa.String(2000), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_web_deploy_step"),
        sa.ForeignKeyConstraint(["proposal_id"], ["web_deploy_proposal.id"], ondelete="CASCADE",
                                name="fk_web_deploy_step_proposal_id_web_deploy_proposal"),
    )
    op.create_index("ix_web_deploy_step_proposal_id", "web_deploy_step", ["proposal_id"])


def downgrade() -> None:
    op.drop_table("web_deploy_step")
    op.drop_index("ix_web_deploy_proposal_status", table_name="web_deploy_proposal")
    op.drop_table("web_deploy_proposal")
    op.drop_table("web_diagram_draft")
