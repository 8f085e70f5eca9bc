"""The one vocabulary of the map's stages: each stage's Russian label (as the map writes it) and English one,
the processes whose tasks belong to it, and the youth-lane milestones (the states a route reaches, declared
by each process's `milestoneLane`) with the stage each one is passed in. Every room names stages from here:
the inbox and the youth card (web), the funnel (simulation), the handlers' stage modules."""
from __future__ import annotations

from dataclasses import dataclass

from domain.route_starts.catalogue import (
    ADMISSION,
    ENTREPRENEURSHIP_REFERRAL,
    GRADUATE_ROUTING,
    INDIVIDUAL_PLAN,
    PRACTICE_LIBRARY,
    SCHOOL_ROUTE,
    STAFFING_NEED,
    STUDENT_SUPPORT,
    YOUNG_SPECIALIST,
)


@dataclass(frozen=True)
class Stage:
    key: str
    label: str
    """Russian, as the map writes it."""
    english: str
    processes: tuple[str, ...]
    """Process ids whose elements belong to the stage (called sub-processes included); the first is the
    stage's own route (the employment centre's practice library serves the adaptation stage)."""


@dataclass(frozen=True)
class Milestone:
    key: str
    """The milestone event's element id."""
    label: str
    english: str
    stage: str


STAGES: tuple[Stage, ...] = (
    Stage("school", "Обучение в школе", "School", (SCHOOL_ROUTE,)),
    Stage("admission", "Поступление", "Admission", (ADMISSION,)),
    Stage("study", "Обучение в ПОО / ОО ВО", "College or university",
          (STUDENT_SUPPORT, INDIVIDUAL_PLAN)),
    Stage("graduate_routing", "Маршрутизация выпускника", "Graduate routing",
          (GRADUATE_ROUTING, ENTREPRENEURSHIP_REFERRAL)),
    Stage("adaptation", "Адаптация молодого специалиста", "Young specialist's adaptation",
          (YOUNG_SPECIALIST, PRACTICE_LIBRARY)),
    Stage("employer", "Работодатель", "Employer", (STAFFING_NEED,)),
)
"""In map order; the employer's stage runs beside the youth's."""
YOUTH_STAGES = tuple(stage for stage in STAGES if stage.key != "employer")

MILESTONES: tuple[Milestone, ...] = (
    Milestone("school_graduate", "Выпускник школы", "School leaver", "school"),
    Milestone("applicant", "Абитуриент", "Applicant", "admission"),
    Milestone("first_year_student", "Студент 1 курса", "First-year student", "admission"),
    Milestone("production_practice", "Производственная практика", "Work placement", "study"),
    Milestone("internship", "Стажировка", "Internship", "study"),
    Milestone("graduate", "Выпускник", "Graduate", "study"),
    Milestone("work_in_specialty", "Работа по специальности", "Working in the speciality", "graduate_routing"),
    Milestone("retrained", "Переобучение", "Retraining", "graduate_routing"),
    Milestone("adapted", "Адаптация на рабочем месте", "Adapted at the workplace", "adaptation"),
    Milestone("retained", "Удержание в профессии", "Retained in the profession", "adaptation"),
    Milestone("competences_developed", "Развитие профессиональных компетенций", "Professional growth",
              "adaptation"),
)
"""In map order."""

BY_KEY = {stage.key: stage for stage in STAGES}
_BY_PROCESS = {process: stage for stage in STAGES for process in stage.processes}


def stage_of(process_key: str) -> Stage | None:
    """The stage a process's tasks and events belong to; None for a process outside the map (the overview)."""
    return _BY_PROCESS.get(process_key)
