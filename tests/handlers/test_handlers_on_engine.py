"""The real handlers run by the engine on a generated region, for the processes the school-to-work
journey of tests/processes does not reach: the employer's staffing need, the practice library, and a
graduate who changes trajectory (retraining) and starts a business (entrepreneurship referral)."""
from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import create_engine, func, select
from sqlalchemy.orm import Session

from domain.models import (
    AdaptationPractice,
    AssistanceAgreement,
    CznOffice,
    Employer,
    EntrepreneurshipReferral,
    PracticeSlot,
    ProfilingResult,
    Programme,
    RetrainingEnrollment,
    ServiceCall,
    StaffingNeed,
    StudentEnrollment,
    Vacancy,
    Youth,
)
from domain.region.generate import generate
from engine import Engine, ManualClock
from profroute.wiring import WIRING

PROCESSES = Path(__file__).resolve().parents[2] / "processes"
START = datetime.fromisoformat("2026-11-02T06:00:00+00:00")
AGREEMENT = {"number": "С-5/2026", "signed_at": "2026-11-02", "valid_to": "2029-11-01",
             "proftour_slots_per_year": 2, "practice_slots": 3, "internship_slots": 1, "vacancies_for_youth": 2,
             "gia_participation": True, "programme_participation": True}
NOT_EMPLOYED = {"employed": False, "in_specialty": False, "employer_id": None, "start_date": None,
                "wants_change": False, "enrolled_in_retraining": False}
ANSWERS = {
    "agreement_target_contract": AGREEMENT,
    "agreement_assistance": AGREEMENT,
    "employer_in_programs": {"programme_codes": "09.02.07", "participation_format": "review", "comment": ""},
    "practices_library": {"title": "Наставник первого года", "category": "mentoring",
                          "description": "Опытный сотрудник сопровождает новичка", "industries": "", "publish": True},
    "review_practice": {"still_relevant": False, "comment": "Заменена новой практикой"},
    "individual_plan_profiling": {"career_plan_present": True, "practice_status": "done", "job_search_skills": "low",
                                  "motivation_level": "normal", "needs_income_now": False, "has_disability": False,
                                  "wants_entrepreneurship": True, "wants_trajectory_change": False,
                                  "job_offer_received": False},
    "ip_results": {"plan_completed": True, "employed": False, "entrepreneurship_request": True,
                   "prefers_online_support": False, "comment": "Хочет открыть мастерскую"},
    "entrepreneurship_support": {"measures": ["consulting", "grant"], "comment": ""},
    "business_followup": {"business_form": "npd", "comment": ""},
    "graduate_followup": {"found_job": False, "job_search_active": True, "job_search_skills": "low",
                          "motivation_level": "normal", "needs_income_now": True, "plan_adjusted": False},
}


class Driver:
    """Completes every open task with its answer and moves the clock to the next timer until all is done."""

    def __init__(self, engine: Engine, answers: dict) -> None:
        self.engine, self.answers, self.done = engine, answers, []

    def run(self, rounds: int = 400) -> None:
        for _ in range(rounds):
            incidents = self.engine.incidents(status="open")
            assert not incidents, f"incident on {incidents[0].element_id}: {incidents[0].error}"
            tasks = self.engine.tasks(status="open", limit=100)
            for task in tasks:
                answer = self.answers[task.element_id]
                self.engine.complete(task.id, answer(task) if callable(answer) else dict(answer), actor="tester")
                self.done.append(task.element_id)
            if tasks:
                continue
            timers = self.engine.timers()
            if not timers:
                return
            self.engine.clock.set(max(self.engine.clock.now(), timers[0][2] + timedelta(seconds=1)))
            self.engine.run_due()
        raise AssertionError("the processes did not finish")


@pytest.fixture
def world(sqlite_url):
    WIRING.upgrade(sqlite_url)
    database = create_engine(sqlite_url)
    with Session(database) as session:
        generate(session, seed=11, youths=120)
        session.commit()
    engine = WIRING.open_engine(sqlite_url, clock=ManualClock(START))
    engine.deploy([str(p) for p in sorted(PROCESSES.glob("*.bpmn")) + sorted(PROCESSES.glob("*.dmn"))],
                  actor="tests")
    yield engine, database
    database.dispose()


