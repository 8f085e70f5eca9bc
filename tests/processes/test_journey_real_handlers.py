"""The grade-6-to-retention journey with the real handlers on a generated region: the diagrams, the handlers
and the domain registries work together (the fake handlers of the other process tests only follow the
catalogue)."""
from __future__ import annotations

from process_driver import DEFAULT_ANSWERS, START, Autopilot, deployable_files
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from domain.models import CznOffice, Employer, EmploymentOutcome, SchoolEnrollment, StudentEnrollment, Youth
from domain.region.generate import generate
from engine import Engine, ManualClock
from engine.migrate import upgrade_all
from engine.plugins import load_handlers

STAGES = {"proc_school_career_guidance", "proc_admission_target_training", "proc_student_support",
          "proc_graduate_routing", "proc_young_specialist_adaptation"}


def sixth_grader(url: str) -> tuple[dict, dict, str]:
    database = create_engine(url)
    with Session(database) as session:
        generate(session, seed=7, youths=200)
        session.commit()
        youth, enrollment = session.execute(
            select(Youth, SchoolEnrollment).join(SchoolEnrollment, SchoolEnrollment.youth_id == Youth.id)
            .where(SchoolEnrollment.grade == 6).order_by(Youth.id).limit(1)).one()
        data = {"youth_id": youth.id, "youth_name": youth.full_name, "birth_date": youth.birth_date.isoformat(),
                "grade": 6}
        org = {"school": enrollment.school_id, "czn": session.scalar(select(CznOffice.id).order_by(CznOffice.id))}
        employer_id = session.scalar(select(Employer.id).order_by(Employer.id))
    database.dispose()
    return data, org, employer_id


def test_a_sixth_grader_reaches_retention_with_the_real_handlers(sqlite_url):
    upgrade_all(sqlite_url)
    data, org, employer_id = sixth_grader(sqlite_url)
    engine = Engine(sqlite_url, clock=ManualClock(START),
                    handlers=load_handlers())
    engine.deploy([str(path) for path in deployable_files()], actor="tests")
    engine.start("proc_school_career_guidance", data=data, business_key=data["youth_id"], org=org)
    pilot = Autopilot(engine)
    pilot.answer("admission_result", lambda task: {
        "enrolled": True, "edu_org_id": task.data["application"]["edu_org_id"],
        "okso_code": task.data["application"]["programme_code"], "funding": "budget"})
    pilot.answer("confirm_graduate_status", {**DEFAULT_ANSWERS["confirm_graduate_status"], "employer_id": employer_id})
    pilot.run(max_rounds=600)
    try:
        stages = {info.process_key: info.status for info in engine.instances(business_key=data["youth_id"])}
        assert stages == dict.fromkeys(STAGES, "completed")
        assert pilot.completed_tasks.count("school_year_results") == 4, "grades 6 to 9, then college"
        assert pilot.completed_tasks.count("confirm_retention") == 4, "3, 6, 12 and 24 months"
        database = create_engine(sqlite_url)
        with Session(database) as session:
            assert session.get(Youth, data["youth_id"]).status == "employed"
            assert session.scalars(select(StudentEnrollment.status)
                                   .where(StudentEnrollment.youth_id == data["youth_id"])).all() == ["graduated"]
            assert session.scalars(select(EmploymentOutcome.outcome)
                                   .where(EmploymentOutcome.youth_id == data["youth_id"])).all() == ["employed"]
        database.dispose()
    finally:
        engine.close()
