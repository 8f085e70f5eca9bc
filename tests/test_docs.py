"""The docs cite only what the repository holds: every path in backticks (`engine/parsing/documents.py`,
`web/`) exists, and every dotted name of ours (`engine.parsing.documents.parse_xml`, `engine.start` on the
facade) names a module that exists and a name that module holds."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TOP = ("profroute", "engine", "handlers", "domain", "forms", "web", "simulation", "storage", "bench", "tests",
       "processes", "docs", "scripts", "examples")
DOCS = sorted([*ROOT.glob("docs/*.md"), ROOT / "README.md", *ROOT.glob("*/README.md")])
CODE = re.compile(r"`([^`\n]+)`")
DOTTED = re.compile(r"[a-z_]+(\.[A-Za-z_][A-Za-z_0-9]*)+")
PLACEHOLDER = re.compile(r"[<>*{}$ ]")
FACADE = (ROOT / "engine" / "facade.py", ROOT / "engine" / "audit" / "tools.py")
"""`engine.<method>` in the docs is a call on an `Engine` (the facade and the auditors' tools it offers)."""


def cited(doc: Path) -> list[tuple[int, str]]:
    text = doc.read_text(encoding="utf-8")
    return [(text.count("\n", 0, match.start()) + 1, match.group(1).strip().rstrip(".,:;"))
            for match in CODE.finditer(text) if not PLACEHOLDER.search(match.group(1).strip())]


def _defines(path: Path, name: str) -> bool:
    return re.search(rf"\b{re.escape(name)}\b", path.read_text(encoding="utf-8")) is not None


def missing(token: str) -> str | None:
    """Why the cited path or dotted name is not in the repository, or None when it is."""
    if "/" in token and token.split("/")[0] in TOP:
        return None if (ROOT / token.split(":")[0]).exists() else "no such file"
    if not DOTTED.fullmatch(token) or token.split(".")[0] not in TOP:
        return None
    parts = token.split(".")
    for length in range(len(parts), 0, -1):
        base = ROOT.joinpath(*parts[:length])
        module = base / "__init__.py" if base.is_dir() else base.with_suffix(".py")
        if not module.exists():
            continue
        rest = parts[length:]
        if not rest or _defines(module, rest[0]):
            return None
        if parts[0] == "engine" and length == 1 and any(_defines(path, f"def {rest[0]}") for path in FACADE):
            return None
        return f"{rest[0]} is not in {module.relative_to(ROOT)}"
    return "no such module"


@pytest.mark.parametrize("doc", DOCS, ids=lambda path: str(path.relative_to(ROOT)))
def test_the_docs_cite_only_what_the_repository_holds(doc):
    wrong = [f"{doc.relative_to(ROOT)}:{line}: {token} ({why})" for line, token in cited(doc)
             if (why := missing(token)) is not None]
    assert wrong == []


def test_the_check_sees_a_missing_file_and_a_missing_name():
    assert missing("engine/parsing/documents.py") is None and missing("web/") is None
    assert missing("engine/plugins.py") == "no such file"
    assert missing("engine.parsing.documents.parse_xml") is None and missing("engine.start") is None
    assert missing("engine.parsing.documents.read_all") == "read_all is not in engine/parsing/documents.py"
    assert missing("engine.discover") == "discover is not in engine/__init__.py"
