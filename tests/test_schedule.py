"""Dates (--start, --race-date, next Monday), session keys and safe FIT file names."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _plan_stub import stub_reader
from paceplan.errors import PlanValueError
from paceplan.model import CountRange, Intensity, PaceRef, Repeat, Step, Workout
from paceplan.naming import (
    MAX_FILE_NAME,
    fit_file_name,
    format_distance,
    key_set,
    session_key,
    slugify,
    unique_file_names,
    weekday_index,
)
from paceplan.readers.plan import read_plan
from paceplan.schedule import find_race, next_monday, parse_date, resolve_start, schedule_plan, start_for_race
from paceplan.units import Distance, Duration

MINI = Path(__file__).parent / "fixtures" / "plans" / "mini.yaml"


@pytest.mark.parametrize(("today", "expected"), [
    ("2026-03-02", "2026-03-09"),  # a Monday: the next one, a week later
    ("2026-03-01", "2026-03-02"),  # Sunday
    ("2026-03-04", "2026-03-09"),  # Wednesday
    ("2026-12-29", "2027-01-04"),  # across a year
])
def test_next_monday(today: str, expected: str) -> None:
    assert next_monday(dt.date.fromisoformat(today)) == dt.date.fromisoformat(expected)


def test_start_must_be_a_monday() -> None:
    with pytest.raises(PlanValueError) as info:
        resolve_start(start=dt.date(2026, 3, 4))
    assert "Wednesday" in info.value.message
    assert "2026-03-02 or 2026-03-09" in (info.value.hint or "")


def test_race_date_counts_back_to_week_one() -> None:
    # mile plan: race on week 8 Saturday
    start = start_for_race(dt.date(2026, 4, 25), 8, 5)
    assert start == dt.date(2026, 3, 2)
    assert start + dt.timedelta(days=7 * 7 + 5) == dt.date(2026, 4, 25)


def test_race_date_on_the_wrong_weekday_suggests_dates() -> None:
    with pytest.raises(PlanValueError) as info:
        start_for_race(dt.date(2026, 4, 26), 8, 5)  # a Sunday
    assert "Sunday" in info.value.message and "Saturday" in info.value.message
    assert "2026-04-25" in (info.value.hint or "") and "2026-05-02" in (info.value.hint or "")


def test_resolve_start_rules() -> None:
    today = dt.date(2026, 3, 4)
    assert resolve_start(today=today) == dt.date(2026, 3, 9)
    assert resolve_start(start=dt.date(2026, 3, 2), today=today) == dt.date(2026, 3, 2)
    assert resolve_start(race_date=dt.date(2026, 4, 25), race_at=(8, 5), today=today) == dt.date(2026, 3, 2)
    with pytest.raises(PlanValueError, match="not both"):
        resolve_start(start=dt.date(2026, 3, 2), race_date=dt.date(2026, 4, 25), race_at=(8, 5))
    with pytest.raises(PlanValueError, match="no race day"):
        resolve_start(race_date=dt.date(2026, 4, 25))


def test_parse_date_errors() -> None:
    assert parse_date("2026-03-02") == dt.date(2026, 3, 2)
    with pytest.raises(PlanValueError) as info:
        parse_date("2/3/2026", what="start date")
    assert "start date" in info.value.message and "YYYY-MM-DD" in (info.value.hint or "")


def test_schedule_plan_dates_and_keys() -> None:
    pf = read_plan(MINI, cell_reader=stub_reader)
    items = schedule_plan(pf.plan, dt.date(2026, 3, 2))
    assert [i.key for i in items] == ["w1-mon", "w1-tue", "w1-wed", "w1-fri", "w1-sun",
                                      "w2-mon", "w2-wed", "w2-sat", "w2-sun"]
    assert items[2].date == dt.date(2026, 3, 4) and items[2].day_label == "Week 1 · Wednesday"
    assert items[-1].date == dt.date(2026, 3, 15)
    assert items[2].cell == "6-10 x 400m @ HM-10K w/ 400m jog recovery"
    assert find_race(pf.plan) == (2, 5)
    with pytest.raises(PlanValueError):
        schedule_plan(pf.plan, dt.date(2026, 3, 3))


def test_session_keys_and_weekdays() -> None:
    assert session_key(1, 2) == "w1-wed"
    assert session_key(12, 6, 1) == "w12-sun-2"
    assert [weekday_index(t) for t in ("mon", "Monday", "TUE", "we", "thurs", "x", "m", "sunday")] == \
        [0, 0, 1, 2, 3, None, None, 6]


def test_key_sets() -> None:
    reps = Workout(name="x", steps=(Repeat(count=CountRange(low=6, high=10), steps=(
        Step(intensity=Intensity.INTERVAL, length=Distance(400), target=PaceRef(low="HM", high="10K")),
        Step(intensity=Intensity.RECOVERY, length=Distance(400)))),))
    assert key_set(reps) == "6-10×400 m"
    mixed = Workout(name="x", steps=(
        Repeat(count=2, steps=(Step(intensity=Intensity.INTERVAL, length=Duration.minutes(10)),
                               Step(intensity=Intensity.RECOVERY, length=Duration(90)))),
        Repeat(count=4, steps=(Step(intensity=Intensity.INTERVAL, length=Duration.minutes(1)),
                               Step(intensity=Intensity.RECOVERY, length=Duration.minutes(2))))))
    assert key_set(mixed) == "2×10 min + 4×1 min"
    ladder = Workout(name="x", steps=tuple(
        Step(intensity=Intensity.INTERVAL, length=Distance(m)) for m in (500, 400, 300)))
    assert key_set(ladder) == "500 m, 400 m, 300 m"
    assert key_set(Workout(name="Easy", steps=(Step(intensity=Intensity.ACTIVE, length=Distance.miles(6)),))) == "6 mi"
    assert format_distance(Distance(1609.344)) == "1 mi"
    assert format_distance(Distance(12500)) == "12.5 km"


def test_fit_file_names() -> None:
    assert fit_file_name("w1-wed", "6×400 m") == "w1-wed-6x400m.fit"
    assert fit_file_name("w8-sat", "mile-race") == "w8-sat-mile-race.fit"
    assert fit_file_name("w1-sun", "") == "w1-sun.fit"
    assert fit_file_name("w1-mon", "../../etc/passwd") == "w1-mon-etc-passwd.fit"
    assert fit_file_name("w1-mon", "Séance été: 5×1 km") == "w1-mon-seance-ete-5x1km.fit"
    assert unique_file_names(["a.fit", "A.fit", "a.fit", "b.fit"]) == ["a.fit", "A-2.fit", "a-3.fit", "b.fit"]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200), st.integers(1, 99), st.integers(0, 6))
def test_fit_names_are_always_safe(title: str, week: int, weekday: int) -> None:
    name = fit_file_name(session_key(week, weekday), title)
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*\.fit", name), name
    assert len(name) <= MAX_FILE_NAME - 3
    assert slugify(title) == slugify(slugify(title))
