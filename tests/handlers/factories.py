"""A tiny seeded region for handler tests: territory, specialties, organisations, reference catalogues,
curators, vacancies and youths at each stage of the route."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from domain.models import (
    AdaptationPractice,
    AdmissionPlan,
    CareerEventType,
    Curator,
    CuratorEduOrg,
    CznOffice,
    EduOrg,
    Employer,
    Municipality,
    MyBusinessCentre,
    PracticeSlot,
    Programme,
    Region,
    RetrainingCourse,
    School,
    SchoolEnrollment,
    ServiceCatalogItem,
    Specialty,
    StudentEnrollment,
    Vacancy,
    Youth,
    level_of,
    ugs_of,
)
from domain.models.codes import EVENT_TYPES

NOW = datetime(2026, 10, 5, 7, 0, tzinfo=UTC)
STUDENT_ORG = {"edu_org": "edu-college", "czn": "czn-001"}
"""The organisations of a student route at the seeded region's college."""
STUDENT_PROFILING = {"career_plan_present": False, "intends_work_in_specialty": True, "motivation_level": "low",
                     "job_search_skills": "normal", "job_offer_received": False, "any_work_experience": False,
                     "social_flags": ["orphan", "no_housing"]}
"""A profiling that scores a high risk."""
"""Monday 5 October 2026, 10:00 in Moscow: the clock of every handler test."""

REGION = "52"
CITY = "22701000001"
TOWN = "22642000001"

SPECIALTIES = {
    "09.02.07": "Информационные системы и программирование",
    "09.02.06": "Сетевое и системное администрирование",
    "09.03.01": "Информатика и вычислительная техника",
    "15.01.05": "Сварщик (ручной и частично механизированной сварки (наплавки))",
    "38.02.01": "Экономика и бухгалтерский учет (по отраслям)",
}

SERVICES = {
    "career_consultation": ("Профессиональная консультация", "czn", 14),
    "group_career_sessions": ("Групповые занятия по профориентации", "czn", 30),
    "digital_career_navigation": ("Цифровые платформы карьерной навигации", "ecp", 14),
    "practice_matching": ("Подбор места практики или стажировки", "edu_org", 30),
    "cv_service": ("Подготовка резюме", "czn", 14),
    "interview_training": ("Тренинг прохождения собеседования", "czn", 21),
    "vacancy_offers": ("Предложение вакансий", "czn", 14),
    "refer_my_business": ("Направление в центр «Мой бизнес»", "my_business", 30),
    "curator_meeting_monthly": ("Ежемесячная встреча с куратором", "czn", 14),
}


@dataclass
class Region52:
    school: str = "school-001"
    czn: str = "czn-001"
    college: str = "edu-college"
    university: str = "edu-university"
    it_employer: str = "emp-it"
    plant: str = "emp-plant"
    shop: str = "emp-shop"
    centre: str = "mb-001"
    it_programme: str = "prog-college-0902007"
    network_programme: str = "prog-college-090206"
    uni_programme: str = "prog-uni-090301"


def seed_region(session) -> Region52:
    ids = Region52()
    session.add(Region(code=REGION, name_ru="Нижегородская область"))
    session.flush()
    session.add_all(
        [
            Municipality(oktmo=CITY, region_code=REGION, name_ru="город Нижний Новгород"),
            Municipality(oktmo=TOWN, region_code=REGION, name_ru="Кстовский район", is_urban=False),
        ]
    )
    session.add_all(
        Specialty(okso_code=code, name_ru=name, ugs_code=ugs_of(code), level=level_of(code))
        for code, name in SPECIALTIES.items()
    )
    session.add_all(
        CareerEventType(code=code, name_ru=f"Мероприятие «{code}»", for_students=True) for code in EVENT_TYPES
    )
    session.add_all(
        ServiceCatalogItem(code=code, name_ru=name, name_en=code, provider_lane=lane, due_in_days=days)
        for code, (name, lane, days) in SERVICES.items()
    )
    session.flush()
    session.add(CznOffice(id=ids.czn, name="ЦЗН Нижнего Новгорода", region_code=REGION, municipality_oktmo=CITY))
    session.add(
        School(id=ids.school, name="Школа № 1", region_code=REGION, municipality_oktmo=CITY, emp_level="main")
    )
    session.flush()
    session.add_all(
        [
            EduOrg(id=ids.college, name="Нижегородский колледж", type="poo", region_code=REGION,
                   municipality_oktmo=CITY, czn_office_id=ids.czn),
            EduOrg(id=ids.university, name="Нижегородский университет", type="vo", region_code=REGION,
                   municipality_oktmo=CITY, czn_office_id=ids.czn),
            Employer(id=ids.it_employer, name="ООО «Софт»", okved="62.01", industry_ru="Информационные технологии",
                     region_code=REGION, municipality_oktmo=CITY, size="medium"),
            Employer(id=ids.plant, name="АО «Завод»", okved="25.11", industry_ru="Обрабатывающие производства",
                     region_code=REGION, municipality_oktmo=TOWN, size="large"),
            Employer(id=ids.shop, name="ИП Иванов", okved="47.11", industry_ru="Торговля",
                     region_code=REGION, municipality_oktmo=CITY, size="micro"),
            MyBusinessCentre(id=ids.centre, name="Центр «Мой бизнес» Нижегородской области", region_code=REGION,
                             municipality_oktmo=CITY, online_platform_url="https://mybusiness.example/52"),
        ]
    )
    session.flush()
    session.add_all(
        [
            Programme(id=ids.it_programme, edu_org_id=ids.college, okso_code="09.02.07", duration_months=46,
                      kcp_places=50, target_quota_places=5, employer_partner_ids=[ids.it_employer]),
            Programme(id=ids.network_programme, edu_org_id=ids.college, okso_code="09.02.06", duration_months=46,
                      kcp_places=25),
            Programme(id=ids.uni_programme, edu_org_id=ids.university, okso_code="09.03.01", duration_months=48,
                      kcp_places=100, target_quota_places=10),
        ]
    )
    session.flush()
    for programme, kcp, quota in ((ids.it_programme, 50, 5), (ids.network_programme, 25, 0),
                                  (ids.uni_programme, 100, 10)):
        session.add(AdmissionPlan(programme_id=programme, year=2027, kcp_places=kcp, target_quota_places=quota,
                                  approved_at=date(2027, 3, 1)))
    session.flush()
    return ids


