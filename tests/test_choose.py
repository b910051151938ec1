"""choose_ranges: one value per count or length range, and a warning that says which."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import count_ranges, length_ranges, steps, workouts

from paceplan.errors import PlanValueError, Severity
from paceplan.model import CountRange, Intensity, LengthRange, Repeat, Step, Workout
from paceplan.passes.choose import choose_count, choose_length, choose_ranges, has_ranges
from paceplan.passes.limits import count_step_messages
from paceplan.source import Source
from paceplan.units import Distance, Duration

SRC = Source("6-10 x 400m @ HM-10K w/ 400m jog recovery", name="plan.yaml")


def four_hundreds(count: int | CountRange) -> Workout:
    return Workout(name="400s", steps=(
        Step(intensity=Intensity.WARMUP, length=LengthRange(low=Duration.minutes(10), high=Duration.minutes(15))),
        Repeat(count=count, span=SRC.span(0, 4), steps=(
            Step(intensity=Intensity.INTERVAL, length=Distance(400)),
            Step(intensity=Intensity.RECOVERY, length=Distance(400)))),
    ))


@pytest.mark.parametrize(("policy", "reps", "minutes"), [("low", 6, 10), ("high", 10, 15), ("mid", 8, 12.5)])
def test_policies(policy: str, reps: int, minutes: float) -> None:
    result = choose_ranges(four_hundreds(CountRange(low=6, high=10)), reps=policy, lengths=policy)
    assert result.value.steps[1].count == reps
    assert result.value.steps[0].length == Duration.minutes(minutes)
    assert not has_ranges(result.value.steps)


def test_default_is_low_with_one_warning_per_choice() -> None:
    result = choose_ranges(four_hundreds(CountRange(low=6, high=10)))
    assert [w.message for w in result.warnings] == [
        "10:00-15:00: writing 10:00 to the watch (choose with --lengths)",
        "6-10 reps: writing 6 to the watch (choose with --reps)",
    ]
    assert [w.code for w in result.warnings] == ["length-range", "count-range"]
    assert all(w.severity is Severity.WARNING for w in result.warnings)
    count_warning = result.warnings[1]
    assert count_warning.span is not None and count_warning.span.text == "6-10"
    assert count_warning.render().startswith("plan.yaml:1:1: warning: 6-10 reps")


def test_mid_rounds_half_up_for_counts_and_takes_the_midpoint_for_lengths() -> None:
    assert choose_count(CountRange(low=6, high=9), "mid") == 8
    assert choose_count(CountRange(low=6, high=8), "mid") == 7
    assert choose_count(CountRange(low=1, high=2), "mid") == 2
    assert choose_length(LengthRange(low=Distance.miles(3), high=Distance.miles(4)), "mid") == Distance.miles(3.5)


def test_nested_ranges_are_all_chosen() -> None:
    inner = Repeat(count=CountRange(low=3, high=4), steps=(
        Step(intensity=Intensity.INTERVAL, length=LengthRange(low=Distance(200), high=Distance(300))),))
    w = Workout(name="n", steps=(Repeat(count=CountRange(low=2, high=3), steps=(inner,)),))
    result = choose_ranges(w, reps="high")
    outer = result.value.steps[0]
    assert outer.count == 3 and outer.steps[0].count == 4
    assert outer.steps[0].steps[0].length == Distance(200)
    assert [w.code for w in result.warnings] == ["count-range", "count-range", "length-range"]


def test_no_ranges_means_the_same_workout_and_no_warnings() -> None:
    w = four_hundreds(6)
    w = Workout(name=w.name, steps=w.steps[1:])
    result = choose_ranges(w)
    assert result.value is w and result.warnings == ()


def test_unknown_policy_is_an_error() -> None:
    with pytest.raises(PlanValueError, match="'most'"):
        choose_ranges(four_hundreds(6), reps="most")  # type: ignore[arg-type]
    with pytest.raises(PlanValueError, match="lengths"):
        choose_ranges(four_hundreds(6), lengths="")  # type: ignore[arg-type]


def test_other_fields_are_kept() -> None:
    step = Step(intensity=Intensity.INTERVAL, length=LengthRange(low=Duration(60), high=Duration(90)),
                name="hill", note="jog down", label="5K", span=SRC.span(5, 8))
    w = Workout(name="w", description="d", steps=(Repeat(count=CountRange(low=2, high=3), name="set", steps=(step,)),))
    out = choose_ranges(w).value
    rep = out.steps[0]
    assert (rep.name, rep.steps[0].name, rep.steps[0].note, rep.steps[0].label) == ("set", "hill", "jog down", "5K")
    assert rep.steps[0].span == step.span and out.description == "d"


@settings(max_examples=100, deadline=None)
@given(workouts(counts=st.integers(1, 5) | count_ranges(),
                step=steps(lengths=st.one_of(length_ranges(), st.just(Duration(60))))),
       st.sampled_from(["low", "high", "mid"]), st.sampled_from(["low", "high", "mid"]))
def test_property_every_range_is_chosen_once(w: Workout, reps: str, lengths: str) -> None:
    def ranges(nodes) -> int:  # type: ignore[no-untyped-def]
        n = 0
        for node in nodes:
            if isinstance(node, Repeat):
                n += isinstance(node.count, CountRange) + ranges(node.steps)
            else:
                n += isinstance(node.length, LengthRange)
        return n

    result = choose_ranges(w, reps=reps, lengths=lengths)  # type: ignore[arg-type]
    assert len(result.warnings) == ranges(w.steps)
    assert not has_ranges(result.value.steps)
    assert count_step_messages(result.value) == count_step_messages(w)
