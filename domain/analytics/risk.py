"""Risk of not being employed after study (domain.md §4.1), from the profiling results the handlers stored:
the share of profiled students whose latest and whose any verdict was high, the DMN reasons and the
score contributions that pushed students over the threshold."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from sqlalchemy import select

from domain.analytics.filters import WHOLE_REGION, RegistryFilter, share
from domain.models import ProfilingResult, Programme, StudentEnrollment

TARGET_HIGH_SHARE = (0.15, 0.25)
"""The plausible band of high-risk students the map's risk-based approach expects."""


@dataclass(frozen=True)
class RiskSummary:
    profilings: int
    students_profiled: int
    high_latest: int
    high_ever: int
    high_latest_share: float
    high_ever_share: float
    target_band: tuple[float, float] = TARGET_HIGH_SHARE
    reasons: dict[str, int] = field(default_factory=dict)
    contributions_of_high: dict[str, int] = field(default_factory=dict)


def risk_summary(connection, where: RegistryFilter = WHOLE_REGION) -> RiskSummary:
    """`connection`: a Connection or Session. Profilings taken in the period, of one college's students."""
    query = (select(ProfilingResult.youth_id, ProfilingResult.risk_level, ProfilingResult.risk_reason_code,
                    ProfilingResult.risk_contributions)
             .where(ProfilingResult.context == "student_periodic",
                    *where.period(ProfilingResult.taken_at, timestamps=True))
             .order_by(ProfilingResult.taken_at, ProfilingResult.id))
    if where.of("edu_org"):
        query = (query.join(StudentEnrollment, StudentEnrollment.id == ProfilingResult.student_enrollment_id)
                 .join(Programme, Programme.id == StudentEnrollment.programme_id)
                 .where(Programme.edu_org_id == where.of("edu_org")))
    rows = connection.execute(query).all()
    latest: dict[str, str | None] = {}
    ever_high: set[str] = set()
    reasons: Counter[str] = Counter()
    contributions: Counter[str] = Counter()
    for youth_id, level, reason, parts in rows:
        latest[youth_id] = level
        reasons[reason or "none"] += 1
        if level == "high":
            ever_high.add(youth_id)
            contributions.update(part.get("code", "?") for part in parts or () if part.get("points", 0) > 0)
    students = len(latest)
    high_latest = sum(1 for level in latest.values() if level == "high")
    return RiskSummary(
        profilings=len(rows), students_profiled=students, high_latest=high_latest, high_ever=len(ever_high),
        high_latest_share=share(high_latest, students), high_ever_share=share(len(ever_high), students),
        reasons=dict(reasons.most_common()), contributions_of_high=dict(contributions.most_common()))
