"""Server-side BPMN diagram rendering: safety, shapes, the executed-path overlay, determinism, speed."""
from __future__ import annotations

from pathlib import Path

import pytest
from lxml import etree

from web.diagram import DiagramError, render_svg, wrap_text

FIXTURES = Path(__file__).parent / "fixtures"
PROCESSES = Path(__file__).resolve().parents[2] / "processes"
SVG = "{http://www.w3.org/2000/svg}"
BPMN = "{http://www.omg.org/spec/BPMN/20100524/MODEL}"
BPMNDI = "{http://www.omg.org/spec/BPMN/20100524/DI}"


@pytest.fixture(scope="module")
def files() -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(FIXTURES.glob("*.bpmn"))}


def parse(markup) -> etree._Element:
    return etree.fromstring(str(markup).encode())


def element(svg: etree._Element, element_id: str) -> etree._Element:
    found = svg.xpath(f"//*[@data-element-id='{element_id}' and contains(@class, 'pr-el')]")
    assert len(found) == 1, element_id
    return found[0]


def classes(node: etree._Element) -> set[str]:
    return set(node.get("class", "").split())


def test_svg_is_accessible_and_names_the_process(files):
    svg = parse(render_svg(files, "youth_route"))
    assert svg.tag == f"{SVG}svg"
    assert svg.get("role") == "img"
    title_id, desc_id = svg.get("aria-labelledby").split()
    assert svg.find(f"{SVG}title").get("id") == title_id
    assert svg.find(f"{SVG}title").text == "Схема процесса «Маршрут»"
    assert svg.find(f"{SVG}desc").get("id") == desc_id
    assert "Выполнено элементов: 0" in svg.find(f"{SVG}desc").text
    assert not svg.xpath("//*[@style]") and not svg.xpath("//*[local-name()='style']"), "the CSP refuses inline styles"


def test_english_locale_and_unknown_locale(files):
    svg = parse(render_svg(files, "practice_loop", locale="en"))
    assert svg.find(f"{SVG}title").text == "Process diagram “Практика”"
    with pytest.raises(DiagramError, match="unsupported locale"):
        render_svg(files, "practice_loop", locale="fr")


def test_every_shape_and_edge_of_the_plane_is_drawn(files):
    svg = parse(render_svg(files, "youth_route"))
    source = etree.fromstring(files["route_collaboration.bpmn"])
    for di in source.iter(f"{BPMNDI}BPMNShape", f"{BPMNDI}BPMNEdge"):
        assert svg.xpath(f"//*[@data-element-id='{di.get('bpmnElement')}']"), di.get("bpmnElement")


def test_collaboration_plane_is_found_from_either_participant(files):
    youth = parse(render_svg(files, "youth_route"))
    employer = parse(render_svg(files, "employer_need"))
    assert element(youth, "task_pick") is not None
    assert element(employer, "task_profile") is not None
    assert employer.find(f"{SVG}title").text == "Схема процесса «Потребность работодателя»"


def test_task_markers_and_borders(files):
    svg = parse(render_svg(files, "youth_route"))
    for task in ("task_profile", "task_score", "task_rules", "task_script", "send_request"):
        assert element(svg, task).xpath("./*[@class='pr-marker']"), task
    call = element(svg, "call_plan")
    assert call.find(f"{SVG}rect").get("stroke-width") == "4"
    collapsed = element(svg, "sub_profiling")
    assert collapsed.xpath("./*[@class='pr-marker']/*[local-name()='rect']"), "collapsed sub-process shows +"
    expanded = element(svg, "sub_support")
    assert expanded.getparent().get("class") == "pr-layer-containers"
    assert float(expanded.find(f"{SVG}rect").get("width")) == 340
    multi = element(svg, "task_events")
    assert len(multi.xpath("./*[@class='pr-marker']")) == 2, "user icon and parallel multi-instance bars"


