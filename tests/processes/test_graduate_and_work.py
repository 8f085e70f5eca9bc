"""proc_graduate_routing, sub_entrepreneurship_referral, proc_young_specialist_adaptation and
proc_practice_library on the engine."""
from __future__ import annotations

from process_driver import DEFAULT_ANSWERS, RunRecord, answers_in_turn, untaken

GRADUATE = "proc_graduate_routing"
ADAPTATION = "proc_young_specialist_adaptation"
ORG = {"school": "school-7", "czn": "czn-1", "edu_org": "college-1"}
EMPLOYED = DEFAULT_ANSWERS["confirm_graduate_status"]
EMPLOYED_OUTSIDE_SPECIALTY = {**EMPLOYED, "in_specialty": False}
NOT_EMPLOYED = {**EMPLOYED, "employed": False, "in_specialty": False, "employer_id": "", "start_date": ""}
CHANGING = {**NOT_EMPLOYED, "wants_change": True}
WANTS_BUSINESS = {**DEFAULT_ANSWERS["ip_results"], "entrepreneurship_request": True}
WANTS_BUSINESS_ONLINE = {**WANTS_BUSINESS, "prefers_online_support": True}
NO_JOB_YET = DEFAULT_ANSWERS["graduate_followup"]
LEFT = {"still_employed": False, "risk_of_leaving": True, "left_reason": "Переезд в другой город"}


def graduate(engine, youth_id: str, reason: str = "graduation") -> list[str]:
    return engine.correlate("graduate_ready", youth_id, {
        "youth_id": youth_id, "youth_name": "Олег Кузнецов", "org": ORG, "reason": reason,
        "graduation": {"passed": True, "diploma_date": "2026-06-30", "demo_exam_score": 80}})


def at_checkpoints(info) -> list[str]:
    """The outcomes recorded at the checkpoints (0, 6, 12, 24 months and a confirmed job), without the
    follow-ups that found no job."""
    return [r["outcome"] for r in info.data["outcome_results"] if "employment_outcome_id" in r]


def employed(engine, youth_id: str) -> list[str]:
    return engine.correlate("employment_confirmed", youth_id, {
        "youth_id": youth_id, "youth_name": "Олег Кузнецов", "org": {**ORG, "employer": "employer-1"},
        "employment": {"employer_id": "employer-1", "start_date": "2026-09-01", "in_specialty": True}})


def test_graduate_with_a_target_contract_employed_at_once_goes_to_adaptation(world):
    engine, fakes, pilot = world(scope={GRADUATE})
    fakes.target_contracts["youth-1"] = {"contract_id": "ttc-1", "employment_deadline": "2027-03-01T09:00:00+03:00"}
    [instance_id] = graduate(engine, "youth-1")
    pilot.run()

    info = engine.instance(instance_id)
    assert info.status == "completed"
    assert [r["outcome"] for r in info.data["outcome_results"]] == ["employed"], "the loop stops once employed"
    assert pilot.completed_tasks == ["target_contract_employment", "confirm_graduate_status"]
    [adaptation] = engine.instances(process_key=ADAPTATION)
    assert adaptation.data["route"]["employment"]["employer_id"] == "employer-1"
    assert adaptation.data["org"]["employer"] == "employer-1", "the employer joins the organisations"


def test_graduate_through_plan_business_and_retraining_to_a_job(world):
    engine, fakes, pilot = world(scope={GRADUATE})
    fakes.target_contracts["youth-2"] = {"contract_id": "ttc-2", "employment_deadline": "2026-12-01T09:00:00+03:00"}
    pilot.answer("target_contract_employment", lambda task: None)
    pilot.answer("confirm_graduate_status", answers_in_turn(NOT_EMPLOYED, CHANGING, EMPLOYED))
    pilot.answer("ip_results", WANTS_BUSINESS_ONLINE)
    [instance_id] = graduate(engine, "youth-2")
    pilot.run()

    info = engine.instance(instance_id)
    assert info.status == "completed"
    assert at_checkpoints(info) == ["not_employed", "trajectory_change", "employed"]
    assert "graduate.record_target_contract_breach" in fakes.operations_called(), "the employer missed the deadline"
    assert [p["prefers_online"] for op, p in fakes.calls if op == "entrepreneurship.refer"] == [True]
    assert "entrepreneurship.provide_platform" in fakes.operations_called()
    assert [p["context"] for op, p in fakes.calls if op == "individual_plan.open_plan"] == ["graduate"]
    assert "graduate.provide_vocational_training" in fakes.operations_called()


