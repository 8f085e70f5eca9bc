"""The regional «Мой бизнес» centre and its online platform (МСП.РФ): the local fake.

A real adapter uses the centre's CRM API; per kind it must: `referral.create` register the referred young
person as the centre's client (answer `centre_case_id`); `platform_access.grant` create the platform
account (`account_id`, `login_url`); `plan_item.book` book a consultation of an individual plan.
"""

from __future__ import annotations

from pathlib import Path

from handlers.adapters.fakes import RecordingFake, assigned_id

SYSTEM = "my_business"

KINDS = {
    "referral.create": (
        ("referral_id", "youth_id"),
        lambda payload, key: {"status": "accepted", "centre_case_id": assigned_id("mb-case", key)},
    ),
    "platform_access.grant": (
        ("referral_id", "account_id", "platform"),
        lambda payload, key: {
            "status": "granted",
            "account_id": payload["account_id"],
            "login_url": payload["platform"],
        },
    ),
    "plan_item.book": (
        ("item_id", "service_code"),
        lambda payload, key: {"status": "booked", "booking_id": assigned_id("mb-book", key)},
    ),
}


def fake_my_business(path: Path | None = None) -> RecordingFake:
    return RecordingFake(SYSTEM, KINDS, path)
