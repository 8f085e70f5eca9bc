"""Young people of the region: pupils of grades 6–11 with their ЕМП hours, students of colleges and
universities (some on target-training contracts), and recent graduates with their employment outcomes,
adaptation plans and retention checkpoints."""

from __future__ import annotations

from datetime import date, timedelta

from domain.algorithms.dates import add_months
from domain.algorithms.study_calendar import practice_window_on, school_year_of
from domain.models import (
    AdaptationPlan,
    EmploymentOutcome,
    EntrepreneurshipReferral,
    EventEnrollment,
    RetentionCheckpoint,
    RetrainingEnrollment,
    SchoolEnrollment,
    StudentEcpProfile,
    StudentEnrollment,
    TargetTrainingContract,
    Youth,
)
from domain.models.codes import ADAPTATION_MEASURES
from domain.reference_data.territory import REGION_CODE
from domain.region.draft import RegionDraft
from domain.region.employers import SUPPORT_MEASURES, industry_of
from domain.region.names import random_person

PROFILE_CLASSES = ("engineering", "medical", "it", "humanities", "natural_sciences")
RETENTION_MONTHS = (3, 6, 12, 24)


class _Region:
    """Lookups built once from the organisations already drafted."""

    def __init__(self, draft: RegionDraft) -> None:
        self.schools = draft.by_kind["school"]
        self.orgs = {org.id: org for org in draft.by_kind["edu_org"]}
        self.programmes = draft.by_kind["programme"]
        self.employers_by_id = {employer.id: employer for employer in draft.by_kind["employer"]}
        self.employers_by_code: dict[str, list] = {}
        for employer in draft.by_kind["employer"]:
            for code in industry_of(employer).okso_codes:
                self.employers_by_code.setdefault(code, []).append(employer)
        self.past_events_of_school: dict[str, list] = {}
        for event in draft.by_kind["event"]:
            if event.organizer_lane == "school" and event.starts_at.date() < draft.as_of:
                self.past_events_of_school.setdefault(event.organizer_id, []).append(event)
        self.courses = draft.by_kind["course"]


def _youth(draft: RegionDraft, age: int, status: str, oktmo: str, *, student: bool) -> Youth:
    rng = draft.rng
    person = random_person(rng)
    return draft.add(
        "youth",
        Youth(
            id=draft.uuid(),
            last_name=person.last_name,
            first_name=person.first_name,
            patronymic=person.patronymic,
            sex=person.sex,
            birth_date=draft.birth_date(age),
            snils=draft.snils(),
            phone=draft.phone() if age >= 14 else None,
            region_code=REGION_CODE,
            municipality_oktmo=oktmo,
            status=status,
            is_orphan=rng.random() < 0.02,
            has_disability_ovz=rng.random() < 0.03,
            low_income_family=rng.random() < 0.12,
            large_family=rng.random() < 0.1,
            kdn_registered=rng.random() < 0.02,
            young_parent=student and rng.random() < 0.03,
            nonresident_without_housing=student and rng.random() < 0.06,
            consent_given_at=draft.recently(700),
        ),
    )


def build_pupils(draft: RegionDraft, region: _Region, count: int) -> None:
    rng = draft.rng
    start_year = school_year_of(draft.as_of)
    hours_of_level = {"basic": 40, "main": 60, "advanced": 80}
    for _ in range(count):
        school = rng.choice(region.schools)
        grade = rng.randint(6, 11)
        youth = _youth(
            draft, grade + 5 + rng.choice((0, 1, 1, 1, 2)), "pupil", school.municipality_oktmo, student=False
        )
        done = 0.0
        for event in region.past_events_of_school.get(school.id, ()):
            attended = rng.random() < 0.85
            credited = event.emp_hours_credit if attended else 0.0
            done += credited
            draft.add(
                "event_enrollment",
                EventEnrollment(
                    id=draft.uuid(),
                    event_id=event.id,
                    youth_id=youth.id,
                    status="attended" if attended else "no_show",
                    hours_credited=credited,
                    feedback_score=rng.randint(3, 5) if attended else None,
                ),
            )
        intent = rng.choices(("spo", "vo", "work", "undecided"), weights=(4, 4, 1, 3))[0] if grade >= 9 else "undecided"
        draft.add(
            "school_enrollment",
            SchoolEnrollment(
                id=draft.uuid(),
                youth_id=youth.id,
                school_id=school.id,
                school_year=f"{start_year}/{start_year + 1}",
                grade=grade,
                class_letter=rng.choice("АБВ"),
                profile_class=rng.choice(PROFILE_CLASSES) if grade >= 10 and rng.random() < 0.6 else None,
                emp_hours_planned=hours_of_level[school.emp_level],
                emp_hours_done=done,
                diagnostics_done=rng.random() < 0.5,
                career_intent=intent,
            ),
        )


