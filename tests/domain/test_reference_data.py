from __future__ import annotations

import re
from pathlib import Path

import pytest

from domain.models.codes import LANES, PRACTICE_CATEGORIES
from domain.models.reference import level_of, ugs_of
from domain.reference_data.industries import INDUSTRIES
from domain.reference_data.practices import ADAPTATION_PRACTICES
from domain.reference_data.services import SERVICE_CATALOGUE, SERVICES
from domain.reference_data.specialties import JOB_TITLES, SPECIALTIES, SPECIALTY_BY_CODE, UGS_NAMES

PROCESSES = Path(__file__).resolve().parents[2] / "processes"


def test_specialties_are_well_formed():
    assert len(SPECIALTIES) >= 40
    assert len(SPECIALTY_BY_CODE) == len(SPECIALTIES)
    for specialty in SPECIALTIES:
        assert ugs_of(specialty.okso_code) in UGS_NAMES
        assert level_of(specialty.okso_code)
        assert JOB_TITLES[specialty.okso_code]
    assert SPECIALTY_BY_CODE["09.02.07"].name_ru == "Информационные системы и программирование"


@pytest.mark.parametrize("bad", ["0902.07", "09.02", "AB.02.07", "09.09.01"])
def test_okso_parsing_rejects_bad_codes(bad):
    with pytest.raises(ValueError):
        level_of(bad)


def test_industries_hire_known_specialties_and_cover_all():
    hired = {code for industry in INDUSTRIES for code in industry.okso_codes}
    assert hired == set(SPECIALTY_BY_CODE)


def test_services_and_practices():
    assert all(service.provider_lane in LANES for service in SERVICES)
    assert len(SERVICE_CATALOGUE) == len(SERVICES)
    assert len(ADAPTATION_PRACTICES) >= 15
    assert all(practice.category in PRACTICE_CATEGORIES for practice in ADAPTATION_PRACTICES)


def test_every_service_code_of_the_ip_decision_table_is_in_the_catalogue():
    table = PROCESSES / "ip_service_set.dmn"
    outputs = set(re.findall(r'<outputEntry[^>]*>\s*<text>"([a-z_]+)"</text>', table.read_text(encoding="utf-8")))
    codes = outputs - set(LANES)
    assert codes
    assert codes <= set(SERVICE_CATALOGUE)
