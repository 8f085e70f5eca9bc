"""What-if scenarios in the web: a new one is a copy of the region's parameters, each change needs a reason;
it is kept with author and date; a background job that fails says why, and a running one can be cancelled."""
from __future__ import annotations

import time

import pytest

from tests.domain.analytics_region import seed_region
from tests.web.conftest import login, post
from web.analytics import jobs
from web.db import session_factory
from web.models import Job, ScenarioRecord


@pytest.fixture
def region(migrated_url):
    seed_region(migrated_url)


@pytest.fixture
def analyst(client, make_user):
    login(client, make_user("ana", role="analyst", org_kind="region", org_id="region"))
    return client


A_PLACES = "places_college-a/15.02.16"


def _form(**values):
    form = {"name": "Два куратора и 50 мест", "value_curators": "2", "value_curator_cap": "40",
            "value_practice_places": "0", "value_event_places": "0", "value_staffing_need": "0",
            "value_employed_24_months": "0.77", "value_retention": "0.93", A_PLACES: "5",
            "places_college-b/15.01.05": "0"}
    return {**form, **values}


def test_a_scenario_starts_from_the_region_and_needs_a_reason_per_change(app, analyst, region):
    page = analyst.get("/analytics/scenarios/new").get_data(as_text=True)
    assert 'name="value_curators" inputmode="decimal" value="2"' in page
    assert f'name="{A_PLACES}" inputmode="numeric" value="5"' in page
    assert "Колледж А — 15.02.16" in page, "a programme is shown by its college and specialty"
    refused = post(analyst, "/analytics/scenarios/new", _form(value_curators="4", **{A_PLACES: "55"},
                                                             **{f"reason_{A_PLACES}": "Студенты без мест"}))
    assert refused.status_code == 422 and "Укажите причину изменения." in refused.get_data(as_text=True)
    wrong = post(analyst, "/analytics/scenarios/new", _form(value_retention="1,5", reason_retention="r"))
    assert wrong.status_code == 422 and "Недопустимое значение." in wrong.get_data(as_text=True)
    saved = post(analyst, "/analytics/scenarios/new", _form(
        value_curators="4", reason_curators="Нагрузка выше предела", **{A_PLACES: "55"},
        **{f"reason_{A_PLACES}": "Студенты без мест"}, reason_event_places="без изменения значения не считается"))
    assert saved.status_code == 303
    with app.app_context(), session_factory(app)() as session:
        [record] = session.query(ScenarioRecord).all()
        assert record.author_name == "Сотрудник ana" and record.created_at is not None
        assert [(c["parameter"], c.get("programme"), c["value"]) for c in record.document["changes"]] == [
            ("curators", None, 4), ("practice_by_programme", "college-a/15.02.16", 55)]
        assert record.document["baseline"]["curators"] == 2 and record.document["region_youths"] == 8
    detail = analyst.get(saved.headers["Location"]).get_data(as_text=True)
    assert "Нагрузка выше предела" in detail and "Кураторов" in detail
    assert "Мест практики по программе: Колледж А — 15.02.16" in detail


def _wait(app, job_id: str, seconds: float = 60) -> Job:
    deadline = time.monotonic() + seconds
    while True:
        with app.app_context(), session_factory(app)() as session:
            job = jobs.refresh(session, session.get(Job, job_id))
            if job.status != "running" or time.monotonic() > deadline:
                session.expunge(job)
                return job
        time.sleep(0.2)


def test_a_failed_job_says_why_and_a_running_one_is_cancelled(app, tmp_path):
    with app.app_context(), session_factory(app)() as session:
        failed = jobs.start_job(session, tmp_path, kind="comparison", user_id=None,
                                arguments=["simulate", "--scenario", "{workdir}/scenario.json", "--progress-file",
                                           "{workdir}/progress.json"],
                                inputs={"scenario.json": "{not json"}).id
        running = jobs.start_job(session, tmp_path, kind="export", user_id=None,
                                 arguments=["simulate", "--youths", "2000", "--years", "5", "--out", "{workdir}"]).id
    try:
        found = _wait(app, failed)
    finally:
        with app.app_context(), session_factory(app)() as session:
            job = jobs.cancel(session, session.get(Job, running))
    assert job.status == "cancelled" and not jobs._running(job.pid)
    assert found.status == "failed" and "cannot read the scenario" in found.error


def test_jobs_belong_to_whom_started_them(app, client, make_user, tmp_path):
    with app.app_context(), session_factory(app)() as session:
        other = jobs.start_job(session, tmp_path, kind="export", user_id=None, arguments=["--help"]).id
    login(client, make_user("ana", role="analyst", org_kind="region", org_id="region"))
    assert client.get(f"/analytics/scenarios/jobs/{other}").status_code == 404
    assert client.get("/analytics/scenarios/jobs/nothing").status_code == 404
