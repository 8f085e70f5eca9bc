from __future__ import annotations

import random
from datetime import date

import pytest

from domain.algorithms.matching import SlotOffer, StudentCandidate, match_students_to_slots

IT, IT_NET, IT_BACHELOR, NURSE = "09.02.07", "09.02.06", "09.03.04", "34.02.01"


def student(id_, okso=IT, *, age=19, municipality="m1", region="40", **kwargs):
    return StudentCandidate(id_, okso, age, municipality, region, **kwargs)


def slot(id_, *, employer="e1", capacity=1, okso=(IT,), ugs=(), municipality="m1", region="40", **kwargs):
    return SlotOffer(id_, employer, capacity, municipality, region, tuple(okso), tuple(ugs), **kwargs)


def placed(result):
    return {p.student_id: p.slot_id for p in result.placements}


def test_capacity_is_respected_and_the_rest_is_unmatched():
    result = match_students_to_slots([student("s1"), student("s2"), student("s3")], [slot("x", capacity=2)])
    assert result.placed_count == 2
    assert result.unmatched_student_ids == ["s3"]
    assert result.remaining_capacity == {"x": 0}


def test_tier_a_before_tier_b_and_unrelated_specialties_never_match():
    slots = [
        slot("b-slot", okso=(IT_NET,), ugs=("09.00.00",)),
        slot("a-slot", okso=(IT,)),
        slot("nurse", okso=(NURSE,), ugs=("34.00.00",)),
    ]
    result = match_students_to_slots([student("s1"), student("s2"), student("s3")], slots)
    assert placed(result) == {"s1": "a-slot", "s2": "b-slot"}
    assert [p.tier for p in result.placements] == ["A", "B"]
    assert result.unmatched_student_ids == ["s3"]


def test_same_group_without_the_ugs_accepted_is_not_tier_b():
    result = match_students_to_slots([student("s1")], [slot("x", okso=(IT_NET,))])
    assert result.placed_count == 0


def test_minors_are_kept_out_of_hazardous_and_age_restricted_slots():
    slots = [slot("hazard", hazardous=True, min_age=16), slot("adult", min_age=18)]
    minors = match_students_to_slots([student("minor", age=17)], slots)
    assert minors.placed_count == 0
    adults = match_students_to_slots([student("a1", age=18), student("a2", age=20)], slots)
    assert sorted(placed(adults).values()) == ["adult", "hazard"]


def test_municipality_first_region_only_when_accepted():
    slots = [slot("far", municipality="m2"), slot("other-region", municipality="m9", region="71")]
    assert match_students_to_slots([student("home-only")], slots).placed_count == 0
    result = match_students_to_slots([student("mobile", accepts_region_wide=True)], slots)
    assert placed(result) == {"mobile": "far"}
    assert "same_region" in result.placements[0].reasons
    near_and_far = match_students_to_slots(
        [student("mobile", accepts_region_wide=True)], [slot("a-far", municipality="m2"), slot("z-near")]
    )
    assert placed(near_and_far) == {"mobile": "z-near"}


def test_practice_window_must_contain_the_slot_dates():
    window = {"window_start": date(2027, 4, 1), "window_end": date(2027, 5, 31)}
    slots = [
        slot("early", start_date=date(2027, 2, 1), end_date=date(2027, 3, 1)),
        slot("fits", start_date=date(2027, 4, 5), end_date=date(2027, 5, 16)),
        slot("undated"),
    ]
    result = match_students_to_slots([student("s1", **window), student("s2", **window)], slots)
    assert placed(result) == {"s1": "fits"}


def test_target_contract_holder_goes_first_and_to_the_customer():
    slots = [slot("a-other", employer="e-other"), slot("z-customer", employer="e-customer")]
    students = [student("plain", gpa=5.0), student("target", gpa=3.0, target_customer_id="e-customer")]
    result = match_students_to_slots(students, slots)
    assert result.placements[0].student_id == "target"
    assert placed(result) == {"target": "z-customer", "plain": "a-other"}
    assert result.placements[0].reasons[0] == "target_customer"


def test_customer_slot_of_tier_b_beats_a_tier_a_slot_elsewhere():
    slots = [
        slot("a-slot", employer="e-other"),
        slot("b-customer", employer="e-c", okso=(), ugs=("09.00.00",)),
    ]
    result = match_students_to_slots([student("t", target_customer_id="e-c")], slots)
    assert placed(result) == {"t": "b-customer"}


def test_high_risk_first_then_gpa_then_attendance():
    students = [
        student("good", gpa=5.0),
        student("risky", gpa=3.1, high_risk=True),
        student("tie-low-attendance", gpa=4.0, attendance_rate=0.8),
        student("tie-high-attendance", gpa=4.0, attendance_rate=0.9),
    ]
    result = match_students_to_slots(students, [slot("x", capacity=3)])
    assert [p.student_id for p in result.placements] == ["risky", "good", "tie-high-attendance"]


def test_employers_with_graduates_need_first_then_preference():
    slots = [
        slot("a-plain", employer="e1"),
        slot("b-preferred", employer="e2"),
        slot("c-need", employer="e3", employer_has_graduates_need=True),
    ]
    result = match_students_to_slots(
        [student("s1", preferred_employer_ids=("e2",)), student("s2", preferred_employer_ids=("e2",))], slots
    )
    assert placed(result) == {"s1": "c-need", "s2": "b-preferred"}


