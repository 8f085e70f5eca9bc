"""What a simulated operator knows when filling a form: the task and its data (as the web shows them), the
young person's persona, registry facts and (for a graduate's employment) study record, the region's employers,
and a random source of their own."""
from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from simulation.outcome_model import StudyRecord
from simulation.personas import DEFAULT_RATES, Persona, Rates
from simulation.region_facts import RegionFacts, YouthFacts

MOSCOW_OFFSET = timedelta(hours=3)


@dataclass(frozen=True)
class AnswerContext:
    element_id: str
    process_key: str
    data: Mapping[str, Any]
    now: datetime
    rng: random.Random
    case_persona: Persona | None
    youth: YouthFacts | None
    region: RegionFacts
    round: int
    """How many tasks of this element this case had before (0 for the first)."""
    study_record: StudyRecord | None = None
    """The graduate's study record (only for the forms of `answers.NEEDS_STUDY_RECORD`; None: not seen studying)."""
    rates: Rates = DEFAULT_RATES

    @property
    def persona(self) -> Persona:
        if self.case_persona is None:
            raise LookupError(f"{self.element_id}: a youth's form on a case without a young person")
        return self.case_persona

    @property
    def today(self) -> date:
        return (self.now + MOSCOW_OFFSET).date()

    def nested(self, *path: str) -> Any:
        """A value deep in the task data, or None when any step is missing."""
        value: Any = self.data
        for key in path:
            if not isinstance(value, Mapping):
                return None
            value = value.get(key)
        return value

    def chance(self, probability: float) -> bool:
        return self.rng.random() < probability


def add_years(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
