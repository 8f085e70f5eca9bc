"""Stage «Работодатель»: a staffing need from registration to closing — assistance agreement, events for
pupils, target-training offer, practice slots and vacancies (process `proc_employer_staffing_need`)."""

from __future__ import annotations

import uuid
from datetime import date, timedelta
from typing import Any

from sqlalchemy import func, select

from domain.algorithms.dates import add_months
from domain.algorithms.study_calendar import practice_periods, school_year_of
from domain.models import (
    AdmissionPlan,
    AssistanceAgreement,
    CareerEvent,
    EduOrg,
    Employer,
    EmploymentOutcome,
    PracticeSlot,
    Programme,
    Specialty,
    StaffingNeed,
    StudentEnrollment,
    TargetTrainingOffer,
    Vacancy,
    level_of,
    ugs_of,
)
from handlers.common import as_date, at_nine, iso_moscow, optional_date, org_of, require, today
from handlers.context import HandlerContext
from handlers.events import event_start
from handlers.idempotency import service_operation

HIGHER_EDUCATION_LEVELS = ("bachelor", "specialist", "master")
PROFTOUR_CAPACITY = 25
GROUP_SESSION_CAPACITY = 30
SLOT_MIN_AGE = 16
TARGET_WORK_OBLIGATION_YEARS = 3
ID_LENGTH = 36
SLOT_TITLES = {"production": "Производственная практика", "internship": "Стажировка"}


def months_between(start: date, end: date) -> int:
    """Whole months from `start` until `end` (0 when `end` is not later)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    if add_months(start, months) > end:
        months -= 1
    return max(months, 0)


def admission_year(day: date) -> int:
    """The admission campaign a need can still reach: this summer's until August, else next year's."""
    return day.year if day.month <= 8 else day.year + 1


def need_row_id(need_key: str) -> str:
    """The need's own id when it fits the key column, else a stable UUID derived from it."""
    return need_key if len(need_key) <= ID_LENGTH else str(uuid.uuid5(uuid.NAMESPACE_URL, need_key))


def _matches_level(okso_code: str, min_level: str) -> bool:
    return min_level != "vo" or level_of(okso_code) in HIGHER_EDUCATION_LEVELS


@service_operation("employer_need.register_need")
def register_need(ctx: HandlerContext, employer_id: str, need: dict) -> dict:
    """Register the staffing need; count the region's students who graduate in time for it and the region's
    target-training quota for its specialties."""
    employer = require(ctx.session, Employer, employer_id)
    row_id = need_row_id(str(need.get("id") or ctx.business_key or ctx.instance_id))
    row = ctx.session.get(StaffingNeed, row_id)
    if row is None:
        row = StaffingNeed(
            id=row_id,
            employer_id=employer.id,
            okso_codes=list(need["okso_codes"]),
            qty=int(need["qty"]),
            needed_by=as_date(need["needed_by"]),
            min_level=need.get("min_level") or "spo",
            status="new",
        )
        ctx.session.add(row)
        ctx.session.flush()
    elif row.employer_id != employer.id:
        raise ValueError(f"staffing need {row.id} belongs to employer {row.employer_id}, not to the route's "
                         f"employer {employer.id}")
    codes = [code for code in row.okso_codes if _matches_level(code, row.min_level)]
    start = today(ctx)
    graduates = ctx.session.scalar(
        select(func.count())
        .select_from(StudentEnrollment)
        .join(Programme, Programme.id == StudentEnrollment.programme_id)
        .join(EduOrg, EduOrg.id == Programme.edu_org_id)
        .where(
            Programme.okso_code.in_(codes),
            EduOrg.region_code == employer.region_code,
            StudentEnrollment.status == "studying",
            StudentEnrollment.expected_graduation >= start,
            StudentEnrollment.expected_graduation <= row.needed_by,
        )
    )
    quota = ctx.session.scalar(
        select(func.coalesce(func.sum(AdmissionPlan.target_quota_places), 0))
        .join(Programme, Programme.id == AdmissionPlan.programme_id)
        .join(EduOrg, EduOrg.id == Programme.edu_org_id)
        .where(
            Programme.okso_code.in_(codes),
            EduOrg.region_code == employer.region_code,
            AdmissionPlan.year >= admission_year(start),
        )
    )
    return {
        "need_id": row.id,
        "months_until_needed": months_between(start, row.needed_by),
        "required_level": row.min_level,
        "qty": row.qty,
        "graduates_available": int(graduates or 0),
        "target_quota_available": bool(quota),
        "needed_by": iso_moscow(at_nine(row.needed_by)),
    }


