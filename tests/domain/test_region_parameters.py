"""A what-if scenario's parameters on the hand-built region: read as they stand, changed on the rows, carried
to a smaller region by ratio; a scenario document refuses changes without a reason or out of range."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from domain.models import Curator, CuratorEduOrg
from domain.region.parameters import RegionParameters, apply_parameters, region_parameters
from domain.region.scenario import Change, Scenario
from tests.domain.analytics_region import build_region


@pytest.fixture
def session(domain_engine):
    with Session(domain_engine) as session:
        build_region(session)
        yield session


def test_parameters_as_the_registries_hold_them(session):
    assert region_parameters(session) == RegionParameters(curators=2, curator_cap=40, practice_places=5,
                                                          event_places=0, staffing_need=0)


def test_two_more_curators_and_fifty_more_places_change_the_rows(session):
    base = region_parameters(session)
    session.add(CuratorEduOrg(curator_id="cur-1", edu_org_id="college-a"))
    session.flush()
    apply_parameters(session, RegionParameters(curators=4, curator_cap=30, practice_places=55, event_places=0,
                                               staffing_need=0))
    assert region_parameters(session) == RegionParameters(4, 30, 55, 0, 0)
    added = session.scalars(select(Curator).where(Curator.id.like("%-s%")).order_by(Curator.id)).all()
    assert [(c.czn_office_id, c.max_caseload) for c in added] == [("czn-1", 30), ("czn-2", 30)]
    assert session.scalar(select(func.count()).select_from(CuratorEduOrg)) == 2  # cur-1's college, copied once
    apply_parameters(session, RegionParameters(1, 30, 0, 0, 0))
    assert region_parameters(session).curators == 1 and region_parameters(session).practice_places == 0
    assert base.curators == 2


def test_a_scenario_carries_to_a_smaller_region_by_ratio():
    base = RegionParameters(curators=4, curator_cap=40, practice_places=400, event_places=100, staffing_need=10)
    scenario = Scenario("x", base, (Change("curators", 6, "нагрузка"), Change("practice_places", 450, "спрос"),
                                    Change("retention", 0.95, "программа удержания")))
    small = RegionParameters(curators=2, curator_cap=40, practice_places=40, event_places=10, staffing_need=3)
    assert scenario.edited.scaled_to(base, small) == RegionParameters(3, 40, 45, 10, 3, 0.77, 0.95)


def test_a_scenario_document_is_checked():
    base = RegionParameters(4, 40, 400, 100, 10).as_dict()
    good = Scenario.from_dict({"name": "A", "baseline": base,
                               "changes": [{"parameter": "curators", "value": "6", "reason": "r"}]})
    assert good.edited.curators == 6 and Scenario.from_dict(good.as_dict()) == good
    for changes in ([{"parameter": "curators", "value": 6, "reason": " "}],
                    [{"parameter": "wizards", "value": 6, "reason": "r"}],
                    [{"parameter": "retention", "value": 1.5, "reason": "r"}],
                    [{"parameter": "curators", "value": 0, "reason": "r"}]):
        with pytest.raises(ValueError):
            Scenario.from_dict({"name": "A", "baseline": base, "changes": changes})
    with pytest.raises(ValueError):
        Scenario.from_dict({"name": "", "baseline": base})
