"""Student support handlers against the seeded region."""
from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from domain.models import (
    AssistanceAgreement,
    CareerEvent,
    CuratorAssignment,
    PracticePlacement,
    PracticeSlot,
    ProfilingResult,
    ServiceRecord,
    StaffingNeed,
    StudentEcpProfile,
    StudentEnrollment,
    TargetTrainingContract,
    VacancyOffer,
    Youth,
)
from handlers import student_employment, student_navigation, student_risk
from tests.handlers.factories import (
    NOW,
    STUDENT_ORG,
    STUDENT_PROFILING,
    add_curator,
    add_production_slot,
    add_student,
    add_vacancy,
    add_youth,
)


def test_ecp_profile_is_created_once(session, enrollment, make_ctx, count):
    ctx = make_ctx()
    result = student_navigation.create_ecp_profile(ctx, youth_id="s-1", enrollment_id=enrollment.id)
    assert result["visible_to_employers"] is True and result["ecp_profile_id"].startswith("ecp-profile-")
    assert session.get(Youth, "s-1").ecp_profile_id == result["ecp_profile_id"]
    assert ctx.emitted[0]["kind"] == "student_profile.create"
    assert ctx.emitted[0]["payload"]["okso_code"] == "09.02.07"
    again = make_ctx()
    assert student_navigation.create_ecp_profile(again, youth_id="s-1", enrollment_id=enrollment.id) == result
    assert again.emitted == [] and count(StudentEcpProfile) == 1


def test_career_navigation_grants_platforms(session, enrollment, make_ctx):
    ctx = make_ctx()
    result = student_navigation.provide_career_navigation(ctx, youth_id="s-1")
    assert "ЕЦП «Работа в России»" in result["platforms"]
    assert [e["kind"] for e in ctx.emitted] == ["student_profile.create", "career_navigation.grant"]
    assert ctx.emitted[1]["payload"]["platforms"] == result["platforms"]
    later = make_ctx()
    student_navigation.provide_career_navigation(later, youth_id="s-1")
    assert [e["kind"] for e in later.emitted] == ["career_navigation.grant"], "the profile exists now"
    [record] = session.query(ServiceRecord).all()
    assert (record.youth_id, record.service_code, record.provider_lane) == ("s-1", "career_navigation", "ecp")
    assert record.details == {"platforms": result["platforms"]} and record.reference.startswith("ecp-")


def test_checkpoints_every_six_weeks_until_graduation(session, enrollment, make_ctx):
    plan = student_navigation.plan_support_checkpoints(make_ctx(), youth_id="s-1",
                                            enrollment={"enrollment_id": enrollment.id})
    points = plan["checkpoints"]
    moments = [datetime.fromisoformat(p["at"]) for p in points]
    assert all(b - a == timedelta(weeks=6) for a, b in zip(moments, moments[1:], strict=False))
    assert moments[0] >= NOW and moments[-1].date() < date(2028, 6, 30)
    assert all(p["at"].endswith("+03:00") for p in points)
    assert plan["graduation_at"] == "2028-06-30T09:00:00+03:00"
    assert points[0]["semester_start"] and points[0]["course"] == 3
    practices = [(p["course"], p["practice"]) for p in points if p["practice"]]
    assert practices == [(3, "production"), (4, "internship")]
    assert {p["course"] for p in points} == {3, 4}
    assert all(p["final_year"] == (p["course"] == 4) for p in points)
    starts = [(p["course"], p["semester"]) for p in points if p["semester_start"]]
    assert starts == [(3, "autumn"), (3, "spring"), (4, "autumn"), (4, "spring")]
    assert session.get(StudentEnrollment, enrollment.id).course == 3
    ages = {(p["at"][:10], p["age"]) for p in points}
    assert {age for _, age in ages} == {18, 19, 20}, "born 14 Mar 2008: the age on each checkpoint's date"
    assert all(age == 18 for at, age in ages if at < "2027-03-14") and all(
        age == 19 for at, age in ages if "2027-03-14" <= at < "2028-03-14")


def test_profiling_due_reasons(session, enrollment, make_ctx):
    def due(**checkpoint):
        return student_risk.check_profiling_due(make_ctx(), youth_id="s-1", checkpoint={"index": 3, **checkpoint})

    assert due(semester_start=True, final_year=True, semester="autumn") == {"index": 3, "due": True,
                                                                           "reason": "final_year"}
    assert due(semester_start=True, final_year=False, semester="spring")["reason"] == "semester_start"
    assert due(semester_start=False, final_year=False) == {"index": 3, "due": False, "reason": "not_due"}
    session.add(ProfilingResult(youth_id="s-1", context="student_periodic", taken_at=NOW, risk_level="high"))
    session.flush()
    assert due(semester_start=False, final_year=False)["reason"] == "high_risk"


