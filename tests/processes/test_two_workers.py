"""The scale-out shape: two worker processes on one PostgreSQL database take alternate steps of the same
routes (every completion and every timer round goes to the other worker than the last), and a sixth-grader's
whole-map journey with the real handlers runs to its end. Each worker keeps its workflows and parsed specs in
memory between its steps, so every step restores a route the other worker moved last."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from process_driver import DEFAULT_ANSWERS, START, Autopilot, deployable_files
from real_region import Region, applied, generate_region

from engine import ManualClock
from profroute.wiring import WIRING

PG_URL = os.environ.get("PROFROUTE_TEST_DATABASE_URL")
WORKER = Path(__file__).with_name("step_worker.py")
STAGES = {"proc_school_career_guidance", "proc_admission_target_training", "proc_student_support",
          "proc_graduate_routing", "proc_young_specialist_adaptation"}
ROOT = Path(__file__).resolve().parents[2]


class Worker:
    def __init__(self, database_url: str):
        self.process = subprocess.Popen(  # noqa: S603 - our own script with the test's interpreter
            [sys.executable, str(WORKER), database_url], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)})
        self.steps = 0

    def call(self, **command) -> dict:
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        answer = json.loads(self.process.stdout.readline())
        assert "error" not in answer, f"worker {self.process.pid}: {answer['error']}"
        self.steps += 1
        return answer

    def stop(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


class AlternatingWorkers:
    """The engine as the autopilot sees it: reads go to the test's own engine, every step to the next of the
    two workers in turn, with the test's clock."""

    def __init__(self, reader, workers: list[Worker]):
        self.reader = reader
        self.workers = workers
        self.turn = 0

    def __getattr__(self, name: str):
        return getattr(self.reader, name)

    def _next(self, **command) -> dict:
        worker = self.workers[self.turn % len(self.workers)]
        self.turn += 1
        return worker.call(now=self.reader.clock.now().isoformat(), **command)

    def start(self, process_key: str, data: dict, business_key: str, org: dict) -> str:
        return self._next(op="start", process_key=process_key, data=data, business_key=business_key,
                          org=org)["instance_id"]

    def complete(self, task_id: str, data: dict, actor: str) -> None:
        self._next(op="complete", task_id=task_id, data=data, actor=actor)

    def run_due(self) -> None:
        assert self._next(op="run_due")["stalled_routes"] == [], "a route was left waiting for nothing"


@pytest.mark.parametrize("database_url", [pytest.param("postgresql", marks=pytest.mark.skipif(
    not PG_URL, reason="two worker processes need PostgreSQL: set PROFROUTE_TEST_DATABASE_URL"))], indirect=True)
def test_two_workers_taking_alternate_steps_run_a_journey_to_its_end(database_url):
    ids, codes = generate_region(database_url)
    region = Region(database_url, *ids, codes)
    reader = WIRING.open_engine(database_url, clock=ManualClock(START), cold=True)
    reader.deploy([str(path) for path in deployable_files()], actor="tests")
    workers = [Worker(database_url), Worker(database_url)]
    try:
        engine = AlternatingWorkers(reader, workers)
        data, org = region.pupil(6)
        engine.start("proc_school_career_guidance", data, business_key=data["youth_id"], org=org)
        pilot = Autopilot(engine).answer("admission_result", applied)
        pilot.answer("confirm_graduate_status", {**DEFAULT_ANSWERS["confirm_graduate_status"],
                                                 "employer_id": region.employer_id})
        pilot.run(max_rounds=600)

        routes = reader.instances(business_key=data["youth_id"])
        assert {info.process_key: info.status for info in routes} == dict.fromkeys(STAGES, "completed")
        assert pilot.completed_tasks.count("school_year_results") == 4
        assert pilot.completed_tasks.count("confirm_retention") == 4
        assert min(worker.steps for worker in workers) >= 30, [worker.steps for worker in workers]
        assert all(reader.replay(info.id).ok for info in routes)
    finally:
        for worker in workers:
            worker.stop()
        reader.close()
