"""Student support handlers against the seeded region: practice matching and the competence passport."""
from __future__ import annotations

from datetime import date

import pytest

from domain.algorithms.matching import MatchResult, Placement
from domain.models import (
    CompetencePassport,
    CompetencePassportItem,
    PracticePlacement,
    PracticeSlot,
    TargetTrainingContract,
)
from handlers import student_practice
from tests.handlers.factories import STUDENT_ORG, add_production_slot, add_student


def test_practice_matching_prefers_the_target_customer(session, enrollment, make_ctx, region, count):
    def slot(employer, codes=(), ugs=(), capacity=2):
        row = PracticeSlot(employer_id=employer, kind="production", accepted_okso_codes=list(codes),
                           accepted_ugs_codes=list(ugs), region_code="52", start_date=date(2027, 4, 6),
                           end_date=date(2027, 5, 17), capacity=capacity, min_age=16)
        session.add(row)
        session.flush()
        return row

    slot(region.plant, codes=["09.02.07"])
    customer_slot = slot(region.it_employer, ugs=["09.00.00"])
    contract = TargetTrainingContract(customer_employer_id=region.it_employer, youth_id="s-1",
                                      programme_id=region.it_programme, status="active")
    session.add(contract)
    session.flush()
    enrollment.target_contract_id = contract.id
    ctx = make_ctx({"org": STUDENT_ORG})
    result = student_practice.match_practice_slots(ctx, youth_id="s-1", kind="production")
    assert result["slot_id"] == customer_slot.id and result["employer_id"] == region.it_employer
    assert result["tier"] == "B"
    placement = session.get(PracticePlacement, result["placement_id"])
    assert placement.status == "proposed" and customer_slot.filled == 1
    assert student_practice.match_practice_slots(make_ctx(), youth_id="s-1", kind="production") == result
    assert count(PracticePlacement) == 1 and customer_slot.filled == 1


def test_a_slot_filled_by_a_concurrent_step_fails_for_a_retry(session, enrollment, make_ctx, region, monkeypatch,
                                                               count):
    full = PracticeSlot(employer_id=region.plant, kind="production", accepted_okso_codes=["09.02.07"],
                        region_code="52", start_date=date(2027, 4, 6), end_date=date(2027, 5, 17), capacity=1,
                        filled=1, min_age=16)
    session.add(full)
    session.flush()
    won = MatchResult([Placement(enrollment.id, full.id, "A", ("okso_match",))], [], {full.id: 0})
    monkeypatch.setattr(student_practice, "match_students_to_slots", lambda students, slots: won)
    with pytest.raises(RuntimeError, match="filled by a concurrent step"):
        student_practice.match_practice_slots(make_ctx(), youth_id="s-1", kind="production")
    assert full.filled == 1 and count(PracticePlacement) == 0


def test_practice_matching_without_a_free_slot(session, enrollment, make_ctx, region):
    session.add(PracticeSlot(employer_id=region.plant, kind="production", accepted_okso_codes=["15.01.05"],
                             region_code="52", start_date=date(2027, 4, 6), end_date=date(2027, 5, 17),
                             capacity=3, min_age=16))
    session.flush()
    ctx = make_ctx({"org": STUDENT_ORG})
    result = student_practice.match_practice_slots(ctx, youth_id="s-1", kind="production")
    assert result == {"placement_id": None, "slot_id": None, "employer_id": None, "tier": None}
    assert ctx.emitted[0]["kind"] == "practice.no_slot"


def test_practice_matching_without_a_stored_window_uses_the_current_course(session, enrollment, make_ctx, region):
    # The fixture's student has no stored window; on 5 Oct 2026 they are in course 3 of 4: April–May 2027.
    assert enrollment.practice_window_start is None
    add_production_slot(session, region.it_employer, year=2028)
    this_year = add_production_slot(session, region.plant)
    result = student_practice.match_practice_slots(make_ctx({"org": STUDENT_ORG}), youth_id="s-1", kind="production")
    assert result["slot_id"] == this_year.id
    assert (enrollment.practice_window_start, enrollment.practice_window_end) == (date(2027, 4, 1),
                                                                                    date(2027, 5, 31))


