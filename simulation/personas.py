"""Who each young person is, drawn once per youth so that every operator who meets them answers
consistently (a pupil who plans college says so every year; a graduate employed at +6 months is still
employed at +12).

The rates are the realistic distributions of domain.md §2 and §4 (and the national figures the report
compares against); each is named so the report and the tests can refer to it.
"""
from __future__ import annotations

import random
from dataclasses import dataclass

CAREER_INTENTS = {"spo": 45, "vo": 35, "work": 8, "undecided": 12}
"""Plans after school (share of pupils): most go to a college or a university."""

LEAVES_AFTER_GRADE_9_WITH_SPO_PLAN = 0.85
"""A pupil who plans college usually leaves school after grade 9."""

ENROLMENT_RATE = {"spo": 0.94, "vo": 0.9, "work": 0.3, "undecided": 0.6}
FUNDING_WEIGHTS = {"spo": {"budget": 80, "paid": 14, "target": 6}, "vo": {"budget": 58, "paid": 28, "target": 14}}
TEMP_JOB_SHARE = 0.2
DIAGNOSTICS_SHARE = 0.75

EMPLOYED_BY_CHECKPOINT = ((0, 0.45), (6, 0.62), (12, 0.70), (24, 0.77))
"""Cumulative share of graduates employed by each outcome checkpoint (months after the diploma); the
national goal the report compares against is 80 % employed within 24 months."""

READINESS_BETA = (4.0, 2.2)
"""Readiness is Beta-distributed: most young people are fairly ready, a few not at all."""
MEAN_READINESS = READINESS_BETA[0] / sum(READINESS_BETA)

IN_SPECIALTY_IF_INTENDED = 0.75
IN_SPECIALTY_OTHERWISE = 0.35
ENTREPRENEURSHIP_SHARE = 0.06
TRAJECTORY_CHANGE_SHARE = 0.1
RETENTION_PER_CHECKPOINT = 0.93
"""Share of young specialists still at work at each retention checkpoint (3, 6, 12, 24 months)."""


@dataclass(frozen=True)
class Persona:
    """The latent traits of one young person; `readiness` (0..1) drives the profiling answers."""

    readiness: float
    motivated: bool
    work_experience: bool
    intends_specialty: bool
    career_intent: str
    leaves_after_grade_9: bool
    wants_temp_job: bool
    enrols: bool
    funding: str
    employment_draw: float
    """Uniform 0..1: employed by a checkpoint when below the share employed by then (`simulation.outcome_model`)."""
    specialty_draw: float
    """Uniform 0..1: working in the specialty when below the share doing so."""
    wants_entrepreneurship: bool
    wants_trajectory_change: bool
    retention: float = RETENTION_PER_CHECKPOINT
    """Chance of still being at work at each retention checkpoint."""
    offer_draw: float = 1.0
    """Uniform 0..1: a practice employer's job offer is taken up when below `outcome_model.OFFER_ACCEPTED`."""


@dataclass(frozen=True)
class Rates:
    """The behaviour a what-if scenario may change: the share employed within 24 months (the checkpoint
    shares scale with it, `simulation.outcome_model`) and the retention at each checkpoint."""
    employed_24_months: float = EMPLOYED_BY_CHECKPOINT[-1][1]
    retention: float = RETENTION_PER_CHECKPOINT


DEFAULT_RATES = Rates()


def draw_persona(rng: random.Random, rates: Rates = DEFAULT_RATES) -> Persona:
    readiness = rng.betavariate(*READINESS_BETA)
    intent = _weighted(rng, CAREER_INTENTS)
    level = "vo" if intent == "vo" else "spo"
    intends_specialty = rng.random() < 0.45 + 0.45 * readiness
    return Persona(
        readiness=readiness,
        motivated=rng.random() < 0.55 + 0.45 * readiness,
        work_experience=rng.random() < 0.35,
        intends_specialty=intends_specialty,
        career_intent=intent,
        leaves_after_grade_9=intent in ("spo", "work") and rng.random() < LEAVES_AFTER_GRADE_9_WITH_SPO_PLAN,
        wants_temp_job=rng.random() < TEMP_JOB_SHARE,
        enrols=rng.random() < ENROLMENT_RATE[intent],
        funding=_weighted(rng, FUNDING_WEIGHTS[level]),
        employment_draw=rng.random(),
        specialty_draw=rng.random(),
        wants_entrepreneurship=rng.random() < ENTREPRENEURSHIP_SHARE,
        wants_trajectory_change=rng.random() < TRAJECTORY_CHANGE_SHARE,
        retention=rates.retention,
        offer_draw=rng.random(),
    )


def _weighted(rng: random.Random, weights: dict[str, int]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]
