from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from domain.algorithms.curators import CuratorNeeds, choose_curator
from domain.algorithms.matching import match_students_to_slots
from domain.algorithms.study_calendar import practice_window_on
from domain.algorithms.vacancies import JobSeeker, recommend_vacancies
from domain.models import (
    AssistanceAgreement,
    CuratorAssignment,
    EduOrg,
    Employer,
    PracticeSlot,
    Programme,
    StudentEnrollment,
    ugs_of,
)
from domain.queries import (
    active_assignment,
    curator_candidates,
    employers_with_graduates_need,
    practice_window_of,
    slot_offers,
    student_candidate,
    vacancy_candidates,
)
from domain.region import DEFAULT_AS_OF


@pytest.fixture
def session(region_session):
    return region_session[0]


def test_students_match_to_slots_read_from_the_registry(session):
    offers = slot_offers(session, region_code="40")
    open_slots = [s for s in session.scalars(select(PracticeSlot)) if s.filled < s.capacity]
    assert len(offers) == len(open_slots) > 0
    studying = session.scalars(select(StudentEnrollment).where(StudentEnrollment.status == "studying")).all()
    candidates = [student_candidate(session, e, on=DEFAULT_AS_OF, accepts_region_wide=True) for e in studying]
    result = match_students_to_slots(candidates, offers)
    assert result.placed_count > 0
    by_id = {offer.id: offer for offer in offers}
    okso = {c.id: c.okso_code for c in candidates}
    for placement in result.placements:
        offer = by_id[placement.slot_id]
        code = okso[placement.student_id]
        assert code in offer.accepted_okso_codes or ugs_of(code) in offer.accepted_ugs_codes


def test_graduates_need_requires_an_active_agreement(session):
    employers = set(session.scalars(select(Employer.id)))
    priority = employers_with_graduates_need(session, employers)
    agreed = set(session.scalars(select(AssistanceAgreement.employer_id)))
    assert priority <= agreed
    assert employers_with_graduates_need(session, sorted(priority)[:1]) == set(sorted(priority)[:1])
    assert employers_with_graduates_need(session, []) == set()


def test_curator_caseload_counts_open_assignments(session):
    org = session.scalars(select(EduOrg).order_by(EduOrg.id)).first()
    before = {c.id: c.caseload for c in curator_candidates(session, org.czn_office_id)}
    assert set(before.values()) == {0}
    student = session.scalars(select(StudentEnrollment).order_by(StudentEnrollment.id)).first()
    decision = choose_curator(CuratorNeeds(org.czn_office_id, org.id), curator_candidates(session, org.czn_office_id))
    assert decision.outcome == "assign"
    session.add(
        CuratorAssignment(
            curator_id=decision.curator_id,
            youth_id=student.youth_id,
            student_enrollment_id=student.id,
            started_on=date(2026, 11, 2),
        )
    )
    session.flush()
    after = {c.id: c.caseload for c in curator_candidates(session, org.czn_office_id)}
    assert after[decision.curator_id] == 1
    assert active_assignment(session, student.youth_id).curator_id == decision.curator_id
    kept = choose_curator(
        CuratorNeeds(org.czn_office_id, org.id, current_curator_id=decision.curator_id),
        curator_candidates(session, org.czn_office_id, include_ids=[decision.curator_id]),
    )
    assert kept.outcome == "keep"


def test_vacancies_from_the_registry(session):
    vacancies = vacancy_candidates(session, region_code="40")
    assert vacancies and all(v.status == "open" for v in vacancies)
    code = next(v.okso_code for v in vacancies if v.okso_code)
    recommended = recommend_vacancies(JobSeeker(code, "40"), vacancies, limit=3)
    assert recommended and recommended[0].reasons[0] in ("okso_match", "ugs_match")
    in_group = vacancy_candidates(session, region_code="40", okso_code=code)
    assert in_group and {v.id for v in in_group} <= {v.id for v in vacancies}
    assert all(v.ugs_code == ugs_of(code) or (v.okso_code or "").startswith(code[:3]) for v in in_group)
    assert recommend_vacancies(JobSeeker(code, "40"), in_group, limit=3) == recommended


