"""The web room's commands and plumbing: create-user, the scheduler round, the migration set."""
from __future__ import annotations

import logging

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from click.testing import CliRunner
from sqlalchemy import create_engine, inspect, select

from engine import DueWork
from profroute.cli import main
from profroute.wiring import WIRING
from web.cli import create_user_command, demo, serve
from web.migrations import MIGRATIONS
from web.models import Base, User
from web.scheduler import Scheduler


def test_web_commands_and_migrations_are_wired_into_profroute():
    assert (main.commands["serve"], main.commands["create-user"]) == (serve, create_user_command)
    living = main.commands["demo"]
    assert living is not demo and [p.name for p in living.params] == [p.name for p in demo.params], (
        "profroute's demo is the web's, with the simulation's operators behind it")
    assert MIGRATIONS in WIRING.migrations
    assert MIGRATIONS.version_table == "alembic_version_web"


def test_web_migrations_create_exactly_the_models_tables(migrated_url):
    sql = create_engine(migrated_url)
    try:
        tables = set(inspect(sql).get_table_names())
        assert {"web_user", "web_user_group", "web_saved_filter", "web_task_draft", "web_attachment",
                "web_delegation", "web_api_token", "alembic_version_web"} <= tables
        with sql.connect() as connection:
            context = MigrationContext.configure(connection, opts={
                "include_name": lambda name, type_, _parent: type_ != "table" or name.startswith("web_")})
            assert compare_metadata(context, Base.metadata) == []
    finally:
        sql.dispose()


def test_create_user_command(migrated_url, monkeypatch, tmp_path):
    monkeypatch.setenv("PROFROUTE_SECRET_KEY", "cli-test")
    monkeypatch.setenv("PROFROUTE_INSTANCE_PATH", str(tmp_path))
    runner = CliRunner()
    args = ["--database", migrated_url, "--login", "admin", "--full-name", "Администратор", "--role", "admin",
            "--org-kind", "region", "--org-id", "region"]
    result = runner.invoke(create_user_command, args, env={"PROFROUTE_NEW_USER_PASSWORD": "a long password"})
    assert result.exit_code == 0, result.output
    assert "Пользователь admin создан." in result.output
    again = runner.invoke(create_user_command, args, env={"PROFROUTE_NEW_USER_PASSWORD": "a long password"})
    assert again.exit_code == 1 and "taken" in again.output
    sql = create_engine(migrated_url)
    with sql.connect() as connection:
        assert connection.execute(select(User.role).where(User.login == "admin")).scalar_one() == "admin"
    sql.dispose()


class _Engine:
    def __init__(self, results):
        self.results = list(results)

    def run_due(self):
        result = self.results.pop(0)
        if isinstance(result, Exception):
            raise result
        return result


def test_scheduler_round_logs_what_it_did_and_survives_errors(caplog):
    fired = DueWork(fired_timers=("i-1",))
    scheduler = Scheduler(_Engine([fired, RuntimeError("database away"), DueWork()]))
    with caplog.at_level(logging.INFO, logger="web.scheduler"):
        assert scheduler.tick() == fired
        assert scheduler.tick().idle
        assert scheduler.tick().idle
    assert "timer fired on instance i-1" in caplog.text and "scheduler round failed" in caplog.text


def test_serve_with_gunicorn_workers_answers_on_a_loopback_port(migrated_url, tmp_path):
    import os
    import signal
    import socket
    import subprocess
    import sys
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {**os.environ, "PROFROUTE_SECRET_KEY": "serve-test", "PROFROUTE_INSTANCE_PATH": str(tmp_path / "i")}
    server = subprocess.Popen(
        [sys.executable, "-c", "from profroute.cli import main; main()", "serve", "--database", migrated_url,
         "--port", str(port), "--workers", "2"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2) as response:
                    assert response.status == 200
                    break
            except OSError:
                assert server.poll() is None, server.stderr.read().decode()
                assert time.monotonic() < deadline, "gunicorn did not answer within 60 s"
                time.sleep(0.2)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/login", timeout=5) as response:
            assert "Вход в систему" in response.read().decode()
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