def test_events_gateways_and_boundaries(files):
    svg = parse(render_svg(files, "youth_route"))
    assert element(svg, "start").find(f"{SVG}circle").get("stroke-width") == "1.5"
    assert element(svg, "end_ok").find(f"{SVG}circle").get("stroke-width") == "4"
    rings = element(svg, "wait_timer").findall(f"{SVG}circle")
    assert len(rings) == 2, "intermediate event has a double ring"
    remind = element(svg, "bnd_remind")
    assert remind.getparent().get("class") == "pr-layer-boundary"
    assert remind.find(f"{SVG}circle").get("stroke-dasharray"), "non-interrupting boundary is dashed"
    assert not element(svg, "err_score").find(f"{SVG}circle").get("stroke-dasharray")
    thrown = element(svg, "stage_passed").xpath("./*[@class='pr-marker']")[0]
    assert thrown.get("fill") != "none", "throw event marker is filled"
    assert element(svg, "wait_answer").xpath("./*[@class='pr-marker']")[0].get("fill") == "none"
    for gateway in ("gw_risk", "gw_split", "gw_join", "gw_wait"):
        node = element(svg, gateway)
        assert node.find(f"{SVG}polygon") is not None
        assert len(node.xpath("./*[@class='pr-marker']/*")) >= 1, gateway


def test_pools_lanes_groups_annotations_and_message_flows(files):
    svg = parse(render_svg(files, "youth_route"))
    pool_text = element(svg, "part_youth").find(f"{SVG}text")
    assert pool_text.get("transform").startswith("rotate(-90")
    assert "".join(pool_text.itertext()) == "Маршрут молодого человека"
    lane_text = element(svg, "lane_school").find(f"{SVG}text")
    assert "".join(lane_text.itertext()) == "Школа"
    group = element(svg, "grp_school")
    assert group.find(f"{SVG}rect").get("stroke-dasharray")
    assert "".join(group.find(f"{SVG}text").itertext()) == "Школьный этап"
    note = element(svg, "note_profile")
    assert "классным руководителем" in " ".join(note.find(f"{SVG}text").itertext())
    message = element(svg, "mf_request").find(f"{SVG}path")
    assert message.get("stroke-dasharray") and "circle" in message.get("marker-start")
    flow = element(svg, "flow_yes").find(f"{SVG}path")
    assert flow.get("marker-end").endswith("-arrow)")
    assert element(svg, "flow_no").xpath("./*[@class='pr-default']"), "default flow has a slash"
    assert element(svg, "assoc_note").find(f"{SVG}path").get("stroke-dasharray")


def test_text_is_escaped_and_wrapped(files):
    markup = str(render_svg(files, "youth_route"))
    assert "&lt;ученика&gt; &amp; «анкету»" in markup
    svg = parse(markup)
    lines = [t.text for t in element(svg, "task_profile").find(f"{SVG}text")]
    assert len(lines) > 1
    assert " ".join(lines) == "Заполнить профиль <ученика> & «анкету»"


def test_script_injection_in_a_name_stays_text(files):
    hostile = files["practice_loop.bpmn"].replace(
        'name="Проверить слоты"'.encode(),
        b'name="&lt;script&gt;alert(1)&lt;/script&gt;&quot; onload=&quot;x"')
    markup = str(render_svg({"p.bpmn": hostile}, "practice_loop"))
    svg = parse(markup)
    assert not svg.xpath("//*[local-name()='script']")
    assert all(not name.startswith("on") for node in svg.iter() for name in node.attrib)
    assert "&lt;script&gt;" in markup


def test_completed_active_and_taken_overlay(files):
    svg = parse(render_svg(files, "youth_route", completed={"start": 1, "task_profile": 3, "gw_risk": 1},
                           active={"task_events", "gw_wait"}, flows={"flow_start": 1, "flow_profile": 3}))
    start = element(svg, "start")
    assert "pr-done" in classes(start)
    assert not start.xpath(".//*[@class='pr-count']"), "count badge only when more than once"
    profile = element(svg, "task_profile")
    assert profile.find(f"{SVG}rect").get("fill") != "#ffffff"
    assert profile.xpath(".//*[@class='pr-count']/*[local-name()='text']")[0].text == "3"
    assert profile.find(f"{SVG}title").text.endswith("выполнено раз: 3")
    events = element(svg, "task_events")
    assert "pr-active" in classes(events) and events.xpath("./*[@class='pr-halo']")
    assert "pr-active" in classes(element(svg, "gw_wait"))
    assert "pr-done" not in classes(element(svg, "task_score"))
    taken = element(svg, "flow_profile")
    assert "pr-taken" in classes(taken)
    assert taken.xpath(".//*[@class='pr-count']/*[local-name()='text']")[0].text == "3"
    assert "pr-taken" not in classes(element(svg, "flow_yes"))
    desc = svg.find(f"{SVG}desc").text
    assert "Выполнено элементов: 3" in desc and "Пройдено переходов: 2" in desc
    assert "Посетить профориентационные мероприятия" in desc


