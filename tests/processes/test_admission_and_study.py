"""proc_admission_target_training, proc_student_support and sub_individual_plan on the engine."""
from __future__ import annotations

from process_driver import DEFAULT_ANSWERS, RunRecord, answers_in_turn, untaken
from process_fakes import MONTH, iso

ADMISSION = "proc_admission_target_training"
STUDENT = "proc_student_support"
ORG = {"school": "school-7", "czn": "czn-1"}
HIGH_RISK = {"career_plan_present": False, "intends_work_in_specialty": False, "motivation_level": "low",
             "job_search_skills": "low", "job_offer_received": False, "any_work_experience": False,
             "social_flags": ["low_income"]}


def school_leaver(engine, youth_id: str) -> list[str]:
    return engine.correlate("school_completed", youth_id, {
        "youth_id": youth_id, "youth_name": "Анна Смирнова", "org": ORG, "career_intent": "spo", "last_grade": 9})


def admitted(funding: str, enrolled: bool = True) -> dict:
    return {"enrolled": enrolled, "edu_org_id": "college-1", "okso_code": "15.02.16", "funding": funding}


def test_every_branch_of_admission(world, facts):
    record = None
    cases = [
        ("youth-no-plan", admitted("paid"), None, True),
        ("youth-budget", admitted("budget"), DEFAULT_ANSWERS["conclude_target_contract"], True),
        ("youth-target", admitted("target"), DEFAULT_ANSWERS["conclude_target_contract"], True),
        ("youth-late", admitted("target"), None, True),
        ("youth-rejected", admitted("budget", enrolled=False), None, False),
    ]
    for youth_id, admission, contract, enrolls in cases:
        engine, fakes, pilot = world(scope={ADMISSION}, admission_plan_approved=youth_id != "youth-no-plan")
        pilot.answer("admission_result", admission)
        pilot.answer("conclude_target_contract", lambda task, contract=contract: contract)
        [instance_id] = school_leaver(engine, youth_id)
        pilot.run()
        info = engine.instance(instance_id)
        assert info.status == "completed" and info.business_key == youth_id
        students = engine.instances(process_key=STUDENT)
        assert len(students) == int(enrolls)
        if enrolls:
            route = students[0].data["route"]
            assert route["org"]["edu_org"] == "college-1", "the enrolment adds the college to the organisations"
            signed = admission["funding"] == "target" and contract is not None
            assert (route["enrollment"]["target_contract_id"] is not None) == signed
            assert ("admission.cancel_target_application" in fakes.operations_called()) == (
                admission["funding"] == "target" and contract is None)
        assert ("admission.record_not_enrolled" in fakes.operations_called()) == (not enrolls), (
            "a route that ends without enrolment records the refusal on its application")
        run = RunRecord.collect(engine)
        record = run if record is None else record.merge(run)
    assert untaken(facts, record, {"admission_target_training.bpmn"}) == []


def test_without_approved_admission_figures_no_quota_event_and_no_offers(world):
    engine, fakes, pilot = world(scope={ADMISSION}, admission_plan_approved=False)
    pilot.answer("admission_result", admitted("paid"))
    [instance_id] = school_leaver(engine, "youth-no-plan")
    pilot.run()

    assert engine.instance(instance_id).status == "completed"
    passed = RunRecord.collect(engine).completed()
    assert "quotas_approved" not in passed, "«Утверждены КЦП и квоты ЦО» only when a plan is approved"
    assert {"applicant", "submit_application"} <= passed
    assert "admission.publish_target_training_offers" not in fakes.operations_called()
    [application] = [params for op, params in fakes.calls if op == "admission.register_application"]
    assert application["offer_id"] is None
    assert "choose_target_offer" not in passed, "no offers, nothing to choose"


