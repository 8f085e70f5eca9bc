from __future__ import annotations

from datetime import date

import pytest

from domain.algorithms.exam_session import (
    DebtRecord,
    SessionResults,
    previous_session_end,
    session_ends,
    settle_debts,
)

WINTER_27, SUMMER_27, WINTER_28 = date(2027, 1, 31), date(2027, 6, 30), date(2028, 1, 31)


def test_session_ends_between_two_days():
    assert session_ends(date(2026, 11, 2), date(2027, 12, 31)) == [WINTER_27, SUMMER_27]
    assert session_ends(WINTER_27, WINTER_27) == []
    assert session_ends(date(2027, 1, 30), WINTER_27) == [WINTER_27]
    assert previous_session_end(WINTER_27) == date(2026, 6, 30)
    assert previous_session_end(SUMMER_27) == WINTER_27
    with pytest.raises(ValueError):
        previous_session_end(date(2027, 2, 1))


def test_retakes_clear_debts_and_the_date_goes_with_the_last_one():
    settled = settle_debts(DebtRecord(2, WINTER_27), SessionResults(2, 0), session_end=SUMMER_27)
    assert (settled.count, settled.since, settled.cleared, settled.expelled) == (0, None, 2, False)


def test_new_debts_are_dated_to_their_session_unless_an_older_one_is_open():
    fresh = settle_debts(DebtRecord(0, None), SessionResults(0, 1), session_end=SUMMER_27)
    assert (fresh.count, fresh.since, fresh.new) == (1, SUMMER_27, 1)
    older = settle_debts(DebtRecord(1, WINTER_27), SessionResults(0, 2), session_end=SUMMER_27)
    assert (older.count, older.since, older.expelled) == (3, WINTER_27, False)


def test_a_debt_still_open_a_year_after_its_session_expels():
    first_round = settle_debts(DebtRecord(1, WINTER_27), SessionResults(0, 0), session_end=SUMMER_27)
    assert not first_round.expelled
    second_round = settle_debts(DebtRecord(1, WINTER_27), SessionResults(0, 1), session_end=WINTER_28)
    assert (second_round.expelled, second_round.count, second_round.new) == (True, 1, 0)
    cleared_in_time = settle_debts(DebtRecord(1, WINTER_27), SessionResults(1, 0), session_end=WINTER_28)
    assert not cleared_in_time.expelled


def test_a_debt_of_unknown_date_is_taken_from_the_session_before():
    settled = settle_debts(DebtRecord(1, None), SessionResults(0, 0), session_end=WINTER_27)
    assert (settled.since, settled.expelled) == (date(2026, 6, 30), False)
    assert settle_debts(DebtRecord(1, settled.since), SessionResults(0, 0), session_end=SUMMER_27).expelled


def test_bad_inputs():
    with pytest.raises(ValueError):
        settle_debts(DebtRecord(1, None), SessionResults(2, 0), session_end=WINTER_27)
    with pytest.raises(ValueError):
        DebtRecord(-1, None)
    with pytest.raises(ValueError):
        SessionResults(0, -1)