def test_staffing_need_and_practice_library(world):
    engine, database = world
    with Session(database) as session:
        employer = session.scalar(select(Employer).order_by(Employer.id))
        programme = session.scalar(select(Programme).order_by(Programme.id))
        czn = session.scalar(select(CznOffice.id).order_by(CznOffice.id))
        org = {"employer": employer.id, "czn": czn, "edu_org": programme.edu_org_id}
        codes, employer_id = [programme.okso_code], employer.id
    for key, needed_by in (("need-far", "2031-09-01"), ("need-near", "2027-09-01")):
        need = {"id": key, "okso_codes": codes, "qty": 2, "needed_by": needed_by, "min_level": "spo"}
        engine.start("proc_employer_staffing_need", data={"need": need}, business_key=key, org=org)
    engine.start("proc_practice_library", data={}, business_key="library-1", org={"czn": czn})
    Driver(engine, ANSWERS).run()

    assert {i.status for i in engine.instances(limit=10)} == {"completed"}
    with Session(database) as session:
        far, near = session.get(StaffingNeed, "need-far"), session.get(StaffingNeed, "need-near")
        assert far.segment == "schoolchildren" and near.segment == "graduates"
        assert {far.status, near.status} <= {"closed", "partly_closed"}
        assert session.scalar(select(func.count()).select_from(AssistanceAgreement)
                              .where(AssistanceAgreement.staffing_need_id.in_(["need-far", "need-near"]))) == 2
        assert session.scalar(select(func.count()).select_from(PracticeSlot)
                              .where(PracticeSlot.agreement_id.is_not(None), PracticeSlot.employer_id == employer_id))
        assert session.scalar(select(func.count()).select_from(Vacancy)
                              .where(Vacancy.employer_id == employer_id, Vacancy.okso_code == codes[0],
                                     Vacancy.for_young_specialists.is_(True))) >= 1
        practice = session.scalar(select(AdaptationPractice)
                                  .where(AdaptationPractice.title_ru == ANSWERS["practices_library"]["title"]))
        assert practice.status == "archived" and practice.reviewed_at is not None
        assert session.scalar(select(func.count()).select_from(ServiceCall)) == session.scalar(
            select(func.count(func.distinct(ServiceCall.task_id))).select_from(ServiceCall))


def test_graduate_retrains_then_starts_a_business(world):
    engine, database = world
    with Session(database) as session:
        youth, enrollment = session.execute(
            select(Youth, StudentEnrollment).join(StudentEnrollment, StudentEnrollment.youth_id == Youth.id)
            .where(StudentEnrollment.status == "studying").order_by(StudentEnrollment.expected_graduation, Youth.id)
        ).first()
        programme = session.get(Programme, enrollment.programme_id)
        czn = session.scalar(select(CznOffice.id).order_by(CznOffice.id))
        route = {
            "youth_id": youth.id, "youth_name": youth.full_name, "reason": "graduation",
            "org": {"edu_org": programme.edu_org_id, "czn": czn},
            "graduation": {"passed": True, "diploma_date": enrollment.expected_graduation.isoformat(),
                           "demo_exam_score": 70},
            "enrollment": {"enrollment_id": enrollment.id, "edu_org_id": programme.edu_org_id,
                           "okso_code": programme.okso_code, "start_date": enrollment.start_date.isoformat(),
                           "expected_graduation": enrollment.expected_graduation.isoformat(),
                           "funding": enrollment.funding, "target_contract_id": None},
        }
        youth_id = youth.id
    assert engine.correlate("graduate_ready", youth_id, route)
    statuses = iter([NOT_EMPLOYED, {**NOT_EMPLOYED, "wants_change": True}] + [NOT_EMPLOYED] * 3)
    Driver(engine, {**ANSWERS, "confirm_graduate_status": lambda task: next(statuses)}).run()

    with Session(database) as session:
        referral = session.scalar(select(EntrepreneurshipReferral).where(EntrepreneurshipReferral.youth_id == youth_id))
        assert referral.business_form == "npd" and referral.measures_received == ["consulting", "grant"]
        assert session.scalar(select(func.count()).select_from(RetrainingEnrollment)
                              .where(RetrainingEnrollment.youth_id == youth_id)) == 1
        assert session.get(StudentEnrollment, enrollment.id).status == "graduated"
        followups = session.scalar(select(func.count()).select_from(ProfilingResult).where(
            ProfilingResult.youth_id == youth_id, ProfilingResult.context == "graduate_followup"))
        assert followups == 3 + 7, (
            "every 1.5 months while «Отсутствие занятости»: after 0 and after 12 months, not while retraining")
