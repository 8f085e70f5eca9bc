"""Closed sets of codes stored in string columns (checked by CHECK constraints and by the algorithms)."""

from __future__ import annotations

SPECIALTY_LEVELS = ("spo_worker", "spo_specialist", "bachelor", "master", "specialist", "postgraduate")
LANES = ("school", "edu_org", "czn", "employer", "youth", "ecp", "my_business")
CHANNELS = ("offline", "online", "both")
RISK_SCOPES = ("any", "high")
EVENT_TYPES = (
    "emp_lesson",
    "proftour",
    "group_session",
    "job_fair",
    "career_day",
    "master_class",
    "open_day",
    "prof_trial",
    "career_marathon",
    "prof_lesson",
    "consultation",
)

YOUTH_STATUSES = (
    "pupil",
    "applicant",
    "student",
    "graduate",
    "employed",
    "not_employed",
    "in_retraining",
    "entrepreneur",
    "left_region",
)
EMP_LEVELS = ("basic", "main", "advanced")
EMP_LEVEL_HOURS = {"basic": 40, "main": 60, "advanced": 80}
CAREER_INTENTS = ("spo", "vo", "work", "undecided")
EDU_ORG_TYPES = ("poo", "vo")
STUDY_FORMS = ("full_time", "part_time", "extramural")
FUNDING_KINDS = ("budget", "target", "paid")
STUDENT_STATUSES = ("studying", "academic_leave", "expelled", "graduated")
EMPLOYER_SIZES = ("micro", "small", "medium", "large")
CURATOR_SPECIALISATIONS = ("disability", "entrepreneurship", "minors", "general")
ASSIGNMENT_REASONS = ("high_risk", "manual")
RELEASE_REASONS = ("risk_acceptable", "graduated_employed", "expelled", "manual")

SCHOOL_ROUTE_GRADES = range(6, 12)
"""The grades the school career-guidance route runs in: the ЕМП activities of grades 6–11 (domain.md §2.1)."""
NEED_SEGMENTS = ("schoolchildren", "graduates", "both")
NEED_STATUSES = ("new", "agreement_signed", "in_progress", "closed", "partly_closed")
EDUCATION_LEVELS = ("none", "spo", "vo")
AGREEMENT_STATUSES = ("draft", "active", "expired", "terminated")
VACANCY_STATUSES = ("open", "closed", "filled")
PRACTICE_KINDS = ("educational", "production", "pre_diploma", "internship")

EVENT_ENROLLMENT_STATUSES = ("registered", "attended", "no_show", "cancelled")
TEMP_JOB_STATUSES = ("proposed", "active", "completed", "cancelled")

APPLICATION_CHANNELS = ("epgu", "paper", "ecp")
APPLICATION_STATUSES = ("submitted", "admitted", "rejected", "withdrawn")
CONTRACT_STATUSES = ("active", "fulfilled", "terminated", "breached")

PROFILING_CONTEXTS = ("student_periodic", "student_ip", "graduate_ip", "graduate_followup")
PRACTICE_STATUSES = ("none", "assigned", "in_progress", "done", "failed")
SKILL_LEVELS = ("low", "normal", "high")
SOCIAL_FLAG_FIELDS = {
    "orphan": "is_orphan",
    "disability": "has_disability_ovz",
    "low_income": "low_income_family",
    "large_family": "large_family",
    "kdn": "kdn_registered",
    "young_parent": "young_parent",
    "no_housing": "nonresident_without_housing",
}
"""Social-factor codes of the profiling forms → the matching flag of `Youth`."""
RISK_LEVELS = ("acceptable", "high")
PLAN_CONTEXTS = ("student", "graduate")
PLAN_GOALS = ("employment_in_specialty", "placement", "entrepreneurship", "retraining")
PLAN_STATUSES = ("draft", "agreed", "in_progress", "completed", "cancelled", "expired")
PLAN_ITEM_STATUSES = ("planned", "in_progress", "done", "declined", "failed")

PLACEMENT_STATUSES = ("proposed", "confirmed", "started", "completed", "failed", "rejected")
EVIDENCE_TYPES = ("course", "placement", "demo_exam", "certificate", "championship")
OUTCOMES = (
    "employed",
    "trajectory_change",
    "not_employed",
    "continuing_education",
    "military_service",
    "parental_leave",
)
OUTCOME_SOURCES = ("ecp", "employer", "survey", "official")
ADAPTATION_STATUSES = ("planned", "active", "completed", "interrupted")
CHECKPOINT_STATUSES = ("pending", "still_employed", "left", "unknown")
PRACTICE_CATEGORIES = ("onboarding", "mentoring", "housing", "financial", "career_track", "training", "culture")
ADAPTATION_MEASURES = ("onboarding", "mentoring", "training", "housing", "financial")
LIBRARY_STATUSES = ("draft", "published", "archived")
RETRAINING_KINDS = ("vocational_training", "dpo")
RETRAINING_FUNDING = ("employment_promotion", "regional", "czn")
RETRAINING_STATUSES = ("applied", "enrolled", "completed", "dropped")
REFERRAL_TARGETS = ("my_business_centre", "digital_platform")
BUSINESS_FORMS = ("ip", "npd", "ooo", "none")
REFERRAL_STATUSES = ("referred", "in_support", "business_started", "closed")

VACANCY_OFFER_STATUSES = ("offered", "accepted", "declined", "closed")
SERVICE_RECORD_CODES = ("career_navigation", "vacancy_search", "employer_in_attestation")
"""Services a youth received that leave no other registry row: access to the career-navigation platforms,
a saved ЕЦП vacancy search, a partner employer invited to the youth's final attestation panel."""
