"""The one stage vocabulary matches the diagrams: every executable process belongs to a stage, and the
milestones are the named throw events of each process's milestone lane, with the same labels."""
from __future__ import annotations

from pathlib import Path

from domain.stages import BY_KEY, MILESTONES, STAGES, stage_of
from engine.parsing.documents import parse_xml

PROCESSES = Path(__file__).resolve().parents[2] / "processes"
BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
SPIFF = "{http://spiffworkflow.org/bpmn/schema/1.0/core}"


def diagrams():
    for path in sorted(PROCESSES.glob("*.bpmn")):
        yield parse_xml(path.name, path.read_bytes())


def test_every_executable_process_belongs_to_one_stage():
    executable = {process.get("id") for root in diagrams() for process in root.iter(f"{BPMN}process")
                  if process.get("isExecutable") == "true"}
    assert executable and {key for key in executable if stage_of(key) is None} == set()
    listed = [process for stage in STAGES for process in stage.processes]
    assert len(listed) == len(set(listed)) and set(listed) == executable


def test_the_milestones_are_the_diagrams_milestone_events_with_their_labels():
    found = {}
    for root in diagrams():
        for process in root.iter(f"{BPMN}process"):
            lane = next((prop.get("value") for prop in process.iter(f"{SPIFF}property")
                         if prop.get("name") == "milestoneLane"), None)
            if lane is None:
                continue
            refs = {ref.text for lane_element in process.iter(f"{BPMN}lane") if lane_element.get("id") == lane
                    for ref in lane_element.iter(f"{BPMN}flowNodeRef")}
            for event in process.iter(f"{BPMN}intermediateThrowEvent"):
                if event.get("id") in refs and event.get("name"):
                    found[event.get("id")] = (event.get("name"), stage_of(process.get("id")).key)
    assert found == {milestone.key: (milestone.label, milestone.stage) for milestone in MILESTONES}
    assert all(milestone.stage in BY_KEY for milestone in MILESTONES)
