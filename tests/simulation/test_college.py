"""The colleges' registry updates of the simulation: each student's exam session drawn from their persona."""
from __future__ import annotations

import random

from simulation.college import NEW_DEBT_CHANCE, RETAKE_PASS_RATE, draw_session, new_debt_chance
from simulation.personas import MEAN_READINESS


def test_less_ready_students_get_more_new_debts():
    assert new_debt_chance(1.0) == NEW_DEBT_CHANCE[0]
    assert new_debt_chance(0.0) > new_debt_chance(MEAN_READINESS) > new_debt_chance(1.0)
    assert 0.1 < new_debt_chance(MEAN_READINESS) < 0.15


def test_most_debts_are_cleared_at_the_retakes():
    rng = random.Random(3)
    draws = [draw_session(rng, 1, MEAN_READINESS) for _ in range(4000)]
    passed = sum(draw.retakes_passed for draw in draws) / len(draws)
    assert abs(passed - RETAKE_PASS_RATE) < 0.03
    assert all(0 <= draw.new_debts <= 3 for draw in draws)
    assert draw_session(random.Random("x"), 2, 0.5) == draw_session(random.Random("x"), 2, 0.5)
