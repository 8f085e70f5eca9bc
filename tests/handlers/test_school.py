"""School stage handlers against the seeded region."""
from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.models import CareerEvent, EventEnrollment, School, SchoolEnrollment, TempJob, Youth
from domain.models.codes import EMP_LEVEL_HOURS
from handlers import school
from handlers.common import aware
from handlers.errors import BusinessError
from tests.handlers.factories import REGION, add_pupil, add_vacancy, add_youth

START = {"youth_id": "y-1", "youth_name": "Петров Иван Сергеевич", "org": {"school": "school-001", "czn": "czn-001"}}


def test_emp_programme_hours_match_the_levels():
    for level, events in school.EMP_PROGRAMME.items():
        assert sum(hours for _, hours, _ in events) == EMP_LEVEL_HOURS[level]


def test_plan_school_years_lists_the_registered_pupils_years(session, region, make_ctx, count):
    add_pupil(session, "y-1", school_id=region.school, birth_date=date(2011, 5, 20))
    ctx = make_ctx(START)
    result = school.plan_school_years(ctx, youth_id="y-1", grade=9, birth_date="2011-05-20", school_id=region.school)
    assert [y["grade"] for y in result["years"]] == [9, 10, 11]
    first = result["years"][0]
    assert first["school_year"] == "2026/2027"
    assert first["starts_at"] == "2026-09-01T09:00:00+03:00"
    assert first["ends_at"] == "2027-05-31T18:00:00+03:00"
    assert [y["age_at_start"] for y in result["years"]] == [15, 16, 17]
    again = school.plan_school_years(make_ctx(same=ctx), youth_id="y-1", grade=9, birth_date="2011-05-20",
                                     school_id=region.school)
    assert again == result and count(Youth) == 1


def test_plan_school_years_never_creates_or_changes_a_youth_from_start_data(session, region, make_ctx, count):
    with pytest.raises(LookupError, match="Youth 'y-1'"):
        school.plan_school_years(make_ctx(START), youth_id="y-1", grade=9, birth_date="2011-05-20",
                                 school_id=region.school)
    assert count(Youth) == 0
    session.add(School(id="school-002", name="Школа № 2", region_code=REGION))
    add_pupil(session, "y-1", school_id="school-002", birth_date=date(2011, 5, 20))
    with pytest.raises(ValueError, match="at school school-002, not at the route's school school-001"):
        school.plan_school_years(make_ctx(START), youth_id="y-1", grade=9, birth_date="2011-05-20",
                                 school_id=region.school)
    with pytest.raises(ValueError, match="birth date 2012-01-01 .* differs from the registry's 2011-05-20"):
        school.plan_school_years(make_ctx(START), youth_id="y-1", grade=9, birth_date="2012-01-01",
                                 school_id="school-002")
    youth = session.get(Youth, "y-1")
    assert (youth.birth_date, youth.status) == (date(2011, 5, 20), "pupil")


@pytest.mark.parametrize("grade", [5, 1, 12])
def test_plan_school_years_rejects_a_grade_outside_the_school_route(session, region, make_ctx, grade):
    with pytest.raises(ValueError, match="grades 6..11"):
        school.plan_school_years(make_ctx(START), youth_id="y-1", grade=grade, birth_date="2011-05-20",
                                 school_id=region.school)


def test_digital_platform_account_is_opened_once(session, region, make_ctx):
    add_youth(session, "y-1", birth_date=date(2011, 5, 20))
    first = make_ctx()
    result = school.register_digital_platform(first, youth_id="y-1", grade=9)
    assert result["platform"] == "Билет в будущее"
    assert session.get(Youth, "y-1").guidance_platform_account == result["account_id"]
    assert [e["kind"] for e in first.emitted] == ["guidance_platform.register"]
    later = make_ctx()
    assert school.register_digital_platform(later, youth_id="y-1", grade=10) == result
    assert later.emitted == []


