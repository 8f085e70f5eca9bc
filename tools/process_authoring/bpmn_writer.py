"""Writes a process spec and its layout as a BPMN 2.0 file in the SpiffWorkflow flavour, with full BPMNDI."""
from __future__ import annotations

from lxml import etree

from tools.process_authoring.layout import Box, Layout, layout
from tools.process_authoring.model import LANE_NAMES, Flow, MessageFlow, Node, Process, SubProcess

BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"
BPMNDI = "http://www.omg.org/spec/BPMN/20100524/DI"
DC = "http://www.omg.org/spec/DD/20100524/DC"
DI = "http://www.omg.org/spec/DD/20100524/DI"
SPIFF = "http://spiffworkflow.org/bpmn/schema/1.0/core"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
NSMAP = {"bpmn": BPMN, "bpmndi": BPMNDI, "dc": DC, "di": DI, "spiffworkflow": SPIFF, "xsi": XSI}
TAGS = {
    "start": "startEvent", "end": "endEvent", "milestone": "intermediateThrowEvent",
    "timer": "intermediateCatchEvent", "user": "userTask", "service": "serviceTask",
    "rule": "businessRuleTask", "script": "scriptTask", "call": "callActivity", "xor": "exclusiveGateway",
    "and": "parallelGateway", "sub": "subProcess", "boundary": "boundaryEvent",
}
CORRELATION_PROPERTY = "youth_id_property"


def b(tag: str) -> str:
    return f"{{{BPMN}}}{tag}"


def s(tag: str) -> str:
    return f"{{{SPIFF}}}{tag}"


def expression(parent: etree._Element, tag: str, text: str) -> etree._Element:
    el = etree.SubElement(parent, b(tag))
    el.set(f"{{{XSI}}}type", "bpmn:tFormalExpression")
    el.text = text
    return el


POOL_GAP = 40


def render(process: Process) -> bytes:
    """The file of `process`; its companions (other pools of the same collaboration) are drawn below it."""
    pools = [process, *process.companions]
    _refuse_id_clashes(pools)
    geometries: list[Layout] = []
    top = 80.0
    for pool in pools:
        geometry = layout(pool, top)
        assert geometry.pool is not None
        geometries.append(geometry)
        top = geometry.pool.bottom + POOL_GAP
    root = etree.Element(b("definitions"), nsmap=NSMAP)
    root.set("id", f"definitions_{process.id}")
    root.set("targetNamespace", "http://profroute.example/processes")
    root.set("exporter", "ProfRoute process authoring")
    root.set("exporterVersion", "1")
    for name in process.messages:
        etree.SubElement(root, b("message"), id=f"message_{name}", name=name)
    for code, name in process.errors.items():
        etree.SubElement(root, b("error"), id=f"error_{code}", name=name, errorCode=code)
    if process.messages:
        prop = etree.SubElement(root, b("correlationProperty"), id=CORRELATION_PROPERTY, name="youth_id")
        for name in process.messages:
            retrieval = etree.SubElement(prop, b("correlationPropertyRetrievalExpression"),
                                         messageRef=f"message_{name}")
            etree.SubElement(retrieval, b("formalExpression")).text = "youth_id"
    collaboration = etree.SubElement(root, b("collaboration"), id=f"collaboration_{process.id}")
    for pool in pools:
        etree.SubElement(collaboration, b("participant"), id=f"participant_{pool.id}", name=pool.name,
                         processRef=pool.id)
    for message_flow in process.message_flows:
        etree.SubElement(collaboration, b("messageFlow"), id=message_flow.id, name=message_flow.name,
                         sourceRef=message_flow.source, targetRef=message_flow.target)
    if process.messages:
        key = etree.SubElement(collaboration, b("correlationKey"), name="youth")
        etree.SubElement(key, b("correlationPropertyRef")).text = CORRELATION_PROPERTY
    for pool in pools:
        for group in pool.groups:
            category = etree.SubElement(root, b("category"), id=f"category_{group.id}")
            etree.SubElement(category, b("categoryValue"), id=f"category_value_{group.id}", value=group.name)
    for pool in pools:
        _write_process(root, pool)
    diagram = etree.SubElement(root, f"{{{BPMNDI}}}BPMNDiagram", id=f"diagram_{process.id}")
    plane = etree.SubElement(diagram, f"{{{BPMNDI}}}BPMNPlane", id=f"plane_{process.id}",
                             bpmnElement=f"collaboration_{process.id}")
    for pool, geometry in zip(pools, geometries, strict=True):
        _write_diagram(plane, pool, geometry)
    shapes = {node_id: box for geometry in geometries for node_id, box in geometry.shapes.items()}
    pool_tops = {node_id: geometry.pool.y for geometry in geometries for node_id in geometry.shapes}
    for message_flow in process.message_flows:
        _write_message_flow(plane, message_flow, shapes[message_flow.source], shapes[message_flow.target],
                            pool_tops[message_flow.source] - POOL_GAP / 2)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def _refuse_id_clashes(pools: list[Process]) -> None:
    """SpiffWorkflow finds elements by id anywhere in the file, so no element id (flow nodes, loop
    variables) may equal a service parameter id."""
    nodes = [node for pool in pools for node in _flat(pool.nodes)]
    params = {param for node in nodes if node.kind == "service" for param in node.props["params"]}
    ids = {node.id for node in nodes} | {node.props[key] for node in nodes if isinstance(node, SubProcess)
                                         for key in ("items", "item", "output", "output_item")}
    clashes = sorted(params & ids)
    if clashes:
        raise ValueError(f"element ids clash with parameter or variable names: {clashes}")


