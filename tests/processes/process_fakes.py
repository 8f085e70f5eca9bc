"""Test-local service handlers for every operation of processes/: realistic results, no database.

The real handlers (handlers/) are tested elsewhere; these follow the catalogue in processes/README.md so the
diagrams can be driven on the engine. Knobs on `FakeHandlers` steer the branches a scenario needs.
"""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, timezone
from typing import Any

MSK = timezone(timedelta(hours=3))
MONTH = timedelta(days=30)


def iso(moment: datetime) -> str:
    return moment.astimezone(MSK).isoformat()


class FakeBusinessError(Exception):
    """A business failure the diagram handles (the engine throws `bpmn_error_code` as a BPMN error)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.bpmn_error_code = code


@dataclass
class FakeHandlers:
    """Handler functions `handler(ctx, **params)` keyed by operation id, plus the calls they received."""

    temp_job_unavailable_ages: set[int] = field(default_factory=set)
    graduates_available: int = 0
    target_quota_available: bool = False
    admission_plan_approved: bool = True
    curators_full: bool = False
    academic_debt_count: int = 0
    study_months: int = 5
    student_age: int = 19
    """The student's age at the first support checkpoint (one year older every twelve months)."""
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    last_risk: dict[str, str] = field(default_factory=dict)
    target_contracts: dict[str, dict[str, Any]] = field(default_factory=dict)

    def mapping(self) -> dict[str, Callable[..., Any]]:
        operations: dict[str, Callable[..., Any]] = {}
        for name in dir(self):
            if name.startswith("op_"):
                stage, _, action = name[3:].partition("__")
                operations[f"{stage}.{action}"] = self._recorded(f"{stage}.{action}", getattr(self, name))
        return operations

    def _recorded(self, operation: str, function: Callable[..., Any]) -> Callable[..., Any]:
        def handler(ctx: Any, **params: Any) -> Any:
            self.calls.append((operation, params))
            return function(ctx, **params)
        return handler

    def operations_called(self) -> set[str]:
        return {operation for operation, _ in self.calls}

    # -- school ---------------------------------------------------------------------------------------
    def op_school__plan_school_years(self, ctx, youth_id, grade, birth_date, school_id):
        now = ctx.now.astimezone(MSK)
        first_year = now.year if now.month >= 9 else now.year - 1
        born = date.fromisoformat(birth_date)
        years = []
        for offset, current in enumerate(range(grade, 12)):
            start = datetime(first_year + offset, 9, 1, 9, 0, tzinfo=MSK)
            end = datetime(first_year + offset + 1, 5, 31, 18, 0, tzinfo=MSK)
            age = start.year - born.year - ((start.month, start.day) < (born.month, born.day))
            years.append({"grade": current, "school_year": f"{start.year}/{start.year + 1}",
                          "starts_at": start.isoformat(), "ends_at": end.isoformat(), "age_at_start": age})
        return {"years": years}

    def op_school__register_digital_platform(self, ctx, youth_id, grade):
        return {"account_id": f"bvb-{youth_id}", "platform": "Билет в будущее"}

    def op_school__organize_emp_events(self, ctx, youth_id, grade, school_year, school_id):
        return {"enrollment_id": f"se-{youth_id}-{grade}", "emp_level": "main", "hours_planned": 60,
                "event_ids": [f"emp-{school_year}-{grade}-{n}" for n in range(3)]}

    def op_school__provide_proftours(self, ctx, youth_id, grade):
        assert grade >= 8, "proftours are for grades 8-11"
        return {"event_ids": [f"proftour-{grade}-1"], "count": 1}

    def op_school__provide_group_sessions(self, ctx, youth_id, grade):
        return {"event_ids": [f"group-{grade}-1", f"group-{grade}-2"], "count": 2}

    def op_school__organize_temp_employment(self, ctx, youth_id, age, during_school_year, max_hours_day,
                                            max_hours_week):
        assert age >= 14 and max_hours_week > 0, "temporary jobs start at 14 within the DMN's limits"
        if age in self.temp_job_unavailable_ages:
            raise FakeBusinessError("no_temp_job", "no suitable temporary job in the municipality")
        return {"temp_job_id": f"tj-{youth_id}-{age}", "employer_id": "employer-park",
                "hours_per_week": min(max_hours_week, 20)}

    # -- employer -------------------------------------------------------------------------------------
    def op_employer_need__register_need(self, ctx, employer_id, need):
        needed_by = datetime.fromisoformat(need["needed_by"]).replace(tzinfo=MSK)
        months = max(0, (needed_by - ctx.now).days // 30)
        return {"need_id": need["id"], "months_until_needed": months, "required_level": need["min_level"],
                "qty": need["qty"], "graduates_available": self.graduates_available,
                "target_quota_available": self.target_quota_available, "needed_by": iso(needed_by)}

    def op_employer_need__schedule_school_events(self, ctx, need_id, agreement):
        return {"event_ids": [f"{need_id}-proftour-{n}" for n in range(agreement["proftour_slots_per_year"])]}

    def op_employer_need__publish_target_training_offer(self, ctx, need_id):
        return {"offer_id": f"{need_id}-offer"}

    def op_employer_need__register_practice_slots(self, ctx, need_id, agreement):
        return {"slot_ids": [f"{need_id}-slot-{n}" for n in range(agreement["practice_slots"])]}

    def op_employer_need__publish_vacancies(self, ctx, need_id):
        return {"vacancy_ids": [f"{need_id}-vacancy"]}

    def op_employer_need__close_need(self, ctx, need_id):
        return {"status": "closed", "filled": 1}

    # -- admission ------------------------------------------------------------------------------------
    def op_admission__load_admission_plan(self, ctx, youth_id, career_intent):
        return {"year": ctx.now.year, "kcp_places": 25, "target_quota_places": 5,
                "approved_at": iso(ctx.now) if self.admission_plan_approved else None,
                "campaign_opens_at": iso(ctx.now + timedelta(days=20)),
                "contract_deadline": iso(ctx.now + timedelta(days=60)),
                "programme_codes": ["15.02.16" if career_intent == "spo" else "09.03.01"]}

    def op_admission__publish_target_training_offers(self, ctx, youth_id, programme_codes):
        return {"offer_ids": [f"offer-{code}" for code in programme_codes], "count": len(programme_codes),
                "choices": [{"value": f"offer-{code}", "label": f"{code} — АО «Заказчик»"} for code in programme_codes]}

    def op_admission__inform_applicant(self, ctx, youth_id, offer_ids):
        return {"informed_at": iso(ctx.now), "offers_count": len(offer_ids)}

    def op_admission__register_application(self, ctx, youth_id, career_intent, offer_id):
        org = {**ctx.data["org"], "edu_org": "college-1"}
        if offer_id:
            org["employer"] = "employer-1"
        return {"application_id": f"app-{youth_id}", "edu_org_id": "college-1",
                "programme_code": "15.02.16" if career_intent == "spo" else "09.03.01",
                "target_offer_id": offer_id, "org": org}

    def op_admission__register_target_contract(self, ctx, youth_id, contract):
        assert contract["signed"]
        record = {"contract_id": f"ttc-{youth_id}", "employment_deadline": iso(ctx.now + 50 * MONTH)}
        self.target_contracts[youth_id] = record
        return record

    def op_admission__cancel_target_application(self, ctx, youth_id):
        return {"contract_id": None, "employment_deadline": None}

    def op_admission__record_not_enrolled(self, ctx, youth_id, application_id):
        return {"application_id": application_id, "status": "rejected"}

    def op_admission__enroll_student(self, ctx, youth_id, admission):
        org = {**ctx.data["org"], "edu_org": admission["edu_org_id"]}
        contract = self.target_contracts.get(youth_id)
        return {"enrollment_id": f"enr-{youth_id}", "edu_org_id": admission["edu_org_id"],
                "okso_code": admission["okso_code"], "start_date": iso(ctx.now),
                "expected_graduation": iso(ctx.now + self.study_months * MONTH), "funding": admission["funding"],
                "target_contract_id": contract["contract_id"] if contract else None, "org": org}

    # -- student --------------------------------------------------------------------------------------
    def op_student__create_ecp_profile(self, ctx, youth_id, enrollment_id):
        return {"ecp_profile_id": f"ecp-{youth_id}", "visible_to_employers": True}

    def op_student__provide_career_navigation(self, ctx, youth_id):
        return {"platforms": ["Работа в России", "Билет в будущее"]}

    def op_student__plan_support_checkpoints(self, ctx, youth_id, enrollment):
        start = datetime.fromisoformat(enrollment["start_date"])
        graduation = datetime.fromisoformat(enrollment["expected_graduation"])
        final_year_starts = graduation - 12 * MONTH
        moments = []
        moment = start
        while moment < graduation:
            moments.append(moment)
            moment += timedelta(weeks=6)
        semester_starts = [i for i in range(len(moments)) if i % 3 == 0]
        final_index = next((i for i in semester_starts if moments[i] >= final_year_starts), semester_starts[-1])
        production_index = max((i for i in semester_starts if i < final_index), default=None)
        points = []
        for index, at in enumerate(moments):
            practice = "internship" if index == final_index else "production" if index == production_index else None
            points.append({"index": index, "at": iso(at), "course": 1 + (at - start).days // 365,
                           "semester_start": index in semester_starts, "final_year": at >= final_year_starts,
                           "practice": practice, "age": self.student_age + (at - start).days // 365})
        return {"checkpoints": points, "graduation_at": iso(graduation)}

    def op_student__check_profiling_due(self, ctx, youth_id, checkpoint):
        if checkpoint["semester_start"]:
            reason = "semester_start"
        elif self.last_risk.get(youth_id) == "high":
            reason = "high_risk"
        else:
            reason = "not_due"
        return {"index": checkpoint["index"], "due": reason != "not_due", "reason": reason}

    def op_student__compute_risk_score(self, ctx, youth_id, profiling, final_year):
        score = min(3 * self.academic_debt_count, 6)
        score += 0 if profiling["career_plan_present"] else 2
        score += 0 if profiling["intends_work_in_specialty"] else 1
        score += 2 if profiling["motivation_level"] == "low" else 0
        score += 2 if profiling["job_search_skills"] == "low" else 0
        score += min(len(profiling["social_flags"]), 3)
        score += 0 if profiling["any_work_experience"] else 1
        score -= 3 if profiling["job_offer_received"] else 0
        return {"risk_score": score, "academic_debt_count": self.academic_debt_count, "attendance_rate": 0.9,
                "final_year": final_year, "target_contract_active": youth_id in self.target_contracts}

    def op_student__record_profiling_result(self, ctx, youth_id, profiling, risk, risk_level, risk_reason):
        self.last_risk[youth_id] = risk_level
        return {"profiling_result_id": f"pr-{youth_id}-{len(self.calls)}"}

    def op_student__assign_curator(self, ctx, youth_id, edu_org_id, czn_id):
        if self.curators_full:
            return {"curator_id": None, "full_name": None, "continued": False, "escalated": True}
        return {"curator_id": "curator-1", "full_name": "Иванова Мария Петровна", "continued": False,
                "escalated": False}

    def op_student__apply_curator_decision(self, ctx, youth_id, czn_id, decision):
        over_cap = decision["decision"] == "over_cap"
        return {"curator_id": "curator-2" if over_cap else None, "full_name": "Смирнов Олег" if over_cap else None,
                "continued": False, "escalated": not over_cap, "decision": decision["decision"]}

    def op_student__invite_to_career_events(self, ctx, youth_id, course):
        return {"event_ids": [f"fair-{course}"]}

    def op_student__match_practice_slots(self, ctx, youth_id, kind):
        return {"placement_id": f"pl-{youth_id}-{kind}", "slot_id": f"slot-{kind}", "employer_id": "employer-1",
                "tier": "A"}

    def op_student__update_competence_passport(self, ctx, youth_id, placement_id, placement):
        return {"version": 1, "items_count": 2}

    def op_student__provide_cv_interview_services(self, ctx, youth_id):
        return {"cv_ready": True, "sessions": 2}

    def op_student__provide_vacancy_search(self, ctx, youth_id):
        return {"saved_search_id": f"search-{youth_id}"}

    def op_student__offer_vacancies(self, ctx, youth_id):
        return {"vacancy_ids": ["vacancy-1", "vacancy-2"], "count": 2}

    def op_student__arrange_employer_in_attestation(self, ctx, youth_id, edu_org_id):
        return {"employer_ids": ["employer-1"]}

    # -- individual plan ------------------------------------------------------------------------------
    def op_individual_plan__open_plan(self, ctx, youth_id, context):
        review = timedelta(weeks=6) if context == "student" else 3 * MONTH
        return {"plan_id": f"ip-{youth_id}-{len(self.calls)}", "age": 19, "final_year": False,
                "academic_debt_count": self.academic_debt_count, "review_at": iso(ctx.now + review)}

    def op_individual_plan__record_profiling(self, ctx, plan_id, profile):
        return {"profiling_result_id": f"pr-{plan_id}"}

    def op_individual_plan__deliver_services(self, ctx, plan_id, service_codes, providers):
        assert len(service_codes) == len(providers)
        return {"item_ids": [f"{plan_id}-{code}" for code in service_codes], "delivered_count": len(service_codes)}

    def op_individual_plan__close_plan(self, ctx, plan_id, ip_result):
        return {"status": "completed" if ip_result["plan_completed"] else "in_progress"}

    def op_individual_plan__close_expired_plan(self, ctx, plan_id):
        return {"plan_completed": False, "employed": False, "entrepreneurship_request": False,
                "prefers_online_support": False, "comment": "План закрыт по сроку"}

    # -- graduate -------------------------------------------------------------------------------------
    def op_graduate__provide_online_employment_services(self, ctx, youth_id):
        return {"ecp_application_id": f"ecp-app-{youth_id}"}

    def op_graduate__plan_outcome_checkpoints(self, ctx, youth_id, route):
        contract = self.target_contracts.get(youth_id)
        months = [step * 1.5 for step in range(17)]
        return {"checkpoints": [{"index": index, "months": m, "at": iso(ctx.now + m * MONTH),
                                 "followup": m not in (0, 6, 12, 24)} for index, m in enumerate(months)],
                "target_contract": {"employer_id": "employer-1", **contract} if contract else None,
                "org": {**ctx.data["org"], "employer": "employer-1"} if contract else ctx.data["org"]}

    def op_graduate__record_followup(self, ctx, youth_id, followup, checkpoint):
        return {"outcome": "not_employed", "profiling_result_id": f"pr-{youth_id}-{checkpoint['index']}",
                "plan_id": None, "found_job": followup["found_job"]}

    def op_graduate__record_target_contract_breach(self, ctx, youth_id, contract_id):
        return {"status": "breached"}

    def op_graduate__record_outcome(self, ctx, youth_id, outcome, status, checkpoint):
        employer = status["employer_id"] or None
        return {"outcome": outcome, "employment_outcome_id": f"eo-{youth_id}-{checkpoint['index']}",
                "org": {**ctx.data["org"], "employer": employer},
                "employment": {"employer_id": employer, "start_date": status["start_date"],
                               "in_specialty": status["in_specialty"]}}

    def op_graduate__provide_vocational_training(self, ctx, youth_id):
        return {"enrollment_id": f"rt-{youth_id}", "course": "Оператор станков с ЧПУ"}

    # -- entrepreneurship -----------------------------------------------------------------------------
    def op_entrepreneurship__refer(self, ctx, youth_id, prefers_online):
        target = "digital_platform" if prefers_online else "my_business_centre"
        return {"referral_id": f"ref-{youth_id}", "referred_to": target, "eligible_youth_grant": True,
                "centre_id": "my-business-1", "org": {**ctx.data["org"], "my_business": "my-business-1"}}

    def op_entrepreneurship__provide_platform(self, ctx, youth_id, referral_id):
        return {"platform": "МСП.РФ", "account_id": f"msp-{youth_id}"}

    def op_entrepreneurship__record_result(self, ctx, referral_id, business_result):
        return {"status": business_result["business_form"]}

    # -- adaptation -----------------------------------------------------------------------------------
    def op_adaptation__open_plan(self, ctx, youth_id, employment):
        return {"plan_id": f"ad-{youth_id}", "ends_at": iso(ctx.now + 3 * MONTH),
                "checkpoints": [{"months": months, "due_at": iso(ctx.now + months * MONTH)}
                                for months in (3, 6, 12, 24)]}

    def op_adaptation__advise_employer(self, ctx, youth_id, employer_id):
        return {"practice_ids": ["practice-mentoring"]}

    def op_adaptation__record_retention_measures(self, ctx, youth_id, checkpoint, retention_result):
        return {"measures": ["mentoring", "career_track"]}

    def op_adaptation__record_departure(self, ctx, youth_id, checkpoint, retention_result):
        return {"left_at": iso(ctx.now)}

    # -- practice library -----------------------------------------------------------------------------
    def op_practice_library__save_practice(self, ctx, practice):
        return {"practice_id": "practice-1", "status": "published" if practice["publish"] else "draft",
                "review_at": iso(ctx.now + 12 * MONTH)}

    def op_practice_library__apply_review(self, ctx, practice_id, review):
        return {"status": "published" if review["still_relevant"] else "archived"}
