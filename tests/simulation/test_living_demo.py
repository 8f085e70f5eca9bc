"""`profroute demo` brings the demo region to life: every kind of route started and driven by the simulation's
operators, routes left at different points with open tasks that have history behind them; a second run on the
same database starts nothing again."""
from __future__ import annotations

from collections import Counter

from click.testing import CliRunner

from engine import Engine
from profroute.cli import main


def test_the_demo_region_lives(tmp_path, monkeypatch):
    monkeypatch.setenv("PROFROUTE_SECRET_KEY", "demo-test")
    monkeypatch.setenv("PROFROUTE_INSTANCE_PATH", str(tmp_path / "instance"))
    url = f"sqlite:///{tmp_path / 'demo.sqlite'}"
    result = CliRunner().invoke(main, ["demo", "--database", url, "--youths", "40"])
    assert result.exit_code == 0, result.output
    assert "школьники" in result.output and "студенты" in result.output and "выпускники" in result.output
    engine = Engine(url)
    try:
        instances = engine.instances(limit=1000)
        assert {"proc_school_career_guidance", "proc_student_support", "proc_graduate_routing",
                "proc_employer_staffing_need", "proc_practice_library"} <= {i.process_key for i in instances}
        completed = engine.tasks(status="completed", limit=1000)
        assert completed and all(task.completed_by.startswith("simulated-") for task in completed)
        open_tasks = engine.tasks(limit=1000)
        assert Counter(task.candidate_group for task in open_tasks)["school"] >= 5
        answered_routes = {task.instance_id for task in completed}
        assert answered_routes & {task.instance_id for task in open_tasks}, "open tasks with history behind them"
        assert len({i.milestone for i in instances if i.milestone}) >= 2, "routes stand at different milestones"
        count = len(instances)
    finally:
        engine.close()
    again = CliRunner().invoke(main, ["demo", "--database", url, "--youths", "40"])
    assert again.exit_code == 0 and "Маршруты демо-региона уже идут." in again.output
    engine = Engine(url)
    try:
        assert len(engine.instances(limit=1000)) == count
    finally:
        engine.close()
