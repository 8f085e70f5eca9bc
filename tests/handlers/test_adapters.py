"""The outbox adapters: registration, the local fakes' recording, idempotency and errors, and that every
kind a handler emits is one its system accepts."""
from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

import handlers
from handlers.adapters import ADAPTERS, KINDS, AdapterError
from profroute.wiring import WIRING

HANDLERS_DIR = Path(handlers.__file__).parent


def test_the_deployment_is_wired_with_the_adapters():
    assert WIRING.adapters is ADAPTERS
    assert set(ADAPTERS) == {"ecp", "my_business", "notification"}


def test_default_journal_lives_under_the_instance_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("PROFROUTE_INSTANCE_PATH", str(tmp_path / "instance"))
    answer = ADAPTERS["ecp"]().send("vacancy_search.save", {"saved_search_id": "s-1", "okso_code": "09.02.07",
                                                             "region_code": "52"}, "outbox-1")
    assert answer == {"status": "saved", "saved_search_id": "s-1"}
    [line] = (tmp_path / "instance" / "adapters" / "ecp.jsonl").read_text(encoding="utf-8").splitlines()
    entry = json.loads(line)
    assert (entry["kind"], entry["idempotency_key"], entry["payload"]["okso_code"]) == (
        "vacancy_search.save", "outbox-1", "09.02.07")


def test_a_repeated_key_gets_the_first_answer_and_is_recorded_once(tmp_path):
    journal = tmp_path / "ecp.jsonl"
    payload = {"vacancy_id": "v-1", "employer_id": "emp-it", "title": "Младший разработчик"}
    first = ADAPTERS["ecp"](journal).send("vacancy.publish", payload, "outbox-7")
    assert first["status"] == "published" and first["ecp_vacancy_id"].startswith("vac-")
    assert first["url"].endswith(first["ecp_vacancy_id"])
    assert ADAPTERS["ecp"](journal).send("vacancy.publish", payload, "outbox-7") == first
    assert len(journal.read_text(encoding="utf-8").splitlines()) == 1
    other = ADAPTERS["ecp"](journal).send("vacancy.publish", payload, "outbox-8")
    assert other["ecp_vacancy_id"] != first["ecp_vacancy_id"]


def test_rejections_are_not_retryable(tmp_path):
    fake = ADAPTERS["my_business"](tmp_path / "mb.jsonl")
    with pytest.raises(AdapterError, match="does not accept") as unknown:
        fake.send("loan.issue", {"referral_id": "r"}, "k-1")
    assert unknown.value.retryable is False
    with pytest.raises(AdapterError, match="missing youth_id") as missing:
        fake.send("referral.create", {"referral_id": "r"}, "k-2")
    assert missing.value.retryable is False
    with pytest.raises(AdapterError, match="idempotency key"):
        fake.send("referral.create", {"referral_id": "r", "youth_id": "y"}, "")
    assert not (tmp_path / "mb.jsonl").exists()


def test_notifications_pick_a_channel(tmp_path):
    fake = ADAPTERS["notification"](tmp_path / "n.jsonl")
    assert fake.send("vacancy.offer", {"youth_id": "y", "email": "a@b.ru"}, "k-1")["channel"] == "email"
    assert fake.send("curator.escalation", {"czn_office_id": "czn"}, "k-2")["channel"] == "internal"
    assert fake.send("x", {}, "k-3")["status"] == "undeliverable"


def _emit_calls():
    for path in sorted(HANDLERS_DIR.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "emit":
                yield path.name, node


def test_every_emitted_kind_is_accepted_by_its_system():
    calls = list(_emit_calls())
    assert len(calls) >= 15
    for filename, call in calls:
        system, kind = call.args[0], call.args[1]
        if isinstance(system, ast.Constant):
            assert system.value in ADAPTERS, f"{filename}: unknown system {system.value!r}"
            if system.value in KINDS:
                assert isinstance(kind, ast.Constant) and kind.value in KINDS[system.value], (
                    f"{filename}: {system.value} does not accept {ast.unparse(kind)}")
        else:
            assert isinstance(kind, ast.Constant) and all(kind.value in kinds for kinds in KINDS.values()), (
                f"{filename}: a computed system must be sent a kind every system accepts")
