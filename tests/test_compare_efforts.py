"""Plans that open with easy running, matched step by step against the simulator's truth.

The notation reader writes easy running (``15 min easy``, the frame of ``8 miles w/ 5x600m @
5K``, the ``30 min`` before strides) as an ``active`` step, a work intensity, and the efforts as
``interval`` steps. The matcher once took such a plan for one that starts with a rep: it skipped
the easy running as an unplanned warm-up ("the workout starts 15:00 into the recording") and
marked the reps missed. These tests pin every step's boundaries, the rep count and the warnings
for such plans, read back as GPX and as FIT (with and without laps), and through the CLI.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from fitcheck import verify_fit
from simulate import SimRun, Truth, simulate, to_fit, to_gpx

from paceplan import Runner, choose_ranges, compare_workout, read_activity, read_workout, resolve_paces
from paceplan.compare.segments import effort_test
from paceplan.model import Intensity, Repeat, Step, Workout, iter_steps
from paceplan.units import Distance, PaceRange

RACE = "mile=6:00"
PLANS = {
    "easy-time": "15 min easy + 6 x 400m @ Mile w/ 400m jog",
    "easy-distance": "2 mi easy + 6 x 400m @ Mile w/ 400m jog + 1 mi easy",
    "whole-run-frame": "8 miles w/ 5x600m @ 5K",
    "mile-plan-strides": "30 min + 4 x 20 sec strides",
}
NOISE = {
    # simulator settings, then tolerances (s) on the start of an effort and of any other step.
    # A boundary found by distance after a long stretch (a 3.2 km easy start, five 600s run back
    # to back) is off by what summed GPS positions lose or gain on it: about 0.4 % on the
    # simulator's 400 m loop without noise, up to about 1 % with it. Each effort that follows
    # easier running is re-anchored at its onset.
    "clean": (dict(noise_m=0.0), 3.0, 5.0),
    "gps-noise": (dict(noise_m=1.5, seed=7), 6.0, 10.0),
}
RECOVERY_S = 90.0
"""How long the simulated runner takes over a lap-button recovery."""


def planned(text: str) -> Workout:
    return choose_ranges(resolve_paces(read_workout(text), Runner.parse_race(RACE)).value).value


def efforts(run: SimRun) -> list[Truth]:
    return [t for t in run.truth if t.step.intensity is Intensity.INTERVAL]


def read_back(run: SimRun, fmt: str):  # type: ignore[no-untyped-def]
    if fmt == "gpx":
        return read_activity(to_gpx(run).encode(), name="run.gpx")
    data = to_fit(run, laps=fmt == "fit-laps")
    verify_fit(data)
    return read_activity(data, name="run.fit")


QUIET = {"compare-before", "compare-after", "compare-missed", "compare-open-step", "compare-extra-reps"}
"""None of these may be reported for a run that followed the plan exactly."""


@pytest.mark.parametrize("fmt", ["gpx", "fit-no-laps"])
@pytest.mark.parametrize("noise", sorted(NOISE))
@pytest.mark.parametrize("plan", sorted(PLANS))
def test_a_plan_opening_with_easy_running_lines_up_step_by_step(plan: str, noise: str, fmt: str) -> None:
    sim, effort_tol, other_tol = NOISE[noise]
    workout = planned(PLANS[plan])
    run = simulate(workout, open_s=RECOVERY_S, **sim)  # type: ignore[arg-type]
    result = compare_workout(workout, read_back(run, fmt))
    assert result.value.method == "segmented"
    rows = result.value.steps
    assert len(rows) == len(run.truth)
    assert [r.segment.status for r in rows] == ["done"] * len(rows)
    # The easy running is the plan's first step, from the first sample: no warm-up is skipped.
    assert rows[0].segment.start_elapsed_s == 0.0
    for row, t in zip(rows, run.truth):
        seg = row.segment
        assert (seg.step, seg.rep, seg.fit_index) == (t.step, t.rep, t.fit_index)
        tol = effort_tol if t.step.intensity is Intensity.INTERVAL else other_tol
        off = abs(seg.start_elapsed_s - t.start_s)  # type: ignore[operator]
        assert off <= tol, (row.number, seg.start_elapsed_s, t.start_s)
    # The reps are the efforts, and only they.
    reps = [r for r in rows if r.is_rep]
    truth = efforts(run)
    assert [r.segment.fit_index for r in reps] == [t.fit_index for t in truth]
    summary = result.value.summary
    assert (summary.reps_planned, summary.reps_run) == (len(truth), len(truth))
    for row, t in zip(reps, truth):
        assert row.pace is not None
        tolerance = 0.02 * t.pace_s_per_km if noise == "clean" else max(0.06 * t.pace_s_per_km, 5000 / t.distance_m)
        assert abs(row.pace.seconds_per_km - t.pace_s_per_km) <= tolerance, (row.number, row.pace, t.pace_s_per_km)
        if noise == "clean" and isinstance(t.step.target, PaceRange):
            assert row.verdict == "on target", (row.number, row.pace)
    assert not {w.code for w in result.warnings} & QUIET, [w.message for w in result.warnings]


@pytest.mark.parametrize("plan", sorted(PLANS))
def test_fit_laps_of_a_plan_opening_with_easy_running(plan: str) -> None:
    workout = planned(PLANS[plan])
    run = simulate(workout, open_s=RECOVERY_S, noise_m=1.0, seed=2)
    result = compare_workout(workout, read_back(run, "fit-laps"))
    assert result.value.method == "laps"
    rows = result.value.steps
    assert [r.segment.status for r in rows] == ["done"] * len(run.truth)
    for row, t in zip(rows, run.truth):
        assert row.segment.start_elapsed_s == pytest.approx(t.start_s, abs=1.0)
    reps = [r for r in rows if r.is_rep]
    assert [r.segment.fit_index for r in reps] == [t.fit_index for t in efforts(run)]
    assert result.value.summary.reps_run == len(efforts(run))
    assert not result.warnings


@pytest.mark.parametrize("noise", [0.0, 1.5])
def test_an_unplanned_warmup_before_notation_reps_is_still_skipped(noise: float) -> None:
    """The runner ran easy, the reps and easy again; the plan lists only the reps."""
    ran = planned(PLANS["easy-distance"])
    run = simulate(ran, noise_m=noise, seed=6)
    result = compare_workout(planned("6 x 400m @ Mile w/ 400m jog"), read_back(run, "gpx"))
    reps = [r for r in result.value.steps if r.is_rep]
    assert [r.segment.status for r in reps] == ["done"] * 6
    for row, t in zip(reps, efforts(run)):
        assert abs(row.segment.start_elapsed_s - t.start_s) <= 6  # type: ignore[operator]
    assert [w.code for w in result.warnings] == ["compare-before", "compare-after"]


def test_easy_floats_inside_a_repeat_are_not_reps() -> None:
    """``4 x 1 mi @ T w/ 3 min easy``: the floats are ``active`` steps at E pace, not reps that
    were run too slowly (which once marked every rep missed)."""
    workout = planned("4 x 1 mi @ T w/ 3 min easy")
    run = simulate(workout, noise_m=0.0)
    result = compare_workout(workout, read_back(run, "gpx"))
    rows = result.value.steps
    assert [r.segment.status for r in rows] == ["done"] * 8
    assert [r.is_rep for r in rows] == [True, False] * 4
    for row, t in zip(rows, run.truth):
        assert abs(row.segment.start_elapsed_s - t.start_s) <= 3  # type: ignore[operator]
    assert (result.value.summary.reps_planned, result.value.summary.reps_run) == (4, 4)
    assert not result.warnings


def test_effort_test() -> None:
    def kinds(workout: Workout) -> list[bool]:
        test = effort_test(workout)
        return [test(s) for s in iter_steps(workout.steps)]

    assert kinds(planned(PLANS["easy-time"])) == [False, True, False]
    assert kinds(planned(PLANS["whole-run-frame"])) == [False, True, False]
    assert kinds(planned("10 x 1 min hard / 1 min easy")) == [True, False]
    assert kinds(read_workout(PLANS["easy-time"])) == [False, True, False]  # unresolved: PaceRef("E")
    assert kinds(planned("5 km")) == [True]  # an easy run is its own effort
    # Hand-built or FIT workouts may mark their reps ACTIVE: with no INTERVAL step, ACTIVE is work.
    band, easy = PaceRange.parse("3:40-3:50/km"), PaceRange.parse("5:10-5:40/km")
    hand = Workout(name="hand", steps=(
        Step(intensity=Intensity.ACTIVE, length=Distance(3000), target=easy),
        Repeat(count=4, steps=(Step(intensity=Intensity.ACTIVE, length=Distance(400), target=band),
                               Step(intensity=Intensity.RECOVERY, length=Distance(200))))))
    assert kinds(hand) == [True, True, False]
    # Beside INTERVAL reps, an ACTIVE step with a well slower target is easy; one about as fast is not.
    mixed = Workout(name="mixed", steps=(
        Step(intensity=Intensity.ACTIVE, length=Distance(3000), target=easy),
        Step(intensity=Intensity.ACTIVE, length=Distance(1000), target=PaceRange.parse("3:55-4:05/km")),
        Repeat(count=4, steps=(Step(intensity=Intensity.INTERVAL, length=Distance(400), target=band),
                               Step(intensity=Intensity.RECOVERY, length=Distance(200))))))
    assert kinds(mixed) == [False, True, True, False]


def test_mile_plan_tuesday_through_the_cli(tmp_path: Path) -> None:
    """``paceplan compare --plan mile-8wk --date``: the Tuesday easy run with strides."""
    from paceplan.build import BuildOptions, compile_plan
    from paceplan.cli import main
    from paceplan.readers.plan import read_plan
    from paceplan.templates import template_path

    path = template_path("mile-8wk")
    compiled = compile_plan(read_plan(path), Runner.parse_race(RACE), BuildOptions(start=dt.date(2026, 3, 2)))
    (session,) = [s for s in compiled.sessions if s.scheduled.date == dt.date(2026, 3, 3)]
    assert session.workout is not None
    run = simulate(session.workout, noise_m=1.0, seed=4, open_s=RECOVERY_S)
    gpx = tmp_path / "tue.gpx"
    gpx.write_text(to_gpx(run), encoding="utf-8")
    result = CliRunner().invoke(main, ["compare", str(gpx), "--plan", str(path), "--date", "2026-03-03",
                                       "--start", "2026-03-02", "--race", RACE, "--json"], catch_exceptions=False)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    data = json.loads(result.stdout)
    assert data["workout"].startswith("30 min run + 4 x 20 sec strides")
    assert [s["status"] for s in data["steps"]] == ["done"] * len(run.truth)
    assert data["steps"][0]["start_s"] == 0.0 and not data["steps"][0]["is_rep"]
    assert [s["step"] for s in data["steps"] if s["is_rep"]] == ["strides"] * 4
    for step, t in zip(data["steps"], run.truth):
        assert abs(step["start_s"] - t.start_s) <= 6, (step["number"], step["start_s"], t.start_s)
    assert data["summary"]["reps_run"] == 4 and data["warnings"] == []
