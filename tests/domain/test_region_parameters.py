"""A what-if scenario's parameters on the hand-built region: read as they stand (practice places per programme of
the school year under way), changed on the rows, carried to a smaller region by ratio; a scenario document
refuses changes without a reason, out of range or of a programme the baseline does not have."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.models import Curator, CuratorEduOrg, PracticeSlot
from domain.region.parameters import RegionParameters, apply_parameters, region_parameters
from domain.region.scenario import Change, Scenario
from tests.domain.analytics_region import build_region

TODAY = date(2025, 1, 15)
"""In the school year 2024/25, that of the region's one practice slot (spring 2025)."""
A, B = "college-a/15.02.16", "college-b/15.01.05"


@pytest.fixture
def session(domain_engine):
    with Session(domain_engine) as session:
        build_region(session)
        yield session


def test_parameters_as_the_registries_hold_them(session):
    assert region_parameters(session, TODAY) == RegionParameters(
        curators=2, curator_cap=40, practice_places=0, event_places=0, staffing_need=0,
        practice_by_programme={A: 5, B: 0})
    assert region_parameters(session, date(2031, 1, 1)).practice_by_programme == {A: 5, B: 0}, (
        "a year without slots reads the nearest one that has")


def test_two_more_curators_and_fifty_more_places_change_the_rows(session):
    base = region_parameters(session, TODAY)
    session.add(CuratorEduOrg(curator_id="cur-1", edu_org_id="college-a"))
    session.flush()
    target = RegionParameters(curators=4, curator_cap=30, practice_places=0, event_places=0, staffing_need=0,
                              practice_by_programme={A: 49, B: 6})
    apply_parameters(session, target, TODAY)
    assert region_parameters(session, TODAY) == target
    added = session.scalars(select(Curator).where(Curator.id.like("%-s%")).order_by(Curator.id)).all()
    assert [(c.czn_office_id, c.max_caseload) for c in added] == [("czn-1", 30), ("czn-2", 30)]
    assert session.scalar(select(func.count()).select_from(CuratorEduOrg)) == 2  # cur-1's college, copied once
    base_b = session.scalars(select(PracticeSlot).where(PracticeSlot.edu_org_id == "college-b")
                             .order_by(PracticeSlot.kind)).all()
    # a programme of three years: production for its one middle course, the internship for its final year
    assert [(slot.kind, slot.capacity, slot.employer_id, slot.accepted_okso_codes) for slot in base_b] == [
        ("internship", 3, "employer-1", ["15.01.05"]), ("production", 3, "employer-1", ["15.01.05"])]
    apply_parameters(session, RegionParameters(1, 30, 0, 0, 0, practice_by_programme={A: 0, B: 0}), TODAY)
    assert region_parameters(session, TODAY).curators == 1
    assert region_parameters(session, TODAY).practice_by_programme == {A: 0, B: 0}
    assert base.curators == 2


def test_places_are_not_taken_below_what_is_filled(session):
    session.get(PracticeSlot, "slot-a").filled = 3
    apply_parameters(session, RegionParameters(2, 40, 0, 0, 0, practice_by_programme={A: 1, B: 0}), TODAY)
    assert region_parameters(session, TODAY).practice_by_programme[A] == 3


def test_a_scenario_carries_to_a_smaller_region_by_ratio():
    base = RegionParameters(curators=4, curator_cap=40, practice_places=400, event_places=100, staffing_need=10,
                            practice_by_programme={"c-1/15.02.16": 20, "c-2/34.02.01": 20, "c-3/44.02.01": 0})
    scenario = Scenario("x", base, (Change("curators", 6, "нагрузка"), Change("practice_places", 450, "спрос"),
                                    Change("retention", 0.95, "программа удержания"),
                                    Change("practice_by_programme", 30, "студенты без мест", "c-1/15.02.16"),
                                    Change("practice_by_programme", 10, "студенты без мест", "c-2/34.02.01"),
                                    Change("practice_by_programme", 8, "новая база", "c-3/44.02.01")))
    small = RegionParameters(curators=2, curator_cap=40, practice_places=40, event_places=10, staffing_need=3,
                             practice_by_programme={"c-1/15.02.16": 4, "c-9/34.02.01": 2, "c-8/34.02.01": 6})
    carried = scenario.edited.scaled_to(base, small)
    # the small region's programme places are 0.3 of the baseline's: +10 -> +3, -10 -> -3 (to the specialty's
    # programme with the most places), and 44.02.01 is not taught there
    assert carried == RegionParameters(3, 40, 45, 10, 3, 0.77, 0.95, practice_by_programme={
        "c-1/15.02.16": 7, "c-9/34.02.01": 2, "c-8/34.02.01": 3})
    assert scenario.edited.programmes_left_out(base, small) == ["c-3/44.02.01"]
    assert scenario.edited.scaled_to(base, base) == scenario.edited, "the same region takes the scenario as it is"


def test_a_scenario_document_is_checked():
    base = RegionParameters(4, 40, 400, 100, 10, practice_by_programme={A: 5}).as_dict()
    good = Scenario.from_dict({"name": "A", "baseline": base,
                               "changes": [{"parameter": "curators", "value": "6", "reason": "r"},
                                           {"parameter": "practice_by_programme", "programme": A, "value": 9,
                                            "reason": "r"}]})
    assert good.edited.curators == 6 and good.edited.practice_by_programme == {A: 9}
    assert Scenario.from_dict(good.as_dict()) == good
    assert [good.was(change) for change in good.changes] == [4, 5]
    for changes in ([{"parameter": "curators", "value": 6, "reason": " "}],
                    [{"parameter": "wizards", "value": 6, "reason": "r"}],
                    [{"parameter": "retention", "value": 1.5, "reason": "r"}],
                    [{"parameter": "curators", "value": 0, "reason": "r"}],
                    [{"parameter": "practice_by_programme", "programme": B, "value": 3, "reason": "r"}],
                    [{"parameter": "practice_by_programme", "programme": A, "value": -1, "reason": "r"}]):
        with pytest.raises(ValueError):
            Scenario.from_dict({"name": "A", "baseline": base, "changes": changes})
    with pytest.raises(ValueError):
        Scenario.from_dict({"name": "", "baseline": base})
    with pytest.raises(ValueError):
        Scenario.from_dict({"name": "A", "baseline": {**base, "practice_by_programme": [A]}})


def test_small_changes_scaled_down_keep_their_sum():
    keys = [f"c-1/0{n}.02.01" for n in range(1, 6)]
    base = RegionParameters(2, 40, 0, 0, 0, practice_by_programme=dict.fromkeys(keys, 10))
    scenario = Scenario("x", base, tuple(Change("practice_by_programme", 12, "спрос", key) for key in keys))
    small = RegionParameters(1, 40, 0, 0, 0, practice_by_programme=dict.fromkeys(keys, 2))
    # +2 each at a fifth of the places: 0.4 each, 2 in all, to the first two (equal remainders: by key)
    assert scenario.edited.scaled_to(base, small).practice_by_programme == {
        keys[0]: 3, keys[1]: 3, keys[2]: 2, keys[3]: 2, keys[4]: 2}
