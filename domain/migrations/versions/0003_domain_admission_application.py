"""admission application

Revision ID: 0003_domain_application
Revises: 0002_domain_service_call
Create Date: 2026-11-26 06:00:00.050389
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_domain_application"
down_revision = "0002_domain_service_call"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "admission_application",
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("programme_id", sa.String(length=36), nullable=False),
        sa.Column("admission_year", sa.Integer(), nullable=False),
        sa.Column("target_offer_id", sa.String(length=36), nullable=True),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("channel", sa.String(length=6), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("external_id", sa.String(length=60), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "channel IN ('epgu', 'paper', 'ecp')", name=op.f("ck_admission_application_channel_allowed")
        ),
        sa.CheckConstraint(
            "status IN ('submitted', 'admitted', 'rejected', 'withdrawn')",
            name=op.f("ck_admission_application_status_allowed"),
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"], ["programme.id"], name=op.f("fk_admission_application_programme_id_programme")
        ),
        sa.ForeignKeyConstraint(
            ["target_offer_id"],
            ["target_training_offer.id"],
            name=op.f("fk_admission_application_target_offer_id_target_training_offer"),
        ),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_admission_application_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admission_application")),
        sa.UniqueConstraint(
            "youth_id", "programme_id", "admission_year", name=op.f("uq_admission_application_youth_id")
        ),
    )
    with op.batch_alter_table("admission_application", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_admission_application_admission_year"), ["admission_year"], unique=False)
        batch_op.create_index(batch_op.f("ix_admission_application_external_id"), ["external_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_admission_application_programme_id"), ["programme_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_admission_application_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_admission_application_target_offer_id"), ["target_offer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_admission_application_youth_id"), ["youth_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("admission_application", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_admission_application_youth_id"))
        batch_op.drop_index(batch_op.f("ix_admission_application_target_offer_id"))
        batch_op.drop_index(batch_op.f("ix_admission_application_status"))
        batch_op.drop_index(batch_op.f("ix_admission_application_programme_id"))
        batch_op.drop_index(batch_op.f("ix_admission_application_external_id"))
        batch_op.drop_index(batch_op.f("ix_admission_application_admission_year"))

    op.drop_table("admission_application")
