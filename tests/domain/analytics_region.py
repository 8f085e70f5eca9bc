"""A hand-built region whose figures are known: two colleges, five graduates followed up, three profiled
students, three curators and one practice slot (the answers are in tests/domain/test_analytics.py)."""
from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import create_engine
from sqlalchemy.orm import Session

from domain.models import (
    Curator,
    CuratorAssignment,
    CznOffice,
    EduOrg,
    Employer,
    EmploymentOutcome,
    PracticePlacement,
    PracticeSlot,
    ProfilingResult,
    Programme,
    Region,
    StudentEnrollment,
    Youth,
)
from domain.reference_data.loader import load_reference_data

SPRING = date(2025, 4, 1)


def _youth(youth_id: str) -> Youth:
    return Youth(id=youth_id, last_name="Тестов", first_name=youth_id, sex="m", birth_date=date(2005, 1, 1),
                 region_code="99")


def _enrolment(youth_id: str, programme: str, practice: date | None = None) -> StudentEnrollment:
    return StudentEnrollment(id=f"e-{youth_id}", youth_id=youth_id, programme_id=programme,
                             start_date=date(2021, 9, 1), expected_graduation=date(2025, 6, 30),
                             practice_window_start=practice,
                             practice_window_end=date(2025, 5, 31) if practice else None)


def _outcome(youth_id: str, months: int, outcome: str, in_specialty: bool | None = None,
             graduated: date = date(2025, 6, 30)) -> EmploymentOutcome:
    return EmploymentOutcome(youth_id=youth_id, student_enrollment_id=f"e-{youth_id}", graduation_date=graduated,
                             as_of_date=date(graduated.year + (graduated.month + months - 1) // 12,
                                             (graduated.month + months - 1) % 12 + 1, 1),
                             checkpoint_months=months, outcome=outcome, in_specialty=in_specialty)


def _profiling(youth_id: str, month: int, level: str, reason: str, parts: list[tuple[str, int]]) -> ProfilingResult:
    return ProfilingResult(youth_id=youth_id, student_enrollment_id=f"e-{youth_id}", context="student_periodic",
                           taken_at=datetime(2025, month, 1, tzinfo=UTC), risk_level=level, risk_reason_code=reason,
                           risk_contributions=[{"code": code, "points": points} for code, points in parts])


def build_region(session: Session) -> None:
    load_reference_data(session)
    session.add(Region(code="99", name_ru="Тестовый регион"))
    session.flush()
    session.add_all([EduOrg(id="college-a", name="Колледж А", type="poo", region_code="99"),
                     EduOrg(id="college-b", name="Колледж Б", type="poo", region_code="99"),
                     CznOffice(id="czn-1", name="ЦЗН 1", region_code="99"),
                     CznOffice(id="czn-2", name="ЦЗН 2", region_code="99"),
                     Employer(id="employer-1", name="Завод", okved="28.41", region_code="99")])
    session.flush()
    session.add_all([Programme(id="p-a", edu_org_id="college-a", okso_code="15.02.16", duration_months=46),
                     Programme(id="p-b", edu_org_id="college-b", okso_code="15.01.05", duration_months=34)])
    youths = ["g1", "g2", "g3", "g4", "g5", "s1", "s2", "s3"]
    session.add_all([_youth(youth) for youth in youths])
    session.flush()
    session.add_all([_enrolment(youth, "p-a") for youth in ("g1", "g2", "g3", "g4")]
                    + [_enrolment("g5", "p-b"), _enrolment("s1", "p-a", SPRING), _enrolment("s2", "p-a", SPRING),
                       _enrolment("s3", "p-b", date(2025, 5, 1))])
    session.flush()
    session.add_all([
        # college A, 2025: g1 employed in the specialty at +12, g2 employed at +6 outside it, g3 still without
        # work at +24 (observed, not employed), g4 seen only at +6 (not yet observed); g2's later row is ignored
        _outcome("g1", 6, "not_employed"), _outcome("g1", 12, "employed", True),
        _outcome("g2", 6, "employed", False), _outcome("g2", 12, "not_employed"),
        _outcome("g3", 6, "not_employed"), _outcome("g3", 24, "not_employed"),
        _outcome("g4", 6, "not_employed"),
        # college B, 2024: g5 found work only at +36: observed at 24+, not employed within 24 months
        _outcome("g5", 36, "employed", True, graduated=date(2024, 6, 30)),
        _profiling("s1", 1, "high", "score_high", [("academic_debt", 6), ("no_career_plan", 2), ("job_offer", -3)]),
        _profiling("s1", 6, "acceptable", "score_ok", [("no_career_plan", 2)]),
        _profiling("s2", 3, "high", "academic_debt", [("academic_debt", 3), ("motivation_low", 2)]),
        _profiling("s3", 3, "acceptable", "score_ok", []),
        Curator(id="cur-1", full_name="Иванова Анна", czn_office_id="czn-1", max_caseload=2),
        Curator(id="cur-2", full_name="Петров Павел", czn_office_id="czn-2", max_caseload=40),
        Curator(id="cur-3", full_name="Сидоров Олег", czn_office_id="czn-1", max_caseload=40, is_active=False),
        PracticeSlot(id="slot-a", employer_id="employer-1", edu_org_id="college-a", region_code="99",
                     accepted_okso_codes=["15.02.16"], start_date=SPRING, end_date=date(2025, 5, 31), capacity=5),
    ])
    session.flush()
    session.add_all([CuratorAssignment(curator_id="cur-1", youth_id=youth, started_on=date(2025, 1, 10))
                     for youth in ("s1", "s2", "s3")]
                    + [CuratorAssignment(curator_id="cur-1", youth_id="g1", started_on=date(2024, 1, 10),
                                         ended_on=date(2024, 6, 1)),
                       CuratorAssignment(curator_id="cur-2", youth_id="g2", started_on=date(2025, 1, 10)),
                       PracticePlacement(slot_id="slot-a", student_enrollment_id="e-s1", youth_id="s1",
                                         status="confirmed"),
                       PracticePlacement(slot_id="slot-a", student_enrollment_id="e-s2", youth_id="s2",
                                         status="rejected")])
    session.commit()


def seed_region(database_url: str) -> None:
    """The region above, committed into a migrated database."""
    database = create_engine(database_url)
    try:
        with Session(database) as session:
            build_region(session)
    finally:
        database.dispose()
