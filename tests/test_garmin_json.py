"""Garmin Connect workout JSON: ids, structure, paces, names, schedule list."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
import strategies
from hypothesis import given, settings
from hypothesis import strategies as st

from paceplan.errors import PlanValueError, Severity, UnsupportedError
from paceplan.model import (
    LAP_BUTTON,
    CountRange,
    Intensity,
    LengthRange,
    PaceRef,
    Repeat,
    Step,
    Workout,
    iter_steps,
)
from paceplan.passes.choose import has_ranges
from paceplan.units import Distance, Duration, Pace, PaceRange
from paceplan.writers import garmin_connect as gc
from paceplan.writers.garmin_connect import (
    GarminScheduleEntry,
    garmin_json_text,
    garmin_name,
    garmin_schedule,
    utf16_units,
    workout_to_garmin,
)

FIXTURES = Path(__file__).parent / "fixtures" / "garmin"
UPDATE = os.environ.get("PACEPLAN_UPDATE_GOLDEN") == "1"


def five_by_1k() -> Workout:
    """The reference's A.3 example, as a paceplan workout."""
    return Workout(name="5x1k", steps=(
        Step(intensity=Intensity.WARMUP, length=Duration(600)),
        Repeat(count=5, steps=(
            Step(intensity=Intensity.INTERVAL, length=Distance(1000),
                 target=PaceRange.parse("4:00-4:10/km"), note="1k @ 4:00-4:10"),
            Step(intensity=Intensity.RECOVERY, length=Duration(90)),
        )),
        Step(intensity=Intensity.COOLDOWN, length=LAP_BUTTON),
    ))


def nested() -> Workout:
    """2 x (3 x 1 mile @ T w/ 1' jog) w/ 3' rest, paces resolved."""
    t = PaceRange.of(Pace.parse("6:10/mi"), Pace.parse("6:20/mi"))
    return Workout(name="2 x (3 x 1 mile @ T)", description="Threshold miles", steps=(
        Step(intensity=Intensity.WARMUP, length=Distance.miles(2), name="wu"),
        Repeat(count=2, steps=(
            Repeat(count=3, steps=(
                Step(intensity=Intensity.INTERVAL, length=Distance.miles(1), target=t, label="T"),
                Step(intensity=Intensity.RECOVERY, length=Duration(60), note="jog"),
            )),
            Step(intensity=Intensity.REST, length=Duration(180)),
        )),
        Step(intensity=Intensity.COOLDOWN, length=Duration(600)),
    ))


# --- our own id table (reference A.4); never copied from a client library ------------------

def test_id_tables_match_reference_a4() -> None:
    assert gc.STEP_TYPE_IDS == {"warmup": 1, "cooldown": 2, "interval": 3, "recovery": 4, "rest": 5,
                                "repeat": 6, "other": 7, "main": 8}
    assert gc.CONDITION_TYPE_IDS == {"lap.button": 1, "time": 2, "distance": 3, "calories": 4,
                                     "power": 5, "heart_rate": 6, "iterations": 7, "fixed_rest": 8,
                                     "fixed_repetition": 9, "reps": 10}
    assert gc.TARGET_TYPE_IDS == {"no.target": 1, "power.zone": 2, "cadence": 3, "heart.rate.zone": 4,
                                  "speed.zone": 5, "pace.zone": 6, "grade": 7, "heart.rate.lap": 8,
                                  "power.lap": 9, "resistance": 15}
    assert gc.SPORT_TYPE_IDS["running"] == 1
    assert gc.SPORT_TYPE_IDS["swimming"] == 4


# --- the documented example -----------------------------------------------------------------

def test_reference_example_5x1k_equals_documented_json() -> None:
    expected = json.loads((FIXTURES / "5x1k.json").read_text(encoding="utf-8"))
    result = workout_to_garmin(five_by_1k())
    assert result.warnings == ()
    assert result.value == expected
    # Key order as documented, so the text reads like Garmin's own.
    assert list(result.value) == list(expected)
    rep = result.value["workoutSegments"][0]["workoutSteps"][1]
    assert list(rep) == list(expected["workoutSegments"][0]["workoutSteps"][1])


def _walk(steps: list[dict]) -> list[dict]:
    out = []
    for s in steps:
        out.append(s)
        if s["type"] == "RepeatGroupDTO":
            out.extend(_walk(s["workoutSteps"]))
    return out


