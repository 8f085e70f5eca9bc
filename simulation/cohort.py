"""Starting every route of the generated region as processes/README.md describes: pupils on the school
process, students and recent graduates by the stage message their stage starts on, the employers' new
staffing needs, and one practice-library entry per ЦЗН office; optionally (the living demo) the young people
the registries record as employed start on the young specialists' stage instead of the graduates'. Every start
goes through the route rule (`domain.route_starts`), the same one the web, the API and the command line use."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from domain.models import CznOffice, StaffingNeed, StudentEnrollment, Youth
from domain.route_starts import (
    GRADUATE_ROUTING,
    PRACTICE_LIBRARY,
    SCHOOL_ROUTE,
    STAFFING_NEED,
    STUDENT_SUPPORT,
    YOUNG_SPECIALIST,
    Starter,
    start_route,
)
from engine import Engine
from simulation.sharding import WHOLE_REGION, Shard

ACTOR = "simulation"
STARTER = Starter(ACTOR)
YOUTH_KINDS = ("pupil", "student", "graduate", "young_specialist")


@dataclass(frozen=True)
class Route:
    """One started route: `kind` is pupil, student, graduate, young_specialist, staffing_need or
    practice_library."""

    kind: str
    business_key: str

    @property
    def is_youth(self) -> bool:
        return self.kind in YOUTH_KINDS


def start_routes(engine: Engine, session: Session, young_specialists: bool = False,
                 shard: Shard = WHOLE_REGION) -> list[Route]:
    """`shard`: start only its share of the routes (`simulation/sharding.py`)."""
    pupils = session.scalars(select(Youth.id).where(Youth.status == "pupil").order_by(Youth.id))
    students, graduates = (session.scalars(select(StudentEnrollment.youth_id).where(StudentEnrollment.status == status)
                                           .order_by(StudentEnrollment.youth_id).distinct()).all()
                           for status in ("studying", "graduated"))
    employed = (session.scalars(select(Youth.id).where(Youth.status == "employed").order_by(Youth.id)).all()
                if young_specialists else [])
    needs = session.scalars(select(StaffingNeed.id).where(StaffingNeed.status == "new").order_by(StaffingNeed.id))
    offices = session.scalars(select(CznOffice.id).order_by(CznOffice.id))
    youth_routes = [*(("pupil", SCHOOL_ROUTE, youth_id) for youth_id in pupils.all()),
                    *(("student", STUDENT_SUPPORT, youth_id) for youth_id in students),
                    *(("graduate", GRADUATE_ROUTING, youth_id) for youth_id in graduates if youth_id not in employed),
                    *(("young_specialist", YOUNG_SPECIALIST, youth_id) for youth_id in employed)]
    region_routes = [*(("staffing_need", STAFFING_NEED, need_id) for need_id in needs.all()),
                     *(("practice_library", PRACTICE_LIBRARY, office_id) for office_id in offices.all())]
    subjects = _share_of(shard, youth_routes) + (region_routes if shard.takes_region_routes else [])
    return [Route(kind, start_route(engine, session, STARTER, process_key, subject_id).start.business_key)
            for kind, process_key, subject_id in subjects]


def _share_of(shard: Shard, youth_routes: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """The shard's youths by their place among the sorted youth ids; their routes in the usual order."""
    ids = sorted({youth_id for _, _, youth_id in youth_routes})
    taken = {youth_id for position, youth_id in enumerate(ids) if shard.takes_youth(position)}
    return [route for route in youth_routes if route[2] in taken]
