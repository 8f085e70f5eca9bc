"""The demo region: Калужская область (code 40) with its city districts and municipal districts.
ОКТМО codes keep the real format (region prefix 29); the set is a realistic sample, not a registry copy."""

from __future__ import annotations

from dataclasses import dataclass

REGION_CODE = "40"
REGION_NAME = "Калужская область"


@dataclass(frozen=True)
class MunicipalityInfo:
    oktmo: str
    name_ru: str
    centre_ru: str
    adjective_stem: str
    """«Калужск» → Калужский / Калужская / Калужское, to name organisations."""
    is_urban: bool
    weight: int
    """Relative population, used to spread people and organisations."""

    def adjective(self, gender: str) -> str:
        return self.adjective_stem + {"m": "ий", "f": "ая", "n": "ое"}[gender]


MUNICIPALITIES: tuple[MunicipalityInfo, ...] = (
    MunicipalityInfo("29701000", "городской округ «Город Калуга»", "Калуга", "Калужск", True, 34),
    MunicipalityInfo("29715000", "городской округ «Город Обнинск»", "Обнинск", "Обнинск", True, 12),
    MunicipalityInfo("29606000", "Боровский район", "Боровск", "Боровск", False, 6),
    MunicipalityInfo("29623000", "Малоярославецкий район", "Малоярославец", "Малоярославецк", False, 5),
    MunicipalityInfo("29608000", "Дзержинский район", "Кондрово", "Кондровск", False, 5),
    MunicipalityInfo("29620000", "Людиновский район", "Людиново", "Людиновск", False, 4),
    MunicipalityInfo("29618000", "Кировский район", "Киров", "Кировск", False, 4),
    MunicipalityInfo("29613000", "Жуковский район", "Жуков", "Жуковск", False, 4),
    MunicipalityInfo("29616000", "Козельский район", "Козельск", "Козельск", False, 3),
    MunicipalityInfo("29636000", "Сухиничский район", "Сухиничи", "Сухиничск", False, 2),
    MunicipalityInfo("29604000", "Бабынинский район", "Воротынск", "Воротынск", False, 2),
    MunicipalityInfo("29640000", "Ферзиковский район", "Ферзиково", "Ферзиковск", False, 1),
    MunicipalityInfo("29624000", "Медынский район", "Медынь", "Медынск", False, 1),
    MunicipalityInfo("29639000", "Тарусский район", "Таруса", "Тарусск", False, 1),
)
