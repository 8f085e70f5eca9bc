"""Prints the README's table "box of the map -> file -> element id" from the diagrams in processes/.

    .venv/bin/python -m tools.process_authoring.box_table tests/processes/data/boxes.tsv
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

from lxml import etree

PROCESSES = Path(__file__).resolve().parents[2] / "processes"
BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL"


def norm(text: str) -> str:
    text = text.lower().replace("ё", "е")
    text = re.sub(r"[«»\"'“”„]", "", text)
    return re.sub(r"\s+", " ", text).strip()


def named_elements() -> dict[str, list[tuple[str, str, str]]]:
    """Normalised name -> [(file, element kind, element id)], the overview last."""
    found: dict[str, list[tuple[str, str, str]]] = {}
    files = sorted(PROCESSES.glob("*.bpmn"), key=lambda p: (p.name == "overview.bpmn", p.name))
    for path in files:
        tree = etree.parse(str(path))
        values = {el.get("id"): el.get("value") for el in tree.iter(f"{{{BPMN}}}categoryValue")}
        for el in tree.iter():
            if not isinstance(el.tag, str) or etree.QName(el).namespace != BPMN or not el.get("id"):
                continue
            kind = etree.QName(el).localname
            name = values.get(el.get("categoryValueRef")) if kind == "group" else el.get("name")
            if name:
                found.setdefault(norm(name), []).append((path.name, kind, el.get("id")))
    return found


def main(boxes: Path) -> int:
    elements = named_elements()
    print("| box | kind | label | file → element (kind) |")
    print("|---|---|---|---|")
    for line in boxes.read_text(encoding="utf-8").splitlines():
        if line.startswith("#") or line.startswith("key\t") or not line.strip():
            continue
        key, kind, label = line.split("\t")
        where = "; ".join(f"`{file}` → `{element}` ({tag})" for file, tag, element in elements.get(norm(label), []))
        print(f"| `{key}` | {kind} | {label} | {where or '**missing**'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
