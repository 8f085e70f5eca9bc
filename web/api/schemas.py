"""The API's marshmallow schemas: they check every request, shape every response, and are the components of
the OpenAPI document (`web.api.openapi`), so what the document promises is what the API does.

Strings lose their NUL characters (PostgreSQL refuses them) after their length is checked; the complete
body's `data` is checked by the task's form schema (`forms.schema_for`), documented per form."""
from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from flask_babel import lazy_gettext as _l
from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields, validate

from domain.route_attributes import RISK_LEVEL, SUBJECT
from domain.stages import stage_of
from web.inbox.query import DUE_CHOICES, PRIORITIES, SORTS, TABS

NUL = "\x00"
MAX_TEXT = 200
MAX_PAGE = 99_999
INSTANCE_STATUSES = ("active", "suspended", "completed", "cancelled")


def _messages() -> dict[str, Any]:
    return {"required": _l("Обязательное поле."), "null": _l("Значение не может быть null."),
            "invalid": _l("Неверный тип значения.")}


class Text(fields.String):
    """A string of at most `max_length` characters (counted as sent), NUL characters removed."""

    def __init__(self, *, max_length: int = MAX_TEXT, **kwargs: Any) -> None:
        super().__init__(error_messages=_messages(), **kwargs)
        self.max_length = max_length

    def _deserialize(self, value: Any, attr: str | None, data: Mapping[str, Any] | None, **kwargs: Any) -> str:
        text = super()._deserialize(value, attr, data, **kwargs)
        if len(text) > self.max_length:
            raise ValidationError(str(_l("Не длиннее %(count)d символов.", count=self.max_length)))
        return text.replace(NUL, "")


def _choice(choices: Mapping[str, Any] | tuple[str, ...], **kwargs: Any) -> fields.String:
    return fields.String(validate=validate.OneOf(list(choices), error=_l("Недопустимое значение.")),
                         error_messages=_messages(), **kwargs)


def _number(low: int, high: int, **kwargs: Any) -> fields.Integer:
    text = _l("Целое число от %(low)d до %(high)d.", low=low, high=high)
    return fields.Integer(validate=validate.Range(min=low, max=high, error=text),
                          error_messages={**_messages(), "invalid": text}, **kwargs)


class ApiSchema(Schema):
    class Meta:
        unknown = RAISE

    error_messages = {"unknown": _l("Неизвестное поле."), "type": _l("Ожидается JSON-объект.")}


class TaskQuerySchema(ApiSchema):
    """The inbox filters; an empty text filter means no filter."""

    class Meta:
        unknown = EXCLUDE

    tab = _choice(TABS, metadata={"description": "mine | groups (unassigned, the default) | all"})
    process = Text(metadata={"description": "process key"})
    stage = Text(metadata={"description": "map stage key (domain/stages.py: school, admission, study, …)"})
    youth = Text(metadata={"description": "prefix of the name of whom the route concerns (a youth, an employer)"})
    school = Text(metadata={"description": "school id"})
    edu_org = Text(metadata={"description": "college or university id"})
    due = _choice(DUE_CHOICES, metadata={"description": "overdue | day | week"})
    priority = _number(min(PRIORITIES), max(PRIORITIES), metadata={"description": "1 (high) … 5 (low)"})
    sort = _choice(SORTS, metadata={"description": "created (the default) | -created | due | priority"})
    page = _number(1, MAX_PAGE, metadata={"description": "page number, from 1"})


class InstanceQuerySchema(ApiSchema):
    """Which of the caller's routes to list; an empty text filter means no filter."""

    class Meta:
        unknown = EXCLUDE

    business_key = Text(metadata={"description": "the youth's id (their routes only)"})
    status = _choice(INSTANCE_STATUSES, metadata={"description": "route status"})
    page = _number(1, MAX_PAGE, metadata={"description": "page number, from 1"})


class StartSchema(ApiSchema):
    """Starting a youth's route: the start data comes from the registries, so a body names only the two."""

    process_key = Text(required=True, metadata={"description": "a youth route's process key"})
    youth_id = Text(required=True, metadata={"description": "the youth's id in the registries"})


class CompleteSchema(ApiSchema):
    """Completing a task: the task's form key and the form's data (documented per form as FormData_<key>)."""

    form_key = Text(required=True, metadata={"description": "the task's form key"})
    data = fields.Dict(required=True, error_messages=_messages(), metadata={"description": "the form's data"})


