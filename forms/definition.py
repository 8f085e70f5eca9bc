"""Reading a form-js (Camunda Forms) JSON document into a checked FormDefinition.

Every problem is collected and reported together, each naming the component, so an analyst who
edited the file in Camunda Modeler can fix them in one pass.
"""
from __future__ import annotations

from typing import Any

from forms.errors import FormDefinitionError
from forms.model import (
    SUPPORTED_TYPES,
    Component,
    FormDefinition,
    walk,
)
from forms.properties import IDENTIFIER_PATH, PropertyReader
from forms.rules import read_rules

_SUBTYPES = {"date", "time", "datetime"}
_TIME_FORMATS = {"utc_offset", "utc_normalized", "no_timezone"}


def build_definition(document: Any, *, form_key: str, source: str) -> FormDefinition:
    """Check `document` (parsed JSON) and build the definition, or raise FormDefinitionError."""
    builder = _Builder(source)
    definition = builder.form(document, form_key)
    if builder.problems:
        raise FormDefinitionError(source, builder.problems)
    assert definition is not None
    return definition


class _Builder(PropertyReader):
    """The form and its components: ids, keys, paths, groups and inputs."""

    def __init__(self, source: str) -> None:
        super().__init__()
        self.source = source
        self.ids: set[str] = set()
        self.paths: dict[tuple[str, ...], str] = {}

    def form(self, document: Any, form_key: str) -> FormDefinition | None:
        if not isinstance(document, dict):
            self.problem("form", "the document must be a JSON object")
            return None
        if document.get("type") != "default":
            self.problem("form", f'"type" must be "default", found {document.get("type")!r}')
        form_id = document.get("id")
        if not isinstance(form_id, str) or not form_id:
            self.problem("form", '"id" must be a non-empty string')
        version = document.get("schemaVersion")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            self.problem("form", f'"schemaVersion" must be a positive integer, found {version!r}')
        raw_components = document.get("components")
        if not isinstance(raw_components, list):
            self.problem("form", '"components" must be a list')
            raw_components = []
        components = self.components(raw_components, ())
        self.check_path_prefixes()
        inputs = {component.name: component for component in walk(components) if component.is_input}
        return FormDefinition(
            key=form_key,
            id=form_id if isinstance(form_id, str) else "",
            schema_version=version if isinstance(version, int) else 0,
            components=components,
            source=self.source,
            rules=read_rules(document.get("rules"), inputs, self.problem),
        )

    def components(self, raw: list[Any], prefix: tuple[str, ...]) -> tuple[Component, ...]:
        built = []
        for index, item in enumerate(raw):
            component = self.component(item, prefix, index)
            if component is not None:
                built.append(component)
        return tuple(built)

    def component(self, raw: Any, prefix: tuple[str, ...], index: int) -> Component | None:
        if not isinstance(raw, dict):
            self.problem(f"component #{index + 1}", "must be a JSON object")
            return None
        component_id = raw.get("id")
        where = f"component {component_id!r}" if component_id else f"component #{index + 1}"
        if not isinstance(component_id, str) or not component_id:
            self.problem(where, '"id" must be a non-empty string')
            component_id = ""
        elif component_id in self.ids:
            self.problem(where, "duplicate id")
        self.ids.add(component_id)
        kind = raw.get("type")
        if kind == "button":
            self.problem(where, 'type "button" is not supported: the task page provides its own buttons')
            return None
        if kind not in SUPPORTED_TYPES:
            supported = ", ".join(sorted(SUPPORTED_TYPES))
            self.problem(where, f"unknown type {kind!r} (supported: {supported})")
            return None
        self.refuse_unsupported(raw, where)
        layout_row, layout_columns = self.layout(raw, where)
        common = {
            "type": kind,
            "id": component_id,
            "description": self.text(raw, "description", where),
            "condition": self.condition(raw, where),
            "layout_row": layout_row,
            "layout_columns": layout_columns,
            "translations": self.translations(raw, where),
        }
        if kind == "group":
            return self.group(raw, prefix, where, common)
        if kind == "text":
            text = raw.get("text")
            if not isinstance(text, str):
                self.problem(where, '"text" must be a string')
                text = ""
            return Component(text=text, **common)
        if kind == "separator":
            return Component(**common)
        if kind == "spacer":
            height = raw.get("height", 60)
            if not isinstance(height, int) or height < 0:
                self.problem(where, '"height" must be a non-negative integer')
                height = 60
            return Component(height=height, **common)
        return self.input(raw, prefix, where, common)

    def group(self, raw: dict[str, Any], prefix: tuple[str, ...], where: str, common: dict) -> Component:
        path = raw.get("path")
        own: tuple[str, ...] = ()
        if path not in (None, ""):
            if not isinstance(path, str) or not IDENTIFIER_PATH.fullmatch(path):
                self.problem(where, f'"path" must be a dotted identifier, found {path!r}')
            else:
                own = tuple(path.split("."))
        children = raw.get("components", [])
        if not isinstance(children, list):
            self.problem(where, '"components" must be a list')
            children = []
        label = raw.get("label", "")
        if not isinstance(label, str):
            self.problem(where, '"label" must be a string')
            label = ""
        return Component(
            label=label,
            path=prefix + own,
            components=self.components(children, prefix + own),
            outline=raw.get("showOutline", True) is not False,
            **common,
        )

    def input(self, raw: dict[str, Any], prefix: tuple[str, ...], where: str, common: dict) -> Component:
        kind = raw["type"]
        key = raw.get("key")
        path: tuple[str, ...] = ()
        if not isinstance(key, str) or not IDENTIFIER_PATH.fullmatch(key):
            self.problem(where, f'"key" must be an identifier (letters, digits, _), found {key!r}')
        else:
            path = prefix + tuple(key.split("."))
            if path in self.paths:
                self.problem(where, f"duplicate key {'.'.join(path)!r} (also in {self.paths[path]})")
            self.paths[path] = where
        subtype = raw.get("subtype", "date") if kind == "datetime" else "date"
        if subtype not in _SUBTYPES:
            self.problem(where, f'"subtype" must be one of date, time, datetime, found {subtype!r}')
            subtype = "date"
        time_serializing = raw.get("timeSerializingFormat", "utc_offset")
        if time_serializing not in _TIME_FORMATS:
            self.problem(where, f'"timeSerializingFormat" {time_serializing!r} is not supported')
            time_serializing = "utc_offset"
        choices, values_key = self.choices(raw, where)
        self.check_option_translations(common["translations"], choices, where)
        appearance = raw.get("appearance") or {}
        if not isinstance(appearance, dict):
            self.problem(where, '"appearance" must be an object')
            appearance = {}
        return Component(
            key=key if isinstance(key, str) else None,
            path=path,
            label=self.label(raw, where, kind, subtype),
            default=self.default(raw, where, choices),
            readonly=self.flag(raw, "readonly", where),
            disabled=self.flag(raw, "disabled", where),
            validation=self.validation(raw, where),
            choices=choices,
            values_key=values_key,
            searchable=self.flag(raw, "searchable", where),
            prefix=self.text(appearance, "prefixAdorner", where),
            suffix=self.text(appearance, "suffixAdorner", where),
            increment=self.increment(raw, where),
            decimal_digits=self.decimal_digits(raw, where),
            subtype=subtype,
            time_serializing=time_serializing,
            no_past_dates=self.flag(raw, "disallowPassedDates", where) if kind == "datetime" else False,
            **common,
        )

    def refuse_unsupported(self, raw: dict[str, Any], where: str) -> None:
        """form-js features that would silently change meaning here are refused, not ignored."""
        if "valuesExpression" in raw:
            self.problem(where, '"valuesExpression" is not supported: use "values" or "valuesKey"')
        if raw.get("serializeToString"):
            self.problem(where, '"serializeToString" is not supported: numbers are stored as JSON numbers')
        if raw.get("isRepeating"):
            self.problem(where, "repeating groups are not supported")
        for name in ("label", "description", "text", "dateLabel", "timeLabel"):
            value = raw.get(name)
            if isinstance(value, str) and value.startswith("="):
                self.problem(where, f'"{name}" is an expression; only plain text is supported')
            elif isinstance(value, str) and "{{" in value:
                self.problem(where, f'"{name}" uses templating; put task data in the task\'s instructions instead')

    def check_path_prefixes(self) -> None:
        for path, where in self.paths.items():
            for length in range(1, len(path)):
                if path[:length] in self.paths:
                    outer = ".".join(path[:length])
                    self.problem(where, f"key {'.'.join(path)!r} is nested under field {outer!r}")
