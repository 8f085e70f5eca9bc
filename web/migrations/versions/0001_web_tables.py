"""Web tables: users, group memberships, saved filters, drafts, attachments, delegations, API tokens.

Revision ID: web_0001
Revises:
Create Date: 2026-11-26
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "web_0001"
down_revision = None
branch_labels = None
depends_on = None

AWARE = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "web_user",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("login", sa.String(80), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("full_name", sa.String(200), nullable=False),
        sa.Column("role", sa.String(20), nullable=False),
        sa.Column("org_kind", sa.String(20), nullable=False),
        sa.Column("org_id", sa.String(64), nullable=False),
        sa.Column("org_name", sa.String(300), nullable=False),
        sa.Column("locale", sa.String(5), nullable=False),
        sa.Column("timezone", sa.String(64), nullable=False),
        sa.Column("active", sa.Boolean, nullable=False),
        sa.Column("created_at", AWARE, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_web_user"),
        sa.UniqueConstraint("login", name="uq_web_user_login"),
    )
    op.create_index("ix_web_user_org", "web_user", ["org_kind", "org_id"])
    op.create_table(
        "web_user_group",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(40), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_web_user_group"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["web_user.id"], ondelete="CASCADE", name="fk_web_user_group_user_id_web_user"
        ),
        sa.UniqueConstraint("user_id", "name", name="uq_web_user_group_user_name"),
    )
    op.create_table(
        "web_saved_filter",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("query", sa.String(2000), nullable=False),
        sa.Column("created_at", AWARE, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_web_saved_filter"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["web_user.id"], ondelete="CASCADE", name="fk_web_saved_filter_user_id_web_user"
        ),
        sa.UniqueConstraint("user_id", "name", name="uq_web_saved_filter_user_name"),
    )
    op.create_index("ix_web_saved_filter_user_id", "web_saved_filter", ["user_id"])
    op.create_table(
        "web_task_draft",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("task_id", sa.String(64), nullable=False),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("data", sa.JSON, nullable=False),
        sa.Column("updated_at", AWARE, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_web_task_draft"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["web_user.id"], ondelete="CASCADE", name="fk_web_task_draft_user_id_web_user"
        ),
        sa.UniqueConstraint("task_id", "user_id", name="uq_web_task_draft_task_user"),
    )
    op.create_table(
        "web_attachment",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("task_id", sa.String(64), nullable=False),
        sa.Column("instance_id", sa.String(64), nullable=False),
        sa.Column("file_name", sa.String(255), nullable=False),
        sa.Column("content_type", sa.String(100), nullable=False),
        sa.Column("size", sa.Integer, nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("storage_key", sa.String(255), nullable=False),
        sa.Column("uploaded_by", sa.String(80), nullable=False),
        sa.Column("uploaded_at", AWARE, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_web_attachment"),
    )
    op.create_index("ix_web_attachment_task_id", "web_attachment", ["task_id"])
    op.create_index("ix_web_attachment_instance_id", "web_attachment", ["instance_id"])
    op.create_table(
        "web_delegation",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("task_id", sa.String(64), nullable=False),
        sa.Column("owner", sa.String(80), nullable=False),
        sa.Column("delegate", sa.String(80), nullable=False),
        sa.Column("created_at", AWARE, nullable=False),
        sa.Column("resolved_at", AWARE, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_web_delegation"),
    )
    op.create_index("ix_web_delegation_task_open", "web_delegation", ["task_id", "resolved_at"])
    op.create_table(
        "web_api_token",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("name", sa.String(100), nullable=False),
        sa.Column("token_sha256", sa.String(64), nullable=False),
        sa.Column("prefix", sa.String(12), nullable=False),
        sa.Column("created_at", AWARE, nullable=False),
        sa.Column("last_used_at", AWARE, nullable=True),
        sa.Column("revoked_at", AWARE, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_web_api_token"),
        sa.ForeignKeyConstraint(
            ["user_id"], ["web_user.id"], ondelete="CASCADE", name="fk_web_api_token_user_id_web_user"
        ),
        sa.UniqueConstraint("token_sha256", name="uq_web_api_token_token_sha256"),
    )
    op.create_index("ix_web_api_token_user_id", "web_api_token", ["user_id"])


def downgrade() -> None:
    for table in (
        "web_api_token",
        "web_delegation",
        "web_attachment",
        "web_task_draft",
        "web_saved_filter",
        "web_user_group",
        "web_user",
    ):
        op.drop_table(table)
