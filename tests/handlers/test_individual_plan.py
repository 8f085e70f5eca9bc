"""Individual-plan handlers against the seeded region."""
from __future__ import annotations

from datetime import date

import pytest

from domain.models import CuratorAssignment, IndividualPlan, PlanItem, Youth
from handlers import individual_plan
from tests.handlers.factories import add_curator, add_student

ORG = {"edu_org": "edu-college", "czn": "czn-001", "my_business": "mb-001"}


@pytest.fixture
def plan(session, region, make_ctx):
    add_student(session, region, "s-1", graduation=date(2027, 6, 30), academic_debt_count=2)
    add_curator(session, region, curator_id="cur-1", edu_orgs=[region.college])
    session.add(CuratorAssignment(curator_id="cur-1", youth_id="s-1", started_on=date(2026, 9, 1)))
    session.flush()
    return individual_plan.open_plan(make_ctx({"org": ORG}), youth_id="s-1", context="student")


def test_open_plan_for_a_final_year_student(session, plan):
    assert plan == {"plan_id": plan["plan_id"], "age": 18, "final_year": True, "academic_debt_count": 2,
                    "review_at": "2026-11-16T10:00:00+03:00"}
    row = session.get(IndividualPlan, plan["plan_id"])
    assert (row.status, row.context, row.curator_id, row.valid_to) == ("draft", "student", "cur-1",
                                                                       date(2026, 11, 16))


def test_graduate_plan_is_reviewed_after_three_months(session, region, make_ctx, count):
    add_student(session, region, "g-1", graduation=date(2026, 6, 30), status="graduated")
    ctx = make_ctx()
    result = individual_plan.open_plan(ctx, youth_id="g-1", context="graduate")
    assert result["review_at"] == "2027-01-05T10:00:00+03:00"
    assert result["final_year"] is False and result["academic_debt_count"] == 0
    assert individual_plan.open_plan(make_ctx(same=ctx), youth_id="g-1", context="graduate") == result
    assert count(IndividualPlan) == 1
    with pytest.raises(ValueError, match="context"):
        individual_plan.open_plan(make_ctx(), youth_id="g-1", context="pupil")


def test_services_become_items_booked_with_their_providers(session, plan, make_ctx, count):
    ctx = make_ctx({"org": ORG})
    codes = ["career_consultation", "digital_career_navigation", "refer_my_business", "career_consultation"]
    lanes = ["czn", "ecp", "my_business", "czn"]
    result = individual_plan.deliver_services(ctx, plan_id=plan["plan_id"], service_codes=codes, providers=lanes)
    assert result["delivered_count"] == 3
    items = [session.get(PlanItem, item_id) for item_id in result["item_ids"]]
    assert [i.service_code for i in items] == ["career_consultation", "digital_career_navigation",
                                               "refer_my_business"]
    assert [i.due_date for i in items] == [date(2026, 10, 19), date(2026, 10, 19), date(2026, 11, 4)]
    assert items[2].provider_id == "mb-001"
    assert [(e["system"], e["kind"]) for e in ctx.emitted] == [("notification", "plan_item.book"),
                                                                ("ecp", "plan_item.book"),
                                                                ("my_business", "plan_item.book")]
    assert session.get(IndividualPlan, plan["plan_id"]).status == "in_progress"
    again = make_ctx({"org": ORG})
    assert individual_plan.deliver_services(again, plan_id=plan["plan_id"], service_codes=codes,
                                            providers=lanes)["item_ids"] == result["item_ids"]
    assert again.emitted == [] and count(PlanItem) == 3


def test_unknown_service_code_fails_the_step(session, plan, make_ctx, count):
    with pytest.raises(ValueError, match="unknown service code"):
        individual_plan.deliver_services(make_ctx(), plan_id=plan["plan_id"], service_codes=["astrology"],
                                         providers=["czn"])
    assert count(PlanItem) == 0


def test_close_plan_completes_or_keeps_it(session, plan, make_ctx):
    individual_plan.deliver_services(make_ctx({"org": ORG}), plan_id=plan["plan_id"],
                                     service_codes=["cv_service"], providers=["czn"])
    kept = individual_plan.close_plan(make_ctx(), plan_id=plan["plan_id"],
                                      ip_result={"plan_completed": False, "employed": False})
    assert kept == {"status": "in_progress"}
    done = individual_plan.close_plan(make_ctx(), plan_id=plan["plan_id"],
                                      ip_result={"plan_completed": True, "employed": True})
    assert done == {"status": "completed"}
    assert session.query(PlanItem).one().status == "done"
    assert session.get(Youth, "s-1").status == "employed"


def test_expired_plan_declines_open_items(session, plan, make_ctx):
    individual_plan.deliver_services(make_ctx({"org": ORG}), plan_id=plan["plan_id"],
                                     service_codes=["cv_service"], providers=["czn"])
    result = individual_plan.close_expired_plan(make_ctx(), plan_id=plan["plan_id"])
    assert result["plan_completed"] is False and result["entrepreneurship_request"] is False
    assert set(result) == {"plan_completed", "employed", "entrepreneurship_request", "prefers_online_support",
                           "comment"}
    assert session.get(IndividualPlan, plan["plan_id"]).status == "expired"
    assert session.query(PlanItem).one().status == "declined"