def _agreement(ctx: HandlerContext, need: StaffingNeed, form: dict[str, Any], segment: str) -> AssistanceAgreement:
    """The assistance agreement of the need as the ЦЗН entered it (created on first use, then refreshed) for
    one track; one agreement covering both tracks, or agreements on both, make the need's segment `both`."""
    number = str(form.get("number") or f"б/н-{need.id[:8]}")
    agreement = ctx.session.scalar(
        select(AssistanceAgreement).where(
            AssistanceAgreement.staffing_need_id == need.id, AssistanceAgreement.number == number
        )
    )
    org = org_of(ctx)
    if agreement is None:
        czn = org.get("czn")
        if czn is None:
            raise LookupError("task data has no org['czn'] for the assistance agreement")
        agreement = AssistanceAgreement(
            number=number,
            employer_id=need.employer_id,
            czn_office_id=czn,
            staffing_need_id=need.id,
            edu_org_ids=[org["edu_org"]] if org.get("edu_org") else [],
            segment=segment,
            status="active",
        )
        ctx.session.add(agreement)
    agreement.signed_at = optional_date(form.get("signed_at")) or today(ctx)
    agreement.valid_to = optional_date(form.get("valid_to"))
    for field in ("proftour_slots_per_year", "practice_slots", "internship_slots", "vacancies_for_youth"):
        setattr(agreement, field, int(form.get(field) or 0))
    for field in ("gia_participation", "programme_participation"):
        setattr(agreement, field, bool(form.get(field)))
    if agreement.segment != segment:
        agreement.segment = "both"
    need.segment = agreement.segment if need.segment in (None, agreement.segment) else "both"
    if need.status == "new":
        need.status = "agreement_signed"
    ctx.session.flush()
    return agreement


@service_operation("employer_need.schedule_school_events")
def schedule_school_events(ctx: HandlerContext, need_id: str, agreement: dict) -> dict:
    """Schedule the employer's proftours for the year (monthly from next month) and group sessions hosted
    by the employer (one for every two proftours)."""
    need = require(ctx.session, StaffingNeed, need_id)
    record = _agreement(ctx, need, agreement, "schoolchildren")
    employer = require(ctx.session, Employer, need.employer_id)
    tours = record.proftour_slots_per_year
    sessions = (tours + 1) // 2
    record.group_session_hosting = sessions > 0
    first_month = add_months(today(ctx).replace(day=1), 1)
    plan = [("proftour", index, PROFTOUR_CAPACITY) for index in range(tours)]
    plan += [("group_session", index * 2, GROUP_SESSION_CAPACITY) for index in range(sessions)]
    event_ids = []
    for type_code, month, capacity in plan:
        offset = timedelta(days=0 if type_code == "proftour" else 14)
        starts_at = event_start(add_months(first_month, month) + offset)
        event = CareerEvent(
            type_code=type_code,
            title=f"{'Профтур' if type_code == 'proftour' else 'Групповое занятие'}: {employer.name}",
            organizer_lane="employer",
            organizer_id=employer.id,
            employer_id=employer.id,
            starts_at=starts_at,
            ends_at=starts_at + timedelta(hours=3),
            municipality_oktmo=employer.municipality_oktmo,
            capacity=capacity,
            target_grades=[8, 9, 10, 11],
            emp_hours_credit=2,
        )
        ctx.session.add(event)
        ctx.session.flush()
        event_ids.append(event.id)
    need.status = "in_progress"
    return {"event_ids": event_ids}