def test_emp_events_enrol_the_pupil_for_the_school_level(session, region, make_ctx, count):
    add_pupil(session, "y-1", school_id=region.school, birth_date=date(2011, 5, 20))
    ctx = make_ctx(START)
    result = school.organize_emp_events(ctx, youth_id="y-1", grade=9, school_year="2026/2027",
                                        school_id=region.school)
    enrollment = session.get(SchoolEnrollment, result["enrollment_id"])
    assert (enrollment.grade, enrollment.school_year, enrollment.emp_hours_planned) == (9, "2026/2027", 60)
    assert result["emp_level"] == "main" and result["hours_planned"] == 60
    events = [session.get(CareerEvent, event_id) for event_id in result["event_ids"]]
    assert sorted(e.type_code for e in events) == ["emp_lesson", "open_day", "prof_lesson", "prof_trial"]
    assert sum(e.emp_hours_credit for e in events) == 60
    assert all(e.target_grades == [9] for e in events)
    school.organize_emp_events(make_ctx(same=ctx), youth_id="y-1", grade=9, school_year="2026/2027",
                               school_id=region.school)
    add_pupil(session, "y-2", school_id=region.school, birth_date=date(2011, 7, 1))
    other = school.organize_emp_events(make_ctx(), youth_id="y-2", grade=9, school_year="2026/2027",
                                       school_id=region.school)
    assert other["event_ids"] == result["event_ids"], "classmates share the school's events"
    assert count(SchoolEnrollment) == 2 and count(CareerEvent) == 4 and count(EventEnrollment) == 8


def test_proftours_take_free_places_and_skip_younger_pupils(session, region, make_ctx):
    add_youth(session, "y-1", birth_date=date(2011, 5, 20))
    full = CareerEvent(type_code="proftour", title="Профтур на завод", organizer_lane="employer",
                       employer_id=region.plant, starts_at=datetime(2026, 10, 20, 8, tzinfo=UTC),
                       ends_at=datetime(2026, 10, 20, 11, tzinfo=UTC), capacity=1, target_grades=[8, 9])
    open_tour = CareerEvent(type_code="proftour", title="Профтур в IT", organizer_lane="employer",
                            employer_id=region.it_employer, starts_at=datetime(2026, 11, 2, 8, tzinfo=UTC),
                            ends_at=datetime(2026, 11, 2, 11, tzinfo=UTC), capacity=10, target_grades=[9])
    past = CareerEvent(type_code="proftour", title="Прошедший", organizer_lane="employer",
                       starts_at=datetime(2026, 9, 1, 8, tzinfo=UTC), ends_at=datetime(2026, 9, 1, 11, tzinfo=UTC),
                       capacity=10)
    session.add_all([full, open_tour, past])
    add_youth(session, "y-0", birth_date=date(2011, 1, 1))
    session.flush()
    session.add(EventEnrollment(event_id=full.id, youth_id="y-0"))
    session.flush()
    result = school.provide_proftours(make_ctx(), youth_id="y-1", grade=9)
    assert result == {"event_ids": [open_tour.id], "count": 1}
    assert school.provide_proftours(make_ctx(), youth_id="y-1", grade=7) == {"event_ids": [], "count": 0}


def test_group_session_is_organised_by_the_czn_when_none_has_room(session, region, make_ctx, count):
    add_youth(session, "y-1", birth_date=date(2011, 5, 20))
    result = school.provide_group_sessions(make_ctx(START), youth_id="y-1", grade=9)
    event = session.get(CareerEvent, result["event_ids"][0])
    assert result["count"] == 1
    assert (event.type_code, event.organizer_lane, event.organizer_id) == ("group_session", "czn", "czn-001")
    assert aware(event.starts_at) > datetime(2026, 10, 5, tzinfo=UTC)
    add_youth(session, "y-2", birth_date=date(2011, 7, 1))
    second = school.provide_group_sessions(make_ctx(START), youth_id="y-2", grade=9)
    assert second["event_ids"] == result["event_ids"] and count(CareerEvent) == 1


