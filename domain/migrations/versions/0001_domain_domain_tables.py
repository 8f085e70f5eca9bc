"""domain tables

Revision ID: 0001_domain
Revises:
Create Date: 2026-11-26 05:25:10.120068
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001_domain"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "adaptation_practice",
        sa.Column("title_ru", sa.String(length=300), nullable=False),
        sa.Column("description_ru", sa.Text(), nullable=False),
        sa.Column("category", sa.String(length=20), nullable=False),
        sa.Column("industries", sa.JSON(), nullable=False),
        sa.Column("company_size", sa.String(length=10), nullable=True),
        sa.Column("evidence", sa.Text(), nullable=True),
        sa.Column("author_org", sa.String(length=300), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("review_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "category IN ('onboarding', 'mentoring', 'housing', 'financial', 'career_track', 'training', 'culture')",
            name=op.f("ck_adaptation_practice_category_allowed"),
        ),
        sa.CheckConstraint(
            "company_size IN ('micro', 'small', 'medium', 'large')",
            name=op.f("ck_adaptation_practice_company_size_allowed"),
        ),
        sa.CheckConstraint(
            "status IN ('draft', 'published', 'archived')", name=op.f("ck_adaptation_practice_status_allowed")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_adaptation_practice")),
    )
    with op.batch_alter_table("adaptation_practice", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_adaptation_practice_category"), ["category"], unique=False)
        batch_op.create_index(batch_op.f("ix_adaptation_practice_review_at"), ["review_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_adaptation_practice_status"), ["status"], unique=False)

    op.create_table(
        "career_event_type",
        sa.Column("code", sa.String(length=30), nullable=False),
        sa.Column("name_ru", sa.String(length=200), nullable=False),
        sa.Column("description_ru", sa.Text(), nullable=True),
        sa.Column("min_grade", sa.Integer(), nullable=True),
        sa.Column("max_grade", sa.Integer(), nullable=True),
        sa.Column("for_students", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_career_event_type")),
    )
    op.create_table(
        "region",
        sa.Column("code", sa.String(length=2), nullable=False),
        sa.Column("name_ru", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_region")),
    )
    op.create_table(
        "service_catalog_item",
        sa.Column("code", sa.String(length=60), nullable=False),
        sa.Column("name_ru", sa.String(length=300), nullable=False),
        sa.Column("name_en", sa.String(length=300), nullable=False),
        sa.Column("provider_lane", sa.String(length=20), nullable=False),
        sa.Column("legal_basis", sa.String(length=200), nullable=True),
        sa.Column("channel", sa.String(length=10), nullable=False),
        sa.Column("min_age", sa.Integer(), nullable=True),
        sa.Column("max_age", sa.Integer(), nullable=True),
        sa.Column("for_risk_level", sa.String(length=10), nullable=False),
        sa.Column("due_in_days", sa.Integer(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "channel IN ('offline', 'online', 'both')", name=op.f("ck_service_catalog_item_channel_allowed")
        ),
        sa.CheckConstraint(
            "for_risk_level IN ('any', 'high')", name=op.f("ck_service_catalog_item_for_risk_level_allowed")
        ),
        sa.CheckConstraint(
            "provider_lane IN ('school', 'edu_org', 'czn', 'employer', 'youth', 'ecp', 'my_business')",
            name=op.f("ck_service_catalog_item_provider_lane_allowed"),
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_service_catalog_item")),
    )
    op.create_table(
        "specialty",
        sa.Column("okso_code", sa.String(length=8), nullable=False),
        sa.Column("name_ru", sa.String(length=300), nullable=False),
        sa.Column("ugs_code", sa.String(length=8), nullable=False),
        sa.Column("ugs_name_ru", sa.String(length=300), nullable=True),
        sa.Column("level", sa.String(length=20), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "level IN ('spo_worker', 'spo_specialist', 'bachelor', 'master', 'specialist', 'postgraduate')",
            name=op.f("ck_specialty_level_allowed"),
        ),
        sa.PrimaryKeyConstraint("okso_code", name=op.f("pk_specialty")),
    )
    with op.batch_alter_table("specialty", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_specialty_ugs_code"), ["ugs_code"], unique=False)

    op.create_table(
        "municipality",
        sa.Column("oktmo", sa.String(length=11), nullable=False),
        sa.Column("region_code", sa.String(length=2), nullable=False),
        sa.Column("name_ru", sa.String(length=200), nullable=False),
        sa.Column("is_urban", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["region_code"], ["region.code"], name=op.f("fk_municipality_region_code_region")),
        sa.PrimaryKeyConstraint("oktmo", name=op.f("pk_municipality")),
    )
    with op.batch_alter_table("municipality", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_municipality_region_code"), ["region_code"], unique=False)

    op.create_table(
        "retraining_course",
        sa.Column("provider", sa.String(length=300), nullable=False),
        sa.Column("programme_name", sa.String(length=300), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("okso_code", sa.String(length=8), nullable=True),
        sa.Column("occupation_code", sa.String(length=20), nullable=True),
        sa.Column("hours", sa.Integer(), nullable=False),
        sa.Column("format", sa.String(length=20), nullable=False),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("funding", sa.String(length=20), nullable=False),
        sa.Column("eligible_categories", sa.JSON(), nullable=False),
        sa.Column("region_code", sa.String(length=2), nullable=True),
        sa.Column("seats", sa.Integer(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "funding IN ('employment_promotion', 'regional', 'czn')", name=op.f("ck_retraining_course_funding_allowed")
        ),
        sa.CheckConstraint("kind IN ('vocational_training', 'dpo')", name=op.f("ck_retraining_course_kind_allowed")),
        sa.ForeignKeyConstraint(
            ["okso_code"], ["specialty.okso_code"], name=op.f("fk_retraining_course_okso_code_specialty")
        ),
        sa.ForeignKeyConstraint(["region_code"], ["region.code"], name=op.f("fk_retraining_course_region_code_region")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retraining_course")),
    )
    with op.batch_alter_table("retraining_course", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_retraining_course_okso_code"), ["okso_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_retraining_course_region_code"), ["region_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_retraining_course_starts_on"), ["starts_on"], unique=False)

    op.create_table(
        "czn_office",
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("region_code", sa.String(length=2), nullable=False),
        sa.Column("municipality_oktmo", sa.String(length=11), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality_oktmo"], ["municipality.oktmo"], name=op.f("fk_czn_office_municipality_oktmo_municipality")
        ),
        sa.ForeignKeyConstraint(["region_code"], ["region.code"], name=op.f("fk_czn_office_region_code_region")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_czn_office")),
    )
    with op.batch_alter_table("czn_office", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_czn_office_municipality_oktmo"), ["municipality_oktmo"], unique=False)
        batch_op.create_index(batch_op.f("ix_czn_office_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_czn_office_region_code"), ["region_code"], unique=False)

    op.create_table(
        "employer",
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("inn", sa.String(length=12), nullable=True),
        sa.Column("ogrn", sa.String(length=15), nullable=True),
        sa.Column("okved", sa.String(length=10), nullable=False),
        sa.Column("industry_ru", sa.String(length=200), nullable=True),
        sa.Column("region_code", sa.String(length=2), nullable=False),
        sa.Column("municipality_oktmo", sa.String(length=11), nullable=True),
        sa.Column("size", sa.String(length=10), nullable=False),
        sa.Column("contact", sa.String(length=200), nullable=True),
        sa.Column("is_tt_customer", sa.Boolean(), nullable=False),
        sa.Column("ecp_employer_id", sa.String(length=60), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("size IN ('micro', 'small', 'medium', 'large')", name=op.f("ck_employer_size_allowed")),
        sa.ForeignKeyConstraint(
            ["municipality_oktmo"], ["municipality.oktmo"], name=op.f("fk_employer_municipality_oktmo_municipality")
        ),
        sa.ForeignKeyConstraint(["region_code"], ["region.code"], name=op.f("fk_employer_region_code_region")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employer")),
    )
    with op.batch_alter_table("employer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_employer_ecp_employer_id"), ["ecp_employer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_employer_inn"), ["inn"], unique=False)
        batch_op.create_index(batch_op.f("ix_employer_municipality_oktmo"), ["municipality_oktmo"], unique=False)
        batch_op.create_index(batch_op.f("ix_employer_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_employer_okved"), ["okved"], unique=False)
        batch_op.create_index(batch_op.f("ix_employer_region_code"), ["region_code"], unique=False)

    op.create_table(
        "my_business_centre",
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("region_code", sa.String(length=2), nullable=False),
        sa.Column("municipality_oktmo", sa.String(length=11), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("online_platform_url", sa.String(length=300), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["municipality_oktmo"],
            ["municipality.oktmo"],
            name=op.f("fk_my_business_centre_municipality_oktmo_municipality"),
        ),
        sa.ForeignKeyConstraint(
            ["region_code"], ["region.code"], name=op.f("fk_my_business_centre_region_code_region")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_my_business_centre")),
    )
    with op.batch_alter_table("my_business_centre", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_my_business_centre_municipality_oktmo"), ["municipality_oktmo"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_my_business_centre_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_my_business_centre_region_code"), ["region_code"], unique=False)

    op.create_table(
        "school",
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("inn", sa.String(length=12), nullable=True),
        sa.Column("region_code", sa.String(length=2), nullable=False),
        sa.Column("municipality_oktmo", sa.String(length=11), nullable=True),
        sa.Column("emp_level", sa.String(length=10), nullable=False),
        sa.Column("navigator_teacher", sa.String(length=200), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("emp_level IN ('basic', 'main', 'advanced')", name=op.f("ck_school_emp_level_allowed")),
        sa.ForeignKeyConstraint(
            ["municipality_oktmo"], ["municipality.oktmo"], name=op.f("fk_school_municipality_oktmo_municipality")
        ),
        sa.ForeignKeyConstraint(["region_code"], ["region.code"], name=op.f("fk_school_region_code_region")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_school")),
    )
    with op.batch_alter_table("school", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_school_inn"), ["inn"], unique=False)
        batch_op.create_index(batch_op.f("ix_school_municipality_oktmo"), ["municipality_oktmo"], unique=False)
        batch_op.create_index(batch_op.f("ix_school_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_school_region_code"), ["region_code"], unique=False)

    op.create_table(
        "youth",
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("patronymic", sa.String(length=100), nullable=True),
        sa.Column("sex", sa.String(length=1), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("snils", sa.String(length=14), nullable=True),
        sa.Column("phone", sa.String(length=20), nullable=True),
        sa.Column("email", sa.String(length=200), nullable=True),
        sa.Column("region_code", sa.String(length=2), nullable=False),
        sa.Column("municipality_oktmo", sa.String(length=11), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("is_orphan", sa.Boolean(), nullable=False),
        sa.Column("has_disability_ovz", sa.Boolean(), nullable=False),
        sa.Column("low_income_family", sa.Boolean(), nullable=False),
        sa.Column("large_family", sa.Boolean(), nullable=False),
        sa.Column("kdn_registered", sa.Boolean(), nullable=False),
        sa.Column("young_parent", sa.Boolean(), nullable=False),
        sa.Column("nonresident_without_housing", sa.Boolean(), nullable=False),
        sa.Column("ecp_profile_id", sa.String(length=60), nullable=True),
        sa.Column("guidance_platform_account", sa.String(length=60), nullable=True),
        sa.Column("consent_given_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("consent_revoked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("sex IN ('m', 'f')", name=op.f("ck_youth_sex_allowed")),
        sa.CheckConstraint(
            "status IN ('pupil', 'applicant', 'student', 'graduate', "
            "'employed', 'not_employed', 'in_retraining', 'entrepreneur', 'left_region')",
            name=op.f("ck_youth_status_allowed"),
        ),
        sa.ForeignKeyConstraint(
            ["municipality_oktmo"], ["municipality.oktmo"], name=op.f("fk_youth_municipality_oktmo_municipality")
        ),
        sa.ForeignKeyConstraint(["region_code"], ["region.code"], name=op.f("fk_youth_region_code_region")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_youth")),
        sa.UniqueConstraint("snils", name=op.f("uq_youth_snils")),
    )
    with op.batch_alter_table("youth", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_youth_ecp_profile_id"), ["ecp_profile_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_youth_last_name"), ["last_name"], unique=False)
        batch_op.create_index(batch_op.f("ix_youth_municipality_oktmo"), ["municipality_oktmo"], unique=False)
        batch_op.create_index(batch_op.f("ix_youth_region_code"), ["region_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_youth_status"), ["status"], unique=False)

    op.create_table(
        "career_event",
        sa.Column("type_code", sa.String(length=30), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("organizer_lane", sa.String(length=20), nullable=False),
        sa.Column("organizer_id", sa.String(length=36), nullable=True),
        sa.Column("employer_id", sa.String(length=36), nullable=True),
        sa.Column("starts_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("ends_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("location", sa.String(length=300), nullable=True),
        sa.Column("municipality_oktmo", sa.String(length=11), nullable=True),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("target_grades", sa.JSON(), nullable=False),
        sa.Column("target_courses", sa.JSON(), nullable=False),
        sa.Column("emp_hours_credit", sa.Float(), nullable=False),
        sa.Column("ecp_service_id", sa.String(length=60), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "organizer_lane IN ('school', 'edu_org', 'czn', 'employer', 'youth', 'ecp', 'my_business')",
            name=op.f("ck_career_event_organizer_lane_allowed"),
        ),
        sa.ForeignKeyConstraint(["employer_id"], ["employer.id"], name=op.f("fk_career_event_employer_id_employer")),
        sa.ForeignKeyConstraint(
            ["municipality_oktmo"], ["municipality.oktmo"], name=op.f("fk_career_event_municipality_oktmo_municipality")
        ),
        sa.ForeignKeyConstraint(
            ["type_code"], ["career_event_type.code"], name=op.f("fk_career_event_type_code_career_event_type")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_career_event")),
    )
    with op.batch_alter_table("career_event", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_career_event_employer_id"), ["employer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_career_event_municipality_oktmo"), ["municipality_oktmo"], unique=False)
        batch_op.create_index(batch_op.f("ix_career_event_organizer_id"), ["organizer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_career_event_starts_at"), ["starts_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_career_event_type_code"), ["type_code"], unique=False)

    op.create_table(
        "competence_passport",
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("published_to_ecp", sa.Boolean(), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_competence_passport_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_competence_passport")),
        sa.UniqueConstraint("youth_id", name=op.f("uq_competence_passport_youth_id")),
    )
    op.create_table(
        "edu_org",
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("short_name", sa.String(length=100), nullable=True),
        sa.Column("type", sa.String(length=4), nullable=False),
        sa.Column("inn", sa.String(length=12), nullable=True),
        sa.Column("region_code", sa.String(length=2), nullable=False),
        sa.Column("municipality_oktmo", sa.String(length=11), nullable=True),
        sa.Column("czn_office_id", sa.String(length=36), nullable=True),
        sa.Column("career_centre_contact", sa.String(length=200), nullable=True),
        sa.Column("czn_agreement_number", sa.String(length=60), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("type IN ('poo', 'vo')", name=op.f("ck_edu_org_type_allowed")),
        sa.ForeignKeyConstraint(["czn_office_id"], ["czn_office.id"], name=op.f("fk_edu_org_czn_office_id_czn_office")),
        sa.ForeignKeyConstraint(
            ["municipality_oktmo"], ["municipality.oktmo"], name=op.f("fk_edu_org_municipality_oktmo_municipality")
        ),
        sa.ForeignKeyConstraint(["region_code"], ["region.code"], name=op.f("fk_edu_org_region_code_region")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_edu_org")),
    )
    with op.batch_alter_table("edu_org", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_edu_org_czn_office_id"), ["czn_office_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_edu_org_inn"), ["inn"], unique=False)
        batch_op.create_index(batch_op.f("ix_edu_org_municipality_oktmo"), ["municipality_oktmo"], unique=False)
        batch_op.create_index(batch_op.f("ix_edu_org_name"), ["name"], unique=False)
        batch_op.create_index(batch_op.f("ix_edu_org_region_code"), ["region_code"], unique=False)

    op.create_table(
        "entrepreneurship_referral",
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("idea_summary", sa.Text(), nullable=True),
        sa.Column("referred_to", sa.String(length=20), nullable=False),
        sa.Column("my_business_centre_id", sa.String(length=36), nullable=True),
        sa.Column("centre_name", sa.String(length=300), nullable=True),
        sa.Column("referred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("eligible_youth_grant", sa.Boolean(), nullable=False),
        sa.Column("measures_received", sa.JSON(), nullable=False),
        sa.Column("business_form", sa.String(length=4), nullable=True),
        sa.Column("status", sa.String(length=18), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "business_form IN ('ip', 'npd', 'ooo', 'none')",
            name=op.f("ck_entrepreneurship_referral_business_form_allowed"),
        ),
        sa.CheckConstraint(
            "referred_to IN ('my_business_centre', 'digital_platform')",
            name=op.f("ck_entrepreneurship_referral_referred_to_allowed"),
        ),
        sa.CheckConstraint(
            "status IN ('referred', 'in_support', 'business_started', 'closed')",
            name=op.f("ck_entrepreneurship_referral_status_allowed"),
        ),
        sa.ForeignKeyConstraint(
            ["my_business_centre_id"],
            ["my_business_centre.id"],
            name=op.f("fk_entrepreneurship_referral_my_business_centre_id_my_business_centre"),
        ),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_entrepreneurship_referral_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entrepreneurship_referral")),
    )
    with op.batch_alter_table("entrepreneurship_referral", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_entrepreneurship_referral_my_business_centre_id"), ["my_business_centre_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_entrepreneurship_referral_referred_at"), ["referred_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_entrepreneurship_referral_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_entrepreneurship_referral_youth_id"), ["youth_id"], unique=False)

    op.create_table(
        "retraining_enrollment",
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("course_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("certificate_no", sa.String(length=60), nullable=True),
        sa.Column("completed_at", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('applied', 'enrolled', 'completed', 'dropped')",
            name=op.f("ck_retraining_enrollment_status_allowed"),
        ),
        sa.ForeignKeyConstraint(
            ["course_id"], ["retraining_course.id"], name=op.f("fk_retraining_enrollment_course_id_retraining_course")
        ),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_retraining_enrollment_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retraining_enrollment")),
    )
    with op.batch_alter_table("retraining_enrollment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_retraining_enrollment_course_id"), ["course_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_retraining_enrollment_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_retraining_enrollment_youth_id"), ["youth_id"], unique=False)

    op.create_table(
        "school_enrollment",
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("school_id", sa.String(length=36), nullable=False),
        sa.Column("school_year", sa.String(length=9), nullable=False),
        sa.Column("grade", sa.Integer(), nullable=False),
        sa.Column("class_letter", sa.String(length=2), nullable=True),
        sa.Column("profile_class", sa.String(length=30), nullable=True),
        sa.Column("emp_hours_planned", sa.Float(), nullable=False),
        sa.Column("emp_hours_done", sa.Float(), nullable=False),
        sa.Column("diagnostics_done", sa.Boolean(), nullable=False),
        sa.Column("diagnostics_result", sa.String(length=200), nullable=True),
        sa.Column("career_intent", sa.String(length=10), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "career_intent IN ('spo', 'vo', 'work', 'undecided')",
            name=op.f("ck_school_enrollment_career_intent_allowed"),
        ),
        sa.ForeignKeyConstraint(["school_id"], ["school.id"], name=op.f("fk_school_enrollment_school_id_school")),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_school_enrollment_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_school_enrollment")),
        sa.UniqueConstraint("youth_id", "school_year", name=op.f("uq_school_enrollment_youth_id")),
    )
    with op.batch_alter_table("school_enrollment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_school_enrollment_school_id"), ["school_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_school_enrollment_school_year"), ["school_year"], unique=False)
        batch_op.create_index(batch_op.f("ix_school_enrollment_youth_id"), ["youth_id"], unique=False)

    op.create_table(
        "staffing_need",
        sa.Column("employer_id", sa.String(length=36), nullable=False),
        sa.Column("okso_codes", sa.JSON(), nullable=False),
        sa.Column("occupation_codes", sa.JSON(), nullable=False),
        sa.Column("qty", sa.Integer(), nullable=False),
        sa.Column("filled", sa.Integer(), nullable=False),
        sa.Column("needed_by", sa.Date(), nullable=False),
        sa.Column("min_level", sa.String(length=4), nullable=False),
        sa.Column("segment", sa.String(length=16), nullable=True),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("description", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("min_level IN ('none', 'spo', 'vo')", name=op.f("ck_staffing_need_min_level_allowed")),
        sa.CheckConstraint(
            "segment IN ('schoolchildren', 'graduates', 'both')", name=op.f("ck_staffing_need_segment_allowed")
        ),
        sa.CheckConstraint(
            "status IN ('new', 'agreement_signed', 'in_progress', 'closed', 'partly_closed')",
            name=op.f("ck_staffing_need_status_allowed"),
        ),
        sa.ForeignKeyConstraint(["employer_id"], ["employer.id"], name=op.f("fk_staffing_need_employer_id_employer")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staffing_need")),
    )
    with op.batch_alter_table("staffing_need", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_staffing_need_employer_id"), ["employer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_staffing_need_needed_by"), ["needed_by"], unique=False)
        batch_op.create_index(batch_op.f("ix_staffing_need_segment"), ["segment"], unique=False)
        batch_op.create_index(batch_op.f("ix_staffing_need_status"), ["status"], unique=False)

    op.create_table(
        "student_ecp_profile",
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("ecp_profile_id", sa.String(length=60), nullable=True),
        sa.Column("cv_ready", sa.Boolean(), nullable=False),
        sa.Column("interview_sessions", sa.Integer(), nullable=False),
        sa.Column("visible_to_employers", sa.Boolean(), nullable=False),
        sa.Column("last_synced_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_student_ecp_profile_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_student_ecp_profile")),
        sa.UniqueConstraint("youth_id", name=op.f("uq_student_ecp_profile_youth_id")),
    )
    with op.batch_alter_table("student_ecp_profile", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_student_ecp_profile_ecp_profile_id"), ["ecp_profile_id"], unique=False)

    op.create_table(
        "temp_job",
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("employer_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.String(length=200), nullable=False),
        sa.Column("period_from", sa.Date(), nullable=False),
        sa.Column("period_to", sa.Date(), nullable=False),
        sa.Column("hours_per_day", sa.Float(), nullable=False),
        sa.Column("hours_per_week", sa.Float(), nullable=False),
        sa.Column("during_school_year", sa.Boolean(), nullable=False),
        sa.Column("hazardous", sa.Boolean(), nullable=False),
        sa.Column("material_support_amount", sa.Numeric(precision=12, scale=2, asdecimal=False), nullable=True),
        sa.Column("contract_type", sa.String(length=20), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('proposed', 'active', 'completed', 'cancelled')", name=op.f("ck_temp_job_status_allowed")
        ),
        sa.ForeignKeyConstraint(["employer_id"], ["employer.id"], name=op.f("fk_temp_job_employer_id_employer")),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_temp_job_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_temp_job")),
    )
    with op.batch_alter_table("temp_job", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_temp_job_employer_id"), ["employer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_temp_job_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_temp_job_youth_id"), ["youth_id"], unique=False)

    op.create_table(
        "vacancy",
        sa.Column("employer_id", sa.String(length=36), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=False),
        sa.Column("okso_code", sa.String(length=8), nullable=True),
        sa.Column("ugs_code", sa.String(length=8), nullable=True),
        sa.Column("occupation_code", sa.String(length=20), nullable=True),
        sa.Column("region_code", sa.String(length=2), nullable=False),
        sa.Column("municipality_oktmo", sa.String(length=11), nullable=True),
        sa.Column("salary_from", sa.Integer(), nullable=True),
        sa.Column("salary_to", sa.Integer(), nullable=True),
        sa.Column("schedule", sa.String(length=60), nullable=True),
        sa.Column("requires_experience", sa.Boolean(), nullable=False),
        sa.Column("for_young_specialists", sa.Boolean(), nullable=False),
        sa.Column("hazardous", sa.Boolean(), nullable=False),
        sa.Column("ecp_vacancy_id", sa.String(length=60), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("status IN ('open', 'closed', 'filled')", name=op.f("ck_vacancy_status_allowed")),
        sa.ForeignKeyConstraint(["employer_id"], ["employer.id"], name=op.f("fk_vacancy_employer_id_employer")),
        sa.ForeignKeyConstraint(
            ["municipality_oktmo"], ["municipality.oktmo"], name=op.f("fk_vacancy_municipality_oktmo_municipality")
        ),
        sa.ForeignKeyConstraint(["okso_code"], ["specialty.okso_code"], name=op.f("fk_vacancy_okso_code_specialty")),
        sa.ForeignKeyConstraint(["region_code"], ["region.code"], name=op.f("fk_vacancy_region_code_region")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vacancy")),
    )
    with op.batch_alter_table("vacancy", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_vacancy_ecp_vacancy_id"), ["ecp_vacancy_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_vacancy_employer_id"), ["employer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_vacancy_municipality_oktmo"), ["municipality_oktmo"], unique=False)
        batch_op.create_index(batch_op.f("ix_vacancy_okso_code"), ["okso_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_vacancy_region_code"), ["region_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_vacancy_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_vacancy_ugs_code"), ["ugs_code"], unique=False)

    op.create_table(
        "assistance_agreement",
        sa.Column("number", sa.String(length=60), nullable=False),
        sa.Column("employer_id", sa.String(length=36), nullable=False),
        sa.Column("czn_office_id", sa.String(length=36), nullable=False),
        sa.Column("staffing_need_id", sa.String(length=36), nullable=True),
        sa.Column("edu_org_ids", sa.JSON(), nullable=False),
        sa.Column("segment", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("signed_at", sa.Date(), nullable=True),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("proftour_slots_per_year", sa.Integer(), nullable=False),
        sa.Column("group_session_hosting", sa.Boolean(), nullable=False),
        sa.Column("practice_slots", sa.Integer(), nullable=False),
        sa.Column("internship_slots", sa.Integer(), nullable=False),
        sa.Column("vacancies_for_youth", sa.Integer(), nullable=False),
        sa.Column("tt_offers_planned", sa.Integer(), nullable=False),
        sa.Column("gia_participation", sa.Boolean(), nullable=False),
        sa.Column("programme_participation", sa.Boolean(), nullable=False),
        sa.Column("adaptation_program", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "segment IN ('schoolchildren', 'graduates', 'both')", name=op.f("ck_assistance_agreement_segment_allowed")
        ),
        sa.CheckConstraint(
            "status IN ('draft', 'active', 'expired', 'terminated')",
            name=op.f("ck_assistance_agreement_status_allowed"),
        ),
        sa.ForeignKeyConstraint(
            ["czn_office_id"], ["czn_office.id"], name=op.f("fk_assistance_agreement_czn_office_id_czn_office")
        ),
        sa.ForeignKeyConstraint(
            ["employer_id"], ["employer.id"], name=op.f("fk_assistance_agreement_employer_id_employer")
        ),
        sa.ForeignKeyConstraint(
            ["staffing_need_id"],
            ["staffing_need.id"],
            name=op.f("fk_assistance_agreement_staffing_need_id_staffing_need"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assistance_agreement")),
    )
    with op.batch_alter_table("assistance_agreement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assistance_agreement_czn_office_id"), ["czn_office_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_assistance_agreement_employer_id"), ["employer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_assistance_agreement_number"), ["number"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_assistance_agreement_staffing_need_id"), ["staffing_need_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_assistance_agreement_status"), ["status"], unique=False)

    op.create_table(
        "competence_passport_item",
        sa.Column("passport_id", sa.String(length=36), nullable=False),
        sa.Column("competence_code", sa.String(length=40), nullable=False),
        sa.Column("competence_name_ru", sa.String(length=300), nullable=False),
        sa.Column("evidence_type", sa.String(length=14), nullable=False),
        sa.Column("evidence_ref", sa.String(length=100), nullable=True),
        sa.Column("level", sa.Integer(), nullable=True),
        sa.Column("achieved_on", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "evidence_type IN ('course', 'placement', 'demo_exam', 'certificate', 'championship')",
            name=op.f("ck_competence_passport_item_evidence_type_allowed"),
        ),
        sa.ForeignKeyConstraint(
            ["passport_id"],
            ["competence_passport.id"],
            name=op.f("fk_competence_passport_item_passport_id_competence_passport"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_competence_passport_item")),
    )
    with op.batch_alter_table("competence_passport_item", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_competence_passport_item_competence_code"), ["competence_code"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_competence_passport_item_passport_id"), ["passport_id"], unique=False)

    op.create_table(
        "curator",
        sa.Column("czn_office_id", sa.String(length=36), nullable=True),
        sa.Column("edu_org_id", sa.String(length=36), nullable=True),
        sa.Column("staff_id", sa.String(length=40), nullable=True),
        sa.Column("full_name", sa.String(length=300), nullable=False),
        sa.Column("max_caseload", sa.Integer(), nullable=False),
        sa.Column("specialisations", sa.JSON(), nullable=False),
        sa.Column("is_active", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["czn_office_id"], ["czn_office.id"], name=op.f("fk_curator_czn_office_id_czn_office")),
        sa.ForeignKeyConstraint(["edu_org_id"], ["edu_org.id"], name=op.f("fk_curator_edu_org_id_edu_org")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_curator")),
    )
    with op.batch_alter_table("curator", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_curator_czn_office_id"), ["czn_office_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_curator_edu_org_id"), ["edu_org_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_curator_staff_id"), ["staff_id"], unique=False)

    op.create_table(
        "event_enrollment",
        sa.Column("event_id", sa.String(length=36), nullable=False),
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("hours_credited", sa.Float(), nullable=False),
        sa.Column("feedback_score", sa.Integer(), nullable=True),
        sa.Column("interest_after", sa.String(length=200), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('registered', 'attended', 'no_show', 'cancelled')",
            name=op.f("ck_event_enrollment_status_allowed"),
        ),
        sa.ForeignKeyConstraint(
            ["event_id"], ["career_event.id"], name=op.f("fk_event_enrollment_event_id_career_event")
        ),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_event_enrollment_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_event_enrollment")),
        sa.UniqueConstraint("event_id", "youth_id", name=op.f("uq_event_enrollment_event_id")),
    )
    with op.batch_alter_table("event_enrollment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_event_enrollment_event_id"), ["event_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_event_enrollment_youth_id"), ["youth_id"], unique=False)

    op.create_table(
        "programme",
        sa.Column("edu_org_id", sa.String(length=36), nullable=False),
        sa.Column("okso_code", sa.String(length=8), nullable=False),
        sa.Column("form", sa.String(length=12), nullable=False),
        sa.Column("duration_months", sa.Integer(), nullable=False),
        sa.Column("kcp_places", sa.Integer(), nullable=False),
        sa.Column("target_quota_places", sa.Integer(), nullable=False),
        sa.Column("employer_partner_ids", sa.JSON(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("form IN ('full_time', 'part_time', 'extramural')", name=op.f("ck_programme_form_allowed")),
        sa.ForeignKeyConstraint(["edu_org_id"], ["edu_org.id"], name=op.f("fk_programme_edu_org_id_edu_org")),
        sa.ForeignKeyConstraint(["okso_code"], ["specialty.okso_code"], name=op.f("fk_programme_okso_code_specialty")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_programme")),
    )
    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_programme_edu_org_id"), ["edu_org_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_programme_okso_code"), ["okso_code"], unique=False)

    op.create_table(
        "admission_plan",
        sa.Column("programme_id", sa.String(length=36), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("kcp_places", sa.Integer(), nullable=False),
        sa.Column("target_quota_places", sa.Integer(), nullable=False),
        sa.Column("approved_at", sa.Date(), nullable=True),
        sa.Column("campaign_opens_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("contract_deadline", sa.DateTime(timezone=True), nullable=True),
        sa.Column("source_act", sa.String(length=300), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["programme_id"], ["programme.id"], name=op.f("fk_admission_plan_programme_id_programme")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_admission_plan")),
        sa.UniqueConstraint("programme_id", "year", name=op.f("uq_admission_plan_programme_id")),
    )
    with op.batch_alter_table("admission_plan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_admission_plan_programme_id"), ["programme_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_admission_plan_year"), ["year"], unique=False)

    op.create_table(
        "curator_edu_org",
        sa.Column("curator_id", sa.String(length=36), nullable=False),
        sa.Column("edu_org_id", sa.String(length=36), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["curator_id"], ["curator.id"], name=op.f("fk_curator_edu_org_curator_id_curator")),
        sa.ForeignKeyConstraint(["edu_org_id"], ["edu_org.id"], name=op.f("fk_curator_edu_org_edu_org_id_edu_org")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_curator_edu_org")),
        sa.UniqueConstraint("curator_id", "edu_org_id", name=op.f("uq_curator_edu_org_curator_id")),
    )
    with op.batch_alter_table("curator_edu_org", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_curator_edu_org_curator_id"), ["curator_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_curator_edu_org_edu_org_id"), ["edu_org_id"], unique=False)

    op.create_table(
        "practice_slot",
        sa.Column("employer_id", sa.String(length=36), nullable=False),
        sa.Column("agreement_id", sa.String(length=36), nullable=True),
        sa.Column("edu_org_id", sa.String(length=36), nullable=True),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("title", sa.String(length=300), nullable=True),
        sa.Column("accepted_okso_codes", sa.JSON(), nullable=False),
        sa.Column("accepted_ugs_codes", sa.JSON(), nullable=False),
        sa.Column("region_code", sa.String(length=2), nullable=False),
        sa.Column("municipality_oktmo", sa.String(length=11), nullable=True),
        sa.Column("location", sa.String(length=300), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("filled", sa.Integer(), nullable=False),
        sa.Column("min_age", sa.Integer(), nullable=False),
        sa.Column("hazardous", sa.Boolean(), nullable=False),
        sa.Column("mentor_name", sa.String(length=200), nullable=True),
        sa.Column("paid", sa.Boolean(), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('educational', 'production', 'pre_diploma', 'internship')",
            name=op.f("ck_practice_slot_kind_allowed"),
        ),
        sa.CheckConstraint("filled >= 0 AND filled <= capacity", name=op.f("ck_practice_slot_filled_within_capacity")),
        sa.ForeignKeyConstraint(
            ["agreement_id"],
            ["assistance_agreement.id"],
            name=op.f("fk_practice_slot_agreement_id_assistance_agreement"),
        ),
        sa.ForeignKeyConstraint(["edu_org_id"], ["edu_org.id"], name=op.f("fk_practice_slot_edu_org_id_edu_org")),
        sa.ForeignKeyConstraint(["employer_id"], ["employer.id"], name=op.f("fk_practice_slot_employer_id_employer")),
        sa.ForeignKeyConstraint(
            ["municipality_oktmo"],
            ["municipality.oktmo"],
            name=op.f("fk_practice_slot_municipality_oktmo_municipality"),
        ),
        sa.ForeignKeyConstraint(["region_code"], ["region.code"], name=op.f("fk_practice_slot_region_code_region")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_slot")),
    )
    with op.batch_alter_table("practice_slot", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_practice_slot_agreement_id"), ["agreement_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_practice_slot_edu_org_id"), ["edu_org_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_practice_slot_employer_id"), ["employer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_practice_slot_municipality_oktmo"), ["municipality_oktmo"], unique=False)
        batch_op.create_index(batch_op.f("ix_practice_slot_region_code"), ["region_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_practice_slot_start_date"), ["start_date"], unique=False)

    op.create_table(
        "target_training_offer",
        sa.Column("customer_employer_id", sa.String(length=36), nullable=False),
        sa.Column("programme_id", sa.String(length=36), nullable=False),
        sa.Column("admission_year", sa.Integer(), nullable=False),
        sa.Column("contracts_required", sa.Integer(), nullable=False),
        sa.Column("support_measures", sa.JSON(), nullable=False),
        sa.Column("requirements", sa.JSON(), nullable=False),
        sa.Column("practice_at_customer", sa.Boolean(), nullable=False),
        sa.Column("work_obligation_years", sa.Integer(), nullable=False),
        sa.Column("work_place", sa.String(length=300), nullable=True),
        sa.Column("published_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("deadline", sa.Date(), nullable=True),
        sa.Column("ecp_offer_id", sa.String(length=60), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["customer_employer_id"],
            ["employer.id"],
            name=op.f("fk_target_training_offer_customer_employer_id_employer"),
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"], ["programme.id"], name=op.f("fk_target_training_offer_programme_id_programme")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target_training_offer")),
    )
    with op.batch_alter_table("target_training_offer", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_target_training_offer_admission_year"), ["admission_year"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_target_training_offer_customer_employer_id"), ["customer_employer_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_target_training_offer_ecp_offer_id"), ["ecp_offer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_target_training_offer_programme_id"), ["programme_id"], unique=False)

    op.create_table(
        "target_training_application",
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("offer_id", sa.String(length=36), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("channel", sa.String(length=6), nullable=False),
        sa.Column("exam_score", sa.Integer(), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("decision_note", sa.Text(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "channel IN ('epgu', 'paper', 'ecp')", name=op.f("ck_target_training_application_channel_allowed")
        ),
        sa.CheckConstraint(
            "status IN ('submitted', 'admitted', 'rejected', 'withdrawn')",
            name=op.f("ck_target_training_application_status_allowed"),
        ),
        sa.ForeignKeyConstraint(
            ["offer_id"],
            ["target_training_offer.id"],
            name=op.f("fk_target_training_application_offer_id_target_training_offer"),
        ),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_target_training_application_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target_training_application")),
        sa.UniqueConstraint("youth_id", "offer_id", name=op.f("uq_target_training_application_youth_id")),
    )
    with op.batch_alter_table("target_training_application", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_target_training_application_offer_id"), ["offer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_target_training_application_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_target_training_application_youth_id"), ["youth_id"], unique=False)

    op.create_table(
        "target_training_contract",
        sa.Column("number", sa.String(length=60), nullable=True),
        sa.Column("customer_employer_id", sa.String(length=36), nullable=False),
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("programme_id", sa.String(length=36), nullable=False),
        sa.Column("offer_id", sa.String(length=36), nullable=True),
        sa.Column("signed_at", sa.Date(), nullable=True),
        sa.Column("support_measures", sa.JSON(), nullable=False),
        sa.Column("practice_at_customer", sa.Boolean(), nullable=False),
        sa.Column("work_obligation_years", sa.Integer(), nullable=False),
        sa.Column("employment_deadline", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("penalty_amount", sa.Numeric(precision=12, scale=2, asdecimal=False), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('active', 'fulfilled', 'terminated', 'breached')",
            name=op.f("ck_target_training_contract_status_allowed"),
        ),
        sa.ForeignKeyConstraint(
            ["customer_employer_id"],
            ["employer.id"],
            name=op.f("fk_target_training_contract_customer_employer_id_employer"),
        ),
        sa.ForeignKeyConstraint(
            ["offer_id"],
            ["target_training_offer.id"],
            name=op.f("fk_target_training_contract_offer_id_target_training_offer"),
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"], ["programme.id"], name=op.f("fk_target_training_contract_programme_id_programme")
        ),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_target_training_contract_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_target_training_contract")),
    )
    with op.batch_alter_table("target_training_contract", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_target_training_contract_customer_employer_id"), ["customer_employer_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_target_training_contract_employment_deadline"), ["employment_deadline"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_target_training_contract_number"), ["number"], unique=False)
        batch_op.create_index(batch_op.f("ix_target_training_contract_offer_id"), ["offer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_target_training_contract_programme_id"), ["programme_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_target_training_contract_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_target_training_contract_youth_id"), ["youth_id"], unique=False)

    op.create_table(
        "student_enrollment",
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("programme_id", sa.String(length=36), nullable=False),
        sa.Column("course", sa.Integer(), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("expected_graduation", sa.Date(), nullable=False),
        sa.Column("funding", sa.String(length=10), nullable=False),
        sa.Column("target_contract_id", sa.String(length=36), nullable=True),
        sa.Column("academic_debt_count", sa.Integer(), nullable=False),
        sa.Column("attendance_rate", sa.Float(), nullable=False),
        sa.Column("gpa", sa.Float(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("career_plan_present", sa.Boolean(), nullable=False),
        sa.Column("intends_work_in_specialty", sa.Boolean(), nullable=False),
        sa.Column("practice_window_start", sa.Date(), nullable=True),
        sa.Column("practice_window_end", sa.Date(), nullable=True),
        sa.Column("preferred_employer_ids", sa.JSON(), nullable=False),
        sa.Column("gia_passed", sa.Boolean(), nullable=True),
        sa.Column("demo_exam_score", sa.Integer(), nullable=True),
        sa.Column("graduated_at", sa.Date(), nullable=True),
        sa.Column("diploma_number", sa.String(length=40), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "funding IN ('budget', 'target', 'paid')", name=op.f("ck_student_enrollment_funding_allowed")
        ),
        sa.CheckConstraint(
            "status IN ('studying', 'academic_leave', 'expelled', 'graduated')",
            name=op.f("ck_student_enrollment_status_allowed"),
        ),
        sa.ForeignKeyConstraint(
            ["programme_id"], ["programme.id"], name=op.f("fk_student_enrollment_programme_id_programme")
        ),
        sa.ForeignKeyConstraint(
            ["target_contract_id"],
            ["target_training_contract.id"],
            name=op.f("fk_student_enrollment_target_contract_id_target_training_contract"),
        ),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_student_enrollment_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_student_enrollment")),
    )
    with op.batch_alter_table("student_enrollment", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_student_enrollment_expected_graduation"), ["expected_graduation"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_student_enrollment_programme_id"), ["programme_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_student_enrollment_status"), ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_student_enrollment_target_contract_id"), ["target_contract_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_student_enrollment_youth_id"), ["youth_id"], unique=False)

    op.create_table(
        "curator_assignment",
        sa.Column("curator_id", sa.String(length=36), nullable=False),
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("student_enrollment_id", sa.String(length=36), nullable=True),
        sa.Column("started_on", sa.Date(), nullable=False),
        sa.Column("ended_on", sa.Date(), nullable=True),
        sa.Column("reason", sa.String(length=12), nullable=False),
        sa.Column("release_reason", sa.String(length=20), nullable=True),
        sa.Column("handover_from_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("reason IN ('high_risk', 'manual')", name=op.f("ck_curator_assignment_reason_allowed")),
        sa.CheckConstraint(
            "release_reason IN ('risk_acceptable', 'graduated_employed', 'expelled', 'manual')",
            name=op.f("ck_curator_assignment_release_reason_allowed"),
        ),
        sa.ForeignKeyConstraint(["curator_id"], ["curator.id"], name=op.f("fk_curator_assignment_curator_id_curator")),
        sa.ForeignKeyConstraint(
            ["handover_from_id"],
            ["curator_assignment.id"],
            name=op.f("fk_curator_assignment_handover_from_id_curator_assignment"),
        ),
        sa.ForeignKeyConstraint(
            ["student_enrollment_id"],
            ["student_enrollment.id"],
            name=op.f("fk_curator_assignment_student_enrollment_id_student_enrollment"),
        ),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_curator_assignment_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_curator_assignment")),
    )
    with op.batch_alter_table("curator_assignment", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_curator_assignment_curator_id"), ["curator_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_curator_assignment_ended_on"), ["ended_on"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_curator_assignment_student_enrollment_id"), ["student_enrollment_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_curator_assignment_youth_id"), ["youth_id"], unique=False)

    op.create_table(
        "employment_outcome",
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("student_enrollment_id", sa.String(length=36), nullable=True),
        sa.Column("graduation_date", sa.Date(), nullable=False),
        sa.Column("as_of_date", sa.Date(), nullable=False),
        sa.Column("checkpoint_months", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.String(length=24), nullable=False),
        sa.Column("in_specialty", sa.Boolean(), nullable=True),
        sa.Column("employer_id", sa.String(length=36), nullable=True),
        sa.Column("vacancy_id", sa.String(length=36), nullable=True),
        sa.Column("position", sa.String(length=200), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("is_self_employed", sa.Boolean(), nullable=False),
        sa.Column("is_entrepreneur", sa.Boolean(), nullable=False),
        sa.Column("data_source", sa.String(length=10), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "data_source IN ('ecp', 'employer', 'survey', 'official')",
            name=op.f("ck_employment_outcome_data_source_allowed"),
        ),
        sa.CheckConstraint(
            "outcome IN ('employed', 'trajectory_change', 'not_employed', "
            "'continuing_education', 'military_service', 'parental_leave')",
            name=op.f("ck_employment_outcome_outcome_allowed"),
        ),
        sa.ForeignKeyConstraint(
            ["employer_id"], ["employer.id"], name=op.f("fk_employment_outcome_employer_id_employer")
        ),
        sa.ForeignKeyConstraint(
            ["student_enrollment_id"],
            ["student_enrollment.id"],
            name=op.f("fk_employment_outcome_student_enrollment_id_student_enrollment"),
        ),
        sa.ForeignKeyConstraint(["vacancy_id"], ["vacancy.id"], name=op.f("fk_employment_outcome_vacancy_id_vacancy")),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_employment_outcome_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_employment_outcome")),
    )
    with op.batch_alter_table("employment_outcome", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_employment_outcome_as_of_date"), ["as_of_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_employment_outcome_employer_id"), ["employer_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_employment_outcome_outcome"), ["outcome"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_employment_outcome_student_enrollment_id"), ["student_enrollment_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_employment_outcome_vacancy_id"), ["vacancy_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_employment_outcome_youth_id"), ["youth_id"], unique=False)

    op.create_table(
        "practice_placement",
        sa.Column("slot_id", sa.String(length=36), nullable=False),
        sa.Column("student_enrollment_id", sa.String(length=36), nullable=False),
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("match_tier", sa.String(length=6), nullable=False),
        sa.Column("match_reasons", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("confirmed_by_edu_org_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("confirmed_by_employer_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("start_date", sa.Date(), nullable=True),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("employer_evaluation", sa.Integer(), nullable=True),
        sa.Column("competences_confirmed", sa.JSON(), nullable=False),
        sa.Column("offer_made", sa.Boolean(), nullable=False),
        sa.Column("completed_on", sa.Date(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("match_tier IN ('A', 'B', 'manual')", name=op.f("ck_practice_placement_match_tier_allowed")),
        sa.CheckConstraint(
            "status IN ('proposed', 'confirmed', 'started', 'completed', 'failed', 'rejected')",
            name=op.f("ck_practice_placement_status_allowed"),
        ),
        sa.ForeignKeyConstraint(
            ["slot_id"], ["practice_slot.id"], name=op.f("fk_practice_placement_slot_id_practice_slot")
        ),
        sa.ForeignKeyConstraint(
            ["student_enrollment_id"],
            ["student_enrollment.id"],
            name=op.f("fk_practice_placement_student_enrollment_id_student_enrollment"),
        ),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_practice_placement_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practice_placement")),
        sa.UniqueConstraint("slot_id", "student_enrollment_id", name=op.f("uq_practice_placement_slot_id")),
    )
    with op.batch_alter_table("practice_placement", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_practice_placement_slot_id"), ["slot_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_practice_placement_status"), ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_practice_placement_student_enrollment_id"), ["student_enrollment_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_practice_placement_youth_id"), ["youth_id"], unique=False)

    op.create_table(
        "profiling_result",
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("student_enrollment_id", sa.String(length=36), nullable=True),
        sa.Column("context", sa.String(length=20), nullable=False),
        sa.Column("questionnaire_version", sa.String(length=20), nullable=False),
        sa.Column("taken_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answers", sa.JSON(), nullable=False),
        sa.Column("final_year", sa.Boolean(), nullable=False),
        sa.Column("academic_debt_count", sa.Integer(), nullable=False),
        sa.Column("attendance_rate", sa.Float(), nullable=True),
        sa.Column("practice_status", sa.String(length=12), nullable=False),
        sa.Column("career_plan_present", sa.Boolean(), nullable=False),
        sa.Column("intends_work_in_specialty", sa.Boolean(), nullable=False),
        sa.Column("job_search_skills", sa.String(length=6), nullable=False),
        sa.Column("motivation_level", sa.String(length=6), nullable=False),
        sa.Column("wants_entrepreneurship", sa.Boolean(), nullable=False),
        sa.Column("wants_trajectory_change", sa.Boolean(), nullable=False),
        sa.Column("has_disability", sa.Boolean(), nullable=False),
        sa.Column("needs_income_now", sa.Boolean(), nullable=False),
        sa.Column("any_work_experience", sa.Boolean(), nullable=False),
        sa.Column("job_offer_received", sa.Boolean(), nullable=False),
        sa.Column("target_contract_active", sa.Boolean(), nullable=False),
        sa.Column("social_flags", sa.JSON(), nullable=False),
        sa.Column("social_flags_count", sa.Integer(), nullable=False),
        sa.Column("risk_score", sa.Integer(), nullable=True),
        sa.Column("risk_contributions", sa.JSON(), nullable=False),
        sa.Column("risk_level", sa.String(length=10), nullable=True),
        sa.Column("risk_reason_code", sa.String(length=40), nullable=True),
        sa.Column("profile_group", sa.String(length=40), nullable=True),
        sa.Column("barriers", sa.JSON(), nullable=False),
        sa.Column("next_due_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "context IN ('student_periodic', 'student_ip', 'graduate_ip')",
            name=op.f("ck_profiling_result_context_allowed"),
        ),
        sa.CheckConstraint(
            "job_search_skills IN ('low', 'normal', 'high')", name=op.f("ck_profiling_result_job_search_skills_allowed")
        ),
        sa.CheckConstraint(
            "motivation_level IN ('low', 'normal', 'high')", name=op.f("ck_profiling_result_motivation_level_allowed")
        ),
        sa.CheckConstraint(
            "practice_status IN ('none', 'assigned', 'in_progress', 'done', 'failed')",
            name=op.f("ck_profiling_result_practice_status_allowed"),
        ),
        sa.CheckConstraint("risk_level IN ('acceptable', 'high')", name=op.f("ck_profiling_result_risk_level_allowed")),
        sa.ForeignKeyConstraint(
            ["student_enrollment_id"],
            ["student_enrollment.id"],
            name=op.f("fk_profiling_result_student_enrollment_id_student_enrollment"),
        ),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_profiling_result_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profiling_result")),
    )
    with op.batch_alter_table("profiling_result", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_profiling_result_next_due_at"), ["next_due_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_profiling_result_risk_level"), ["risk_level"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_profiling_result_student_enrollment_id"), ["student_enrollment_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_profiling_result_taken_at"), ["taken_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_profiling_result_youth_id"), ["youth_id"], unique=False)

    op.create_table(
        "adaptation_plan",
        sa.Column("employment_outcome_id", sa.String(length=36), nullable=False),
        sa.Column("employer_id", sa.String(length=36), nullable=False),
        sa.Column("mentor_name", sa.String(length=200), nullable=True),
        sa.Column("starts_on", sa.Date(), nullable=False),
        sa.Column("ends_on", sa.Date(), nullable=False),
        sa.Column("measures", sa.JSON(), nullable=False),
        sa.Column("practice_ids", sa.JSON(), nullable=False),
        sa.Column("measures_note", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('planned', 'active', 'completed', 'interrupted')",
            name=op.f("ck_adaptation_plan_status_allowed"),
        ),
        sa.ForeignKeyConstraint(["employer_id"], ["employer.id"], name=op.f("fk_adaptation_plan_employer_id_employer")),
        sa.ForeignKeyConstraint(
            ["employment_outcome_id"],
            ["employment_outcome.id"],
            name=op.f("fk_adaptation_plan_employment_outcome_id_employment_outcome"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_adaptation_plan")),
    )
    with op.batch_alter_table("adaptation_plan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_adaptation_plan_employer_id"), ["employer_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_adaptation_plan_employment_outcome_id"), ["employment_outcome_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_adaptation_plan_status"), ["status"], unique=False)

    op.create_table(
        "individual_plan",
        sa.Column("youth_id", sa.String(length=36), nullable=False),
        sa.Column("context", sa.String(length=10), nullable=False),
        sa.Column("profiling_result_id", sa.String(length=36), nullable=True),
        sa.Column("curator_id", sa.String(length=36), nullable=True),
        sa.Column("goal", sa.String(length=30), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("review_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("agreed_by_youth_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("source_instance_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("context IN ('student', 'graduate')", name=op.f("ck_individual_plan_context_allowed")),
        sa.CheckConstraint(
            "goal IN ('employment_in_specialty', 'placement', 'entrepreneurship', 'retraining')",
            name=op.f("ck_individual_plan_goal_allowed"),
        ),
        sa.CheckConstraint(
            "status IN ('draft', 'agreed', 'in_progress', 'completed', 'cancelled', 'expired')",
            name=op.f("ck_individual_plan_status_allowed"),
        ),
        sa.ForeignKeyConstraint(["curator_id"], ["curator.id"], name=op.f("fk_individual_plan_curator_id_curator")),
        sa.ForeignKeyConstraint(
            ["profiling_result_id"],
            ["profiling_result.id"],
            name=op.f("fk_individual_plan_profiling_result_id_profiling_result"),
        ),
        sa.ForeignKeyConstraint(["youth_id"], ["youth.id"], name=op.f("fk_individual_plan_youth_id_youth")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_individual_plan")),
    )
    with op.batch_alter_table("individual_plan", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_individual_plan_curator_id"), ["curator_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_individual_plan_profiling_result_id"), ["profiling_result_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_individual_plan_review_at"), ["review_at"], unique=False)
        batch_op.create_index(batch_op.f("ix_individual_plan_source_instance_id"), ["source_instance_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_individual_plan_status"), ["status"], unique=False)
        batch_op.create_index(batch_op.f("ix_individual_plan_youth_id"), ["youth_id"], unique=False)

    op.create_table(
        "retention_checkpoint",
        sa.Column("employment_outcome_id", sa.String(length=36), nullable=False),
        sa.Column("months_after_hire", sa.Integer(), nullable=False),
        sa.Column("due_at", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("risk_of_leaving", sa.Boolean(), nullable=False),
        sa.Column("measures", sa.JSON(), nullable=False),
        sa.Column("left_on", sa.Date(), nullable=True),
        sa.Column("left_reason", sa.Text(), nullable=True),
        sa.Column("actions_taken", sa.Text(), nullable=True),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "status IN ('pending', 'still_employed', 'left', 'unknown')",
            name=op.f("ck_retention_checkpoint_status_allowed"),
        ),
        sa.ForeignKeyConstraint(
            ["employment_outcome_id"],
            ["employment_outcome.id"],
            name=op.f("fk_retention_checkpoint_employment_outcome_id_employment_outcome"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_retention_checkpoint")),
    )
    with op.batch_alter_table("retention_checkpoint", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_retention_checkpoint_due_at"), ["due_at"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_retention_checkpoint_employment_outcome_id"), ["employment_outcome_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_retention_checkpoint_status"), ["status"], unique=False)

    op.create_table(
        "plan_item",
        sa.Column("plan_id", sa.String(length=36), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("service_code", sa.String(length=60), nullable=False),
        sa.Column("provider_lane", sa.String(length=20), nullable=False),
        sa.Column("provider_id", sa.String(length=36), nullable=True),
        sa.Column("due_date", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("result", sa.Text(), nullable=True),
        sa.Column("linked_event_id", sa.String(length=36), nullable=True),
        sa.Column("linked_vacancy_id", sa.String(length=36), nullable=True),
        sa.Column("linked_practice_slot_id", sa.String(length=36), nullable=True),
        sa.Column("linked_course_id", sa.String(length=36), nullable=True),
        sa.Column("linked_referral_id", sa.String(length=36), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "provider_lane IN ('school', 'edu_org', 'czn', 'employer', 'youth', 'ecp', 'my_business')",
            name=op.f("ck_plan_item_provider_lane_allowed"),
        ),
        sa.CheckConstraint(
            "status IN ('planned', 'in_progress', 'done', 'declined', 'failed')",
            name=op.f("ck_plan_item_status_allowed"),
        ),
        sa.ForeignKeyConstraint(
            ["linked_course_id"], ["retraining_course.id"], name=op.f("fk_plan_item_linked_course_id_retraining_course")
        ),
        sa.ForeignKeyConstraint(
            ["linked_event_id"], ["career_event.id"], name=op.f("fk_plan_item_linked_event_id_career_event")
        ),
        sa.ForeignKeyConstraint(
            ["linked_practice_slot_id"],
            ["practice_slot.id"],
            name=op.f("fk_plan_item_linked_practice_slot_id_practice_slot"),
        ),
        sa.ForeignKeyConstraint(
            ["linked_referral_id"],
            ["entrepreneurship_referral.id"],
            name=op.f("fk_plan_item_linked_referral_id_entrepreneurship_referral"),
        ),
        sa.ForeignKeyConstraint(
            ["linked_vacancy_id"], ["vacancy.id"], name=op.f("fk_plan_item_linked_vacancy_id_vacancy")
        ),
        sa.ForeignKeyConstraint(["plan_id"], ["individual_plan.id"], name=op.f("fk_plan_item_plan_id_individual_plan")),
        sa.ForeignKeyConstraint(
            ["service_code"], ["service_catalog_item.code"], name=op.f("fk_plan_item_service_code_service_catalog_item")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_plan_item")),
    )
    with op.batch_alter_table("plan_item", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_plan_item_due_date"), ["due_date"], unique=False)
        batch_op.create_index(batch_op.f("ix_plan_item_linked_course_id"), ["linked_course_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_plan_item_linked_event_id"), ["linked_event_id"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_plan_item_linked_practice_slot_id"), ["linked_practice_slot_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_plan_item_linked_referral_id"), ["linked_referral_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_plan_item_linked_vacancy_id"), ["linked_vacancy_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_plan_item_plan_id"), ["plan_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_plan_item_provider_id"), ["provider_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_plan_item_service_code"), ["service_code"], unique=False)
        batch_op.create_index(batch_op.f("ix_plan_item_status"), ["status"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("plan_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_plan_item_status"))
        batch_op.drop_index(batch_op.f("ix_plan_item_service_code"))
        batch_op.drop_index(batch_op.f("ix_plan_item_provider_id"))
        batch_op.drop_index(batch_op.f("ix_plan_item_plan_id"))
        batch_op.drop_index(batch_op.f("ix_plan_item_linked_vacancy_id"))
        batch_op.drop_index(batch_op.f("ix_plan_item_linked_referral_id"))
        batch_op.drop_index(batch_op.f("ix_plan_item_linked_practice_slot_id"))
        batch_op.drop_index(batch_op.f("ix_plan_item_linked_event_id"))
        batch_op.drop_index(batch_op.f("ix_plan_item_linked_course_id"))
        batch_op.drop_index(batch_op.f("ix_plan_item_due_date"))

    op.drop_table("plan_item")
    with op.batch_alter_table("retention_checkpoint", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_retention_checkpoint_status"))
        batch_op.drop_index(batch_op.f("ix_retention_checkpoint_employment_outcome_id"))
        batch_op.drop_index(batch_op.f("ix_retention_checkpoint_due_at"))

    op.drop_table("retention_checkpoint")
    with op.batch_alter_table("individual_plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_individual_plan_youth_id"))
        batch_op.drop_index(batch_op.f("ix_individual_plan_status"))
        batch_op.drop_index(batch_op.f("ix_individual_plan_source_instance_id"))
        batch_op.drop_index(batch_op.f("ix_individual_plan_review_at"))
        batch_op.drop_index(batch_op.f("ix_individual_plan_profiling_result_id"))
        batch_op.drop_index(batch_op.f("ix_individual_plan_curator_id"))

    op.drop_table("individual_plan")
    with op.batch_alter_table("adaptation_plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_adaptation_plan_status"))
        batch_op.drop_index(batch_op.f("ix_adaptation_plan_employment_outcome_id"))
        batch_op.drop_index(batch_op.f("ix_adaptation_plan_employer_id"))

    op.drop_table("adaptation_plan")
    with op.batch_alter_table("profiling_result", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_profiling_result_youth_id"))
        batch_op.drop_index(batch_op.f("ix_profiling_result_taken_at"))
        batch_op.drop_index(batch_op.f("ix_profiling_result_student_enrollment_id"))
        batch_op.drop_index(batch_op.f("ix_profiling_result_risk_level"))
        batch_op.drop_index(batch_op.f("ix_profiling_result_next_due_at"))

    op.drop_table("profiling_result")
    with op.batch_alter_table("practice_placement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_practice_placement_youth_id"))
        batch_op.drop_index(batch_op.f("ix_practice_placement_student_enrollment_id"))
        batch_op.drop_index(batch_op.f("ix_practice_placement_status"))
        batch_op.drop_index(batch_op.f("ix_practice_placement_slot_id"))

    op.drop_table("practice_placement")
    with op.batch_alter_table("employment_outcome", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_employment_outcome_youth_id"))
        batch_op.drop_index(batch_op.f("ix_employment_outcome_vacancy_id"))
        batch_op.drop_index(batch_op.f("ix_employment_outcome_student_enrollment_id"))
        batch_op.drop_index(batch_op.f("ix_employment_outcome_outcome"))
        batch_op.drop_index(batch_op.f("ix_employment_outcome_employer_id"))
        batch_op.drop_index(batch_op.f("ix_employment_outcome_as_of_date"))

    op.drop_table("employment_outcome")
    with op.batch_alter_table("curator_assignment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_curator_assignment_youth_id"))
        batch_op.drop_index(batch_op.f("ix_curator_assignment_student_enrollment_id"))
        batch_op.drop_index(batch_op.f("ix_curator_assignment_ended_on"))
        batch_op.drop_index(batch_op.f("ix_curator_assignment_curator_id"))

    op.drop_table("curator_assignment")
    with op.batch_alter_table("student_enrollment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_student_enrollment_youth_id"))
        batch_op.drop_index(batch_op.f("ix_student_enrollment_target_contract_id"))
        batch_op.drop_index(batch_op.f("ix_student_enrollment_status"))
        batch_op.drop_index(batch_op.f("ix_student_enrollment_programme_id"))
        batch_op.drop_index(batch_op.f("ix_student_enrollment_expected_graduation"))

    op.drop_table("student_enrollment")
    with op.batch_alter_table("target_training_contract", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_target_training_contract_youth_id"))
        batch_op.drop_index(batch_op.f("ix_target_training_contract_status"))
        batch_op.drop_index(batch_op.f("ix_target_training_contract_programme_id"))
        batch_op.drop_index(batch_op.f("ix_target_training_contract_offer_id"))
        batch_op.drop_index(batch_op.f("ix_target_training_contract_number"))
        batch_op.drop_index(batch_op.f("ix_target_training_contract_employment_deadline"))
        batch_op.drop_index(batch_op.f("ix_target_training_contract_customer_employer_id"))

    op.drop_table("target_training_contract")
    with op.batch_alter_table("target_training_application", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_target_training_application_youth_id"))
        batch_op.drop_index(batch_op.f("ix_target_training_application_status"))
        batch_op.drop_index(batch_op.f("ix_target_training_application_offer_id"))

    op.drop_table("target_training_application")
    with op.batch_alter_table("target_training_offer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_target_training_offer_programme_id"))
        batch_op.drop_index(batch_op.f("ix_target_training_offer_ecp_offer_id"))
        batch_op.drop_index(batch_op.f("ix_target_training_offer_customer_employer_id"))
        batch_op.drop_index(batch_op.f("ix_target_training_offer_admission_year"))

    op.drop_table("target_training_offer")
    with op.batch_alter_table("practice_slot", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_practice_slot_start_date"))
        batch_op.drop_index(batch_op.f("ix_practice_slot_region_code"))
        batch_op.drop_index(batch_op.f("ix_practice_slot_municipality_oktmo"))
        batch_op.drop_index(batch_op.f("ix_practice_slot_employer_id"))
        batch_op.drop_index(batch_op.f("ix_practice_slot_edu_org_id"))
        batch_op.drop_index(batch_op.f("ix_practice_slot_agreement_id"))

    op.drop_table("practice_slot")
    with op.batch_alter_table("curator_edu_org", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_curator_edu_org_edu_org_id"))
        batch_op.drop_index(batch_op.f("ix_curator_edu_org_curator_id"))

    op.drop_table("curator_edu_org")
    with op.batch_alter_table("admission_plan", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_admission_plan_year"))
        batch_op.drop_index(batch_op.f("ix_admission_plan_programme_id"))

    op.drop_table("admission_plan")
    with op.batch_alter_table("programme", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_programme_okso_code"))
        batch_op.drop_index(batch_op.f("ix_programme_edu_org_id"))

    op.drop_table("programme")
    with op.batch_alter_table("event_enrollment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_event_enrollment_youth_id"))
        batch_op.drop_index(batch_op.f("ix_event_enrollment_event_id"))

    op.drop_table("event_enrollment")
    with op.batch_alter_table("curator", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_curator_staff_id"))
        batch_op.drop_index(batch_op.f("ix_curator_edu_org_id"))
        batch_op.drop_index(batch_op.f("ix_curator_czn_office_id"))

    op.drop_table("curator")
    with op.batch_alter_table("competence_passport_item", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_competence_passport_item_passport_id"))
        batch_op.drop_index(batch_op.f("ix_competence_passport_item_competence_code"))

    op.drop_table("competence_passport_item")
    with op.batch_alter_table("assistance_agreement", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assistance_agreement_status"))
        batch_op.drop_index(batch_op.f("ix_assistance_agreement_staffing_need_id"))
        batch_op.drop_index(batch_op.f("ix_assistance_agreement_number"))
        batch_op.drop_index(batch_op.f("ix_assistance_agreement_employer_id"))
        batch_op.drop_index(batch_op.f("ix_assistance_agreement_czn_office_id"))

    op.drop_table("assistance_agreement")
    with op.batch_alter_table("vacancy", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vacancy_ugs_code"))
        batch_op.drop_index(batch_op.f("ix_vacancy_status"))
        batch_op.drop_index(batch_op.f("ix_vacancy_region_code"))
        batch_op.drop_index(batch_op.f("ix_vacancy_okso_code"))
        batch_op.drop_index(batch_op.f("ix_vacancy_municipality_oktmo"))
        batch_op.drop_index(batch_op.f("ix_vacancy_employer_id"))
        batch_op.drop_index(batch_op.f("ix_vacancy_ecp_vacancy_id"))

    op.drop_table("vacancy")
    with op.batch_alter_table("temp_job", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_temp_job_youth_id"))
        batch_op.drop_index(batch_op.f("ix_temp_job_status"))
        batch_op.drop_index(batch_op.f("ix_temp_job_employer_id"))

    op.drop_table("temp_job")
    with op.batch_alter_table("student_ecp_profile", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_student_ecp_profile_ecp_profile_id"))

    op.drop_table("student_ecp_profile")
    with op.batch_alter_table("staffing_need", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_staffing_need_status"))
        batch_op.drop_index(batch_op.f("ix_staffing_need_segment"))
        batch_op.drop_index(batch_op.f("ix_staffing_need_needed_by"))
        batch_op.drop_index(batch_op.f("ix_staffing_need_employer_id"))

    op.drop_table("staffing_need")
    with op.batch_alter_table("school_enrollment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_school_enrollment_youth_id"))
        batch_op.drop_index(batch_op.f("ix_school_enrollment_school_year"))
        batch_op.drop_index(batch_op.f("ix_school_enrollment_school_id"))

    op.drop_table("school_enrollment")
    with op.batch_alter_table("retraining_enrollment", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_retraining_enrollment_youth_id"))
        batch_op.drop_index(batch_op.f("ix_retraining_enrollment_status"))
        batch_op.drop_index(batch_op.f("ix_retraining_enrollment_course_id"))

    op.drop_table("retraining_enrollment")
    with op.batch_alter_table("entrepreneurship_referral", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_entrepreneurship_referral_youth_id"))
        batch_op.drop_index(batch_op.f("ix_entrepreneurship_referral_status"))
        batch_op.drop_index(batch_op.f("ix_entrepreneurship_referral_referred_at"))
        batch_op.drop_index(batch_op.f("ix_entrepreneurship_referral_my_business_centre_id"))

    op.drop_table("entrepreneurship_referral")
    with op.batch_alter_table("edu_org", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_edu_org_region_code"))
        batch_op.drop_index(batch_op.f("ix_edu_org_name"))
        batch_op.drop_index(batch_op.f("ix_edu_org_municipality_oktmo"))
        batch_op.drop_index(batch_op.f("ix_edu_org_inn"))
        batch_op.drop_index(batch_op.f("ix_edu_org_czn_office_id"))

    op.drop_table("edu_org")
    op.drop_table("competence_passport")
    with op.batch_alter_table("career_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_career_event_type_code"))
        batch_op.drop_index(batch_op.f("ix_career_event_starts_at"))
        batch_op.drop_index(batch_op.f("ix_career_event_organizer_id"))
        batch_op.drop_index(batch_op.f("ix_career_event_municipality_oktmo"))
        batch_op.drop_index(batch_op.f("ix_career_event_employer_id"))

    op.drop_table("career_event")
    with op.batch_alter_table("youth", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_youth_status"))
        batch_op.drop_index(batch_op.f("ix_youth_region_code"))
        batch_op.drop_index(batch_op.f("ix_youth_municipality_oktmo"))
        batch_op.drop_index(batch_op.f("ix_youth_last_name"))
        batch_op.drop_index(batch_op.f("ix_youth_ecp_profile_id"))

    op.drop_table("youth")
    with op.batch_alter_table("school", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_school_region_code"))
        batch_op.drop_index(batch_op.f("ix_school_name"))
        batch_op.drop_index(batch_op.f("ix_school_municipality_oktmo"))
        batch_op.drop_index(batch_op.f("ix_school_inn"))

    op.drop_table("school")
    with op.batch_alter_table("my_business_centre", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_my_business_centre_region_code"))
        batch_op.drop_index(batch_op.f("ix_my_business_centre_name"))
        batch_op.drop_index(batch_op.f("ix_my_business_centre_municipality_oktmo"))

    op.drop_table("my_business_centre")
    with op.batch_alter_table("employer", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_employer_region_code"))
        batch_op.drop_index(batch_op.f("ix_employer_okved"))
        batch_op.drop_index(batch_op.f("ix_employer_name"))
        batch_op.drop_index(batch_op.f("ix_employer_municipality_oktmo"))
        batch_op.drop_index(batch_op.f("ix_employer_inn"))
        batch_op.drop_index(batch_op.f("ix_employer_ecp_employer_id"))

    op.drop_table("employer")
    with op.batch_alter_table("czn_office", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_czn_office_region_code"))
        batch_op.drop_index(batch_op.f("ix_czn_office_name"))
        batch_op.drop_index(batch_op.f("ix_czn_office_municipality_oktmo"))

    op.drop_table("czn_office")
    with op.batch_alter_table("retraining_course", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_retraining_course_starts_on"))
        batch_op.drop_index(batch_op.f("ix_retraining_course_region_code"))
        batch_op.drop_index(batch_op.f("ix_retraining_course_okso_code"))

    op.drop_table("retraining_course")
    with op.batch_alter_table("municipality", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_municipality_region_code"))

    op.drop_table("municipality")
    with op.batch_alter_table("specialty", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_specialty_ugs_code"))

    op.drop_table("specialty")
    op.drop_table("service_catalog_item")
    op.drop_table("region")
    op.drop_table("career_event_type")
    with op.batch_alter_table("adaptation_practice", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_adaptation_practice_status"))
        batch_op.drop_index(batch_op.f("ix_adaptation_practice_review_at"))
        batch_op.drop_index(batch_op.f("ix_adaptation_practice_category"))

    op.drop_table("adaptation_practice")
