"""Domain registries as SQLAlchemy models on one metadata (`Base.metadata`). Models never commit.

Most foreign keys have no `relationship()`, so the unit of work does not order inserts by them: when a
parent and its child are new in the same transaction, add and flush the parent first (PostgreSQL checks
foreign keys at once). Parents with owned children (individual plan → items, competence passport →
items, employment outcome → adaptation plans and retention checkpoints) have relationships for that.
"""

from __future__ import annotations

from domain.models.admission import (
    AdmissionApplication,
    AdmissionPlan,
    TargetTrainingApplication,
    TargetTrainingContract,
    TargetTrainingOffer,
)
from domain.models.base import PII, Base, new_id, pii_columns
from domain.models.employer_side import AssistanceAgreement, PracticeSlot, StaffingNeed, Vacancy
from domain.models.events import CareerEvent, EventEnrollment, TempJob
from domain.models.organisations import CznOffice, EduOrg, Employer, MyBusinessCentre, Programme, School
from domain.models.outcomes import AdaptationPlan, AdaptationPractice, EmploymentOutcome, RetentionCheckpoint
from domain.models.people import (
    Curator,
    CuratorAssignment,
    CuratorEduOrg,
    SchoolEnrollment,
    StudentEnrollment,
    Youth,
)
from domain.models.placement import (
    CompetencePassport,
    CompetencePassportItem,
    PracticePlacement,
    StudentEcpProfile,
)
from domain.models.profiling import IndividualPlan, PlanItem, ProfilingResult
from domain.models.reference import (
    CareerEventType,
    Municipality,
    Region,
    ServiceCatalogItem,
    Specialty,
    level_of,
    ugs_of,
)
from domain.models.service_calls import ServiceCall
from domain.models.services import ServiceRecord, VacancyOffer
from domain.models.support import EntrepreneurshipReferral, RetrainingCourse, RetrainingEnrollment

__all__ = [
    "PII",
    "AdaptationPlan",
    "AdaptationPractice",
    "AdmissionApplication",
    "AdmissionPlan",
    "AssistanceAgreement",
    "Base",
    "CareerEvent",
    "CareerEventType",
    "CompetencePassport",
    "CompetencePassportItem",
    "Curator",
    "CuratorAssignment",
    "CuratorEduOrg",
    "CznOffice",
    "EduOrg",
    "Employer",
    "EmploymentOutcome",
    "EntrepreneurshipReferral",
    "EventEnrollment",
    "IndividualPlan",
    "Municipality",
    "MyBusinessCentre",
    "PlanItem",
    "PracticePlacement",
    "PracticeSlot",
    "ProfilingResult",
    "Programme",
    "Region",
    "RetentionCheckpoint",
    "RetrainingCourse",
    "RetrainingEnrollment",
    "School",
    "SchoolEnrollment",
    "ServiceCall",
    "ServiceRecord",
    "ServiceCatalogItem",
    "Specialty",
    "StaffingNeed",
    "StudentEcpProfile",
    "StudentEnrollment",
    "TargetTrainingApplication",
    "TargetTrainingContract",
    "TargetTrainingOffer",
    "TempJob",
    "Vacancy",
    "VacancyOffer",
    "Youth",
    "level_of",
    "new_id",
    "pii_columns",
    "ugs_of",
]
