"""Russian names of audit event kinds (English through the catalogue)."""
from __future__ import annotations

from flask_babel import lazy_gettext as _l

KIND_LABELS = {
    "instance_started": _l("Маршрут начат"),
    "task_opened": _l("Задача открыта"),
    "task_completed": _l("Форма заполнена"),
    "task_cancelled": _l("Задача снята"),
    "task_updated": _l("Сроки задачи изменены"),
    "service_called": _l("Вызов сервиса"),
    "service_failed": _l("Сбой сервиса"),
    "decision_evaluated": _l("Решение по таблице"),
    "timer_fired": _l("Сработал таймер"),
    "message_sent": _l("Сообщение отправлено"),
    "message_received": _l("Сообщение получено"),
    "error_thrown": _l("Бизнес-ошибка"),
    "step": _l("Шаг выполнения"),
    "incident_opened": _l("Инцидент"),
    "incident_resolved": _l("Инцидент закрыт"),
    "retry": _l("Повтор"),
    "claimed": _l("Задача взята"),
    "unclaimed": _l("Задача возвращена"),
    "assigned": _l("Задача назначена"),
    "comment": _l("Комментарий"),
    "cancelled": _l("Маршрут отменён"),
    "suspended": _l("Маршрут приостановлен"),
    "resumed": _l("Маршрут возобновлён"),
    "instance_completed": _l("Маршрут завершён"),
    "audit_viewed": _l("Просмотр аудитором"),
    "legal_hold": _l("Судебное удержание"),
    "external_sent": _l("Передано во внешнюю систему"),
    "external_failed": _l("Сбой передачи во внешнюю систему"),
}
PROBLEM_LABELS = {
    "edited": _l("Запись изменена"),
    "deleted": _l("Запись удалена"),
    "inserted": _l("Запись вставлена"),
    "reordered": _l("Порядок записей изменён"),
    "instance_deleted": _l("Маршрут удалён"),
    "anchor_broken": _l("Повреждена контрольная точка"),
}
CHANGE_LABELS = {"added": _l("добавлено"), "removed": _l("удалено"), "changed": _l("изменено")}


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))
