"""Schemathesis against the API inside the suite: every check (`--checks all`), a bounded number of examples,
an operator's and an admin's token over a seeded database; any failed check fails the test with its story."""
from __future__ import annotations

import threading
from collections import Counter
from contextlib import contextmanager

import pytest
import schemathesis
from schemathesis.config import SchemathesisConfig
from schemathesis.engine import Status, events, from_schema
from werkzeug.serving import make_server

from tests.web.conftest import start_visit
from web.db import session_factory
from web.models import User
from web.tokens import issue_token

MAX_EXAMPLES = 8


def bearer(app, make_user, user_login: str, **user) -> str:
    make_user(user_login, **user)
    with session_factory(app)() as session:
        token = issue_token(session, session.query(User).filter_by(login=user_login).one(), "fuzz")
        session.commit()
    return token


@contextmanager
def served(app):
    """The app on a free local port in a thread, as `profroute serve` would answer."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join()


def run_schemathesis(base_url: str, token: str) -> tuple[int, Counter, list[str]]:
    """Requests sent, statuses seen and the failed checks (one line each) of one run."""
    config = SchemathesisConfig.from_dict({
        "seed": 16,
        "request-timeout": 60,  # a contract test: on a loaded machine a slow answer is not a broken one
        "headers": {"Authorization": f"Bearer {token}"},
        "generation": {"max-examples": MAX_EXAMPLES, "database": "none"},
    })
    schema = schemathesis.openapi.from_url(f"{base_url}/api/v1/openapi.json", config=config)
    sent, statuses, failures = 0, Counter(), []
    for event in from_schema(schema).execute():
        if isinstance(event, events.ScenarioFinished):
            for interaction in event.recorder.interactions.values():
                sent += 1
                status = interaction.response.status_code if interaction.response else None
                statuses[status] += 1
            for case_id, checks in event.recorder.checks.items():
                for check in checks:
                    if check.status == Status.FAILURE:
                        case = event.recorder.cases[case_id].value
                        failures.append(f"{check.name}: {case.method} {case.formatted_path} "
                                        f"{check.failure_info.failure.title if check.failure_info else ''}")
        elif isinstance(event, events.NonFatalError | events.FatalError):
            failures.append(f"error: {event}")
    return sent, statuses, failures


@pytest.mark.parametrize("role", ["operator", "admin"])
def test_the_api_keeps_its_contract_under_schemathesis(app, engine, make_user, role):
    for number in range(3):
        start_visit(engine, f"youth-{number}", "school-001")
    start_visit(engine, "youth-9", "school-002")
    token = bearer(app, make_user, f"fuzz-{role}", role=role,
                   **({"org_kind": "region", "org_id": "region"} if role == "admin" else {}))
    with served(app) as base_url:
        sent, statuses, failures = run_schemathesis(base_url, token)
    print(f"\n{role}: {sent} requests, statuses {dict(sorted(statuses.items(), key=str))}, {len(failures)} failures")
    assert sent > 100 and 200 in statuses
    assert not failures, "\n".join(sorted(set(failures))[:40])
