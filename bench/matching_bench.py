"""Practice matching at regional scale: 100,000 students and 20,000 slots (seeded), against a naive
nested-loop matcher measured in the same run on a 5,000 × 1,000 sample and extrapolated.

Run: .venv/bin/python bench/matching_bench.py [--students N] [--slots M] [--seed S]
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
from collections import Counter
from datetime import date

from domain.algorithms.matching import (
    MatchResult,
    SlotOffer,
    StudentCandidate,
    match_students_to_slots,
)
from domain.reference_data.specialties import SPECIALTIES

PERIODS = (
    (date(2027, 2, 1), date(2027, 3, 14)),
    (date(2027, 4, 5), date(2027, 5, 16)),
    (date(2027, 5, 17), date(2027, 6, 27)),
    (date(2027, 6, 28), date(2027, 8, 8)),
)
REGIONS = ("40", "71")


def synthetic(students: int, slots: int, seed: int) -> tuple[list[StudentCandidate], list[SlotOffer]]:
    rng = random.Random(seed)
    codes = [s.okso_code for s in SPECIALTIES]
    hazardous_codes = {s.okso_code for s in SPECIALTIES if s.hazardous_practice}
    municipalities = [(region, f"{region}{n:03d}") for region in REGIONS for n in range(25)]
    employers = [f"emp-{n:05d}" for n in range(max(1, slots // 5))]
    offers = []
    for n in range(slots):
        code = rng.choice(codes)
        same_group = [c for c in codes if c[:2] == code[:2] and c != code]
        accepted = (code, *rng.sample(same_group, min(len(same_group), rng.randint(0, 2))))
        region, municipality = rng.choice(municipalities)
        start, end = rng.choice(PERIODS)
        offers.append(
            SlotOffer(
                id=f"slot-{n:06d}",
                employer_id=rng.choice(employers),
                capacity=rng.randint(1, 8),
                municipality=municipality,
                region=region,
                accepted_okso_codes=accepted,
                accepted_ugs_codes=(f"{code[:2]}.00.00",) if rng.random() < 0.5 else (),
                start_date=start,
                end_date=end,
                min_age=rng.choice((14, 16, 16, 18)),
                hazardous=code in hazardous_codes and rng.random() < 0.6,
                employer_has_graduates_need=rng.random() < 0.3,
            )
        )
    people = []
    for n in range(students):
        region, municipality = rng.choice(municipalities)
        window = rng.choice(PERIODS)
        people.append(
            StudentCandidate(
                id=f"stu-{n:07d}",
                okso_code=rng.choice(codes),
                age=rng.randint(15, 24),
                municipality=municipality,
                region=region,
                high_risk=rng.random() < 0.15,
                gpa=round(rng.uniform(3.0, 5.0), 2),
                attendance_rate=round(rng.uniform(0.5, 1.0), 2),
                target_customer_id=rng.choice(employers) if rng.random() < 0.05 else None,
                accepts_region_wide=rng.random() < 0.4,
                window_start=window[0],
                window_end=window[1],
                preferred_employer_ids=tuple(rng.sample(employers, 2)) if rng.random() < 0.2 else (),
            )
        )
    return people, offers


def naive_match(students: list[StudentCandidate], slots: list[SlotOffer]) -> MatchResult:
    """The obvious algorithm: every student scans every slot. Same rules, same order."""
    from domain.algorithms import matching as m

    internal = [m._Slot(offer, order, offer.capacity) for order, offer in enumerate(sorted(slots, key=lambda o: o.id))]
    placements, unmatched, tiers = [], [], Counter()
    for student in sorted(students, key=m._student_order):
        ugs = f"{student.okso_code[:2]}.00.00"
        best = None
        for slot in internal:
            tier = m._eligible(slot, student, ugs)
            if tier:
                key = m._key(slot, student, tier, slot.offer.employer_id == student.target_customer_id)
                if best is None or key < best[0]:
                    best = (key, slot)
        if best is None:
            unmatched.append(student.id)
            continue
        best[1].left -= 1
        tiers[best[0][1]] += 1
        placements.append(m.Placement(student.id, best[1].offer.id, best[0][1], ()))
    return MatchResult(placements, unmatched, {s.offer.id: s.left for s in internal}, tiers)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=100_000)
    parser.add_argument("--slots", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs of the full matching (median shown)")
    args = parser.parse_args()

    students, slots = synthetic(args.students, args.slots, args.seed)
    capacity = sum(s.capacity for s in slots)
    timings, cpu_timings = [], []
    for _ in range(args.repeat):
        started, cpu_started = time.perf_counter(), time.process_time()
        result = match_students_to_slots(students, slots)
        timings.append(time.perf_counter() - started)
        cpu_timings.append(time.process_time() - cpu_started)
    elapsed = statistics.median(timings)
    placed = result.placed_count
    print(f"students {len(students):,}  slots {len(slots):,}  places {capacity:,}")
    print(
        f"indexed matching: median {elapsed:.2f} s wall ({statistics.median(cpu_timings):.2f} s CPU), "
        f"best {min(timings):.2f} s of {args.repeat} runs; placed {placed:,} ({placed / len(students):.1%})"
    )
    for tier in ("A", "B"):
        print(f"  tier {tier}: {result.tier_counts[tier]:,} ({result.tier_counts[tier] / max(placed, 1):.1%})")
    print(
        f"  unmatched demand: {len(result.unmatched_student_ids):,} students; "
        f"places left: {sum(result.remaining_capacity.values()):,}"
    )

    sample_students, sample_slots = synthetic(5_000, 1_000, args.seed)
    started = time.perf_counter()
    naive = naive_match(sample_students, sample_slots)
    naive_elapsed = time.perf_counter() - started
    started = time.perf_counter()
    fast = match_students_to_slots(sample_students, sample_slots)
    fast_elapsed = time.perf_counter() - started
    same = [(p.student_id, p.slot_id) for p in naive.placements] == [(p.student_id, p.slot_id) for p in fast.placements]
    scale = (len(students) / 5_000) * (len(slots) / 1_000)
    projected = naive_elapsed * scale
    print(
        f"naive nested loop on 5,000 × 1,000: {naive_elapsed:.2f} s (indexed: {fast_elapsed:.3f} s, "
        f"identical placements: {same})"
    )
    print(f"naive projected to full size: {projected:,.0f} s; indexed is {projected / elapsed:,.0f}× faster")


if __name__ == "__main__":
    main()
