"""student_enrollment.academic_debt_since: when the oldest open academic debt arose

Revision ID: 0005_domain_debt_since
Revises: 0004_domain_application_funding
Create Date: 2026-12-03 10:00:00.000000
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_domain_debt_since"
down_revision = "0004_domain_application_funding"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("student_enrollment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("academic_debt_since", sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("student_enrollment", schema=None) as batch_op:
        batch_op.drop_column("academic_debt_since")
