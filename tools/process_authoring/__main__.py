"""One-off authoring aid: writes the process diagrams and decision tables from the specs in `specs/`.

    .venv/bin/python -m tools.process_authoring [--force] [--only FILE ...]

Never run by the build or the tests. Once an analyst has edited a diagram in a modeller, that file is the
source of truth: the tool refuses to overwrite an existing file unless --force is given.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tools.process_authoring.bpmn_writer import render
from tools.process_authoring.dmn_writer import render_decision
from tools.process_authoring.specs import DECISIONS, PROCESSES

TARGET = Path(__file__).resolve().parents[2] / "processes"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="overwrite existing files")
    parser.add_argument("--only", nargs="*", default=None, help="file names to write (default: all)")
    args = parser.parse_args(argv)
    outputs = {p.file: render(p) for p in PROCESSES}
    outputs.update({d.file: render_decision(d) for d in DECISIONS})
    refused = 0
    for name, content in outputs.items():
        if args.only is not None and name not in args.only:
            continue
        path = TARGET / name
        if path.exists() and not args.force:
            print(f"exists, not overwritten (use --force): {path}", file=sys.stderr)
            refused += 1
            continue
        path.write_bytes(content)
        print(f"wrote {path}")
    return 1 if refused else 0


if __name__ == "__main__":
    sys.exit(main())
