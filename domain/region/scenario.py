"""A what-if scenario: the region's parameters as they stood (the baseline) and the analyst's changes to them,
each with its reason; kept as JSON (the web's scenario rows, the file `profroute simulate --scenario` reads)."""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path

from domain.region.parameters import RegionParameters

MAX_REASON = 500


@dataclass(frozen=True)
class Change:
    parameter: str
    value: float
    reason: str


@dataclass(frozen=True)
class Scenario:
    name: str
    baseline: RegionParameters
    changes: tuple[Change, ...] = ()
    author: str = ""
    created_at: str = ""
    region_youths: int = 0
    """Young people in the region the baseline was copied from (a smaller simulation says it is scaled)."""

    @property
    def edited(self) -> RegionParameters:
        return RegionParameters.from_dict({**self.baseline.as_dict(),
                                           **{change.parameter: change.value for change in self.changes}})

    def as_dict(self) -> dict:
        return {"name": self.name, "author": self.author, "created_at": self.created_at,
                "region_youths": self.region_youths,
                "baseline": self.baseline.as_dict(),
                "changes": [{"parameter": c.parameter, "value": c.value, "reason": c.reason} for c in self.changes]}

    @classmethod
    def from_dict(cls, data: dict) -> Scenario:
        """ValueError (in English) when the document is not a scenario: a name, a baseline of known parameters,
        changes each to a known parameter, in range, with a reason."""
        if not isinstance(data, dict) or not str(data.get("name") or "").strip():
            raise ValueError("a scenario needs a name")
        baseline = RegionParameters.from_dict(data.get("baseline") or {})
        changes = []
        for entry in data.get("changes") or []:
            if not isinstance(entry, dict) or not str(entry.get("reason") or "").strip():
                raise ValueError(f"every change needs a reason: {entry!r}")
            if len(str(entry["reason"])) > MAX_REASON:
                raise ValueError(f"a reason is at most {MAX_REASON} characters")
            changes.append(Change(str(entry.get("parameter")), entry.get("value"), str(entry["reason"]).strip()))
        scenario = cls(str(data["name"]).strip(), baseline, tuple(changes), str(data.get("author") or ""),
                       str(data.get("created_at") or ""), int(data.get("region_youths") or 0))
        scenario.edited  # noqa: B018  (checks every change's parameter and value)
        return scenario

    def with_change(self, change: Change) -> Scenario:
        kept = tuple(c for c in self.changes if c.parameter != change.parameter)
        return replace(self, changes=(*kept, change))


def load_scenario(path: Path) -> Scenario:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"cannot read the scenario {path}: {error}") from error
    return Scenario.from_dict(data)
