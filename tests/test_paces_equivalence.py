"""The three race-equivalence models against the published tables and check values."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paceplan.labels import RACE_DISTANCES_M
from paceplan.paces import cameron_time, riegel_time, vdot_of, vdot_time, velocity_for_vo2
from paceplan.paces.equivalence import fraction_of_vo2max, predict_time, vo2_cost
from paceplan.units import parse_clock

FIXTURES = Path(__file__).parent / "fixtures" / "paces"


def _rows(name: str) -> list[dict[str, str]]:
    lines = [ln for ln in (FIXTURES / name).read_text(encoding="utf-8").splitlines() if not ln.startswith("#")]
    return list(csv.DictReader(lines))


RACE_ROWS = _rows("race-table.csv")


@pytest.mark.parametrize("row", RACE_ROWS, ids=lambda r: f"vdot{r['vdot']}-{r['distance']}")
def test_vdot_race_table(row: dict[str, str]) -> None:
    book = parse_clock(row["book"])
    calc = vdot_time(float(row["vdot"]), RACE_DISTANCES_M[row["distance"]])
    assert abs(calc - book) <= max(2.0, 0.0035 * book), (calc, book)


def test_race_table_fixture_is_complete() -> None:
    assert len(RACE_ROWS) == 27


def test_vdot_check_value_5k_24_34() -> None:
    assert round(vdot_of(5000, 24 * 60 + 34), 2) == 39.11


def test_six_minute_miler_is_vdot_48_42() -> None:
    assert round(vdot_of(1609.344, 360), 2) == 48.42


def test_fraction_keeps_the_second_term() -> None:
    # The wrong port (pow(0.1894393, ...), no 0.2989558 term) gives about 0.99 at 1 minute.
    assert fraction_of_vo2max(1.0) == pytest.approx(0.8 + 0.1894393 * math.exp(-0.012778)
                                                    + 0.2989558 * math.exp(-0.1932605))
    assert fraction_of_vo2max(1.0) > 1.2


@pytest.mark.parametrize("vo2", [10.0, 30.0, 48.42, 85.0])
def test_velocity_inverts_cost(vo2: float) -> None:
    assert vo2_cost(velocity_for_vo2(vo2)) == pytest.approx(vo2)


@pytest.mark.parametrize(("d1", "t1", "d2", "book"), [
    (10000, "40:00", 21097.5, "1:28:15"),
    (5000, "20:00", 10000, "41:42"),
    (1609.344, "6:00", 5000, "19:57"),
])
def test_riegel_check_values(d1: float, t1: str, d2: float, book: str) -> None:
    assert abs(riegel_time(d1, parse_clock(t1), d2) - parse_clock(book)) < 1.0


def test_cameron_check_value() -> None:
    assert abs(cameron_time(5000, 1200, 10000) - parse_clock("41:40")) < 1.0


def test_cameron_is_the_power_form_not_exponential() -> None:
    # f(x) = 13.49681 - 0.000030363 x + 835.7114 / x^0.7905: same distance -> same time.
    assert cameron_time(5000, 1200, 5000) == pytest.approx(1200)


def test_vdot_from_mile_to_5k_is_slower_than_riegel() -> None:
    assert round(predict_time("vdot", 1609.344, 360, 5000)) == parse_clock("20:29")
    assert round(predict_time("riegel", 1609.344, 360, 5000)) == parse_clock("19:57")


def test_unknown_model() -> None:
    with pytest.raises(ValueError):
        predict_time("jack", 5000, 1200, 10000)


@settings(max_examples=150, deadline=None)
@given(st.floats(10, 100), st.floats(400, 100_000))
def test_vdot_time_round_trips(vdot: float, distance: float) -> None:
    assert vdot_of(distance, vdot_time(vdot, distance)) == pytest.approx(vdot, abs=1e-6)


@settings(max_examples=100, deadline=None)
@given(st.floats(100, 200_000), st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_vdot_decreases_with_time_over_the_bracket(distance: float, a: float, b: float) -> None:
    # The bisection bracket: 30 to 900 m/min.
    lo, hi = distance / 900 * 60, distance / 30 * 60
    t1, t2 = sorted((lo + a * (hi - lo), lo + b * (hi - lo)))
    if t2 - t1 > 1e-6 * hi:
        assert vdot_of(distance, t1) > vdot_of(distance, t2)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(["vdot", "riegel", "cameron"]), st.floats(1500, 42195), st.floats(25, 80))
def test_longer_races_take_longer_at_slower_pace(model: str, distance: float, vdot: float) -> None:
    t = vdot_time(vdot, distance)
    times = [predict_time(model, distance, t, d) for d in RACE_DISTANCES_M.values()]
    paces = [tt / d for tt, d in zip(times, RACE_DISTANCES_M.values())]
    assert times == sorted(times)
    assert paces == sorted(paces)
