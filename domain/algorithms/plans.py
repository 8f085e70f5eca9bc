"""Individual-plan composition from the rows of the DMN table `dmn_ip_service_set` (COLLECT).

Each row names a service code (and may override the provider lane or the due offset). The catalogue
gives every service its provider lane, the default number of days until it is due, and its place in the
plan. Duplicates collapse into one item (the earliest due date wins); items are ordered by due date,
then catalogue order, then code.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from domain.models.codes import LANES


@dataclass(frozen=True)
class ServiceSpec:
    code: str
    name_ru: str
    provider_lane: str
    due_in_days: int
    sort_order: int


@dataclass(frozen=True)
class PlanItemDraft:
    position: int
    service_code: str
    name_ru: str
    provider_lane: str
    due_date: date

    def as_dict(self) -> dict:
        return {
            "position": self.position,
            "service_code": self.service_code,
            "name_ru": self.name_ru,
            "provider_lane": self.provider_lane,
            "due_date": self.due_date.isoformat(),
        }


def rows_from_collect(columns: Mapping[str, list]) -> list[dict]:
    """Turn a COLLECT result (one list per output column) into one dict per matched row."""
    lengths = {len(values) for values in columns.values()}
    if len(lengths) > 1:
        raise ValueError(f"COLLECT columns differ in length: { {k: len(v) for k, v in columns.items()} }")
    count = lengths.pop() if lengths else 0
    return [{name: values[i] for name, values in columns.items()} for i in range(count)]


def compose_plan(
    rows: Iterable[Mapping], catalogue: Mapping[str, ServiceSpec], start: date
) -> list[PlanItemDraft]:
    chosen: dict[str, tuple[date, str, ServiceSpec]] = {}
    for row in rows:
        code = row.get("service_code")
        if not code:
            raise ValueError(f"a decision row has no service_code: {dict(row)!r}")
        spec = catalogue.get(code)
        if spec is None:
            raise ValueError(f"unknown service code {code!r}")
        lane = row.get("provider_lane") or spec.provider_lane
        if lane not in LANES:
            raise ValueError(f"unknown provider lane {lane!r} for service {code!r}")
        days = row.get("due_in_days", spec.due_in_days)
        if not isinstance(days, int) or days < 0:
            raise ValueError(f"due_in_days must be a non-negative integer for service {code!r}")
        due = start + timedelta(days=days)
        if code not in chosen or due < chosen[code][0]:
            chosen[code] = (due, lane, spec)
    ordered = sorted(chosen.values(), key=lambda item: (item[0], item[2].sort_order, item[2].code))
    return [
        PlanItemDraft(position, spec.code, spec.name_ru, lane, due)
        for position, (due, lane, spec) in enumerate(ordered, start=1)
    ]