def test_nested_repeats_number_depth_first_and_carry_iterations() -> None:
    data = workout_to_garmin(nested()).value
    flat = _walk(data["workoutSegments"][0]["workoutSteps"])
    assert [s["stepOrder"] for s in flat] == list(range(1, 8))
    assert [s["stepType"]["stepTypeKey"] for s in flat] == [
        "warmup", "repeat", "repeat", "interval", "recovery", "rest", "cooldown"]
    for group in (s for s in flat if s["type"] == "RepeatGroupDTO"):
        assert group["endCondition"] == {"conditionTypeId": 7, "conditionTypeKey": "iterations"}
        assert group["endConditionValue"] == float(group["numberOfIterations"])
    assert [g["numberOfIterations"] for g in flat if g["type"] == "RepeatGroupDTO"] == [2, 3]
    assert flat[0]["endConditionValue"] == pytest.approx(3218.688)
    assert data["description"] == "Threshold miles"
    # Label and note become the step description.
    assert flat[3]["description"] == "T"
    assert flat[4]["description"] == "jog"


def test_nested_golden() -> None:
    path = FIXTURES / "nested.json"
    text = garmin_json_text(workout_to_garmin(nested()).value)
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_pace_target_is_step_level_m_per_s_faster_first() -> None:
    data = workout_to_garmin(nested()).value
    step = _walk(data["workoutSegments"][0]["workoutSteps"])[3]
    assert step["targetType"] == {"workoutTargetTypeId": 6, "workoutTargetTypeKey": "pace.zone"}
    assert "targetValueOne" not in step["targetType"]
    one, two = step["targetValueOne"], step["targetValueTwo"]
    assert one > two
    assert one == pytest.approx(1609.344 / 370, abs=1e-4)  # 6:10/mi
    assert two == pytest.approx(1609.344 / 380, abs=1e-4)  # 6:20/mi


def test_unresolved_pace_is_unsupported_with_hint() -> None:
    w = Workout(name="x", steps=(Step(intensity=Intensity.INTERVAL, length=Distance(400),
                                      target=PaceRef(low="HM", high="10K")),))
    with pytest.raises(UnsupportedError, match="HM-10K") as info:
        workout_to_garmin(w)
    assert "resolve paces first" in (info.value.hint or "")


def test_ranges_write_low_end_with_warnings() -> None:
    w = Workout(name="6-10 x 400m", steps=(
        Step(intensity=Intensity.WARMUP, length=LengthRange(low=Duration(600), high=Duration(900))),
        Repeat(count=CountRange(low=6, high=10), steps=(
            Step(intensity=Intensity.INTERVAL, length=Distance(400)),)),
    ))
    result = workout_to_garmin(w)
    steps = result.value["workoutSegments"][0]["workoutSteps"]
    assert steps[0]["endConditionValue"] == 600.0
    assert steps[1]["numberOfIterations"] == 6
    assert {d.code for d in result.warnings} == {"length-range", "count-range"}
    assert all(d.severity is Severity.WARNING for d in result.warnings)
    assert any("writing 6" in d.message for d in result.warnings)


def test_active_steps_are_garmin_run_steps() -> None:
    w = Workout(name="easy", steps=(Step(intensity=Intensity.ACTIVE, length=Duration(1800)),))
    step = workout_to_garmin(w).value["workoutSegments"][0]["workoutSteps"][0]
    assert step["stepType"] == {"stepTypeId": 3, "stepTypeKey": "interval"}


# --- names ----------------------------------------------------------------------------------

def test_utf16_units_count_emoji_as_two() -> None:
    assert utf16_units("abc") == 3
    assert utf16_units("\U0001F3C3") == 2
    assert utf16_units("é") == 1


def test_long_name_is_cut_to_256_units_without_splitting_a_pair() -> None:
    name = "a" + "\U0001F3C3" * 200
    result = garmin_name(name)
    assert utf16_units(result.value) <= 256
    assert result.value == "a" + "\U0001F3C3" * 127  # 1 + 254 units; the next emoji would make 257
    assert any(d.code == "garmin-long-name" for d in result.warnings)
    exact = "b" * 256
    assert garmin_name(exact).value == exact and garmin_name(exact).warnings == ()


