"""Schools, colleges and universities with their programmes and admission plans, ЦЗН offices with
curators, and «Мой бизнес» centres. Organisations get readable ids (`school-001`, `college-001`,
`university-001`, `czn-001`, `mb-001`) because users belong to them."""

from __future__ import annotations

from datetime import date, timedelta

from domain.algorithms.study_calendar import school_year_of
from domain.models import (
    AdmissionPlan,
    Curator,
    CuratorEduOrg,
    CznOffice,
    EduOrg,
    MyBusinessCentre,
    Programme,
    School,
)
from domain.models.codes import CURATOR_SPECIALISATIONS
from domain.reference_data.territory import MUNICIPALITIES, REGION_CODE, MunicipalityInfo
from domain.region.draft import RegionDraft
from domain.region.names import random_person

COLLEGE_PROFILES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("ГАПОУ КО «{m} технический колледж»", ("15.02.16", "15.01.05", "15.02.12", "13.02.11", "27.02.07", "09.02.01")),
    ("ГБПОУ КО «{m} базовый медицинский колледж»", ("34.02.01", "31.02.01", "31.02.03", "33.02.01")),
    ("ГАПОУ КО «{m} колледж информационных технологий»", ("09.02.07", "09.02.06", "09.02.01", "54.02.01", "38.02.03")),
    ("ГАПОУ КО «{m} колледж сервиса»", ("43.01.09", "43.02.15", "43.02.16", "38.02.01", "38.02.07", "40.02.01")),
    ("ГАПОУ КО «{m} аграрный колледж»", ("35.02.16", "36.02.01", "21.02.05", "23.01.17", "23.02.07")),
    ("ГБПОУ КО «{m} педагогический колледж»", ("44.02.01", "44.02.02", "09.02.07", "54.02.01")),
    ("ГАПОУ КО «{m} колледж строительства и энергетики»", ("08.02.01", "08.01.26", "21.02.05", "13.01.10", "18.02.12")),
    ("ГАПОУ КО «{m} политехнический техникум»", ("15.02.16", "23.02.07", "23.01.17", "13.01.10", "38.02.01")),
)
UNIVERSITY_PROFILES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (
        "ФГБОУ ВО «{m} государственный университет»",
        ("44.03.01", "37.03.01", "38.03.01", "38.03.02", "40.03.01", "09.03.04", "31.05.01"),
    ),
    (
        "ФГБОУ ВО «{m} государственный технический университет»",
        ("09.03.01", "09.03.04", "15.03.05", "13.03.02", "08.03.01", "18.03.01", "23.03.03"),
    ),
    ("ФГБОУ ВО «{m} аграрный университет»", ("35.03.06", "38.03.01", "23.03.03")),
)
SCHOOL_TEMPLATES = (
    "МБОУ «Средняя общеобразовательная школа № {no}» г. {town}",
    "МБОУ «Лицей № {no}» г. {town}",
    "МБОУ «Гимназия № {no}» г. {town}",
)
RURAL_SCHOOL_TEMPLATE = "МКОУ «{village} средняя общеобразовательная школа» ({district})"
VILLAGES = (
    "Никольская",
    "Покровская",
    "Воскресенская",
    "Троицкая",
    "Ильинская",
    "Успенская",
    "Богородская",
    "Петровская",
    "Михайловская",
    "Сосновская",
    "Берёзовская",
    "Лесная",
    "Полотняно-Заводская",
)
PLANNED_ADMISSION_YEARS = 7
"""Admission plans from the current campaign until today's sixth-graders apply (approved a year ahead)."""
EMP_LEVEL_WEIGHTS = {"basic": 3, "main": 5, "advanced": 2}


