"""The engine's commands of `profroute` (deploy, tasks, timers, show, cancel, worker, repair, migrate) over the
facade. The composition root (`profroute.cli`) adds them to the console script beside the commands that act for a person
(start, claim, complete, message: `profroute.route_commands`) and hands them its `Wiring` as the click context
object."""
from __future__ import annotations

import json
import os
import sys
from dataclasses import asdict, is_dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from engine.facade import Engine
from engine.wiring import Wiring
from engine.worker import run_processes, work

DEFAULT_DATABASE = "sqlite:///instance/profroute.sqlite"


def database_url() -> str:
    url = os.environ.get("PROFROUTE_DATABASE_URL", DEFAULT_DATABASE)
    if url.startswith("sqlite:///") and not url.startswith("sqlite:////"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
    return url


def open_engine(wiring: Wiring) -> Engine:
    """The engine on PROFROUTE_DATABASE_URL with the wiring's handlers and adapters."""
    return wiring.open_engine(database_url())


def _plain(value: Any) -> Any:
    if is_dataclass(value):
        return _plain(asdict(value))
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_plain(v) for v in value]
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def emit(value: Any, as_json: bool, lines: list[str]) -> None:
    if as_json:
        click.echo(json.dumps(_plain(value), ensure_ascii=False, indent=2))
    else:
        for line in lines:
            click.echo(line)


def parse_json_option(text: str | None, what: str) -> dict[str, Any]:
    if not text:
        return {}
    if text.startswith("@"):
        path = Path(text[1:])
        if not path.is_file():
            raise click.BadParameter(f"{what}: no such file {path}")
        text = path.read_text(encoding="utf-8")
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise click.BadParameter(f"{what} is not valid JSON: {exc.msg} at column {exc.colno}") from exc
    if not isinstance(value, dict):
        raise click.BadParameter(f"{what} must be a JSON object")
    return value


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--actor", default=None, help="Who deploys (recorded with the definitions).")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def deploy(wiring: Wiring, paths: tuple[Path, ...], actor: str | None, as_json: bool) -> None:
    """Deploy BPMN/DMN files or folders; unchanged processes keep their version."""
    engine = open_engine(wiring)
    result = engine.deploy(list(paths), actor=actor)
    created = {d.id for d in result.created}
    emit(result.definitions, as_json, [
        f"{d.key} v{d.version} {'new' if d.id in created else 'unchanged'} {d.content_hash[:12]}"
        for d in result.definitions])


@click.command()
@click.option("--group", "candidate_group", default=None, help="Candidate group (lane or candidateGroup).")
@click.option("--assignee", default=None)
@click.option("--instance", "instance_id", default=None)
@click.option("--org", "org_scope", default=None, help="Organisation scope, e.g. org-001.")
@click.option("--status", default="open", type=click.Choice(["open", "completed", "cancelled", "any"]))
@click.option("--limit", default=50, show_default=True)
@click.option("--offset", default=0)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def tasks(wiring: Wiring, candidate_group, assignee, instance_id, org_scope, status, limit, offset, as_json) -> None:
    """List human tasks."""
    engine = open_engine(wiring)
    found = engine.tasks(candidate_group=candidate_group, assignee=assignee, instance_id=instance_id,
                         org_scope=org_scope, status=status, limit=limit, offset=offset)
    emit(found, as_json, [f"{t.id}  {t.candidate_group or '-':<10} {t.org_scope or '-':<12} "
                          f"{t.assignee or '-':<12} {t.name}  "
                          f"({engine.search.key_of(t.attributes) or t.business_key or ''})"
                          for t in found] or ["no tasks"])


@click.command()
@click.option("--instance", "instance_id", default=None)
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def timers(wiring: Wiring, instance_id: str | None, as_json: bool) -> None:
    """List waiting timers by due time."""
    found = open_engine(wiring).timers(instance_id)
    emit([{"instance_id": i, "element_id": e, "due_at": d} for i, e, d in found], as_json,
         [f"{d.isoformat()}  {i}  {e}" for i, e, d in found] or ["no timers"])


@click.command()
@click.argument("instance_id")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def show(wiring: Wiring, instance_id: str, as_json: bool) -> None:
    """Show an instance: status, milestone, data, open tasks, incidents."""
    engine = open_engine(wiring)
    info = engine.instance(instance_id)
    open_tasks = engine.tasks(instance_id=instance_id)
    incidents = engine.incidents(instance_id)
    if as_json:
        emit({"instance": info, "tasks": open_tasks, "incidents": incidents}, True, [])
        return
    click.echo(f"{info.process_key} v{info.version}  {info.status}  key={info.business_key}  "
               f"milestone={info.milestone}")
    click.echo(json.dumps(info.data, ensure_ascii=False, indent=2))
    for task in open_tasks:
        click.echo(f"task {task.id}: {task.name} [{task.candidate_group}/{task.org_scope}]")
    for incident in incidents:
        click.echo(f"incident {incident.id} ({incident.status}, attempt {incident.attempts}): {incident.error}")


