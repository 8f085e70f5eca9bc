"""The modeller's texts in the reader's language, handed to the browser as JSON in a data attribute:
bpmn-js's own texts (its translate module looks them up by their English original), the panel's labels of
ProfRoute's conventions and the titles of the bpmnlint rules."""
from __future__ import annotations

from flask_babel import gettext as _


def modeller_labels() -> dict[str, dict[str, str]]:
    return {"bpmn": _bpmn_texts(), "panel": _panel_texts(), "rules": _rule_texts(), "page": _page_texts(),
            "simulation": {"toggle": _("Симуляция маршрута")}}


def _bpmn_texts() -> dict[str, str]:
    return {
        "General": _("Общее"), "Name": _("Название"), "ID": _("Идентификатор"), "Documentation": _("Описание"),
        "Element documentation": _("Описание элемента"), "Process": _("Процесс"),
        "Create StartEvent": _("Создать начальное событие"), "Create EndEvent": _("Создать конечное событие"),
        "Create Task": _("Создать задачу"), "Create Gateway": _("Создать шлюз"),
        "Create Intermediate/Boundary Event": _("Создать промежуточное событие"),
        "Create expanded SubProcess": _("Создать подпроцесс"), "Create Pool/Participant": _("Создать пул"),
        "Create DataObjectReference": _("Создать объект данных"),
        "Create DataStoreReference": _("Создать хранилище данных"), "Create Group": _("Создать группу"),
        "Activate the hand tool": _("Инструмент «рука»"), "Activate the lasso tool": _("Инструмент «лассо»"),
        "Activate the create/remove space tool": _("Добавить или убрать пространство"),
        "Activate the global connect tool": _("Соединить элементы"),
        "Append Task": _("Добавить задачу"), "Append EndEvent": _("Добавить конечное событие"),
        "Append Gateway": _("Добавить шлюз"), "Append Intermediate/Boundary Event": _("Добавить событие"),
        "Connect using Sequence/MessageFlow or Association": _("Соединить потоком"),
        "Change type": _("Изменить тип"), "Delete": _("Удалить"), "Add text annotation": _("Добавить примечание"),
        "User Task": _("Пользовательская задача"), "Service Task": _("Служебная задача"),
        "Business Rule Task": _("Задача правила"), "Script Task": _("Задача-скрипт"),
        "Call Activity": _("Вызов процесса"), "Timer": _("Таймер"), "Message": _("Сообщение"),
        "No Issues": _("Проблем нет"),
        "{errors} Errors, {warnings} Warnings": _("Ошибок: {errors}, предупреждений: {warnings}"),
        "Collaboration": _("Взаимодействие"), "Participant": _("Участник"), "Lane": _("Дорожка"),
        "Sequence Flow": _("Поток"), "Start Event": _("Начальное событие"), "End Event": _("Конечное событие"),
        "Exclusive Gateway": _("Исключающий шлюз"), "Parallel Gateway": _("Параллельный шлюз"),
        "Toggle linting overlays": _("Показать или скрыть проблемы на схеме"),
        "Issues for child elements": _("Проблемы вложенных элементов"),
    }


def _panel_texts() -> dict[str, str]:
    return {
        "task": _("Задача ПрофМаршрута"), "form": _("Форма"), "candidateGroup": _("Группа исполнителей"),
        "priority": _("Приоритет (1 — высокий, 5 — низкий)"), "dueIn": _("Срок (длительность ISO 8601)"),
        "followUpIn": _("Напоминание (длительность ISO 8601)"), "instructions": _("Инструкция исполнителю"),
        "operation": _("Операция"), "resultVariable": _("Переменная результата"),
        "parameters": _("Параметры операции"), "decision": _("Таблица решений"),
        "variableName": _("Переменная результата"), "messagePayload": _("Содержимое сообщения (выражение)"),
        "messageVariable": _("Переменная для сообщения"), "preScript": _("Скрипт до"),
        "postScript": _("Скрипт после"), "none": _("— не выбрано —"),
        "badDuration": _("Не длительность ISO 8601: например, P3D (3 дня) или PT4H (4 часа)"),
        "badPriority": _("Целое число от 1 до 5"), "unknown": _("нет в справочнике"),
        "script": _("Скрипт (Python)"), "calledElement": _("Вызываемый процесс"), "timerKind": _("Вид таймера"),
        "timeDate": _("Дата"), "timeDuration": _("Длительность"), "timeCycle": _("Цикл"),
        "timerValue": _("Значение таймера (литерал в кавычках или выражение)"),
        "timer_duration": _("Не длительность ISO 8601: например, \"P3D\""),
        "timer_date": _("Не дата ISO 8601 с часовым поясом: например, \"2027-09-01T09:00:00+03:00\""),
        "timer_zone": _("Укажите часовой пояс: например, +03:00"),
        "messageName": _("Имя сообщения"), "correlationKey": _("Поле ключа корреляции"),
    }


def _rule_texts() -> dict[str, str]:
    return {
        "profroute/user-task-form": _("У пользовательской задачи не выбрана форма"),
        "profroute/known-form": _("Неизвестная форма"),
        "profroute/known-operation": _("Операция не выбрана или её нет в реестре обработчиков"),
        "profroute/known-decision": _("Таблица решений не выбрана или не найдена"),
        "profroute/timer-literal-zone": _("Дата таймера без часового пояса"),
        "label-required": _("У элемента нет названия"),
        "start-event-required": _("В процессе нет начального события"),
        "end-event-required": _("В процессе нет конечного события"),
        "no-disconnected": _("Элемент ни с чем не соединён"),
        "no-implicit-split": _("Неявное ветвление: используйте шлюз"),
        "no-implicit-end": _("Неявное окончание: добавьте конечное событие"),
        "no-implicit-start": _("Неявное начало: добавьте начальное событие"),
        "fake-join": _("Ложное слияние: используйте шлюз"),
        "single-blank-start-event": _("Больше одного пустого начального события"),
        "no-duplicate-sequence-flows": _("Повторяющиеся потоки"),
        "superfluous-gateway": _("Лишний шлюз"),
    }


def _page_texts() -> dict[str, str]:
    return {
        "problems": _("Проблемы"), "noProblems": _("Проблем не найдено."),
        "server": _("Проверка сервера"), "browser": _("Проверка в браузере"),
        "saved": _("Черновик сохранён."), "saveFailed": _("Не удалось сохранить черновик."),
        "loadFailed": _("Не удалось открыть диаграмму."),
    }