def build_czn_offices(draft: RegionDraft) -> None:
    count = max(2, min(len(MUNICIPALITIES), draft.youths // 150))
    for number, place in enumerate(MUNICIPALITIES[:count], start=1):
        name = (
            f"Кадровый центр «Работа России» г. {place.centre_ru}"
            if place.is_urban
            else f"Кадровый центр «Работа России», {place.name_ru}"
        )
        draft.add(
            "czn",
            CznOffice(
                id=f"czn-{number:03d}",
                name=name,
                region_code=REGION_CODE,
                municipality_oktmo=place.oktmo,
                address=f"г. {place.centre_ru}, ул. Ленина, д. {draft.rng.randrange(1, 120)}",
            ),
        )


def office_for(draft: RegionDraft, oktmo: str) -> CznOffice:
    offices = draft.by_kind["czn"]
    return next((office for office in offices if office.municipality_oktmo == oktmo), offices[0])


def _place_for_org(draft: RegionDraft, number: int) -> MunicipalityInfo:
    """The first organisations go to the largest towns, later ones spread by population."""
    return MUNICIPALITIES[number - 1] if number <= 2 else draft.municipality()


def build_schools(draft: RegionDraft) -> None:
    count = max(2, draft.youths // 120)
    numbers: dict[str, int] = {}
    for index in range(1, count + 1):
        place = _place_for_org(draft, index)
        if place.is_urban or draft.rng.random() < 0.5:
            numbers[place.oktmo] = numbers.get(place.oktmo, 0) + draft.rng.randrange(1, 4)
            template = draft.rng.choices(SCHOOL_TEMPLATES, weights=(6, 1, 1))[0]
            name = template.format(no=numbers[place.oktmo], town=place.centre_ru)
        else:
            name = RURAL_SCHOOL_TEMPLATE.format(village=draft.rng.choice(VILLAGES), district=place.name_ru)
        navigator = random_person(draft.rng, adult=True, sex=draft.rng.choice(("f", "f", "m")))
        draft.add(
            "school",
            School(
                id=f"school-{index:03d}",
                name=draft.unique_name([name]),
                inn=draft.inn(),
                region_code=REGION_CODE,
                municipality_oktmo=place.oktmo,
                emp_level=draft.rng.choices(list(EMP_LEVEL_WEIGHTS), weights=list(EMP_LEVEL_WEIGHTS.values()))[0],
                navigator_teacher=navigator.full_name,
            ),
        )


def _duration_months(okso_code: str) -> int:
    level = okso_code[3:5]
    return {"01": 34, "02": 46, "03": 48, "04": 24, "05": 72}.get(level, 48)


def _add_edu_org(
    draft: RegionDraft, kind: str, org_id: str, template: str, codes: tuple[str, ...], place: MunicipalityInfo
) -> None:
    name = draft.unique_name([template.format(m=p.adjective("m")) for p in (place, *MUNICIPALITIES[:2])])
    office = office_for(draft, place.oktmo)
    contact = random_person(draft.rng, adult=True)
    org = draft.add(
        "edu_org",
        EduOrg(
            id=org_id,
            name=name,
            short_name=None,
            type=kind,
            inn=draft.inn(),
            region_code=REGION_CODE,
            municipality_oktmo=place.oktmo,
            czn_office_id=office.id,
            career_centre_contact=f"{contact.full_name}, {draft.phone()}",
            czn_agreement_number=f"ВЗ-{REGION_CODE}/{draft.as_of.year}-{len(draft.by_kind['edu_org']) + 1:03d}",
        ),
    )
    start_year = school_year_of(draft.as_of)
    for code in codes:
        spo = kind == "poo"
        groups = draft.rng.randint(1, 2)
        kcp = 25 * groups
        quota_share = draft.rng.choice((0, 0, 0.04, 0.08)) if spo else draft.rng.choice((0.1, 0.15, 0.2, 0.25))
        programme = draft.add(
            "programme",
            Programme(
                id=draft.uuid(),
                edu_org_id=org.id,
                okso_code=code,
                form="full_time",
                duration_months=_duration_months(code),
                kcp_places=kcp,
                target_quota_places=round(kcp * quota_share),
                employer_partner_ids=[],
            ),
        )
        for year in range(start_year, start_year + PLANNED_ADMISSION_YEARS):
            approval = date(year - 1, 4, 28) + timedelta(days=draft.rng.randrange(20))
            approved = approval <= draft.as_of
            draft.add(
                "admission_plan",
                AdmissionPlan(
                    id=draft.uuid(),
                    programme_id=programme.id,
                    year=year,
                    kcp_places=kcp,
                    target_quota_places=programme.target_quota_places,
                    approved_at=approval if approved else None,
                    campaign_opens_at=draft.moment(date(year, 6, 20)),
                    contract_deadline=draft.moment(date(year, 9, 30), 18),
                    source_act=f"Приказ министерства образования и науки Калужской области от {approval:%d.%m.%Y}"
                    if approved
                    else None,
                ),
            )


def build_edu_orgs(draft: RegionDraft) -> None:
    colleges = max(2, draft.youths // 250)
    for index in range(1, colleges + 1):
        template, codes = COLLEGE_PROFILES[(index - 1) % len(COLLEGE_PROFILES)]
        _add_edu_org(draft, "poo", f"college-{index:03d}", template, codes, _place_for_org(draft, index))
    universities = max(1, draft.youths // 1000)
    for index in range(1, universities + 1):
        template, codes = UNIVERSITY_PROFILES[(index - 1) % len(UNIVERSITY_PROFILES)]
        place = MUNICIPALITIES[(index - 1) % 2]
        _add_edu_org(draft, "vo", f"university-{index:03d}", template, codes, place)


def build_curators(draft: RegionDraft) -> None:
    offices = draft.by_kind["czn"]
    orgs_of_office = {
        office.id: [org for org in draft.by_kind["edu_org"] if org.czn_office_id == office.id] for office in offices
    }
    total = max(2 * len(offices), draft.youths // 120)
    for index in range(1, total + 1):
        office = offices[(index - 1) % len(offices)]
        person = random_person(draft.rng, adult=True, sex=draft.rng.choice(("f", "f", "f", "m")))
        specialisations = ["general"]
        if draft.rng.random() < 0.45:
            specialisations.append(draft.rng.choice([s for s in CURATOR_SPECIALISATIONS if s != "general"]))
        curator = draft.add(
            "curator",
            Curator(
                id=f"curator-{index:03d}",
                czn_office_id=office.id,
                staff_id=f"{REGION_CODE}-{1000 + index}",
                full_name=person.full_name,
                max_caseload=40,
                specialisations=specialisations,
                is_active=True,
            ),
        )
        for org in orgs_of_office[office.id]:
            draft.add("curator_edu_org", CuratorEduOrg(id=draft.uuid(), curator_id=curator.id, edu_org_id=org.id))


def build_my_business_centres(draft: RegionDraft) -> None:
    draft.add(
        "my_business",
        MyBusinessCentre(
            id="mb-001",
            name="Центр «Мой бизнес» Калужской области",
            region_code=REGION_CODE,
            municipality_oktmo=MUNICIPALITIES[0].oktmo,
            address="г. Калуга, ул. Советская, д. 5",
            online_platform_url="https://мойбизнес.рф",
        ),
    )
    if draft.youths >= 1000:
        draft.add(
            "my_business",
            MyBusinessCentre(
                id="mb-002",
                name="Центр «Мой бизнес» Калужской области, представительство в г. Обнинск",
                region_code=REGION_CODE,
                municipality_oktmo=MUNICIPALITIES[1].oktmo,
                address="г. Обнинск, пр-т Ленина, д. 47",
            ),
        )
