"""Every executable process of the map, driven through a simulated route, replays from its audit log to
exactly the stored state and projections (and the log verifies)."""
from __future__ import annotations

import sys
from pathlib import Path

PROCESS_TESTS = Path(__file__).resolve().parents[2] / "processes"
sys.path.insert(0, str(PROCESS_TESTS))

from process_driver import DEFAULT_ANSWERS, Autopilot, answers_in_turn, bpmn_files, new_engine  # noqa: E402
from process_fakes import FakeHandlers  # noqa: E402

from engine.audit.replay import replay  # noqa: E402
from engine.audit.verify import verify  # noqa: E402
from engine.parsing.documents import parse_xml  # noqa: E402

BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
ORG = {"school": "school-7", "czn": "czn-1", "edu_org": "college-1", "my_business": "mb-1"}
NOT_EMPLOYED = {**DEFAULT_ANSWERS["confirm_graduate_status"], "employed": False, "in_specialty": False,
                "employer_id": "", "start_date": ""}


def year_results(task):
    return {"hours_done": 64, "diagnostics_done": True, "career_intent": "spo", "wants_temp_job": True,
            "temp_job_during_school_year": False, "leaves_school": task.data["school_year_plan"]["grade"] == 9}


def whole_route(engine, pilot):
    """A pupil from grade 9 through college to a job, an employer's staffing need, a library practice."""
    pilot.answer("school_year_results", year_results)
    engine.start("proc_school_career_guidance", business_key="youth-1", org={"school": "school-7", "czn": "czn-1"},
                 data={"youth_id": "youth-1", "youth_name": "Иван Петров", "grade": 9, "birth_date": "2011-03-01"})
    need = {"id": "need-1", "okso_codes": ["15.02.16"], "qty": 3, "needed_by": "2027-06-01", "min_level": "spo"}
    engine.start("proc_employer_staffing_need", data={"need": need}, business_key="need-1",
                 org={"employer": "employer-1", "czn": "czn-1", "edu_org": "college-1"})
    engine.start("proc_practice_library", data={}, business_key="practice-1", org={"czn": "czn-1"})


def graduate_with_plan_and_business(engine, pilot):
    """A graduate without a job: the individual plan, then the entrepreneurship referral, then a job."""
    pilot.answer("confirm_graduate_status", answers_in_turn(NOT_EMPLOYED, DEFAULT_ANSWERS["confirm_graduate_status"]))
    pilot.answer("ip_results", {**DEFAULT_ANSWERS["ip_results"], "entrepreneurship_request": True})
    engine.correlate("graduate_ready", "youth-2", {
        "youth_id": "youth-2", "youth_name": "Олег Кузнецов", "org": ORG, "reason": "graduation",
        "graduation": {"passed": True, "diploma_date": "2026-06-30", "demo_exam_score": 80}})


def executable_processes() -> dict[str, set[str]]:
    """Executable process id -> ids of the elements inside it."""
    found = {}
    for path in bpmn_files():
        for process in parse_xml(path.name, path.read_bytes()).iter(f"{BPMN}process"):
            if process.get("isExecutable") == "true":
                found[process.get("id")] = {el.get("id") for el in process.iter() if el.get("id")}
    return found


def ran_processes(engine, instances) -> set[str]:
    """Process keys that executed: started instances, and called processes whose elements completed."""
    processes = executable_processes()
    ran = {instance.process_key for instance in instances}
    for instance in instances:
        done = {element for event in engine.audit_events(instance.id) if event.kind == "step"
                for element in event.payload.get("completed", [])}
        ran |= {key for key, elements in processes.items() if done & elements}
    return ran


def test_every_process_of_the_map_replays_to_the_stored_state(database_url, request):
    engine = new_engine(database_url, FakeHandlers().mapping())
    request.addfinalizer(engine.close)
    pilot = Autopilot(engine)
    whole_route(engine, pilot)
    graduate_with_plan_and_business(engine, pilot)
    pilot.run()

    instances = engine.instances(limit=500)
    assert ran_processes(engine, instances) == set(executable_processes())
    with engine.db.read() as session:
        for instance in instances:
            report = replay(session, instance.id)
            assert report.ok, f"{instance.process_key}: {report.divergence}"
            assert report.steps >= 2
        assert verify(session).ok
