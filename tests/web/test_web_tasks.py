"""Task work: claim, form errors and completion, double submit, hand-over, dates, comments, files, drafts,
and the organisation scope on direct URLs."""
from __future__ import annotations

import io

import pytest

from tests.web.conftest import login, open_task, post, start_visit

GOOD_FORM = {"hours_done": "45", "career_intent": "spo"}


@pytest.fixture
def task(engine):
    return open_task(engine, start_visit(engine, "youth-1", "school-001", "Петров Пётр"))


@pytest.fixture
def operator(client, make_user):
    make_user("ivanova")
    login(client, "ivanova")
    return client


def test_task_page_shows_facts_instructions_and_a_read_only_form_before_claim(operator, task):
    page = operator.get(f"/tasks/{task.id}").get_data(as_text=True)
    assert "Подведение итогов учебного года" in page
    assert "Подведите итоги года для Петров Пётр" in page
    assert "Взять в работу" in page and "Завершить задачу" not in page
    assert "Часов профориентации за год" in page


def test_claim_then_complete_after_fixing_errors(engine, operator, task):
    assert post(operator, f"/tasks/{task.id}/claim").status_code == 303
    assert engine.task(task.id).assignee == "ivanova"
    page = operator.get(f"/tasks/{task.id}").get_data(as_text=True)
    assert "Завершить задачу" in page

    response = post(operator, f"/tasks/{task.id}/complete", {"hours_done": "много"})
    assert response.status_code == 422
    page = response.get_data(as_text=True)
    assert "Исправьте ошибки в форме." in page and "Введите число." in page
    assert 'value="много"' in page
    assert engine.task(task.id).status == "open"

    response = post(operator, f"/tasks/{task.id}/complete", GOOD_FORM)
    assert response.status_code == 303 and response.headers["Location"] == "/inbox/"
    done = engine.task(task.id)
    assert (done.status, done.completed_by) == ("completed", "ivanova")
    assert engine.instance(task.instance_id).data["year_result"]["hours_done"] == 45


def test_second_identical_submit_is_harmless(engine, operator, task):
    post(operator, f"/tasks/{task.id}/claim")
    post(operator, f"/tasks/{task.id}/complete", GOOD_FORM)
    again = post(operator, f"/tasks/{task.id}/complete", GOOD_FORM, follow_redirects=True)
    assert again.status_code == 200
    assert "повторная отправка ничего не изменила" in again.get_data(as_text=True)
    assert [event.kind for event in engine.audit_events(task.instance_id)].count("task_completed") == 1


def test_complete_without_claim_is_refused(engine, operator, task):
    response = post(operator, f"/tasks/{task.id}/complete", GOOD_FORM, follow_redirects=True)
    assert "Сначала возьмите задачу в работу." in response.get_data(as_text=True)
    assert engine.task(task.id).status == "open"


def test_another_schools_task_is_refused_on_a_direct_url(engine, client, make_user, task):
    make_user("other", org_id="school-002")
    login(client, "other")
    assert client.get(f"/tasks/{task.id}").status_code == 403
    assert post(client, f"/tasks/{task.id}/claim").status_code == 403
    assert post(client, f"/tasks/{task.id}/complete", GOOD_FORM).status_code == 403
    assert engine.task(task.id).assignee is None


def test_a_task_claimed_by_a_colleague_cannot_be_taken(engine, operator, make_user, task):
    make_user("petrova")
    engine.claim(task.id, "petrova")
    page = post(operator, f"/tasks/{task.id}/claim", follow_redirects=True).get_data(as_text=True)
    assert "Задачу уже взял в работу другой сотрудник." in page
    assert engine.task(task.id).assignee == "petrova"


def test_unknown_task_is_404(operator):
    assert operator.get("/tasks/00000000-0000-0000-0000-000000000000").status_code == 404


def test_assign_to_a_colleague_of_the_same_school_only(engine, operator, make_user, task):
    make_user("petrova")
    make_user("stranger", org_id="school-002")
    refused = post(operator, f"/tasks/{task.id}/assign", {"assignee": "stranger"}, follow_redirects=True)
    assert "Выберите сотрудника своей организации" in refused.get_data(as_text=True)
    post(operator, f"/tasks/{task.id}/assign", {"assignee": "petrova"})
    assert engine.task(task.id).assignee == "petrova"


