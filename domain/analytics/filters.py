"""Which part of the registries a figure covers: a period and at most one organisation."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

KINDS = ("edu_org", "czn", "employer")
"""The organisation kinds the registry figures can be narrowed to (schools have none of these rows)."""


@dataclass(frozen=True)
class RegistryFilter:
    since: date | None = None
    until: date | None = None
    """The period, `until` excluded; either end may be open."""
    org_kind: str | None = None
    org_id: str | None = None

    def __post_init__(self) -> None:
        if (self.org_kind is None) != (self.org_id is None) or (self.org_kind and self.org_kind not in KINDS):
            raise ValueError(f"an organisation filter needs one of {', '.join(KINDS)} and an id")

    def of(self, kind: str) -> str | None:
        """The organisation id when the filter is of this kind."""
        return self.org_id if self.org_kind == kind else None

    def covers(self, *kinds: str) -> bool:
        """Whether a figure narrowed by these kinds of organisation can honour the filter."""
        return self.org_kind is None or self.org_kind in kinds

    def period(self, column, *, timestamps: bool = False):
        """SQL conditions keeping `column` inside the period (`timestamps`: an aware datetime column, the days
        taken from midnight UTC)."""
        since, until = (_midnight(self.since), _midnight(self.until)) if timestamps else (self.since, self.until)
        return [condition for condition in (column >= since if since else None, column < until if until else None)
                if condition is not None]


def _midnight(day: date | None) -> datetime | None:
    return datetime.combine(day, datetime.min.time(), UTC) if day else None


WHOLE_REGION = RegistryFilter()


def share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0
