"""Analysts' what-if scenarios and background jobs.

Revision ID: web_0003
Revises: web_0002
Create Date: 2026-12-06
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "web_0003"
down_revision = "web_0002"
branch_labels = None
depends_on = None

AWARE = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "web_scenario",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("author_id", sa.Integer, nullable=True),
        sa.Column("author_name", sa.String(200), nullable=False),
        sa.Column("created_at", AWARE, nullable=False),
        sa.Column("document", sa.JSON, nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_web_scenario"),
        sa.ForeignKeyConstraint(["author_id"], ["web_user.id"], ondelete="SET NULL",
                                name="fk_web_scenario_author_id_web_user"),
    )
    op.create_index("ix_web_scenario_author_id", "web_scenario", ["author_id"])
    op.create_table(
        "web_job",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("scenario_id", sa.Integer, nullable=True),
        sa.Column("created_by", sa.Integer, nullable=True),
        sa.Column("created_at", AWARE, nullable=False),
        sa.Column("finished_at", AWARE, nullable=True),
        sa.Column("status", sa.String(12), nullable=False),
        sa.Column("done", sa.Integer, nullable=False),
        sa.Column("total", sa.Integer, nullable=False),
        sa.Column("pid", sa.Integer, nullable=True),
        sa.Column("workdir", sa.String(500), nullable=False),
        sa.Column("error", sa.Text, nullable=True),
        sa.Column("result", sa.JSON, nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_web_job"),
        sa.ForeignKeyConstraint(["scenario_id"], ["web_scenario.id"], ondelete="CASCADE",
                                name="fk_web_job_scenario_id_web_scenario"),
        sa.ForeignKeyConstraint(["created_by"], ["web_user.id"], ondelete="SET NULL",
                                name="fk_web_job_created_by_web_user"),
    )
    op.create_index("ix_web_job_scenario_id", "web_job", ["scenario_id"])
    op.create_index("ix_web_job_created_by", "web_job", ["created_by"])


def downgrade() -> None:
    op.drop_table("web_job")
    op.drop_table("web_scenario")
