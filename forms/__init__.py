"""Task forms: one Camunda Forms (form-js) JSON definition per user-task form key, validated with a
marshmallow schema and rendered as HTML, both built from that one definition.

    definition = forms.load("czn_assign_curator")
    data, errors = forms.validate(definition, request.form, locale="ru", context=task.data)
    draft = forms.coerce_draft(definition, request.form)
    html = forms.render(definition, data={**task.data, **draft}, errors=errors, locale="ru")
"""
from forms.draft import coerce_draft
from forms.errors import ConditionSyntaxError, FormDefinitionError, FormNotFoundError
from forms.loader import DEFINITIONS_DIR, available_keys, definition_path, load, load_file, parse_text, replace
from forms.model import Choice, Component, FormDefinition, Validation
from forms.post import as_post
from forms.rendering import render
from forms.schema import FormSchema, schema_for
from forms.submission import validate

__all__ = [
    "DEFINITIONS_DIR",
    "Choice",
    "Component",
    "ConditionSyntaxError",
    "FormDefinition",
    "FormDefinitionError",
    "FormNotFoundError",
    "FormSchema",
    "Validation",
    "as_post",
    "available_keys",
    "coerce_draft",
    "definition_path",
    "load",
    "load_file",
    "parse_text",
    "render",
    "replace",
    "schema_for",
    "validate",
]
