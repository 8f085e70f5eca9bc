"""`profroute audit ...`: the auditors' command line. Exit codes: 0 all good, 1 the log or the replay
shows a problem, 2 bad input (an engine error or a usage error)."""
from __future__ import annotations

import json
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import click
from sqlalchemy import select

from engine.audit.anchors import anchor_if_due, compact_anchors, write_anchor
from engine.audit.conformance import conformance as run_conformance
from engine.audit.export import collect_traces, write_csv, write_xes
from engine.audit.replay import replay as run_replay
from engine.audit.retention import expired_instances, set_history_ttl, set_legal_hold
from engine.audit.retention import purge as run_purge
from engine.audit.timetravel import state_at
from engine.audit.verify import verify as run_verify
from engine.cli import open_engine
from engine.store.models import ProcessInstance
from engine.wiring import Wiring

DATE_HELP = "ISO 8601 date or date-time; without a zone it is UTC."


def _moment(value: str | None, option: str) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not an ISO 8601 date or date-time", param_hint=option) from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment


@click.group()
def audit() -> None:
    """Verify, replay, export and retain the audit log."""


@audit.command()
@click.option("--instance", "instance_id", default=None, help="Check only this instance's chain.")
@click.pass_obj
def verify(wiring: Wiring, instance_id: str | None) -> None:
    """Check every hash chain and the anchors; name each edited, deleted, inserted or reordered event."""
    engine = open_engine(wiring)
    with engine.db.read() as session:
        report = run_verify(session, instance_id)
    for problem in report.problems:
        click.echo(str(problem))
    click.echo(report.summary())
    sys.exit(0 if report.ok else 1)


@audit.command()
@click.argument("instance_ids", nargs=-1)
@click.option("--process", "process_key", default=None, help="Replay every instance of this process.")
@click.pass_obj
def replay(wiring: Wiring, instance_ids: tuple[str, ...], process_key: str | None) -> None:
    """Re-execute instances from their log (recorded inputs, no handler calls) and compare with the stored
    state; name each one's first divergence."""
    if not instance_ids and process_key is None:
        raise click.UsageError("give instance ids or --process KEY")
    engine = open_engine(wiring)
    with engine.db.read() as session:
        ids = list(instance_ids) + list(session.scalars(
            select(ProcessInstance.id).where(ProcessInstance.process_key == process_key)
            .order_by(ProcessInstance.created_at, ProcessInstance.id)) if process_key else [])
        reports = [run_replay(session, instance_id) for instance_id in ids]
    diverged = [report for report in reports if not report.ok]
    for report in reports if len(reports) == 1 else diverged:
        click.echo(report.summary())
    if len(reports) > 1 or process_key:
        click.echo(f"{len(reports)} instance(s) replayed, {len(diverged)} diverge")
    sys.exit(1 if diverged else 0)


@audit.command()
@click.option("--if-older-than", "minutes", type=click.IntRange(min=1), default=None,
              help="Only if the last anchor is older than this many minutes (for a frequent cron job).")
@click.pass_obj
def anchor(wiring: Wiring, minutes: int | None) -> None:
    """Anchor the heads of all chains now; keep the printed hash somewhere outside this database."""
    engine = open_engine(wiring)
    with engine.db.write() as session, session.begin():
        now = engine.clock.now()
        written = write_anchor(session, now) if minutes is None else \
            anchor_if_due(session, now, timedelta(minutes=minutes))
        if written is None:
            click.echo(f"the last anchor is younger than {minutes} minute(s); none written")
            return
        click.echo(f"anchor {written.id} over {written.chain_count} chain(s): {written.hash}")


@audit.command()
@click.argument("instance_id")
@click.option("--at", "seq", type=click.IntRange(min=1), default=None, help="Event number (default: the last).")
@click.pass_obj
def state(wiring: Wiring, instance_id: str, seq: int | None) -> None:
    """The state of an instance as of one event of its log: status, waiting elements, open tasks, data."""
    engine = open_engine(wiring)
    info = engine.instance(instance_id)
    events = engine.audit_events(instance_id)
    index = engine.element_index(info.definition_id)
    try:
        found = state_at(events, seq if seq is not None else events[-1].seq, index.flows)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--at") from None
    click.echo(f"event {found.seq} of {events[-1].seq} ({found.kind}) at {found.at.isoformat()}: {found.status}")
    click.echo("waiting: " + (", ".join(index.name(element) for element in found.active) or "-"))
    for task in found.open_tasks:
        click.echo(f"open task {task.task_id}: {task.name or task.element_id} "
                   f"[{task.candidate_group or '-'}] {task.assignee or 'unclaimed'}")
    click.echo(json.dumps(found.data, ensure_ascii=False, indent=2, sort_keys=True))


