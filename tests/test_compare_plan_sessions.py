"""Every distinct run session of the shipped 8-week mile plan, simulated and matched step by step.

Each session is compiled from ``templates/mile-8wk.yaml`` as ``paceplan build`` does, run by the
simulator, read back as GPX (segmented: distances, times and changes of speed) and as a FIT
activity with workout laps, and every step must be ``done`` and start near where the simulated
runner really began it. Two sessions once went wrong on GPX:

* ``3-4 x 1 mile @ HM w/ 1 min walk recovery``: the runner stands still for the walk. Summed GPS
  positions made the mile a few metres short, so its end was placed after the standing rest
  and every later step came a minute late.
* the race day (15 min warm-up, drills, strides, standing at the line, the mile lap by lap):
  the warm-up was ended at the first stride, as if the drills did not follow it; and, standing
  at the line seen through by moving-time windows, the race's start was taken for a third
  stride and the line's wait ended after 30 s.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import pytest
from fitcheck import verify_fit
from simulate import SimRun, simulate, to_fit, to_gpx

from paceplan import Runner, compare_workout, read_activity
from paceplan.build import BuildOptions, compile_plan
from paceplan.compare.segments import effort_test
from paceplan.model import Workout
from paceplan.readers.plan import read_plan
from paceplan.templates import template_path

RACE = "mile=6:00"
START = dt.date(2026, 3, 2)
OPEN_S = 90.0
"""How long the simulated runner takes over a lap-button step (drills, walk back, the line)."""
NOISE = {"clean": dict(noise_m=0.0), "gps-noise": dict(noise_m=1.5, seed=7)}
MORE_NOISE = {**NOISE, "gps-noise-1": dict(noise_m=1.5, seed=1), "gps-noise-3": dict(noise_m=1.5, seed=3)}
"""Further noisy runs for the two sessions that once went wrong."""
EFFORT_TOL_S = 6.0
OTHER_TOL_S = 10.0
OTHER_TOL_FRACTION = 0.01
"""Start tolerances: an effort is anchored at its onset; other steps are placed by distance or
time after long stretches, off by what summed GPS positions lose or gain (about 1 %)."""


@lru_cache(maxsize=1)
def sessions() -> dict[str, Workout]:
    """The plan's distinct run workouts, keyed by the first date each is run."""
    compiled = compile_plan(read_plan(template_path("mile-8wk")), Runner.parse_race(RACE), BuildOptions(start=START))
    out: dict[str, Workout] = {}
    for session in compiled.sessions:
        workout = session.workout
        if workout is not None and workout not in out.values():
            out[session.scheduled.date.isoformat()] = workout
    return out


def read_back(run: SimRun, fmt: str):  # type: ignore[no-untyped-def]
    if fmt == "gpx":
        return read_activity(to_gpx(run).encode(), name="run.gpx")
    data = to_fit(run, laps=True)
    verify_fit(data)
    return read_activity(data, name="run.fit")


def test_the_plan_has_the_sessions_these_tests_are_about() -> None:
    names = [w.name for w in sessions().values()]
    assert len(names) == 19
    assert "3-4 x 1 mile @ HM w/ 1 min walk" in names
    assert "Mile race" in names


@pytest.mark.parametrize("fmt", ["gpx", "fit-laps"])
@pytest.mark.parametrize("noise", sorted(NOISE))
@pytest.mark.parametrize("date", sorted(sessions()))
def test_every_mile_plan_session_lines_up_step_by_step(date: str, noise: str, fmt: str) -> None:
    workout = sessions()[date]
    run = simulate(workout, open_s=OPEN_S, **NOISE[noise])  # type: ignore[arg-type]
    result = compare_workout(workout, read_back(run, fmt))
    assert result.value.method == ("segmented" if fmt == "gpx" else "laps")
    rows = result.value.steps
    assert [(r.segment.step, r.segment.rep) for r in rows] == [(t.step, t.rep) for t in run.truth]
    assert [r.segment.status for r in rows] == ["done"] * len(rows)
    is_effort = effort_test(workout)
    for row, t in zip(rows, run.truth):
        start = row.segment.start_elapsed_s
        assert start is not None
        tol = EFFORT_TOL_S if is_effort(t.step) else max(OTHER_TOL_S, OTHER_TOL_FRACTION * t.start_s)
        assert abs(start - t.start_s) <= tol, (row.number, row.segment.step.name, start, t.start_s)
    codes = {w.code for w in result.warnings}
    assert not codes & {"compare-missed", "compare-open-step", "compare-extra-reps"}, codes


@pytest.mark.parametrize("noise", sorted(MORE_NOISE))
def test_a_mile_rep_ends_where_the_standing_walk_begins(noise: str) -> None:
    """The mile rep ends at the stop, a few metres short by GPS; the 1:00 walk is the stop."""
    (workout,) = [w for w in sessions().values() if w.name.startswith("3-4 x 1 mile")]
    run = simulate(workout, open_s=OPEN_S, **MORE_NOISE[noise])  # type: ignore[arg-type]
    rows = compare_workout(workout, read_back(run, "gpx")).value.steps
    assert [r.segment.status for r in rows] == ["done"] * len(run.truth)
    walks = [r for r in rows if r.segment.step.name == "walk"]
    assert len(walks) == 3
    for row in walks:
        seg = row.segment
        assert seg.timer_s == pytest.approx(60.0, abs=6.0)
        assert seg.moving_s is not None and seg.moving_s <= 10.0  # standing, not a slow mile's end
    reps = [r for r in rows if r.is_rep]
    for row, t in zip(reps, [t for t in run.truth if t.step.name is None and t.distance_m > 1000]):
        assert row.segment.elapsed_s == pytest.approx(t.end_s - t.start_s, abs=6.0)


@pytest.mark.parametrize("open_s", [OPEN_S, 300.0])
@pytest.mark.parametrize("noise", sorted(MORE_NOISE))
def test_race_day_lines_up_from_warmup_to_the_line(noise: str, open_s: float) -> None:
    """The 15:00 warm-up is not ended by the first stride (drills follow it); after the strides
    the runner stands at the line (``open_s``): no third stride is found in the race's start,
    and the wait ends when the race begins."""
    (workout,) = [w for w in sessions().values() if w.name == "Mile race"]
    run = simulate(workout, open_s=open_s, **MORE_NOISE[noise])  # type: ignore[arg-type]
    result = compare_workout(workout, read_back(run, "gpx"))
    rows = result.value.steps
    assert [r.segment.status for r in rows] == ["done"] * len(run.truth)
    assert result.value.summary.reps_run == result.value.summary.reps_planned
    for row, t in zip(rows, run.truth):
        assert abs(row.segment.start_elapsed_s - t.start_s) <= 10.0, (row.number, t.step.name)  # type: ignore[operator]
    warmup, drills = rows[0].segment, rows[1].segment
    assert (warmup.step.name, drills.step.name) == ("Warm-up", "Drills")
    assert warmup.found_by == "time" and warmup.timer_s == pytest.approx(900.0)
    line = next(r.segment for r in rows if r.segment.step.name == "To the line")
    assert line.elapsed_s == pytest.approx(open_s, abs=5.0)
