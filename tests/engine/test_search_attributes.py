"""Search attributes: declared names read from the route's data into generic slots, searched by prefix."""
from __future__ import annotations

import pytest

from engine.errors import ValidationError
from engine.records import InstanceRecord
from engine.search import SLOTS, SearchAttribute, SearchAttributes, search_form
from profroute.wiring import SEARCH_ATTRIBUTES

DECLARED = SearchAttributes((SearchAttribute("person", ("person_name", "person.name"), search=True),
                             SearchAttribute("office", ("org.office",))))


class Row:
    def __init__(self, **values):
        for name in (*SLOTS, "search_key"):
            setattr(self, name, values.get(name))


def test_the_first_path_holding_a_value_fills_the_slot_and_the_search_key():
    row = Row()
    DECLARED.update(row, {"person": {"name": "Ёлкина Анна"}, "org": {"office": "o-1"}})
    assert (row.attr_1, row.attr_2, row.search_key) == ("Ёлкина Анна", "o-1", "елкина анна")
    assert DECLARED.named(row) == {"person": "Ёлкина Анна", "office": "o-1"}
    assert DECLARED.key_of(DECLARED.named(row)) == "Ёлкина Анна"


def test_a_value_the_data_no_longer_holds_keeps_the_previous_one():
    row = Row(attr_1="Иванов", search_key="иванов")
    DECLARED.update(row, {"person_name": "", "org": "not a mapping"})
    assert (row.attr_1, row.attr_2, row.search_key) == ("Иванов", None, "иванов")


def test_unknown_names_and_bad_declarations_are_refused():
    with pytest.raises(ValidationError, match="unknown search attribute 'school'"):
        DECLARED.slot("school")
    with pytest.raises(ValueError, match="at most 5"):
        SearchAttributes([SearchAttribute(f"a{n}", ("x",)) for n in range(6)])
    with pytest.raises(ValueError, match="repeat"):
        SearchAttributes([SearchAttribute("a", ("x",)), SearchAttribute("a", ("y",))])
    with pytest.raises(ValueError, match="one search attribute"):
        SearchAttributes([SearchAttribute("a", ("x",), search=True), SearchAttribute("b", ("y",), search=True)])
    assert search_form(None) is None


def test_the_deployments_slots_are_the_ones_the_engine_migration_filled():
    """e0005 moved the old named columns into these slots."""
    declared = SearchAttributes(SEARCH_ATTRIBUTES)
    assert declared.slots == {"subject": "attr_1", "risk_level": "attr_2", "school": "attr_3", "edu_org": "attr_4",
                              "employer": "attr_5"}
    assert [a.name for a in SEARCH_ATTRIBUTES if a.search] == ["subject"]
    assert {"attr_1", "search_key", "milestone"} <= {name for name in InstanceRecord.__dataclass_fields__}
