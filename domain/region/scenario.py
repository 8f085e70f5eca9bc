"""A what-if scenario: the region's parameters as they stood (the baseline) and the analyst's changes to them,
each with its reason; kept as JSON (the web's scenario rows, the file `profroute simulate --scenario` reads).
A change of a programme's practice places names the programme ("college/ОКСО code" of the baseline's
`practice_by_programme`)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from domain.region.parameters import PROGRAMME_PLACES, RegionParameters

MAX_REASON = 500


@dataclass(frozen=True)
class Change:
    parameter: str
    value: float
    reason: str
    programme: str = ""
    """The programme whose practice places change (only for `practice_by_programme`)."""


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
        values = self.baseline.as_dict()
        for change in self.changes:
            if change.parameter == PROGRAMME_PLACES:
                values[PROGRAMME_PLACES] = {**values[PROGRAMME_PLACES], change.programme: change.value}
            else:
                values[change.parameter] = change.value
        return RegionParameters.from_dict(values)

    def was(self, change: Change) -> float:
        """The baseline's value of what the change changes."""
        if change.parameter == PROGRAMME_PLACES:
            return self.baseline.practice_by_programme[change.programme]
        return getattr(self.baseline, change.parameter)

    def as_dict(self) -> dict:
        return {"name": self.name, "author": self.author, "created_at": self.created_at,
                "region_youths": self.region_youths,
                "baseline": self.baseline.as_dict(),
                "changes": [{"parameter": c.parameter, **({"programme": c.programme} if c.programme else {}),
                             "value": c.value, "reason": c.reason} for c in self.changes]}

    @classmethod
    def from_dict(cls, data: dict) -> Scenario:
        """ValueError (in English) when the document is not a scenario: a name, a baseline of known parameters,
        changes each to a known parameter (a programme of the baseline), in range, with a reason."""
        if not isinstance(data, dict) or not str(data.get("name") or "").strip():
            raise ValueError("a scenario needs a name")
        baseline = RegionParameters.from_dict(data.get("baseline") or {})
        changes = []
        for entry in data.get("changes") or []:
            if not isinstance(entry, dict) or not str(entry.get("reason") or "").strip():
                raise ValueError(f"every change needs a reason: {entry!r}")
            if len(str(entry["reason"])) > MAX_REASON:
                raise ValueError(f"a reason is at most {MAX_REASON} characters")
            parameter, programme = str(entry.get("parameter")), str(entry.get("programme") or "")
            if parameter == PROGRAMME_PLACES and programme not in baseline.practice_by_programme:
                raise ValueError(f"a change of practice places names a programme of the baseline: {entry!r}")
            changes.append(Change(parameter, entry.get("value"), str(entry["reason"]).strip(), programme))
        scenario = cls(str(data["name"]).strip(), baseline, tuple(changes), str(data.get("author") or ""),
                       str(data.get("created_at") or ""), int(data.get("region_youths") or 0))
        scenario.edited  # noqa: B018  (checks every change's parameter and value)
        return scenario


def load_scenario(path: Path) -> Scenario:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ValueError(f"cannot read the scenario {path}: {error}") from error
    return Scenario.from_dict(data)
