"""The region's planning parameters as the registries hold them, and changing a region to given parameters:
what a what-if scenario copies, edits and has the simulation run. Counts are read and set on the rows
(curators, caps, practice places per programme and open to every college, event places, employers' staffing
needs); the employment and retention rates are the simulation's behaviour, not rows, so they are carried beside
them."""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, field, fields, replace
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.models import CareerEvent, Curator, CuratorEduOrg, StaffingNeed
from domain.region.practice_places import apply_places, read_places, specialty_of, spread

DEFAULT_EMPLOYED_24_MONTHS = 0.77
DEFAULT_RETENTION = 0.93
PROGRAMME_PLACES = "practice_by_programme"


@dataclass(frozen=True)
class RegionParameters:
    curators: int
    curator_cap: int
    practice_places: int
    """Practice places of the school year in slots open to every college (`domain.region.practice_places`)."""
    event_places: int
    staffing_need: int
    employed_24_months: float = DEFAULT_EMPLOYED_24_MONTHS
    """Share of graduates who find work within 24 months when left alone (the simulated graduates' behaviour)."""
    retention: float = DEFAULT_RETENTION
    """Share of young specialists still at work at each retention checkpoint."""
    practice_by_programme: dict[str, int] = field(default_factory=dict)
    """Practice places of the school year a college agreed for each of its programmes ("college/ОКСО code")."""

    COUNTS = ("curators", "curator_cap", "practice_places", "event_places", "staffing_need")
    RATES = ("employed_24_months", "retention")

    def as_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict) -> RegionParameters:
        """Refuses unknown names, counts below zero (curators and a cap below one), rates outside 0..1 and
        programme places that are not a mapping of programme keys to counts."""
        names = {field.name for field in fields(cls)}
        unknown = set(values) - names
        if unknown:
            raise ValueError(f"unknown parameters: {', '.join(sorted(unknown))}")
        programmes = values.get(PROGRAMME_PLACES) or {}
        if not isinstance(programmes, dict) or not all(isinstance(key, str) and key for key in programmes):
            raise ValueError(f"{PROGRAMME_PLACES} must map programme keys to places")
        scalars = {name: cls.checked(name, value) for name, value in values.items() if name != PROGRAMME_PLACES}
        return cls(**scalars, practice_by_programme={key: int(cls.checked(PROGRAMME_PLACES, value))
                                                     for key, value in sorted(programmes.items())})

    @classmethod
    def checked(cls, name: str, value) -> float:
        """The value as its parameter takes it; ValueError when it is not a number or out of range."""
        number = float(value) if name in cls.RATES else int(value)
        low = 1 if name in ("curators", "curator_cap") else 0
        if number < low or (name in cls.RATES and number > 1):
            raise ValueError(f"{name} out of range: {value}")
        return number

    def scaled_to(self, baseline: RegionParameters, region: RegionParameters) -> RegionParameters:
        """These parameters, edited from `baseline`, carried over to another (smaller) region: each count changes
        by the same ratio as from the baseline; rates and the cap stay as they are; each programme's change of
        places goes to the region's programme of the same key, else to its programme of the same specialty with
        the most places, scaled by the ratio of the regions' programme places (`programmes_left_out`: none)."""
        def ratio(name: str) -> int:
            base, mine, theirs = getattr(baseline, name), getattr(self, name), getattr(region, name)
            return max(0, round(theirs * mine / base)) if base else mine
        counts = {name: ratio(name) for name in self.COUNTS if name != "curator_cap"}
        places, _left_out = self._carried_places(baseline, region)
        return replace(self, **{**counts, "curators": max(1, counts["curators"])}, practice_by_programme=places)

    def programmes_left_out(self, baseline: RegionParameters, region: RegionParameters) -> list[str]:
        """Programmes whose changed places `scaled_to` could not carry: the region teaches no such specialty."""
        return self._carried_places(baseline, region)[1]

    def _carried_places(self, baseline: RegionParameters, region: RegionParameters) -> tuple[dict[str, int], list[str]]:
        before = baseline.practice_by_programme
        changes = {key: places - before.get(key, 0) for key, places in self.practice_by_programme.items()
                   if places != before.get(key, 0)}
        total_before, total_region = sum(before.values()), sum(region.practice_by_programme.values())
        scale = total_region / total_before if total_before else 1.0
        carried, left_out = dict(region.practice_by_programme), []
        scaled: dict[str, float] = {}
        for key, change in sorted(changes.items()):
            target = key if key in carried else max(
                (other for other in carried if specialty_of(other) == specialty_of(key)),
                key=lambda other: (carried[other], other), default=None)
            if target is None:
                left_out.append(key)
                continue
            scaled[target] = scaled.get(target, 0.0) + change * scale
        for target, change in _apportioned(scaled).items():
            carried[target] = max(0, carried[target] + change)
        return carried, left_out


