"""Admission and target-training handlers against the seeded region."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.models import (
    AdmissionApplication,
    StudentEnrollment,
    TargetTrainingApplication,
    TargetTrainingContract,
    TargetTrainingOffer,
    Youth,
)
from handlers import admission, enrolment
from tests.handlers.factories import add_youth

IN_SPRING = datetime(2027, 4, 12, 7, 0, tzinfo=UTC)
IN_AUGUST = datetime(2027, 8, 10, 7, 0, tzinfo=UTC)
ORG = {"school": "school-001", "czn": "czn-001"}
ADMITTED = {"enrolled": True, "edu_org_id": "edu-college", "okso_code": "09.02.07", "funding": "target"}


@pytest.fixture
def applicant(session, region):
    return add_youth(session, "y-1", birth_date=date(2011, 5, 20), status="pupil")


@pytest.fixture
def offer(session, region):
    row = TargetTrainingOffer(customer_employer_id=region.it_employer, programme_id=region.it_programme,
                              admission_year=2027, contracts_required=3, work_obligation_years=3,
                              deadline=date(2027, 6, 10))
    session.add(row)
    session.flush()
    return row


def test_admission_plan_for_a_college_applicant(session, applicant, make_ctx):
    ctx = make_ctx({"org": ORG}, now=IN_SPRING)
    result = admission.load_admission_plan(ctx, youth_id="y-1", career_intent="spo")
    assert result == {
        "year": 2027,
        "kcp_places": 75,
        "target_quota_places": 5,
        "approved_at": "2027-03-01",
        "campaign_opens_at": "2027-06-20T09:00:00+03:00",
        "contract_deadline": "2027-07-20T18:00:00+03:00",
        "programme_codes": ["09.02.06", "09.02.07"],
    }
    assert session.get(Youth, "y-1").status == "applicant"
    university = admission.load_admission_plan(make_ctx(now=IN_SPRING), youth_id="y-1", career_intent="vo")
    assert (university["kcp_places"], university["programme_codes"]) == (100, ["09.03.01"])


def test_admission_plan_without_approved_figures_has_zero_places(session, applicant, make_ctx):
    next_autumn = datetime(2027, 10, 4, 7, 0, tzinfo=UTC)
    result = admission.load_admission_plan(make_ctx(now=next_autumn), youth_id="y-1", career_intent="spo")
    assert result["year"] == 2028 and result["kcp_places"] == 0 and result["programme_codes"] == []
    assert result["campaign_opens_at"] == "2028-06-20T09:00:00+03:00"


def test_offers_for_the_programmes_are_published_on_ecp_once(session, applicant, offer, make_ctx):
    ctx = make_ctx(now=IN_SPRING)
    result = admission.publish_target_training_offers(ctx, youth_id="y-1", programme_codes=["09.02.07"])
    assert result == {"offer_ids": [offer.id], "count": 1, "choices": [{"value": offer.id, "label": (
        result["choices"][0]["label"])}]}
    assert result["choices"][0]["label"].startswith("09.02.07 ") and "3 мест(а), отработка 3 г." in (
        result["choices"][0]["label"])
    assert offer.ecp_offer_id and [e["kind"] for e in ctx.emitted] == ["target_training_offer.publish"]
    later = make_ctx(now=IN_SPRING)
    assert admission.publish_target_training_offers(later, youth_id="y-1", programme_codes=["09.02.07"]) == result
    assert later.emitted == []
    none = admission.publish_target_training_offers(make_ctx(now=IN_SPRING), youth_id="y-1",
                                                    programme_codes=["09.03.01"])
    assert none == {"offer_ids": [], "count": 0, "choices": []}


def test_only_open_offers_are_listed_and_can_be_chosen(session, region, applicant, offer, make_ctx):
    """An offer whose deadline passed is no longer offered; one whose contracts are all signed is neither
    offered nor accepted."""
    after_deadline = datetime(2027, 6, 11, 7, 0, tzinfo=UTC)
    late = admission.publish_target_training_offers(make_ctx(now=after_deadline), youth_id="y-1",
                                                    programme_codes=["09.02.07"])
    assert late["count"] == 0
    chosen_in_time = admission.register_application(make_ctx({"org": ORG}, now=after_deadline), youth_id="y-1",
                                                    career_intent="spo", offer_id=offer.id)
    assert chosen_in_time["target_offer_id"] == offer.id, (
        "an offer chosen before its deadline is applied for when the campaign opens, after it")
    for number in range(offer.contracts_required):
        holder = add_youth(session, f"y-holder-{number}", birth_date=date(2010, 1, 1), status="student")
        session.add(TargetTrainingContract(customer_employer_id=offer.customer_employer_id, youth_id=holder.id,
                                           programme_id=offer.programme_id, offer_id=offer.id,
                                           signed_at=date(2026, 8, 1), status="active"))
    session.flush()
    full = admission.publish_target_training_offers(make_ctx(now=IN_SPRING), youth_id="y-1",
                                                    programme_codes=["09.02.07"])
    assert full["count"] == 0
    with pytest.raises(ValueError, match="not open"):
        admission.register_application(make_ctx({"org": ORG}, now=IN_SPRING), youth_id="y-1",
                                       career_intent="spo", offer_id=offer.id)


def test_applicant_is_informed_through_the_outbox(session, applicant, offer, make_ctx):
    ctx = make_ctx(now=IN_SPRING)
    result = admission.inform_applicant(ctx, youth_id="y-1", offer_ids=[offer.id])
    assert result == {"informed_at": IN_SPRING.isoformat(), "offers_count": 1}
    [message] = ctx.emitted
    assert message["system"] == "notification" and message["payload"]["offers"][0]["offer_id"] == offer.id
    assert "09.02.07" in message["payload"]["offers"][0]["text_ru"]
    assert admission.inform_applicant(make_ctx(same=ctx), youth_id="y-1", offer_ids=[offer.id]) == result


def test_target_contract_with_the_offer_customer(session, applicant, offer, make_ctx, count):
    ctx = make_ctx({"admission": ADMITTED}, now=IN_AUGUST)
    contract = {"signed": True, "work_obligation_years": 4, "employment_deadline": "2031-09-30"}
    result = enrolment.register_target_contract(ctx, youth_id="y-1", contract=contract)
    row = session.get(TargetTrainingContract, result["contract_id"])
    assert (row.customer_employer_id, row.status, row.work_obligation_years) == ("emp-it", "active", 4)
    assert result["employment_deadline"] == "2031-09-30T09:00:00+03:00"
    assert session.query(TargetTrainingApplication).one().status == "admitted"
    again = enrolment.register_target_contract(make_ctx({"admission": ADMITTED}, now=IN_AUGUST), youth_id="y-1",
                                               contract=contract)
    assert again == result and count(TargetTrainingContract) == 1


def test_missed_contract_deadline_rejects_applications(session, applicant, offer, make_ctx):
    session.add(TargetTrainingApplication(youth_id="y-1", offer_id=offer.id, submitted_at=IN_SPRING))
    session.flush()
    result = enrolment.cancel_target_application(make_ctx(now=IN_AUGUST), youth_id="y-1")
    assert result == {"contract_id": None, "employment_deadline": None}
    application = session.query(TargetTrainingApplication).one()
    assert application.status == "rejected" and "срок" in application.decision_note


def test_enrolment_opens_the_first_course(session, applicant, offer, make_ctx, count):
    contract = enrolment.register_target_contract(make_ctx({"admission": ADMITTED}, now=IN_AUGUST), youth_id="y-1",
                                                  contract={"work_obligation_years": 3})
    ctx = make_ctx({"org": ORG, "admission": ADMITTED}, now=IN_AUGUST)
    result = enrolment.enroll_student(ctx, youth_id="y-1", admission=ADMITTED)
    assert result == {
        "enrollment_id": result["enrollment_id"],
        "edu_org_id": "edu-college",
        "okso_code": "09.02.07",
        "start_date": "2027-09-01",
        "expected_graduation": "2031-06-30",
        "funding": "target",
        "target_contract_id": contract["contract_id"],
        "org": {"school": "school-001", "czn": "czn-001", "edu_org": "edu-college"},
    }
    enrollment = session.get(StudentEnrollment, result["enrollment_id"])
    assert enrollment.course == 1 and enrollment.status == "studying"
    assert session.get(Youth, "y-1").status == "student"
    enrolment.enroll_student(make_ctx({"org": ORG}, now=IN_AUGUST), youth_id="y-1", admission=ADMITTED)
    assert count(StudentEnrollment) == 1


def test_enrolment_registers_a_missing_programme_of_a_known_edu_org(session, applicant, make_ctx, region):
    admitted = {**ADMITTED, "okso_code": "38.02.01", "funding": "budget"}
    result = enrolment.enroll_student(make_ctx({"org": {}}, now=IN_AUGUST), youth_id="y-1", admission=admitted)
    assert result["okso_code"] == "38.02.01" and result["org"] == {"edu_org": "edu-college", "czn": "czn-001"}


def test_enrolment_in_an_unknown_edu_org_fails(session, applicant, make_ctx):
    with pytest.raises(LookupError, match="EduOrg"):
        enrolment.enroll_student(make_ctx(now=IN_AUGUST), youth_id="y-1",
                                 admission={**ADMITTED, "edu_org_id": "nowhere"})


def test_application_for_target_training_scopes_the_customer(session, region, applicant, offer, make_ctx, count):
    ctx = make_ctx({"org": ORG}, now=IN_SPRING)
    result = admission.register_application(ctx, youth_id="y-1", career_intent="spo", offer_id=offer.id)
    assert result == {
        "application_id": result["application_id"],
        "edu_org_id": "edu-college",
        "programme_code": "09.02.07",
        "target_offer_id": offer.id,
        "org": {**ORG, "edu_org": "edu-college", "employer": "emp-it"},
    }
    application = session.get(AdmissionApplication, result["application_id"])
    assert (application.youth_id, application.programme_id, application.admission_year) == (
        "y-1", region.it_programme, 2027)
    assert (application.target_offer_id, application.funding, application.status, application.channel) == (
        offer.id, "target", "submitted", "epgu")
    assert application.submitted_at.replace(tzinfo=UTC) == IN_SPRING
    target_application = session.query(TargetTrainingApplication).one()
    assert (target_application.offer_id, target_application.status) == (offer.id, "submitted")
    [submitted] = ctx.emitted
    assert submitted["kind"] == "admission_application.submit"
    assert submitted["payload"]["application_id"] == application.id
    assert session.get(Youth, "y-1").status == "applicant"
    again = admission.register_application(make_ctx({"org": ORG}, now=IN_SPRING), youth_id="y-1",
                                           career_intent="spo", offer_id=offer.id)
    assert again["application_id"] == application.id, "one application per youth, programme and campaign"
    assert count(TargetTrainingApplication) == 1 and count(AdmissionApplication) == 1


def test_application_without_offers_goes_to_the_largest_programme(session, region, applicant, make_ctx, count):
    result = admission.register_application(make_ctx({"org": ORG}, now=IN_SPRING), youth_id="y-1",
                                            career_intent="vo", offer_id=None)
    assert (result["edu_org_id"], result["programme_code"], result["target_offer_id"]) == (
        "edu-university", "09.03.01", None)
    assert result["org"] == {**ORG, "edu_org": "edu-university"} and count(TargetTrainingApplication) == 0
    university = session.get(AdmissionApplication, result["application_id"])
    assert (university.programme_id, university.target_offer_id, university.funding, university.status) == (
        region.uni_programme, None, "budget", "submitted")
    college = admission.register_application(make_ctx({"org": ORG}, now=IN_SPRING), youth_id="y-1",
                                             career_intent="spo", offer_id=None)
    assert college["programme_code"] == "09.02.07", "50 state-funded places beat 25"
    assert count(AdmissionApplication) == 2


def test_a_repeated_call_of_the_same_task_records_one_application(session, applicant, make_ctx, count):
    ctx = make_ctx({"org": ORG}, now=IN_SPRING)
    first = admission.register_application(ctx, youth_id="y-1", career_intent="spo", offer_id=None)
    repeated = admission.register_application(make_ctx(same=ctx), youth_id="y-1", career_intent="spo", offer_id=None)
    assert repeated == first and count(AdmissionApplication) == 1


def _applied(make_ctx, offer_id=None) -> dict:
    """Task data after `submit_application`, as the later tasks of the route see it."""
    result = admission.register_application(make_ctx({"org": ORG}, now=IN_SPRING), youth_id="y-1",
                                            career_intent="spo", offer_id=offer_id)
    return {"org": result["org"], "application": result}


def test_enrolment_admits_the_application_on_the_funding_enrolled(session, applicant, make_ctx):
    data = _applied(make_ctx)
    paid = {**ADMITTED, "funding": "paid"}
    enrolment.enroll_student(make_ctx({**data, "admission": paid}, now=IN_AUGUST), youth_id="y-1", admission=paid)
    application = session.get(AdmissionApplication, data["application"]["application_id"])
    assert (application.status, application.funding) == ("admitted", "paid")


def test_enrolment_elsewhere_withdraws_the_application(session, region, applicant, make_ctx):
    data = _applied(make_ctx)
    elsewhere = {**ADMITTED, "edu_org_id": "edu-university", "okso_code": "09.03.01", "funding": "budget"}
    enrolment.enroll_student(make_ctx({**data, "admission": elsewhere}, now=IN_AUGUST), youth_id="y-1",
                             admission=elsewhere)
    application = session.get(AdmissionApplication, data["application"]["application_id"])
    assert (application.programme_id, application.status) == (region.it_programme, "withdrawn")


def test_enrolment_on_budget_places_withdraws_the_target_application(session, applicant, offer, make_ctx):
    data = _applied(make_ctx, offer.id)
    budget = {**ADMITTED, "funding": "budget"}
    enrolment.enroll_student(make_ctx({**data, "admission": budget}, now=IN_AUGUST), youth_id="y-1", admission=budget)
    application = session.get(AdmissionApplication, data["application"]["application_id"])
    assert (application.status, application.funding) == ("admitted", "budget")
    target = session.query(TargetTrainingApplication).one()
    assert (target.status, target.decision_note) == ("withdrawn", "Зачислен не на целевое обучение")


def test_target_contract_admits_the_application_on_target_funding(session, applicant, offer, make_ctx):
    data = _applied(make_ctx, offer.id)
    enrolment.register_target_contract(make_ctx({**data, "admission": ADMITTED}, now=IN_AUGUST), youth_id="y-1",
                                       contract={"work_obligation_years": 3})
    application = session.get(AdmissionApplication, data["application"]["application_id"])
    assert (application.status, application.funding, application.target_offer_id) == ("admitted", "target", offer.id)
    assert session.query(TargetTrainingApplication).one().status == "admitted"


def test_enrolment_without_a_recorded_application_changes_none(session, applicant, make_ctx, count):
    """Routes that submitted their application before applications were recorded carry another id."""
    data = {"org": ORG, "application": {"application_id": "epgu-app-0123456789abcdef"}, "admission": ADMITTED}
    enrolment.enroll_student(make_ctx(data, now=IN_AUGUST), youth_id="y-1", admission=ADMITTED)
    assert count(AdmissionApplication) == 0 and count(StudentEnrollment) == 1


def test_not_enrolled_rejects_the_application_and_its_target_application(session, applicant, offer, make_ctx):
    data = _applied(make_ctx, offer.id)
    application_id = data["application"]["application_id"]
    ctx = make_ctx({**data, "admission": {**ADMITTED, "enrolled": False}}, now=IN_AUGUST)
    result = enrolment.record_not_enrolled(ctx, youth_id="y-1", application_id=application_id)
    assert result == {"application_id": application_id, "status": "rejected"}
    assert session.get(AdmissionApplication, application_id).status == "rejected"
    target = session.query(TargetTrainingApplication).one()
    assert target.status == "rejected" and "Не зачислен" in target.decision_note
    again = enrolment.record_not_enrolled(make_ctx(same=ctx), youth_id="y-1", application_id=application_id)
    assert again == result


def test_not_enrolled_keeps_an_application_already_decided(session, applicant, make_ctx):
    data = _applied(make_ctx)
    application = session.get(AdmissionApplication, data["application"]["application_id"])
    application.status = "withdrawn"
    session.flush()
    result = enrolment.record_not_enrolled(make_ctx(data, now=IN_AUGUST), youth_id="y-1",
                                           application_id=application.id)
    assert result == {"application_id": application.id, "status": "withdrawn"}


def test_not_enrolled_without_a_recorded_application_changes_none(session, applicant, make_ctx, count):
    """Routes that submitted their application before applications were recorded carry another id."""
    result = enrolment.record_not_enrolled(make_ctx({"org": ORG}, now=IN_AUGUST), youth_id="y-1",
                                           application_id="epgu-app-0123456789abcdef")
    assert result == {"application_id": None, "status": None} and count(AdmissionApplication) == 0


def test_next_years_figures_count_once_the_region_approves_them_in_spring(session, applicant, make_ctx):
    from domain.admission_registry import approve_admission_plans
    from domain.models import AdmissionPlan

    plan = session.query(AdmissionPlan).filter(AdmissionPlan.year == 2027).first()
    session.add(AdmissionPlan(programme_id=plan.programme_id, year=2028, kcp_places=20, target_quota_places=2))
    session.flush()
    before = datetime(2027, 4, 20, 7, 0, tzinfo=UTC)
    assert approve_admission_plans(session, on=before.date()) == 0
    autumn = datetime(2027, 10, 4, 7, 0, tzinfo=UTC)
    unapproved = admission.load_admission_plan(make_ctx(now=autumn), youth_id="y-1", career_intent="spo")
    assert (unapproved["approved_at"], unapproved["kcp_places"]) == (None, 0), (
        "«Утверждены КЦП и квоты ЦО» is not passed for this campaign yet")
    assert approve_admission_plans(session, on=date(2027, 4, 28)) == 1
    assert approve_admission_plans(session, on=date(2027, 6, 1)) == 0, "approved once"
    approved = admission.load_admission_plan(make_ctx(now=autumn), youth_id="y-1", career_intent="spo")
    assert (approved["approved_at"], approved["kcp_places"]) == ("2027-04-28", 20)