@audit.command("compact-anchors")
@click.option("--keep", type=click.IntRange(min=1), required=True, help="How many newest anchors keep their heads.")
@click.pass_obj
def compact(wiring: Wiring, keep: int) -> None:
    """Clear the chain heads of older anchors to bound their storage (hashes and purge records stay)."""
    engine = open_engine(wiring)
    with engine.db.write() as session, session.begin():
        count = compact_anchors(session, keep)
    click.echo(f"{count} older anchor(s) hold no heads; the newest {keep} keep theirs")


@audit.command()
@click.option("--format", "fmt", type=click.Choice(["xes", "csv"]), default="xes", show_default=True)
@click.option("--process", "process_key", default=None, help="Only instances of this process key.")
@click.option("--since", default=None, help=f"Events at or after this moment. {DATE_HELP}")
@click.option("--until", default=None, help=f"Events before this moment. {DATE_HELP}")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="File to write (default: standard output).")
@click.pass_obj
def export(wiring: Wiring, fmt: str, process_key: str | None, since: str | None, until: str | None,
           output: Path | None) -> None:
    """Export events for process-mining tools: one trace per instance."""
    engine = open_engine(wiring)
    filters = {"process_key": process_key, "since": _moment(since, "--since"), "until": _moment(until, "--until")}
    with engine.db.read() as session:
        traces = collect_traces(session, **filters)
        if fmt == "xes":
            with (output.open("wb") if output else _binary_stdout()) as out:
                counts = write_xes(traces, out)
        else:
            with (output.open("w", encoding="utf-8", newline="") if output else _text_stdout()) as out:
                counts = write_csv(traces, out)
    click.echo(f"exported {counts.traces} trace(s), {counts.events} event(s)", err=True)


def _binary_stdout():
    return open(sys.stdout.fileno(), "wb", closefd=False)  # noqa: SIM115 - closed by the caller's `with`


def _text_stdout():
    return open(sys.stdout.fileno(), "w", encoding="utf-8", newline="", closefd=False)  # noqa: SIM115


@audit.command()
@click.argument("process_key")
@click.option("--version", type=int, default=None, help="Definition version (default: the latest).")
@click.option("--since", default=None, help=DATE_HELP)
@click.option("--until", default=None, help=DATE_HELP)
@click.pass_obj
def conformance(wiring: Wiring, process_key: str, version: int | None, since: str | None, until: str | None) -> None:
    """Token-replay fitness of the completed instances' log against the model."""
    engine = open_engine(wiring)
    with engine.db.read() as session:
        report = run_conformance(session, process_key, version=version, since=_moment(since, "--since"),
                                 until=_moment(until, "--until"))
    click.echo(report.summary())


@audit.command()
@click.argument("process_key")
@click.argument("days")
@click.pass_obj
def ttl(wiring: Wiring, process_key: str, days: str) -> None:
    """Keep ended instances of PROCESS_KEY for DAYS days after they end ("none": forever)."""
    if days.lower() == "none":
        value = None
    elif days.isdigit():
        value = int(days)
    else:
        raise click.BadParameter("DAYS must be a whole number of days or 'none'", param_hint="DAYS")
    engine = open_engine(wiring)
    with engine.db.write() as session, session.begin():
        versions = set_history_ttl(session, process_key, value)
    click.echo(f"{process_key}: history kept {'forever' if value is None else f'{value} day(s)'} "
               f"({versions} version(s))")


@audit.command()
@click.argument("instance_id")
@click.option("--on/--off", "hold", required=True, help="Put on or release from legal hold.")
@click.option("--reason", required=True)
@click.option("--actor", required=True)
@click.pass_obj
def hold(wiring: Wiring, instance_id: str, hold: bool, reason: str, actor: str) -> None:
    """Put an instance on legal hold (never purged) or release it."""
    engine = open_engine(wiring)
    with engine.db.write() as session, session.begin():
        set_legal_hold(session, instance_id, hold, actor=actor, reason=reason, now=engine.clock.now())
    click.echo(f"instance {instance_id} {'on' if hold else 'released from'} legal hold")


@audit.command()
@click.option("--dry-run", is_flag=True, help="Only list what would be purged.")
@click.pass_obj
def purge(wiring: Wiring, dry_run: bool) -> None:
    """Delete ended instances older than their process's history TTL (not those on legal hold), with the
    rows other rooms keep of them (purge hooks)."""
    engine = open_engine(wiring)
    now = engine.clock.now()
    if dry_run:
        with engine.db.read() as session:
            free, held = expired_instances(session, now)
        click.echo(f"would purge {len(free)} instance(s); {len(held)} on legal hold are kept")
        for instance_id in free:
            click.echo(instance_id)
        return
    with engine.db.write() as session, session.begin():
        result = run_purge(session, now, wiring.purge_hooks)
    anchor_text = f"; anchor {result.anchor_id}" if result.anchor_id else ""
    click.echo(f"purged {len(result.purged)} instance(s); {len(result.held)} on legal hold kept{anchor_text}")
