from __future__ import annotations

import pytest

from domain.algorithms.curators import CuratorCandidate, CuratorNeeds, choose_curator, release_rule


def curator(id_, *, office="czn-001", orgs=("college-001",), caseload=10, cap=40, spec=(), active=True):
    return CuratorCandidate(id_, office, frozenset(orgs), caseload, cap, frozenset(spec), active)


NEEDS = CuratorNeeds(czn_office_id="czn-001", edu_org_id="college-001")


def test_keeps_the_current_active_curator_even_when_full():
    current = curator("c-1", caseload=40)
    decision = choose_curator(
        CuratorNeeds("czn-001", "college-001", current_curator_id="c-1"),
        [current, curator("c-2", caseload=0)],
    )
    assert (decision.outcome, decision.curator_id, decision.reasons) == ("keep", "c-1", ("continuity",))


def test_hands_over_when_the_current_curator_left():
    decision = choose_curator(
        CuratorNeeds("czn-001", "college-001", current_curator_id="c-1"),
        [curator("c-1", active=False), curator("c-2")],
    )
    assert decision.outcome == "assign" and decision.curator_id == "c-2"
    assert "handover_from_inactive_curator" in decision.reasons


def test_only_curators_of_the_office_attached_to_the_edu_org_qualify():
    candidates = [
        curator("other-office", office="czn-002", caseload=0),
        curator("other-college", orgs=("college-009",), caseload=0),
        curator("busy", caseload=30),
    ]
    assert choose_curator(NEEDS, candidates).curator_id == "busy"


def test_specialisation_beats_a_lower_caseload():
    needs = CuratorNeeds("czn-001", "college-001", has_disability=True, is_minor=True)
    candidates = [
        curator("general", caseload=1),
        curator("disability", caseload=20, spec=("disability",)),
        curator("both", caseload=35, spec=("disability", "minors")),
    ]
    decision = choose_curator(needs, candidates)
    assert decision.curator_id == "both"
    assert "specialisation:disability,minors" in decision.reasons


def test_lowest_caseload_then_id_breaks_ties():
    candidates = [curator("c-b", caseload=5), curator("c-a", caseload=5), curator("c-c", caseload=7)]
    assert choose_curator(NEEDS, candidates).curator_id == "c-a"


def test_escalates_when_everybody_is_at_the_cap():
    candidates = [curator("c-1", caseload=40), curator("c-2", caseload=12, cap=12)]
    decision = choose_curator(NEEDS, candidates)
    assert (decision.outcome, decision.curator_id) == ("escalate", None)
    assert decision.reasons == ("all_curators_at_capacity",)


def test_escalates_when_nobody_is_attached():
    assert choose_curator(NEEDS, []).as_dict() == {
        "outcome": "escalate",
        "curator_id": None,
        "reasons": ["no_curator_attached_to_edu_org"],
    }


@pytest.mark.parametrize(
    ("levels", "kwargs", "expected"),
    [
        (["high", "acceptable", "acceptable"], {}, (True, "risk_acceptable")),
        (["acceptable", "high", "acceptable"], {}, (False, None)),
        (["acceptable"], {}, (False, None)),
        ([], {"graduated_with_employment": True}, (True, "graduated_employed")),
        (["high"], {"expelled": True}, (True, "expelled")),
    ],
)
def test_release_rule(levels, kwargs, expected):
    decision = release_rule(levels, **kwargs)
    assert (decision.release, decision.reason) == expected


def test_release_rule_rejects_unknown_levels():
    with pytest.raises(ValueError):
        release_rule(["medium"])
