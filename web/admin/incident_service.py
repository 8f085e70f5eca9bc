"""The administrators' incidents page: filters read from the query string (a value that is not offered is
ignored), one page of the region's open incidents with names instead of ids."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.models import Youth
from domain.route_attributes import SUBJECT
from engine import Engine
from web.incident_causes import IncidentCause, describe
from web.organisations import REGISTRY_OF_KIND, organisation_name, organisations, process_names
from web.subjects import Subject, subject_of

PAGE_SIZE = 25
MAX_PAGE = 10_000
AGES = {
    "1h": (timedelta(hours=1), _l("старше часа")),
    "1d": (timedelta(days=1), _l("старше суток")),
    "7d": (timedelta(days=7), _l("старше недели")),
    "30d": (timedelta(days=30), _l("старше месяца")),
}
ORG_KIND_LABELS = {"school": _l("Школы"), "edu_org": _l("ПОО / ОО ВО"), "czn": _l("ЦЗН"),
                   "employer": _l("Работодатели")}


@dataclass(frozen=True)
class IncidentFilters:
    process_key: str | None = None
    operation: str | None = None
    org: str | None = None  # "kind:id"
    age: str | None = None
    page: int = 1

    def engine_filters(self) -> dict[str, Any]:
        found: dict[str, Any] = {"process_key": self.process_key, "operation": self.operation}
        if self.org:
            found["org_kind"], found["org_id"] = self.org.split(":", 1)
        if self.age:
            found["older_than"] = AGES[self.age][0]
        return found

    def query_args(self, **changes: Any) -> dict[str, Any]:
        values = {"process": self.process_key, "operation": self.operation, "org": self.org, "age": self.age,
                  "page": self.page, **changes}
        return {key: value for key, value in values.items() if value not in (None, "", 1)}


@dataclass(frozen=True)
class FilterChoices:
    processes: dict[str, str]
    operations: list[str]
    organisations: list[tuple[str, list[tuple[str, str]]]]  # (kind label, [(value "kind:id", name)])
    ages: dict[str, str]


@dataclass(frozen=True)
class IncidentRow:
    cause: IncidentCause
    instance_id: str
    subject: Subject | None
    process_name: str
    organisations: str
    suspended: bool


def filter_choices(engine: Engine, session: Session) -> FilterChoices:
    return FilterChoices(
        processes=process_names(engine), operations=engine.open_incident_operations(),
        organisations=[(str(label), [(f"{kind}:{org_id}", name) for org_id, name in organisations(session, kind)])
                       for kind, label in ORG_KIND_LABELS.items()],
        ages={key: str(label) for key, (_, label) in AGES.items()})


def read_filters(args: Any, choices: FilterChoices) -> IncidentFilters:
    def offered(value: str | None, allowed) -> str | None:
        return value if value and value in allowed else None

    org = args.get("org") or None
    if org is not None:
        kind, _, org_id = org.partition(":")
        if kind not in REGISTRY_OF_KIND or not org_id or len(org_id) > 100:
            org = None
    page = args.get("page", "1")
    return IncidentFilters(
        process_key=offered(args.get("process"), choices.processes), operation=offered(args.get("operation"),
                                                                                      choices.operations),
        org=org, age=offered(args.get("age"), AGES),
        page=int(page) if page.isdigit() and 0 < int(page) <= MAX_PAGE else 1)


def incident_page(engine: Engine, session: Session, filters: IncidentFilters) -> tuple[list[IncidentRow], int]:
    """One page of rows and the number of open incidents the filters match."""
    conditions = filters.engine_filters()
    found = engine.open_incidents(limit=PAGE_SIZE, offset=(filters.page - 1) * PAGE_SIZE, **conditions)
    total = engine.count_open_incidents(**conditions)
    names = process_names(engine)
    org_names: dict[tuple[str, str], str | None] = {}
    unnamed = [item.business_key for item in found if not item.attributes.get(SUBJECT) and item.business_key]
    youths = {youth.id: youth.full_name for youth in session.scalars(select(Youth).where(Youth.id.in_(unnamed)))
              } if unnamed else {}
    rows = []
    for item in found:
        labels = engine.element_index(item.definition_id).names
        rows.append(IncidentRow(
            cause=describe(item.incident, labels), instance_id=item.incident.instance_id,
            subject=subject_of(item.process_key, item.business_key,
                               {SUBJECT: item.attributes.get(SUBJECT) or youths.get(item.business_key or "")},
                               item.incident.instance_id),
            process_name=names.get(item.process_key, item.process_key),
            organisations=_organisation_names(session, item.org, org_names),
            suspended=item.instance_status == "suspended"))
    return rows, total


def _organisation_names(session: Session, org: dict[str, Any], cache: dict[tuple[str, str], str | None]) -> str:
    named = []
    for kind in REGISTRY_OF_KIND:
        if not org.get(kind):
            continue
        key = (kind, str(org[kind]))
        if key not in cache:
            cache[key] = organisation_name(session, *key)
        named.append(cache[key] or str(_l("организация не найдена в реестре")))
    return ", ".join(named) or "—"