@pytest.mark.parametrize(("event", "reason"), [
    ("debt", "new_academic_debt"), ("attendance", "attendance_low"), ("placement", "practice_failed"),
    ("contract", "target_contract_ended"),
])
def test_an_event_since_the_last_profiling_makes_profiling_due(session, enrollment, make_ctx, region, event, reason):
    """domain.md §4.5: a new academic debt, attendance below 70 %, a failed placement or a terminated target
    contract calls for profiling before the next semester."""
    contract = TargetTrainingContract(customer_employer_id=region.it_employer, youth_id="s-1",
                                      programme_id=region.it_programme, status="active")
    session.add(contract)
    session.add(ProfilingResult(youth_id="s-1", context="student_periodic", taken_at=NOW, risk_level="acceptable",
                                academic_debt_count=1, attendance_rate=0.8, practice_status="none",
                                target_contract_active=True))
    session.flush()

    def due():
        return student_risk.check_profiling_due(make_ctx(), youth_id="s-1",
                                                checkpoint={"index": 4, "semester_start": False, "final_year": False})
    assert due() == {"index": 4, "due": False, "reason": "not_due"}, "nothing happened since the last profiling"
    if event == "debt":
        enrollment.academic_debt_count = 2
    elif event == "attendance":
        enrollment.attendance_rate = 0.65
    elif event == "placement":
        slot = add_production_slot(session, region.plant)
        session.add(PracticePlacement(slot_id=slot.id, student_enrollment_id=enrollment.id, youth_id="s-1",
                                      status="failed"))
    else:
        contract.status = "terminated"
    session.flush()
    assert due() == {"index": 4, "due": True, "reason": reason}


def test_risk_score_from_the_record_and_the_answers(session, enrollment, make_ctx):
    risk = student_risk.compute_risk_score(make_ctx(), youth_id="s-1", profiling=STUDENT_PROFILING, final_year=False)
    # debt 3 + attendance 0.8 → 1 + practice not assigned in course 3 → 2 + no plan 2 + low motivation 2
    # + two social flags 2 + no work experience 1
    assert risk["risk_score"] == 13
    assert (risk["academic_debt_count"], risk["attendance_rate"], risk["final_year"]) == (1, 0.8, False)
    assert risk["target_contract_active"] is False and risk["practice_status"] == "none"
    assert {c["code"] for c in risk["contributions"]} >= {"academic_debt", "social_factors"}
    youth = session.get(Youth, "s-1")
    assert youth.is_orphan and youth.nonresident_without_housing
    assert session.get(StudentEnrollment, enrollment.id).career_plan_present is False


def test_target_contract_lowers_the_risk(session, enrollment, make_ctx, region):
    contract = TargetTrainingContract(customer_employer_id=region.it_employer, youth_id="s-1",
                                      programme_id=region.it_programme, status="active")
    session.add(contract)
    session.flush()
    calm = {**STUDENT_PROFILING, "career_plan_present": True, "motivation_level": "normal", "social_flags": [],
            "any_work_experience": True}
    risk = student_risk.compute_risk_score(make_ctx(), youth_id="s-1", profiling=calm, final_year=False)
    assert risk["target_contract_active"] is True and risk["risk_score"] == 3 + 1 + 2 - 3


def test_profiling_result_is_stored_and_two_acceptable_release_the_curator(session, enrollment, make_ctx, count,
                                                                           region):
    add_curator(session, region, curator_id="cur-1", edu_orgs=[region.college])
    session.add(CuratorAssignment(curator_id="cur-1", youth_id="s-1", started_on=date(2026, 3, 1)))
    session.flush()
    risk = student_risk.compute_risk_score(make_ctx(), youth_id="s-1", profiling=STUDENT_PROFILING, final_year=False)
    ctx = make_ctx()
    first = student_risk.record_profiling_result(ctx, youth_id="s-1", profiling=STUDENT_PROFILING, risk=risk,
                                            risk_level="high", risk_reason="score_high")
    row = session.get(ProfilingResult, first["profiling_result_id"])
    assert (row.risk_score, row.risk_level, row.risk_reason_code, row.context) == (13, "high", "score_high",
                                                                                  "student_periodic")
    assert row.social_flags == ["orphan", "no_housing"] and row.next_due_at is not None
    assert first["curator_released"] is False
    assert student_risk.record_profiling_result(make_ctx(same=ctx), youth_id="s-1", profiling=STUDENT_PROFILING,
                                                risk=risk, risk_level="high", risk_reason="score_high") == first
    assert count(ProfilingResult) == 1
    for week in (6, 12):
        later = make_ctx(now=NOW + timedelta(weeks=week))
        result = student_risk.record_profiling_result(later, youth_id="s-1", profiling=STUDENT_PROFILING, risk=risk,
                                                 risk_level="acceptable", risk_reason="score_ok")
    assert result["curator_released"] is True
    assignment = session.query(CuratorAssignment).one()
    assert assignment.ended_on is not None and assignment.release_reason == "risk_acceptable"


