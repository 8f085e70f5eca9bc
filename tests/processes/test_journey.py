"""One youth from grade 6 to retention in the profession, through every stage of the map, on a cold engine
(a restart before every step) on SQLite and PostgreSQL."""
from __future__ import annotations

from process_driver import RunRecord

STAGES = ["proc_school_career_guidance", "proc_admission_target_training", "proc_student_support",
          "proc_graduate_routing", "proc_young_specialist_adaptation"]


def depths(engine, instance_id: str) -> list[int]:
    return [event.payload["depth"] for event in engine.audit_events(instance_id)
            if event.kind == "step" and "depth" in event.payload]


def test_a_pupil_from_grade_6_is_routed_to_retention_in_the_profession(cold_world):
    engine, fakes, pilot = cold_world(study_months=46)
    engine.start("proc_school_career_guidance",
                 data={"youth_id": "youth-42", "youth_name": "Мария Соколова", "grade": 6, "birth_date": "2014-04-12"},
                 business_key="youth-42", org={"school": "school-7", "czn": "czn-1"})
    stages_seen: list[str] = []
    pilot.answer("confirm_retention", lambda task: stages_seen.append(engine.instance(task.instance_id).milestone) or {
        "still_employed": True, "risk_of_leaving": False, "left_reason": ""})
    pilot.run()

    instances = {info.process_key: info for info in engine.instances(business_key="youth-42", limit=20)}
    assert list(instances) == STAGES or set(instances) == set(STAGES)
    assert all(info.status == "completed" for info in instances.values())
    assert engine.clock.now().year == 2035, "grade 6 in 2026, four school years, 46 months of college, 24 months"
    assert stages_seen == ["Адаптация на рабочем месте"] * 4, "the instance's milestone follows the youth lane"
    assert pilot.completed_tasks[-1] == "competency_growth_measures"

    completed = RunRecord.collect(engine).completed()
    for milestone in ["digital_project_start", "school_graduate", "applicant", "first_year_student",
                      "production_practice", "internship", "graduate", "work_in_specialty", "adapted", "retained",
                      "competences_developed"]:
        assert milestone in completed, milestone

    student = instances["proc_student_support"]
    assert len(student.data["checkpoint_results"]) >= 30, "six-weekly checkpoints over almost four years"
    student_depths = depths(engine, student.id)
    assert len(student_depths) > 30 and max(student_depths) <= 20, (
        "the task tree stays shallow as checkpoints accumulate (a gateway loop would add levels every round)")
    assert student_depths[1] == student_depths[-4], "waiting for a checkpoint is as deep at the end as at the start"
