"""What the region builders share: the seeded random source, the reference date, the rows made so far,
and generators of realistic identifiers (ИНН, ОГРН, СНИЛС with valid check digits)."""

from __future__ import annotations

import random
import uuid
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone
from typing import Any, TypeVar

from domain.reference_data.territory import MUNICIPALITIES, REGION_CODE, MunicipalityInfo

MOSCOW = timezone(timedelta(hours=3))
T = TypeVar("T")


@dataclass
class RegionDraft:
    rng: random.Random
    as_of: date
    youths: int
    rows: list[Any] = field(default_factory=list)
    by_kind: dict[str, list[Any]] = field(default_factory=lambda: defaultdict(list))
    used_names: set[str] = field(default_factory=set)
    used_numbers: set[str] = field(default_factory=set)

    def add(self, kind: str, row: T) -> T:
        self.rows.append(row)
        self.by_kind[kind].append(row)
        return row

    def uuid(self) -> str:
        return str(uuid.UUID(int=self.rng.getrandbits(128), version=4))

    def municipality(self) -> MunicipalityInfo:
        return self.rng.choices(MUNICIPALITIES, weights=[m.weight for m in MUNICIPALITIES])[0]

    def unique_name(self, candidates: list[str]) -> str:
        """The first unused name among the candidates (in random order), numbered if all are taken."""
        shuffled = candidates[:]
        self.rng.shuffle(shuffled)
        for name in shuffled:
            if name not in self.used_names:
                self.used_names.add(name)
                return name
        base = shuffled[0]
        number = 2
        while f"{base}, филиал {number}" in self.used_names:
            number += 1
        name = f"{base}, филиал {number}"
        self.used_names.add(name)
        return name

    def _unique_digits(self, length: int, prefix: str = "") -> str:
        while True:
            digits = prefix + "".join(str(self.rng.randrange(10)) for _ in range(length - len(prefix)))
            if digits not in self.used_numbers:
                self.used_numbers.add(digits)
                return digits

    def inn(self) -> str:
        """A 10-digit legal-entity ИНН of the region with a valid check digit."""
        body = self._unique_digits(9, REGION_CODE)
        weights = (2, 4, 10, 3, 5, 9, 4, 6, 8)
        check = sum(int(d) * w for d, w in zip(body, weights, strict=True)) % 11 % 10
        return body + str(check)

    def ogrn(self) -> str:
        body = self._unique_digits(12, "1" + str(self.rng.randrange(10, 24)) + REGION_CODE)
        return body + str(int(body) % 11 % 10)

    def snils(self) -> str:
        """`XXX-XXX-XXX YY` with the check number of the Pension Fund rules."""
        body = self._unique_digits(9, str(self.rng.randrange(1, 10)))
        total = sum(int(d) * w for d, w in zip(body, range(9, 0, -1), strict=True))
        check = total if total < 100 else 0 if total in (100, 101) else total % 101
        check = 0 if check == 100 else check
        return f"{body[:3]}-{body[3:6]}-{body[6:]} {check:02d}"

    def phone(self) -> str:
        digits = "".join(str(self.rng.randrange(10)) for _ in range(7))
        return f"+7 9{self.rng.randrange(10, 100)} {digits[:3]}-{digits[3:5]}-{digits[5:]}"

    def birth_date(self, age_on_as_of: int) -> date:
        """A birth date giving this age on the reference date."""
        day = min(self.as_of.day, 28) if self.as_of.month == 2 else self.as_of.day
        latest = date(self.as_of.year - age_on_as_of, self.as_of.month, day)
        return latest - timedelta(days=self.rng.randrange(365))

    def moment(self, day: date, hour: int = 10) -> datetime:
        return datetime.combine(day, time(hour), MOSCOW)

    def recently(self, max_days: int) -> datetime:
        """A moment within the last `max_days` days before the reference date (UTC)."""
        day = self.as_of - timedelta(days=self.rng.randrange(1, max_days + 1))
        return datetime.combine(day, time(9 + self.rng.randrange(9)), UTC)
