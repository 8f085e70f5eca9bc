"""Finding, caching and replacing form definition files: `forms/definitions/<formKey>.form`."""
from __future__ import annotations

import json
import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path

from forms.definition import build_definition
from forms.errors import FormDefinitionError, FormNotFoundError
from forms.model import FormDefinition

DEFINITIONS_DIR = Path(__file__).resolve().parent / "definitions"
SUFFIX = ".form"
_FORM_KEY = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_-]*")


def load(form_key: str, *, directory: Path | None = None) -> FormDefinition:
    """The definition for `form_key`; parsed once and re-read only when the file changes."""
    path = definition_path(form_key, directory=directory)
    try:
        stat = path.stat()
    except FileNotFoundError:
        raise FormNotFoundError(str(path), [f"no definition for form key {form_key!r}"]) from None
    return _load_cached(path, form_key, stat.st_mtime_ns, stat.st_size)


def definition_path(form_key: str, *, directory: Path | None = None) -> Path:
    """Where the definition of `form_key` lives (whether or not the file exists)."""
    if not isinstance(form_key, str) or not _FORM_KEY.fullmatch(form_key):
        raise FormNotFoundError(str(form_key), ["a form key is letters, digits, '_' and '-' only"])
    return (directory or DEFINITIONS_DIR) / f"{form_key}{SUFFIX}"


def parse_text(text: str, form_key: str, *, source: str = "<text>") -> FormDefinition:
    """Build the definition from a file's text, as `load` would; FormDefinitionError lists every problem."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise FormDefinitionError(
            source, [f"not valid JSON: {error.msg} at line {error.lineno}, column {error.colno}"]
        ) from error
    return build_definition(document, form_key=form_key, source=source)


def replace(form_key: str, text: str, *, directory: Path | None = None) -> FormDefinition:
    """Put a new text in place of the definition of `form_key` once it builds; readers see the old file or
    the new one, never a part (written beside it, then renamed over it)."""
    path = definition_path(form_key, directory=directory)
    definition = parse_text(text, form_key, source=str(path))
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{form_key}-", suffix=SUFFIX)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return definition


def load_file(path: Path) -> FormDefinition:
    """Parse one definition file (its form key is the file name without `.form`)."""
    return _read(Path(path), Path(path).stem)


def available_keys(*, directory: Path | None = None) -> list[str]:
    """Every form key that has a definition file, sorted."""
    folder = directory or DEFINITIONS_DIR
    return sorted(path.stem for path in folder.glob(f"*{SUFFIX}") if _FORM_KEY.fullmatch(path.stem))


@lru_cache(maxsize=256)
def _load_cached(path: Path, form_key: str, mtime_ns: int, size: int) -> FormDefinition:
    """Cached by file identity and version: a changed file has a new (mtime, size) key."""
    return _read(path, form_key)


def _read(path: Path, form_key: str) -> FormDefinition:
    source = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise FormDefinitionError(source, [f"cannot read the file: {error}"]) from error
    return parse_text(text, form_key, source=source)