def _write_process(root: etree._Element, process: Process) -> None:
    proc = etree.SubElement(root, b("process"), id=process.id, name=process.name,
                            isExecutable="true" if process.executable else "false")
    if process.documentation:
        etree.SubElement(proc, b("documentation")).text = process.documentation
    for variable in _loop_variables(process.nodes):
        etree.SubElement(proc, b("property"), id=variable, name=variable)
    lane_set = etree.SubElement(proc, b("laneSet"), id=f"lane_set_{process.id}")
    members = _lane_members(process.nodes)
    for lane in process.lanes:
        lane_el = etree.SubElement(lane_set, b("lane"), id=process.lane_id(lane), name=LANE_NAMES[lane])
        for node_id in members.get(lane, []):
            etree.SubElement(lane_el, b("flowNodeRef")).text = node_id
    _write_container(proc, process.nodes, process.flows)
    for group in process.groups:
        etree.SubElement(proc, b("group"), id=group.id, categoryValueRef=f"category_value_{group.id}")


def _loop_variables(nodes: list[Node]) -> list[str]:
    """Task-data variables that multi-instance loops read and fill, declared as process properties so that
    the loop references resolve in modellers (SpiffWorkflow reads them as task-data names)."""
    out: list[str] = []
    for node in _flat(nodes):
        if isinstance(node, SubProcess):
            out.extend([node.props["items"], node.props["output"]])
    return out


def _lane_members(nodes: list[Node]) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for node in nodes:
        out.setdefault(node.lane, []).append(node.id)
        if isinstance(node, SubProcess):
            for lane, ids in _lane_members(node.nodes).items():
                out.setdefault(lane, []).extend(ids)
    return out


def _write_container(parent: etree._Element, nodes: list[Node], flows: list[Flow]) -> None:
    incoming: dict[str, list[str]] = {}
    outgoing: dict[str, list[str]] = {}
    for f in flows:
        outgoing.setdefault(f.source, []).append(f.id)
        incoming.setdefault(f.target, []).append(f.id)
    defaults = {f.source: f.id for f in flows if f.default}
    for node in nodes:
        _write_node(parent, node, incoming.get(node.id, []), outgoing.get(node.id, []), defaults.get(node.id))
    for f in flows:
        el = etree.SubElement(parent, b("sequenceFlow"), id=f.id, sourceRef=f.source, targetRef=f.target)
        if f.name:
            el.set("name", f.name)
        if f.condition:
            expression(el, "conditionExpression", f.condition)


