"""Which part of the registries a figure covers: a period and at most one organisation."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

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

    def period(self, column):
        """SQL conditions keeping `column` inside the period."""
        return [condition for condition in (
            column >= self.since if self.since else None, column < self.until if self.until else None)
            if condition is not None]


WHOLE_REGION = RegistryFilter()


def share(part: int, whole: int) -> float:
    return round(part / whole, 4) if whole else 0.0