def test_the_applicant_chooses_a_target_offer_or_none_in_a_form(world):
    """The application carries the offer the applicant chose on the form (options: the open offers the ЕЦП
    step listed), or none; nobody is put on an offer they did not choose."""
    chosen = {}
    for youth_id, answer in (("youth-chooses", {"apply_target": True, "offer_id": "offer-15.02.16"}),
                             ("youth-declines", {"apply_target": False})):
        engine, fakes, pilot = world(scope={ADMISSION})
        pilot.answer("admission_result", admitted("budget"))
        offered = []
        pilot.answer("choose_target_offer", lambda task, answer=answer: offered.append(
            task.data["target_offer_choices"]) or answer)
        [instance_id] = school_leaver(engine, youth_id)
        pilot.run()
        assert engine.instance(instance_id).status == "completed"
        assert offered == [[{"value": "offer-15.02.16", "label": "15.02.16 — АО «Заказчик»"}]]
        [application] = [params for op, params in fakes.calls if op == "admission.register_application"]
        chosen[youth_id] = application["offer_id"]
    assert chosen == {"youth-chooses": "offer-15.02.16", "youth-declines": None}


def enrolled_student(engine, youth_id: str, study_months: int) -> list[str]:
    start = engine.clock.now()
    enrollment = {"enrollment_id": f"enr-{youth_id}", "edu_org_id": "college-1", "okso_code": "15.02.16",
                  "start_date": iso(start), "expected_graduation": iso(start + study_months * MONTH),
                  "funding": "budget", "target_contract_id": None}
    return engine.correlate("student_enrolled", youth_id, {
        "youth_id": youth_id, "youth_name": "Анна Смирнова", "org": {**ORG, "edu_org": "college-1"},
        "enrollment": enrollment})


def test_acceptable_risk_student_is_profiled_each_semester_and_does_both_practices(world, facts):
    engine, fakes, pilot = world(scope={STUDENT})
    [instance_id] = enrolled_student(engine, "youth-ok", study_months=18)
    pilot.run()

    info = engine.instance(instance_id)
    assert info.status == "completed"
    checkpoints = info.data["support_checkpoints"]
    assert len(checkpoints) == len(info.data["checkpoint_results"]) == 13, "every six weeks for 18 months"
    semester_starts = [c["index"] for c in checkpoints if c["semester_start"]]
    assert pilot.completed_tasks.count("profiling_periodic") == len(semester_starts)
    assert [r["due"] for r in info.data["checkpoint_results"]] == [c["semester_start"] for c in checkpoints]
    kinds = [p["kind"] for op, p in fakes.calls if op == "student.match_practice_slots"]
    assert kinds == ["production", "internship"]
    final_year = sum(1 for c in checkpoints if c["final_year"])
    assert final_year > 1
    for operation in ("student.provide_cv_interview_services", "student.provide_vacancy_search",
                      "student.offer_vacancies"):
        calls = [p for op, p in fakes.calls if op == operation]
        assert len(calls) == final_year, f"{operation} at every final-year checkpoint, not once at the end"
    graduates = engine.instances(process_key="proc_graduate_routing")
    assert graduates[0].data["route"]["reason"] == "graduation"


def test_high_risk_student_gets_a_curator_an_individual_plan_and_profiling_every_six_weeks(world, facts):
    engine, fakes, pilot = world(scope={STUDENT})
    pilot.answer("profiling_periodic", answers_in_turn(HIGH_RISK, HIGH_RISK, DEFAULT_ANSWERS["profiling_periodic"]))
    pilot.answer("ip_results", answers_in_turn(None, DEFAULT_ANSWERS["ip_results"]))
    [instance_id] = enrolled_student(engine, "youth-risk", study_months=5)
    pilot.run()

    info = engine.instance(instance_id)
    assert info.status == "completed"
    reasons = [r["reason"] for r in info.data["checkpoint_results"]]
    assert reasons == ["semester_start", "high_risk", "high_risk", "semester_start"]
    assert [p["context"] for op, p in fakes.calls if op == "individual_plan.open_plan"] == ["student", "student"]
    assert "individual_plan.close_expired_plan" in fakes.operations_called(), "the first plan ran out of time"
    assert "student.invite_to_career_events" in fakes.operations_called(), "acceptable after the second plan"
    services = [p["service_codes"] for op, p in fakes.calls if op == "individual_plan.deliver_services"][0]
    assert {"career_consultation", "practice_matching", "curator_meeting_monthly"} <= set(services)


