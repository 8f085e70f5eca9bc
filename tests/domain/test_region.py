from __future__ import annotations

from collections import Counter
from datetime import date

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from domain.algorithms.dates import age_on
from domain.algorithms.study_calendar import practice_periods, school_year_of
from domain.migrations import MIGRATIONS
from domain.models import (
    AssistanceAgreement,
    CareerEvent,
    Curator,
    CuratorEduOrg,
    CznOffice,
    EduOrg,
    Employer,
    PracticeSlot,
    Programme,
    School,
    SchoolEnrollment,
    ServiceCatalogItem,
    Specialty,
    StudentEnrollment,
    TargetTrainingContract,
    Vacancy,
    Youth,
)
from domain.queries import practice_window_of
from domain.region import DEFAULT_AS_OF, generate
from domain.region.employers import PRACTICE_SLOT_YEARS, TEMP_JOBS_FOR_MINORS


def count(session, model):
    return session.scalar(select(func.count()).select_from(model))


def test_summary_matches_the_database(region_session):
    session, summary = region_session
    assert summary.created
    assert (summary.youths, summary.pupils + summary.students + summary.graduates) == (300, 300)
    assert count(session, Youth) == summary.youths
    assert count(session, School) == summary.schools >= 2
    assert count(session, EduOrg) == summary.edu_orgs >= 3
    assert count(session, Employer) == summary.employers >= 5
    assert count(session, CznOffice) == summary.czn_offices >= 2
    assert count(session, PracticeSlot) == summary.practice_slots > 0
    assert count(session, Vacancy) == summary.vacancies > 0
    assert summary.adaptation_practices >= 15
    assert count(session, ServiceCatalogItem) >= 20
    assert count(session, Specialty) >= 40


def test_organisations_have_readable_ids_and_names(region_session):
    session, _ = region_session
    for model, prefix in ((School, "school-"), (CznOffice, "czn-"), (Employer, "employer-")):
        rows = session.scalars(select(model)).all()
        assert all(row.id.startswith(prefix) and row.name for row in rows)
        assert len({row.name for row in rows}) == len(rows)
    assert {org.id.split("-")[0] for org in session.scalars(select(EduOrg))} == {"college", "university"}


def test_people_are_plausible(region_session):
    session, _ = region_session
    for youth in session.scalars(select(Youth)):
        if youth.sex == "f":
            assert youth.patronymic.endswith(("вна", "чна")), youth.full_name
            assert not youth.last_name.endswith(("ов", "ев", "ин", "ский")), youth.full_name
        else:
            assert youth.patronymic.endswith(("вич", "ич")), youth.full_name
        assert _snils_valid(youth.snils)
    for enrollment in session.scalars(select(SchoolEnrollment)):
        youth = session.get(Youth, enrollment.youth_id)
        assert 6 <= enrollment.grade <= 11
        assert enrollment.grade + 4 <= age_on(youth.birth_date, DEFAULT_AS_OF) <= enrollment.grade + 7
        assert enrollment.emp_hours_done <= enrollment.emp_hours_planned


def test_registries_are_consistent(region_session):
    session, _ = region_session
    for slot in session.scalars(select(PracticeSlot)):
        assert 0 <= slot.filled <= slot.capacity
        assert slot.accepted_okso_codes
        assert not slot.hazardous or slot.min_age >= 18
        assert slot.start_date < slot.end_date
    for contract in session.scalars(select(TargetTrainingContract)):
        assert session.get(Employer, contract.customer_employer_id).is_tt_customer
    slots = session.scalars(select(PracticeSlot)).all()
    for student in session.scalars(select(StudentEnrollment)):
        assert student.start_date < student.expected_graduation
        if student.status == "studying":
            fitting = {
                s.kind
                for s in slots
                if student.practice_window_start <= s.start_date and s.end_date <= student.practice_window_end
            }
            assert fitting, "every student's practice window holds some kind of practice"
            programme = session.get(Programme, student.programme_id)
            if student.course * 12 >= programme.duration_months and any(s.kind == "internship" for s in slots):
                assert "internship" in fitting
        assert (student.funding == "target") == (student.target_contract_id is not None)
    attached = set(session.scalars(select(CuratorEduOrg.edu_org_id)))
    assert attached == set(session.scalars(select(EduOrg.id)))
    assert all(c.max_caseload == 40 for c in session.scalars(select(Curator)))
    okso = set(session.scalars(select(Specialty.okso_code)))
    assert set(session.scalars(select(Programme.okso_code))) <= okso
    assert count(session, CareerEvent) > 0
    partnered = [p for p in session.scalars(select(Programme)) if p.employer_partner_ids]
    assert partnered
    employer_ids = set(session.scalars(select(Employer.id)))
    assert all(set(p.employer_partner_ids) <= employer_ids for p in partnered)
    assert all(_inn_valid(e.inn) for e in session.scalars(select(Employer)))


