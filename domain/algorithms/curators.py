"""Curator assignment and release (domain.md §4.4).

Selection: keep the current active curator (continuity); otherwise, among the active curators of the
student's ЦЗН office attached to the student's edu org, prefer those whose specialisations cover the
student's needs (disability, entrepreneurship, minors), then the lowest caseload below the cap, then id.
When nobody has room, the result asks for escalation to the head of the office.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

DEFAULT_MAX_CASELOAD = 40


@dataclass(frozen=True)
class CuratorCandidate:
    id: str
    czn_office_id: str
    edu_org_ids: frozenset[str]
    caseload: int
    max_caseload: int = DEFAULT_MAX_CASELOAD
    specialisations: frozenset[str] = frozenset()
    is_active: bool = True


@dataclass(frozen=True)
class CuratorNeeds:
    czn_office_id: str
    edu_org_id: str
    current_curator_id: str | None = None
    has_disability: bool = False
    wants_entrepreneurship: bool = False
    is_minor: bool = False

    @property
    def specialisations(self) -> frozenset[str]:
        wanted = {
            "disability": self.has_disability,
            "entrepreneurship": self.wants_entrepreneurship,
            "minors": self.is_minor,
        }
        return frozenset(name for name, needed in wanted.items() if needed)


@dataclass(frozen=True)
class CuratorDecision:
    outcome: str
    """`keep`, `assign` or `escalate`."""
    curator_id: str | None
    reasons: tuple[str, ...] = field(default_factory=tuple)

    def as_dict(self) -> dict:
        return {"outcome": self.outcome, "curator_id": self.curator_id, "reasons": list(self.reasons)}


def choose_curator(needs: CuratorNeeds, curators: Sequence[CuratorCandidate]) -> CuratorDecision:
    by_id = {curator.id: curator for curator in curators}
    current = by_id.get(needs.current_curator_id) if needs.current_curator_id else None
    if current is not None and current.is_active:
        return CuratorDecision("keep", current.id, ("continuity",))

    attached = [
        c
        for c in curators
        if c.is_active and c.czn_office_id == needs.czn_office_id and needs.edu_org_id in c.edu_org_ids
    ]
    if not attached:
        return CuratorDecision("escalate", None, ("no_curator_attached_to_edu_org",))
    free = [c for c in attached if c.caseload < c.max_caseload]
    if not free:
        return CuratorDecision("escalate", None, ("all_curators_at_capacity",))

    wanted = needs.specialisations

    def rank(curator: CuratorCandidate) -> tuple:
        return (-len(wanted & curator.specialisations), curator.caseload, curator.id)

    chosen = min(free, key=rank)
    reasons = ["attached_to_edu_org", "lowest_caseload"]
    matched = sorted(wanted & chosen.specialisations)
    if matched:
        reasons.insert(1, "specialisation:" + ",".join(matched))
    if needs.current_curator_id:
        reasons.append("handover_from_inactive_curator")
    return CuratorDecision("assign", chosen.id, tuple(reasons))


@dataclass(frozen=True)
class ReleaseDecision:
    release: bool
    reason: str | None


def release_rule(
    recent_risk_levels: Sequence[str], *, graduated_with_employment: bool = False, expelled: bool = False
) -> ReleaseDecision:
    """Release after two consecutive periodic profilings at `acceptable` (latest last), at graduation with
    employment confirmed, or on expulsion (the graduate process takes over)."""
    unknown = set(recent_risk_levels) - {"acceptable", "high"}
    if unknown:
        raise ValueError(f"unknown risk levels: {sorted(unknown)}")
    if expelled:
        return ReleaseDecision(True, "expelled")
    if graduated_with_employment:
        return ReleaseDecision(True, "graduated_employed")
    if len(recent_risk_levels) >= 2 and all(level == "acceptable" for level in recent_risk_levels[-2:]):
        return ReleaseDecision(True, "risk_acceptable")
    return ReleaseDecision(False, None)
