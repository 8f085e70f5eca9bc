"""What the engine must not know is declared by the diagrams: every process with a youth lane names it as
its milestone lane, and every process that throws stage messages names the payload field keying them."""
from __future__ import annotations

import pytest
from process_driver import deployable_files

from engine.parsing import parse_bundle

BUNDLE = parse_bundle([(path.name, path.read_bytes()) for path in deployable_files()], known_operations=None)


@pytest.mark.parametrize("key", sorted(BUNDLE.processes))
def test_a_process_with_a_youth_lane_declares_its_milestones(key):
    index = BUNDLE.processes[key].index
    youth_events = [node.id for node in index.nodes.values()
                    if node.lane_id == "lane_youth" and node.type == "intermediateThrowEvent" and node.name]
    milestones = [node.id for node in index.nodes.values() if node.milestone]
    assert milestones == youth_events, f"{key}: declare milestoneLane = lane_youth"


@pytest.mark.parametrize("key", sorted(BUNDLE.processes))
def test_a_process_throwing_stage_messages_declares_their_key_field(key):
    index = BUNDLE.processes[key].index
    if index.thrown_messages:
        assert index.correlation_key_field == "youth_id", f"{key}: declare correlationKeyField = youth_id"
