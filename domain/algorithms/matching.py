"""Matching students to practice / internship slots (domain.md §4.3).

Hard filters: free capacity; the slot's dates inside the student's practice window (when given);
specialty tier A (the student's ОКСО code is accepted) or tier B (the student's УГС is accepted);
hazardous slots and slots whose minimum age exceeds the student's age are closed to the student;
the slot lies in the student's municipality, or anywhere in the region when the student accepts that.

Students are served in priority order: target-contract holders first, then high risk, then higher GPA,
then higher attendance, then id. Each takes the best slot by this key, smaller first:
(not the target customer's slot, tier, outside own municipality, employer without an active graduates
need and agreement, position in the student's preferences, slot order). Slot order is the slots'
position after sorting by id, so the result is deterministic and stable for any input order.

Slots live in heaps keyed by (code, place, minimum age, period); a student looks at the tops of the few
heaps they may use, so the cost grows with students × a handful of heap operations, never students × slots.
"""

from __future__ import annotations

import heapq
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date

from domain.models.reference import ugs_of

_NOT_PREFERRED = 1 << 30


@dataclass(frozen=True)
class StudentCandidate:
    id: str
    okso_code: str
    age: int
    municipality: str
    region: str
    high_risk: bool = False
    gpa: float = 0.0
    attendance_rate: float = 1.0
    target_customer_id: str | None = None
    accepts_region_wide: bool = False
    window_start: date | None = None
    window_end: date | None = None
    preferred_employer_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class SlotOffer:
    id: str
    employer_id: str
    capacity: int
    municipality: str
    region: str
    accepted_okso_codes: tuple[str, ...] = ()
    accepted_ugs_codes: tuple[str, ...] = ()
    start_date: date | None = None
    end_date: date | None = None
    min_age: int = 0
    hazardous: bool = False
    employer_has_graduates_need: bool = False
    """The employer has an active StaffingNeed for graduates and an active assistance agreement."""

    @property
    def effective_min_age(self) -> int:
        return max(self.min_age, 18) if self.hazardous else self.min_age


@dataclass(frozen=True)
class Placement:
    student_id: str
    slot_id: str
    tier: str
    reasons: tuple[str, ...]


@dataclass
class MatchResult:
    placements: list[Placement]
    unmatched_student_ids: list[str]
    remaining_capacity: dict[str, int]
    tier_counts: Counter = field(default_factory=Counter)

    @property
    def placed_count(self) -> int:
        return len(self.placements)


@dataclass
class _Slot:
    offer: SlotOffer
    order: int
    left: int


class _SlotIndex:
    """Heaps of slots per (tier code, place, min age, period); stale (full) tops are dropped lazily.
    The heaps a student may use depend only on (group, age, window), which many students share, so
    that list is computed once per combination."""

    def __init__(self, slots: list[_Slot]) -> None:
        self.heaps: dict[tuple, dict[tuple, list[tuple[int, int, _Slot]]]] = defaultdict(dict)
        self.by_employer: dict[str, list[_Slot]] = defaultdict(list)
        self._usable: dict[tuple, list[list[tuple[int, int, _Slot]]]] = {}
        for slot in slots:
            offer = slot.offer
            rank = (0 if offer.employer_has_graduates_need else 1, slot.order, slot)
            variant = (offer.effective_min_age, (offer.start_date, offer.end_date))
            self.by_employer[offer.employer_id].append(slot)
            codes = [("A", c) for c in set(offer.accepted_okso_codes)]
            codes += [("B", c) for c in set(offer.accepted_ugs_codes)]
            for code in codes:
                for place in (("m", offer.municipality), ("r", offer.region)):
                    self.heaps[(code, place)].setdefault(variant, []).append(rank)
        self.variants = {variant for variants in self.heaps.values() for variant in variants}
        self._allowed: dict[tuple, frozenset] = {}
        for variants in self.heaps.values():
            for heap in variants.values():
                heapq.heapify(heap)

    def _allowed_variants(self, age_limit: int, window: tuple[date | None, date | None]) -> frozenset:
        key = (age_limit, window)
        allowed = self._allowed.get(key)
        if allowed is None:
            allowed = frozenset(v for v in self.variants if v[0] <= age_limit and _fits(v[1], window))
            self._allowed[key] = allowed
        return allowed

    def top(self, group: tuple, age_limit: int, window: tuple[date | None, date | None]):
        """Best (employer class, order, slot) of a group open to this age and window, or None."""
        key = (group, age_limit, window)
        usable = self._usable.get(key)
        if usable is None:
            allowed = self._allowed_variants(age_limit, window)
            usable = [heap for variant, heap in self.heaps.get(group, {}).items() if variant in allowed]
            self._usable[key] = usable
        best = None
        for heap in usable:
            while heap and heap[0][2].left <= 0:
                heapq.heappop(heap)
            if heap and (best is None or heap[0] < best):
                best = heap[0]
        return best


def _fits(period: tuple[date | None, date | None], window: tuple[date | None, date | None]) -> bool:
    start, end = period
    window_start, window_end = window
    if window_start is not None and (start is None or start < window_start):
        return False
    return not (window_end is not None and (end is None or end > window_end))


