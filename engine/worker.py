"""The worker loop behind `profroute worker`: rounds of `Engine.run_due`. A busy round is followed at once
by the next; an idle one waits until the next timer falls due (at most `interval`). Several workers (the
`--processes N` of the command, or separate hosts) share the work on PostgreSQL: each step claims its
timer, retry, message or outbox row with SKIP LOCKED (engine.due_work), so each fires exactly once."""
from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import func, select

from engine.facade import Engine
from engine.store.models import Timer

# SpiffWorkflow fires a timer once its moment has passed, so an idle worker wakes just after it.
AFTER_DUE = timedelta(milliseconds=5)


def work(engine: Engine, interval: float, *, once: bool = False, echo: Callable[[str], None] = print,
         stop: Callable[[], bool] = lambda: False) -> None:
    while True:
        done = engine.run_due()
        for line in done.lines():
            echo(line)
        if once or stop():
            return
        if done.idle:
            time.sleep(idle_wait(engine, interval))


def idle_wait(engine: Engine, interval: float) -> float:
    """Seconds until just after the next timer falls due, at most `interval`."""
    with engine.db.read() as session:
        next_due = session.scalar(select(func.min(Timer.due_at)))
    if next_due is None:
        return interval
    return min(interval, max(0.0, (next_due + AFTER_DUE - engine.clock.now()).total_seconds()))


def run_processes(count: int, target: Callable[[], None]) -> int:
    """Run `target` in `count` forked processes until all end; the number that failed."""
    context = multiprocessing.get_context("fork")
    children = [context.Process(target=target, name=f"profroute-worker-{index}") for index in range(count)]
    for child in children:
        child.start()
    for child in children:
        child.join()
    return sum(1 for child in children if child.exitcode != 0)
