"""Analysts' drafts and proposals of decision tables and forms beside the processes' diagrams: each draft and
proposal says what kind of document it holds; a proposal keeps the hash of the content it was based on (a
decision table or a form has no definition version of its own).

Revision ID: web_0004
Revises: web_0003
Create Date: 2026-12-07
"""
from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "web_0004"
down_revision = "web_0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("web_diagram_draft") as table:
        table.add_column(sa.Column("kind", sa.String(20), nullable=False, server_default="process"))
        table.drop_constraint("uq_web_diagram_draft_user_process", type_="unique")
        table.create_unique_constraint("uq_web_diagram_draft_user_kind_key", ["user_id", "kind", "process_key"])
    with op.batch_alter_table("web_deploy_proposal") as table:
        table.add_column(sa.Column("kind", sa.String(20), nullable=False, server_default="process"))
        table.add_column(sa.Column("base_hash", sa.String(64), nullable=True))
        table.alter_column("base_definition_id", existing_type=sa.String(64), nullable=True)


def downgrade() -> None:
    op.execute("DELETE FROM web_deploy_proposal WHERE kind != 'process'")
    op.execute("DELETE FROM web_diagram_draft WHERE kind != 'process'")
    with op.batch_alter_table("web_deploy_proposal") as table:
        table.alter_column("base_definition_id", existing_type=sa.String(64), nullable=False)
        table.drop_column("base_hash")
        table.drop_column("kind")
    with op.batch_alter_table("web_diagram_draft") as table:
        table.drop_constraint("uq_web_diagram_draft_user_kind_key", type_="unique")
        table.create_unique_constraint("uq_web_diagram_draft_user_process", ["user_id", "process_key"])
        table.drop_column("kind")
