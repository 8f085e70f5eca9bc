"""The cause of an incident in plain words: which step (its label on the map), what failed (a sentence for
the technical errors we know; the raw error stays for administrators), attempts and the next retry."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from flask_babel import gettext as _

from engine import Engine

MISSING_NAME = re.compile(r"name '([^']+)' is not defined")
MISSING_KEY = re.compile(r"KeyError: '([^']+)'")
UNREACHABLE = {"ConnectionError", "ConnectionRefusedError", "TimeoutError", "OSError", "AdapterError",
               "OperationalError"}
BAD_VALUE = {"TypeError", "ValueError", "AttributeError", "ValidationError"}
CONFLICTING_RECORD = {"IntegrityError"}
STALLED = "Stalled"
"""`error_type` of the watchdog's incident for a route that waits for nothing (docs/contracts.md)."""


@dataclass(frozen=True)
class IncidentCause:
    incident: Any
    step: str
    message: str

    @property
    def attempts(self) -> int:
        return self.incident.attempts

    @property
    def next_retry_at(self) -> datetime | None:
        return self.incident.next_retry_at

    @property
    def waits_for_admin(self) -> bool:
        return self.incident.status == "waiting_admin"

    @property
    def raw(self) -> str:
        return self.incident.error


def cause_message(error_type: str | None, error: str | None, operation: str | None = None) -> str:
    """A sentence for a person who runs routes, not for a programmer."""
    error = error or ""
    missing = MISSING_NAME.search(error) if error_type == "NameError" else MISSING_KEY.search(error)
    if error_type in ("NameError", "KeyError") and missing:
        return _("В данных маршрута нет значения «%(name)s»: скорее всего, его не заполнили на одном из "
                 "предыдущих шагов. Верните маршрут на задачу, где это значение вводится.", name=missing.group(1))
    if error_type in UNREACHABLE:
        return _("Внешняя система или реестр не ответили. Система повторит шаг сама; если повторы не помогают, "
                 "проверьте связь с системой.")
    if error_type == "SandboxError" and "time budget" in error:
        return _("Выражение на схеме выполнялось слишком долго и было остановлено. Нужна правка схемы.")
    if error_type == "SandboxError":
        return _("Выражение на схеме нарушает правила безопасности и не выполнено. Нужна правка схемы.")
    if error_type == "UnknownOperation":
        return _("Для операции «%(operation)s» нет обработчика: шаг не может выполниться до обновления системы.",
                 operation=operation or "—")
    if error_type == "DepthLimit":
        return _("Маршрут проходит цикл схемы слишком много раз и остановлен. Нужна правка схемы.")
    if error_type == STALLED:
        return _("Маршрут ничего не ожидает: нет открытых задач, таймеров и сообщений, он сам не продолжится.")
    if error_type in BAD_VALUE:
        return _("Шаг получил значение не того вида, который ожидает (например, текст вместо числа). "
                 "Проверьте данные, введённые на предыдущих шагах.")
    if error_type in CONFLICTING_RECORD:
        return _("Запись противоречит уже существующей в реестре (например, повторное зачисление).")
    return _("Шаг завершился ошибкой, которую система не распознала. Подробности — в технической ошибке.")


def step_name(element_id: str | None, names: Mapping[str, str]) -> str:
    if not element_id:
        return _("маршрут в целом")
    return names.get(element_id) or _("шаг без названия на схеме")


def describe(incident: Any, names: Mapping[str, str]) -> IncidentCause:
    return IncidentCause(incident=incident, step=step_name(incident.element_id, names),
                         message=cause_message(incident.error_type, incident.error, incident.operation))


def route_incidents(engine: Engine, instance: Any) -> list[IncidentCause]:
    """The open incidents of a live route, described; none are looked up for a route without incidents."""
    if not instance.has_incident or instance.status not in ("active", "suspended"):
        return []
    names = engine.element_index(instance.definition_id).names
    return [describe(incident, names) for incident in engine.incidents(instance.id)
            if incident.status != "resolved"]
