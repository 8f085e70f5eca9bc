"""The rooms' dependency rules (DESIGN.md, docs/contracts.md): imports point one way, only engine/ touches
SpiffWorkflow, only the web (and the composition root above it) uses Flask, and importing a room loads no
room it may not import."""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ROOMS = ("profroute", "engine", "handlers", "domain", "forms", "web", "simulation", "storage")
BOTTOM = {"storage"}
"""Shared storage parts (migration set, UTC column type, naming convention): every room may import them."""
ALLOWED = {
    "profroute": {"engine", "handlers", "domain", "forms", "web", "simulation"} | BOTTOM,
    "engine": BOTTOM,
    "handlers": {"domain"} | BOTTOM,
    "domain": BOTTOM,
    "forms": BOTTOM,
    "web": {"engine", "forms", "domain"} | BOTTOM,
    "simulation": {"engine", "domain", "forms"} | BOTTOM,
    "storage": set(),
}
FLASK_ROOMS = {"web", "profroute"}
FLASK_PACKAGES = {"flask", "flask_babel", "flask_login", "flask_wtf", "werkzeug", "gunicorn"}


def imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def python_files(room: str) -> list[Path]:
    return sorted(p for p in (ROOT / room).rglob("*.py") if "migrations/versions" not in p.as_posix())


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


@pytest.mark.parametrize("room", ROOMS)
def test_room_imports_only_what_it_may(room):
    wrong = []
    for path in python_files(room):
        for module in imported_modules(path):
            top = module.split(".")[0]
            if top in ROOMS and top != room and top not in ALLOWED[room]:
                wrong.append(f"{path.relative_to(ROOT)} imports {module}")
    assert not wrong, "upward or sideways imports:\n" + "\n".join(wrong)


@pytest.mark.parametrize("room", [r for r in ROOMS if r != "engine"] + ["tests"])
def test_only_the_engine_imports_spiffworkflow(room):
    """And bench/, whose baseline is bare SpiffWorkflow (bench/bare_spiff.py)."""
    offenders = []
    for path in sorted((ROOT / room).rglob("*.py")):
        if room == "tests" and path.is_relative_to(ROOT / "tests" / "engine"):
            continue
        if any(m.split(".")[0] == "SpiffWorkflow" for m in imported_modules(path)):
            offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, "SpiffWorkflow imported outside engine/: " + ", ".join(offenders)


@pytest.mark.parametrize("room", [r for r in ROOMS if r not in FLASK_ROOMS])
def test_only_the_web_imports_flask(room):
    offenders = [f"{path.relative_to(ROOT)} imports {module}" for path in python_files(room)
                 for module in imported_modules(path) if module.split(".")[0] in FLASK_PACKAGES]
    assert not offenders, "Flask outside web/:\n" + "\n".join(offenders)


def loaded_by_importing(room: str) -> set[str]:
    """Top-level packages in sys.modules after a fresh interpreter imports every module of the room (the
    Alembic environments and `__main__` scripts aside: they run when imported)."""
    modules = [module_name(path) for path in python_files(room)
               if path.name != "__main__.py" and not (path.name == "env.py" and path.parent.name == "migrations")]
    script = ("import importlib, sys\n"
              f"for name in {modules!r}:\n    importlib.import_module(name)\n"
              "print('\\n'.join(sorted({name.split('.')[0] for name in sys.modules})))")
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    return set(done.stdout.split())


@pytest.mark.parametrize("room", ROOMS)
def test_importing_a_room_loads_only_what_it_may(room):
    loaded = loaded_by_importing(room)
    forbidden = (set(ROOMS) - {room} - ALLOWED[room]) | {"bench", "tests"}
    if room not in FLASK_ROOMS:
        forbidden |= FLASK_PACKAGES
    if "engine" not in ALLOWED[room] | {room}:
        forbidden.add("SpiffWorkflow")
    assert sorted(loaded & forbidden) == []


def _engine_relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


#: the engine's top, above the auditors' tools: the facade offers them; the package, the wiring a deployment
#: hands in (purge hooks) and the CLI expose them
AUDIT_TOOL_USERS = {"engine/__init__.py", "engine/facade.py", "engine/wiring.py", "engine/audit_cli.py"}


def test_the_audit_chain_is_core_and_the_auditors_tools_sit_above_it():
    """engine/chain.py is written by every step; engine/audit/ (verify, replay, time travel, export, conformance,
    retention) builds on the core, so no core module imports it."""
    wrong = []
    for path in python_files("engine"):
        name = _engine_relative(path)
        if name.startswith("engine/audit/") or name in AUDIT_TOOL_USERS:
            continue
        wrong += [f"{name} imports {module}" for module in imported_modules(path)
                  if module == "engine.audit" or module.startswith("engine.audit.")]
    assert not wrong, "the core reaches up into the auditors' tools:\n" + "\n".join(wrong)


ENGINE_TABLES = ("engine.store", "engine.db", "engine.records", "engine.queries", "engine.audit")


