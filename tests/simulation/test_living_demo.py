"""`profroute demo` brings the demo region to life: every kind of route started and driven by the simulation's
operators from the region's last summer, routes left at every stage with open tasks that have history behind
them, and every demo login that works on tasks left at least five of its own; a second run on the same
database starts nothing again."""
from __future__ import annotations

from tests.living_demo import GROUP

pytestmark = [GROUP]

STAGE_ROUTES = {"proc_school_career_guidance", "proc_admission_target_training", "proc_student_support",
                "proc_graduate_routing", "proc_young_specialist_adaptation", "proc_employer_staffing_need",
                "proc_practice_library"}


def test_every_demo_login_finds_five_open_tasks_of_its_own_with_history(living_demo):
    assert set(living_demo.desks) == {"school1", "school2", "college", "czn", "curator", "employer"}
    for desk in living_demo.desks.values():
        assert desk.open >= 5, f"{desk.login} ({desk.role}) has {desk.open} open tasks"
        assert desk.with_history >= 5, f"{desk.login}: {desk.with_history} open tasks with answered ones before"


def test_the_demo_region_stands_at_every_stage(living_demo):
    for kind in ("школьники", "студенты", "выпускники", "молодые специалисты", "потребности работодателей"):
        assert kind in living_demo.first_run
    routes = living_demo.routes
    assert routes.process_keys >= STAGE_ROUTES
    assert len(routes.milestones) >= 5, routes.milestones
    assert {"final_exams", "admission_result", "confirm_graduate_status", "adaptation_measures",
            "school_year_results", "profiling_periodic"} <= routes.answered_elements
    assert all(actor.startswith("simulated-") for actor in routes.answered_by)


def test_a_second_demo_run_starts_nothing(living_demo):
    assert "Маршруты демо-региона уже идут." in living_demo.second_run
    assert "(новых версий: 0)" in living_demo.second_run
    assert living_demo.routes_after_second_run == living_demo.routes
