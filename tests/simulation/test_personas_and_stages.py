"""The personas' distributions are the plausible ones the simulation claims, and the funnel's milestones are
the youth-lane milestones of the diagrams, under the same Russian names the `stage` attribute takes."""
from __future__ import annotations

import random
from pathlib import Path

from domain.route_stages import MILESTONE_IDS, ROUTE_STAGES
from engine.parsing.documents import parse_xml
from simulation.outcome_model import outcome_at
from simulation.personas import DEFAULT_RATES, EMPLOYED_BY_CHECKPOINT, draw_persona

PROCESSES = Path(__file__).resolve().parents[2] / "processes"
BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
DRAWS = 20_000


def test_persona_shares_are_near_their_targets():
    personas = [draw_persona(random.Random(seed)) for seed in range(DRAWS)]
    for months, share in EMPLOYED_BY_CHECKPOINT:
        employed = sum(1 for p in personas if _outcome(p, months).employed)
        assert abs(employed / DRAWS - share) < 0.015, months
    in_specialty = sum(1 for p in personas if _outcome(p, 24).in_specialty)
    employed = sum(1 for p in personas if _outcome(p, 24).employed)
    assert 0.55 < in_specialty / employed < 0.65, "three in four of those intending to, a third of the others"
    college_or_university = sum(1 for p in personas if p.career_intent in ("spo", "vo")) / DRAWS
    assert 0.75 < college_or_university < 0.85
    motivated = sum(p.motivated for p in personas) / DRAWS
    assert 0.75 < motivated < 0.9


def _outcome(persona, months):
    """A graduate the simulation did not see studying: the calibrated shares."""
    return outcome_at(months, None, persona.employment_draw, persona.specialty_draw, persona.offer_draw,
                      persona.intends_specialty, DEFAULT_RATES)


def test_a_persona_is_the_same_for_the_same_seed():
    assert draw_persona(random.Random("7:youth-1")) == draw_persona(random.Random("7:youth-1"))
    assert draw_persona(random.Random("7:youth-1")) != draw_persona(random.Random("8:youth-1"))


def youth_lane_milestones() -> dict[str, str]:
    found = {}
    for path in PROCESSES.glob("*.bpmn"):
        root = parse_xml(path.name, path.read_bytes())
        youth_nodes = {ref.text for lane in root.iter(f"{{{BPMN}}}lane") if lane.get("id") == "lane_youth"
                       for ref in lane.iter(f"{{{BPMN}}}flowNodeRef")}
        for process in root.iter(f"{{{BPMN}}}process"):
            if process.get("isExecutable") != "true":
                continue
            for event in process.iter(f"{{{BPMN}}}intermediateThrowEvent"):
                defined = any(str(child.tag).endswith("EventDefinition") for child in event)
                if event.get("id") in youth_nodes and not defined:
                    found[event.get("id")] = event.get("name")
    return found


def test_the_funnel_milestones_are_the_youth_lane_milestones_of_the_map():
    milestones = youth_lane_milestones()
    assert set(milestones) == MILESTONE_IDS
    assert {stage.key: stage.label for stage in ROUTE_STAGES if stage.key in MILESTONE_IDS} == milestones
