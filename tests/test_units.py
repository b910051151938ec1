"""Units: exact conversions, parsing people's spellings, formatting, and clear errors."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paceplan.errors import PlanError, UnitsError
from paceplan.units import MILE_M, Distance, Duration, Pace, PaceRange, format_clock, parse_clock


def test_mile_is_exact() -> None:
    assert MILE_M == 1609.344
    assert Distance.miles(1).metres == 1609.344
    assert Distance.parse("2 mi").metres == pytest.approx(3218.688, abs=1e-9)


@pytest.mark.parametrize(
    ("text", "metres"),
    [
        ("400m", 400), ("400 m", 400), ("1,200m", 1200), ("1k", 1000), ("1km", 1000),
        ("1.5 km", 1500), ("1 mile", MILE_M), ("1.5 miles", 1.5 * MILE_M), ("13.1 mi", 13.1 * MILE_M),
        ("200 meters", 200), ("60m", 60), ("500mtr", 500), (".4km", 400),
    ],
)
def test_distance_parse(text: str, metres: float) -> None:
    assert Distance.parse(text).metres == pytest.approx(metres)


@pytest.mark.parametrize("text", ["", "m", "400", "400 furlongs", "-400m", "4 00m", "1e3m"])
def test_distance_parse_errors(text: str) -> None:
    with pytest.raises(UnitsError) as info:
        Distance.parse(text)
    assert repr(text) in info.value.message
    assert info.value.hint


@pytest.mark.parametrize(
    ("text", "seconds"),
    [
        ("30 sec", 30), ("30s", 30), ("30 secs", 30), ('30"', 30), ("1 min", 60), ("1:30 min", 90),
        ("1:30", 90), ("4 mins", 240), ("90 seconds", 90), ("10'", 600), ("1:34:06", 5646),
        ("2 h", 7200), ("45 minutes", 2700),
    ],
)
def test_duration_parse(text: str, seconds: float) -> None:
    assert Duration.parse(text).seconds == pytest.approx(seconds)


@pytest.mark.parametrize("text", ["", "30", "min", "1:75", "30 parsecs", "1:2:3:4", "0 sec"])
def test_duration_parse_errors(text: str) -> None:
    with pytest.raises(UnitsError):
        Duration.parse(text)


@pytest.mark.parametrize(
    ("text", "s_per_km"),
    [
        ("4:05/km", 245), ("6:30/mi", 390 / 1.609344), ("6:30 per mile", 390 / 1.609344),
        ("1:32/400m", 230), ("92/400m", 230), ("3:44/k", 224),
    ],
)
def test_pace_parse(text: str, s_per_km: float) -> None:
    assert Pace.parse(text).seconds_per_km == pytest.approx(s_per_km)


@pytest.mark.parametrize("text", ["4:05", "4:05/furlong", "abc/km", "0:00/km", "0:30/km", "45:00/km", "4:65/km"])
def test_pace_parse_errors(text: str) -> None:
    with pytest.raises(UnitsError) as info:
        Pace.parse(text)
    assert isinstance(info.value, ValueError) and isinstance(info.value, PlanError)


def test_pace_formats() -> None:
    p = Pace.parse("6:00/mi")
    assert p.format("mi") == "6:00/mi"
    assert p.format("km") == "3:44/km"
    assert p.format("400m") == "89.5/400m"
    assert p.speed_mps == pytest.approx(MILE_M / 360)
    assert p.kmh() == pytest.approx(16.09344)
    assert p.mph() == pytest.approx(10.0)
    assert Pace.per(105, "400m").format("400m") == "105/400m"
    assert Pace.parse("2:30/400m").format("400m") == "2:30/400m"


def test_format_clock_never_shows_sixty() -> None:
    assert format_clock(59.6) == "1:00"
    assert format_clock(3599.6) == "1:00:00"
    assert format_clock(5646) == "1:34:06"
    assert parse_clock("1:34:06") == 5646


def test_pace_range_orders_slow_and_fast() -> None:
    r = PaceRange.parse("1:40-1:45/400m")
    assert r.slow == Pace.per(105, "400m") and r.fast == Pace.per(100, "400m")
    swapped = PaceRange(slow=Pace.per(100, "400m"), fast=Pace.per(105, "400m"))
    assert swapped == r
    assert PaceRange.parse("4:10-4:00/km") == PaceRange.parse("4:00-4:10/km")
    assert r.format("400m") == "100-105/400m"
    assert PaceRange.parse("7:00 - 7:10/mi").format("mi") == "7:00-7:10/mi"
    assert PaceRange.parse("4:05/km").is_single


def test_pace_range_speed_ends_match_reference() -> None:
    # fit-workouts.md: 4:00-4:10/km is custom speed low 4000 mm/s (slow), high 4167 mm/s (fast).
    r = PaceRange.parse("4:00-4:10/km")
    assert round(r.slow.speed_mps * 1000) == 4000
    assert round(r.fast.speed_mps * 1000) == 4167


def test_pace_range_widened_and_contains() -> None:
    r = PaceRange.single(Pace.parse("4:00/km")).widened(0.02)
    assert r.slow.speed_mps == pytest.approx(1000 / 240 * 0.98)
    assert r.fast.speed_mps == pytest.approx(1000 / 240 * 1.02)
    assert r.contains(Pace.parse("4:00/km"))
    assert not r.contains(Pace.parse("4:10/km"))


@pytest.mark.parametrize("bad", [0, -1, math.nan, math.inf, "400", True])
def test_constructors_reject_bad_numbers(bad: object) -> None:
    with pytest.raises(UnitsError):
        Distance(bad)  # type: ignore[arg-type]
    with pytest.raises(UnitsError):
        Duration(bad)  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(st.floats(min_value=91, max_value=1790))
def test_pace_format_parse_round_trip(s_per_km: float) -> None:
    p = Pace(s_per_km)
    for unit in ("km", "mi"):
        back = Pace.parse(p.format(unit))  # type: ignore[arg-type]
        assert abs(back.seconds_per(unit) - p.seconds_per(unit)) <= 0.5  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=30))
def test_parsers_raise_only_units_errors(text: str) -> None:
    for parse in (Distance.parse, Duration.parse, Pace.parse, PaceRange.parse):
        try:
            parse(text)
        except UnitsError:
            pass
