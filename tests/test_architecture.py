"""The rooms' dependency rules (docs/contracts.md): imports point one way, and only engine/ touches
SpiffWorkflow."""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ROOMS = ("engine", "handlers", "domain", "forms", "web", "simulation")
ALLOWED = {
    "engine": set(),
    "handlers": {"domain"},
    "domain": set(),
    "forms": set(),
    "web": {"engine", "forms", "domain"},
    "simulation": {"engine", "domain", "forms"},
}


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


@pytest.mark.parametrize("room", ROOMS)
def test_room_imports_only_what_it_may(room):
    wrong = []
    for path in python_files(room):
        for module in imported_modules(path):
            top = module.split(".")[0]
            if top in ROOMS and top != room and top not in ALLOWED[room]:
                wrong.append(f"{path.relative_to(ROOT)} imports {module}")
    assert not wrong, "upward or sideways imports:\n" + "\n".join(wrong)


@pytest.mark.parametrize("room", [r for r in ROOMS if r != "engine"] + ["tests", "bench"])
def test_only_the_engine_imports_spiffworkflow(room):
    offenders = []
    for path in sorted((ROOT / room).rglob("*.py")):
        if room == "tests" and path.is_relative_to(ROOT / "tests" / "engine"):
            continue
        if any(m.split(".")[0] == "SpiffWorkflow" for m in imported_modules(path)):
            offenders.append(str(path.relative_to(ROOT)))
    assert not offenders, "SpiffWorkflow imported outside engine/: " + ", ".join(offenders)