def _apportioned(shares: dict[str, float]) -> dict[str, int]:
    """Whole numbers for these shares that keep their rounded sum: each rounded down, the units left over to the
    largest remainders (a scaled-down change of a few places per programme does not round away)."""
    whole = {key: math.floor(share) for key, share in shares.items()}
    left = round(sum(shares.values())) - sum(whole.values())
    for key in sorted(shares, key=lambda key: (whole[key] - shares[key], key))[:left]:
        whole[key] += 1
    return whole


def region_parameters(session: Session, on: date) -> RegionParameters:
    """The active curators, their usual cap (the most common; the larger on a tie), the practice places of the
    school year under way on `on` and the region's totals of event places and staffing needs."""
    curators = list(session.execute(select(Curator.max_caseload).where(Curator.is_active.is_(True))).scalars())
    cap = max(set(curators), key=lambda value: (curators.count(value), value)) if curators else 40
    open_places, by_programme = read_places(session, on)
    return RegionParameters(
        curators=len(curators), curator_cap=cap, practice_places=open_places,
        event_places=session.scalar(select(func.coalesce(func.sum(CareerEvent.capacity), 0))) or 0,
        staffing_need=session.scalar(select(func.coalesce(func.sum(StaffingNeed.qty), 0))) or 0,
        practice_by_programme=by_programme)


def apply_parameters(session: Session, target: RegionParameters, on: date) -> None:
    """Change the region's rows so that `region_parameters` reads `target` (rates aside). Added curators copy
    the offices and colleges of the existing ones in turn; practice places change as
    `domain.region.practice_places` says; event places and staffing needs change in proportion."""
    _curators(session, target.curators, target.curator_cap)
    apply_places(session, target.practice_places, target.practice_by_programme, on)
    _proportional(list(session.scalars(select(CareerEvent).order_by(CareerEvent.id))), "capacity", target.event_places)
    _proportional(list(session.scalars(select(StaffingNeed).order_by(StaffingNeed.id))), "qty", target.staffing_need,
                  floor=lambda need: need.filled)
    session.flush()


def _curators(session: Session, count: int, cap: int) -> None:
    active = list(session.scalars(select(Curator).where(Curator.is_active.is_(True)).order_by(Curator.id)))
    for curator in active[count:]:
        curator.is_active = False
    for index in range(count - len(active)):
        model = active[index % len(active)]
        added = Curator(id=f"{model.id}-s{index + 1}", czn_office_id=model.czn_office_id, edu_org_id=model.edu_org_id,
                        full_name=f"{model.full_name} (сценарий {index + 1})", max_caseload=cap,
                        specialisations=list(model.specialisations), is_active=True)
        session.add(added)
        links = session.scalars(select(CuratorEduOrg).where(CuratorEduOrg.curator_id == model.id))
        session.add_all([CuratorEduOrg(curator_id=added.id, edu_org_id=link.edu_org_id) for link in links])
    for curator in active[:count]:
        curator.max_caseload = cap


def _proportional(rows: list, attribute: str, total: int, floor=lambda row: 0) -> None:
    current = sum(getattr(row, attribute) for row in rows)
    if not rows or current == total:
        return
    if current:
        for row in rows:
            setattr(row, attribute, max(floor(row), int(getattr(row, attribute) * total / current)))
    spread(rows, attribute, total, floor)
