"""What-if scenarios and background jobs: create a scenario from the region as it stands, run it against the
baseline in a worker process, follow the progress, cancel, read the comparison; export every figure in the
background. Analysts and admins only."""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, send_file, url_for
from flask.typing import ResponseReturnValue
from flask_login import current_user

from domain.region.parameters import RegionParameters
from domain.region.scenario import Scenario
from web.access import Scope
from web.analytics import jobs, scenarios
from web.analytics.filters import filters_from
from web.analytics.tables import SHARE, cell_text
from web.db import db_session
from web.models import Job, ScenarioRecord
from web.security import roles_required

bp = Blueprint("scenarios", __name__, url_prefix="/analytics/scenarios")
ROLES = ("analyst", "admin")
PARAMETERS = RegionParameters.COUNTS + RegionParameters.RATES


@bp.context_processor
def helpers() -> dict[str, object]:
    return {"cell_share": lambda value: cell_text(value, SHARE)}


def _jobs_dir() -> Path:
    return Path(current_app.config.get("ANALYTICS_JOBS_DIR") or Path(current_app.instance_path) / "jobs")


def _record(scenario_id: int) -> ScenarioRecord:
    return db_session().get(ScenarioRecord, scenario_id) or abort(404)


def _job(job_id: str) -> Job:
    job = db_session().get(Job, job_id)
    if job is None or (job.created_by != current_user.id and current_user.role != "admin"):
        abort(404)
    return job


@bp.get("/")
@roles_required(*ROLES)
def index() -> ResponseReturnValue:
    session = db_session()
    records = session.query(ScenarioRecord).order_by(ScenarioRecord.created_at.desc()).limit(200).all()
    exports = session.query(Job).filter(Job.kind == "export", Job.created_by == current_user.id).order_by(
        Job.created_at.desc()).limit(10).all()
    return render_template("analytics/scenarios.html", records=records, exports=exports)


@bp.route("/new", methods=["GET", "POST"])
@roles_required(*ROLES)
def new() -> ResponseReturnValue:
    base, youths = scenarios.baseline(db_session())
    errors: dict[str, str] = {}
    if request.method == "POST":
        edits = scenarios.edits_from(request.form, base, PARAMETERS)
        scenario, errors = scenarios.build(request.form.get("name", ""), edits, base, youths, current_user)
        if scenario is not None:
            record = scenarios.save(db_session(), scenario, current_user)
            return redirect(url_for("scenarios.detail", scenario_id=record.id), code=303)
    programmes = scenarios.programme_rows(db_session(), list(base.practice_by_programme))
    return render_template("analytics/scenario_new.html", base=base, youths=youths, errors=errors,
                           parameters=PARAMETERS, labels=scenarios.PARAMETER_LABELS, programmes=programmes,
                           form=request.form), (422 if errors else 200)


@bp.get("/<int:scenario_id>")
@roles_required(*ROLES)
def detail(scenario_id: int) -> ResponseReturnValue:
    record = _record(scenario_id)
    runs = [jobs.refresh(db_session(), job) for job in scenarios.jobs_of(db_session(), record)]
    scenario = Scenario.from_dict(record.document)
    programmes = {row.key: row.label for row in scenarios.programme_rows(
        db_session(), [change.programme for change in scenario.changes if change.programme])}
    return render_template("analytics/scenario.html", record=record, scenario=scenario, runs=runs,
                           labels=scenarios.PARAMETER_LABELS, programme_label=scenarios.PROGRAMME_LABEL,
                           programmes=programmes)


@bp.post("/<int:scenario_id>/run")
@roles_required(*ROLES)
def run(scenario_id: int) -> ResponseReturnValue:
    record = _record(scenario_id)
    config = current_app.config
    jobs.start_job(db_session(), _jobs_dir(), kind="comparison", user_id=current_user.id, scenario_id=record.id,
                   arguments=scenarios.comparison_arguments(config.get("ANALYTICS_SIM_YOUTHS", 20),
                                                            config.get("ANALYTICS_SIM_YEARS", 1.0),
                                                            config.get("ANALYTICS_SIM_SEEDS", 5)),
                   inputs={"scenario.json": scenarios.scenario_file(record)})
    return redirect(url_for("scenarios.detail", scenario_id=record.id), code=303)


@bp.post("/export")
@roles_required(*ROLES)
def export() -> ResponseReturnValue:
    """Every table of the dashboard for the filters, as one workbook, built by a worker."""
    filters = filters_from(request.form, Scope.of(current_user), db_session())
    if filters.errors:
        for error in filters.errors:
            flash(error, "danger")
        return redirect(url_for("analytics.index"), code=303)
    arguments = ["analytics", "export", "--out", "{workdir}/analytics.xlsx"]
    for name, value in filters.query().items():
        arguments += [f"--{name}", value]
    jobs.start_job(db_session(), _jobs_dir(), kind="export", user_id=current_user.id, arguments=arguments)
    return redirect(url_for("scenarios.index"), code=303)


@bp.get("/jobs/<job_id>")
@roles_required(*ROLES)
def job(job_id: str) -> ResponseReturnValue:
    """The job's progress card (the page polls it while the job runs)."""
    found = jobs.refresh(db_session(), _job(job_id))
    return render_template("analytics/_job.html", job=found, labels=scenarios.PARAMETER_LABELS)


@bp.post("/jobs/<job_id>/cancel")
@roles_required(*ROLES)
def cancel(job_id: str) -> ResponseReturnValue:
    found = jobs.cancel(db_session(), _job(job_id))
    target = url_for("scenarios.detail", scenario_id=found.scenario_id) if found.scenario_id else url_for(
        "scenarios.index")
    return redirect(target, code=303)


@bp.get("/jobs/<job_id>/file")
@roles_required(*ROLES)
def job_file(job_id: str) -> ResponseReturnValue:
    found = jobs.refresh(db_session(), _job(job_id))
    if found.status != "done" or found.kind != "export":
        abort(404)
    return send_file(Path(found.workdir) / jobs.RESULT_FILES["export"], as_attachment=True,
                     download_name="profroute-analytics.xlsx")