@click.command()
@click.argument("instance_id")
@click.option("--actor", required=True)
@click.option("--reason", default="")
@click.pass_obj
def cancel(wiring: Wiring, instance_id: str, actor: str, reason: str) -> None:
    """Cancel an instance."""
    open_engine(wiring).cancel(instance_id, actor, reason)
    click.echo(f"instance {instance_id} cancelled")


@click.command()
@click.option("--interval", default=1.0, show_default=True, help="Longest wait between polls when idle (seconds).")
@click.option("--once", is_flag=True, help="Do one round and exit.")
@click.option("--processes", default=1, show_default=True, type=click.IntRange(1, 64),
              help="Worker processes sharing the due work (more than one needs PostgreSQL).")
@click.pass_obj
def worker(wiring: Wiring, interval: float, once: bool, processes: int) -> None:
    """Fire due timers, retries and messages, and dispatch the outbox, in a loop."""
    if processes > 1 and not database_url().startswith("postgresql"):
        raise click.UsageError("--processes above 1 needs PostgreSQL (SQLite serializes writers)")

    def run() -> None:
        work(open_engine(wiring), interval, once=once, echo=click.echo)

    if processes == 1:
        run()
    elif failed := run_processes(processes, run):
        click.echo(f"error: {failed} of {processes} worker processes failed", err=True)
        sys.exit(2)


@click.command()
@click.option("--actor", required=True, help="Who repairs (recorded in each route's audit log).")
@click.option("--reason", default="Routes stalled inside a loop after a restart (issue 17)", show_default=True)
@click.option("--dry-run", is_flag=True, help="Only list the stalled routes; change nothing.")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def repair(wiring: Wiring, actor: str, reason: str, dry_run: bool, as_json: bool) -> None:
    """Find routes stalled inside a loop (a finished iteration its loop never merged) and move them on, each
    with a route_repaired audit event. Exit codes: 0 nothing to do or all repaired, 1 stalled routes found
    (--dry-run), 2 a route that could not be repaired."""
    report = open_engine(wiring).repair(actor=actor, reason=reason, dry_run=dry_run)
    emit(report, as_json, [
        f"{route.instance_id}  {route.process_key}  key={route.business_key or '-'}  loops={','.join(route.loops)}  "
        + (f"NOT REPAIRED: {route.error}" if route.error else "repaired" if route.repaired else "stalled")
        for route in report.routes] or ["no stalled routes"])
    if report.failed:
        sys.exit(2)
    if dry_run and report.routes:
        sys.exit(1)


def _mapping(pairs: tuple[str, ...]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        old, sep, new = pair.partition("=")
        if not sep or not old.strip() or not new.strip():
            raise click.BadParameter(f"{pair!r} is not OLD=NEW (element ids of the two versions)", param_hint="--map")
        if old.strip() in mapping:
            raise click.BadParameter(f"element {old.strip()!r} is mapped twice", param_hint="--map")
        mapping[old.strip()] = new.strip()
    return mapping


@click.command()
@click.argument("key")
@click.option("--from", "from_version", required=True, type=click.IntRange(1), help="Source version.")
@click.option("--to", "to_version", required=True, type=click.IntRange(1), help="Target version.")
@click.option("--map", "pairs", multiple=True, metavar="OLD=NEW",
              help="Element of the source version -> its counterpart in the target (repeatable).")
@click.option("--instance", "instance_ids", multiple=True, help="Only these routes (repeatable).")
@click.option("--dry-run", is_flag=True, help="Only list per route whether it can move and why not.")
@click.option("--actor", required=True, help="Who migrates (recorded in each route's audit log).")
@click.option("--json", "as_json", is_flag=True)
@click.pass_obj
def migrate(wiring: Wiring, key: str, from_version: int, to_version: int, pairs: tuple[str, ...],
            instance_ids: tuple[str, ...], dry_run: bool, actor: str, as_json: bool) -> None:
    """Move active routes of process KEY from one version to another. Elements are matched by id; --map adds
    removed or renamed ones. Each moved route gets a migrated audit event and replays on both versions.
    Exit codes: 0 every route moved (or, with --dry-run, can move), 1 some routes cannot move (they stay where
    they are), 2 bad input (unknown version, element or instance)."""
    report = open_engine(wiring).migrate(key, from_version, to_version, _mapping(pairs),
                                         instance_ids=list(instance_ids) or None, dry_run=dry_run, actor=actor)
    summary = (f"{len(report.movable)} of {len(report.routes)} route(s) can move" if dry_run
               else f"{len(report.moved)} of {len(report.routes)} route(s) moved to version {to_version}")
    missing = [f"no counterpart in version {to_version}: {', '.join(report.missing)}"] if report.missing else []
    emit(report, as_json, [*report.lines(), *missing, summary])
    if len(report.movable if dry_run else report.moved) < len(report.routes):
        sys.exit(1)


COMMANDS = (deploy, tasks, timers, show, cancel, worker, repair, migrate)