def test_every_branch_of_graduate_routing_and_the_entrepreneurship_referral(world, facts):
    record = None
    scenarios = [
        ("youth-1", {"contract_id": "ttc-1", "employment_deadline": "2027-03-01T09:00:00+03:00"},
         DEFAULT_ANSWERS["target_contract_employment"], [EMPLOYED], [DEFAULT_ANSWERS["ip_results"]]),
        ("youth-2", {"contract_id": "ttc-2", "employment_deadline": "2026-12-01T09:00:00+03:00"}, None,
         [NOT_EMPLOYED, CHANGING, EMPLOYED], [WANTS_BUSINESS_ONLINE]),
        ("youth-3", None, None, [NOT_EMPLOYED], [WANTS_BUSINESS, DEFAULT_ANSWERS["ip_results"]]),
        ("youth-4", None, None, [EMPLOYED_OUTSIDE_SPECIALTY], [DEFAULT_ANSWERS["ip_results"]]),
        ("youth-5", None, None, [NOT_EMPLOYED, EMPLOYED], [DEFAULT_ANSWERS["ip_results"]]),
    ]
    for youth_id, contract, hired, statuses, plans in scenarios:
        engine, fakes, pilot = world(scope={GRADUATE})
        if contract:
            fakes.target_contracts[youth_id] = contract
        pilot.answer("target_contract_employment", lambda task, hired=hired: hired)
        pilot.answer("confirm_graduate_status", answers_in_turn(*statuses))
        pilot.answer("ip_results", answers_in_turn(*plans))
        pilot.answer("graduate_followup", answers_in_turn(NO_JOB_YET, {**NO_JOB_YET, "found_job": True}))
        [instance_id] = graduate(engine, youth_id)
        pilot.run()
        assert engine.instance(instance_id).status == "completed"
        run = RunRecord.collect(engine)
        record = run if record is None else record.merge(run)
    assert untaken(facts, record, {"graduate_routing.bpmn", "entrepreneurship_referral.bpmn"}) == []


def test_work_in_specialty_is_passed_only_for_a_job_in_the_specialty(world):
    for in_specialty in (True, False):
        engine, _fakes, pilot = world(scope={GRADUATE})
        pilot.answer("confirm_graduate_status", {**EMPLOYED, "in_specialty": in_specialty})
        [instance_id] = graduate(engine, "youth-5")
        pilot.run()
        assert engine.instance(instance_id).status == "completed"
        passed = "work_in_specialty" in RunRecord.collect(engine).completed()
        assert passed is in_specialty, "«Работа по специальности» only for a job in the specialty"
        [adaptation] = engine.instances(process_key=ADAPTATION)
        assert adaptation.data["route"]["employment"]["in_specialty"] is in_specialty, "any job goes to adaptation"


def test_a_graduate_who_never_finds_work_is_not_sent_to_adaptation(world):
    engine, _fakes, pilot = world(scope={GRADUATE})
    pilot.answer("confirm_graduate_status", NOT_EMPLOYED)
    [instance_id] = graduate(engine, "youth-3")
    pilot.run()
    assert engine.instance(instance_id).status == "completed"
    assert engine.instances(process_key=ADAPTATION) == []


def test_a_graduate_without_work_is_profiled_again_every_1_5_months_until_24_months(world):
    """565-ФЗ ст. 26 ч. 4: between the checkpoints at 0, 6, 12 and 24 months the curator follows up every
    1.5 months; the loop ends at 24 months when no job was found."""
    engine, fakes, pilot = world(scope={GRADUATE})
    pilot.answer("confirm_graduate_status", NOT_EMPLOYED)
    followed_up_at = []
    pilot.answer("graduate_followup", lambda task: followed_up_at.append(
        task.data["outcome_checkpoint"]["months"]) or NO_JOB_YET)
    [instance_id] = graduate(engine, "youth-6")
    pilot.run()
    info = engine.instance(instance_id)
    assert info.status == "completed"
    assert followed_up_at == [1.5, 3, 4.5, 7.5, 9, 10.5, 13.5, 15, 16.5, 18, 19.5, 21, 22.5]
    assert pilot.completed_tasks.count("confirm_graduate_status") == 4, "confirmed at 0, 6, 12, 24 months"
    recorded = [p["checkpoint"]["months"] for op, p in fakes.calls if op == "graduate.record_followup"]
    assert recorded == followed_up_at, "every follow-up stores its repeat profiling"
    assert len(info.data["outcome_results"]) == 17 and at_checkpoints(info) == ["not_employed"] * 4
    assert engine.instances(process_key=ADAPTATION) == []