def _write_node(parent: etree._Element, node: Node, incoming: list[str], outgoing: list[str],
                default: str | None) -> None:
    el = etree.SubElement(parent, b(TAGS[node.kind]), id=node.id)
    if node.name:
        el.set("name", node.name)
    p = node.props
    if node.kind == "boundary":
        el.set("attachedToRef", p["attached_to"])
        if not p["interrupting"]:
            el.set("cancelActivity", "false")
    if node.kind == "call":
        el.set("calledElement", p["called"])
    if node.kind == "script":
        el.set("scriptFormat", "python")
    if default:
        el.set("default", default)
    _write_extensions(el, node)
    for flow_id in incoming:
        etree.SubElement(el, b("incoming")).text = flow_id
    for flow_id in outgoing:
        etree.SubElement(el, b("outgoing")).text = flow_id
    if isinstance(node, SubProcess):
        _write_loop(el, p)
        _write_container(el, node.nodes, node.flows)
    _write_event_definition(el, node)
    if node.kind == "script":
        etree.SubElement(el, b("script")).text = p["code"]


def _write_extensions(el: etree._Element, node: Node) -> None:
    p = node.props
    if node.kind == "user":
        ext = etree.SubElement(el, b("extensionElements"))
        props = etree.SubElement(ext, s("properties"))
        etree.SubElement(props, s("property"), name="formKey", value=p["form"])
        if p["group"]:
            etree.SubElement(props, s("property"), name="candidateGroup", value=p["group"])
        if p["due_in"]:
            etree.SubElement(props, s("property"), name="dueIn", value=p["due_in"])
        if p["instructions"]:
            etree.SubElement(ext, s("instructionsForEndUser")).text = p["instructions"]
        etree.SubElement(ext, s("variableName")).text = p["var"]
    elif node.kind == "service":
        ext = etree.SubElement(el, b("extensionElements"))
        operator = etree.SubElement(ext, s("serviceTaskOperator"), id=p["op"], resultVariable=p["result"])
        params = etree.SubElement(operator, s("parameters"))
        for name, value in p["params"].items():
            etree.SubElement(params, s("parameter"), id=name, type="any", value=value)
        if p["post_script"]:
            etree.SubElement(ext, s("postScript")).text = p["post_script"]
    elif node.kind == "rule":
        ext = etree.SubElement(el, b("extensionElements"))
        etree.SubElement(ext, s("calledDecisionId")).text = p["decision"]
    elif node.kind == "call" and p["pre_script"]:
        ext = etree.SubElement(el, b("extensionElements"))
        etree.SubElement(ext, s("preScript")).text = p["pre_script"]


def _write_loop(el: etree._Element, p: dict) -> None:
    loop = etree.SubElement(el, b("multiInstanceLoopCharacteristics"), isSequential="true")
    etree.SubElement(loop, b("loopDataInputRef")).text = p["items"]
    etree.SubElement(loop, b("loopDataOutputRef")).text = p["output"]
    etree.SubElement(loop, b("inputDataItem"), id=p["item"], name=p["item"])
    etree.SubElement(loop, b("outputDataItem"), id=p["output_item"], name=p["output_item"])
    if p["completion"]:
        expression(loop, "completionCondition", p["completion"])


