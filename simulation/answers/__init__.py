"""Simulated operators: for every user task of the map (by element id), how its form is filled in. An answer
fills a form, so its function is named by the form key (tests/processes/test_naming.py)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from simulation.answers import employer, school, study, work
from simulation.answers.context import AnswerContext

Answer = Callable[[AnswerContext], dict[str, Any]]

ANSWERS: dict[str, Answer] = {
    "school_year_results": school.school_year_results,
    "choose_target_offer": school.target_offer_choice,
    "admission_result": school.admission_result,
    "conclude_target_contract": school.target_contract,
    "profiling_periodic": study.periodic_profiling,
    "organize_practices": study.practice_placement,
    "final_exams": study.final_exams,
    "individual_plan_profiling": study.ip_profiling,
    "ip_results": study.ip_results,
    "curator_shortage_decision": study.curator_shortage,
    "confirm_graduate_status": work.graduate_status,
    "graduate_followup": work.graduate_followup,
    "target_contract_employment": work.target_contract_employment,
    "entrepreneurship_support": work.entrepreneurship_support,
    "business_followup": work.entrepreneurship_followup,
    "adaptation_measures": work.adaptation_measures,
    "confirm_retention": work.retention_checkpoint,
    "competency_growth_measures": work.competence_development,
    "agreement_target_contract": employer.assistance_agreement,
    "agreement_assistance": employer.assistance_agreement,
    "employer_in_programs": employer.programme_participation,
    "practices_library": employer.practice_library_entry,
    "review_practice": employer.practice_review,
}

__all__ = ["ANSWERS", "Answer", "AnswerContext"]