def test_curator_assignment_prefers_specialisation_and_keeps_continuity(session, enrollment, make_ctx, region,
                                                                        count):
    session.get(Youth, "s-1").has_disability_ovz = True
    add_curator(session, region, curator_id="cur-general", edu_orgs=[region.college])
    add_curator(session, region, curator_id="cur-disability", edu_orgs=[region.college],
                specialisations=["disability"])
    add_curator(session, region, curator_id="cur-elsewhere", edu_orgs=[region.university],
                specialisations=["disability"])
    result = student_risk.assign_curator(make_ctx(), youth_id="s-1", edu_org_id=region.college, czn_id=region.czn)
    assert (result["curator_id"], result["full_name"], result["continued"], result["escalated"]) == (
        "cur-disability", "Куратор cur-disability", False, False)
    again = student_risk.assign_curator(make_ctx(), youth_id="s-1", edu_org_id=region.college, czn_id=region.czn)
    assert again["curator_id"] == "cur-disability" and again["continued"] is True
    assert count(CuratorAssignment) == 1


def test_curator_escalation_when_everyone_is_full(session, enrollment, make_ctx, region, count):
    add_curator(session, region, curator_id="cur-full", edu_orgs=[region.college], max_caseload=1)
    add_student(session, region, "s-2")
    session.add(CuratorAssignment(curator_id="cur-full", youth_id="s-2", started_on=date(2026, 9, 1)))
    session.flush()
    ctx = make_ctx()
    result = student_risk.assign_curator(ctx, youth_id="s-1", edu_org_id=region.college, czn_id=region.czn)
    assert result["curator_id"] is None and result["escalated"] is True
    assert result["reasons"] == ["all_curators_at_capacity"]
    assert ctx.emitted[0]["kind"] == "curator.escalation"
    assert count(CuratorAssignment) == 1


@pytest.mark.parametrize("choice", ["over_cap", "wait", "escalate"])
def test_the_czn_heads_decision_on_a_curator_shortage_is_carried_out(session, enrollment, make_ctx, region, count,
                                                                      choice):
    add_curator(session, region, curator_id="cur-full", edu_orgs=[region.college], max_caseload=1)
    add_student(session, region, "s-2")
    session.add(CuratorAssignment(curator_id="cur-full", youth_id="s-2", started_on=date(2026, 9, 1)))
    session.flush()
    ctx = make_ctx()
    result = student_risk.apply_curator_decision(ctx, youth_id="s-1", czn_id=region.czn,
                                                 decision={"decision": choice, "comment": ""})
    assert (result["curator_id"] == "cur-full") is (choice == "over_cap")
    assert count(CuratorAssignment) == (2 if choice == "over_cap" else 1)
    assert [e["kind"] for e in ctx.emitted] == (["curator.shortage_referred"] if choice == "escalate" else [])


def test_an_unknown_curator_decision_is_refused(session, enrollment, make_ctx, region):
    with pytest.raises(ValueError, match="unknown curator decision"):
        student_risk.apply_curator_decision(make_ctx(), youth_id="s-1", czn_id=region.czn, decision={"decision": "x"})


def test_career_events_organised_and_shared(session, enrollment, make_ctx, count, region):
    result = student_navigation.invite_to_career_events(make_ctx({"org": STUDENT_ORG}), youth_id="s-1", course=3)
    events = [session.get(CareerEvent, e) for e in result["event_ids"]]
    assert sorted((e.type_code, e.organizer_lane) for e in events) == [("career_day", "edu_org"),
                                                                       ("job_fair", "czn")]
    add_student(session, region, "s-2")
    other = student_navigation.invite_to_career_events(make_ctx({"org": STUDENT_ORG}), youth_id="s-2", course=3)
    assert sorted(other["event_ids"]) == sorted(result["event_ids"]) and count(CareerEvent) == 2


def test_cv_services_book_two_sessions(session, enrollment, make_ctx):
    result = student_employment.provide_cv_interview_services(make_ctx({"org": STUDENT_ORG}), youth_id="s-1")
    assert result == {"cv_ready": True, "sessions": 2}
    assert session.query(StudentEcpProfile).one().cv_ready