def test_delegate_and_resolve_returns_the_task_to_its_owner(engine, client, make_user, task):
    make_user("ivanova")
    make_user("petrova")
    login(client, "ivanova")
    post(client, f"/tasks/{task.id}/claim")
    post(client, f"/tasks/{task.id}/delegate", {"delegate": "petrova"})
    assert engine.task(task.id).assignee == "petrova"
    post(client, "/logout")
    login(client, "petrova")
    page = client.get(f"/tasks/{task.id}").get_data(as_text=True)
    assert "Делегирована: Сотрудник ivanova → Сотрудник petrova" in page
    post(client, f"/tasks/{task.id}/resolve")
    assert engine.task(task.id).assignee == "ivanova"


def test_due_follow_up_and_priority_are_read_in_the_users_time_zone(engine, operator, task):
    post(operator, f"/tasks/{task.id}/dates",
         {"due_at": "2026-12-01T09:30", "follow_up_at": "", "priority": "1"})
    changed = engine.task(task.id)
    assert changed.priority == 1
    assert changed.due_at.isoformat() == "2026-12-01T06:30:00+00:00"
    page = operator.get(f"/tasks/{task.id}").get_data(as_text=True)
    assert "01.12.2026, 09:30" in page


def test_bad_dates_get_a_message(engine, operator, task):
    page = post(operator, f"/tasks/{task.id}/dates", {"due_at": "вчера", "priority": "3"},
                follow_redirects=True).get_data(as_text=True)
    assert "Дата указана неверно." in page
    page = post(operator, f"/tasks/{task.id}/dates", {"due_at": "", "priority": "9"},
                follow_redirects=True).get_data(as_text=True)
    assert "Приоритет — число от 1 до 5." in page


def test_comments(engine, operator, task):
    post(operator, f"/tasks/{task.id}/comments", {"text": "Позвонить родителям"})
    assert "Позвонить родителям" in operator.get(f"/tasks/{task.id}").get_data(as_text=True)
    page = post(operator, f"/tasks/{task.id}/comments", {"text": "   "}, follow_redirects=True)
    assert "Комментарий не может быть пустым" in page.get_data(as_text=True)
    assert [comment.text for comment in engine.comments(task.id)] == ["Позвонить родителям"]


def test_attachments_are_checked_stored_on_disk_and_served_as_downloads(app, operator, task, tmp_path):
    pdf = b"%PDF-1.4 test document"
    response = post(operator, f"/tasks/{task.id}/attachments",
                    {"file": (io.BytesIO(pdf), "справка.pdf")}, content_type="multipart/form-data",
                    follow_redirects=True)
    assert "Файл приложен." in response.get_data(as_text=True)
    stored = list((tmp_path / "attachments").rglob("*"))
    assert any(path.is_file() and path.read_bytes() == pdf for path in stored)
    page = operator.get(f"/tasks/{task.id}").get_data(as_text=True)
    link = page.split(f'href="/tasks/{task.id}/attachments/')[1].split('"')[0]
    download = operator.get(f"/tasks/{task.id}/attachments/{link}")
    assert download.data == pdf and download.mimetype == "application/pdf"
    assert "attachment" in download.headers["Content-Disposition"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("script.exe", b"MZ....", "Такой тип файла не принимается"),
        ("fake.pdf", b"<html>not a pdf</html>", "Содержимое файла не соответствует его типу."),
        ("big.txt", b"x" * (65 * 1024), "Файл больше 10 МБ."),
    ],
)
def test_attachment_limits(operator, task, name, content, message):
    response = post(operator, f"/tasks/{task.id}/attachments", {"file": (io.BytesIO(content), name)},
                    content_type="multipart/form-data", follow_redirects=True)
    assert message in response.get_data(as_text=True)
    assert "Вложений нет" in response.get_data(as_text=True)