@service_operation("employer_need.publish_target_training_offer")
def publish_target_training_offer(ctx: HandlerContext, need_id: str) -> dict:
    """Offer target training in the programme of the region with the largest target quota for the need."""
    need = require(ctx.session, StaffingNeed, need_id)
    employer = require(ctx.session, Employer, need.employer_id)
    year = admission_year(today(ctx))
    codes = [code for code in need.okso_codes if _matches_level(code, need.min_level)] or need.okso_codes
    candidates = ctx.session.execute(
        select(Programme, func.coalesce(func.max(AdmissionPlan.target_quota_places), 0))
        .join(EduOrg, EduOrg.id == Programme.edu_org_id)
        .outerjoin(AdmissionPlan, (AdmissionPlan.programme_id == Programme.id) & (AdmissionPlan.year == year))
        .where(Programme.okso_code.in_(codes), EduOrg.region_code == employer.region_code)
        .group_by(Programme.id)
    ).all()
    if not candidates:
        raise LookupError(f"no programme in region {employer.region_code} teaches {codes} for staffing need {need.id}")
    programme, quota = max(candidates, key=lambda row: (row[1], row[0].target_quota_places, row[0].id))
    offer = ctx.session.scalar(
        select(TargetTrainingOffer).where(
            TargetTrainingOffer.customer_employer_id == employer.id,
            TargetTrainingOffer.programme_id == programme.id,
            TargetTrainingOffer.admission_year == year,
        )
    )
    if offer is None:
        offer = TargetTrainingOffer(
            customer_employer_id=employer.id,
            programme_id=programme.id,
            admission_year=year,
            contracts_required=min(need.qty, quota or programme.target_quota_places or need.qty),
            support_measures=["scholarship_supplement", "practice_at_customer"],
            practice_at_customer=True,
            work_obligation_years=TARGET_WORK_OBLIGATION_YEARS,
            work_place=employer.name,
            published_at=ctx.now,
            deadline=date(year, 6, 10),
        )
        ctx.session.add(offer)
        ctx.session.flush()
        ctx.emit(
            "ecp",
            "target_training_offer.publish",
            {
                "offer_id": offer.id,
                "customer_employer_id": employer.id,
                "customer_inn": employer.inn,
                "programme_okso_code": programme.okso_code,
                "edu_org_id": programme.edu_org_id,
                "admission_year": year,
                "contracts_required": offer.contracts_required,
                "work_obligation_years": offer.work_obligation_years,
                "deadline": offer.deadline.isoformat(),
            },
        )
    employer.is_tt_customer = True
    return {"offer_id": offer.id}


def _agreement_periods(start: date, end: date, kind: str) -> list[tuple[date, date]]:
    """The practice periods of this kind in the school years from `start` to `end` that end within them."""
    years = range(school_year_of(start), school_year_of(end) + 1)
    periods = (practice_periods(year)[kind] for year in years)
    return [(first, last) for first, last in periods if start <= last <= end]


def _place_slot(
    ctx: HandlerContext,
    record: AssistanceAgreement,
    need: StaffingNeed,
    kind: str,
    period: tuple[date, date],
    capacity: int,
) -> str:
    """Create the agreement's slot of this kind at the period, or set the capacity of the one it has."""
    slot = ctx.session.scalar(
        select(PracticeSlot).where(
            PracticeSlot.agreement_id == record.id, PracticeSlot.kind == kind, PracticeSlot.start_date == period[0]
        )
    )
    if slot is None:
        employer = require(ctx.session, Employer, need.employer_id)
        slot = PracticeSlot(
            employer_id=employer.id,
            agreement_id=record.id,
            kind=kind,
            title=f"{SLOT_TITLES[kind]}: {employer.name}",
            accepted_okso_codes=list(need.okso_codes),
            accepted_ugs_codes=sorted({ugs_of(code) for code in need.okso_codes}),
            region_code=employer.region_code,
            municipality_oktmo=employer.municipality_oktmo,
            start_date=period[0],
            end_date=period[1],
            capacity=capacity,
            min_age=SLOT_MIN_AGE,
        )
        ctx.session.add(slot)
    else:
        slot.capacity = max(capacity, slot.filled)
    ctx.session.flush()
    return slot.id