def test_output_is_deterministic(files):
    reversed_files = dict(reversed(list(files.items())))
    first = render_svg(files, "youth_route", completed={"a": 1, "task_profile": 2},
                       active={"gw_wait", "call_plan"})
    second = render_svg(reversed_files, "youth_route", completed={"task_profile": 2, "a": 1},
                        active={"call_plan", "gw_wait"})
    assert first == second


@pytest.mark.parametrize("payload", [
    b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;</x>',
    b'<?xml version="1.0"?><!DOCTYPE x SYSTEM "http://example.invalid/x.dtd"><x/>',
    '<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>'
    .encode("utf-16"),
])
def test_doctype_is_rejected(payload):
    with pytest.raises(DiagramError, match="DOCTYPE"):
        render_svg({"evil.bpmn": payload}, "x")


def test_bad_input_gets_a_clear_error(files):
    with pytest.raises(DiagramError, match="malformed XML"):
        render_svg({"broken.bpmn": b"<bpmn:definitions"}, "x")
    with pytest.raises(DiagramError, match="'missing' is not defined"):
        render_svg(files, "missing")
    no_layout = etree.fromstring(files["practice_loop.bpmn"])
    for diagram in no_layout.findall(f"{BPMNDI}BPMNDiagram"):
        no_layout.remove(diagram)
    with pytest.raises(DiagramError, match="no diagram layout"):
        render_svg({"p.bpmn": etree.tostring(no_layout)}, "practice_loop")


@pytest.mark.parametrize("value", ["abc", "nan", "inf"])
def test_coordinates_must_be_finite_numbers(files, value):
    broken = files["practice_loop.bpmn"].replace(b'x="180" y="78"', f'x="{value}" y="78"'.encode())
    with pytest.raises(DiagramError, match="'p_check_di': x=.* is not a finite number"):
        render_svg({"p.bpmn": broken}, "practice_loop")


def test_non_bpmn_files_are_ignored(files):
    dmn = b'<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/" id="d"/>'
    assert render_svg({**files, "risk.dmn": dmn}, "practice_loop") == render_svg(files, "practice_loop")


def test_wrap_text():
    assert wrap_text("Рассчитать риск", 200) == ["Рассчитать риск"]
    assert wrap_text("Рассчитать риск", 70) == ["Рассчитать", "риск"]
    assert wrap_text("первая\nвторая", 400) == ["первая", "вторая"]
    long_word = wrap_text("профориентационные", 60)
    assert all(len(line) <= 10 for line in long_word) and long_word[0].endswith("-")
    assert wrap_text("один два три четыре", 30, max_lines=2)[-1].endswith("…")


def _map_processes() -> list[tuple[str, str]]:
    found = []
    for path in sorted(PROCESSES.glob("*.bpmn")):
        root = etree.fromstring(path.read_bytes())
        found += [(path.name, process.get("id")) for process in root.iterchildren(f"{BPMN}process")]
    return found


@pytest.mark.parametrize(("file_name", "process_key"), _map_processes())
def test_every_process_of_the_map_is_drawn(file_name, process_key):
    files = {path.name: path.read_bytes() for path in sorted(PROCESSES.glob("*.bpmn"))}
    svg = parse(render_svg(files, process_key))
    assert svg.xpath("//*[contains(@class, 'pr-el')]"), f"{file_name}: nothing drawn for {process_key}"


@pytest.mark.parametrize(("locale", "count", "expected"), [
    ("ru", 1, "— выполнено"), ("ru", 5, "выполнено раз: 5"), ("en", 1, "— completed"), ("en", 3, "times completed: 3"),
    ("en-GB", 2, "times completed: 2"),
])
def test_state_texts_come_from_the_locale_catalogue(files, locale, count, expected):
    svg = parse(render_svg(files, "practice_loop", completed={"p_check": count}, locale=locale))
    assert element(svg, "p_check").find(f"{SVG}title").text.endswith(expected)
