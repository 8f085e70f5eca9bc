"""Employer staffing-need handlers against the seeded region."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.algorithms.study_calendar import practice_periods, school_year_of
from domain.models import (
    AssistanceAgreement,
    CareerEvent,
    Employer,
    EmploymentOutcome,
    PracticeSlot,
    Region,
    StaffingNeed,
    TargetTrainingOffer,
    Vacancy,
)
from handlers import employer_need, student_practice
from tests.handlers.factories import add_student

AT_DEADLINE = datetime(2028, 7, 1, 6, 0, tzinfo=UTC)
ORG = {"employer": "emp-it", "czn": "czn-001", "edu_org": "edu-college"}
NEED = {"id": "need-1", "okso_codes": ["09.02.07"], "qty": 3, "needed_by": "2028-07-01", "min_level": "spo"}
AGREEMENT = {"number": "С-17/2026", "signed_at": "2026-10-01", "valid_to": "2027-09-30",
             "proftour_slots_per_year": 3, "practice_slots": 4, "internship_slots": 2, "vacancies_for_youth": 2,
             "gia_participation": True, "programme_participation": False}


@pytest.fixture
def need(session, region, make_ctx):
    for number, graduation in enumerate((date(2027, 6, 30), date(2028, 6, 30), date(2029, 6, 30))):
        add_student(session, region, f"s-{number}", graduation=graduation)
    ctx = make_ctx({"org": ORG})
    return employer_need.register_need(ctx, employer_id=region.it_employer, need=NEED)


def test_register_need_counts_graduates_in_time(session, need, make_ctx, count):
    row = session.get(StaffingNeed, "need-1")
    assert (row.status, row.qty, row.okso_codes, row.needed_by) == ("new", 3, ["09.02.07"], date(2028, 7, 1))
    assert need == {
        "need_id": "need-1",
        "months_until_needed": 20,
        "required_level": "spo",
        "qty": 3,
        "graduates_available": 2,
        "target_quota_available": True,
        "needed_by": "2028-07-01T09:00:00+03:00",
    }
    again = employer_need.register_need(make_ctx({"org": ORG}), employer_id="emp-it", need=NEED)
    assert again == need and count(StaffingNeed) == 1


def test_register_need_for_higher_education_ignores_college_programmes(session, region, make_ctx):
    add_student(session, region, "s-1", graduation=date(2027, 6, 30))
    result = employer_need.register_need(
        make_ctx(), employer_id=region.it_employer,
        need={**NEED, "id": "need-vo", "okso_codes": ["09.02.07", "09.03.01"], "min_level": "vo"},
    )
    assert result["graduates_available"] == 0 and result["required_level"] == "vo"


def test_a_long_need_key_gets_a_stable_row_id(session, region, make_ctx):
    key = "заявка работодателя № 2026/11/000123 от 02.11.2026"
    first = employer_need.register_need(make_ctx(), employer_id=region.it_employer, need={**NEED, "id": key})
    again = employer_need.register_need(make_ctx(), employer_id=region.it_employer, need={**NEED, "id": key})
    assert first["need_id"] == again["need_id"] and len(first["need_id"]) == 36
    assert session.get(StaffingNeed, first["need_id"]).qty == 3


def test_another_employers_need_is_never_taken_over(session, region, make_ctx):
    first = employer_need.register_need(make_ctx(), employer_id=region.it_employer, need=NEED)
    with pytest.raises(ValueError, match=f"belongs to employer {region.it_employer}, not to the route's employer "
                                         f"{region.plant}"):
        employer_need.register_need(make_ctx(), employer_id=region.plant, need=NEED)
    assert session.get(StaffingNeed, first["need_id"]).employer_id == region.it_employer


def test_unknown_employer_fails_the_step(session, region, make_ctx):
    with pytest.raises(LookupError, match="Employer"):
        employer_need.register_need(make_ctx(), employer_id="nobody", need=NEED)


def test_school_events_follow_the_agreement(session, need, make_ctx, count):
    ctx = make_ctx({"org": ORG, "need_segment": "schoolchildren"})
    result = employer_need.schedule_school_events(ctx, need_id="need-1", agreement=AGREEMENT)
    events = [session.get(CareerEvent, event_id) for event_id in result["event_ids"]]
    assert sorted(e.type_code for e in events) == ["group_session", "group_session", "proftour", "proftour",
                                                   "proftour"]
    assert all(e.employer_id == "emp-it" and e.organizer_lane == "employer" for e in events)
    agreement = session.query(AssistanceAgreement).one()
    assert (agreement.number, agreement.segment, agreement.czn_office_id) == ("С-17/2026", "schoolchildren",
                                                                             "czn-001")
    assert agreement.group_session_hosting and agreement.gia_participation
    assert session.get(StaffingNeed, "need-1").status == "in_progress"
    assert employer_need.schedule_school_events(make_ctx(same=ctx), need_id="need-1", agreement=AGREEMENT) == result
    assert count(CareerEvent) == 5


def test_target_training_offer_is_published_once(session, need, make_ctx, count, region):
    ctx = make_ctx({"org": ORG})
    result = employer_need.publish_target_training_offer(ctx, need_id="need-1")
    offer = session.get(TargetTrainingOffer, result["offer_id"])
    assert (offer.programme_id, offer.admission_year, offer.contracts_required) == (region.it_programme, 2027, 3)
    assert [e["kind"] for e in ctx.emitted] == ["target_training_offer.publish"]
    assert ctx.emitted[0]["payload"]["offer_id"] == offer.id
    again = make_ctx({"org": ORG})
    assert employer_need.publish_target_training_offer(again, need_id="need-1") == result
    assert again.emitted == [] and count(TargetTrainingOffer) == 1


def test_practice_slots_from_the_agreement(session, need, make_ctx, count):
    ctx = make_ctx({"org": ORG})
    result = employer_need.register_practice_slots(ctx, need_id="need-1", agreement=AGREEMENT)
    slots = {session.get(PracticeSlot, slot_id).kind: session.get(PracticeSlot, slot_id)
             for slot_id in result["slot_ids"]}
    assert {kind: slot.capacity for kind, slot in slots.items()} == {"production": 4, "internship": 2}
    production = slots["production"]
    assert production.accepted_okso_codes == ["09.02.07"] and production.accepted_ugs_codes == ["09.00.00"]
    assert (production.start_date, production.end_date) == (date(2027, 4, 6), date(2027, 5, 17))
    employer_need.schedule_school_events(make_ctx({"org": ORG}), need_id="need-1", agreement=AGREEMENT)
    again = employer_need.register_practice_slots(make_ctx({"org": ORG}), need_id="need-1", agreement=AGREEMENT)
    assert again == result and count(PracticeSlot) == 2 and count(AssistanceAgreement) == 1


def test_practice_slots_lie_in_the_practice_periods_of_each_school_year(session, need, make_ctx, region):
    two_years = {**AGREEMENT, "valid_to": "2028-09-30"}
    result = employer_need.register_practice_slots(make_ctx({"org": ORG}), need_id="need-1", agreement=two_years)
    slots = [session.get(PracticeSlot, slot_id) for slot_id in result["slot_ids"]]
    assert sorted((slot.kind, slot.start_date, slot.capacity) for slot in slots) == [
        ("internship", date(2027, 7, 1), 2), ("internship", date(2028, 7, 1), 2),
        ("production", date(2027, 4, 6), 4), ("production", date(2028, 4, 6), 4)]
    for slot in slots:
        periods = practice_periods(school_year_of(slot.start_date))
        assert (slot.start_date, slot.end_date) == periods[slot.kind]
    # s-1 is in course 3 this school year (production in April–May 2027), s-0 in the final one (internship).
    for youth_id, kind in (("s-1", "production"), ("s-0", "internship")):
        offer = student_practice.match_practice_slots(make_ctx({"org": ORG}), youth_id=youth_id, kind=kind)
        matched = session.get(PracticeSlot, offer["slot_id"])
        assert matched.id in result["slot_ids"] and (matched.kind, matched.start_date.year) == (kind, 2027)


def test_vacancies_for_young_specialists(session, need, make_ctx, count):
    ctx = make_ctx({"org": ORG})
    result = employer_need.publish_vacancies(ctx, need_id="need-1")
    vacancy = session.get(Vacancy, result["vacancy_ids"][0])
    assert vacancy.for_young_specialists and vacancy.okso_code == "09.02.07" and vacancy.status == "open"
    assert ctx.emitted[0]["kind"] == "vacancy.publish" and ctx.emitted[0]["payload"]["positions"] == 3
    assert employer_need.publish_vacancies(make_ctx({"org": ORG}), need_id="need-1") == result
    assert count(Vacancy) == 1


def test_close_need_counts_hires(session, need, make_ctx):
    employer_need.schedule_school_events(make_ctx({"org": ORG}), need_id="need-1", agreement=AGREEMENT)
    employer_need.publish_vacancies(make_ctx({"org": ORG}), need_id="need-1")
    for youth in ("s-0", "s-1"):
        session.add(EmploymentOutcome(youth_id=youth, graduation_date=date(2027, 6, 30), as_of_date=date(2027, 7, 1),
                                      outcome="employed", employer_id="emp-it", start_date=date(2027, 7, 1)))
    session.add(EmploymentOutcome(youth_id="s-2", graduation_date=date(2025, 6, 30), as_of_date=date(2025, 7, 1),
                                  outcome="employed", employer_id="emp-it", start_date=date(2025, 7, 1)))
    session.flush()
    ctx = make_ctx({"org": ORG}, now=AT_DEADLINE)
    result = employer_need.close_need(ctx, need_id="need-1")
    assert result == {"status": "partly_closed", "filled": 2}
    assert employer_need.close_need(make_ctx(same=ctx), need_id="need-1") == result
    assert session.get(StaffingNeed, "need-1").status == "partly_closed"
    assert session.query(Vacancy).one().status == "closed"


def test_register_need_counts_only_the_target_quota_of_the_employers_region(session, region, make_ctx):
    session.add(Region(code="77", name_ru="Москва"))
    session.get(Employer, region.it_employer).region_code = "77"
    session.flush()
    result = employer_need.register_need(make_ctx({"org": ORG}), employer_id=region.it_employer, need=NEED)
    assert result["target_quota_available"] is False, "quotas of programmes in another region do not count"
    assert result["graduates_available"] == 0