def test_follow_ups_are_only_for_graduates_without_work(world):
    """A graduate with a job outside the specialty who wants to change trajectory, or in retraining, is not
    «Отсутствие занятости»: no repeat profiling until the next checkpoint says otherwise."""
    engine, fakes, pilot = world(scope={GRADUATE})
    changing_at_work = {**EMPLOYED_OUTSIDE_SPECIALTY, "wants_change": True}
    pilot.answer("confirm_graduate_status", answers_in_turn(changing_at_work, NOT_EMPLOYED, EMPLOYED))
    followed_up_at = []
    pilot.answer("graduate_followup", lambda task: followed_up_at.append(
        task.data["outcome_checkpoint"]["months"]) or NO_JOB_YET)
    [instance_id] = graduate(engine, "youth-8")
    pilot.run()
    info = engine.instance(instance_id)
    assert info.status == "completed"
    assert followed_up_at == [7.5, 9, 10.5], "only after «Отсутствие занятости» at 6 months, until 12"
    assert at_checkpoints(info) == ["trajectory_change", "not_employed", "employed"]
    assert [r.get("followup") for r in info.data["outcome_results"][1:4]] == ["not_due"] * 3


def test_a_job_reported_at_a_follow_up_is_confirmed_at_once_and_ends_the_loop(world):
    engine, _fakes, pilot = world(scope={GRADUATE})
    pilot.answer("confirm_graduate_status", answers_in_turn(NOT_EMPLOYED, EMPLOYED))
    pilot.answer("graduate_followup", answers_in_turn(NO_JOB_YET, NO_JOB_YET, {**NO_JOB_YET, "found_job": True}))
    [instance_id] = graduate(engine, "youth-7")
    pilot.run()
    info = engine.instance(instance_id)
    assert info.status == "completed"
    assert pilot.completed_tasks.count("graduate_followup") == 3, "follow-ups at 1.5, 3 and 4.5 months"
    assert at_checkpoints(info) == ["not_employed", "employed"]
    assert info.data["outcome_results"][-1]["outcome"] == "employed"
    [adaptation] = engine.instances(process_key=ADAPTATION)
    assert adaptation.data["route"]["employment"]["employer_id"] == "employer-1"


def test_every_branch_of_adaptation_and_retention(world, facts):
    engine, fakes, pilot = world(scope={ADAPTATION})
    [retained_id] = employed(engine, "youth-1")
    pilot.run()
    retained = engine.instance(retained_id)
    assert retained.status == "completed"
    assert [c["months"] for c in retained.data["retention_checkpoints"]] == [3, 6, 12, 24]
    assert len(retained.data["retention_results"]) == 4
    assert pilot.completed_tasks[-1] == "competency_growth_measures"
    record = RunRecord.collect(engine)

    engine, fakes, pilot = world(scope={ADAPTATION})
    pilot.answer("confirm_retention", answers_in_turn(DEFAULT_ANSWERS["confirm_retention"], LEFT))
    [left_id] = employed(engine, "youth-2")
    pilot.run()
    left = engine.instance(left_id)
    assert left.status == "completed"
    assert len(left.data["retention_results"]) == 2, "the loop stops at the checkpoint where the specialist left"
    [rerouted] = engine.instances(process_key=GRADUATE)
    assert rerouted.data["route"]["reason"] == "left_job", "back to graduate routing"
    record = record.merge(RunRecord.collect(engine))
    assert untaken(facts, record, {"young_specialist_adaptation.bpmn"}) == []


def test_a_practice_is_published_and_reviewed_a_year_later(world):
    engine, fakes, pilot = world(scope={"proc_practice_library"})
    instance_id = engine.start("proc_practice_library", data={}, business_key="practice-1", org={"czn": "czn-1"})
    pilot.answer("review_practice", {"still_relevant": False, "comment": "Заменена новой практикой"})
    pilot.run()
    info = engine.instance(instance_id)
    assert info.status == "completed"
    assert info.data["library_entry"]["status"] == "published"
    assert info.data["review_record"]["status"] == "archived"
    assert engine.clock.now().year == 2027, "the review waits a year"
