"""The embedded scheduler: a daemon thread that fires due timers and retries once a second."""
from __future__ import annotations

import logging
import threading

from engine import DueWork, Engine

log = logging.getLogger(__name__)


class Scheduler(threading.Thread):
    def __init__(self, engine: Engine, interval: float = 1.0) -> None:
        super().__init__(name="profroute-scheduler", daemon=True)
        self.engine = engine
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.interval):
            self.tick()

    def tick(self) -> DueWork:
        """One round of due work; an error is logged and the next round tries again."""
        try:
            done = self.engine.run_due()
        except Exception:
            log.exception("scheduler round failed")
            return DueWork()
        for line in done.lines():
            log.info("%s", line)
        return done

    def stop(self) -> None:
        self.stopped.set()
