"""Administration: only admins manage users; new users get their organisation's groups."""
from __future__ import annotations

from sqlalchemy import select

from domain.models import Region, School
from tests.web.conftest import login, post
from web.db import session_factory
from web.models import User


def _add_school(app, school_id: str, name: str) -> None:
    with session_factory(app)() as session:
        if session.get(Region, "99") is None:
            session.add(Region(code="99", name_ru="Тестовый регион"))
            session.flush()
        session.add(School(id=school_id, name=name, region_code="99"))
        session.commit()


def test_only_admins_open_the_users_page(client, make_user):
    make_user("ivanova")
    login(client, "ivanova")
    assert client.get("/admin/users").status_code == 403


def test_admin_creates_a_user_of_a_registered_school(app, client, make_user):
    _add_school(app, "school-777", "Школа № 777")
    make_user("boss", role="admin", org_kind="region", org_id="region")
    login(client, "boss")
    form = {"login": "navigator", "full_name": "Смирнова Ольга", "password": "long enough pass",
            "role": "operator", "organisation": "school:school-777"}
    assert post(client, "/admin/users", form).status_code == 303
    with session_factory(app)() as session:
        user = session.scalar(select(User).where(User.login == "navigator"))
        assert (user.org_name, user.group_names) == ("Школа № 777", ["school"])
    again = post(client, "/admin/users", form)
    assert again.status_code == 422 and "Этот логин занят." in again.get_data(as_text=True)


def test_unknown_organisation_or_short_password_is_refused(app, client, make_user):
    make_user("boss", role="admin", org_kind="region", org_id="region")
    login(client, "boss")
    response = post(client, "/admin/users", {"login": "x1", "full_name": "X", "password": "short",
                                             "role": "operator", "organisation": "school:school-404"})
    assert response.status_code == 422
    response = post(client, "/admin/users", {"login": "x1", "full_name": "X", "password": "long enough pass",
                                             "role": "operator", "organisation": "school:school-404"})
    assert response.status_code == 422
    assert "Not a valid choice." not in response.get_data(as_text=True)
    assert "Выберите организацию из списка." in response.get_data(as_text=True)


def test_admin_blocks_a_user_whose_session_then_ends(app, client, make_user):
    from tests.web.conftest import PASSWORD, csrf_token

    make_user("boss", role="admin", org_kind="region", org_id="region")
    make_user("ivanova")
    other = app.test_client()
    login(other, "ivanova")
    assert other.get("/inbox/").status_code == 200
    login(client, "boss")
    with session_factory(app)() as session:
        ivanova_id = session.scalar(select(User.id).where(User.login == "ivanova"))
        boss_id = session.scalar(select(User.id).where(User.login == "boss"))
    assert post(client, f"/admin/users/{ivanova_id}/active", {"active": "0"}).status_code == 303
    assert other.get("/inbox/").status_code == 302
    refused = other.post("/login", data={"login": "ivanova", "password": PASSWORD, "csrf_token": csrf_token(other)})
    assert refused.status_code == 401
    page = post(client, f"/admin/users/{boss_id}/active", {"active": "0"}, follow_redirects=True)
    assert "Нельзя заблокировать самого себя." in page.get_data(as_text=True)
    post(client, f"/admin/users/{ivanova_id}/active", {"active": "1"})
    assert login(other, "ivanova").status_code == 302
