"""Warm-up and cool-down around quality sessions, and the race day from the coaching notes."""

from __future__ import annotations

import pytest

from fitcheck import verify_fit
from paceplan.model import (
    LAP_BUTTON,
    CountRange,
    Intensity,
    LengthRange,
    PaceRef,
    Repeat,
    Session,
    SessionKind,
    Step,
    Workout,
)
from paceplan.paces import Runner
from paceplan.passes.choose import choose_ranges
from paceplan.passes.framing import (
    MILE_FIRST_LAP_M,
    add_warmup_cooldown,
    frame_session,
    is_quality,
    race_day_workout,
)
from paceplan.passes.resolve import resolve_paces
from paceplan.units import MILE_M, Distance, Duration, PaceRange

E = PaceRef(low="E")
REPS = Workout(name="400s", steps=(Repeat(count=CountRange(low=6, high=10), steps=(
    Step(intensity=Intensity.INTERVAL, length=Distance(400), target=PaceRef(low="HM", high="10K")),
    Step(intensity=Intensity.RECOVERY, length=Distance(400)))),))
EASY = Workout(name="45 min", steps=(Step(intensity=Intensity.ACTIVE, length=Duration.minutes(45), target=E),))
STRIDES = Workout(name="30 + strides", steps=(
    Step(intensity=Intensity.ACTIVE, length=Duration.minutes(30), target=E),
    Repeat(count=4, steps=(Step(intensity=Intensity.INTERVAL, length=Duration(20)),
                           Step(intensity=Intensity.RECOVERY, length=LAP_BUTTON)))))
HILLS = Workout(name="hills", steps=(Repeat(count=8, steps=(
    Step(intensity=Intensity.INTERVAL, length=Duration(30), note="hill"),
    Step(intensity=Intensity.RECOVERY, length=LAP_BUTTON, note="jog down"))),))
TEMPO = Workout(name="tempo", steps=(Step(intensity=Intensity.ACTIVE, length=Duration.minutes(20),
                                          target=PaceRef(low="T")),))


def test_quality_detection() -> None:
    assert is_quality(REPS) and is_quality(HILLS) and is_quality(TEMPO) and is_quality(STRIDES)
    assert not is_quality(EASY)


def test_lap_button_warmup_and_cooldown_by_default() -> None:
    out = add_warmup_cooldown(REPS).value
    first, *_, last = out.steps
    assert out.steps[1:-1] == REPS.steps
    for step, intensity in ((first, Intensity.WARMUP), (last, Intensity.COOLDOWN)):
        assert step.intensity is intensity
        assert step.length is LAP_BUTTON
        assert step.target == E and step.label == "E"
        assert "press lap" in step.note


def test_fixed_minutes_and_none() -> None:
    out = add_warmup_cooldown(HILLS, warmup=15, cooldown=10).value
    assert out.steps[0].length == Duration.minutes(15) and out.steps[-1].length == Duration.minutes(10)
    only_cool = add_warmup_cooldown(TEMPO, warmup=0).value
    assert only_cool.steps[0] == TEMPO.steps[0] and only_cool.steps[-1].intensity is Intensity.COOLDOWN


def test_easy_runs_and_strides_after_a_run_are_left_alone() -> None:
    assert add_warmup_cooldown(EASY).value is EASY
    assert add_warmup_cooldown(STRIDES).value is STRIDES


def test_existing_warmup_is_kept() -> None:
    framed = add_warmup_cooldown(REPS).value
    assert add_warmup_cooldown(framed).value is framed


def test_race_day_mile_structure() -> None:
    w = race_day_workout(goal="Mile")
    steps = w.steps
    warm = steps[0]
    assert warm.intensity is Intensity.WARMUP
    assert warm.length == LengthRange(low=Duration.minutes(15), high=Duration.minutes(20))
    assert steps[1].name == "Drills" and steps[1].length is LAP_BUTTON
    strides = steps[2]
    assert isinstance(strides, Repeat) and strides.count == 2
    assert steps[3].name == "To the line" and steps[3].length is LAP_BUTTON
    laps = [s for s in steps if isinstance(s, Step) and s.intensity is Intensity.INTERVAL]
    assert sum(s.length.metres for s in laps) == pytest.approx(MILE_M)
    assert laps[0].length.metres == pytest.approx(MILE_FIRST_LAP_M) == pytest.approx(409.344)
    assert [s.length.metres for s in laps[1:]] == [400, 400, 100, 100, 100, 100]
    assert laps[0].target == PaceRef(low="Mile", offset_s=2.5, per="km")  # +1 s per 400 m
    assert laps[1].target == laps[2].target == PaceRef(low="Mile")
    offsets = [s.target.offset_s for s in laps[3:6]]
    assert offsets == sorted(offsets, reverse=True) and len(set(offsets)) == 3  # each faster
    assert laps[6].target == PaceRef(low="Faster")
    assert steps[-1].intensity is Intensity.COOLDOWN


def test_race_day_paces_for_a_runner() -> None:
    w = choose_ranges(race_day_workout(goal="Mile")).value
    resolved = resolve_paces(w, Runner.parse_race("mile=6:00")).value
    laps = [s for s in resolved.steps if isinstance(s, Step) and s.intensity is Intensity.INTERVAL]
    lap1, lap2 = laps[0].target, laps[1].target
    assert isinstance(lap1, PaceRange) and isinstance(lap2, PaceRange)
    # 6:00 mile = 90 s per 400 m; lap 1 about 1 s slower per 400 m
    per400 = lambda r: r.mid.seconds_per("400m")  # noqa: E731
    assert per400(lap2) == pytest.approx(89.48, abs=0.1)
    assert per400(lap1) - per400(lap2) == pytest.approx(1.0, abs=0.05)
    assert resolved.steps[0].length == Duration.minutes(15)  # low end of 15-20, reported by choose


def test_race_day_fit_file_is_valid() -> None:
    from paceplan.writers.fit import encode_workout

    w = resolve_paces(choose_ranges(race_day_workout(goal="Mile")).value, Runner.parse_race("mile=6:00")).value
    data = encode_workout(w, key="race").value
    mesgs = verify_fit(data)
    dist = [m.get("duration_distance") for m in mesgs["workout_step_mesgs"] if m.get("intensity") == "interval"]
    assert dist[0] == pytest.approx(409.34, abs=0.01)


def test_other_race_distance() -> None:
    w = race_day_workout(distance=Distance(5000), name="5K race")
    race = [s for s in w.steps if isinstance(s, Step) and s.name == "Race"]
    assert race[0].length == Distance(5000) and race[0].target == PaceRef(low="5K")


def test_frame_session_by_kind() -> None:
    strength = Session(kind=SessionKind.STRENGTH, title="PT")
    assert frame_session(strength).value is strength
    race = Session(kind=SessionKind.RACE, title="Mile", workout=Workout(name="Mile", steps=(
        Step(intensity=Intensity.INTERVAL, length=Distance(MILE_M), target=PaceRef(low="Mile")),)))
    framed = frame_session(race, goal="GMP").value
    assert framed.kind is SessionKind.RACE and framed.workout.name == "Mile race"
    assert any(getattr(s, "name", None) == "Lap 1" for s in framed.workout.steps)
    run = Session(kind=SessionKind.RUN, title="400s", workout=REPS)
    assert frame_session(run).value.workout.steps[0].intensity is Intensity.WARMUP
    easy = Session(kind=SessionKind.RUN, title="easy", workout=EASY)
    assert frame_session(easy).value is easy