def _subject_name(item) -> str | None:
    return item.attributes.get(SUBJECT)


def _risk_level(item) -> str | None:
    return item.attributes.get(RISK_LEVEL)


def _stage_key(item) -> str | None:
    stage = stage_of(item.process_key)
    return stage.key if stage is not None else None


class TaskSchema(Schema):
    id = fields.String()
    instance_id = fields.String()
    process_key = fields.String()
    business_key = fields.String(allow_none=True)
    element_id = fields.String()
    name = fields.String(allow_none=True)
    form_key = fields.String(allow_none=True)
    candidate_group = fields.String(allow_none=True)
    org_scope = fields.String(allow_none=True)
    assignee = fields.String(allow_none=True)
    priority = fields.Integer()
    due_at = fields.DateTime(allow_none=True)
    follow_up_at = fields.DateTime(allow_none=True)
    status = fields.String()
    created_at = fields.DateTime()
    completed_at = fields.DateTime(allow_none=True)
    completed_by = fields.String(allow_none=True)
    youth_name = fields.Function(_subject_name, allow_none=True,
                                 metadata={"description": "the name of whom the route concerns"})
    stage = fields.Function(_stage_key, allow_none=True, metadata={"description": "map stage key"})
    risk_level = fields.Function(_risk_level, allow_none=True)


class InstanceSchema(Schema):
    id = fields.String()
    process_key = fields.String()
    version = fields.Integer()
    business_key = fields.String(allow_none=True)
    status = fields.String(metadata={"enum": list(INSTANCE_STATUSES)})
    stage = fields.Function(_stage_key, allow_none=True, metadata={"description": "map stage key"})
    milestone = fields.String(allow_none=True, metadata={"description": "the last milestone passed"})
    youth_name = fields.Function(_subject_name, allow_none=True,
                                 metadata={"description": "the name of whom the route concerns"})
    risk_level = fields.Function(_risk_level, allow_none=True)
    org = fields.Dict(metadata={"description": "the route's organisations by kind (school, czn, …)"})
    data = fields.Dict(metadata={"description": "the route's data"})
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    ended_at = fields.DateTime(allow_none=True)


class TaskPageSchema(Schema):
    total = fields.Integer(metadata={"description": "tasks found, counted up to the inbox's cap (1000 by default)"})
    more = fields.Boolean(metadata={"description": "more tasks than `total`: counting stopped at the cap"})
    page = fields.Integer()
    pages = fields.Integer(metadata={"description": "pages the counted tasks fill (more follow when `more`)"})
    tasks = fields.List(fields.Nested(TaskSchema))


class InstancePageSchema(Schema):
    page = fields.Integer()
    per_page = fields.Integer()
    has_more = fields.Boolean(metadata={"description": "a next page may hold more routes"})
    instances = fields.List(fields.Nested(InstanceSchema))


class ErrorSchema(Schema):
    error = fields.String(required=True, metadata={"description": "a stable code to act on"})
    message = fields.String(required=True, metadata={"description": "what happened, in the request's language"})
    fields_ = fields.Dict(keys=fields.String(), values=fields.List(fields.String()), required=True,
                          data_key="fields", attribute="fields",
                          metadata={"description": "messages by field or parameter name (empty if none)"})


def load(schema: Schema, data: Any) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """`(values, {})` or `({}, messages by field)` with the messages as plain strings."""
    try:
        return schema.load(data), {}
    except ValidationError as error:
        messages = error.messages if isinstance(error.messages, dict) else {"_schema": error.messages}
        return {}, {str(name): _texts(found) for name, found in messages.items()}


def _texts(found: Any) -> list[str]:
    if isinstance(found, Mapping):
        return sorted({text for item in found.values() for text in _texts(item)})
    if isinstance(found, list | tuple):
        return [str(item) for item in found]
    return [str(found)]


def without_nul(value: Any) -> Any:
    """A JSON value with NUL characters removed from every string in it."""
    if isinstance(value, str):
        return value.replace(NUL, "")
    if isinstance(value, Mapping):
        return {without_nul(key): without_nul(item) for key, item in value.items()}
    if isinstance(value, list):
        return [without_nul(item) for item in value]
    return value
