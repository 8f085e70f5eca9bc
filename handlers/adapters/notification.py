"""Messages to people and organisations (applicants, employers, the ЦЗН head): the local fake.

A real adapter hands each message to the regional notification gateway (e-mail, SMS or the Госуслуги
feed); every kind is a message whose payload names its addressee (`youth_id`, `employer_id`,
`edu_org_id` or `czn_office_id`). The answer carries the gateway's `message_id` and the channel used.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from handlers.adapters.fakes import RecordingFake, assigned_id

SYSTEM = "notification"
ADDRESSEES = ("youth_id", "employer_id", "edu_org_id", "czn_office_id")


def deliver(payload: dict[str, Any], key: str) -> dict[str, Any]:
    if not any(payload.get(field) for field in ADDRESSEES):
        return {"status": "undeliverable", "message_id": None, "channel": None}
    channel = "email" if payload.get("email") else "sms" if payload.get("phone") else "internal"
    return {"status": "delivered", "message_id": assigned_id("msg", key), "channel": channel}


def fake_notification(path: Path | None = None) -> RecordingFake:
    return RecordingFake(SYSTEM, {}, path, accept_any_kind=deliver)