def test_temp_job_respects_the_limits_for_minors(session, region, make_ctx, count):
    add_youth(session, "y-1", birth_date=date(2011, 5, 20))
    add_vacancy(session, region.plant, "Подсобный рабочий", schedule="temporary", hazardous=True)
    add_vacancy(session, region.it_employer, "Программист", okso_code="09.02.07")
    add_vacancy(session, region.plant, "Разнорабочий на вахту", schedule="вахтовый метод")
    add_vacancy(session, region.plant, "Разнорабочий", schedule="полный день")
    courier = add_vacancy(session, region.shop, "Курьер", schedule="гибкий график")
    ctx = make_ctx()
    result = school.organize_temp_employment(ctx, youth_id="y-1", age=15, during_school_year=True,
                                             max_hours_day=3, max_hours_week=20)
    job = session.get(TempJob, result["temp_job_id"])
    assert result["employer_id"] == courier.employer_id == job.employer_id
    assert (job.hours_per_day, job.hours_per_week) == (2.5, 12), "the law caps the decision table"
    assert job.during_school_year and not job.hazardous and job.status == "proposed"
    assert job.period_from == date(2026, 10, 12) and job.period_to == date(2027, 1, 12)
    assert school.organize_temp_employment(make_ctx(same=ctx), youth_id="y-1", age=15, during_school_year=True,
                                           max_hours_day=3, max_hours_week=20) == result
    assert school.organize_temp_employment(make_ctx(), youth_id="y-1", age=15, during_school_year=True,
                                           max_hours_day=2.5, max_hours_week=12) == result
    assert count(TempJob) == 1


def test_summer_temp_job_covers_the_coming_holidays(session, region, make_ctx):
    add_youth(session, "y-1", birth_date=date(2010, 5, 20))
    add_vacancy(session, region.shop, "Продавец-стажёр", schedule="seasonal")
    result = school.organize_temp_employment(make_ctx(), youth_id="y-1", age=16, during_school_year=False,
                                             max_hours_day=7, max_hours_week=35)
    job = session.get(TempJob, result["temp_job_id"])
    assert (job.period_from, job.period_to) == (date(2027, 6, 1), date(2027, 8, 31))
    assert (job.hours_per_day, job.hours_per_week) == (7, 35)


def test_no_suitable_temp_job_is_a_business_error(session, region, make_ctx, count):
    add_youth(session, "y-1", birth_date=date(2011, 5, 20))
    add_vacancy(session, region.plant, "Подсобный рабочий", schedule="гибкий график", hazardous=True)
    add_vacancy(session, region.plant, "Монтажник", schedule="вахтовый метод")
    add_vacancy(session, region.it_employer, "Оператор", okso_code="09.02.07", schedule="гибкий график")
    with pytest.raises(BusinessError) as caught:
        school.organize_temp_employment(make_ctx(), youth_id="y-1", age=15, during_school_year=False,
                                        max_hours_day=5, max_hours_week=24)
    assert caught.value.bpmn_error_code == "no_temp_job"
    assert caught.value.payload["youth_id"] == "y-1"
    assert count(TempJob) == 0


def test_unknown_youth_is_an_error_not_a_silent_result(session, region, make_ctx):
    with pytest.raises(LookupError, match="Youth 'nobody'"):
        school.provide_group_sessions(make_ctx(START), youth_id="nobody", grade=9)


def test_emp_events_never_move_a_pupil_to_another_school(session, region, make_ctx, count):
    """The takeover of issue 16: a route whose start data named another school moved the pupil there."""
    session.add(School(id="school-002", name="Школа № 2", region_code=REGION))
    add_pupil(session, "y-1", school_id="school-002", birth_date=date(2011, 5, 20))
    for school_year in ("2026/2027", "2027/2028"):
        with pytest.raises(ValueError, match="school-002"):
            school.organize_emp_events(make_ctx(START), youth_id="y-1", grade=9, school_year=school_year,
                                       school_id=region.school)
    [enrollment] = session.query(SchoolEnrollment).all()
    assert (enrollment.school_id, enrollment.school_year) == ("school-002", "2026/2027")
    assert count(EventEnrollment) == 0


def test_emp_event_dates_follow_the_school_year(session, region, make_ctx):
    add_pupil(session, "y-1", school_id=region.school, birth_date=date(2011, 5, 20))
    result = school.organize_emp_events(make_ctx(), youth_id="y-1", grade=10, school_year="2027/2028",
                                        school_id=region.school)
    starts = sorted(aware(session.get(CareerEvent, e).starts_at) for e in result["event_ids"])
    assert starts[0] == datetime(2027, 9, 1, 6, 0, tzinfo=UTC), "09:00 in Moscow"
    assert starts[-1].date() < date(2028, 6, 1)