def test_result_does_not_depend_on_input_order():
    rng = random.Random(7)
    students, slots = random_region(rng, 300, 80)
    first = match_students_to_slots(students, slots)
    rng.shuffle(students)
    rng.shuffle(slots)
    second = match_students_to_slots(students, slots)
    assert first.placements == second.placements
    assert first.unmatched_student_ids == second.unmatched_student_ids


def test_duplicate_slot_ids_are_rejected():
    with pytest.raises(ValueError, match="given twice"):
        match_students_to_slots([], [slot("x"), slot("x")])


def test_duplicate_students_are_rejected():
    with pytest.raises(ValueError, match="given twice"):
        match_students_to_slots([student("s"), student("s", gpa=4.0)], [slot("x")])


def test_bad_okso_code_is_rejected():
    with pytest.raises(ValueError, match="ОКСО"):
        match_students_to_slots([student("s", okso="0902")], [slot("x")])


# An independent reference implementation written straight from the rules: every student, in
# priority order, scans every slot. The indexed matcher must give exactly the same answer.
def reference_match(students, slots):
    left = {s.id: s.capacity for s in slots}
    slots = sorted(slots, key=lambda s: s.id)
    order = {s.id: i for i, s in enumerate(slots)}
    students = sorted(
        students,
        key=lambda s: (not s.target_customer_id, not s.high_risk, -s.gpa, -s.attendance_rate, s.id),
    )
    result = {}
    for st in students:
        best = None
        for sl in slots:
            if left[sl.id] <= 0:
                continue
            if (sl.hazardous and st.age < 18) or sl.min_age > st.age:
                continue
            if st.window_start and (not sl.start_date or sl.start_date < st.window_start):
                continue
            if st.window_end and (not sl.end_date or sl.end_date > st.window_end):
                continue
            local = sl.municipality == st.municipality
            if not local and not (st.accepts_region_wide and sl.region == st.region):
                continue
            if st.okso_code in sl.accepted_okso_codes:
                tier = 0
            elif st.okso_code[:2] + ".00.00" in sl.accepted_ugs_codes:
                tier = 1
            else:
                continue
            prefs = st.preferred_employer_ids
            key = (
                sl.employer_id != st.target_customer_id,
                tier,
                not local,
                not sl.employer_has_graduates_need,
                prefs.index(sl.employer_id) if sl.employer_id in prefs else 99,
                order[sl.id],
            )
            if best is None or key < best[0]:
                best = (key, sl.id)
        if best:
            left[best[1]] -= 1
            result[st.id] = best[1]
    return result


def random_region(rng, n_students, n_slots):
    codes = [IT, IT_NET, IT_BACHELOR, NURSE, "34.02.02", "15.02.16"]
    periods = [(date(2027, 2, 1), date(2027, 3, 1)), (date(2027, 4, 1), date(2027, 5, 1)), (None, None)]
    employers = [f"e{n}" for n in range(12)]
    places = [("40", "m1"), ("40", "m2"), ("71", "m3")]
    slots = []
    for n in range(n_slots):
        code = rng.choice(codes)
        region, municipality = rng.choice(places)
        start, end = rng.choice(periods)
        slots.append(
            slot(
                f"slot-{n:03d}",
                employer=rng.choice(employers),
                capacity=rng.randint(0, 3),
                okso=rng.sample(codes, rng.randint(0, 2)) + [code],
                ugs=[code[:2] + ".00.00"] if rng.random() < 0.4 else [],
                municipality=municipality,
                region=region,
                start_date=start,
                end_date=end,
                min_age=rng.choice([14, 16, 18]),
                hazardous=rng.random() < 0.2,
                employer_has_graduates_need=rng.random() < 0.3,
            )
        )
    students = []
    for n in range(n_students):
        region, municipality = rng.choice(places)
        window = rng.choice(periods + [(date(2027, 1, 1), date(2027, 6, 1))])
        students.append(
            student(
                f"stu-{n:04d}",
                rng.choice(codes),
                age=rng.randint(15, 22),
                municipality=municipality,
                region=region,
                high_risk=rng.random() < 0.2,
                gpa=rng.choice([3.0, 3.5, 4.0, 4.5, 5.0]),
                attendance_rate=rng.choice([0.7, 0.9]),
                target_customer_id=rng.choice(employers) if rng.random() < 0.1 else None,
                accepts_region_wide=rng.random() < 0.5,
                window_start=window[0],
                window_end=window[1],
                preferred_employer_ids=tuple(rng.sample(employers, 2)) if rng.random() < 0.3 else (),
            )
        )
    return students, slots


@pytest.mark.parametrize("seed", range(8))
def test_indexed_matching_equals_the_reference_scan(seed):
    rng = random.Random(seed)
    students, slots = random_region(rng, 400, 120)
    result = match_students_to_slots(students, slots)
    assert placed(result) == reference_match(students, slots)
    used = {}
    for p in result.placements:
        used[p.slot_id] = used.get(p.slot_id, 0) + 1
    for s in slots:
        assert used.get(s.id, 0) + result.remaining_capacity[s.id] == s.capacity
