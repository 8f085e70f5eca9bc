from __future__ import annotations

import pytest

from domain.algorithms.vacancies import REASON_TEXT_RU, JobSeeker, VacancyCandidate, recommend_vacancies


def vacancy(id_, okso="09.02.07", **kwargs):
    defaults = {"title": f"Вакансия {id_}", "employer_id": "e1", "region_code": "40"}
    return VacancyCandidate(id_, okso_code=okso, **(defaults | kwargs))


SEEKER = JobSeeker(okso_code="09.02.07", region_code="40")


def ids(recommendations):
    return [r.vacancy_id for r in recommendations]


def test_filters_region_status_and_specialty():
    vacancies = [
        vacancy("ok"),
        vacancy("closed", status="closed"),
        vacancy("elsewhere", region_code="71"),
        vacancy("nurse", okso="34.02.01"),
        vacancy("no-code", okso=None),
    ]
    assert ids(recommend_vacancies(SEEKER, vacancies)) == ["ok"]


def test_okso_before_ugs_even_with_a_lower_salary():
    vacancies = [vacancy("ugs", okso="09.03.04", salary_to=150_000), vacancy("okso", salary_to=40_000)]
    result = recommend_vacancies(SEEKER, vacancies)
    assert ids(result) == ["okso", "ugs"]
    assert result[1].reasons[0] == "ugs_match"


def test_ugs_given_without_okso_still_matches():
    result = recommend_vacancies(SEEKER, [vacancy("group-only", okso=None, ugs_code="09.00.00")])
    assert ids(result) == ["group-only"]


def test_no_experience_first_then_young_specialists_then_salary():
    vacancies = [
        vacancy("needs-exp", requires_experience=True, for_young_specialists=True, salary_to=200_000),
        vacancy("rich", salary_from=90_000),
        vacancy("young", for_young_specialists=True, salary_to=50_000),
        vacancy("poor", salary_from=30_000),
    ]
    assert ids(recommend_vacancies(SEEKER, vacancies)) == ["young", "rich", "poor", "needs-exp"]
    experienced = JobSeeker("09.02.07", "40", has_experience=True)
    assert ids(recommend_vacancies(experienced, vacancies))[0] == "needs-exp"


def test_salary_expectation_ranks_and_explains():
    seeker = JobSeeker("09.02.07", "40", expected_salary=60_000)
    result = recommend_vacancies(seeker, [vacancy("low", salary_to=50_000), vacancy("fair", salary_from=60_000)])
    assert ids(result) == ["fair", "low"]
    assert "salary_below_expectation" in result[1].reasons
    assert all(code in REASON_TEXT_RU for r in result for code in r.reasons)


def test_top_n_and_deterministic_tie_break():
    vacancies = [vacancy(f"v{n:02d}") for n in range(30)]
    assert ids(recommend_vacancies(SEEKER, reversed(vacancies), limit=3)) == ["v00", "v01", "v02"]


def test_bad_limit_is_rejected():
    with pytest.raises(ValueError):
        recommend_vacancies(SEEKER, [], limit=0)
