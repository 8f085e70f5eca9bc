"""The texts of the decision table and form editors in the reader's language, handed to the browser as JSON in
a data attribute: dmn-js's own texts (its translate module looks them up by their English original), the
form-js palette's names of the component types the forms room supports (form-js has no translate module;
the palette takes the types' names; web/frontend/editors/editors.css hides the other types), and the page's
own texts."""
from __future__ import annotations

from flask_babel import gettext as _


def editor_labels(kind: str) -> dict[str, dict[str, str]]:
    texts = {"page": _page_texts()}
    if kind == "decision":
        texts["dmn"] = _dmn_texts()
    else:
        texts["fields"] = _field_names()
    return texts


def _page_texts() -> dict[str, str]:
    return {
        "noProblems": _("Проблем не найдено."), "server": _("Проверка сервера"),
        "saved": _("Черновик сохранён."), "saveFailed": _("Не удалось сохранить черновик."),
        "loadFailed": _("Не удалось открыть документ."),
    }


def _dmn_texts() -> dict[str, str]:
    return {
        "Hit policy": _("Политика срабатывания"), "Hit policy:": _("Политика срабатывания:"),
        "Input": _("Вход"), "Output": _("Выход"), "Annotation": _("Примечание"), "Annotations": _("Примечания"),
        "When": _("Когда"), "And": _("и"), "Then": _("Тогда"),
        "Add rule": _("Добавить правило"), "Add rule above": _("Добавить правило выше"),
        "Add rule below": _("Добавить правило ниже"), "Remove rule": _("Удалить правило"),
        "Copy rule": _("Копировать правило"), "Cut rule": _("Вырезать правило"),
        "Paste rule above": _("Вставить правило выше"), "Paste rule below": _("Вставить правило ниже"),
        "Move rule": _("Переместить правило"),
        "Add input": _("Добавить вход"), "Add output": _("Добавить выход"),
        "Add input column left": _("Добавить вход слева"), "Add input column right": _("Добавить вход справа"),
        "Add output column left": _("Добавить выход слева"), "Add output column right": _("Добавить выход справа"),
        "Remove input column": _("Удалить вход"), "Remove output column": _("Удалить выход"),
        "Copy input column": _("Копировать вход"), "Copy output column": _("Копировать выход"),
        "Cut input column": _("Вырезать вход"), "Cut output column": _("Вырезать выход"),
        "Paste input column left": _("Вставить вход слева"), "Paste input column right": _("Вставить вход справа"),
        "Paste output column left": _("Вставить выход слева"),
        "Paste output column right": _("Вставить выход справа"),
        "Add cell description": _("Добавить описание ячейки"), "Remove cell description": _("Убрать описание ячейки"),
        "Edit input": _("Изменить вход"), "Edit output": _("Изменить выход"),
        "Input label": _("Название входа"), "Input label: ": _("Название входа: "),
        "Input expression": _("Выражение входа"), "Input expression: ": _("Выражение входа: "),
        "Input type": _("Тип входа"), "Input values": _("Значения входа"),
        "Output label": _("Название выхода"), "Output label: ": _("Название выхода: "),
        "Output name": _("Имя выхода"), "Output name: ": _("Имя выхода: "), "Output type": _("Тип выхода"),
        "Output values": _("Значения выхода"), "Decision name": _("Название решения"),
        "Decision name: ": _("Название решения: "), "Expression": _("Выражение"),
        "Enter expression": _("Введите выражение"), "Expression language": _("Язык выражений"),
        "Type": _("Тип"), "Value": _("Значение"), "Values": _("Значения"), "Yes": _("Да"), "No": _("Нет"),
        "Edit": _("Изменить"), "Edit string": _("Изменить строку"), "Edit number": _("Изменить число"),
        "Edit boolean": _("Изменить логическое значение"), "Edit date": _("Изменить дату"),
        "String value": _("Строковое значение"), "Boolean value": _("Логическое значение"),
        "Strings must be in double quotes": _("Строки пишутся в двойных кавычках"),
        "Predefined values": _("Допустимые значения"), "Add values": _("Добавить значения"),
        "Custom values": _("Свои значения"), "No values": _("Значений нет"),
        "Comparison": _("Сравнение"), "Range": _("Диапазон"), "Equals": _("Равно"), "Less": _("Меньше"),
        "Less or equals": _("Меньше или равно"), "Greater": _("Больше"), "Greater or equals": _("Больше или равно"),
        "Match one": _("Совпадает с одним"), "Match none": _("Не совпадает ни с одним"),
        "Include": _("Включая"), "Exclude": _("Исключая"), "View DRD": _("Показать схему решений"),
    }


def _field_names() -> dict[str, str]:
    return {
        "textfield": _("Текстовое поле"), "textarea": _("Многострочный текст"), "number": _("Число"),
        "datetime": _("Дата и время"), "checkbox": _("Флажок"), "checklist": _("Список флажков"),
        "radio": _("Переключатель"), "select": _("Выпадающий список"), "taglist": _("Список меток"),
        "text": _("Текст"), "spacer": _("Отступ"), "separator": _("Разделитель"), "group": _("Группа"),
    }
