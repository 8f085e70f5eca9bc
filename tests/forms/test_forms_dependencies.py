"""forms imports nothing of ours: only the standard library, marshmallow, markupsafe and Jinja."""
import ast
import sys
from pathlib import Path

FORMS = Path(__file__).resolve().parents[2] / "forms"
ALLOWED = {"forms", "marshmallow", "markupsafe", "jinja2", "__future__"}


def imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            roots.add(node.module.split(".")[0])
    return roots


def test_forms_imports_only_the_standard_library_and_its_three_libraries():
    modules = sorted(FORMS.rglob("*.py"))
    assert modules
    for module in modules:
        foreign = imported_roots(module) - ALLOWED - set(sys.stdlib_module_names)
        assert not foreign, f"{module.name} imports {sorted(foreign)}"
