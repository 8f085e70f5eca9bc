"""Employment after the diploma as the graduate's study record moves it: a completed practice with an employer
(and the employer's evaluation) raises the chance and the speed of finding work and of work in the specialty;
a practice employer's job offer hires the graduate; curator support lost to caseloads above the cap lowers it.
This is what lets a what-if scenario's practice places and curators change the 24-month KPI.

Each graduate has one draw per outcome (`Persona.employment_draw`, `specialty_draw`, `offer_draw`): employed by
checkpoint m (0, 6, 12, 24 months after the diploma) when the draw is below the cumulative share F_m of their
record. F_m never falls with m and a record only gains practices, so a graduate found employed stays
so at later checkpoints (leaving a job is the retention checkpoints' business).

- **No record**: the region's graduates the simulation did not see studying. F_m is the calibrated curve
  (`personas.EMPLOYED_BY_CHECKPOINT`, 45 / 62 / 70 / 77 %, scaled by the scenario's employment rate).
- **A practice employer's offer**, accepted with `OFFER_ACCEPTED`: employed from the first checkpoint after
  the practice was agreed, at that employer, in the specialty. The map's risk model weighs an employer's offer after
  the practice as it weighs a target-training contract, whose customer must employ (−3 points, domain.md §4.1).
- **Otherwise** F_m = REST_m + PRACTICE_EFFECT_m × (practice − REFERENCE.practice)
  − CURATOR_EFFECT × (shortfall − REFERENCE.shortfall), clipped to 0..1, where REST_m = (F_m − o) / (1 − o)
  takes the accepted offers' share o = REFERENCE.offers out of the curve. `practice` is `PRACTICE_VALUE` of the
  best practice's evaluation (done, or agreed and under way: the final year's internship runs past the diploma;
  0 without one: the risk model's +2 points for a practice not done or
  failed, domain.md §4.1); `shortfall` is the share of the monthly curator meetings a high-risk student lost
  (domain.md §4.2 «curator_meeting_monthly», §4.4: cap 40): 1 − cap / caseload of their curator when assigned
  above the cap, 1 with no curator at all.

REFERENCE is the mean record of the graduates the baseline simulation sees studying (the region generator's
practice places and curators); centring on it keeps a baseline region at the calibrated shares on average,
while a region with more practice (or fewer curators) moves away from them. The effect sizes are assumptions:
no public figures tie them together; for orientation, Минтруд's monitoring finds 53 % of college graduates
employed in the year of the diploma and 68.5 % in the second year (A. Котяков, Nov 2024), and in the Moscow
region, whose colleges place their students' practice with partner employers, more than half get their first
job in the specialty during the studies (Минобразования МО, Dec 2025)."""
from __future__ import annotations

from dataclasses import dataclass

from simulation.personas import EMPLOYED_BY_CHECKPOINT, IN_SPECIALTY_IF_INTENDED, IN_SPECIALTY_OTHERWISE, Rates

PRACTICE_VALUE = {5: 1.0, 4: 0.8, 3: 0.5}
"""What a completed practice is worth by the employer's evaluation (2 fails the practice: worth nothing)."""
PRACTICE_EFFECT = {0: 0.20, 6: 0.16, 12: 0.12, 24: 0.10}
"""Share points added at each checkpoint by a practice worth 1 over the reference: most at the diploma (speed)."""
SPECIALTY_PRACTICE_EFFECT = 0.25
"""Share points of work in the specialty added by a practice worth 1 over the reference."""
OFFER_ACCEPTED = 0.6
"""Share of practice employers' job offers the graduate takes up."""
CURATOR_EFFECT = 0.10
"""Share points lost at each checkpoint by a graduate who lost all of their curator's support."""


@dataclass(frozen=True)
class StudyRecord:
    """What the registries show of a graduate's studies by a checkpoint (`simulation.study_record`)."""
    practice: float = 0.0
    offer_employer_id: str | None = None
    """The employer of a practice who offered a job."""
    shortfall: float = 0.0


@dataclass(frozen=True)
class Reference:
    offers: float
    """Share of the graduates with a practice employer's offer taken up."""
    practice: float
    """Mean practice value of the others."""
    shortfall: float
    """Mean curator support lost."""


REFERENCE = Reference(offers=0.126, practice=0.312, shortfall=0.0)
"""Measured: `.venv/bin/python bench/outcome_reference.py --youths 60 --years 3 --seeds 1 2 3 4 5` (81 graduates
seen studying; the seeds' practice means range 0.14–0.72; no curator above the cap in any baseline)."""


@dataclass(frozen=True)
class Outcome:
    employed: bool
    in_specialty: bool
    employer_id: str | None = None
    """The employer who hired the graduate when it was a practice employer's offer."""


def outcome_at(months: float, record: StudyRecord | None, employment_draw: float, specialty_draw: float,
               offer_draw: float, intends_specialty: bool, rates: Rates) -> Outcome:
    """The graduate's employment at `months` after the diploma (between checkpoints: as at the last one passed)."""
    if record is not None and record.offer_employer_id and offer_draw < OFFER_ACCEPTED:
        return Outcome(True, True, record.offer_employer_id)
    employed = employment_draw < employed_share(months, record, rates)
    return Outcome(employed, employed and specialty_draw < specialty_share(record, intends_specialty))


def employed_share(months: float, record: StudyRecord | None, rates: Rates) -> float:
    """F_m: the cumulative share employed by the last checkpoint at or before `months`."""
    passed = [(checkpoint, share) for checkpoint, share in EMPLOYED_BY_CHECKPOINT if checkpoint <= months]
    if not passed:
        return 0.0
    checkpoint, share = passed[-1]
    base = min(1.0, share * rates.employed_24_months / EMPLOYED_BY_CHECKPOINT[-1][1])
    if record is None:
        return base
    rest = _without_offers(base)
    return _clip(rest + PRACTICE_EFFECT[checkpoint] * (record.practice - REFERENCE.practice)
                 - CURATOR_EFFECT * (record.shortfall - REFERENCE.shortfall))


def specialty_share(record: StudyRecord | None, intends_specialty: bool) -> float:
    base = IN_SPECIALTY_IF_INTENDED if intends_specialty else IN_SPECIALTY_OTHERWISE
    if record is None:
        return base
    return _clip(_without_offers(base) + SPECIALTY_PRACTICE_EFFECT * (record.practice - REFERENCE.practice))


def _without_offers(share: float) -> float:
    return (share - REFERENCE.offers) / (1 - REFERENCE.offers)


def _clip(share: float) -> float:
    return min(1.0, max(0.0, share))