def test_practice_matching_replaces_last_years_window(session, enrollment, make_ctx, region):
    enrollment.practice_window_start, enrollment.practice_window_end = date(2026, 4, 1), date(2026, 5, 31)
    add_production_slot(session, region.it_employer, year=2026)
    this_year = add_production_slot(session, region.plant)
    result = student_practice.match_practice_slots(make_ctx({"org": STUDENT_ORG}), youth_id="s-1", kind="production")
    assert result["slot_id"] == this_year.id and enrollment.practice_window_start == date(2027, 4, 1)


def test_practice_matching_refuses_outside_the_studies(session, region, make_ctx, count):
    add_student(session, region, "s-9", course_start=date(2027, 9, 1), graduation=date(2031, 6, 30))
    add_production_slot(session, region.it_employer)
    with pytest.raises(ValueError, match="no practice window on 2026-10-05"):
        student_practice.match_practice_slots(make_ctx({"org": STUDENT_ORG}), youth_id="s-9", kind="production")
    assert count(PracticePlacement) == 0


@pytest.mark.parametrize("status", ["completed", "failed"])
def test_practice_matching_never_proposes_a_slot_the_student_had(session, enrollment, make_ctx, region, count,
                                                                 status):
    had = add_production_slot(session, region.it_employer)
    session.add(PracticePlacement(slot_id=had.id, student_enrollment_id=enrollment.id, youth_id="s-1",
                                  status=status))
    session.flush()
    ctx = make_ctx({"org": STUDENT_ORG})
    assert student_practice.match_practice_slots(ctx, youth_id="s-1", kind="production")["slot_id"] is None
    assert ctx.emitted[0]["kind"] == "practice.no_slot"
    other = add_production_slot(session, region.plant)
    result = student_practice.match_practice_slots(make_ctx({"org": STUDENT_ORG}), youth_id="s-1", kind="production")
    assert result["slot_id"] == other.id
    assert count(PracticePlacement, PracticePlacement.slot_id == had.id) == 1 and had.filled == 0


def test_an_open_placement_of_last_year_does_not_answer_this_years_request(session, enrollment, make_ctx, region,
                                                                          count):
    last_year = add_production_slot(session, region.it_employer, year=2026)
    session.add(PracticePlacement(slot_id=last_year.id, student_enrollment_id=enrollment.id, youth_id="s-1",
                                  status="confirmed"))
    session.flush()
    this_year = add_production_slot(session, region.it_employer)
    result = student_practice.match_practice_slots(make_ctx({"org": STUDENT_ORG}), youth_id="s-1", kind="production")
    assert result["slot_id"] == this_year.id and count(PracticePlacement) == 2


def test_competence_passport_grows_with_a_confirmed_placement(session, enrollment, make_ctx, region):
    row = PracticeSlot(employer_id=region.it_employer, kind="production", accepted_okso_codes=["09.02.07"],
                       region_code="52", start_date=date(2026, 6, 1), end_date=date(2026, 7, 31), capacity=2,
                       filled=1, min_age=16)
    session.add(row)
    session.flush()
    placement = PracticePlacement(slot_id=row.id, student_enrollment_id=enrollment.id, youth_id="s-1")
    session.add(placement)
    session.flush()
    form = {"confirmed": True, "start_date": "2026-06-01", "end_date": "2026-07-31", "employer_evaluation": 5,
            "offer_made": True}
    ctx = make_ctx()
    result = student_practice.update_competence_passport(ctx, youth_id="s-1", placement_id=placement.id, placement=form)
    assert result == {"version": 1, "items_count": 1}
    assert placement.status == "completed" and placement.offer_made and placement.employer_evaluation == 5
    item = session.query(CompetencePassportItem).one()
    assert (item.evidence_type, item.competence_code, item.level) == ("placement", "09.02.07", 5)
    assert ctx.emitted[0]["kind"] == "competence_passport.publish"
    assert student_practice.update_competence_passport(make_ctx(same=ctx), youth_id="s-1", placement_id=placement.id,
                                              placement=form) == result
    assert session.query(CompetencePassport).one().published_to_ecp
