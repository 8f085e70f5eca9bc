import pytest

from forms.messages import CATALOGUE, LOCALES, counted, format_number, message


@pytest.mark.parametrize(
    ("count", "ru", "en"),
    [(1, "символа", "character"), (2, "символов", "characters"), (5, "символов", "characters"),
     (11, "символов", "characters"), (21, "символа", "characters"), (111, "символов", "characters")],
)
def test_counted_words_agree_with_the_number(count, ru, en):
    assert message("min_length", "ru", **counted("chars", count, "ru")) == f"Введите не менее {count} {ru}."
    assert message("min_length", "en", **counted("chars", count, "en")) == f"Enter at least {count} {en}."


def test_every_message_exists_in_every_locale():
    for name, texts in CATALOGUE.items():
        assert set(texts) == set(LOCALES), name
        assert all(text.strip() for text in texts.values()), name


def test_numbers_read_with_a_decimal_comma_in_russian():
    assert format_number(17.5, "ru") == "17,5"
    assert format_number(17.5, "en") == "17.5"


def test_unknown_locale_is_refused():
    with pytest.raises(ValueError, match="unsupported locale"):
        message("required", "fr")