def _student_order(student: StudentCandidate) -> tuple:
    return (
        0 if student.target_customer_id else 1,
        0 if student.high_risk else 1,
        -student.gpa,
        -student.attendance_rate,
        student.id,
    )


def _eligible(slot: _Slot, student: StudentCandidate, ugs: str) -> str | None:
    """The tier ("A"/"B") if the student may take this slot now, else None."""
    offer = slot.offer
    if slot.left <= 0 or offer.effective_min_age > student.age:
        return None
    if not _fits((offer.start_date, offer.end_date), (student.window_start, student.window_end)):
        return None
    if offer.municipality != student.municipality and not (
        student.accepts_region_wide and offer.region == student.region
    ):
        return None
    if student.okso_code in offer.accepted_okso_codes:
        return "A"
    if ugs in offer.accepted_ugs_codes:
        return "B"
    return None


def _key(slot: _Slot, student: StudentCandidate, tier: str, customer: bool) -> tuple:
    offer = slot.offer
    preferences = student.preferred_employer_ids
    preference = preferences.index(offer.employer_id) if offer.employer_id in preferences else _NOT_PREFERRED
    return (
        0 if customer else 1,
        tier,
        0 if offer.municipality == student.municipality else 1,
        0 if offer.employer_has_graduates_need else 1,
        preference,
        slot.order,
    )


def _best_slot(student: StudentCandidate, index: _SlotIndex, ugs: str) -> tuple[tuple, _Slot] | None:
    best: tuple[tuple, _Slot] | None = None
    directly = student.preferred_employer_ids
    if student.target_customer_id:
        directly = (*directly, student.target_customer_id)
    for employer_id in directly:
        for slot in index.by_employer.get(employer_id, ()):
            tier = _eligible(slot, student, ugs)
            if tier:
                key = _key(slot, student, tier, slot.offer.employer_id == student.target_customer_id)
                if best is None or key < best[0]:
                    best = (key, slot)
    if best is not None and best[0][0] == 0:
        return best  # the target customer's slot beats every other
    window = (student.window_start, student.window_end)
    places = (
        (("m", student.municipality), ("r", student.region))
        if student.accepts_region_wide
        else (("m", student.municipality),)
    )
    for tier, code in (("A", student.okso_code), ("B", ugs)):
        if best is not None and best[0][1] < tier:
            break  # a tier A slot is already in hand
        for place in places:
            top = index.top(((tier, code), place), student.age, window)
            if top is None:
                continue
            key = _key(top[2], student, tier, False)
            if best is None or key < best[0]:
                best = (key, top[2])
            if key[2] == 0:
                break  # the best slot in the student's own municipality beats any other of this tier
    return best


def _reasons(key: tuple, student: StudentCandidate) -> tuple[str, ...]:
    customer_rank, tier, locality_rank, need_rank, preference, _ = key
    reasons = []
    if customer_rank == 0:
        reasons.append("target_customer")
    reasons.append("okso_match" if tier == "A" else "ugs_match")
    reasons.append("same_municipality" if locality_rank == 0 else "same_region")
    if need_rank == 0:
        reasons.append("employer_graduates_need")
    if preference != _NOT_PREFERRED:
        reasons.append("student_preference")
    if student.high_risk:
        reasons.append("high_risk_priority")
    return tuple(reasons)


def match_students_to_slots(students: Iterable[StudentCandidate], slots: Sequence[SlotOffer]) -> MatchResult:
    """Greedy priority matching; returns placements, students left without a slot, and capacity left."""
    ordered_offers = sorted(slots, key=lambda offer: offer.id)
    seen: set[str] = set()
    for offer in ordered_offers:
        if offer.id in seen:
            raise ValueError(f"slot {offer.id!r} given twice")
        if offer.capacity < 0:
            raise ValueError(f"slot {offer.id!r} has negative capacity")
        seen.add(offer.id)
    internal = [_Slot(offer, order, offer.capacity) for order, offer in enumerate(ordered_offers)]
    index = _SlotIndex(internal)
    placements: list[Placement] = []
    unmatched: list[str] = []
    tiers: Counter = Counter()
    ugs_by_code: dict[str, str] = {}
    seen_students: set[str] = set()
    for student in sorted(students, key=_student_order):
        if student.id in seen_students:
            raise ValueError(f"student {student.id!r} given twice")
        seen_students.add(student.id)
        ugs = ugs_by_code.get(student.okso_code)
        if ugs is None:
            ugs = ugs_by_code[student.okso_code] = ugs_of(student.okso_code)
        found = _best_slot(student, index, ugs)
        if found is None:
            unmatched.append(student.id)
            continue
        key, slot = found
        slot.left -= 1
        tier = key[1]
        tiers[tier] += 1
        placements.append(Placement(student.id, slot.offer.id, tier, _reasons(key, student)))
    remaining = {slot.offer.id: slot.left for slot in internal}
    return MatchResult(placements, unmatched, remaining, tiers)
