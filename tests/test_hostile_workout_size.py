"""Workouts within the count and nesting limits that would still unroll to a billion steps, and
steps no watch could mean (issue 21 items 2 and 11): refused in the model, so every reader,
writer and comparison is safe, with the reader's own position."""

from __future__ import annotations

from typing import Any

import pytest

from paceplan import read_workout
from paceplan.errors import PlanError, PlanSyntaxError, PlanValueError
from paceplan.model import (MAX_EXPANDED_STEPS, Intensity, Repeat, Step, Workout,
                            expanded_step_count)
from paceplan.readers.fit import read_fit_workout
from paceplan.readers.intervals_icu import read_intervals_icu
from paceplan.units import Distance, Duration


def _fit_workout(steps: list[dict[str, Any]]) -> bytes:
    from garmin_fit_sdk import Encoder, Profile

    mesg = Profile["mesg_num"]
    enc = Encoder()
    enc.on_mesg(mesg["FILE_ID"], {"type": "workout", "manufacturer": "development", "product": 0,
                                  "serial_number": 1, "time_created": 1_000_000_000})
    enc.on_mesg(mesg["WORKOUT"], {"wkt_name": "bomb", "sport": "running", "num_valid_steps": len(steps)})
    for i, fields in enumerate(steps):
        enc.on_mesg(mesg["WORKOUT_STEP"], {"message_index": i, **fields})
    return bytes(enc.close())


def _repeat(back_to: int, count: int) -> dict[str, Any]:
    return {"duration_type": "repeat_until_steps_cmplt", "duration_value": back_to, "target_value": count}


RUN_400 = {"duration_type": "distance", "duration_value": 40_000, "target_type": "open", "intensity": "active"}


def test_a_small_fit_workout_that_unrolls_to_a_billion_steps_is_refused() -> None:
    data = _fit_workout([RUN_400, _repeat(0, 1000), _repeat(0, 1000), _repeat(0, 1000)])
    assert len(data) < 300
    with pytest.raises(PlanSyntaxError, match="unrolls to at least") as info:
        read_fit_workout(data, name="bomb.fit")
    assert info.value.message.startswith("bomb.fit: ")


def test_a_fit_step_of_1193_hours_is_refused_naming_the_step() -> None:
    data = _fit_workout([{"duration_type": "time", "duration_value": 4_294_967_000, "target_type": "open",
                          "intensity": "active"}])
    with pytest.raises(PlanSyntaxError, match=r"step 0: a step of 1193.* hours is beyond reason"):
        read_fit_workout(data, name="long.fit")


def test_the_same_fit_workout_within_the_cap_reads() -> None:
    workout = read_fit_workout(_fit_workout([RUN_400, _repeat(0, 10), _repeat(0, 10)]), name="ok.fit")
    assert expanded_step_count(workout.steps) == 100


def test_notation_that_unrolls_past_the_cap_is_a_positioned_error() -> None:
    with pytest.raises(PlanError, match="unrolls to at least") as info:
        read_workout("1000 x (1000 x (1000 x 400m))")
    assert info.value.errors[0].span is not None


def test_intervals_text_that_unrolls_past_the_cap_is_refused() -> None:
    text = "1000x\n- 400mtr\n" * 11
    with pytest.raises(PlanError, match="unrolls to at least"):
        read_intervals_icu(text)


def test_the_model_counts_without_unrolling() -> None:
    step = Step(intensity=Intensity.ACTIVE, length=Distance(400))
    nested = Repeat(count=1000, steps=(Repeat(count=1000, steps=(Repeat(count=1000, steps=(step,)),)),))
    assert expanded_step_count((nested,)) > MAX_EXPANDED_STEPS
    with pytest.raises(PlanValueError, match="unrolls to at least"):
        Workout(name="bomb", steps=(nested,))
    assert expanded_step_count((Repeat(count=10, steps=(step, step)),)) == 20


@pytest.mark.parametrize("length", [Duration(48 * 3600 + 1), Distance(1_000_001)])
def test_steps_beyond_reason_are_refused_by_the_model(length: Distance | Duration) -> None:
    with pytest.raises(PlanValueError, match="beyond reason"):
        Step(intensity=Intensity.ACTIVE, length=length)
