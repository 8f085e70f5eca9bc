"""admission application funding

Revision ID: 0004_domain_application_funding
Revises: 0003_domain_application
Create Date: 2026-12-02 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004_domain_application_funding"
down_revision = "0003_domain_application"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("admission_application", schema=None) as batch_op:
        batch_op.add_column(sa.Column("funding", sa.String(length=10), nullable=False, server_default="budget"))
        batch_op.create_check_constraint(
            op.f("ck_admission_application_funding_allowed"), "funding IN ('budget', 'target', 'paid')"
        )
    op.execute("UPDATE admission_application SET funding = 'target' WHERE target_offer_id IS NOT NULL")


def downgrade() -> None:
    with op.batch_alter_table("admission_application", schema=None) as batch_op:
        batch_op.drop_constraint(op.f("ck_admission_application_funding_allowed"), type_="check")
        batch_op.drop_column("funding")
