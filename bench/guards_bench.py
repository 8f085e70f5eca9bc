"""Latencies the tests used to bound by wall-clock, measured and printed instead (a test asserts behaviour;
how fast is a figure for this script): a cached sandbox condition, a runaway script stopped by its time
budget, the billion-laughs file refused by the parser, a ten-file bundle parsed.

    .venv/bin/python bench/guards_bench.py
"""
from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from pathlib import Path

from engine.errors import DeployError, SandboxError
from engine.parsing import parse_bundle
from engine.sandbox import SandboxEnvironment

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "engine" / "fixtures"
OPERATIONS = {"school.register_youth", "employer.record_need"}
BUDGET = 0.05


def timed(action: Callable[[], object], rounds: int) -> list[float]:
    """Seconds per call over `rounds` calls, after one warm-up call."""
    action()
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return times


def report(name: str, times: list[float], unit: str = "ms") -> None:
    scale = {"ms": 1e3, "us": 1e6}[unit]
    print(f"{name:<44} median {statistics.median(times) * scale:9.2f} {unit}   "
          f"max {max(times) * scale:9.2f} {unit}   ({len(times)} rounds)")


def cached_condition() -> list[float]:
    env = SandboxEnvironment(time_budget=BUDGET)
    data = {"risk_level": "high", "age": 17, "org": {"school": "s1"}, "scores": list(range(20))}
    condition = 'risk_level == "high" and age < 18 and org["school"] == "s1"'
    return timed(lambda: env.evaluate(condition, data), 20_000)


def runaway_script() -> list[float]:
    env = SandboxEnvironment(time_budget=BUDGET)

    def run() -> None:
        try:
            env.execute("while True:\n    pass", {})
        except SandboxError:
            return
        raise AssertionError("the runaway script was not stopped")

    return timed(run, 20)


def billion_laughs() -> list[float]:
    files = [("billion_laughs.bpmn", (FIXTURES / "bad" / "billion_laughs.bpmn").read_bytes())]

    def refuse() -> None:
        try:
            parse_bundle(files, known_operations=OPERATIONS)
        except DeployError:
            return
        raise AssertionError("the billion-laughs file was accepted")

    return timed(refuse, 50)


def ten_file_bundle() -> list[float]:
    bundle = FIXTURES / "bundle"
    files = [(path.name, path.read_bytes()) for path in sorted(bundle.iterdir())]
    plan = (bundle / "plan.bpmn").read_text()
    for number in range(5):
        variant = plan.replace("individual_plan", f"individual_plan_{number}").replace("defs_plan", f"defs_{number}")
        files.append((f"plan_{number}.bpmn", variant.encode()))
    assert len(files) == 10
    return timed(lambda: parse_bundle(files, known_operations=OPERATIONS), 10)


def main() -> None:
    report("sandbox: cached condition, per evaluate", cached_condition(), "us")
    report(f"sandbox: runaway script (budget {BUDGET * 1000:.0f} ms)", runaway_script())
    report("parser: billion laughs refused", billion_laughs(), "us")
    report("parser: ten-file bundle", ten_file_bundle())


if __name__ == "__main__":
    main()