@service_operation("employer_need.register_practice_slots")
def register_practice_slots(ctx: HandlerContext, need_id: str, agreement: dict) -> dict:
    """Place the agreement's practice and internship places for the need's specialties: a slot of the
    requested capacity at each practice period of its kind that ends while the agreement is in force."""
    need = require(ctx.session, StaffingNeed, need_id)
    record = _agreement(ctx, need, agreement, "graduates")
    start = max(record.signed_at or today(ctx), today(ctx))
    end = record.valid_to if record.valid_to and record.valid_to > start else add_months(start, 12)
    slot_ids = []
    for kind, capacity in (("production", record.practice_slots), ("internship", record.internship_slots)):
        if capacity <= 0:
            continue
        slot_ids += [
            _place_slot(ctx, record, need, kind, period, capacity) for period in _agreement_periods(start, end, kind)
        ]
    return {"slot_ids": slot_ids}


@service_operation("employer_need.publish_vacancies")
def publish_vacancies(ctx: HandlerContext, need_id: str) -> dict:
    """Open one vacancy for young specialists per specialty of the need and publish it on ЕЦП."""
    need = require(ctx.session, StaffingNeed, need_id)
    employer = require(ctx.session, Employer, need.employer_id)
    vacancy_ids = []
    for code in need.okso_codes:
        vacancy = ctx.session.scalar(
            select(Vacancy).where(
                Vacancy.employer_id == employer.id,
                Vacancy.okso_code == code,
                Vacancy.for_young_specialists.is_(True),
                Vacancy.status == "open",
            )
        )
        if vacancy is None:
            specialty = require(ctx.session, Specialty, code)
            vacancy = Vacancy(
                employer_id=employer.id,
                title=f"Молодой специалист: {specialty.name_ru}",
                okso_code=code,
                ugs_code=specialty.ugs_code,
                region_code=employer.region_code,
                municipality_oktmo=employer.municipality_oktmo,
                schedule="full_time",
                requires_experience=False,
                for_young_specialists=True,
                status="open",
                published_at=ctx.now,
            )
            ctx.session.add(vacancy)
            ctx.session.flush()
            ctx.emit(
                "ecp",
                "vacancy.publish",
                {
                    "vacancy_id": vacancy.id,
                    "employer_id": employer.id,
                    "employer_inn": employer.inn,
                    "title": vacancy.title,
                    "okso_code": code,
                    "region_code": vacancy.region_code,
                    "for_young_specialists": True,
                    "positions": need.qty,
                },
            )
        vacancy_ids.append(vacancy.id)
    return {"vacancy_ids": vacancy_ids}


@service_operation("employer_need.close_need")
def close_need(ctx: HandlerContext, need_id: str) -> dict:
    """Count the young people the employer hired under the need's agreement (by its deadline) and close it."""
    need = require(ctx.session, StaffingNeed, need_id)
    signed = ctx.session.scalar(
        select(func.min(AssistanceAgreement.signed_at)).where(AssistanceAgreement.staffing_need_id == need.id)
    )
    conditions = [
        EmploymentOutcome.employer_id == need.employer_id,
        EmploymentOutcome.outcome == "employed",
        EmploymentOutcome.start_date <= max(need.needed_by, today(ctx)),
    ]
    if signed is not None:
        conditions.append(EmploymentOutcome.start_date >= signed)
    hired = ctx.session.scalar(select(func.count(func.distinct(EmploymentOutcome.youth_id))).where(*conditions))
    need.filled = int(hired or 0)
    need.status = "closed" if need.filled >= need.qty else "partly_closed"
    for vacancy in ctx.session.scalars(
        select(Vacancy).where(
            Vacancy.employer_id == need.employer_id,
            Vacancy.okso_code.in_(need.okso_codes),
            Vacancy.for_young_specialists.is_(True),
            Vacancy.status == "open",
        )
    ):
        vacancy.status = "filled" if need.status == "closed" else "closed"
    ctx.session.flush()
    return {"status": need.status, "filled": need.filled}
