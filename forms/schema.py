"""One marshmallow schema per form definition: the same source the renderer reads."""
from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from marshmallow import RAISE, Schema, ValidationError, post_load, pre_load, validates_schema

from forms.choices import resolve_choices
from forms.draft import coerce_values
from forms.fields import field_for, required_message
from forms.messages import check_locale, message
from forms.model import FormDefinition
from forms.parsing import today
from forms.rules import is_broken, rule_message
from forms.visibility import conditional_names, hidden_names, merged_scope, nest


class FormSchema(Schema):
    """Loads a flat mapping keyed by input names (`group_path.key`) into nested, JSON-able data.

    Before the fields run, empty texts count as absent, absent checkboxes as false and absent
    multi-choice inputs as empty, and inputs hidden by their condition are dropped. Required
    inputs under a condition are checked only while visible. In the result every visible input
    is present (null when left empty) and every hidden one is absent.

    An instance keeps what it learnt in `pre_load` for the later hooks, so it serves one `load` at a
    time: build one per request with `schema_for` (cheap) rather than sharing one between threads.
    """

    class Meta:
        unknown = RAISE

    definition: FormDefinition
    locale: str
    context: Mapping[str, Any] | None
    current_day: str

    def __init__(self, *, definition: FormDefinition, locale: str, context: Mapping[str, Any] | None,
                 current_day: str) -> None:
        self.definition = definition
        self.locale = locale
        self.context = context
        self.current_day = current_day
        self._missing_required: list[str] = []
        self._hidden: set[str] = set()
        super().__init__()
        self.error_messages = {
            **self.error_messages,
            "unknown": message("unknown_field", locale),
            "type": message("invalid_payload", locale),
        }

    @pre_load
    def _prepare(self, data: Any, **kwargs: Any) -> Any:
        if not isinstance(data, Mapping):
            return data
        prepared = {name: value for name, value in data.items() if not _is_blank(value)}
        readonly = {c.name for c in self.definition.inputs() if not c.accepts_post}
        for name in readonly:
            prepared.pop(name, None)
        typed = coerce_values(self.definition, prepared, locale=self.locale, context=self.context)
        # As in an HTML post: an absent checkbox is false, an absent checklist empty.
        for component in self.definition.inputs():
            if component.accepts_post and component.name not in prepared and component.name in typed:
                prepared[component.name] = typed[component.name]
        scope = merged_scope(self.context, nest(typed))
        self._hidden = hidden_names(self.definition, scope)
        for name in self._hidden:
            prepared.pop(name, None)
        conditional = conditional_names(self.definition) - self._hidden
        self._missing_required = [
            component.name
            for component in self.definition.inputs()
            if component.accepts_post
            and component.validation.required
            and component.name in conditional
            and component.name not in prepared
        ]
        return prepared

    @post_load
    def _empty_as_null(self, data: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
        for component in self.definition.inputs():
            if component.accepts_post and component.name not in self._hidden:
                _set_default(data, component.path, None)
        return data

    @validates_schema(skip_on_field_errors=False)
    def _visible_required(self, data: Any, **kwargs: Any) -> None:
        if not self._missing_required:
            return
        by_name = {component.name: component for component in self.definition.inputs()}
        raise ValidationError(
            {name: [required_message(by_name[name], self.locale)] for name in self._missing_required}
        )


    @validates_schema(skip_on_field_errors=False)
    def _rules_across_fields(self, data: Any, **kwargs: Any) -> None:
        """The definition's rules across fields (`forms.rules`), over the visible inputs' typed values."""
        if not self.definition.rules:
            return
        inputs = {component.name: component for component in self.definition.inputs()}
        values = {name: _value_at(data, component.path) for name, component in inputs.items()
                  if name not in self._hidden}
        found: dict[str, list[str]] = {}
        for rule in self.definition.rules:
            if is_broken(rule, values, self.current_day):
                found.setdefault(rule.field, []).append(rule_message(rule, inputs, self.locale))
        if found:
            raise ValidationError(found)


def _value_at(data: Any, path: tuple[str, ...]) -> Any:
    for part in path:
        if not isinstance(data, dict):
            return None
        data = data.get(part)
    return data


def schema_for(
    definition: FormDefinition,
    *,
    locale: str = "ru",
    context: Mapping[str, Any] | None = None,
    now: datetime | None = None,
) -> FormSchema:
    """A schema instance for `definition`; `context` (task data) supplies `valuesKey` options and
    the values that conditions may read besides the form's own; `now` (by default the wall clock) is the
    moment whose day the date rules call today."""
    check_locale(locale)
    current_day = today(now)
    conditional = conditional_names(definition)
    declared = {
        component.name: field_for(
            component,
            locale,
            resolve_choices(component, context),
            required=component.validation.required and component.name not in conditional,
            current_day=current_day,
        )
        for component in definition.inputs()
        if component.accepts_post
    }
    schema_class = FormSchema.from_dict(declared, name=f"FormSchema_{definition.key}")
    return schema_class(definition=definition, locale=locale, context=context, current_day=current_day)


def _is_blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value.strip() == "")


def _set_default(data: dict[str, Any], path: tuple[str, ...], value: Any) -> None:
    target = data
    for part in path[:-1]:
        target = target.setdefault(part, {})
    target.setdefault(path[-1], value)
