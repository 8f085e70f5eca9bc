"""The worker loop behind `profroute worker`: rounds of `Engine.run_due`. A busy round is followed at once
by the next; an idle one waits until the next timer falls due (at most `interval`). Several workers (the
`--processes N` of the command, or separate hosts) share the work on PostgreSQL: each step claims its
timer, retry, message or outbox row with SKIP LOCKED (engine.due_work), so each fires exactly once."""
from __future__ import annotations

import multiprocessing
import time
from collections.abc import Callable
from datetime import timedelta

from sqlalchemy import select

from engine.facade import Engine
from engine.store.models import ProcessInstance, Timer

# SpiffWorkflow fires a timer once its moment has passed, so an idle worker wakes just after it.
AFTER_DUE = timedelta(milliseconds=5)
_NEXT_DUE = (select(Timer.due_at).join(ProcessInstance, ProcessInstance.id == Timer.instance_id)
             .where(ProcessInstance.status == "active").order_by(Timer.due_at).limit(1))


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
    """Seconds until just after the next timer of a running route falls due, at most `interval` (a suspended
    route's timer, however long past due, does not keep the worker awake)."""
    with engine.db.read() as session:
        next_due = session.scalar(_NEXT_DUE)
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
