"""A worker process for tests/processes/test_two_workers.py: a long-running engine (warm, the deployment's
real handlers) on the database named by its argument, taking one command per line of stdin as JSON and
answering each with one line of JSON on stdout. Every command carries the test's clock time."""
from __future__ import annotations

import json
import sys
from datetime import datetime

from engine import ManualClock
from profroute.wiring import WIRING


def serve(database_url: str) -> None:
    clock = ManualClock(datetime.fromisoformat("2000-01-01T00:00:00+00:00"))
    engine = WIRING.open_engine(database_url, clock=clock)
    try:
        for line in sys.stdin:
            command = json.loads(line)
            clock.set(datetime.fromisoformat(command["now"]))
            try:
                answer = _run(engine, command)
            except Exception as exc:  # noqa: BLE001 - the test reports it
                answer = {"error": f"{type(exc).__name__}: {exc}"}
            print(json.dumps(answer), flush=True)
    finally:
        engine.close()


def _run(engine, command: dict) -> dict:
    if command["op"] == "start":
        return {"instance_id": engine.start(command["process_key"], command["data"],
                                            business_key=command["business_key"], org=command["org"])}
    if command["op"] == "complete":
        result = engine.complete(command["task_id"], command["data"], actor=command["actor"])
        return {"opened_tasks": result.opened_tasks}
    work = engine.run_due()
    return {"stepped": work.stepped, "stalled_routes": list(work.stalled_routes)}


if __name__ == "__main__":
    serve(sys.argv[1])