def test_non_ascii_name_warns_and_ascii_fallback_transliterates() -> None:
    name = "6\u00d7400m \u2013 Caf\u00e9 \u00b7 HM"
    kept = garmin_name(name)
    assert kept.value == name
    assert [d.code for d in kept.warnings] == ["garmin-non-ascii-name"]
    ascii_ = garmin_name(name, ascii_names=True)
    assert ascii_.value == "6x400m - Cafe - HM"
    assert [d.code for d in ascii_.warnings] == ["garmin-ascii-name"]
    w = Workout(name=name, steps=(Step(intensity=Intensity.ACTIVE, length=Duration(60), note="r\u00e9cup"),))
    data = workout_to_garmin(w, ascii_names=True).value
    assert data["workoutName"] == "6x400m - Cafe - HM"
    assert data["workoutSegments"][0]["workoutSteps"][0]["description"] == "recup"


# --- serialisation and schedule -------------------------------------------------------------

def test_json_text_is_deterministic_and_parses() -> None:
    a = garmin_json_text(workout_to_garmin(nested()).value)
    b = garmin_json_text(workout_to_garmin(nested()).value)
    assert a == b and a.endswith("\n")
    assert json.loads(a)["workoutName"] == "2 x (3 x 1 mile @ T)"


def test_schedule_sorted_by_date_then_file() -> None:
    entries = [
        GarminScheduleEntry(date=dt.date(2026, 3, 5), file="w01-thu.json", name="Tempo", key="p/w01/thu"),
        GarminScheduleEntry(date=None, file="extra.json", name="Extra", key="p/extra"),
        GarminScheduleEntry(date=dt.date(2026, 3, 3), file="w01-tue.json", name="6 x 400m", key="p/w01/tue"),
    ]
    assert garmin_schedule(entries) == [
        {"date": "2026-03-03", "file": "w01-tue.json", "workoutName": "6 x 400m", "key": "p/w01/tue"},
        {"date": "2026-03-05", "file": "w01-thu.json", "workoutName": "Tempo", "key": "p/w01/thu"},
        {"date": None, "file": "extra.json", "workoutName": "Extra", "key": "p/extra"},
    ]
    assert garmin_schedule(reversed(entries)) == garmin_schedule(entries)


@pytest.mark.parametrize("bad", ["../x.json", "a/b.json", "", ".."])
def test_schedule_entry_refuses_paths(bad: str) -> None:
    with pytest.raises(PlanValueError):
        GarminScheduleEntry(date=None, file=bad, name="x", key="k")


# --- any workout the shared strategies make -------------------------------------------------

def _count_nodes(nodes: tuple) -> int:
    return sum(1 + (_count_nodes(n.steps) if isinstance(n, Repeat) else 0) for n in nodes)


@settings(max_examples=120, deadline=None)
@given(strategies.workouts(max_depth=3, counts=st.integers(1, 10) | strategies.count_ranges(),
                           step=strategies.steps(lengths=strategies.lengths(ranges=True))))
def test_any_workout_gives_valid_structure(workout: Workout) -> None:
    result = workout_to_garmin(workout)
    data = json.loads(garmin_json_text(result.value))
    assert data == result.value
    assert garmin_json_text(workout_to_garmin(workout).value) == garmin_json_text(result.value)
    flat = _walk(data["workoutSegments"][0]["workoutSteps"])
    assert [s["stepOrder"] for s in flat] == list(range(1, _count_nodes(workout.steps) + 1))
    executables = [s for s in flat if s["type"] == "ExecutableStepDTO"]
    assert len(executables) == len(iter_steps(workout.steps))
    for s in flat:
        assert gc.STEP_TYPE_IDS[s["stepType"]["stepTypeKey"]] == s["stepType"]["stepTypeId"]
        cond = s["endCondition"]
        assert gc.CONDITION_TYPE_IDS[cond["conditionTypeKey"]] == cond["conditionTypeId"]
        if s["type"] == "RepeatGroupDTO":
            assert cond["conditionTypeKey"] == "iterations"
            assert s["endConditionValue"] == s["numberOfIterations"] >= 1
            continue
        assert ("endConditionValue" in s) == (cond["conditionTypeKey"] != "lap.button")
        target = s["targetType"]
        assert gc.TARGET_TYPE_IDS[target["workoutTargetTypeKey"]] == target["workoutTargetTypeId"]
        if target["workoutTargetTypeKey"] == "pace.zone":
            assert s["targetValueOne"] >= s["targetValueTwo"] > 0
        else:
            assert "targetValueOne" not in s
        if "description" in s:
            assert utf16_units(s["description"]) <= gc.MAX_NOTE_UNITS
    assert utf16_units(data["workoutName"]) <= gc.MAX_NAME_UNITS
    ranges_left = any(d.code in ("count-range", "length-range") for d in result.warnings)
    assert ranges_left == has_ranges(workout.steps)
