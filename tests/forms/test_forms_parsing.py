from decimal import Decimal

import pytest

import forms
from forms.parsing import ParseError, json_number, parse_bool, parse_date, parse_datetime, parse_number, parse_time


@pytest.mark.parametrize(
    ("text", "locale", "expected"),
    [("4,5", "ru", Decimal("4.5")), ("4.5", "ru", Decimal("4.5")), ("1 000", "ru", Decimal("1000")),
     ("1\u00a0000,25", "ru", Decimal("1000.25")), ("-3", "en", Decimal("-3")), (".5", "en", Decimal("0.5"))],
)
def test_numbers(text, locale, expected):
    assert parse_number(text, locale) == expected


@pytest.mark.parametrize(("text", "locale"), [("4,5", "en"), ("1e5", "ru"), ("", "ru"), ("4,5,6", "ru"), ("NaN", "en")])
def test_not_numbers(text, locale):
    with pytest.raises(ParseError):
        parse_number(text, locale)


def test_json_numbers_are_int_when_whole():
    assert json_number(Decimal("17.0")) == 17 and isinstance(json_number(Decimal("17.0")), int)
    assert json_number(Decimal("2.5")) == 2.5


def test_booleans():
    assert parse_bool("on") is True and parse_bool("TRUE") is True and parse_bool("") is False
    with pytest.raises(ParseError):
        parse_bool("maybe")


def test_dates_and_times():
    assert parse_date("2026-09-01") == parse_date("01.09.2026") == "2026-09-01"
    assert parse_time("09:05:30") == "09:05"
    with pytest.raises(ParseError):
        parse_time("9 утра")


@pytest.mark.parametrize(
    ("text", "serializing", "expected"),
    [
        ("2026-09-01T10:00", "utc_offset", "2026-09-01T10:00+03:00"),
        ("01.09.2026 10:00", "utc_offset", "2026-09-01T10:00+03:00"),
        ("2026-09-01T10:00+05:00", "utc_offset", "2026-09-01T10:00+05:00"),
        ("2026-09-01T10:00", "utc_normalized", "2026-09-01T07:00Z"),
        ("2026-09-01T10:00Z", "utc_normalized", "2026-09-01T10:00Z"),
        ("2026-09-01T10:00+05:00", "no_timezone", "2026-09-01T10:00"),
    ],
)
def test_moments_follow_the_serializing_format(text, serializing, expected):
    assert parse_datetime(text, serializing) == expected


def test_undecodable_file_is_a_definition_error(tmp_path):
    path = tmp_path / "broken.form"
    path.write_bytes(b'{"id": "\xff"}')
    with pytest.raises(forms.FormDefinitionError, match="cannot read the file"):
        forms.load_file(path)