def _write_event_definition(el: etree._Element, node: Node) -> None:
    p = node.props
    if node.kind in ("start", "end") and p.get("message"):
        definition = etree.SubElement(el, b("messageEventDefinition"), id=f"{node.id}_definition",
                                      messageRef=f"message_{p['message']}")
        ext = etree.SubElement(definition, b("extensionElements"))
        if node.kind == "start":
            etree.SubElement(ext, s("messageVariable")).text = "route"
        else:
            etree.SubElement(ext, s("messagePayload")).text = p["payload"]
    elif node.kind in ("timer", "boundary") and (p.get("date") or p.get("duration")):
        definition = etree.SubElement(el, b("timerEventDefinition"), id=f"{node.id}_definition")
        if p.get("date"):
            expression(definition, "timeDate", p["date"])
        else:
            expression(definition, "timeDuration", p["duration"])
    elif node.kind == "boundary" and p.get("error"):
        etree.SubElement(el, b("errorEventDefinition"), id=f"{node.id}_definition",
                         errorRef=f"error_{p['error']}")


def _write_diagram(plane: etree._Element, process: Process, geometry: Layout) -> None:
    assert geometry.pool is not None
    _shape(plane, f"participant_{process.id}", geometry.pool, horizontal=True)
    for lane, box in geometry.lanes.items():
        _shape(plane, process.lane_id(lane), box, horizontal=True)
    for group_id, box in geometry.groups.items():
        shape = _shape(plane, group_id, box)
        _label(shape, Box(box.x + 8, box.y + 4, min(box.w - 16, 220), 14))
    expanded = {n.id for n in _flat(process.nodes) if isinstance(n, SubProcess)}
    for node in _flat(process.nodes):
        shape = _shape(plane, node.id, geometry.shapes[node.id], expanded=node.id in expanded)
        if node.id in geometry.labels:
            _label(shape, geometry.labels[node.id])
    for flow_id, points in geometry.edges.items():
        edge = etree.SubElement(plane, f"{{{BPMNDI}}}BPMNEdge", id=f"{flow_id}_di", bpmnElement=flow_id)
        for x, y in points:
            etree.SubElement(edge, f"{{{DI}}}waypoint", x=_n(x), y=_n(y))
        if flow_id in geometry.labels:
            _label(edge, geometry.labels[flow_id])


def _write_message_flow(plane: etree._Element, message_flow: MessageFlow, source: Box, target: Box,
                        middle: float) -> None:
    """From the top of a shape in a lower pool, along the gap above that pool, then up the column gap beside
    the target (so it crosses no shape of the pools above) into the target's right side."""
    channel = target.right + 12
    points = [(source.cx, source.y), (source.cx, middle), (channel, middle), (channel, target.cy),
              (target.right, target.cy)]
    edge = etree.SubElement(plane, f"{{{BPMNDI}}}BPMNEdge", id=f"{message_flow.id}_di",
                            bpmnElement=message_flow.id)
    for x, y in points:
        etree.SubElement(edge, f"{{{DI}}}waypoint", x=_n(x), y=_n(y))
    _label(edge, Box(channel + 6, middle - 18, 180, 14))


def _flat(nodes: list[Node]) -> list[Node]:
    out: list[Node] = []
    for node in nodes:
        out.append(node)
        if isinstance(node, SubProcess):
            out.extend(_flat(node.nodes))
    return out


def _shape(plane: etree._Element, element_id: str, box: Box, *, horizontal: bool = False,
           expanded: bool = False) -> etree._Element:
    shape = etree.SubElement(plane, f"{{{BPMNDI}}}BPMNShape", id=f"{element_id}_di", bpmnElement=element_id)
    if horizontal:
        shape.set("isHorizontal", "true")
    if expanded:
        shape.set("isExpanded", "true")
    _bounds(shape, box)
    return shape


def _label(parent: etree._Element, box: Box) -> None:
    _bounds(etree.SubElement(parent, f"{{{BPMNDI}}}BPMNLabel"), box)


def _bounds(parent: etree._Element, box: Box) -> None:
    etree.SubElement(parent, f"{{{DC}}}Bounds", x=_n(box.x), y=_n(box.y), width=_n(box.w), height=_n(box.h))


def _n(value: float) -> str:
    return str(round(value))
