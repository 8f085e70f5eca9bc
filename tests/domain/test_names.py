from __future__ import annotations

import random

import pytest

from domain.region.names import feminine_surname, random_person


@pytest.mark.parametrize(
    ("male", "female"),
    [
        ("Иванов", "Иванова"),
        ("Соловьёв", "Соловьёва"),
        ("Ильин", "Ильина"),
        ("Островский", "Островская"),
        ("Тверской", "Тверская"),
        ("Шевченко", "Шевченко"),
        ("Ковальчук", "Ковальчук"),
        ("Черных", "Черных"),
    ],
)
def test_feminine_surnames(male, female):
    assert feminine_surname(male) == female


def test_people_get_names_of_their_sex():
    rng = random.Random(5)
    women = [random_person(rng, sex="f") for _ in range(50)]
    men = [random_person(rng, sex="m", adult=True) for _ in range(50)]
    assert all(p.patronymic.endswith(("вна", "чна")) for p in women)
    assert all(p.patronymic.endswith("ич") for p in men)
    assert women[0].short_name.count(".") == 2
    with pytest.raises(ValueError):
        random_person(rng, sex="x")
