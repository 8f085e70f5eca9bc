"""Sign-in, sign-out, the login wall and password storage."""
from __future__ import annotations

from sqlalchemy import select

from tests.web.conftest import PASSWORD, csrf_token, login, post
from web.db import session_factory
from web.models import User


def test_pages_need_a_signed_in_user(client):
    response = client.get("/inbox/")
    assert response.status_code == 302
    assert response.headers["Location"].startswith("/login?next=")


def test_login_with_the_right_password_opens_the_inbox(client, make_user):
    make_user("ivanova")
    response = login(client, "ivanova")
    assert response.status_code == 302 and response.headers["Location"] == "/inbox/"
    page = client.get("/inbox/").get_data(as_text=True)
    assert "Входящие задачи" in page and "Сотрудник ivanova" in page


def test_wrong_password_or_unknown_login_is_refused_in_russian(client, make_user):
    make_user("ivanova")
    for user_login, password in (("ivanova", "wrong password"), ("nobody", PASSWORD)):
        response = login(client, user_login, password)
        assert response.status_code == 401
        assert "Неверный логин или пароль." in response.get_data(as_text=True)
    assert client.get("/inbox/").status_code == 302


def test_empty_fields_are_named_next_to_the_inputs(client):
    token = csrf_token(client)
    page = client.post("/login", data={"login": "", "password": "", "csrf_token": token}).get_data(as_text=True)
    assert "Введите логин" in page and "Введите пароль" in page


def test_next_parameter_only_leads_to_this_site(client, make_user):
    make_user("ivanova")
    token = csrf_token(client)
    form = {"login": "ivanova", "password": PASSWORD, "csrf_token": token}
    assert client.post("/login?next=//evil.example/x", data=form).headers["Location"] == "/inbox/"
    client.post("/logout", data={"csrf_token": csrf_token(client, "/inbox/")})
    token = csrf_token(client)
    response = client.post("/login?next=/admin/tokens", data={**form, "csrf_token": token})
    assert response.headers["Location"] == "/admin/tokens"


def test_logout_ends_the_session(client, make_user):
    make_user("ivanova")
    login(client, "ivanova")
    assert post(client, "/logout").status_code == 302
    assert client.get("/inbox/").status_code == 302


def test_passwords_are_stored_hashed(app, make_user):
    make_user("ivanova")
    with session_factory(app)() as session:
        stored = session.scalar(select(User.password_hash).where(User.login == "ivanova"))
    assert PASSWORD not in stored and stored.startswith("pbkdf2:sha256")


def test_deactivated_user_cannot_sign_in(app, client, make_user):
    make_user("ivanova")
    with session_factory(app)() as session:
        session.scalar(select(User).where(User.login == "ivanova")).active = False
        session.commit()
    assert login(client, "ivanova").status_code == 401


def test_repeated_wrong_passwords_block_the_login_for_a_while(client, make_user):
    make_user("ivanova")
    for _ in range(5):
        assert login(client, "ivanova", "wrong password").status_code == 401
    blocked = login(client, "ivanova")
    assert blocked.status_code == 429
    assert "Слишком много неудачных попыток входа" in blocked.get_data(as_text=True)
    assert client.get("/inbox/").status_code == 302


def test_throttle_forgets_failures_after_the_window_and_after_success():
    from web.auth.throttle import LoginThrottle

    now = [0.0]
    throttle = LoginThrottle(max_failures=2, window=60, clock=lambda: now[0])
    throttle.failed("Ivanova")
    throttle.failed("ivanova")
    assert throttle.blocked("IVANOVA")
    now[0] = 61.0
    assert not throttle.blocked("ivanova")
    throttle.failed("ivanova")
    throttle.succeeded("ivanova")
    throttle.failed("ivanova")
    assert not throttle.blocked("ivanova")
