"""The stages of a youth's route in map order, for the funnel: the stage processes (a route reached a stage
when its process started for that youth) and the youth-lane milestones (reached when the milestone event
completed, as the audit log's step events record it). Both come from the map's one stage vocabulary
(domain.stages)."""
from __future__ import annotations

from dataclasses import dataclass

from domain.stages import MILESTONES, YOUTH_STAGES


@dataclass(frozen=True)
class Stage:
    key: str
    label: str
    process_key: str | None = None
    """Set for a stage reached by starting a process; None for a milestone (then `key` is its element id)."""


ROUTE_STAGES: tuple[Stage, ...] = tuple(
    step for stage in YOUTH_STAGES
    for step in (Stage(stage.key, stage.label, process_key=stage.processes[0]),
                 *(Stage(milestone.key, milestone.label) for milestone in MILESTONES if milestone.stage == stage.key)))

MILESTONE_IDS = frozenset(stage.key for stage in ROUTE_STAGES if stage.process_key is None)

SIDE_STAGES = frozenset({"production_practice", "internship", "work_in_specialty", "retrained"})
"""Stages only some routes pass by design (a practice place may be missing, the job may be outside the
specialty, retraining is one outcome of three): they are counted beside the funnel, not in it."""
MAIN_CHAIN: tuple[Stage, ...] = tuple(stage for stage in ROUTE_STAGES if stage.key not in SIDE_STAGES)
"""The stages every route that goes on passes, in map order: the funnel's steps."""
SIDE_STAGE_BASE = {"production_practice": "study", "internship": "study", "work_in_specialty": "graduate_routing",
                   "retrained": "graduate_routing"}
"""The funnel stage whose youths a side stage's share is taken of."""
COHORT_ENTRY = {"pupil": "school", "student": "study", "graduate": "graduate_routing"}
"""Where each kind of youth started their route in the simulation: a funnel runs from there."""
COHORT_LABELS = {"pupil": "Начали маршрут в школе", "student": "Начали маршрут студентами",
                 "graduate": "Начали маршрут выпускниками"}