def test_without_a_free_curator_the_czn_head_decides_before_the_plan_runs(world):
    """domain.md §4.4: no curator has room → a task for the ЦЗН head, whose decision is carried out."""
    engine, fakes, pilot = world(scope={STUDENT}, curators_full=True)
    pilot.answer("profiling_periodic", answers_in_turn(HIGH_RISK, DEFAULT_ANSWERS["profiling_periodic"]))
    [instance_id] = enrolled_student(engine, "youth-alone", study_months=3)
    pilot.run()

    assert engine.instance(instance_id).status == "completed"
    order = pilot.completed_tasks
    assert order.index("curator_shortage_decision") < order.index("individual_plan_profiling")
    [decision] = [p["decision"] for op, p in fakes.calls if op == "student.apply_curator_decision"]
    assert decision["decision"] == "over_cap"


WANTS_WORK = {**DEFAULT_ANSWERS["profiling_periodic"], "wants_temp_job": True, "temp_job_during_school_year": False}


def test_a_minor_student_gets_temporary_work_outside_the_high_risk_plan(world):
    """ТК РФ ст. 63, 92, 94 at college too: an acceptable-risk student of 14–17 who wants temporary work gets it
    within the minors' limits (the same decision table as at school); at 14 only with a parent's consent and
    the guardianship authority's permission; a student of 18 is not asked."""
    jobs = {}
    for youth_id, age, answer in (("youth-16", 16, WANTS_WORK), ("youth-14", 14, WANTS_WORK),
                                  ("youth-14-consent", 14, {**WANTS_WORK, "guardian_consent": True}),
                                  ("youth-18", 18, WANTS_WORK), ("youth-no-job", 17, WANTS_WORK)):
        unavailable = {17} if youth_id == "youth-no-job" else set()
        engine, fakes, pilot = world(scope={STUDENT}, student_age=age, temp_job_unavailable_ages=unavailable)
        pilot.answer("profiling_periodic", answer)
        [instance_id] = enrolled_student(engine, youth_id, study_months=3)
        pilot.run()
        assert engine.instance(instance_id).status == "completed", "no temporary job found is no incident"
        jobs[youth_id] = [(p["age"], p["max_hours_day"], p["max_hours_week"])
                          for op, p in fakes.calls if op == "school.organize_temp_employment"]
    assert jobs["youth-16"] == [(16, 7, 35)], "holidays at 16: 7 h a day, 35 h a week (ст. 92, 94)"
    assert jobs["youth-14"] == [], "at 14 without consent no work is arranged (ст. 63)"
    assert jobs["youth-14-consent"] == [(14, 4, 24)]
    assert jobs["youth-18"] == []
    assert jobs["youth-no-job"] == [(17, 7, 35)]


def test_every_branch_of_student_support_and_the_individual_plan(world, facts):
    record = None
    for youth_id, months, profiling, plans, full, age in [
        ("youth-ok", 18, [DEFAULT_ANSWERS["profiling_periodic"]], [DEFAULT_ANSWERS["ip_results"]], False, 19),
        ("youth-risk", 5, [HIGH_RISK, HIGH_RISK, DEFAULT_ANSWERS["profiling_periodic"]],
         [None, DEFAULT_ANSWERS["ip_results"]], False, 19),
        ("youth-alone", 3, [HIGH_RISK, DEFAULT_ANSWERS["profiling_periodic"]], [DEFAULT_ANSWERS["ip_results"]],
         True, 19),
        ("youth-minor", 3, [WANTS_WORK], [DEFAULT_ANSWERS["ip_results"]], False, 16),
        ("youth-minor-14", 3, [WANTS_WORK], [DEFAULT_ANSWERS["ip_results"]], False, 14),
        ("youth-minor-no-job", 3, [WANTS_WORK], [DEFAULT_ANSWERS["ip_results"]], False, 17),
    ]:
        unavailable = {17} if youth_id == "youth-minor-no-job" else set()
        engine, _fakes, pilot = world(scope={STUDENT}, curators_full=full, student_age=age,
                                      temp_job_unavailable_ages=unavailable)
        pilot.answer("profiling_periodic", answers_in_turn(*profiling))
        pilot.answer("ip_results", answers_in_turn(*plans))
        enrolled_student(engine, youth_id, study_months=months)
        pilot.run()
        run = RunRecord.collect(engine)
        record = run if record is None else record.merge(run)
    assert untaken(facts, record, {"student_support.bpmn", "individual_plan.bpmn"}) == []
