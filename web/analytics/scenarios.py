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

from domain.models import EduOrg, Programme, Specialty, StudentEnrollment, Youth
from domain.region.parameters import PROGRAMME_PLACES, RegionParameters, region_parameters
from domain.region.practice_places import programme_key
from domain.region.scenario import MAX_REASON, Change, Scenario
from web.models import Job, ScenarioRecord, User

PARAMETER_LABELS = {
    "curators": _l("Кураторов"),
    "curator_cap": _l("Предел нагрузки куратора"),
    "practice_places": _l("Мест практики, открытых для всех колледжей, в учебный год"),
    "event_places": _l("Мест на профориентационных мероприятиях"),
    "staffing_need": _l("Потребность работодателей в кадрах, чел."),
    "employed_24_months": _l("Доля трудоустроенных за 24 месяца без вмешательства"),
    "retention": _l("Доля удержавшихся на работе в каждой контрольной точке"),
}
PROGRAMME_LABEL = _l("Мест практики по программе")


@dataclass(frozen=True)
class Edit:
    parameter: str
    text: str
    reason: str
    programme: str = ""


@dataclass(frozen=True)
class ProgrammeRow:
    key: str
    label: str
    students: int


def baseline(session: Session) -> tuple[RegionParameters, int]:
    """The region's parameters (practice places of the school year under way) and its number of young people,
    as they stand."""
    return (region_parameters(session, datetime.now(UTC).date()),
            session.scalar(select(func.count()).select_from(Youth)) or 0)


def programme_rows(session: Session, keys: list[str]) -> list[ProgrammeRow]:
    """The programmes of `keys` by name («college — code specialty») with their students now studying, in the
    order of the keys; a programme the registries no longer have keeps its key as the name."""
    names = {programme_key(college_id, code): f"{college} — {code} {specialty}"
             for college_id, college, code, specialty in session.execute(
                 select(Programme.edu_org_id, EduOrg.name, Programme.okso_code, Specialty.name_ru)
                 .join(EduOrg, EduOrg.id == Programme.edu_org_id)
                 .join(Specialty, Specialty.okso_code == Programme.okso_code))}
    students = {programme_key(college_id, code): count for college_id, code, count in session.execute(
        select(Programme.edu_org_id, Programme.okso_code, func.count(StudentEnrollment.id))
        .join(StudentEnrollment, StudentEnrollment.programme_id == Programme.id)
        .where(StudentEnrollment.status == "studying")
        .group_by(Programme.edu_org_id, Programme.okso_code))}
    return [ProgrammeRow(key, names.get(key, key), students.get(key, 0)) for key in keys]


def edits_from(form, base: RegionParameters, parameters: tuple[str, ...]) -> list[Edit]:
    """The form's values and reasons: one per parameter, one per programme of the baseline."""
    edits = [Edit(name, form.get(f"value_{name}", "").strip(), form.get(f"reason_{name}", "")) for name in parameters]
    return edits + [Edit(PROGRAMME_PLACES, form.get(f"places_{key}", "").strip(), form.get(f"reason_places_{key}", ""),
                         key) for key in base.practice_by_programme]


def build(name: str, edits: list[Edit], base: RegionParameters, youths: int, author: User
          ) -> tuple[Scenario | None, dict[str, str]]:
    """The scenario, or the errors by field («name», «<parameter>», «places_<programme key>»): a changed value
    needs a reason and a value in range; a reason alone changes nothing."""
    errors: dict[str, str] = {}
    if not name.strip():
        errors["name"] = str(_l("Назовите сценарий."))
    changes = []
    for edit in edits:
        field = f"places_{edit.programme}" if edit.programme else edit.parameter
        old = base.practice_by_programme[edit.programme] if edit.programme else getattr(base, edit.parameter)
        try:
            value = RegionParameters.checked(edit.parameter, edit.text.replace(",", "."))
        except ValueError:
            errors[field] = str(_l("Недопустимое значение."))
            continue
        if value == old:
            continue
        if not edit.reason.strip():
            errors[field] = str(_l("Укажите причину изменения."))
        elif len(edit.reason) > MAX_REASON:
            errors[field] = str(_l("Причина — не длиннее %(count)s знаков.", count=MAX_REASON))
        else:
            changes.append(Change(edit.parameter, value, edit.reason.strip(), edit.programme))
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
