"""The server's checks of an edited decision table (a DMN file) before it is saved, proposed or deployed: it
is read with the engine's hardened parser, it is a DMN document, every decision a business rule task of the
processes that carry the file calls is still in it (named by process and task), and then the whole bundle
of those processes goes through the engine's deploy parsing (DMN schema, the sandbox's check of every cell,
SpiffWorkflow's parser) as `check_bundle` runs it."""
from __future__ import annotations

from collections.abc import Iterable

from flask_babel import gettext as _
from lxml import etree

from engine import Engine
from engine.errors import DeployError
from engine.parsing.documents import parse_xml
from engine.parsing.elements import BPMN_NS, flow_nodes, local, spiff_text
from web.analyst import decision_sources, sources
from web.analyst.checks import Problem, check_bundle

DMN_NAMESPACE_PREFIX = "https://www.omg.org/spec/DMN/"


def check_decision(engine: Engine, filename: str, content: bytes) -> list[Problem]:
    try:
        root = parse_xml(filename, content)
    except DeployError as err:
        return [Problem(err.element_id, _("Файл %(file)s не читается: %(reason)s", file=filename, reason=err.reason))]
    if local(root) != "definitions" or not (etree.QName(root).namespace or "").startswith(DMN_NAMESPACE_PREFIX):
        return [Problem(None, _("Это не таблица решений DMN."))]
    kept = {element.get("id") for element in root.iter("{*}decision")}
    problems = list(_lost_decisions(engine, filename, decision_sources.deployed(engine, filename), kept))
    if problems:
        return problems
    return check_bundle(decision_sources.bundle_with(engine, filename, content), sources.known(engine))


def _lost_decisions(engine: Engine, filename: str, deployed: bytes, kept: set[str]) -> Iterable[Problem]:
    """Business rule tasks of the carrying processes that call a decision the edited file no longer has."""
    before = {element.get("id") for element in parse_xml(filename, deployed).iter("{*}decision")}
    for name, content in decision_sources.bundle_with(engine, filename, deployed):
        if name.endswith(decision_sources.SUFFIX):
            continue
        for process in parse_xml(name, content).iter(f"{{{BPMN_NS}}}process"):
            for node in flow_nodes(process):
                called = spiff_text(node, "calledDecisionId") if local(node) == "businessRuleTask" else None
                if called in before and called not in kept:
                    yield Problem(called, _("Процесс «%(process)s» вызывает таблицу «%(decision)s» в задаче "
                                            "«%(task)s», а в файле её больше нет",
                                            process=process.get("name") or process.get("id"), decision=called,
                                            task=" ".join((node.get("name") or node.get("id")).split())))
