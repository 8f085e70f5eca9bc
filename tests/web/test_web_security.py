"""Security headers, CSRF, the auditor's read-only rule, error pages, the secret key and asset serving."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.web.conftest import csrf_token, login, post
from web.app import create_app

INLINE_STYLE = re.compile(r"<style\b|\sstyle\s*=", re.IGNORECASE)


def test_every_page_sends_the_security_headers(client):
    response = client.get("/login")
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def style_src(response) -> str:
    directives = dict(
        directive.strip().split(" ", 1) for directive in response.headers["Content-Security-Policy"].split(";")
    )
    return directives["style-src"]


def test_styles_come_only_from_the_apps_own_files(client, make_user):
    make_user("ivanova")
    login(client, "ivanova")
    for path in ("/login", "/inbox/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert style_src(response) == "'self'", path


def test_templates_carry_no_inline_styles():
    """Inline styles would be refused by the CSP; classes live in web/static/css/app.css."""
    roots = [Path(__file__).resolve().parents[2] / room / "templates" for room in ("web", "forms")]
    templates = [path for root in roots for path in root.rglob("*.html")]
    assert templates
    offending = [
        f"{path.name}: {match.group(0)}"
        for path in templates
        for match in INLINE_STYLE.finditer(path.read_text(encoding="utf-8"))
    ]
    assert offending == []


def test_pages_carry_no_inline_script(client, make_user):
    make_user("ivanova")
    login(client, "ivanova")
    page = client.get("/inbox/").get_data(as_text=True)
    assert "<script>" not in page and " onclick=" not in page
    assert page.count("<script src=") == 2


def test_a_form_without_csrf_token_is_refused_with_a_russian_page(client, make_user):
    make_user("ivanova")
    login(client, "ivanova")
    response = client.post("/logout")
    assert response.status_code == 400
    assert "Форма устарела" in response.get_data(as_text=True)
    assert client.get("/inbox/").status_code == 200


def test_auditor_can_read_but_every_post_is_refused(client, make_user):
    make_user("audit", role="auditor", org_kind="region", org_id="region")
    login(client, "audit")
    assert client.get("/inbox/").status_code == 200
    for path in ("/inbox/filters", "/tasks/some-task/claim", "/instances/start", "/admin/tokens"):
        response = post(client, path, {"name": "x"})
        assert response.status_code == 403, path
        assert "Доступ запрещён" in response.get_data(as_text=True)
    assert post(client, "/logout").status_code == 302


def test_unknown_page_gets_a_russian_404(client, make_user):
    make_user("ivanova")
    login(client, "ivanova")
    response = client.get("/no/such/page")
    assert response.status_code == 404
    assert "Не найдено" in response.get_data(as_text=True)


def test_an_unexpected_error_gets_a_russian_500_page_not_a_trace(app, client, make_user):
    def broken():
        raise RuntimeError("boom with secret details")

    app.add_url_rule("/broken", "broken", broken)
    make_user("ivanova")
    login(client, "ivanova")
    response = client.get("/broken")
    assert response.status_code == 500
    text = response.get_data(as_text=True)
    assert "Внутренняя ошибка" in text and "secret details" not in text


def test_too_large_request_gets_a_russian_413(client, make_user):
    make_user("ivanova")
    login(client, "ivanova")
    token = csrf_token(client, "/inbox/")
    response = client.post("/inbox/filters", data={"csrf_token": token, "name": "x" * (200 * 1024)})
    assert response.status_code == 413
    assert "Слишком большой" in response.get_data(as_text=True)


def test_secret_key_is_generated_once_under_the_instance_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("PROFROUTE_SECRET_KEY", raising=False)
    monkeypatch.setenv("PROFROUTE_INSTANCE_PATH", str(tmp_path / "instance"))
    first = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'a.sqlite'}"})
    key_file = Path(first.instance_path) / "secret_key"
    assert key_file.parent == tmp_path / "instance"
    assert key_file.exists() and (key_file.stat().st_mode & 0o777) == 0o600
    second = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'a.sqlite'}"})
    assert first.secret_key == second.secret_key == key_file.read_text().strip()


def test_secret_key_from_the_environment_wins(monkeypatch, tmp_path):
    monkeypatch.setenv("PROFROUTE_SECRET_KEY", "from-env")
    assert create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'a.sqlite'}"}).secret_key == "from-env"


@pytest.mark.parametrize(
    ("path", "status"),
    [
        ("/assets/bootstrap/dist/css/bootstrap.min.css", 200),
        ("/assets/htmx.org/dist/htmx.min.js", 200),
        ("/assets/bootstrap/package.json", 404),
        ("/assets/bootstrap/../../pyproject.toml", 404),
        ("/assets/left-pad/index.js", 404),
    ],
)
def test_front_end_files_come_from_node_modules_through_a_whitelist(client, path, status):
    assert client.get(path).status_code == status


def test_secure_cookies_and_hsts_behind_https(monkeypatch, tmp_path):
    monkeypatch.setenv("PROFROUTE_SECURE_COOKIES", "1")
    monkeypatch.setenv("PROFROUTE_INSTANCE_PATH", str(tmp_path / "instance"))
    app = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'a.sqlite'}", "SECRET_KEY": "x"})
    response = app.test_client().get("/login")
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"
    [session_cookie] = [cookie for cookie in response.headers.getlist("Set-Cookie") if cookie.startswith("session=")]
    assert "Secure" in session_cookie and "HttpOnly" in session_cookie


def test_health_check_answers_without_login(client, tmp_path, monkeypatch):
    assert client.get("/healthz").json == {"status": "ok"}
    monkeypatch.setenv("PROFROUTE_INSTANCE_PATH", str(tmp_path / "instance"))
    broken = create_app({"DATABASE_URL": f"sqlite:///{tmp_path / 'missing' / 'dir' / 'x.sqlite'}", "SECRET_KEY": "x"})
    response = broken.test_client().get("/healthz")
    assert response.status_code == 503 and response.json["status"] == "database unreachable"
