"""Simulated operators: for every user task of the map (by element id), how its form is filled in. An answer
fills a form, so its function is named by the form key, in the module named by the key of the task's stage
(domain/stages.py; tests/processes/test_naming.py)."""
from __future__ import annotations

from collections.abc import Callable
from typing import Any

from simulation.answers import adaptation, admission, employer, graduate_routing, school, study
from simulation.answers.context import AnswerContext

Answer = Callable[[AnswerContext], dict[str, Any]]

ANSWERS: dict[str, Answer] = {
    "school_year_results": school.school_year_results,
    "choose_target_offer": admission.target_offer_choice,
    "admission_result": admission.admission_result,
    "conclude_target_contract": admission.target_contract,
    "profiling_periodic": study.periodic_profiling,
    "organize_practices": study.practice_placement,
    "final_exams": study.final_exams,
    "individual_plan_profiling": study.ip_profiling,
    "ip_results": study.ip_results,
    "curator_shortage_decision": study.curator_shortage,
    "confirm_graduate_status": graduate_routing.graduate_status,
    "graduate_followup": graduate_routing.graduate_followup,
    "target_contract_employment": graduate_routing.target_contract_employment,
    "entrepreneurship_support": graduate_routing.entrepreneurship_support,
    "business_followup": graduate_routing.entrepreneurship_followup,
    "adaptation_measures": adaptation.adaptation_measures,
    "confirm_retention": adaptation.retention_checkpoint,
    "competency_growth_measures": adaptation.competence_development,
    "agreement_target_contract": employer.assistance_agreement,
    "agreement_assistance": employer.assistance_agreement,
    "employer_in_programs": employer.programme_participation,
    "practices_library": adaptation.practice_library_entry,
    "review_practice": adaptation.practice_review,
}

NEEDS_STUDY_RECORD = frozenset({"confirm_graduate_status", "graduate_followup"})
"""The forms whose answer depends on the graduate's study record (`simulation.outcome_model`)."""

__all__ = ["ANSWERS", "NEEDS_STUDY_RECORD", "Answer", "AnswerContext"]
