"""Check form definitions after editing them: `python -m forms [FILE.form ...]` (all definitions by default).

Prints one line per file and every problem found; the exit status is 1 when any file is broken.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from forms.errors import FormDefinitionError
from forms.loader import DEFINITIONS_DIR, SUFFIX, load_file


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m forms", description="Check form-js form definitions.")
    parser.add_argument("files", nargs="*", type=Path, help=f"definition files (default: {DEFINITIONS_DIR})")
    arguments = parser.parse_args(argv)
    files = arguments.files or sorted(DEFINITIONS_DIR.glob(f"*{SUFFIX}"))
    broken = 0
    for path in files:
        try:
            definition = load_file(path)
        except FormDefinitionError as error:
            broken += 1
            print(f"FAIL {path}")
            for problem in error.problems:
                print(f"  - {problem}")
            continue
        print(f"ok   {path} ({len(definition.inputs())} inputs)")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
