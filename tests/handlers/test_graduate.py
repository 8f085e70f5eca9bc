"""Graduate routing handlers against the seeded region."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from domain.models import (
    EmploymentOutcome,
    IndividualPlan,
    ProfilingResult,
    RetrainingCourse,
    RetrainingEnrollment,
    StudentEnrollment,
    TargetTrainingContract,
    Youth,
)
from handlers import graduate
from tests.handlers.factories import add_course, add_student

AFTER_DIPLOMA = datetime(2027, 7, 1, 7, 0, tzinfo=UTC)
ROUTE = {"reason": "graduation", "graduation": {"passed": True, "diploma_date": "2027-06-28", "demo_exam_score": 71}}
ORG = {"edu_org": "edu-college", "czn": "czn-001"}
EMPLOYED = {"employed": True, "in_specialty": True, "employer_id": "emp-it", "start_date": "2027-07-15",
            "wants_change": False, "enrolled_in_retraining": False}


@pytest.fixture
def graduate_row(session, region):
    return add_student(session, region, "g-1", graduation=date(2027, 6, 30))


@pytest.fixture
def contract(session, region, graduate_row):
    row = TargetTrainingContract(customer_employer_id=region.it_employer, youth_id="g-1",
                                 programme_id=region.it_programme, status="active", signed_at=date(2023, 8, 1))
    session.add(row)
    session.flush()
    return row


def test_job_seeker_application_on_ecp(session, graduate_row, make_ctx):
    ctx = make_ctx({"route": ROUTE}, now=AFTER_DIPLOMA)
    result = graduate.provide_online_employment_services(ctx, youth_id="g-1")
    assert result["ecp_application_id"].startswith("ecp-app-")
    profile, call = ctx.emitted
    assert profile["kind"] == "student_profile.create", "a graduate without a profile gets one first"
    assert (call["system"], call["kind"]) == ("ecp", "job_seeker_application.register")
    assert call["payload"]["okso_code"] == "09.02.07" and call["payload"]["reason"] == "graduation"
    assert session.get(Youth, "g-1").status == "graduate"
    assert graduate.provide_online_employment_services(make_ctx(same=ctx), youth_id="g-1") == result


def test_checkpoints_from_the_diploma_with_the_target_contract(session, graduate_row, contract, make_ctx):
    result = graduate.plan_outcome_checkpoints(make_ctx(now=AFTER_DIPLOMA), youth_id="g-1", route=ROUTE)
    checkpoints = result["checkpoints"]
    assert [c for c in checkpoints if not c["followup"]] == [
        {"index": 0, "months": 0, "at": "2027-06-28T09:00:00+03:00", "followup": False},
        {"index": 4, "months": 6, "at": "2027-12-28T09:00:00+03:00", "followup": False},
        {"index": 8, "months": 12, "at": "2028-06-28T09:00:00+03:00", "followup": False},
        {"index": 16, "months": 24, "at": "2029-06-28T09:00:00+03:00", "followup": False},
    ]
    assert [c["months"] for c in checkpoints if c["followup"]] == [
        1.5, 3, 4.5, 7.5, 9, 10.5, 13.5, 15, 16.5, 18, 19.5, 21, 22.5]
    assert [c["at"] for c in checkpoints[1:3]] == ["2027-08-12T09:00:00+03:00", "2027-09-28T09:00:00+03:00"], (
        "every 1.5 months: a month and fifteen days, then three months; 09:00 Moscow time")
    assert result["target_contract"] == {"contract_id": contract.id, "employer_id": "emp-it",
                                         "employment_deadline": "2027-09-28T09:00:00+03:00"}
    assert result["org"] == {"employer": "emp-it"}
    enrollment = session.get(StudentEnrollment, graduate_row.id)
    assert (enrollment.status, enrollment.graduated_at, enrollment.gia_passed, enrollment.demo_exam_score) == (
        "graduated", date(2027, 6, 28), True, 71)


def test_checkpoints_after_leaving_a_job_without_contract(session, graduate_row, make_ctx):
    result = graduate.plan_outcome_checkpoints(make_ctx({"org": ORG}, now=AFTER_DIPLOMA), youth_id="g-1",
                                               route={"reason": "left_job"})
    assert result["org"] == ORG
    assert result["checkpoints"][0]["at"] == "2027-07-01T09:00:00+03:00"
    assert result["target_contract"] is None


def test_breach_of_the_target_contract(session, contract, make_ctx):
    ctx = make_ctx({"org": ORG})
    assert graduate.record_target_contract_breach(ctx, youth_id="g-1", contract_id=contract.id) == {
        "status": "breached"}
    assert contract.status == "breached" and ctx.emitted[0]["kind"] == "target_contract.breach"
    with pytest.raises(ValueError, match="another youth"):
        graduate.record_target_contract_breach(make_ctx(), youth_id="someone", contract_id=contract.id)


def test_employment_at_the_customer_fulfils_the_contract(session, contract, make_ctx, count):
    ctx = make_ctx({"org": ORG}, now=AFTER_DIPLOMA)
    result = graduate.record_outcome(ctx, youth_id="g-1", outcome="employed", status=EMPLOYED,
                                     checkpoint={"index": 0, "months": 0})
    assert result == {
        "outcome": "employed",
        "employment_outcome_id": result["employment_outcome_id"],
        "org": {**ORG, "employer": "emp-it"},
        "employment": {"employer_id": "emp-it", "start_date": "2027-07-15", "in_specialty": True},
    }
    row = session.get(EmploymentOutcome, result["employment_outcome_id"])
    assert (row.outcome, row.checkpoint_months, row.graduation_date) == ("employed", 0, date(2027, 6, 30))
    assert contract.status == "fulfilled" and session.get(Youth, "g-1").status == "employed"
    graduate.record_outcome(make_ctx(same=ctx), youth_id="g-1", outcome="employed", status=EMPLOYED,
                            checkpoint={"index": 0, "months": 0})
    assert count(EmploymentOutcome) == 1


def test_not_employed_outcome(session, graduate_row, make_ctx):
    status = {"employed": False, "in_specialty": False, "employer_id": None, "start_date": None,
              "wants_change": False, "enrolled_in_retraining": False}
    result = graduate.record_outcome(make_ctx({"org": ORG}), youth_id="g-1", outcome="not_employed",
                                     status=status, checkpoint={"index": 1, "months": 6})
    assert result["employment"] == {"employer_id": None, "start_date": None, "in_specialty": None}
    assert session.get(Youth, "g-1").status == "not_employed"


def test_a_job_confirmed_at_a_follow_up_counts_whole_months(session, graduate_row, make_ctx):
    graduate.record_outcome(make_ctx({"org": ORG}), youth_id="g-1", outcome="employed", status=EMPLOYED,
                            checkpoint={"index": 5, "months": 7.5, "followup": True})
    assert session.query(EmploymentOutcome).one().checkpoint_months == 7


def test_a_follow_up_stores_the_repeat_profiling_and_names_the_open_graduate_plan(session, graduate_row, make_ctx):
    plan = IndividualPlan(youth_id="g-1", context="graduate", goal="employment_in_specialty",
                          valid_from=date(2027, 7, 1), status="in_progress")
    session.add(plan)
    session.flush()
    followup = {"found_job": False, "job_search_active": True, "job_search_skills": "low",
                "motivation_level": "normal", "needs_income_now": True, "plan_adjusted": True, "comment": ""}
    ctx = make_ctx({"org": ORG}, now=AFTER_DIPLOMA)
    result = graduate.record_followup(ctx, youth_id="g-1", followup=followup,
                                      checkpoint={"index": 1, "months": 1.5, "followup": True})
    row = session.get(ProfilingResult, result["profiling_result_id"])
    assert result == {"outcome": "not_employed", "profiling_result_id": row.id, "plan_id": plan.id,
                      "found_job": False}
    assert (row.context, row.job_search_skills, row.needs_income_now, row.risk_level) == (
        "graduate_followup", "low", True, None)
    assert row.answers["checkpoint_months"] == 1.5 and row.answers["plan_adjusted"] is True
    assert row.next_due_at.replace(tzinfo=UTC) == AFTER_DIPLOMA + timedelta(days=45)
    assert plan.profiling_result_id is None, "the plan keeps the profiling it was drawn up on"
    again = graduate.record_followup(make_ctx(same=ctx), youth_id="g-1", followup=followup,
                                     checkpoint={"index": 1, "months": 1.5, "followup": True})
    assert again == result and session.query(ProfilingResult).count() == 1


def test_unknown_employer_in_the_form_fails(session, graduate_row, make_ctx):
    with pytest.raises(LookupError, match="Employer"):
        graduate.record_outcome(make_ctx(), youth_id="g-1", outcome="employed",
                                status={**EMPLOYED, "employer_id": "ghost"}, checkpoint={"months": 0})


def test_retraining_prefers_employment_promotion_when_eligible(session, graduate_row, make_ctx, count):
    add_course(session, course_id="c-regional", starts_on=date(2027, 11, 1), funding="regional")
    add_course(session, course_id="c-promotion", starts_on=date(2027, 12, 1))
    graduate_row.graduated_at = date(2027, 6, 28)
    later = datetime(2027, 10, 30, 6, 0, tzinfo=UTC)
    ctx = make_ctx(now=later)
    result = graduate.provide_vocational_training(ctx, youth_id="g-1")
    enrolment = session.get(RetrainingEnrollment, result["enrollment_id"])
    assert enrolment.course_id == "c-promotion" and result["course"] == "Оператор ЭВМ"
    assert session.get(Youth, "g-1").status == "in_retraining"
    assert graduate.provide_vocational_training(make_ctx(now=later), youth_id="g-1") == result
    assert count(RetrainingEnrollment) == 1


def test_retraining_too_soon_after_the_diploma_uses_other_courses(session, graduate_row, make_ctx, region, count):
    add_course(session, course_id="c-promotion", starts_on=date(2027, 8, 1))
    add_course(session, course_id="c-czn", starts_on=date(2027, 9, 1), funding="czn", seats=1)
    result = graduate.provide_vocational_training(make_ctx(now=AFTER_DIPLOMA), youth_id="g-1")
    assert session.get(RetrainingEnrollment, result["enrollment_id"]).course_id == "c-czn"
    add_student(session, region, "g-2", graduation=date(2027, 6, 30))
    next_year = graduate.provide_vocational_training(make_ctx(now=AFTER_DIPLOMA), youth_id="g-2")
    intake = session.get(RetrainingCourse, session.get(RetrainingEnrollment, next_year["enrollment_id"]).course_id)
    assert (intake.starts_on, intake.funding, intake.seats) == (date(2028, 9, 1), "czn", 1), "next intake"
    assert count(RetrainingCourse) == 3


def test_past_intakes_are_offered_again_a_year_on(session, graduate_row, make_ctx, count):
    add_course(session, course_id="c-old", starts_on=date(2026, 3, 1))
    graduate_row.graduated_at = date(2027, 6, 28)
    later = datetime(2027, 11, 2, 7, 0, tzinfo=UTC)
    result = graduate.provide_vocational_training(make_ctx(now=later), youth_id="g-1")
    intake = session.get(RetrainingCourse, session.get(RetrainingEnrollment, result["enrollment_id"]).course_id)
    assert (intake.starts_on, intake.ends_on) == (date(2028, 3, 1), date(2029, 2, 1))


def test_no_retraining_course_in_the_region(session, graduate_row, make_ctx):
    ctx = make_ctx({"org": ORG}, now=AFTER_DIPLOMA)
    assert graduate.provide_vocational_training(ctx, youth_id="g-1") == {"enrollment_id": None, "course": None}
    assert ctx.emitted[0]["kind"] == "retraining.no_course"
