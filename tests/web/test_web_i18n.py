"""Russian by default, English on request; Russian plurals; dates in the user's zone; catalogues complete."""
from __future__ import annotations

import io
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

from tests.web.conftest import login, post, start_visit

TRANSLATIONS = Path(__file__).resolve().parents[2] / "web" / "translations"
WEB = TRANSLATIONS.parent
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_l": None, "lazy_gettext": None}
METHODS = [("**.py", "python"), ("templates/**.html", "jinja2")]
#: the auditors' workbench keeps its own texts (its room adds them to the catalogue); checked here: the rest
OTHER_ROOMS = ("auditor/", "templates/auditor/")


def test_login_page_is_russian_by_default_and_english_on_request(client):
    assert "Вход в систему" in client.get("/login").get_data(as_text=True)
    english = client.get("/login", headers={"Accept-Language": "en-GB,en;q=0.9"}).get_data(as_text=True)
    assert "Sign in" in english and '<html lang="en">' in english


def test_language_switch_is_remembered_for_the_user(engine, client, make_user):
    make_user("ivanova")
    login(client, "ivanova")
    start_visit(engine)
    response = post(client, "/locale", {"locale": "en", "next": "/inbox/"})
    assert response.headers["Location"] == "/inbox/"
    page = client.get("/inbox/").get_data(as_text=True)
    assert "1 task found" in page and "My groups" in page and "Входящие" not in page
    assert post(client, "/locale", {"locale": "xx"}).status_code == 400


def test_russian_plural_forms(engine, client, make_user):
    make_user("ivanova")
    login(client, "ivanova")
    for number in range(3):
        start_visit(engine, f"youth-{number}")
    assert "Найдено 3 задачи" in client.get("/inbox/").get_data(as_text=True)


def _translated(catalog) -> dict:
    def key(value):
        return tuple(value) if isinstance(value, (list, tuple)) else value

    return {key(message.id): key(message.string) for message in catalog
            if message.id and any(key(message.string) or ())}


def test_every_text_has_an_english_translation_and_compiled_catalogues_match():
    extracted = {
        message[2] if isinstance(message[2], str) else message[2][0]
        for message in extract_from_dir(str(WEB), METHODS, keywords=KEYWORDS)
        if not message[0].startswith(OTHER_ROOMS)
    }
    for locale in ("ru", "en"):
        with open(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.po", "rb") as po_file:
            catalog = read_po(po_file)
        ids = {message.id if isinstance(message.id, str) else message.id[0] for message in catalog if message.id}
        assert extracted <= ids, f"{locale}: not in the catalogue: {sorted(extracted - ids)[:5]}"
        with open(TRANSLATIONS / locale / "LC_MESSAGES" / "messages.mo", "rb") as mo_file:
            compiled = read_mo(io.BytesIO(mo_file.read()))
        assert _translated(compiled) == _translated(catalog)
        if locale == "en":
            assert all(message.string for message in catalog if message.id), "empty English translation"


def test_profile_time_zone_changes_how_dates_are_shown(engine, client, make_user):
    from datetime import UTC, datetime

    from tests.web.conftest import open_task

    make_user("ivanova")
    login(client, "ivanova")
    task = open_task(engine, start_visit(engine))
    engine.set_task_dates(task.id, "ivanova", due_at=datetime(2026, 12, 1, 6, 30, tzinfo=UTC))
    assert "01.12.2026, 09:30" in client.get(f"/tasks/{task.id}").get_data(as_text=True)
    assert post(client, "/profile", {"timezone": "Asia/Vladivostok"}).status_code == 303
    assert "01.12.2026, 16:30" in client.get(f"/tasks/{task.id}").get_data(as_text=True)
    assert post(client, "/profile", {"timezone": "Mars/Olympus"}).status_code == 422


def test_task_page_and_its_form_errors_in_english(engine, client, make_user):
    from tests.web.conftest import open_task

    make_user("ivanova")
    login(client, "ivanova")
    post(client, "/locale", {"locale": "en", "next": "/inbox/"})
    task = open_task(engine, start_visit(engine))
    post(client, f"/tasks/{task.id}/claim")
    page = post(client, f"/tasks/{task.id}/complete", {"hours_done": "500"}).get_data(as_text=True)
    assert "Correct the errors in the form." in page and "Career-guidance hours this year" in page
    assert "The value must be at most 300." in page and "Complete task" in page