def test_employers_publish_the_same_practice_slots_every_school_year(region_session):
    session, _ = region_session
    first = school_year_of(DEFAULT_AS_OF)
    by_year: dict[int, Counter] = {}
    valid_to = dict(session.execute(select(AssistanceAgreement.id, AssistanceAgreement.valid_to)).all())
    for slot in session.scalars(select(PracticeSlot)):
        year = school_year_of(slot.start_date)
        assert (slot.start_date, slot.end_date) == practice_periods(year)[slot.kind]
        assert slot.agreement_id is None or valid_to[slot.agreement_id] >= slot.end_date or year == first
        published = (slot.employer_id, slot.kind, tuple(slot.accepted_okso_codes), slot.capacity, slot.min_age)
        by_year.setdefault(year, Counter())[published] += 1
    assert sorted(by_year) == list(range(first, first + PRACTICE_SLOT_YEARS))
    assert all(slots == by_year[first] for slots in by_year.values())


def test_students_find_practice_in_their_window_in_later_years(region_session):
    session, _ = region_session
    slots = session.scalars(select(PracticeSlot)).all()
    for later in (date(2027, 11, 2), date(2030, 11, 2)):
        for student in session.scalars(select(StudentEnrollment).where(StudentEnrollment.status == "studying")):
            window = practice_window_of(student, on=later)
            if window is None:
                assert student.expected_graduation <= date(later.year, 6, 30)
                continue
            assert any(window[0] <= s.start_date and s.end_date <= window[1] for s in slots), student.id


def test_programmes_with_partner_employers_have_a_practice_base_every_year(region_session):
    session, _ = region_session
    studying = set(
        session.scalars(select(StudentEnrollment.programme_id).where(StudentEnrollment.status != "graduated"))
    )
    in_2030 = session.scalars(
        select(PracticeSlot).where(PracticeSlot.start_date.between(date(2030, 1, 1), date(2030, 12, 31)))
    ).all()
    based = 0
    for programme in session.scalars(select(Programme)):
        if not programme.employer_partner_ids or programme.id not in studying:
            continue
        kinds = {
            slot.kind
            for slot in in_2030
            if slot.accepted_okso_codes == [programme.okso_code]
            and slot.edu_org_id == programme.edu_org_id
            and slot.employer_id in programme.employer_partner_ids
        }
        years = -(-programme.duration_months // 12)
        assert kinds >= ({"production", "internship"} if years > 2 else {"internship"}), programme.id
        based += 1
    assert based


def test_minors_are_offered_temporary_jobs(region_session):
    session, _ = region_session
    jobs = session.scalars(select(Vacancy).where(Vacancy.okso_code.is_(None))).all()
    assert len(jobs) >= count(session, Employer) // 3
    for job in jobs:
        assert (job.title, job.schedule) in TEMP_JOBS_FOR_MINORS
        assert job.status == "open" and job.ugs_code is None
        assert not (job.hazardous or job.requires_experience or job.for_young_specialists)


def test_a_second_run_leaves_the_region_alone(region_session):
    session, _ = region_session
    again = generate(session, seed=99, youths=500)
    assert not again.created
    assert count(session, Youth) == 300


def _snapshot(connect, url: str, seed: int) -> tuple:
    MIGRATIONS.upgrade(url)
    engine = connect(url)
    with Session(engine) as session:
        generate(session, seed=seed, youths=120)
        session.commit()
        snapshot = (
            session.execute(select(Youth.id, Youth.last_name, Youth.birth_date).order_by(Youth.id)).all(),
            session.execute(select(Employer.id, Employer.name, Employer.inn).order_by(Employer.id)).all(),
            session.execute(select(PracticeSlot.id, PracticeSlot.capacity).order_by(PracticeSlot.id)).all(),
        )
    engine.dispose()
    return snapshot


def test_the_same_seed_gives_the_same_region(tmp_path, connect_engine):
    first = _snapshot(connect_engine, f"sqlite:///{tmp_path / 'a.sqlite'}", seed=3)
    second = _snapshot(connect_engine, f"sqlite:///{tmp_path / 'b.sqlite'}", seed=3)
    other = _snapshot(connect_engine, f"sqlite:///{tmp_path / 'c.sqlite'}", seed=4)
    assert first == second
    assert first != other


def test_sizes_scale_with_youths(sqlite_url, connect_engine):
    MIGRATIONS.upgrade(sqlite_url)
    engine = connect_engine(sqlite_url)
    with Session(engine) as session:
        summary = generate(session, seed=1, youths=2000)
    engine.dispose()
    assert summary.schools >= 15 and summary.employers >= 75 and summary.curators >= 16
    statuses = Counter([summary.pupils, summary.students, summary.graduates])
    assert sum(k * v for k, v in statuses.items()) == 2000


def test_too_small_a_region_is_rejected(sqlite_url):
    engine = create_engine(sqlite_url)
    with Session(engine) as session, pytest.raises(ValueError):
        generate(session, seed=1, youths=3)
    engine.dispose()


def _snils_valid(snils: str) -> bool:
    digits, check = snils[:11].replace("-", ""), int(snils[-2:])
    total = sum(int(d) * w for d, w in zip(digits, range(9, 0, -1), strict=True))
    expected = total if total < 100 else 0 if total in (100, 101) else total % 101
    return check == (0 if expected == 100 else expected)


def _inn_valid(inn: str) -> bool:
    weights = (2, 4, 10, 3, 5, 9, 4, 6, 8)
    return len(inn) == 10 and int(inn[9]) == sum(int(d) * w for d, w in zip(inn, weights)) % 11 % 10


def test_reference_date_is_fixed():
    assert date(2026, 9, 1) < DEFAULT_AS_OF < date(2026, 12, 31)