def test_another_schools_attachment_is_refused(engine, app, client, make_user, operator, task):
    post(operator, f"/tasks/{task.id}/attachments", {"file": (io.BytesIO(b"hello"), "note.txt")},
         content_type="multipart/form-data")
    post(operator, "/logout")
    make_user("other", org_id="school-002")
    login(client, "other")
    assert client.get(f"/tasks/{task.id}/attachments/1").status_code == 403


def test_draft_is_saved_and_prefills_the_form(engine, operator, task):
    post(operator, f"/tasks/{task.id}/claim")
    response = post(operator, f"/tasks/{task.id}/draft", {"hours_done": "12"}, follow_redirects=True)
    assert "Черновик сохранён." in response.get_data(as_text=True)
    page = operator.get(f"/tasks/{task.id}").get_data(as_text=True)
    assert 'value="12"' in page
    assert engine.task(task.id).status == "open"
    draft_button = next(line for line in page.splitlines() if f"/tasks/{task.id}/draft" in line)
    assert "formnovalidate" in draft_button, "an unfinished form can be saved: the browser must not block it"


def test_auditor_sees_the_task_but_cannot_work_it(engine, client, make_user, task):
    make_user("audit", role="auditor", org_kind="region", org_id="region")
    login(client, "audit")
    page = client.get(f"/tasks/{task.id}").get_data(as_text=True)
    assert "Подведение итогов учебного года" in page and "Взять в работу" not in page
    assert "Работа с задачей" not in page, "no card of actions the auditor cannot take"
    assert post(client, f"/tasks/{task.id}/claim").status_code == 403


def test_a_completed_task_shows_the_submitted_form_read_only_with_who_and_when(engine, operator, task):
    post(operator, f"/tasks/{task.id}/claim")
    post(operator, f"/tasks/{task.id}/complete", {**GOOD_FORM, "hours_done": "37"})
    page = operator.get(f"/tasks/{task.id}").get_data(as_text=True)
    assert "Отправленная форма" in page
    assert "Заполнил(а) Сотрудник ivanova, " in page
    section = page[page.index("Отправленная форма"):]
    assert 'value="37" disabled' in section
    assert "Завершить задачу" not in page and "Работа с задачей" not in page


def test_a_task_whose_form_is_missing_gets_a_message_not_a_server_error(engine, operator, monkeypatch, task):
    import forms

    def missing(form_key, **_kwargs):
        raise forms.FormNotFoundError(f"{form_key}.form", ["no such file"])

    monkeypatch.setattr(forms, "load", missing)
    post(operator, f"/tasks/{task.id}/claim")
    page = operator.get(f"/tasks/{task.id}")
    assert page.status_code == 200
    assert "Форма этой задачи недоступна" in page.get_data(as_text=True)
    done = post(operator, f"/tasks/{task.id}/complete", GOOD_FORM, follow_redirects=True)
    assert "Форма этой задачи недоступна" in done.get_data(as_text=True)
    assert engine.task(task.id).status == "open"


def test_a_race_lost_inside_the_engine_gets_a_russian_409(engine, operator, monkeypatch, task):
    from engine import Conflict

    def claimed_meanwhile(task_id, actor):
        raise Conflict(f"task {task_id} was claimed by someone else")

    monkeypatch.setattr(engine, "claim", claimed_meanwhile)
    response = post(operator, f"/tasks/{task.id}/claim")
    assert response.status_code == 409
    assert "изменена другим пользователем" in response.get_data(as_text=True)


def test_an_attachment_lost_on_disk_is_404_not_a_server_error(operator, task, tmp_path):
    post(operator, f"/tasks/{task.id}/attachments", {"file": (io.BytesIO(b"hello"), "note.txt")},
         content_type="multipart/form-data")
    for stored in (tmp_path / "attachments").rglob("*"):
        if stored.is_file():
            stored.unlink()
    assert operator.get(f"/tasks/{task.id}/attachments/1").status_code == 404


def test_a_malformed_task_or_instance_id_is_404(operator):
    assert operator.get("/tasks/not-a-uuid").status_code == 404
    assert operator.get("/instances/not-a-uuid").status_code == 404
