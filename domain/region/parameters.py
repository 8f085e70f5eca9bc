"""The region's planning parameters as the registries hold them, and changing a region to given parameters:
what a what-if scenario copies, edits and has the simulation run. Counts are read and set on the rows
(curators, caps, practice places, event places, employers' staffing needs); the employment and retention
rates are the simulation's behaviour, not rows, so they are carried beside them."""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.models import CareerEvent, Curator, CuratorEduOrg, PracticeSlot, StaffingNeed

DEFAULT_EMPLOYED_24_MONTHS = 0.77
DEFAULT_RETENTION = 0.93


@dataclass(frozen=True)
class RegionParameters:
    curators: int
    curator_cap: int
    practice_places: int
    event_places: int
    staffing_need: int
    employed_24_months: float = DEFAULT_EMPLOYED_24_MONTHS
    """Share of graduates who find work within 24 months when left alone (the simulated graduates' behaviour)."""
    retention: float = DEFAULT_RETENTION
    """Share of young specialists still at work at each retention checkpoint."""

    COUNTS = ("curators", "curator_cap", "practice_places", "event_places", "staffing_need")
    RATES = ("employed_24_months", "retention")

    def as_dict(self) -> dict[str, float]:
        return asdict(self)

    @classmethod
    def from_dict(cls, values: dict) -> RegionParameters:
        """Refuses unknown names, counts below zero (curators and a cap below one) and rates outside 0..1."""
        names = {field.name for field in fields(cls)}
        unknown = set(values) - names
        if unknown:
            raise ValueError(f"unknown parameters: {', '.join(sorted(unknown))}")
        return cls(**{name: cls.checked(name, value) for name, value in values.items()})

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
        by the same ratio as from the baseline; rates and the cap stay as they are."""
        def ratio(name: str) -> int:
            base, mine, theirs = getattr(baseline, name), getattr(self, name), getattr(region, name)
            return max(0, round(theirs * mine / base)) if base else mine
        counts = {name: ratio(name) for name in self.COUNTS if name != "curator_cap"}
        return replace(self, **{**counts, "curators": max(1, counts["curators"])})


def region_parameters(session: Session) -> RegionParameters:
    """The active curators, their usual cap (the most common; the larger on a tie) and the region's totals."""
    curators = list(session.execute(select(Curator.max_caseload).where(Curator.is_active.is_(True))).scalars())
    cap = max(set(curators), key=lambda value: (curators.count(value), value)) if curators else 40
    return RegionParameters(
        curators=len(curators), curator_cap=cap,
        practice_places=session.scalar(select(func.coalesce(func.sum(PracticeSlot.capacity), 0))) or 0,
        event_places=session.scalar(select(func.coalesce(func.sum(CareerEvent.capacity), 0))) or 0,
        staffing_need=session.scalar(select(func.coalesce(func.sum(StaffingNeed.qty), 0))) or 0)


def apply_parameters(session: Session, target: RegionParameters) -> None:
    """Change the region's rows so that `region_parameters` reads `target` (rates aside). Added curators copy
    the offices and colleges of the existing ones in turn; places are added to or taken from the practice slots
    one by one in turn (never below what is filled); event places and staffing needs change in proportion."""
    _curators(session, target.curators, target.curator_cap)
    _spread(list(session.scalars(select(PracticeSlot).order_by(PracticeSlot.id))), "capacity", target.practice_places,
            floor=lambda slot: slot.filled)
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


def _spread(rows: list, attribute: str, total: int, floor=lambda row: 0) -> None:
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


def _proportional(rows: list, attribute: str, total: int, floor=lambda row: 0) -> None:
    current = sum(getattr(row, attribute) for row in rows)
    if not rows or current == total:
        return
    if current:
        for row in rows:
            setattr(row, attribute, max(floor(row), int(getattr(row, attribute) * total / current)))
    _spread(rows, attribute, total, floor)
