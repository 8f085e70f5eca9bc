"""ЕЦП «Работа в России» (trudvsem.ru) and the career-guidance platform behind it: the local fake.

A real adapter calls the ЕЦП integration API with the organisation's certificate; per kind it must:
`guidance_platform.register` open a pupil's account (`account_id`); `student_profile.create` create the
student's profile (`ecp_profile_id`); `career_navigation.grant` open the navigation services;
`competence_passport.publish` publish a passport version; `vacancy_search.save` save a search;
`job_seeker_application.register` file the job-seeker application (`ecp_application_id`);
`vacancy.publish` / `target_training_offer.publish` publish an employer's vacancy or target-training offer
(answer with the ЕЦП id); `admission_application.submit` pass the application to the admission
campaign through Госуслуги (`epgu_application_id`); `plan_item.book` book an online service of an individual plan.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from handlers.adapters.fakes import Answer, RecordingFake, assigned_id

SYSTEM = "ecp"
PORTAL = "https://trudvsem.ru"


def _published(prefix: str, id_field: str, section: str) -> Answer:
    def answer(payload: dict[str, Any], key: str) -> dict[str, Any]:
        ecp_id = payload.get(f"ecp_{id_field}") or assigned_id(prefix, key)
        return {"status": "published", f"ecp_{id_field}": ecp_id, "url": f"{PORTAL}/{section}/{ecp_id}"}

    return answer


def _echo(status: str, *fields: str) -> Answer:
    def answer(payload: dict[str, Any], key: str) -> dict[str, Any]:
        return {"status": status, **{field: payload[field] for field in fields}}

    return answer


KINDS = {
    "guidance_platform.register": (("youth_id", "account_id"), _echo("registered", "account_id")),
    "student_profile.create": (("youth_id", "ecp_profile_id"), _echo("created", "ecp_profile_id")),
    "career_navigation.grant": (("youth_id", "platforms"), _echo("granted", "platforms")),
    "competence_passport.publish": (("youth_id", "version"), _echo("published", "version")),
    "vacancy_search.save": (("saved_search_id", "okso_code", "region_code"), _echo("saved", "saved_search_id")),
    "job_seeker_application.register": (("ecp_application_id", "youth_id"), _echo("registered", "ecp_application_id")),
    "vacancy.publish": (("vacancy_id", "employer_id", "title"), _published("vac", "vacancy_id", "vacancy")),
    "target_training_offer.publish": (("offer_id",), _published("offer", "offer_id", "target-training")),
    "admission_application.submit": (
        ("application_id", "youth_id", "edu_org_id", "programme_code"),
        lambda payload, key: {"status": "accepted", "epgu_application_id": assigned_id("epgu", key)},
    ),
    "plan_item.book": (
        ("item_id", "service_code"),
        lambda payload, key: {"status": "booked", "booking_id": assigned_id("book", key)},
    ),
}


def fake_ecp(path: Path | None = None) -> RecordingFake:
    return RecordingFake(SYSTEM, KINDS, path)
