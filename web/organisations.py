"""Organisations from the domain registries and process names from the engine: names for display and
choices for inbox filters. Both change rarely, so lists shown on every inbox page are cached briefly."""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from threading import Lock
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.models import CznOffice, EduOrg, Employer, School
from domain.stages import STAGES
from engine import Engine
from web.access import Scope
from web.subjects import stage_label

REGISTRY_OF_KIND = {"school": School, "edu_org": EduOrg, "czn": CznOffice, "employer": Employer}
MAX_CHOICES = 500
CHOICES_TTL_SECONDS = 30.0

T = TypeVar("T")


class TtlCache:
    """Values kept for a few seconds per key; a stale read only shows a list that is seconds old."""

    def __init__(self, ttl: float) -> None:
        self.ttl = ttl
        self._values: dict[tuple, tuple[float, Any]] = {}
        self._lock = Lock()

    def get(self, key: tuple, load: Callable[[], T]) -> T:
        now = time.monotonic()
        with self._lock:
            cached = self._values.get(key)
        if cached is not None and now - cached[0] < self.ttl:
            return cached[1]
        value = load()
        with self._lock:
            self._values[key] = (now, value)
        return value


@dataclass(frozen=True)
class FilterChoices:
    processes: list[tuple[str, str]]
    stages: list[tuple[str, str]]
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


def process_names(engine: Engine) -> dict[str, str]:
    """Process key -> the name of its latest version (definitions come ordered by key and version)."""
    return {definition.key: definition.name or definition.key for definition in engine.definitions()}


def stage_choices() -> list[tuple[str, str]]:
    """The map's stages in map order: (key, label in the person's language), the values `stage` can take."""
    return [(stage.key, stage_label(stage)) for stage in STAGES]


def filter_choices(engine: Engine, session: Session, scope: Scope, cache: TtlCache) -> FilterChoices:
    """Choices for the inbox filters; a school's own people get no school list (they see one school),
    a college's no college list. `cache` belongs to the app."""
    processes = cache.get(("processes",), lambda: sorted(process_names(engine).items(), key=lambda item: item[1]))
    stages = stage_choices()
    schools = [] if scope.org_kind == "school" else cache.get(
        ("school",), lambda: organisations(session, "school"))
    edu_orgs = [] if scope.org_kind == "edu_org" else cache.get(
        ("edu_org",), lambda: organisations(session, "edu_org"))
    return FilterChoices(processes=processes, stages=stages, schools=schools, edu_orgs=edu_orgs)
