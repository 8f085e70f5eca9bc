"""Background jobs: a `profroute` command run in its own worker process (its own session, so the request and
the web worker are never blocked), writing its progress (`progress.json`) and result into the job's folder;
the job row follows it when someone looks (the page polls with htmx). Cancel ends the worker's process group.
A worker that ends without its result failed, and the job keeps as the reason the error the worker put in its
progress file, else the last lines of its log.

The worker's process is watched from the host that started it (embedded and single-host deployments)."""
from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import uuid
from pathlib import Path

from sqlalchemy.orm import Session

from web.models import Job
from web.models.base import utcnow

PROGRESS, LOG = "progress.json", "log.txt"
RESULT_FILES = {"comparison": "comparison.json", "export": "analytics.xlsx"}
REASON_LINES = 5
_CHILDREN: dict[int, subprocess.Popen] = {}


def start_job(session: Session, jobs_dir: Path, *, kind: str, arguments: list[str], user_id: int | None,
              scenario_id: int | None = None, inputs: dict[str, str] | None = None) -> Job:
    """`arguments` follow `profroute`; `{workdir}` in them is the job's folder; `inputs` are files written there
    first (name -> text)."""
    job_id = str(uuid.uuid4())
    workdir = (jobs_dir / job_id).resolve()
    workdir.mkdir(parents=True)
    for name, text in (inputs or {}).items():
        (workdir / name).write_text(text, encoding="utf-8")
    command = [sys.executable, "-m", "profroute", *(argument.format(workdir=workdir) for argument in arguments)]
    with open(workdir / LOG, "wb") as log:
        # the command is ours: this interpreter, `-m profroute` and arguments the views build from validated values
        child = subprocess.Popen(command, stdout=log,  # noqa: S603 stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                                 start_new_session=True, cwd=workdir)
    _CHILDREN[child.pid] = child
    job = Job(id=job_id, kind=kind, scenario_id=scenario_id, created_by=user_id, status="running", pid=child.pid,
              workdir=str(workdir))
    session.add(job)
    session.commit()
    return job


def refresh(session: Session, job: Job) -> Job:
    """Bring a running job's row up to date with its worker."""
    if job.status != "running":
        return job
    workdir = Path(job.workdir)
    progress = _read_json(workdir / PROGRESS)
    if progress:
        job.done, job.total = int(progress.get("done", 0)), int(progress.get("total", 0))
    if _running(job.pid):
        session.commit()
        return job
    result = workdir / RESULT_FILES[job.kind]
    if result.exists():
        job.status, job.done = "done", max(job.done, job.total)
        job.result = _read_json(result) if result.suffix == ".json" else {"file": result.name}
    else:
        job.status, job.error = "failed", (progress or {}).get("error") or _last_lines(workdir / LOG)
    job.finished_at = utcnow()
    session.commit()
    return job


def cancel(session: Session, job: Job) -> Job:
    if job.status == "running" and job.pid and _running(job.pid):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(job.pid, signal.SIGTERM)
        child = _CHILDREN.pop(job.pid, None)
        if child is not None:
            child.wait(timeout=10)
    if job.status == "running":
        job.status, job.finished_at = "cancelled", utcnow()
        session.commit()
    return job


def _running(pid: int | None) -> bool:
    if pid is None:
        return False
    child = _CHILDREN.get(pid)
    if child is not None:
        if child.poll() is None:
            return True
        _CHILDREN.pop(pid, None)
        return False
    try:
        os.kill(pid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return True


def _read_json(path: Path) -> dict | None:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _last_lines(path: Path) -> str:
    try:
        lines = [line for line in path.read_text(encoding="utf-8", errors="replace").splitlines() if line.strip()]
    except OSError:
        return "no log"
    return "\n".join(lines[-REASON_LINES:]) or "the worker ended without a result or a message"