def _target_contract(draft: RegionDraft, region: _Region, youth: Youth, programme, start: date, graduation: date):
    customers = [e for e in region.employers_by_code.get(programme.okso_code, ()) if e.is_tt_customer]
    if not customers:
        return None
    customer = draft.rng.choice(customers)
    return draft.add(
        "tt_contract",
        TargetTrainingContract(
            id=draft.uuid(),
            number=f"ЦО-{REGION_CODE}-{start.year}-{len(draft.by_kind['tt_contract']) + 1:05d}",
            customer_employer_id=customer.id,
            youth_id=youth.id,
            programme_id=programme.id,
            signed_at=start + timedelta(days=draft.rng.randrange(5, 25)),
            support_measures=draft.rng.sample(SUPPORT_MEASURES, 2),
            practice_at_customer=True,
            work_obligation_years=draft.rng.randint(3, 5),
            employment_deadline=add_months(graduation, 3),
            status="active",
            penalty_amount=None,
        ),
    )


def _study_dates(draft: RegionDraft, programme, course: int) -> tuple[date, date]:
    years = -(-programme.duration_months // 12)
    start = date(school_year_of(draft.as_of) - course + 1, 9, 1)
    return start, date(start.year + years, 6, 30)


def _enrol(draft: RegionDraft, region: _Region, programme, course: int, *, graduated: bool) -> tuple:
    rng = draft.rng
    org = region.orgs[programme.edu_org_id]
    spo = org.type == "poo"
    start, graduation = _study_dates(draft, programme, course)
    age_at_start = (15 if rng.random() < 0.75 else 17) if spo else 18
    age = age_at_start + draft.as_of.year - start.year
    oktmo = org.municipality_oktmo if rng.random() < 0.7 else draft.municipality().oktmo
    youth = _youth(draft, age, "student", oktmo, student=True)
    funding = rng.choices(("budget", "paid", "target"), weights=(80, 15, 5) if spo else (60, 25, 15))[0]
    contract = None
    if funding == "target":
        contract = _target_contract(draft, region, youth, programme, start, graduation)
        funding = "target" if contract else "budget"
    window = None if graduated else practice_window_on(draft.as_of, study_start=start, graduation=graduation)
    employers = region.employers_by_code.get(programme.okso_code, [])
    preferred = (
        [e.id for e in rng.sample(employers, min(len(employers), rng.randint(1, 2)))]
        if employers and rng.random() < 0.2
        else []
    )
    enrollment = draft.add(
        "student_enrollment",
        StudentEnrollment(
            id=draft.uuid(),
            youth_id=youth.id,
            programme_id=programme.id,
            course=course,
            start_date=start,
            expected_graduation=graduation,
            funding=funding,
            target_contract_id=contract.id if contract else None,
            academic_debt_count=rng.choices((0, 1, 2, 3), weights=(75, 15, 7, 3))[0],
            attendance_rate=round(rng.uniform(0.55, 1.0), 2),
            gpa=round(rng.uniform(3.0, 5.0), 2),
            status="graduated" if graduated else rng.choices(("studying", "academic_leave"), weights=(98, 2))[0],
            career_plan_present=rng.random() < 0.6,
            intends_work_in_specialty=rng.random() < 0.75,
            practice_window_start=window[0] if window else None,
            practice_window_end=window[1] if window else None,
            preferred_employer_ids=preferred,
            gia_passed=True if graduated else None,
            demo_exam_score=rng.randint(40, 100) if graduated and spo else None,
            graduated_at=graduation if graduated else None,
            diploma_number=f"{REGION_CODE}{rng.randrange(10**10):010d}" if graduated else None,
        ),
    )
    return youth, enrollment, contract


def build_students(draft: RegionDraft, region: _Region, count: int) -> None:
    rng = draft.rng
    weights = [p.kcp_places for p in region.programmes]
    for _ in range(count):
        programme = rng.choices(region.programmes, weights=weights)[0]
        years = -(-programme.duration_months // 12)
        course = rng.randint(1, years)
        youth, enrollment, _ = _enrol(draft, region, programme, course, graduated=False)
        if course == years and rng.random() < 0.5:
            draft.add(
                "ecp_profile",
                StudentEcpProfile(
                    id=draft.uuid(),
                    youth_id=youth.id,
                    ecp_profile_id=f"ecp-{draft.uuid()[:13]}",
                    cv_ready=rng.random() < 0.4,
                    visible_to_employers=True,
                    last_synced_at=draft.recently(30),
                ),
            )


def _employment(draft: RegionDraft, region: _Region, youth: Youth, enrollment, contract, code: str) -> None:
    rng = draft.rng
    graduated_on = enrollment.graduated_at
    outcome = rng.choices(
        ("employed", "not_employed", "trajectory_change", "continuing_education", "military_service"),
        weights=(62, 22, 6, 5, 5),
    )[0]
    if contract is not None:
        outcome = "employed"
    employer, in_specialty = None, None
    if outcome == "employed":
        matching = region.employers_by_code.get(code, [])
        in_specialty = bool(matching) and (contract is not None or rng.random() < 0.75)
        employer = (
            region.employers_by_id[contract.customer_employer_id]
            if contract
            else rng.choice(matching if in_specialty else draft.by_kind["employer"])
        )
        if contract:
            contract.status = (
                "active" if draft.as_of < add_months(graduated_on, 12 * contract.work_obligation_years) else "fulfilled"
            )
    start = graduated_on + timedelta(days=rng.randrange(20, 120)) if employer else None
    if start and start > draft.as_of:
        start = draft.as_of - timedelta(days=1)
    result = draft.add(
        "outcome",
        EmploymentOutcome(
            id=draft.uuid(),
            youth_id=youth.id,
            student_enrollment_id=enrollment.id,
            graduation_date=graduated_on,
            as_of_date=min(draft.as_of, add_months(graduated_on, 6)),
            checkpoint_months=6 if employer else 0,
            outcome=outcome,
            in_specialty=in_specialty,
            employer_id=employer.id if employer else None,
            position=rng.choice(["Стажёр", "Специалист", "Младший специалист"]) if employer else None,
            start_date=start,
            data_source=rng.choice(("ecp", "employer", "survey")),
        ),
    )
    youth.status = {
        "employed": "employed",
        "not_employed": "not_employed",
        "trajectory_change": "in_retraining",
        "continuing_education": "student",
        "military_service": "graduate",
    }[outcome]
    if employer and start:
        _adaptation(draft, result, employer, start)
    elif outcome == "trajectory_change" and region.courses:
        draft.add(
            "retraining",
            RetrainingEnrollment(
                id=draft.uuid(), youth_id=youth.id, course_id=rng.choice(region.courses).id, status="enrolled"
            ),
        )
    elif outcome == "not_employed" and rng.random() < 0.15:
        youth.status = "entrepreneur"
        draft.add(
            "referral",
            EntrepreneurshipReferral(
                id=draft.uuid(),
                youth_id=youth.id,
                idea_summary=rng.choice(
                    (
                        "Мастерская по ремонту техники",
                        "Кондитерская на заказ",
                        "Студия веб-дизайна",
                        "Фермерское хозяйство",
                    )
                ),
                referred_to="my_business_centre",
                my_business_centre_id="mb-001",
                centre_name="Центр «Мой бизнес» Калужской области",
                referred_at=draft.recently(200),
                eligible_youth_grant=True,
                measures_received=["consulting", "training"],
                business_form="npd",
                status="business_started",
            ),
        )


def _adaptation(draft: RegionDraft, outcome: EmploymentOutcome, employer, start: date) -> None:
    rng = draft.rng
    mentor = random_person(rng, adult=True)
    ends = add_months(start, 3)
    draft.add(
        "adaptation_plan",
        AdaptationPlan(
            id=draft.uuid(),
            employment_outcome_id=outcome.id,
            employer_id=employer.id,
            mentor_name=mentor.full_name,
            starts_on=start,
            ends_on=ends,
            measures=rng.sample(ADAPTATION_MEASURES, 2),
            status="completed" if ends < draft.as_of else "active",
        ),
    )
    still_employed = True
    for months in RETENTION_MONTHS:
        due = add_months(start, months)
        if due >= draft.as_of or not still_employed:
            status = "pending" if still_employed else None
        else:
            still_employed = rng.random() < 0.93
            status = "still_employed" if still_employed else "left"
        if status is None:
            break
        draft.add(
            "checkpoint",
            RetentionCheckpoint(
                id=draft.uuid(),
                employment_outcome_id=outcome.id,
                months_after_hire=months,
                due_at=due,
                status=status,
                left_on=due - timedelta(days=rng.randrange(1, 60)) if status == "left" else None,
                left_reason=rng.choice(("Переезд", "Низкая заработная плата", "Смена профессии"))
                if status == "left"
                else None,
            ),
        )


def build_graduates(draft: RegionDraft, region: _Region, count: int) -> None:
    rng = draft.rng
    weights = [p.kcp_places for p in region.programmes]
    for _ in range(count):
        programme = rng.choices(region.programmes, weights=weights)[0]
        years = -(-programme.duration_months // 12)
        course_offset = rng.choice((1, 1, 2))  # graduated last June, or the June before
        youth, enrollment, contract = _enrol(draft, region, programme, years + course_offset, graduated=True)
        enrollment.course = years
        _employment(draft, region, youth, enrollment, contract, programme.okso_code)


def build_people(draft: RegionDraft) -> tuple[int, int, int]:
    """Creates pupils (55 %), students (35 %) and graduates (the rest); returns the three counts."""
    region = _Region(draft)
    pupils = round(draft.youths * 0.55)
    students = round(draft.youths * 0.35)
    graduates = draft.youths - pupils - students
    build_pupils(draft, region, pupils)
    build_students(draft, region, students)
    build_graduates(draft, region, graduates)
    return pupils, students, graduates
