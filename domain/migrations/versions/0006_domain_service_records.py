"""vacancy_offer and service_record: the vacancies offered to a youth and the services provided;
profiling_result.context also allows graduate_followup (the 1.5-month repeat profiling of an unemployed graduate)

Revision ID: 0006_domain_service_records
Revises: 0005_domain_debt_since
Create Date: 2026-12-05 13:23:11.763334
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_domain_service_records"
down_revision = "0005_domain_debt_since"
branch_labels = None
depends_on = None


CONTEXT_CHECK = "ck_profiling_result_context_allowed"
CONTEXTS_BEFORE = "context IN ('student_periodic', 'student_ip', 'graduate_ip')"
CONTEXTS_AFTER = "context IN ('student_periodic', 'student_ip', 'graduate_ip', 'graduate_followup')"


def _profiling_contexts(condition: str) -> None:
    with op.batch_alter_table("profiling_result", schema=None) as batch_op:
        batch_op.drop_constraint(op.f(CONTEXT_CHECK), type_="check")
        batch_op.create_check_constraint(op.f(CONTEXT_CHECK), condition)


def upgrade() -> None:
    _profiling_contexts(CONTEXTS_AFTER)
    op.create_table(
        "service_record",
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("service_code", sa.String(length=30), nullable=False),
        sa.Column("provided_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("provider_lane", sa.String(length=12), nullable=False),
        sa.Column("employer_id", sa.String(length=36), nullable=True),
        sa.Column("edu_org_id", sa.String(length=36), nullable=True),
        sa.Column("reference", sa.String(length=100), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("source_instance_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "service_code IN ('career_navigation', 'vacancy_search', 'employer_in_attestation')",
            name=op.f("ck_service_record_service_code_allowed"),
        ),
        sa.ForeignKeyConstraint(["edu_org_id"], ["edu_org.id"], name=op.f("fk_service_record_edu_org_id_edu_org")),
        sa.ForeignKeyConstraint(["employer_id"], ["employer.id"], name=op.f("fk_service_record_employer_id_employer")),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_service_record_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_service_record")),
    )
    with op.batch_alter_table("service_record", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_service_record_edu_org_id"), ["edu_org_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_service_record_employer_id"), ["employer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_service_record_provided_at"), ["provided_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_service_record_service_code"), ["service_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_service_record_youth_id"), ["youth_id"], unique=False)

    op.create_table(
        "vacancy_offer",
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("vacancy_id", sa.String(length=36), nullable=False),
        sa.Column("employer_id", sa.String(length=36), nullable=False),
        sa.Column("offered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_offered_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("times_offered", sa.Integer(), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("source_instance_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('offered', 'accepted', 'declined', 'closed')", name=op.f("ck_vacancy_offer_status_allowed")
        ),
        sa.ForeignKeyConstraint(["employer_id"], ["employer.id"], name=op.f("fk_vacancy_offer_employer_id_employer")),
        sa.ForeignKeyConstraint(["vacancy_id"], ["vacancy.id"], name=op.f("fk_vacancy_offer_vacancy_id_vacancy")),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_vacancy_offer_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vacancy_offer")),
        sa.UniqueConstraint("youth_id", "vacancy_id", name=op.f("uq_vacancy_offer_youth_id")),
    )
    with op.batch_alter_table("vacancy_offer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vacancy_offer_employer_id"), ["employer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_vacancy_offer_offered_at"), ["offered_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_vacancy_offer_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_vacancy_offer_vacancy_id"), ["vacancy_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_vacancy_offer_youth_id"), ["youth_id"], unique=False)


def downgrade() -> None:
    _profiling_contexts(CONTEXTS_BEFORE)
    with op.batch_alter_table("vacancy_offer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vacancy_offer_youth_id"))
        batch_op.drop_index(batch_op.f("ix_vacancy_offer_vacancy_id"))
        batch_op.drop_index(batch_op.f("ix_vacancy_offer_status"))
        batch_op.drop_index(batch_op.f("ix_vacancy_offer_offered_at"))
        batch_op.drop_index(batch_op.f("ix_vacancy_offer_employer_id"))

    op.drop_table("vacancy_offer")
    with op.batch_alter_table("service_record", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_service_record_youth_id"))
        batch_op.drop_index(batch_op.f("ix_service_record_service_code"))
        batch_op.drop_index(batch_op.f("ix_service_record_provided_at"))
        batch_op.drop_index(batch_op.f("ix_service_record_employer_id"))
        batch_op.drop_index(batch_op.f("ix_service_record_edu_org_id"))

    op.drop_table("service_record")
