"""The registry against the diagrams and the process catalogue: every service operation has a handler that
takes exactly the parameters the diagram passes, and no handler is an orphan."""
from __future__ import annotations

import inspect
import re
from pathlib import Path

from engine.parsing.documents import parse_xml
from handlers.registry import REGISTRY
from profroute.wiring import WIRING

ROOT = Path(__file__).resolve().parents[2]
PROCESSES = ROOT / "processes"
SPIFF = "http://spiffworkflow.org/bpmn/schema/1.0/core"
CATALOGUE_ROW = re.compile(
    r"^\| `[a-z_0-9/ ]+`.*?\| `(?P<operation>[a-z_]+\.(?!bpmn`)[a-z_]+)` \| (?P<params>[^|]*) \|", re.M
)


def diagram_operations() -> dict[str, list[tuple[str, set[str]]]]:
    """operation id → [(file, parameter ids)] for every serviceTaskOperator in processes/*.bpmn."""
    found: dict[str, list[tuple[str, set[str]]]] = {}
    for path in sorted(PROCESSES.glob("*.bpmn")):
        tree = parse_xml(path.name, path.read_bytes()).getroottree()
        for operator in tree.iter(f"{{{SPIFF}}}serviceTaskOperator"):
            params = {p.get("id") for p in operator.iter(f"{{{SPIFF}}}parameter")}
            found.setdefault(operator.get("id"), []).append((path.name, params))
    return found


def catalogue_operations() -> dict[str, set[str]]:
    """operation id → parameter names, from the service-task tables of processes/README.md."""
    text = (PROCESSES / "README.md").read_text(encoding="utf-8")
    operations: dict[str, set[str]] = {}
    for row in CATALOGUE_ROW.finditer(text):
        names = {re.match(r"`?([a-z_]+)", part.strip()).group(1) for part in row["params"].split("`, `")}
        operations[row["operation"]] = names
    return operations


def catalogue_files() -> set[str]:
    text = (PROCESSES / "README.md").read_text(encoding="utf-8")
    return set(re.findall(r"\| `([a-z_]+\.bpmn)` \|", text))


def handler_parameters(operation: str) -> set[str]:
    parameters = list(inspect.signature(REGISTRY[operation]).parameters)
    assert parameters[0] == "ctx", f"{operation}: the first parameter must be ctx"
    return set(parameters[1:])


def test_the_deployment_is_wired_with_the_registry():
    assert WIRING.handlers is REGISTRY


def test_every_diagram_operation_has_a_handler_taking_its_parameters():
    operations = diagram_operations()
    assert operations, "no service task found in processes/*.bpmn"
    for operation, uses in operations.items():
        assert operation in REGISTRY, f"{operation} ({uses[0][0]}) has no handler"
        for filename, params in uses:
            assert params == handler_parameters(operation), f"{filename}: {operation} parameters differ"


def test_every_handler_is_used_by_a_diagram():
    missing = sorted(catalogue_files() - {path.name for path in PROCESSES.glob("*.bpmn")})
    assert missing == [], "the catalogue names diagrams processes/ does not hold"
    orphans = sorted(set(REGISTRY) - set(diagram_operations()))
    assert orphans == []


def test_catalogue_and_registry_agree():
    catalogue = catalogue_operations()
    assert len(catalogue) >= 45, "the catalogue tables could not be read"
    assert sorted(set(catalogue) ^ set(REGISTRY)) == []
    for operation, params in catalogue.items():
        assert params == handler_parameters(operation), f"{operation}: catalogue parameters differ"


def test_handlers_are_documented():
    for operation, handler in REGISTRY.items():
        assert handler.operation == operation
        assert inspect.getdoc(handler), f"{operation} has no docstring"
