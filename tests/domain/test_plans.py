from __future__ import annotations

from datetime import date

import pytest

from domain.algorithms.plans import ServiceSpec, compose_plan, rows_from_collect

CATALOGUE = {
    spec.code: spec
    for spec in (
        ServiceSpec("career_consultation", "Профконсультация", "czn", 14, 10),
        ServiceSpec("group_career_sessions", "Групповые занятия", "czn", 30, 20),
        ServiceSpec("practice_matching", "Подбор практики", "edu_org", 30, 5),
        ServiceSpec("curator_meeting_monthly", "Встреча с куратором", "czn", 30, 1),
    )
}
START = date(2027, 3, 1)


def test_items_get_lane_due_date_and_order():
    rows = [
        {"service_code": "group_career_sessions"},
        {"service_code": "career_consultation"},
        {"service_code": "practice_matching"},
        {"service_code": "curator_meeting_monthly"},
    ]
    plan = compose_plan(rows, CATALOGUE, START)
    assert [(i.position, i.service_code, i.provider_lane, i.due_date) for i in plan] == [
        (1, "career_consultation", "czn", date(2027, 3, 15)),
        (2, "curator_meeting_monthly", "czn", date(2027, 3, 31)),
        (3, "practice_matching", "edu_org", date(2027, 3, 31)),
        (4, "group_career_sessions", "czn", date(2027, 3, 31)),
    ]
    assert plan[0].as_dict()["due_date"] == "2027-03-15"


def test_duplicates_collapse_to_the_earliest_due_date():
    rows = [
        {"service_code": "practice_matching"},
        {"service_code": "practice_matching", "due_in_days": 7, "provider_lane": "ecp"},
    ]
    plan = compose_plan(rows, CATALOGUE, START)
    assert len(plan) == 1
    assert (plan[0].provider_lane, plan[0].due_date) == ("ecp", date(2027, 3, 8))


def test_collect_columns_become_rows():
    columns = {"service_code": ["career_consultation", "practice_matching"], "provider_lane": ["czn", None]}
    rows = rows_from_collect(columns)
    assert rows == [
        {"service_code": "career_consultation", "provider_lane": "czn"},
        {"service_code": "practice_matching", "provider_lane": None},
    ]
    assert [i.provider_lane for i in compose_plan(rows, CATALOGUE, START)] == ["czn", "edu_org"]
    assert rows_from_collect({}) == []


@pytest.mark.parametrize(
    "row",
    [
        {"service_code": "teleport"},
        {},
        {"service_code": "practice_matching", "provider_lane": "mars"},
        {"service_code": "practice_matching", "due_in_days": -3},
    ],
)
def test_bad_rows_are_rejected(row):
    with pytest.raises(ValueError):
        compose_plan([row], CATALOGUE, START)


def test_ragged_collect_result_is_rejected():
    with pytest.raises(ValueError):
        rows_from_collect({"service_code": ["a", "b"], "provider_lane": ["czn"]})
