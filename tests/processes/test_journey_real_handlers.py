"""Journeys with the real handlers on a generated region: the diagrams, the handlers and the domain
registries work together (the fake handlers of the other process tests only follow the catalogue)."""
from __future__ import annotations

import shutil
from datetime import timedelta

import pytest
from process_driver import DEFAULT_ANSWERS, START, Autopilot, answers_in_turn, deployable_files
from real_region import Region, applied, generate_region
from sqlalchemy import select

from domain.models import (
    EmploymentOutcome,
    EntrepreneurshipReferral,
    IndividualPlan,
    ProfilingResult,
    StaffingNeed,
    StudentEnrollment,
    TargetTrainingOffer,
    Youth,
)
from engine import ManualClock
from profroute.wiring import WIRING

STAGES = {"proc_school_career_guidance", "proc_admission_target_training", "proc_student_support",
          "proc_graduate_routing", "proc_young_specialist_adaptation"}
HIGH_RISK = {"career_plan_present": False, "intends_work_in_specialty": False, "motivation_level": "low",
             "job_search_skills": "low", "job_offer_received": False, "any_work_experience": False,
             "social_flags": ["low_income"]}


@pytest.fixture(scope="module")
def region_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("region") / "region.sqlite"
    ids, codes = generate_region(f"sqlite:///{path}")
    return path, ids, codes


@pytest.fixture
def region(region_template, database_url, tmp_path):
    """The generated region on SQLite (a copy of the module's template) and on PostgreSQL (generated again)."""
    if database_url.startswith("sqlite"):
        template, ids, codes = region_template
        copy = tmp_path / "region.sqlite"
        shutil.copy(template, copy)
        url = f"sqlite:///{copy}"
    else:
        url = database_url
        ids, codes = generate_region(url)
    czn_id, employer_id, edu_org_id = ids
    return Region(url, czn_id, employer_id, edu_org_id, codes)


@pytest.fixture
def real_engine(region):
    """Cold: every step runs as in a freshly started process (no workflow or parsed spec kept in memory)."""
    engine = WIRING.open_engine(region.url, clock=ManualClock(START), cold=True)
    engine.deploy([str(path) for path in deployable_files()], actor="tests")
    yield engine
    engine.close()


def test_a_sixth_grader_reaches_retention_with_the_real_handlers(region, real_engine):
    data, org = region.pupil(6)
    real_engine.start("proc_school_career_guidance", data=data, business_key=data["youth_id"], org=org)
    pilot = Autopilot(real_engine).answer("admission_result", applied)
    pilot.answer("confirm_graduate_status", {**DEFAULT_ANSWERS["confirm_graduate_status"],
                                             "employer_id": region.employer_id})
    pilot.run(max_rounds=600)

    stages = {info.process_key: info.status for info in real_engine.instances(business_key=data["youth_id"])}
    assert stages == dict.fromkeys(STAGES, "completed")
    assert pilot.completed_tasks.count("school_year_results") == 4, "grades 6 to 9, then college"
    assert pilot.completed_tasks.count("confirm_retention") == 4, "3, 6, 12 and 24 months"
    youth = data["youth_id"]
    assert region.rows(select(Youth.status).where(Youth.id == youth)) == ["employed"]
    assert region.rows(select(StudentEnrollment.status).where(StudentEnrollment.youth_id == youth)) == ["graduated"]
    assert region.rows(select(EmploymentOutcome.outcome).where(EmploymentOutcome.youth_id == youth)) == ["employed"]


def test_a_high_risk_student_then_business_retraining_and_a_job_change_with_the_real_handlers(region, real_engine):
    data, org = region.pupil(9)
    real_engine.start("proc_school_career_guidance", data=data, business_key=data["youth_id"], org=org)
    employed = {**DEFAULT_ANSWERS["confirm_graduate_status"], "employer_id": region.employer_id}
    not_employed = {**employed, "employed": False, "in_specialty": False, "employer_id": "", "start_date": ""}
    plan = DEFAULT_ANSWERS["ip_results"]
    pilot = Autopilot(real_engine).answer("admission_result", applied)
    pilot.answer("school_year_results", lambda task: {**DEFAULT_ANSWERS["school_year_results"](task),
                                                      "wants_temp_job": True})
    pilot.answer("profiling_periodic", answers_in_turn(HIGH_RISK, HIGH_RISK, DEFAULT_ANSWERS["profiling_periodic"]))
    pilot.answer("ip_results", answers_in_turn(plan, plan, {**plan, "entrepreneurship_request": True}, plan))
    pilot.answer("confirm_graduate_status", answers_in_turn(not_employed, {**not_employed, "wants_change": True},
                                                            employed))
    pilot.answer("confirm_retention", answers_in_turn(
        DEFAULT_ANSWERS["confirm_retention"], {"still_employed": False, "risk_of_leaving": True,
                                               "left_reason": "Переезд"}, DEFAULT_ANSWERS["confirm_retention"]))
    pilot.run(max_rounds=800)

    instances = real_engine.instances(business_key=data["youth_id"], limit=20)
    assert all(info.status == "completed" for info in instances)
    keys = sorted(info.process_key for info in instances)
    assert keys.count("proc_graduate_routing") == 2 and keys.count("proc_young_specialist_adaptation") == 2, (
        "the specialist who left went back to graduate routing and found a new job")
    assert pilot.completed_tasks.count("individual_plan_profiling") == 3, "two student plans, one graduate plan"
    contexts = region.rows(select(ProfilingResult.context).where(ProfilingResult.youth_id == data["youth_id"],
                                                                 ProfilingResult.context.like("%_ip")))
    assert sorted(contexts) == ["graduate_ip", "student_ip", "student_ip"], "each plan's profiling is stored"
    plans = region.rows(select(IndividualPlan.profiling_result_id).where(IndividualPlan.youth_id == data["youth_id"]))
    ip_results = set(region.rows(select(ProfilingResult.id).where(ProfilingResult.youth_id == data["youth_id"],
                                                                  ProfilingResult.context.like("%_ip"))))
    assert set(plans) == ip_results, "every plan points at its own profiling"
    assert "entrepreneurship_support" in pilot.completed_tasks
    assert region.rows(select(EntrepreneurshipReferral.youth_id)
                       .where(EntrepreneurshipReferral.youth_id == data["youth_id"])) == [data["youth_id"]]


