"""Russian names of audit event kinds (English through the catalogue)."""
from __future__ import annotations

from typing import Any

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
    "sent_back": _l("Возврат на задачу"),
    "route_repaired": _l("Маршрут сдвинут после зависания в цикле"),
    "migrated": _l("Маршрут перенесён на другую версию процесса"),
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
REASON_TEXTS = {
    "chain_gone": _l("все события цепочки (%(count)s) исчезли, хотя маршрут существует"),
    "instance_gone": _l("контрольная точка %(anchor)s знает этот маршрут с событиями: %(count)s; вся его цепочка "
                        "исчезла, и удаление по сроку хранения этого не записывало"),
    "duplicate": _l("два события носят этот номер"),
    "before_first": _l("добавлено событие с номером меньше первого"),
    "missing": _l("нет событий: %(missing)s"),
    "renumbered": _l("события перенумерованы не по порядку (%(moves)s)"),
    "was_lower": _l("это событие вставлено: событие %(next)s раньше имело номер %(seq)s"),
    "was_higher": _l("это событие раньше имело номер %(was)s: событие перед ним удалено"),
    "hash": _l("содержимое не совпадает со своим хешем (событие «%(kind)s»)"),
    "skips": _l("событие %(next)s следует за событием %(linked)s: события между ними вставлены"),
    "shorter_than_instance": _l("маршрут записал событий: %(recorded)s, а цепочка заканчивается на %(last)s"),
    "instance_head": _l("последнее событие отличается от того, что записал маршрут"),
    "anchor_compacted": _l("последняя контрольная точка %(anchor)s лишилась списка цепочек"),
    "anchor_link": _l("контрольная точка %(anchor)s не следует за предыдущей (одна удалена или вставлена)"),
    "anchor_heads": _l("контрольная точка %(anchor)s: список цепочек изменён"),
    "anchor_hash": _l("контрольная точка %(anchor)s: содержимое не совпадает со своим хешем"),
    "shorter_than_anchor": _l("контрольная точка %(anchor)s закрепила цепочку на событии %(fixed)s, а теперь она "
                              "заканчивается на %(last)s"),
    "anchor_head": _l("отличается от события, закреплённого контрольной точкой %(anchor)s"),
    "row_gone": _l("в цепочке событий: %(count)s, но сам маршрут удалён"),
    "unanchored": _l("маршрут начат задолго до контрольной точки %(anchor)s, но она его не знает: он добавлен в "
                     "журнал позже"),
}


def problem_text(problem: Any) -> str:
    params = dict(problem.params)
    if "kind" in params:
        params["kind"] = kind_label(params["kind"])
    return str(REASON_TEXTS[problem.reason]) % params


DIVERGENCE_TEXTS = {
    "service_extra": _l("сервис %(operation)s вызван больше раз, чем записано"),
    "service_differs": _l("вызов сервиса отличается от записанного"),
    "service_unused": _l("записанный вызов сервиса не сделан"),
    "no_input": _l("нет записанных данных для команды %(command)s"),
    "task_not_open": _l("задача этого события не открыта при воспроизведении"),
    "completed": _l("выполненные элементы"),
    "waiting": _l("ожидающие элементы"),
    "data": _l("данные: %(path)s"),
    "open_tasks": _l("открытые задачи"),
    "status": _l("статус маршрута"),
    "timers": _l("таймеры"),
    "subscriptions": _l("ожидаемые сообщения"),
    "stored_waiting": _l("ожидающие элементы в сохранённом состоянии"),
    "stored_data": _l("данные сохранённого состояния: %(path)s"),
    "failed": _l("шаг не выполнился при воспроизведении"),
    "decision": _l("результат таблицы решений"),
}


def divergence_text(divergence: Any) -> str:
    return str(DIVERGENCE_TEXTS[divergence.reason]) % divergence.params
