"""The catalogue of validation messages shown next to fields: Russian (default) and English."""
from __future__ import annotations

from typing import Any

LOCALES = ("ru", "en")

CATALOGUE: dict[str, dict[str, str]] = {
    "required": {"ru": "Заполните это поле.", "en": "This field is required."},
    "required_checkbox": {"ru": "Отметьте этот пункт.", "en": "Please tick this box."},
    "required_choice": {"ru": "Выберите значение.", "en": "Please choose a value."},
    "required_many": {"ru": "Выберите хотя бы один вариант.", "en": "Please choose at least one option."},
    "single_value": {"ru": "Ожидается одно значение.", "en": "A single value is expected."},
    "invalid_text": {"ru": "Введите текст.", "en": "Enter text."},
    "invalid_number": {"ru": "Введите число.", "en": "Enter a number."},
    "decimal_digits": {
        "ru": "Допускается не более {count} {digits} после запятой.",
        "en": "Use at most {count} {digits} after the decimal point.",
    },
    "integer_only": {"ru": "Введите целое число.", "en": "Enter a whole number."},
    "increment": {
        "ru": "Значение должно быть кратно {step}; ближайшие допустимые: {lower} и {upper}.",
        "en": "The value must be a multiple of {step}; the nearest valid values are {lower} and {upper}.",
    },
    "min": {"ru": "Значение должно быть не меньше {min}.", "en": "The value must be at least {min}."},
    "max": {"ru": "Значение должно быть не больше {max}.", "en": "The value must be at most {max}."},
    "min_length": {
        "ru": "Введите не менее {count} {chars}.",
        "en": "Enter at least {count} {chars}.",
    },
    "max_length": {
        "ru": "Введите не более {count} {chars}.",
        "en": "Enter at most {count} {chars}.",
    },
    "pattern": {"ru": "Значение не соответствует формату.", "en": "The value does not match the format."},
    "email": {
        "ru": "Введите адрес электронной почты, например name@example.ru.",
        "en": "Enter an email address, for example name@example.com.",
    },
    "phone": {
        "ru": "Введите номер телефона, например +7 912 345-67-89.",
        "en": "Enter a phone number, for example +7 912 345-67-89.",
    },
    "invalid_choice": {"ru": "Выберите значение из списка.", "en": "Choose a value from the list."},
    "invalid_boolean": {"ru": "Недопустимое значение флажка.", "en": "Invalid checkbox value."},
    "invalid_date": {
        "ru": "Введите дату в формате ДД.ММ.ГГГГ.",
        "en": "Enter a date as YYYY-MM-DD.",
    },
    "invalid_time": {"ru": "Введите время в формате ЧЧ:ММ.", "en": "Enter a time as HH:MM."},
    "invalid_datetime": {
        "ru": "Введите дату и время в формате ДД.ММ.ГГГГ ЧЧ:ММ.",
        "en": "Enter a date and time as YYYY-MM-DD HH:MM.",
    },
    "past_date": {"ru": "Дата не может быть в прошлом.", "en": "The date cannot be in the past."},
    "rule_after": {"ru": "Значение должно быть позже, чем «{other}».", "en": "Must be later than “{other}”."},
    "rule_not_before": {"ru": "Значение не может быть раньше, чем «{other}».",
                        "en": "Cannot be earlier than “{other}”."},
    "rule_before": {"ru": "Значение должно быть раньше, чем «{other}».", "en": "Must be earlier than “{other}”."},
    "rule_not_after": {"ru": "Значение не может быть позже, чем «{other}».", "en": "Cannot be later than “{other}”."},
    "rule_after_today": {"ru": "Дата должна быть позже сегодняшней.", "en": "The date must be after today."},
    "rule_not_before_today": {"ru": "Дата не может быть в прошлом.", "en": "The date cannot be in the past."},
    "rule_before_today": {"ru": "Дата должна быть раньше сегодняшней.", "en": "The date must be before today."},
    "rule_not_after_today": {"ru": "Дата не может быть в будущем.", "en": "The date cannot be in the future."},
    "unknown_field": {"ru": "Такого поля нет в форме.", "en": "This field is not part of the form."},
    "invalid_payload": {"ru": "Неверный формат данных формы.", "en": "Invalid form data."},
    "required_marker": {"ru": "обязательное поле", "en": "required"},
    "choose": {"ru": "— выберите —", "en": "— choose —"},
}

_WORDS = {
    "chars": {"ru": ("символа", "символов"), "en": ("character", "characters")},
    "digits": {"ru": ("знака", "знаков"), "en": ("digit", "digits")},
}


def check_locale(locale: str) -> str:
    if locale not in LOCALES:
        raise ValueError(f"unsupported locale {locale!r}; use one of {', '.join(LOCALES)}")
    return locale


def message(name: str, locale: str, **params: Any) -> str:
    """The text of catalogue entry `name` in `locale`, with `{placeholders}` filled in."""
    return CATALOGUE[name][check_locale(locale)].format(**params)


def counted(word: str, count: int, locale: str) -> dict[str, Any]:
    """Parameters `count` and `word` in the grammatical form that agrees with the count.

    Russian limits read "не менее N символов" (genitive after "не менее"): 1, 21 take the genitive
    singular, everything else the genitive plural.
    """
    forms = _WORDS[word][check_locale(locale)]
    if locale == "en":
        chosen = forms[0] if count == 1 else forms[1]
    else:
        chosen = forms[0] if count % 10 == 1 and count % 100 != 11 else forms[1]
    return {"count": count, word: chosen}


def format_number(value: object, locale: str) -> str:
    """A number as a person reads it: decimal comma in Russian."""
    text = str(value)
    return text.replace(".", ",") if locale == "ru" else text