@pytest.mark.parametrize(("needed_by", "tracks", "segment"), [
    ("2031-09-01", ["schoolchildren"], "schoolchildren"),
    ("2027-06-01", ["graduates", "schoolchildren"], "both"),
])
def test_an_employer_need_is_met_in_its_tracks_with_the_real_handlers(region, real_engine, needed_by, tracks, segment):
    """The test region has no student graduating by mid-2027: the near need is worked among graduates and,
    graduates being scarce, among schoolchildren with a target-training offer (domain.md §4.7 row 3)."""
    need = {"id": f"need-{segment}", "okso_codes": region.programme_codes, "qty": 3, "needed_by": needed_by,
            "min_level": "spo"}
    org = {"employer": region.employer_id, "czn": region.czn_id, "edu_org": region.edu_org_id}
    instance_id = real_engine.start("proc_employer_staffing_need", data={"need": need}, business_key=need["id"],
                                    org=org)
    Autopilot(real_engine).run(max_rounds=100)
    info = real_engine.instance(instance_id)
    assert info.status == "completed"
    assert sorted(set(info.data["need_segment"])) == tracks
    assert region.rows(select(StaffingNeed.segment).where(StaffingNeed.id == need["id"])) == [segment]
    offers = region.rows(select(TargetTrainingOffer.id).where(
        TargetTrainingOffer.customer_employer_id == region.employer_id))
    assert offers, "a target-training offer is published on ЕЦП"


def test_a_school_year_completed_without_the_form_is_sent_back_and_corrected(region, real_engine):
    """Issue 16: the CLI completed «Подведение итогов» with `{"attended": true}`; the service task after it
    failed on the missing answers. An admin sends the route back to that task; the corrected form lets the
    route go on, and the log still replays and verifies."""
    from engine.audit.replay import replay
    from engine.audit.verify import verify

    data, org = region.pupil(9)
    real_engine.start("proc_school_career_guidance", data=data, business_key=data["youth_id"], org=org)
    pilot = Autopilot(real_engine).answer("school_year_results", None)
    pilot.run(until=START + timedelta(days=366))
    [task] = [t for t in real_engine.tasks(business_key=data["youth_id"]) if t.element_id == "school_year_results"]
    real_engine.complete(task.id, {"attended": True}, actor="navigator1")
    [incident] = [i for i in real_engine.incidents() if i.status != "resolved"]
    stuck = incident.instance_id
    assert (task.element_id, task.name) in real_engine.earlier_user_tasks(stuck)

    real_engine.send_back(stuck, task.element_id, actor="admin", reason="Форма заполнена не полностью")

    assert [i.status for i in real_engine.incidents(stuck)] == ["resolved"]
    [again] = real_engine.tasks(instance_id=stuck)
    assert (again.id, again.element_id) == (task.id, task.element_id)
    answers = DEFAULT_ANSWERS["school_year_results"](real_engine.task(again.id))
    real_engine.complete(again.id, answers, actor="navigator1")
    assert not real_engine.instance(stuck).has_incident
    last_step = [e for e in real_engine.audit_events(stuck) if e.kind == "step"][-1]
    assert incident.element_id in last_step.payload["completed"], "the step that failed ran, the route goes on"
    pilot = Autopilot(real_engine).answer("admission_result", applied)
    pilot.answer("confirm_graduate_status", {**DEFAULT_ANSWERS["confirm_graduate_status"],
                                             "employer_id": region.employer_id})
    pilot.run(max_rounds=600)
    stages = {info.process_key: info.status for info in real_engine.instances(business_key=data["youth_id"])}
    assert stages == dict.fromkeys(STAGES, "completed"), "the corrected route runs to its end"
    with real_engine.db.read() as session:
        for instance in real_engine.instances(business_key=data["youth_id"], limit=20):
            assert replay(session, instance.id).ok, replay(session, instance.id).summary()
        assert verify(session).ok
