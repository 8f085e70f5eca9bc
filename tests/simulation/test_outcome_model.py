"""The graduates' employment as their study record moves it: a baseline-like mix of records keeps the calibrated
shares on average; a completed practice (better evaluated: more) raises the chance and speed of employment and of
work in the specialty; a practice employer's offer hires; curator support lost lowers it."""
from __future__ import annotations

import random

import pytest

from simulation.outcome_model import (
    OFFER_ACCEPTED,
    PRACTICE_VALUE,
    REFERENCE,
    StudyRecord,
    employed_share,
    outcome_at,
    specialty_share,
)
from simulation.personas import DEFAULT_RATES, EMPLOYED_BY_CHECKPOINT, Rates

CHECKPOINTS = [months for months, _share in EMPLOYED_BY_CHECKPOINT]


def test_a_baseline_mix_of_records_keeps_the_calibrated_shares_on_average():
    # the reference mix: accepted offers at their share, the others' practice at its mean value
    rest = StudyRecord(practice=REFERENCE.practice, shortfall=REFERENCE.shortfall)
    for months, share in EMPLOYED_BY_CHECKPOINT:
        mixed = REFERENCE.offers * 1.0 + (1 - REFERENCE.offers) * employed_share(months, rest, DEFAULT_RATES)
        assert mixed == pytest.approx(share, abs=1e-9)
    assert employed_share(24, None, DEFAULT_RATES) == pytest.approx(0.77)
    assert employed_share(3, None, DEFAULT_RATES) == pytest.approx(0.45), "between checkpoints: as at the last one"


def test_practice_raises_the_chance_and_speed_of_employment_and_work_in_the_specialty():
    none, fair, good = (StudyRecord(practice=PRACTICE_VALUE.get(evaluation, 0.0)) for evaluation in (2, 3, 5))
    for months in CHECKPOINTS:
        assert employed_share(months, none, DEFAULT_RATES) < employed_share(months, fair, DEFAULT_RATES) < (
            employed_share(months, good, DEFAULT_RATES))
    gain = [employed_share(m, good, DEFAULT_RATES) - employed_share(m, none, DEFAULT_RATES) for m in CHECKPOINTS]
    assert gain == sorted(gain, reverse=True), "most of the gain comes early: faster employment"
    assert specialty_share(good, True) > specialty_share(none, True)
    assert specialty_share(good, False) > specialty_share(none, False)


def test_a_practice_employers_offer_hires_the_graduate_in_the_specialty():
    record = StudyRecord(practice=1.0, offer_employer_id="employer-7")
    taken = outcome_at(0, record, employment_draw=0.99, specialty_draw=0.99, offer_draw=OFFER_ACCEPTED - 0.01,
                       intends_specialty=False, rates=DEFAULT_RATES)
    assert taken.employed and taken.in_specialty and taken.employer_id == "employer-7"
    declined = outcome_at(0, record, employment_draw=0.99, specialty_draw=0.99, offer_draw=OFFER_ACCEPTED,
                          intends_specialty=False, rates=DEFAULT_RATES)
    assert not declined.employed and declined.employer_id is None


def test_curator_support_lost_lowers_employment():
    for months in CHECKPOINTS:
        assert employed_share(months, StudyRecord(shortfall=0.5), DEFAULT_RATES) < employed_share(
            months, StudyRecord(shortfall=0.0), DEFAULT_RATES)


def test_an_employed_graduate_stays_employed_at_later_checkpoints_and_the_rates_scale_the_shares():
    rng = random.Random(3)
    for _ in range(500):
        record = StudyRecord(practice=rng.choice([0.0, 0.5, 1.0]), shortfall=rng.choice([0.0, 0.6]))
        draws = rng.random(), rng.random(), rng.random()
        employed = [outcome_at(m, record, *draws, True, DEFAULT_RATES).employed for m in (0, 4.5, 6, 12, 24)]
        assert employed == sorted(employed), employed
    assert employed_share(24, None, Rates(employed_24_months=0.5)) == pytest.approx(0.5)