@pytest.mark.parametrize("room", ["web", "simulation", "profroute", "handlers", "domain", "forms"])
def test_rooms_reach_the_engine_through_its_facade(room):
    """The engine's tables and its auditors' tools are reached through `engine.Engine`, never opened directly."""
    wrong = []
    for path in python_files(room):
        wrong += [f"{_engine_relative(path)} imports {module}" for module in imported_modules(path)
                  if any(module == table or module.startswith(table + ".") for table in ENGINE_TABLES)]
    assert not wrong, "engine internals used outside the engine:\n" + "\n".join(wrong)


XML_READERS = {"fromstring", "XML", "XMLParser", "parse", "iterparse", "fromstringlist"}


@pytest.mark.parametrize("room", [*ROOMS, "bench", "tests"])
def test_xml_is_read_only_by_the_hardened_parser(room):
    """Every XML read goes through engine.parsing.documents.parse_xml (no DOCTYPE, entities or network)."""
    offenders = []
    for path in python_files(room):
        if path.is_relative_to(ROOT / "engine" / "parsing"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Attribute) and node.attr in XML_READERS and isinstance(node.value, ast.Name)
                    and node.value.id == "etree"):
                offenders.append(f"{_engine_relative(path)}:{node.lineno} etree.{node.attr}")
    assert not offenders, "XML read outside engine/parsing:\n" + "\n".join(offenders)


# --- the import graph of the tree ----------------------------------------------------------------------------

def _modules() -> dict[str, Path]:
    """Module name -> file for every module of every room (Alembic version scripts aside)."""
    return {module_name(path): path for room in ROOMS for path in python_files(room)}


def _targets(name: str, path: Path, modules: dict[str, Path]) -> set[str]:
    """The modules of ours `name` imports (relative imports resolved; `from package import submodule` counts
    as the submodule; a name imported from a module counts as that module)."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]

    def known(candidate: str) -> str | None:
        while candidate and candidate not in modules:
            candidate = candidate.rpartition(".")[0]
        return candidate or None

    found: set[str | None] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(known(alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                base = ".".join([*parts, base] if base else parts)
            found.update(known(f"{base}.{alias.name}" if f"{base}.{alias.name}" in modules else base)
                         for alias in node.names)
    return {target for target in found if target is not None and target != name}


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    return {name: _targets(name, path, modules) for name, path in modules.items()}


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components of more than one node (Tarjan, iterative)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found = []
    for root in sorted(graph):
        if root in index:
            continue
        work = [(root, iter(sorted(graph.get(root, ()))))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph.get(child, ())))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(sorted(component))
    return found


def test_the_import_graph_has_no_cycle():
    assert cycles(import_graph()) == []


def test_no_module_imports_the_package_it_sits_in():
    """A package's `__init__` gathers its modules; a module importing it back runs upward."""
    graph = import_graph()
    wrong = [f"{name} imports {target}" for name, targets in graph.items() for target in targets
             if name.startswith(target + ".") and (ROOT / Path(*target.split(".")) / "__init__.py").exists()]
    assert wrong == []


def test_the_parts_of_every_package_are_layered():
    """Inside a package, the graph of its direct parts (modules and sub-packages, each sub-package standing for
    everything in it) has no cycle: a sub-package is either below or above its siblings, never both."""
    graph = import_graph()
    packages = {name for name, path in _modules().items() if path.name == "__init__.py"}
    tangled = {}
    for package in sorted(packages):
        prefix = package + "."

        def part(module: str, prefix: str = prefix) -> str | None:
            return prefix + module[len(prefix):].split(".")[0] if module.startswith(prefix) else None

        parts: dict[str, set[str]] = {}
        for name, targets in graph.items():
            source = part(name)
            if source is None:
                continue
            parts.setdefault(source, set()).update(
                target for target in map(part, targets) if target is not None and target != source)
        if found := cycles(parts):
            tangled[package] = found
    assert tangled == {}


def test_the_graph_sees_a_cycle_and_an_upward_import():
    assert cycles({"a.x": {"a.y"}, "a.y": {"a.z"}, "a.z": {"a.x"}, "b": {"a.x"}}) == [["a.x", "a.y", "a.z"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


DOMAIN_WORDS = re.compile(r"youth|school|college|edu_org|czn|curator|employer|risk|stage", re.IGNORECASE)
"""What the map is about: the engine keeps such values in the slots the deployment declares (engine.search)."""


def test_the_engine_speaks_no_domain_words():
    """Its migrations are history (they name the columns they moved into the slots) and stay out."""
    offenders = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}" for path in python_files("engine")
                 for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
                 if DOMAIN_WORDS.search(line)]
    assert not offenders, "domain words in engine/:\n" + "\n".join(offenders)


MAX_MODULE_LINES = 400
GENERATED = ("migrations/versions/", "web/frontend/generated/")
"""Alembic's version scripts and the front-end files a build step writes."""


def test_no_hand_written_module_is_over_400_lines():
    sources = [path for top in (*ROOMS, "bench", "tests") for pattern in ("*.py", "*.js", "*.mjs")
               for path in (ROOT / top).rglob(pattern)
               if "node_modules" not in path.parts and "build" not in path.parts
               and not any(part in path.relative_to(ROOT).as_posix() for part in GENERATED)]
    long = {path.relative_to(ROOT).as_posix(): lines for path in sources
            if (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert long == {}
