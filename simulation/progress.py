"""Progress on stderr: a redrawn bar on a terminal, a plain log line now and then otherwise."""
from __future__ import annotations

import sys
import time
from datetime import datetime
from typing import TextIO

from simulation.driver import DriveStats

BAR_WIDTH = 30


class Progress:
    def __init__(self, start: datetime, horizon: datetime, stream: TextIO | None = None,
                 redraw_seconds: float = 0.25, log_seconds: float = 10.0):
        self.start = start
        self.horizon = horizon
        self.stream = stream or sys.stderr
        self.interactive = self.stream.isatty()
        self.every = redraw_seconds if self.interactive else log_seconds
        self.shown_at = 0.0
        self.began = time.monotonic()

    def __call__(self, now: datetime, stats: DriveStats) -> None:
        moment = time.monotonic()
        if moment - self.shown_at < self.every:
            return
        self.shown_at = moment
        self._show(now, stats)

    def finish(self, now: datetime, stats: DriveStats) -> None:
        self._show(now, stats)
        if self.interactive:
            self.stream.write("\n")
        self.stream.flush()

    def fraction(self, now: datetime) -> float:
        total = (self.horizon - self.start).total_seconds()
        return min(1.0, max(0.0, (now - self.start).total_seconds() / total)) if total > 0 else 1.0

    def line(self, now: datetime, stats: DriveStats) -> str:
        done = self.fraction(now)
        tasks = sum(stats.tasks_completed.values())
        elapsed = time.monotonic() - self.began
        return (f"simulated {now:%Y-%m-%d} {done:6.1%} | tasks {tasks} | timer rounds {stats.timer_rounds} | "
                f"rejected {len(stats.rejections)} | {elapsed:7.1f} s")

    def _show(self, now: datetime, stats: DriveStats) -> None:
        text = self.line(now, stats)
        if self.interactive:
            filled = round(self.fraction(now) * BAR_WIDTH)
            self.stream.write(f"\r[{'#' * filled}{'.' * (BAR_WIDTH - filled)}] {text}")
        else:
            self.stream.write(text + "\n")
        self.stream.flush()
