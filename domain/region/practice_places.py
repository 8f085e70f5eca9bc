"""Practice places per programme, as a what-if scenario reads and changes them.

A programme's places are the places of one school year in the slots its college agreed for it: the slot names
the college and accepts the programme's specialty (the first of the slot's ОКСО codes the college teaches).
Places in slots open to every college are counted apart, as the region's open places. The school year read is
the one under way on the given day when the region has slots for it, else the nearest one that has.

Changing the places changes every school year from that one on (employers publish their slots again each
year): a programme's slots of the year get or give places one at a time in turn (never below what is filled);
a programme without slots gets a practice base at its partner employer, else at an employer of its specialty's
industry: a production slot for its middle courses and an internship for its final year, split as the
generated bases are (`domain.region.employers.build_practice_bases`)."""
from __future__ import annotations

import math
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterable
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.algorithms.study_calendar import practice_periods, school_year_of
from domain.models import EduOrg, Employer, PracticeSlot, Programme
from domain.reference_data.industries import INDUSTRIES
from domain.reference_data.specialties import JOB_TITLES

OPEN = ""
"""The group of the places open to every college."""
BASE_NAMESPACE = uuid.UUID("6c1f9a52-4d0e-4f55-9a0b-3f3f7c2e8a11")
"""Ids of the practice bases a scenario adds derive from it, the programme, the year and the kind (no random
draws, so the rest of a seeded region stays the same)."""


def programme_key(edu_org_id: str, okso_code: str) -> str:
    """A programme as a scenario names it: the college and the specialty (stable between generated regions)."""
    return f"{edu_org_id}/{okso_code}"


def specialty_of(key: str) -> str:
    return key.rsplit("/", 1)[-1]


def read_places(session: Session, on: date) -> tuple[int, dict[str, int]]:
    """(open places, places by programme key) of the school year under way on `on`; every programme of the
    region is listed, with 0 when it has no places."""
    programmes = _programmes(session)
    places = dict.fromkeys(programmes, 0) | {OPEN: 0}
    year = _reference_year(session, on)
    if year is not None:
        for slot in _slots_of_year(session, year):
            key = _owner(slot, programmes)
            places[key] += slot.capacity
    open_places = places.pop(OPEN)
    return open_places, dict(sorted(places.items()))


def apply_places(session: Session, open_places: int, by_programme: dict[str, int], on: date) -> None:
    """Change the slots of every school year from the one under way on `on` so that each year holds these places."""
    programmes = _programmes(session)
    first = _reference_year(session, on)
    if first is None:
        return
    years: dict[int, list[PracticeSlot]] = defaultdict(list)
    for slot in session.scalars(select(PracticeSlot).order_by(PracticeSlot.id)):
        year = school_year_of(slot.start_date)
        if year >= first:
            years[year].append(slot)
    for year, slots in sorted(years.items()):
        owned: dict[str, list[PracticeSlot]] = defaultdict(list)
        for slot in slots:
            owned[_owner(slot, programmes)].append(slot)
        spread(owned[OPEN], "capacity", open_places, floor=lambda slot: slot.filled)
        for key, target in by_programme.items():
            if key not in programmes:
                continue
            if owned[key]:
                spread(owned[key], "capacity", target, floor=lambda slot: slot.filled)
            elif target > 0:
                _add_base(session, programmes[key], year, target)
    session.flush()


def spread(rows: list, attribute: str, total: int, floor: Callable[[object], int] = lambda row: 0) -> None:
    """Add or take one unit at a time, row after row, until the rows hold `total` (or none can give more)."""
    current = sum(getattr(row, attribute) for row in rows)
    step = 1 if total > current else -1
    while rows and current != total:
        moved = False
        for row in rows:
            if current == total:
                break
            if step < 0 and getattr(row, attribute) - 1 < floor(row):
                continue
            setattr(row, attribute, getattr(row, attribute) + step)
            current += step
            moved = True
        if not moved:
            break


def _programmes(session: Session) -> dict[str, Programme]:
    """Programme key -> the programme (the first by id where a college teaches a specialty in several forms)."""
    found: dict[str, Programme] = {}
    for programme in session.scalars(select(Programme).order_by(Programme.id)):
        found.setdefault(programme_key(programme.edu_org_id, programme.okso_code), programme)
    return found


def _owner(slot: PracticeSlot, programmes: dict[str, Programme]) -> str:
    if slot.edu_org_id is None:
        return OPEN
    return next((programme_key(slot.edu_org_id, code) for code in slot.accepted_okso_codes or ()
                 if programme_key(slot.edu_org_id, code) in programmes), OPEN)


def _reference_year(session: Session, on: date) -> int | None:
    years = {school_year_of(start) for start in session.scalars(select(PracticeSlot.start_date).distinct())}
    if not years:
        return None
    wanted = school_year_of(on)
    return wanted if wanted in years else min(years, key=lambda year: (abs(year - wanted), -year))


def _slots_of_year(session: Session, year: int) -> Iterable[PracticeSlot]:
    return session.scalars(select(PracticeSlot).where(PracticeSlot.start_date >= date(year, 9, 1),
                                                      PracticeSlot.start_date < date(year + 1, 9, 1)))


def _add_base(session: Session, programme: Programme, year: int, places: int) -> None:
    employer = _host(session, programme)
    college = session.get(EduOrg, programme.edu_org_id)
    if employer is None or college is None:
        raise ValueError(f"no employer can host the practice of programme "
                         f"{programme_key(programme.edu_org_id, programme.okso_code)}")
    periods = practice_periods(year)
    for kind, count in _split(places, programme.duration_months):
        start, end = periods[kind]
        key = programme_key(programme.edu_org_id, programme.okso_code)
        session.add(PracticeSlot(
            id=str(uuid.uuid5(BASE_NAMESPACE, f"{key}:{year}:{kind}")), employer_id=employer.id,
            edu_org_id=programme.edu_org_id, kind=kind,
            title=f"{(JOB_TITLES.get(programme.okso_code) or ('Практикант',))[0]} (практика)",
            accepted_okso_codes=[programme.okso_code], accepted_ugs_codes=[], region_code=college.region_code,
            municipality_oktmo=employer.municipality_oktmo, location=employer.name, start_date=start, end_date=end,
            capacity=count, filled=0, min_age=16, hazardous=False))


def _split(places: int, duration_months: int) -> list[tuple[str, int]]:
    """Production practice for the middle courses, an internship for the final year, as many places each as
    cohorts they serve (a programme of two years or less has only the internship)."""
    middle = max(0, math.ceil(duration_months / 12) - 2)
    internship = max(1, round(places / (middle + 1)))
    return [(kind, count) for kind, count in (("production", places - internship), ("internship", internship))
            if count > 0]


def _host(session: Session, programme: Programme) -> Employer | None:
    employers = list(session.scalars(select(Employer).order_by(Employer.id)))
    by_id = {employer.id: employer for employer in employers}
    partner = next((by_id[employer_id] for employer_id in programme.employer_partner_ids or () if employer_id in by_id),
                   None)
    if partner is not None:
        return partner
    industries = {industry.okved: industry for industry in INDUSTRIES}
    return next((employer for employer in employers if employer.okved in industries
                 and programme.okso_code in industries[employer.okved].okso_codes), employers[0] if employers else None)
