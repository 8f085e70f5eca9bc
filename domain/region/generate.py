"""`generate(session, seed=..., youths=...)`: a synthetic, deterministic region for demos, simulations
and benchmarks. Rows are added to the session and flushed; the caller commits."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.models import Base, School
from domain.reference_data.loader import load_reference_data
from domain.region.draft import RegionDraft
from domain.region.employers import (
    build_employers,
    build_needs_and_agreements,
    build_practice_bases,
    build_practice_slots,
    build_target_training_offers,
    build_temp_jobs_for_minors,
    build_vacancies,
    link_programme_partners,
)
from domain.region.events import build_events
from domain.region.organisations import (
    build_curators,
    build_czn_offices,
    build_edu_orgs,
    build_my_business_centres,
    build_schools,
)
from domain.region.people import build_people
from domain.region.services import build_practice_library, build_retraining_courses

DEFAULT_AS_OF = date(2026, 11, 2)
"""The region's "today": two months into the 2026/2027 school year (fixed, so a seed always gives
the same region)."""


@dataclass(frozen=True)
class RegionSummary:
    seed: int
    as_of: date
    created: bool
    """False when the region was already there and nothing was added."""
    youths: int = 0
    pupils: int = 0
    students: int = 0
    graduates: int = 0
    schools: int = 0
    edu_orgs: int = 0
    programmes: int = 0
    employers: int = 0
    czn_offices: int = 0
    curators: int = 0
    my_business_centres: int = 0
    staffing_needs: int = 0
    agreements: int = 0
    vacancies: int = 0
    practice_slots: int = 0
    practice_places: int = 0
    target_training_offers: int = 0
    target_training_contracts: int = 0
    career_events: int = 0
    retraining_courses: int = 0
    adaptation_practices: int = 0
    rows: int = 0


def generate(session: Session, *, seed: int, youths: int = 2000, as_of: date = DEFAULT_AS_OF) -> RegionSummary:
    """Build the region once: if schools already exist the database is left alone."""
    if youths < 10:
        raise ValueError(f"a region needs at least 10 youths, got {youths}")
    load_reference_data(session)
    if session.scalar(select(func.count()).select_from(School)):
        return RegionSummary(seed=seed, as_of=as_of, created=False)

    draft = RegionDraft(rng=random.Random(seed), as_of=as_of, youths=youths)
    for build in (
        build_czn_offices,
        build_schools,
        build_edu_orgs,
        build_curators,
        build_my_business_centres,
        build_employers,
        build_needs_and_agreements,
        link_programme_partners,
        build_vacancies,
        build_practice_slots,
        build_target_training_offers,
        build_events,
        build_retraining_courses,
        build_practice_library,
    ):
        build(draft)
    pupils, students, graduates = build_people(draft)
    build_temp_jobs_for_minors(draft)
    build_practice_bases(draft)
    _insert_parents_first(session, draft.rows)
    kinds = draft.by_kind
    return RegionSummary(
        seed=seed,
        as_of=as_of,
        created=True,
        youths=len(kinds["youth"]),
        pupils=pupils,
        students=students,
        graduates=graduates,
        schools=len(kinds["school"]),
        edu_orgs=len(kinds["edu_org"]),
        programmes=len(kinds["programme"]),
        employers=len(kinds["employer"]),
        czn_offices=len(kinds["czn"]),
        curators=len(kinds["curator"]),
        my_business_centres=len(kinds["my_business"]),
        staffing_needs=len(kinds["need"]),
        agreements=len(kinds["agreement"]),
        vacancies=len(kinds["vacancy"]),
        practice_slots=len(kinds["slot"]),
        practice_places=sum(slot.capacity for slot in kinds["slot"]),
        target_training_offers=len(kinds["tt_offer"]),
        target_training_contracts=len(kinds["tt_contract"]),
        career_events=len(kinds["event"]),
        retraining_courses=len(kinds["course"]),
        adaptation_practices=len(kinds["practice"]),
        rows=len(draft.rows),
    )


def _insert_parents_first(session: Session, rows: list) -> None:
    """The models declare foreign keys without relationships, so the unit of work cannot order the
    inserts; flush table by table in dependency order instead."""
    by_table: dict[str, list] = {}
    for row in rows:
        by_table.setdefault(row.__table__.name, []).append(row)
    for table in Base.metadata.sorted_tables:
        batch = by_table.pop(table.name, None)
        if batch:
            session.add_all(batch)
            session.flush()
    if by_table:
        raise RuntimeError(f"rows of unknown tables: {sorted(by_table)}")
