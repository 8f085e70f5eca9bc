"""The route's marks for the diagram viewer: states, counts, called processes, flows per process, and labels
for elements the analyst left unnamed."""
from __future__ import annotations

from pathlib import Path

from engine.parsing.definition_index import definition_index
from web.route_map import element_label, process_maps

PROCESSES = Path(__file__).resolve().parents[2] / "processes"


def index_of(*names):
    return definition_index({name: (PROCESSES / name).read_bytes() for name in names})


def test_marks_say_done_waiting_and_failed_with_counts_in_the_engines_order(app):
    index = index_of("school_career_guidance.bpmn")
    with app.test_request_context():
        [route] = process_maps(index, "proc_school_career_guidance",
                               completed={"pupil_enrolled": 1, "plan_school_years": 1, "school_year_start": 3},
                               active=["school_year_results"], flows={}, failed=["plan_school_years"])
    assert route.title == "Профориентация школьника (6–11 классы)"
    assert [(m.element_id, m.state, m.count) for m in route.elements] == [
        ("pupil_enrolled", "done", 1), ("plan_school_years", "failed", 1), ("school_year_start", "done", 3),
        ("school_year_results", "waiting", 0)]
    assert route.elements[0].label == "Ученик включён в маршрут профориентации"


def test_called_processes_get_their_own_map_with_their_own_flows(app):
    index = index_of("graduate_routing.bpmn", "individual_plan.bpmn")
    plan_flow = next(flow for (source, _), flow in index.flows.items() if source == "individual_plan_opened")
    with app.test_request_context():
        maps = process_maps(index, "proc_graduate_routing", completed={"individual_plan_opened": 1}, active=(),
                            flows={plan_flow: 2})
    assert [m.process_key for m in maps] == ["proc_graduate_routing", "sub_individual_plan"]
    assert (maps[0].flows, maps[1].flows) == ({}, {plan_flow: 2})


def test_unnamed_elements_are_called_by_their_kind_never_by_id(app):
    index = index_of("school_career_guidance.bpmn")
    unnamed_gateway = next(e for e, name in index.names.items() if name == e and index.is_gateway(e))
    with app.test_request_context():
        assert element_label(index, unnamed_gateway) == "развилка без названия"
        assert element_label(index, "pupil_enrolled") == "Ученик включён в маршрут профориентации"
