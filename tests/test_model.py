"""The model: immutable, validated on construction, errors that name the bad value."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from paceplan.errors import PlanError, PlanValueError
from paceplan.model import (
    LAP_BUTTON,
    CountRange,
    Day,
    Intensity,
    LengthRange,
    PaceRef,
    Plan,
    Repeat,
    Session,
    SessionKind,
    Step,
    Week,
    Workout,
    iter_steps,
)
from paceplan.source import Source
from paceplan.units import Distance, Duration, PaceRange


def rep400() -> Step:
    return Step(intensity=Intensity.INTERVAL, length=Distance(400),
                target=PaceRange.parse("1:40-1:45/400m"), name="400m")


def jog400() -> Step:
    return Step(intensity=Intensity.RECOVERY, length=Distance(400), name="jog")


def test_a_workout_with_nested_repeats() -> None:
    inner = Repeat(count=3, steps=[rep400(), jog400()])
    outer = Repeat(count=2, steps=(inner, Step(intensity=Intensity.REST, length=Duration(180))))
    w = Workout(name="2 x (3 x 400m)", steps=[
        Step(intensity=Intensity.WARMUP, length=LAP_BUTTON), outer,
        Step(intensity=Intensity.COOLDOWN, length=LAP_BUTTON)])
    assert isinstance(w.steps, tuple) and isinstance(outer.steps, tuple)
    assert len(iter_steps(w.steps)) == 5
    with pytest.raises(dataclasses.FrozenInstanceError):
        w.name = "other"  # type: ignore[misc]


def test_spans_are_not_compared() -> None:
    src = Source("400m")
    assert dataclasses.replace(rep400(), span=src.span(0, 4)) == rep400()


def test_models_are_keyword_only_and_slotted() -> None:
    with pytest.raises(TypeError):
        Step(Intensity.ACTIVE, Distance(400))  # type: ignore[misc]
    assert not hasattr(rep400(), "__dict__")


@pytest.mark.parametrize(
    ("build", "fragment"),
    [
        (lambda: Repeat(count=0, steps=(rep400(),)), "at least 1"),
        (lambda: Repeat(count=-3, steps=(rep400(),)), "at least 1"),
        (lambda: Repeat(count=1001, steps=(rep400(),)), "beyond reason"),
        (lambda: Repeat(count=2.5, steps=(rep400(),)), "whole number"),
        (lambda: Repeat(count=True, steps=(rep400(),)), "whole number"),
        (lambda: Repeat(count=2, steps=()), "at least one step"),
        (lambda: Repeat(count=2, steps=rep400()), "sequence"),
        (lambda: CountRange(low=10, high=6), "fewer to more"),
        (lambda: CountRange(low=0, high=6), "at least 1"),
        (lambda: LengthRange(low=Duration(3600), high=Duration(2700)), "shorter to longer"),
        (lambda: LengthRange(low=Duration(60), high=Distance(400)), "two distances or two durations"),
        (lambda: Step(intensity="fast", length=Distance(400)), "Intensity"),
        (lambda: Step(intensity=Intensity.ACTIVE, length=400), "length"),
        (lambda: Step(intensity=Intensity.ACTIVE, length=Distance(400), target="HM"), "target"),
        (lambda: Step(intensity=Intensity.ACTIVE, length=Distance(400), name="a\x00b"), "control character"),
        (lambda: Workout(name="", steps=(rep400(),)), "non-empty name"),
        (lambda: Workout(name="x", steps=[]), "at least one step"),
        (lambda: Workout(name="x", steps=["400m"]), "Step or Repeat"),
        (lambda: PaceRef(low=""), "empty"),
        (lambda: PaceRef(low="HM", per="furlong"), "per km or per mi"),
        (lambda: Session(kind=SessionKind.RUN, title="run"), "needs a workout"),
        (lambda: Session(kind=SessionKind.REST, title="off",
                         workout=Workout(name="x", steps=(rep400(),))), "no watch workout"),
        (lambda: Day(weekday=7), "weekday"),
        (lambda: Week(number=0, days=()), "starts at 1"),
        (lambda: Week(number=1, days=(Day(weekday=2), Day(weekday=2))), "twice"),
        (lambda: Plan(name="p", id="p", weeks=(Week(number=2, days=()),)), "numbered 1..N"),
        (lambda: Plan(name="p", id="p", weeks=(), start=dt.date(2026, 3, 4)), "Monday"),
    ],
)
def test_invalid_models_say_what_is_wrong(build, fragment: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PlanError) as info:
        build()
    assert fragment in str(info.value)
    assert isinstance(info.value, ValueError)


def test_deep_nesting_is_refused() -> None:
    node: Step | Repeat = rep400()
    with pytest.raises(PlanValueError, match="nest"):
        for _ in range(10):
            node = Repeat(count=2, steps=(node,))


def test_pace_ref_text() -> None:
    assert str(PaceRef(low="HM", high="10K")) == "HM-10K"
    assert str(PaceRef(low="HM", offset_s=-10, per="mi")) == "HM -10s/mi"


def test_week_sorts_days() -> None:
    week = Week(number=1, days=(Day(weekday=3), Day(weekday=0)))
    assert [d.weekday for d in week.days] == [0, 3]
