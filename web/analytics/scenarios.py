"""What-if scenarios in the web: a new one starts as a copy of the region's parameters as the registries hold
them now; the analyst changes some, each with a reason; running it compares it with the baseline in a
background job (`profroute simulate --scenario`), scaled down to a simulated region of a configured size."""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.models import Youth
from domain.region.parameters import RegionParameters, region_parameters
from domain.region.scenario import MAX_REASON, Change, Scenario
from web.models import Job, ScenarioRecord, User

PARAMETER_LABELS = {
    "curators": _l("Кураторов"),
    "curator_cap": _l("Предел нагрузки куратора"),
    "practice_places": _l("Мест практики"),
    "event_places": _l("Мест на профориентационных мероприятиях"),
    "staffing_need": _l("Потребность работодателей в кадрах, чел."),
    "employed_24_months": _l("Доля трудоустроенных за 24 месяца без вмешательства"),
    "retention": _l("Доля удержавшихся на работе в каждой контрольной точке"),
}


@dataclass(frozen=True)
class Edit:
    parameter: str
    text: str
    reason: str


def baseline(session: Session) -> tuple[RegionParameters, int]:
    """The region's parameters and its number of young people, as they stand."""
    return region_parameters(session), session.scalar(select(func.count()).select_from(Youth)) or 0


def build(name: str, edits: list[Edit], base: RegionParameters, youths: int, author: User
          ) -> tuple[Scenario | None, dict[str, str]]:
    """The scenario, or the errors by field («name», «<parameter>»): a changed value needs a reason and a
    value in range; a reason alone changes nothing."""
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = str(_l("Назовите сценарий."))
    changes = []
    for edit in edits:
        old = getattr(base, edit.parameter)
        try:
            value = RegionParameters.checked(edit.parameter, edit.text.replace(",", "."))
        except ValueError:
            errors[edit.parameter] = str(_l("Недопустимое значение."))
            continue
        if value == old:
            continue
        if not edit.reason.strip():
            errors[edit.parameter] = str(_l("Укажите причину изменения."))
        elif len(edit.reason) > MAX_REASON:
            errors[edit.parameter] = str(_l("Причина — не длиннее %(count)s знаков.", count=MAX_REASON))
        else:
            changes.append(Change(edit.parameter, value, edit.reason.strip()))
    if errors:
        return None, errors
    return Scenario(name.strip()[:200], base, tuple(changes), author.full_name,
                    datetime.now(UTC).isoformat(timespec="seconds"), youths), {}


def save(session: Session, scenario: Scenario, author: User) -> ScenarioRecord:
    record = ScenarioRecord(name=scenario.name, author_id=author.id, author_name=author.full_name,
                            document=scenario.as_dict())
    session.add(record)
    session.commit()
    return record


def comparison_arguments(youths: int, years: float, seeds: int) -> list[str]:
    return ["simulate", "--scenario", "{workdir}/scenario.json", "--youths", str(youths), "--years", str(years),
            "--seeds", str(seeds), "--out", "{workdir}", "--progress-file", "{workdir}/progress.json"]


def scenario_file(record: ScenarioRecord) -> str:
    return json.dumps(record.document, ensure_ascii=False)


def jobs_of(session: Session, record: ScenarioRecord) -> list[Job]:
    return list(session.scalars(select(Job).where(Job.scenario_id == record.id).order_by(Job.created_at.desc())))
