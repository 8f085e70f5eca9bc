"""Young-specialist adaptation handlers against the seeded region."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.models import AdaptationPlan, EmploymentOutcome, RetentionCheckpoint, Youth
from handlers import adaptation
from tests.handlers.factories import add_practice, add_youth

HIRED = datetime(2027, 7, 20, 7, 0, tzinfo=UTC)
EMPLOYMENT = {"employer_id": "emp-it", "start_date": "2027-07-15", "in_specialty": True}
ORG = {"employer": "emp-it", "czn": "czn-001"}


@pytest.fixture
def plan(session, region, make_ctx):
    add_youth(session, "w-1", birth_date=date(2007, 4, 2), status="employed")
    session.add(EmploymentOutcome(youth_id="w-1", graduation_date=date(2027, 6, 30), as_of_date=date(2027, 7, 1),
                                  outcome="employed", employer_id="emp-it", start_date=date(2027, 7, 15)))
    session.flush()
    return adaptation.open_plan(make_ctx({"org": ORG}, now=HIRED), youth_id="w-1", employment=EMPLOYMENT)


def test_open_plan_with_retention_checkpoints(session, plan, make_ctx, count):
    assert plan["ends_at"] == "2027-10-15T09:00:00+03:00"
    assert plan["checkpoints"] == [
        {"months": 3, "due_at": "2027-10-15T09:00:00+03:00"},
        {"months": 6, "due_at": "2028-01-15T09:00:00+03:00"},
        {"months": 12, "due_at": "2028-07-15T09:00:00+03:00"},
        {"months": 24, "due_at": "2029-07-15T09:00:00+03:00"},
    ]
    row = session.get(AdaptationPlan, plan["plan_id"])
    assert (row.status, row.employer_id, row.starts_on) == ("active", "emp-it", date(2027, 7, 15))
    assert count(RetentionCheckpoint) == 4 and count(EmploymentOutcome) == 1
    again = adaptation.open_plan(make_ctx({"org": ORG}, now=HIRED), youth_id="w-1", employment=EMPLOYMENT)
    assert again == plan and count(AdaptationPlan) == 1


def test_open_plan_records_the_employment_when_missing(session, region, make_ctx, count):
    add_youth(session, "w-2", birth_date=date(2000, 1, 1), status="not_employed")
    adaptation.open_plan(make_ctx(now=HIRED), youth_id="w-2", employment=EMPLOYMENT)
    outcome = session.query(EmploymentOutcome).one()
    assert (outcome.outcome, outcome.data_source, outcome.employer_id) == ("employed", "employer", "emp-it")
    assert session.get(Youth, "w-2").status == "employed"


def test_employer_gets_fitting_practices(session, plan, make_ctx):
    it_mentoring = add_practice(session, "Наставничество в IT", industries=["Информационные технологии"])
    general = add_practice(session, "Вводный курс", category="onboarding")
    add_practice(session, "Жильё для рабочих завода", category="housing", industries=["Обрабатывающие производства"])
    add_practice(session, "Для крупных компаний", size="large")
    add_practice(session, "Черновик", status="draft")
    ctx = make_ctx({"org": ORG})
    result = adaptation.advise_employer(ctx, youth_id="w-1", employer_id="emp-it")
    assert result == {"practice_ids": [it_mentoring.id, general.id]}
    repeat = make_ctx(same=ctx)
    assert adaptation.advise_employer(repeat, youth_id="w-1", employer_id="emp-it") == result
    assert repeat.emitted == []
    assert session.get(AdaptationPlan, plan["plan_id"]).practice_ids == result["practice_ids"]
    assert ctx.emitted[0]["kind"] == "adaptation.practices"


def test_retention_measures_close_the_checkpoint(session, plan, make_ctx):
    ctx = make_ctx({"org": ORG, "adaptation": {"mentor_name": "Орлов П. П.", "measures": ["mentoring"],
                                               "completed": True}})
    result = adaptation.record_retention_measures(ctx, youth_id="w-1", checkpoint={"months": 3},
                                                  retention_result={"still_employed": True,
                                                                    "risk_of_leaving": True})
    assert result == {"measures": ["mentoring", "czn_consultation"]}
    assert adaptation.record_retention_measures(make_ctx(same=ctx), youth_id="w-1", checkpoint={"months": 3},
                                                retention_result={"still_employed": True,
                                                                  "risk_of_leaving": True}) == result
    row = session.query(RetentionCheckpoint).filter_by(months_after_hire=3).one()
    assert row.status == "still_employed" and row.risk_of_leaving and row.checked_at is not None
    plan_row = session.get(AdaptationPlan, plan["plan_id"])
    assert plan_row.status == "completed" and plan_row.mentor_name == "Орлов П. П."
    assert ctx.emitted[0]["kind"] == "retention.risk"


def test_departure_reopens_the_outcome(session, plan, make_ctx, count):
    later = datetime(2028, 1, 16, 7, 0, tzinfo=UTC)
    ctx = make_ctx({"org": ORG}, now=later)
    result = adaptation.record_departure(ctx, youth_id="w-1", checkpoint={"months": 6},
                                         retention_result={"still_employed": False, "left_reason": "Переезд"})
    assert result == {"left_at": "2028-01-16"}
    row = session.query(RetentionCheckpoint).filter_by(months_after_hire=6).one()
    assert (row.status, row.left_reason) == ("left", "Переезд")
    assert session.get(AdaptationPlan, plan["plan_id"]).status == "interrupted"
    assert session.get(Youth, "w-1").status == "not_employed"
    assert count(EmploymentOutcome, EmploymentOutcome.outcome == "not_employed") == 1
    adaptation.record_departure(make_ctx(same=ctx), youth_id="w-1", checkpoint={"months": 6},
                                retention_result={"still_employed": False, "left_reason": "Переезд"})
    assert count(EmploymentOutcome, EmploymentOutcome.outcome == "not_employed") == 1


def test_unknown_checkpoint_fails(session, plan, make_ctx):
    with pytest.raises(LookupError, match="no retention checkpoint at 5 months"):
        adaptation.record_departure(make_ctx(), youth_id="w-1", checkpoint={"months": 5}, retention_result={})
