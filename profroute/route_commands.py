"""The commands that act for a person: start a route by the route rule, claim and complete a task through the
web's task service (the same scope and the same form validation as the pages and the API), send a message
that starts no route, and list a school's pupils. `--actor` is a login of the web's user table."""
from __future__ import annotations

import click
from werkzeug.datastructures import MultiDict
from werkzeug.exceptions import Forbidden

import forms
from domain.route_starts import StartRefused, school_pupils, start_route
from engine.cli import emit, open_engine, parse_json_option
from engine.facade import Engine
from engine.wiring import Wiring
from profroute.people import CommandRefused, registry_session, scope_of
from web.access import Scope
from web.tasks import service as tasks
from web.tasks.service import TaskActionError

TASK_REFUSALS = {
    "closed": "the task is no longer open",
    "taken": "someone else has claimed the task",
    "not_assignee": "claim the task first (profroute claim TASK_ID --actor LOGIN)",
    "form": "the task has no usable form",
}


def _refusal(engine: Engine, refused: StartRefused) -> str:
    if refused.reason == "running" and refused.running is not None:
        definitions = engine.definitions(refused.running.process_key)
        name = definitions[-1].name if definitions and definitions[-1].name else refused.running.process_key
        return (f"the route «{name}» already runs for {refused.subject_name} since "
                f"{refused.running.started_at:%Y-%m-%d} (instance {refused.running.instance_id})")
    return str(refused)


@click.command()
@click.argument("process_key")
@click.argument("subject_id")
@click.option("--actor", required=True, help="Login of the person starting it; their organisation is checked.")
@click.pass_obj
def start(wiring: Wiring, process_key: str, subject_id: str, actor: str) -> None:
    """Start PROCESS_KEY for SUBJECT_ID (a youth, a staffing need or an employment centre) with start data from
    the registries; prints the instance id."""
    engine = open_engine(wiring)
    with registry_session() as session:
        scope = scope_of(session, actor)
        if not scope.starts_routes():
            raise CommandRefused(f"{actor} ({scope.role}) may not start routes")
        try:
            started = start_route(engine, session, scope.starter(), process_key, subject_id)
        except StartRefused as refused:
            raise CommandRefused(_refusal(engine, refused)) from None
    click.echo(started.instance_id)


def _workable_task(engine: Engine, scope: Scope, task_id: str):
    try:
        return tasks.visible_task(engine, scope, task_id)
    except Forbidden:
        raise CommandRefused(f"task {task_id} is outside the groups and organisation of {scope.login}") from None


@click.command()
@click.argument("task_id")
@click.option("--actor", required=True, help="Login of the operator taking it.")
@click.pass_obj
def claim(wiring: Wiring, task_id: str, actor: str) -> None:
    """Take a task."""
    engine = open_engine(wiring)
    with registry_session() as session:
        scope = scope_of(session, actor)
        task = _workable_task(engine, scope, task_id)
        try:
            tasks.claim(engine, scope, task)
        except TaskActionError as error:
            raise CommandRefused(TASK_REFUSALS[error.reason]) from None
        except Forbidden:
            raise CommandRefused(f"{actor} ({scope.role}) does not work on tasks of this group") from None
    click.echo(f"{task_id} claimed by {actor}")


@click.command()
@click.argument("task_id")
@click.option("--data", default=None, help="Form data as a JSON object, or @file.json.")
@click.option("--actor", required=True, help="Login of the operator who claimed it.")
@click.pass_obj
def complete(wiring: Wiring, task_id: str, data: str | None, actor: str) -> None:
    """Complete a task with form data, validated against the task's form (one line per field error, exit 2)."""
    answer = parse_json_option(data, "--data")
    engine = open_engine(wiring)
    with registry_session() as session:
        scope = scope_of(session, actor)
        task = _workable_task(engine, scope, task_id)
        try:
            result = tasks.complete(engine, session, scope, task, MultiDict(forms.as_post(answer)), "en")
        except TaskActionError as error:
            raise CommandRefused(TASK_REFUSALS[error.reason]) from None
        except Forbidden:
            raise CommandRefused(f"{actor} ({scope.role}) does not work on tasks of this group") from None
    if result.errors:
        for name, messages in sorted(result.errors.items()):
            for text in messages:
                click.echo(f"error: {name}: {text}", err=True)
        raise click.exceptions.Exit(2)
    instance = engine.instance(task.instance_id)
    opened = engine.tasks(instance_id=instance.id)
    click.echo(f"task {task_id} {'was already completed' if result.already_done else 'completed'}; instance "
               f"{instance.id} is {instance.status}; open tasks: {', '.join(t.id for t in opened) or '-'}"
               + ("; it has an incident (profroute show)" if instance.has_incident else ""))


@click.command()
@click.argument("name")
@click.argument("correlation_key")
@click.option("--payload", default=None, help="Payload as a JSON object, or @file.json.")
@click.option("--id", "message_id", default=None, help="Message id (a repeated id is delivered once).")
@click.pass_obj
def message(wiring: Wiring, name: str, correlation_key: str, payload: str | None, message_id: str | None) -> None:
    """Send a message NAME to whoever waits for it under CORRELATION_KEY (a message that starts a route is
    refused: start routes with "profroute start", which checks who may start them)."""
    engine = open_engine(wiring)
    starts = sorted({d.key for d in engine.definitions() if name in (d.start_messages or [])})
    if starts:
        raise CommandRefused(f"message {name!r} starts {', '.join(starts)}: routes start with \"profroute start "
                             f"PROCESS_KEY SUBJECT_ID --actor LOGIN\" (which checks who may) or when their previous "
                             f"stage ends")
    receivers = engine.correlate(name, correlation_key, parse_json_option(payload, "--payload"),
                                 message_id=message_id)
    click.echo(f"delivered to {', '.join(receivers)}" if receivers else "no receiver yet: buffered")


@click.command()
@click.option("--school", "school_id", required=True, help="School id, e.g. school-001.")
@click.option("--limit", default=50, show_default=True, type=click.IntRange(1, 10_000))
@click.option("--json", "as_json", is_flag=True)
def pupils(school_id: str, limit: int, as_json: bool) -> None:
    """The pupils a school enrols now: id, name and grade (the subjects of its school routes)."""
    with registry_session() as session:
        found = [{"youth_id": youth.id, "name": youth.full_name, "grade": enrollment.grade}
                 for youth, enrollment in school_pupils(session, school_id, limit)]
    emit(found, as_json, [f"{row['youth_id']}  {row['name']}  grade {row['grade']}" for row in found]
         or [f"no pupils at {school_id}"])


COMMANDS = (start, claim, complete, message, pupils)