def test_vacancy_search_and_offers(session, enrollment, make_ctx, region):
    young = add_vacancy(session, region.it_employer, "Младший разработчик", okso_code="09.02.07", young=True)
    network = add_vacancy(session, region.it_employer, "Сетевой инженер", okso_code="09.02.06",
                          requires_experience=True)
    add_vacancy(session, region.plant, "Сварщик", okso_code="15.01.05")
    ctx = make_ctx()
    search = student_employment.provide_vacancy_search(ctx, youth_id="s-1")
    assert search["saved_search_id"].startswith("ecp-search-")
    assert ctx.emitted[-1]["kind"] == "vacancy_search.save" and ctx.emitted[-1]["payload"]["okso_code"] == "09.02.07"
    offers_ctx = make_ctx()
    offers = student_employment.offer_vacancies(offers_ctx, youth_id="s-1")
    assert offers == {"vacancy_ids": [young.id, network.id], "count": 2}
    assert offers_ctx.emitted[0]["kind"] == "vacancy.offer"
    [searched] = session.query(ServiceRecord).filter_by(service_code="vacancy_search").all()
    assert (searched.reference, searched.details["okso_code"]) == (search["saved_search_id"], "09.02.07")
    stored = session.query(VacancyOffer).order_by(VacancyOffer.rank).all()
    assert [(o.vacancy_id, o.employer_id, o.rank, o.times_offered, o.status) for o in stored] == [
        (young.id, region.it_employer, 1, 1, "offered"), (network.id, region.it_employer, 2, 1, "offered")]
    assert "okso_match" in stored[0].reasons
    later = datetime(2027, 12, 1, 7, 0, tzinfo=UTC)
    student_employment.offer_vacancies(make_ctx(now=later), youth_id="s-1")
    student_employment.provide_vacancy_search(make_ctx(now=later), youth_id="s-1")
    assert [o.times_offered for o in session.query(VacancyOffer).order_by(VacancyOffer.rank)] == [2, 2], (
        "a vacancy offered again is counted on its row, not stored twice")
    assert session.query(ServiceRecord).filter_by(service_code="vacancy_search").one().provided_at.replace(
        tzinfo=UTC) == later


def test_employers_in_attestation(session, enrollment, make_ctx, region):
    need = StaffingNeed(employer_id=region.plant, okso_codes=["09.02.07"], qty=1, needed_by=date(2028, 1, 1))
    session.add(need)
    session.flush()
    session.add(AssistanceAgreement(number="A-1", employer_id=region.plant, czn_office_id=region.czn,
                                    staffing_need_id=need.id, edu_org_ids=[region.college], segment="graduates",
                                    gia_participation=True))
    session.flush()
    result = student_employment.arrange_employer_in_attestation(make_ctx(), youth_id="s-1", edu_org_id=region.college)
    assert result == {"employer_ids": sorted([region.it_employer, region.plant])}
    panel = session.query(ServiceRecord).filter_by(service_code="employer_in_attestation").all()
    assert sorted((r.employer_id, r.edu_org_id, r.reference) for r in panel) == sorted(
        (employer, region.college, enrollment.id) for employer in (region.it_employer, region.plant))


def test_handlers_need_an_enrolment(session, region, make_ctx):
    add_youth(session, "y-9", birth_date=date(2008, 1, 1))
    with pytest.raises(LookupError, match="no study enrolment"):
        student_employment.offer_vacancies(make_ctx(), youth_id="y-9")


def test_checkpoints_of_a_new_student_start_at_enrolment(session, region, make_ctx):
    fresh = add_student(session, region, "s-new", course_start=date(2027, 9, 1), graduation=date(2031, 6, 30))
    plan = student_navigation.plan_support_checkpoints(make_ctx(now=datetime(2027, 8, 20, tzinfo=UTC)),
                                                       youth_id="s-new", enrollment={"enrollment_id": fresh.id})
    first = plan["checkpoints"][0]
    assert first == {"index": 0, "at": "2027-09-01T09:00:00+03:00", "course": 1, "semester": "autumn",
                     "semester_start": True, "final_year": False, "practice": None, "age": 19}


def test_vacancy_offers_count_practice_as_experience(session, enrollment, make_ctx, region):
    senior = add_vacancy(session, region.it_employer, "Разработчик", okso_code="09.02.07", requires_experience=True,
                         salary=90000)
    junior = add_vacancy(session, region.shop, "Стажёр-программист", okso_code="09.02.07", salary=40000)
    assert student_employment.offer_vacancies(make_ctx(), youth_id="s-1")["vacancy_ids"] == [junior.id, senior.id]
    slot = PracticeSlot(employer_id=region.it_employer, kind="production", accepted_okso_codes=["09.02.07"],
                        region_code="52", start_date=date(2026, 6, 1), end_date=date(2026, 7, 31), capacity=1,
                        filled=1, min_age=16)
    session.add(slot)
    session.flush()
    session.add(PracticePlacement(slot_id=slot.id, student_enrollment_id=enrollment.id, youth_id="s-1",
                                  status="completed"))
    session.flush()
    assert student_employment.offer_vacancies(make_ctx(), youth_id="s-1")["vacancy_ids"] == [senior.id, junior.id]
