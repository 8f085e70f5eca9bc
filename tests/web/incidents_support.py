"""A route that fails the way issue 16 saw it: a school-year form completed without `wants_temp_job` (as the
CLI allowed), so the service task after it cannot read its parameters and opens an incident."""
from __future__ import annotations

from pathlib import Path

INCIDENT_PROCESS = Path(__file__).parent / "fixtures" / "incident_visit.bpmn"
VALID_RESULTS = {"hours_done": "12", "career_intent": "spo", "wants_temp_job": "true"}


class JobRegistry:
    """The `test.register_job` operation; records what it was called with."""

    def __init__(self) -> None:
        self.calls: list[tuple[bool, int]] = []

    def __call__(self, ctx, wants: bool, hours: int) -> dict:
        self.calls.append((wants, hours))
        return {"registered": wants}


def start_failing_route(engine, youth_id: str = "youth-1", school: str = "school-001",
                        youth_name: str = "Орлова Мария Сергеевна") -> str:
    instance_id = engine.start("incident_visit", {"youth_id": youth_id, "youth_name": youth_name},
                               business_key=youth_id, org={"school": school})
    [task] = engine.tasks(instance_id=instance_id)
    engine.complete(task.id, {"attended": True}, actor="ivanova")
    return instance_id

