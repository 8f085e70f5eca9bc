"""Serving the app with gunicorn: worker processes with a few threads each (never Flask's development server).

The timer scheduler runs once per serve, in gunicorn's master (workers are forked from it and serve
requests only)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from flask import Flask
from gunicorn.app.base import BaseApplication

from web.engine_access import get_engine
from web.scheduler import Scheduler

WORKER_THREADS = 4


class GunicornServer(BaseApplication):
    """gunicorn driven from Python: each worker builds its own app with `app_factory`."""

    def __init__(self, app_factory: Callable[[], Flask], options: dict[str, Any]) -> None:
        self.app_factory = app_factory
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for name, value in self.options.items():
            self.cfg.set(name, value)

    def load(self) -> Flask:
        return self.app_factory()


def serve_workers(app_factory: Callable[[], Flask], host: str, port: int, workers: int,
                  with_scheduler: bool) -> None:
    def start_scheduler(_arbiter: Any) -> None:
        Scheduler(get_engine(app_factory())).start()

    options: dict[str, Any] = {"bind": f"{host}:{port}", "workers": workers, "threads": WORKER_THREADS,
                               "accesslog": "-", "control_socket_disable": True}
    if with_scheduler:
        options["when_ready"] = start_scheduler
    GunicornServer(app_factory, options).run()