def test_student_candidate_needs_its_programme(session):
    enrollment = StudentEnrollment(
        youth_id="missing",
        programme_id=session.scalars(select(Programme.id)).first(),
        start_date=date(2026, 9, 1),
        expected_graduation=date(2030, 6, 30),
    )
    with pytest.raises(LookupError):
        student_candidate(session, enrollment, on=DEFAULT_AS_OF)


def test_slot_offers_narrowed_by_kind_and_end(session):
    offers = {offer.id: offer for offer in slot_offers(session, region_code="40")}
    slots = {slot.id: slot for slot in session.scalars(select(PracticeSlot)) if slot.id in offers}
    kind = sorted({slot.kind for slot in slots.values()})[0]
    ends = sorted(slot.end_date for slot in slots.values() if slot.kind == kind)
    day = ends[len(ends) // 2]
    narrowed = slot_offers(session, region_code="40", kinds=[kind], ending_on_or_after=day)
    assert narrowed and [o.id for o in narrowed] == sorted(
        slot_id for slot_id, slot in slots.items() if slot.kind == kind and slot.end_date >= day
    )
    assert all(o == offers[o.id] for o in narrowed)


def test_a_stored_window_of_an_earlier_school_year_is_recomputed(session):
    enrollment = next(
        e
        for e in session.scalars(select(StudentEnrollment).order_by(StudentEnrollment.id))
        if e.status == "studying" and e.expected_graduation > date(2028, 9, 1)
    )
    stored = (enrollment.practice_window_start, enrollment.practice_window_end)
    assert practice_window_of(enrollment, on=DEFAULT_AS_OF) == stored
    next_year = date(2027, 11, 2)
    expected = practice_window_on(
        next_year, study_start=enrollment.start_date, graduation=enrollment.expected_graduation
    )
    assert expected is not None and expected[0].year == stored[0].year + 1
    assert practice_window_of(enrollment, on=next_year) == expected
    candidate = student_candidate(session, enrollment, on=next_year)
    assert (candidate.window_start, candidate.window_end) == expected
    after_studies = date(enrollment.expected_graduation.year, 9, 1)
    assert practice_window_of(enrollment, on=after_studies) is None


def test_slot_offers_within_a_window_and_without_named_slots(session):
    window = (date(2029, 4, 1), date(2029, 5, 31))
    offers = slot_offers(session, region_code="40", within=window)
    expected = sorted(
        slot.id
        for slot in session.scalars(select(PracticeSlot))
        if slot.filled < slot.capacity and window[0] <= slot.start_date and slot.end_date <= window[1]
    )
    assert offers and [offer.id for offer in offers] == expected
    dropped = offers[0].id
    rest = slot_offers(session, region_code="40", within=window, excluding_ids=[dropped])
    assert [offer.id for offer in rest] == expected[1:]


def test_a_young_specialist_starts_at_the_employer_the_registries_name(session):
    from domain.models import EmploymentOutcome, Youth
    from domain.route_starts import EMPLOYMENT_CONFIRMED, YOUNG_SPECIALIST, StartRefused, build_start

    youth = session.scalars(select(Youth).where(Youth.status == "employed").order_by(Youth.id)).first()
    latest = session.scalars(select(EmploymentOutcome).where(EmploymentOutcome.youth_id == youth.id)
                             .order_by(EmploymentOutcome.as_of_date.desc())).first()
    start = build_start(session, YOUNG_SPECIALIST, youth.id)
    assert (start.message, start.business_key, start.subject_name) == (EMPLOYMENT_CONFIRMED, youth.id, youth.full_name)
    assert start.org["employer"] == start.data["employment"]["employer_id"] == latest.employer_id
    assert start.org["czn"] and start.owners == ("employer", "czn")
    pupil = session.scalars(select(Youth.id).where(Youth.status == "pupil")).first()
    with pytest.raises(StartRefused) as refused:
        build_start(session, YOUNG_SPECIALIST, pupil)
    assert refused.value.reason == "organisation"
