"""The commands a step can apply besides starting and completing: firing timers, the watchdog's look at a
route, retrying a failed task, sending a route back to an earlier user task, repairing a stalled loop,
cancelling. Each returns the
function the executor applies inside the step's transaction."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy.orm import Session

from engine.due_work import DueRetries
from engine.errors import InvalidState
from engine.executor import Apply, Skip
from engine.persist import resolve_incidents, resolve_stale_incidents, timer_rows
from engine.send_back import earlier_user_tasks
from engine.step import StepRunner
from engine.store.models import Incident
from engine.watchdog import waits_for_nothing


def fire_timers(moment: datetime) -> Apply:
    """Fire the instance's due timers. Its timer rows change only in steps that hold its lock, as this one
    does, so they are read once, plainly: to see a timer is still due (another worker may have fired it between
    the claim's snapshot and its lock) and as the rows the step's projection starts from."""
    def apply(runner: StepRunner, session: Session) -> None:
        if runner.instance.status != "active":
            raise Skip()
        runner.timer_rows = timer_rows(session.connection(), runner.instance.id)
        if not any(due_at < moment for due_at in runner.timer_rows.values()):
            raise Skip()
        runner.run()
    return apply


def watch() -> Apply:
    """The watchdog's step on a route its sweep found waiting for nothing: nothing is run; the step's
    persistence records the Stalled incident (a route that moved in the meantime is skipped)."""
    def apply(runner: StepRunner, session: Session) -> None:
        if not waits_for_nothing(session.connection(), runner.instance):
            raise Skip()
    return apply


def retry(incident_id: str, task_id: str, automatic: bool) -> Apply:
    def apply(runner: StepRunner, session: Session) -> None:
        incident = session.get(Incident, incident_id)
        if incident is None or incident.status == "resolved":
            raise Skip()
        not_due = incident.status != "open" or incident.next_retry_at is None or incident.next_retry_at > runner.now
        if automatic and not_due:
            raise Skip()
        runner.retry(task_id)
        if runner.log.failure is None:
            resolve_incidents(session, runner, task_id)
    return apply


def retry_claimed(due: DueRetries) -> Apply:
    """An automatic retry of the incident the round claimed for this step."""
    def apply(runner: StepRunner, session: Session) -> None:
        incident_id, _instance_id, task_id = due.current
        retry(incident_id, task_id, automatic=True)(runner, session)
    return apply


def send_back(element_id: str, reason: str) -> Apply:
    """The latest pass of `element_id` among the user tasks the route went through becomes open again;
    incidents of the tasks the reset removed are resolved."""
    def apply(runner: StepRunner, session: Session) -> None:
        if runner.instance.status != "active":
            raise InvalidState(f"instance {runner.instance.id} is {runner.instance.status}; "
                               f"only an active route can be sent back")
        target = next((task for task in earlier_user_tasks(runner.wf) if task.task_spec.bpmn_id == element_id), None)
        if target is None:
            raise InvalidState(f"element {element_id!r} is not a user task instance {runner.instance.id} "
                               f"passed before its current position")
        runner.send_back(str(target.id), reason)
        resolve_stale_incidents(session, runner)
    return apply


def repair(reason: str, stalled_steps: list[dict]) -> Apply:
    """Move on the loops a route stalled in (issue 17); the route's Stalled incident is resolved."""
    def apply(runner: StepRunner, session: Session) -> None:
        if runner.instance.status != "active":
            raise Skip()
        runner.repair_loops(reason, stalled_steps)
        resolve_stale_incidents(session, runner)
    return apply


def cancel(reason: str) -> Apply:
    def apply(runner: StepRunner, session: Session) -> None:
        if runner.instance.status in ("completed", "cancelled"):
            raise InvalidState(f"instance {runner.instance.id} is already {runner.instance.status}")
        runner.cancel(reason)
        runner.instance.status = "cancelled"
        runner.instance.ended_at = runner.now
        resolve_stale_incidents(session, runner)
    return apply
