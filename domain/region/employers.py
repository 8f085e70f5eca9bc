"""Employers named by their ОКВЭД profile, with staffing needs, assistance agreements, vacancies,
practice slots and target-training offers."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

from domain.algorithms.dates import add_months
from domain.algorithms.study_calendar import practice_periods, school_year_of
from domain.models import (
    AssistanceAgreement,
    Employer,
    PracticeSlot,
    StaffingNeed,
    TargetTrainingOffer,
    Vacancy,
)
from domain.reference_data.industries import INDUSTRIES, IndustryInfo
from domain.reference_data.specialties import JOB_TITLES, SPECIALTY_BY_CODE
from domain.reference_data.territory import MUNICIPALITIES, REGION_CODE
from domain.region.draft import RegionDraft
from domain.region.names import random_person
from domain.region.organisations import office_for

PRACTICE_SLOT_YEARS = 16
"""School years the region publishes practice slots for: its first and the 15 after it, so a simulation
of the longest period the benchmark runs (15 years) never runs out of slots."""
TEMP_JOBS_FOR_MINORS = (
    ("Рабочий по благоустройству территории (трудовой отряд школьников)", "неполный день"),
    ("Помощник по озеленению (летняя трудовая бригада)", "неполный день"),
    ("Курьер по доставке документов", "гибкий график"),
    ("Помощник делопроизводителя в архиве", "неполный день"),
    ("Промоутер", "гибкий график"),
)
"""Title and schedule of temporary jobs open to minors."""
SIZE_HEADCOUNT = {"micro": 10, "small": 60, "medium": 200, "large": 800}
SUPPORT_MEASURES = (
    "Ежемесячная доплата к стипендии",
    "Оплата проживания в общежитии",
    "Компенсация проезда",
    "Гарантированная практика у заказчика",
)


def industry_of(employer: Employer) -> IndustryInfo:
    return next(industry for industry in INDUSTRIES if industry.okved == employer.okved)


def build_employers(draft: RegionDraft) -> None:
    count = max(5, draft.youths // 25)
    for index in range(1, count + 1):
        industry = (
            INDUSTRIES[index - 1]
            if index <= len(INDUSTRIES) and count >= len(INDUSTRIES)
            else draft.rng.choices(INDUSTRIES, weights=[i.weight for i in INDUSTRIES])[0]
        )
        place = MUNICIPALITIES[0] if index <= 2 else draft.municipality()
        candidates = [
            template.format(
                m=p.adjective("m"),
                f=p.adjective("f"),
                n=p.adjective("n"),
                town=p.centre_ru,
                no=draft.rng.randrange(1, 40),
            )
            for template in industry.name_templates
            for p in (place, *MUNICIPALITIES[:3])
        ]
        size = draft.rng.choice(industry.sizes)
        contact = random_person(draft.rng, adult=True)
        draft.add(
            "employer",
            Employer(
                id=f"employer-{index:03d}",
                name=draft.unique_name(candidates),
                inn=draft.inn(),
                ogrn=draft.ogrn(),
                okved=industry.okved,
                industry_ru=industry.industry_ru,
                region_code=REGION_CODE,
                municipality_oktmo=place.oktmo,
                size=size,
                contact=f"{contact.full_name}, {draft.phone()}",
                is_tt_customer=size in ("medium", "large") and draft.rng.random() < 0.45,
            ),
        )


def build_needs_and_agreements(draft: RegionDraft) -> None:
    orgs_by_code: dict[str, list[str]] = {}
    for programme in draft.by_kind["programme"]:
        orgs_by_code.setdefault(programme.okso_code, []).append(programme.edu_org_id)
    for employer in draft.by_kind["employer"]:
        if draft.rng.random() > 0.6:
            continue
        industry = industry_of(employer)
        codes = draft.rng.sample(industry.okso_codes, min(len(industry.okso_codes), draft.rng.randint(1, 2)))
        months = draft.rng.choice((4, 8, 12, 18, 30, 40, 48))
        status = draft.rng.choices(("new", "agreement_signed", "in_progress"), weights=(3, 4, 3))[0]
        need = draft.add(
            "need",
            StaffingNeed(
                id=draft.uuid(),
                employer_id=employer.id,
                okso_codes=codes,
                qty=draft.rng.randint(1, 3) * {"micro": 1, "small": 2, "medium": 3, "large": 5}[employer.size],
                needed_by=add_months(draft.as_of, months),
                min_level="vo" if any(SPECIALTY_BY_CODE[c].is_higher_education for c in codes) else "spo",
                segment="schoolchildren" if months >= 36 else "graduates",
                status=status,
                description=f"Потребность в кадрах: {', '.join(SPECIALTY_BY_CODE[c].name_ru for c in codes)}",
            ),
        )
        if status == "new":
            continue
        signed = draft.as_of - timedelta(days=draft.rng.randrange(10, 300))
        partners = sorted({org_id for code in codes for org_id in orgs_by_code.get(code, ())})
        draft.add(
            "agreement",
            AssistanceAgreement(
                id=draft.uuid(),
                number=f"СД-{REGION_CODE}/{signed.year}-{len(draft.by_kind['agreement']) + 1:04d}",
                employer_id=employer.id,
                czn_office_id=office_for(draft, employer.municipality_oktmo).id,
                staffing_need_id=need.id,
                edu_org_ids=partners[:3],
                segment=need.segment,
                status="active",
                signed_at=signed,
                valid_to=date(signed.year + draft.rng.randint(1, 3), 12, 31),
                proftour_slots_per_year=draft.rng.choice((0, 2, 4, 6)),
                group_session_hosting=draft.rng.random() < 0.4,
                practice_slots=draft.rng.randint(2, 10),
                internship_slots=draft.rng.randint(0, 4),
                vacancies_for_youth=draft.rng.randint(0, need.qty),
                tt_offers_planned=draft.rng.randint(0, 2),
                gia_participation=draft.rng.random() < 0.5,
                programme_participation=draft.rng.random() < 0.4,
                adaptation_program=draft.rng.random() < 0.5,
            ),
        )


def build_vacancies(draft: RegionDraft) -> None:
    for employer in draft.by_kind["employer"]:
        industry = industry_of(employer)
        for _ in range(draft.rng.randint(0, 4 if employer.size in ("medium", "large") else 2)):
            code = draft.rng.choice(industry.okso_codes)
            base = draft.rng.randrange(35, 85) * 1000 + (15000 if SPECIALTY_BY_CODE[code].is_higher_education else 0)
            open_ = draft.rng.random() < 0.85
            draft.add(
                "vacancy",
                Vacancy(
                    id=draft.uuid(),
                    employer_id=employer.id,
                    title=draft.rng.choice(JOB_TITLES[code]),
                    okso_code=code,
                    ugs_code=SPECIALTY_BY_CODE[code].ugs_code,
                    region_code=REGION_CODE,
                    municipality_oktmo=employer.municipality_oktmo,
                    salary_from=base,
                    salary_to=base + draft.rng.randrange(0, 40) * 1000 if draft.rng.random() < 0.7 else None,
                    schedule=draft.rng.choice(("полный день", "сменный график", "гибкий график", "вахтовый метод")),
                    requires_experience=draft.rng.random() < 0.4,
                    for_young_specialists=draft.rng.random() < 0.35,
                    hazardous=industry.hazardous and SPECIALTY_BY_CODE[code].hazardous_practice,
                    status="open" if open_ else "closed",
                    published_at=draft.recently(120),
                ),
            )


def build_temp_jobs_for_minors(draft: RegionDraft) -> None:
    """Temporary jobs open to pupils of 14–17 (domain.md §4.9): no qualification, experience or hazards,
    part-time or flexible hours, so the working-time limits for minors (`minor_working_hours.dmn`) fit.
    About a third of the employers offer one, as the ЦЗН's summer labour brigades and part-time
    programmes for schoolchildren do. Drawn after everything else, so the rest of a seed's region stays
    the same."""
    employers = draft.by_kind["employer"]
    for employer in draft.rng.sample(employers, max(1, len(employers) // 3)):
        title, schedule = draft.rng.choice(TEMP_JOBS_FOR_MINORS)
        draft.add(
            "vacancy",
            Vacancy(
                id=draft.uuid(),
                employer_id=employer.id,
                title=title,
                region_code=REGION_CODE,
                municipality_oktmo=employer.municipality_oktmo,
                salary_from=draft.rng.randrange(10, 21) * 1000,
                schedule=schedule,
                requires_experience=False,
                for_young_specialists=False,
                hazardous=False,
                status="open",
                published_at=draft.recently(60),
            ),
        )


def build_practice_slots(draft: RegionDraft) -> None:
    """The slots employers publish for the region's first school year, published again for each later
    school year of the horizon (see `publish_yearly`)."""
    periods = practice_periods(school_year_of(draft.as_of))
    agreements = {a.employer_id: a for a in draft.by_kind["agreement"]}
    programmes_by_code: dict[str, list[str]] = {}
    for programme in draft.by_kind["programme"]:
        programmes_by_code.setdefault(programme.okso_code, []).append(programme.edu_org_id)
    for employer in draft.by_kind["employer"]:
        industry = industry_of(employer)
        agreement = agreements.get(employer.id)
        for _ in range(draft.rng.randint(1, 3) + (1 if agreement else 0)):
            kind = draft.rng.choices(list(periods), weights=(1, 6, 2, 2))[0]
            codes = draft.rng.sample(industry.okso_codes, min(len(industry.okso_codes), draft.rng.randint(1, 3)))
            hazardous = industry.hazardous and any(SPECIALTY_BY_CODE[c].hazardous_practice for c in codes)
            ugs = sorted({SPECIALTY_BY_CODE[c].ugs_code for c in codes}) if draft.rng.random() < 0.5 else []
            partners = programmes_by_code.get(codes[0], [])
            start, end = periods[kind]
            mentor = random_person(draft.rng, adult=True)
            draft.add(
                "slot",
                PracticeSlot(
                    id=draft.uuid(),
                    employer_id=employer.id,
                    agreement_id=agreement.id if agreement else None,
                    edu_org_id=draft.rng.choice(partners) if partners and draft.rng.random() < 0.4 else None,
                    kind=kind,
                    title=f"{draft.rng.choice(JOB_TITLES[codes[0]])} (практика)",
                    accepted_okso_codes=codes,
                    accepted_ugs_codes=ugs,
                    region_code=REGION_CODE,
                    municipality_oktmo=employer.municipality_oktmo,
                    location=employer.name,
                    start_date=start,
                    end_date=end,
                    capacity=draft.rng.randint(1, max(2, SIZE_HEADCOUNT[employer.size] // 50)),
                    min_age=18 if hazardous else draft.rng.choice((15, 16, 16)),
                    hazardous=hazardous,
                    mentor_name=mentor.full_name,
                    paid=draft.rng.random() < 0.4,
                ),
            )
    publish_yearly(draft, list(draft.by_kind["slot"]))


def publish_yearly(draft: RegionDraft, first_year_slots: list[PracticeSlot]) -> None:
    """Employers publish their practice slots every school year; the region carries the first year's
    slots into each later school year of `PRACTICE_SLOT_YEARS`, at that year's practice dates and under
    the agreement only while it is valid. Copies take ids derived from the original (no random draws, so
    the rest of a seed's region stays the same)."""
    agreements = {a.id: a for a in draft.by_kind["agreement"]}
    first_year = school_year_of(draft.as_of)
    for offset in range(1, PRACTICE_SLOT_YEARS):
        periods = practice_periods(first_year + offset)
        for slot in first_year_slots:
            start, end = periods[slot.kind]
            agreement = agreements.get(slot.agreement_id)
            draft.add(
                "slot",
                PracticeSlot(
                    id=str(uuid.uuid5(uuid.UUID(slot.id), f"school-year-{first_year + offset}")),
                    employer_id=slot.employer_id,
                    agreement_id=agreement.id if agreement and agreement.valid_to >= end else None,
                    edu_org_id=slot.edu_org_id,
                    kind=slot.kind,
                    title=slot.title,
                    accepted_okso_codes=list(slot.accepted_okso_codes),
                    accepted_ugs_codes=list(slot.accepted_ugs_codes),
                    region_code=slot.region_code,
                    municipality_oktmo=slot.municipality_oktmo,
                    location=slot.location,
                    start_date=start,
                    end_date=end,
                    capacity=slot.capacity,
                    min_age=slot.min_age,
                    hazardous=slot.hazardous,
                    mentor_name=slot.mentor_name,
                    paid=slot.paid,
                ),
            )


def build_practice_bases(draft: RegionDraft) -> None:
    """Practice is part of every СПО and ВО curriculum, and the edu org agrees it with profile organisations
    (order 885/390): a programme with partner employers gets a practice base at one of them, a production
    slot for its middle courses and an internship slot for its final year, sized to its students, every
    school year. Drawn after the people, so the rest of a seed's region stays the same."""
    periods = practice_periods(school_year_of(draft.as_of))
    employers = {employer.id: employer for employer in draft.by_kind["employer"]}
    studying: dict[str, int] = {}
    for enrollment in draft.by_kind["student_enrollment"]:
        if enrollment.status != "graduated":
            studying[enrollment.programme_id] = studying.get(enrollment.programme_id, 0) + 1
    bases = []
    for programme in draft.by_kind["programme"]:
        if not programme.employer_partner_ids or not studying.get(programme.id):
            continue
        employer = employers[draft.rng.choice(programme.employer_partner_ids)]
        specialty = SPECIALTY_BY_CODE[programme.okso_code]
        hazardous = industry_of(employer).hazardous and specialty.hazardous_practice
        years = -(-programme.duration_months // 12)
        cohort = studying[programme.id] / years
        for kind, cohorts in (("production", years - 2), ("internship", 1)):
            if cohorts < 1:
                continue
            start, end = periods[kind]
            bases.append(
                draft.add(
                    "slot",
                    PracticeSlot(
                        id=draft.uuid(),
                        employer_id=employer.id,
                        edu_org_id=programme.edu_org_id,
                        kind=kind,
                        title=f"{draft.rng.choice(JOB_TITLES[programme.okso_code])} (практика)",
                        accepted_okso_codes=[programme.okso_code],
                        accepted_ugs_codes=[specialty.ugs_code],
                        region_code=REGION_CODE,
                        municipality_oktmo=employer.municipality_oktmo,
                        location=employer.name,
                        start_date=start,
                        end_date=end,
                        capacity=max(1, round(cohort * cohorts)),
                        min_age=18 if hazardous else 16,
                        hazardous=hazardous,
                        mentor_name=random_person(draft.rng, adult=True).full_name,
                        paid=draft.rng.random() < 0.4,
                    ),
                )
            )
    publish_yearly(draft, bases)


def build_target_training_offers(draft: RegionDraft) -> None:
    next_year = school_year_of(draft.as_of) + 1
    for employer in draft.by_kind["employer"]:
        if not employer.is_tt_customer:
            continue
        wanted = set(industry_of(employer).okso_codes)
        programmes = [p for p in draft.by_kind["programme"] if p.okso_code in wanted and p.target_quota_places]
        for programme in draft.rng.sample(programmes, min(2, len(programmes))):
            draft.add(
                "tt_offer",
                TargetTrainingOffer(
                    id=draft.uuid(),
                    customer_employer_id=employer.id,
                    programme_id=programme.id,
                    admission_year=next_year,
                    contracts_required=draft.rng.randint(1, max(1, programme.target_quota_places)),
                    support_measures=draft.rng.sample(SUPPORT_MEASURES, 2),
                    requirements={"min_exam_score": draft.rng.choice((150, 180, 210)), "min_gpa": 4.0},
                    practice_at_customer=True,
                    work_obligation_years=draft.rng.randint(3, 5),
                    work_place=employer.name,
                    published_at=draft.recently(60),
                    deadline=date(next_year, 6, 10),
                ),
            )


def link_programme_partners(draft: RegionDraft) -> None:
    """Employers that take part in programme design or final assessment become programme partners:
    those under an agreement that says so, else one or two employers hiring the specialty."""
    needs = {need.id: need for need in draft.by_kind["need"]}
    hiring: dict[str, list[str]] = {}
    for employer in draft.by_kind["employer"]:
        for code in industry_of(employer).okso_codes:
            hiring.setdefault(code, []).append(employer.id)
    by_org_and_code = {(p.edu_org_id, p.okso_code): p for p in draft.by_kind["programme"]}
    for agreement in draft.by_kind["agreement"]:
        if not (agreement.gia_participation or agreement.programme_participation):
            continue
        for org_id in agreement.edu_org_ids:
            for code in needs[agreement.staffing_need_id].okso_codes:
                programme = by_org_and_code.get((org_id, code))
                if programme is not None and agreement.employer_id not in programme.employer_partner_ids:
                    programme.employer_partner_ids = [*programme.employer_partner_ids, agreement.employer_id]
    for programme in draft.by_kind["programme"]:
        if programme.employer_partner_ids or not hiring.get(programme.okso_code):
            continue
        candidates = hiring[programme.okso_code]
        programme.employer_partner_ids = draft.rng.sample(candidates, min(len(candidates), draft.rng.randint(1, 2)))
