"""Organisations from the domain registries: names for display and choices for inbox filters."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.models import CznOffice, EduOrg, Employer, School

REGISTRY_OF_KIND = {"school": School, "edu_org": EduOrg, "czn": CznOffice, "employer": Employer}
KIND_LABELS = {
    "school": _l("Школа"),
    "edu_org": _l("ПОО / ОО ВО"),
    "czn": _l("ЦЗН"),
    "employer": _l("Работодатель"),
    "my_business": _l("Центр «Мой бизнес»"),
    "region": _l("Регион"),
}
MAX_CHOICES = 500


@dataclass(frozen=True)
class FilterChoices:
    processes: list[tuple[str, str]]
    schools: list[tuple[str, str]]
    edu_orgs: list[tuple[str, str]]


def organisation_name(session: Session, kind: str, org_id: str) -> str | None:
    registry = REGISTRY_OF_KIND.get(kind)
    if registry is None:
        return None
    return session.scalar(select(registry.name).where(registry.id == org_id))


def organisations(session: Session, kind: str) -> list[tuple[str, str]]:
    registry = REGISTRY_OF_KIND[kind]
    rows = session.execute(select(registry.id, registry.name).order_by(registry.name).limit(MAX_CHOICES))
    return [(row.id, row.name) for row in rows]


def process_names(engine: Any) -> dict[str, str]:
    """Process key -> the name of its latest version (definitions come ordered by key and version)."""
    return {definition.key: definition.name or definition.key for definition in engine.definitions()}


def process_choices(engine: Any) -> list[tuple[str, str]]:
    return sorted(process_names(engine).items(), key=lambda item: item[1])


def filter_choices(engine: Any, session: Session) -> FilterChoices:
    return FilterChoices(
        processes=process_choices(engine),
        schools=organisations(session, "school"),
        edu_orgs=organisations(session, "edu_org"),
    )