def add_curator(session, ids: Region52, *, curator_id: str, edu_orgs=(), max_caseload=40,
                specialisations=(), active=True) -> Curator:
    curator = Curator(id=curator_id, czn_office_id=ids.czn, full_name=f"Куратор {curator_id}",
                      max_caseload=max_caseload, specialisations=list(specialisations), is_active=active)
    session.add(curator)
    session.flush()
    for edu_org in edu_orgs:
        session.add(CuratorEduOrg(curator_id=curator.id, edu_org_id=edu_org))
    session.flush()
    return curator


def add_youth(session, youth_id: str, *, birth_date: date, status="pupil", **flags) -> Youth:
    youth = Youth(id=youth_id, last_name="Смирнова", first_name="Анна", patronymic="Игоревна", sex="f",
                  birth_date=birth_date, region_code=REGION, municipality_oktmo=CITY, status=status, **flags)
    session.add(youth)
    session.flush()
    return youth


def add_pupil(session, youth_id: str, *, school_id: str, birth_date: date, grade: int = 9,
              school_year: str = "2026/2027") -> SchoolEnrollment:
    """A pupil the registries enrol at a school for a school year."""
    add_youth(session, youth_id, birth_date=birth_date)
    enrollment = SchoolEnrollment(youth_id=youth_id, school_id=school_id, school_year=school_year, grade=grade)
    session.add(enrollment)
    session.flush()
    return enrollment


def add_student(session, ids: Region52, youth_id: str, *, programme: str | None = None, course_start=date(2024, 9, 1),
                graduation=date(2028, 6, 30), birth_date=date(2008, 3, 14), **fields) -> StudentEnrollment:
    add_youth(session, youth_id, birth_date=birth_date, status="student")
    enrollment = StudentEnrollment(youth_id=youth_id, programme_id=programme or ids.it_programme,
                                   start_date=course_start, expected_graduation=graduation, **fields)
    session.add(enrollment)
    session.flush()
    return enrollment


def add_vacancy(session, employer_id: str, title: str, *, okso_code=None, young=False, schedule="full_time",
                hazardous=False, requires_experience=False, municipality=CITY, salary=40000) -> Vacancy:
    vacancy = Vacancy(employer_id=employer_id, title=title, okso_code=okso_code,
                      ugs_code=ugs_of(okso_code) if okso_code else None, region_code=REGION,
                      municipality_oktmo=municipality, salary_from=salary, schedule=schedule,
                      for_young_specialists=young, hazardous=hazardous, requires_experience=requires_experience)
    session.add(vacancy)
    session.flush()
    return vacancy


def add_course(session, *, course_id: str, starts_on: date, funding="employment_promotion", seats=10,
               name="Оператор ЭВМ") -> RetrainingCourse:
    course = RetrainingCourse(id=course_id, provider="Учебный центр ЦЗН", programme_name=name,
                              kind="vocational_training", hours=144, starts_on=starts_on,
                              ends_on=date(starts_on.year + 1, 2, 1), funding=funding, region_code=REGION,
                              seats=seats)
    session.add(course)
    session.flush()
    return course


def add_practice(session, title: str, *, category="mentoring", industries=(), size=None,
                 status="published") -> AdaptationPractice:
    practice = AdaptationPractice(title_ru=title, description_ru=f"{title}: описание", category=category,
                                  industries=list(industries), company_size=size, status=status)
    session.add(practice)
    session.flush()
    return practice


def add_production_slot(session, employer, *, year=2027, capacity=2):
    """A slot for the student fixture's specialty in the production practice period of the spring of `year`."""
    row = PracticeSlot(employer_id=employer, kind="production", accepted_okso_codes=["09.02.07"], region_code="52",
                       start_date=date(year, 4, 6), end_date=date(year, 5, 17), capacity=capacity, min_age=16)
    session.add(row)
    session.flush()
    return row
