from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from domain.models import (
    Base,
    Employer,
    EmploymentOutcome,
    IndividualPlan,
    PlanItem,
    PracticeSlot,
    RetentionCheckpoint,
    Youth,
    pii_columns,
)
from domain.reference_data.loader import load_reference_data


@pytest.fixture
def session(domain_engine):
    with Session(domain_engine) as session:
        load_reference_data(session)
        session.add(_youth())
        session.add(Employer(id="employer-001", name="АО «Тест»", okved="28.41", region_code="40"))
        session.flush()
        yield session


def _youth(**overrides) -> Youth:
    values = {
        "id": "y-1",
        "last_name": "Иванова",
        "first_name": "Анна",
        "patronymic": "Сергеевна",
        "sex": "f",
        "birth_date": date(2008, 5, 1),
        "region_code": "40",
    }
    return Youth(**(values | overrides))


def test_personal_data_columns_are_marked():
    assert {"last_name", "first_name", "patronymic", "birth_date", "snils", "phone"} <= set(pii_columns(Youth))
    assert "status" not in pii_columns(Youth)
    marked_tables = {
        table.name for table in Base.metadata.sorted_tables if any(column.info.get("pii") for column in table.columns)
    }
    assert {"youth", "curator", "profiling_result", "school"} <= marked_tables


def test_every_table_has_timestamps_and_indexed_foreign_keys():
    for table in Base.metadata.sorted_tables:
        assert {"created_at", "updated_at"} <= set(table.columns.keys()), table.name
        indexed = {column.name for index in table.indexes for column in index.columns}
        indexed |= {
            c.name
            for constraint in table.constraints
            if hasattr(constraint, "columns")
            for c in list(constraint.columns)[:1]
        }
        for column in table.columns:
            if column.foreign_keys:
                assert column.name in indexed or column.primary_key, f"{table.name}.{column.name}"


def test_plan_with_items_and_outcome_with_checkpoints_insert_in_one_flush(session):
    plan = IndividualPlan(youth_id="y-1", context="student", valid_from=date(2026, 11, 2))
    plan.items.append(
        PlanItem(position=1, service_code="career_consultation", provider_lane="czn", due_date=date(2026, 11, 16))
    )
    outcome = EmploymentOutcome(
        youth_id="y-1",
        graduation_date=date(2026, 6, 30),
        as_of_date=date(2026, 7, 1),
        outcome="employed",
        employer_id="employer-001",
    )
    outcome.retention_checkpoints.append(RetentionCheckpoint(months_after_hire=3, due_at=date(2026, 10, 1)))
    session.add_all([plan, outcome])
    session.flush()
    stored = session.scalar(select(IndividualPlan).where(IndividualPlan.id == plan.id))
    assert [item.service_code for item in stored.items] == ["career_consultation"]
    assert len(stored.id) == 36 and stored.created_at.tzinfo is not None
    assert stored.created_at <= datetime.now(UTC)


@pytest.mark.parametrize(
    "bad",
    [
        lambda: _youth(id="y-2", status="astronaut"),
        lambda: PracticeSlot(
            employer_id="employer-001",
            region_code="40",
            start_date=date(2027, 4, 1),
            end_date=date(2027, 5, 1),
            capacity=1,
            filled=2,
        ),
        lambda: PlanItem(
            plan_id="missing",
            position=1,
            service_code="career_consultation",
            provider_lane="czn",
            due_date=date(2026, 11, 16),
        ),
    ],
)
def test_the_database_rejects_bad_rows(session, bad):
    session.add(bad())
    with pytest.raises(IntegrityError):
        session.flush()
