"""Fixtures for the forms tests: the kitchen-sink definition and a writer for ad-hoc definitions."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

import forms

FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture
def sink() -> forms.FormDefinition:
    """A definition with every supported component type."""
    return forms.load("kitchen_sink", directory=FIXTURES)


@pytest.fixture
def write_form(tmp_path):
    """Write a definition with the given components (or a whole document) and return its path."""

    def write(components=None, *, document=None, name="sample"):
        if document is None:
            document = {"id": "Form_sample", "type": "default", "schemaVersion": 16, "components": components}
        path = tmp_path / f"{name}.form"
        path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
        return path

    return write
