"""proc_school_career_guidance and proc_employer_staffing_need on the engine: every branch is taken."""
from __future__ import annotations

from process_driver import RunRecord, untaken

SCHOOL = "proc_school_career_guidance"
EMPLOYER = "proc_employer_staffing_need"


def year_results(wants_temp_job_from_grade: int, leaves_after: int, during_school_year: bool = False,
                 guardian_consent: bool = True):
    def answer(task):
        grade = task.data["school_year_plan"]["grade"]
        return {"hours_done": 64, "diagnostics_done": True, "career_intent": "spo",
                "wants_temp_job": grade >= wants_temp_job_from_grade,
                "temp_job_during_school_year": during_school_year, "guardian_consent": guardian_consent,
                "leaves_school": grade == leaves_after}
    return answer


def start_pupil(engine, youth_id: str, grade: int, birth_date: str) -> str:
    return engine.start(SCHOOL, data={"youth_id": youth_id, "youth_name": "Иван Петров", "grade": grade,
                                      "birth_date": birth_date},
                        business_key=youth_id, org={"school": "school-7", "czn": "czn-1"})


def test_school_years_from_grade_6_to_leaving_after_grade_9(world, facts):
    engine, fakes, pilot = world(scope={SCHOOL}, temp_job_unavailable_ages={15})
    pilot.answer("school_year_results", year_results(wants_temp_job_from_grade=8, leaves_after=9))
    instance_id = start_pupil(engine, "youth-1", 6, "2014-03-01")
    pilot.run()

    assert engine.instance(instance_id).status == "completed"
    assert pilot.completed_tasks == ["school_year_results"] * 4, "grades 6, 7, 8, 9: one loop turn per school year"
    emp_grades = [params["grade"] for op, params in fakes.calls if op == "school.organize_emp_events"]
    assert emp_grades == [6, 7, 8, 9]
    assert [params["grade"] for op, params in fakes.calls if op == "school.provide_proftours"] == [8, 9]
    temp_jobs = [params for op, params in fakes.calls if op == "school.organize_temp_employment"]
    assert [(p["age"], p["max_hours_day"], p["max_hours_week"]) for p in temp_jobs] == [(14, 4, 24), (15, 5, 24)], (
        "holidays: 4 h a day at 14, 5 h from 15 (ТК РФ ст. 94)")
    admission = engine.instances(process_key="proc_admission_target_training")
    assert [a.business_key for a in admission] == ["youth-1"], "school_completed starts the admission stage"
    assert admission[0].data["route"]["last_grade"] == 9
    assert admission[0].data["route"]["career_intent"] == "spo"


def test_every_branch_of_the_school_process(world, facts):
    engine, _fakes, pilot = world(scope={SCHOOL}, temp_job_unavailable_ages={15})
    pilot.answer("school_year_results", year_results(wants_temp_job_from_grade=8, leaves_after=9))
    start_pupil(engine, "youth-1", 6, "2014-03-01")
    pilot.run()
    record = RunRecord.collect(engine)

    engine, fakes, pilot = world(scope={SCHOOL})
    pilot.answer("school_year_results", year_results(10, leaves_after=11, during_school_year=True))
    start_pupil(engine, "youth-2", 10, "2010-05-20")
    pilot.run()
    record = record.merge(RunRecord.collect(engine))

    hours = [(p["age"], p["max_hours_day"], p["max_hours_week"]) for op, p in fakes.calls
             if op == "school.organize_temp_employment"]
    assert hours == [(16, 4, 17.5), (17, 4, 17.5)], "16-18 in the school year: 4 h a day, 17.5 h a week"

    engine, fakes, pilot = world(scope={SCHOOL})
    pilot.answer("school_year_results", year_results(8, leaves_after=8, guardian_consent=False))
    start_pupil(engine, "youth-3", 8, "2012-03-01")
    pilot.run()
    record = record.merge(RunRecord.collect(engine))
    assert "school.organize_temp_employment" not in fakes.operations_called()
    assert untaken(facts, record, {"school_career_guidance.bpmn"}) == []


def test_a_fourteen_year_old_works_only_with_a_parents_consent_and_the_guardianship_permission(world):
    engine, fakes, pilot = world(scope={SCHOOL})
    pilot.answer("school_year_results", year_results(wants_temp_job_from_grade=8, leaves_after=9,
                                                     guardian_consent=False))
    instance_id = start_pupil(engine, "youth-3", 8, "2012-03-01")
    pilot.run()

    assert engine.instance(instance_id).status == "completed"
    temp_jobs = [(p["age"], p["max_hours_day"]) for op, p in fakes.calls if op == "school.organize_temp_employment"]
    assert temp_jobs == [(15, 5)], "no work at 14 without consent (ТК РФ ст. 63); at 15 no consent is needed"
    year_results_by_age = [r["guardian_consent"] for r in engine.instance(instance_id).data["school_results"]]
    assert year_results_by_age == [False, False]


def start_need(engine, need_id: str, needed_by: str, qty: int = 3, min_level: str = "spo") -> str:
    need = {"id": need_id, "okso_codes": ["15.02.16"], "qty": qty, "needed_by": needed_by, "min_level": min_level}
    return engine.start(EMPLOYER, data={"need": need}, business_key=need_id,
                        org={"employer": "employer-1", "czn": "czn-1", "edu_org": "college-1"})


TRACKS = {"schoolchildren": "employer_need.schedule_school_events", "graduates": "employer_need.publish_vacancies",
          "offer": "employer_need.publish_target_training_offer"}


def test_every_branch_of_the_employer_staffing_need(world, facts):
    """domain.md §4.7 is a COLLECT table behind an inclusive gateway: a need can take both tracks."""
    record = None
    cases = [
        ("far-quota", {"target_quota_available": True}, "2031-09-01", "spo", {"schoolchildren", "offer"}),
        ("far", {}, "2031-09-01", "spo", {"schoolchildren"}),
        ("near-enough", {"graduates_available": 10}, "2027-06-01", "spo", {"graduates"}),
        ("near-scarce", {}, "2027-06-01", "spo", {"graduates", "schoolchildren", "offer"}),
        ("near-vo-quota", {"graduates_available": 10, "target_quota_available": True}, "2026-12-01", "vo",
         {"graduates", "schoolchildren", "offer"}),
    ]
    for name, knobs, needed_by, level, tracks in cases:
        engine, fakes, pilot = world(scope={EMPLOYER}, **knobs)
        instance_id = start_need(engine, f"need-{name}", needed_by, min_level=level)
        pilot.run()
        info = engine.instance(instance_id)
        assert info.status == "completed", name
        assert set(info.data["need_segment"]) == tracks - {"offer"}, name
        assert {track for track, op in TRACKS.items() if op in fakes.operations_called()} == tracks, name
        agreements = [task for task in pilot.completed_tasks if task.startswith("agreement_")]
        assert len(agreements) == len(tracks - {"offer"}), f"{name}: one agreement per track"
        assert info.data["need_result"]["status"] == "closed"
        run = RunRecord.collect(engine)
        record = run if record is None else record.merge(run)
    assert untaken(facts, record, {"employer_staffing_need.bpmn"}) == []
