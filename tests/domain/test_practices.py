from __future__ import annotations

import pytest

from domain.algorithms.practices import PracticeCandidate, suggest_practices

LIBRARY = [
    PracticeCandidate("p1", "Наставничество", "mentoring"),
    PracticeCandidate("p2", "Наставничество в больнице", "mentoring", ("86",)),
    PracticeCandidate("p3", "Корпоративное жильё", "housing", ("25", "28"), "large"),
    PracticeCandidate("p4", "Welcome-день", "onboarding"),
    PracticeCandidate("p5", "Черновик", "training", status="draft"),
    PracticeCandidate("p6", "Ипотека", "housing", (), "large"),
]


def ids(practices):
    return [p.id for p in practices]


def test_industry_specific_first_and_other_industries_excluded():
    assert ids(suggest_practices(okved="86.10", size="medium", practices=LIBRARY)) == ["p2", "p4", "p1"]


def test_size_limits_and_one_per_category_first():
    result = suggest_practices(okved="28.41", size="large", practices=LIBRARY)
    assert ids(result) == ["p3", "p4", "p1", "p6"]
    assert "p3" not in ids(suggest_practices(okved="28.41", size="small", practices=LIBRARY))


def test_limit_and_bad_input():
    assert len(suggest_practices(okved="28.41", size="large", practices=LIBRARY, limit=2)) == 2
    with pytest.raises(ValueError):
        suggest_practices(okved="28.41", size="huge", practices=LIBRARY)
    with pytest.raises(ValueError):
        suggest_practices(okved="28.41", size="large", practices=LIBRARY, limit=0)
