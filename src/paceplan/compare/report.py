"""Per-step results and a summary of a recorded run against its plan; a terminal table and JSON.

A step's pace is its moving time over its distance (standing and a paused recorder excluded).
It is *on target* inside the band (widened by ``tolerance_s_per_km`` each side), else *fast* or
*slow*; ``off_s_per_km`` is the distance to the nearer band edge (negative = faster than the fast
end, positive = slower than the slow end, 0 inside). The *reps* are the efforts inside repeats
(every effort when no repeat holds one); easy running is not an effort, even when written as an
``active`` step (see :func:`~paceplan.compare.segments.effort_test`). *Fade* is the
least-squares slope of rep pace against rep number in s/km per rep (positive = slowing), and
last minus first.

JSON schema ``paceplan.compare/1`` (stable: fields are only ever added)::

    {
      "schema": "paceplan.compare/1",
      "workout": str, "activity": str, "format": "gpx" | "fit",
      "method": "laps" | "segmented", "start": ISO-8601 UTC str | null,
      "steps": [{
        "number": int (1-based row), "step": str (the step's name, else "400 m", "warm-up 5:00", "cool-down lap button"),
        "intensity": "warmup" | "active" | "interval" | "recovery" | "rest" | "cooldown",
        "rep": int | null, "reps": str | null ("6", "6-10"), "is_rep": bool,
        "fit_step_index": int,
        "planned": {"kind": "distance" | "time" | "lap_button", "low": float | null,
                    "high": float | null}  (metres or seconds; high differs for ranges),
        "label": str | null ("HM-10K"),
        "target": {"fast_s_per_km": float, "slow_s_per_km": float, "text": str} | null,
        "status": "done" | "partial" | "missed" | "extra" | "not-reached",
        "found_by": "lap" | "distance" | "time" | "onset" | "speed change" | "end of file" | null,
        "start_s": float | null (seconds after the first sample),
        "distance_m", "timer_s", "moving_s", "elapsed_s", "stopped_s": float | null,
        "pace_s_per_km": float | null,
        "verdict": "on target" | "fast" | "slow" | null, "off_s_per_km": float | null
      }],
      "summary": {
        "reps_planned": int, "reps_run": int, "reps_with_target": int, "reps_on_target": int,
        "fastest_rep": int | null, "slowest_rep": int | null  (row numbers),
        "fade_s_per_km_per_rep": float | null, "fade_last_minus_first_s_per_km": float | null,
        "distance_m": float, "elapsed_s": float, "timer_s": float, "moving_s": float,
        "stopped_s": float, "stops": int, "gaps": int, "outliers": int
      },
      "series": {"interval_s": 5, "elapsed_s": [float], "distance_m": [float], "speed_mps": [float]},
      "warnings": [Diagnostic.as_dict()]
    }

Numbers are rounded (0.1 m, 0.1 s, 0.01 m/s) so that output is stable across platforms.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass
from typing import Any

from ..errors import Diagnostic, Result, warning
from ..model import LAP_BUTTON, LengthRange, PaceRef, Step, Workout, iter_steps
from ..passes.choose import Policy
from ..units import Distance, Pace, PaceRange, PaceUnit, format_clock
from .activity import Activity
from .match import Segment, match_activity
from .segments import effort_test, step_text
from .track import Track, build_track

__all__ = ["SCHEMA", "Comparison", "StepResult", "Summary", "compare_workout", "comparison_to_dict",
           "format_table"]

SCHEMA = "paceplan.compare/1"
SERIES_INTERVAL_S = 5


@dataclass(frozen=True, slots=True, kw_only=True)
class StepResult:
    """One row: a planned step (one iteration) and what was run."""

    number: int
    """1-based row number."""
    segment: Segment
    """The matched segment (step, status, boundaries, measurements)."""
    is_rep: bool
    """Counts as a rep in the summary."""
    pace: Pace | None
    """Moving time over distance, when both are known and the pace is a running pace."""
    verdict: str | None
    """``on target``, ``fast``, ``slow``; None without a target or a pace."""
    off_s_per_km: float | None
    """Seconds per km outside the band (negative fast, positive slow, 0 inside)."""

    @property
    def step(self) -> Step:
        return self.segment.step

    @property
    def target(self) -> PaceRange | None:
        t = self.segment.step.target
        return t if isinstance(t, PaceRange) else None

    @property
    def label(self) -> str | None:
        t = self.segment.step.target
        return self.segment.step.label or (str(t) if isinstance(t, PaceRef) else None)

    @property
    def stopped_s(self) -> float | None:
        s = self.segment
        if s.elapsed_s is None or s.moving_s is None:
            return None
        return max(0.0, s.elapsed_s - s.moving_s)


@dataclass(frozen=True, slots=True, kw_only=True)
class Summary:
    """The session at a glance."""

    reps_planned: int
    reps_run: int
    reps_with_target: int
    reps_on_target: int
    fastest_rep: int | None
    """Row number of the fastest rep run."""
    slowest_rep: int | None
    fade_s_per_km_per_rep: float | None
    """Least-squares slope of rep pace against rep number (positive: slowing)."""
    fade_last_minus_first_s_per_km: float | None
    distance_m: float
    elapsed_s: float
    timer_s: float
    moving_s: float
    stopped_s: float
    stops: int
    gaps: int
    outliers: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Comparison:
    """A recorded run against its planned workout."""

    workout: str
    activity: str
    format: str
    method: str
    start: _dt.datetime | None
    steps: tuple[StepResult, ...]
    summary: Summary
    series: tuple[tuple[float, float, float], ...]
    """(elapsed s, distance m, smoothed speed m/s) every :data:`SERIES_INTERVAL_S` of timer time."""


def compare_workout(workout: Workout, activity: Activity, *, reps: Policy = "low", lengths: Policy = "low",
                    tolerance_s_per_km: float = 0.0) -> Result[Comparison]:
    """Compare ``activity`` with ``workout`` rep by rep.

    Targets should be resolved (:func:`~paceplan.passes.resolve.resolve_paces`); steps still
    holding a :class:`~paceplan.model.PaceRef` are measured but not judged (with a warning).
    Raises :class:`~paceplan.errors.PlanValueError` when the file holds less than half the plan
    or was recorded with another workout.
    """
    track = build_track(activity)
    match = match_activity(workout, activity, track, reps=reps, lengths=lengths)
    warnings: list[Diagnostic] = list(match.warnings)
    if any(isinstance(s.target, PaceRef) for s in iter_steps(workout.steps)):
        warnings.append(warning("paces are labels only (no race result): steps are measured but not judged",
                                hint="give your race result with --race, e.g. --race 5K=20:00",
                                code="compare-unresolved"))
    is_effort = effort_test(workout)
    has_repeat_work = any(s.rep is not None and is_effort(s.step) for s in match.segments)
    rows = []
    for number, seg in enumerate(match.segments, 1):
        is_rep = is_effort(seg.step) and (seg.rep is not None or not has_repeat_work)
        pace = _pace(seg)
        verdict, off = _judge(seg.step, pace, tolerance_s_per_km)
        rows.append(StepResult(number=number, segment=seg, is_rep=is_rep, pace=pace, verdict=verdict,
                               off_s_per_km=off))
    summary = _summary(rows, track)
    series = tuple((round(track.elapsed_at(float(k)), 1), round(track.dist_at(float(k)), 1),
                    round(track.speed[k], 2)) for k in range(0, len(track.speed), SERIES_INTERVAL_S))
    comparison = Comparison(workout=workout.name, activity=activity.name, format=activity.format,
                            method=match.method, start=activity.start, steps=tuple(rows),
                            summary=summary, series=series)
    return Result(comparison, tuple(warnings))


def _pace(seg: Segment) -> Pace | None:
    if seg.status not in ("done", "partial", "extra") or not seg.distance_m or not seg.moving_s:
        return None
    s_per_km = seg.moving_s / seg.distance_m * 1000
    try:
        return Pace(s_per_km)
    except ValueError:  # standing still or a car ride: not a running pace
        return None


def _judge(step: Step, pace: Pace | None, tolerance: float) -> tuple[str | None, float | None]:
    band = step.target
    if pace is None or not isinstance(band, PaceRange):
        return None, None
    p = pace.seconds_per_km
    fast, slow = band.fast.seconds_per_km, band.slow.seconds_per_km
    off = p - fast if p < fast else (p - slow if p > slow else 0.0)
    if p < fast - tolerance:
        return "fast", off
    if p > slow + tolerance:
        return "slow", off
    return "on target", off


def _summary(rows: list[StepResult], track: Track) -> Summary:
    reps = [r for r in rows if r.is_rep]
    run = [r for r in reps if r.pace is not None]
    ys = [r.pace.seconds_per_km for r in reps if r.pace is not None]  # one per ``run`` entry
    judged = [r for r in run if r.verdict is not None]
    # index() finds the first extreme, as min()/max() with a key would.
    fastest = run[ys.index(min(ys))].number if run else None
    slowest = run[ys.index(max(ys))].number if run else None
    slope = last_first = None
    if len(run) >= 2:
        xs = list(range(1, len(ys) + 1))
        mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
        slope = sum((x - mx) * (y - my) for x, y in zip(xs, ys)) / sum((x - mx) ** 2 for x in xs)
        last_first = ys[-1] - ys[0]
    elapsed = track.elapsed[-1] - track.elapsed[0]
    standing = track.standing_between(0.0, track.end)
    return Summary(
        reps_planned=sum(1 for r in reps if r.segment.status != "extra"),
        reps_run=len(run), reps_with_target=len(judged),
        reps_on_target=sum(1 for r in judged if r.verdict == "on target"),
        fastest_rep=fastest, slowest_rep=slowest, fade_s_per_km_per_rep=slope,
        fade_last_minus_first_s_per_km=last_first, distance_m=track.total_distance, elapsed_s=elapsed,
        timer_s=track.end, moving_s=track.end - standing, stopped_s=elapsed - (track.end - standing),
        stops=len(track.stops), gaps=len(track.gaps), outliers=track.outliers)


# --- output -----------------------------------------------------------------------------------

def _planned(step: Step) -> dict[str, Any]:
    length = step.length
    if length is LAP_BUTTON:
        return {"kind": "lap_button", "low": None, "high": None}
    low, high = (length.low, length.high) if isinstance(length, LengthRange) else (length, length)
    value = (lambda v: v.metres) if isinstance(low, Distance) else (lambda v: v.seconds)  # noqa: E731
    return {"kind": "distance" if isinstance(low, Distance) else "time",
            "low": round(value(low), 1), "high": round(value(high), 1)}


def _r(value: float | None, digits: int = 1) -> float | None:
    return None if value is None else round(value, digits)


def comparison_to_dict(comparison: Comparison, warnings: tuple[Diagnostic, ...] = ()) -> dict[str, Any]:
    """The comparison as plain data, in the documented ``paceplan.compare/1`` schema."""
    steps = []
    for row in comparison.steps:
        seg = row.segment
        target = row.target
        steps.append({
            "number": row.number, "step": step_text(seg.step), "intensity": seg.step.intensity.value,
            "rep": seg.rep, "reps": seg.reps, "is_rep": row.is_rep, "fit_step_index": seg.fit_index,
            "planned": _planned(seg.step), "label": row.label,
            "target": None if target is None else {
                "fast_s_per_km": round(target.fast.seconds_per_km, 1),
                "slow_s_per_km": round(target.slow.seconds_per_km, 1), "text": target.format()},
            "status": seg.status, "found_by": seg.found_by, "start_s": _r(seg.start_elapsed_s),
            "distance_m": _r(seg.distance_m), "timer_s": _r(seg.timer_s), "moving_s": _r(seg.moving_s),
            "elapsed_s": _r(seg.elapsed_s), "stopped_s": _r(row.stopped_s),
            "pace_s_per_km": _r(row.pace.seconds_per_km if row.pace else None),
            "verdict": row.verdict, "off_s_per_km": _r(row.off_s_per_km),
        })
    s = comparison.summary
    return {
        "schema": SCHEMA, "workout": comparison.workout, "activity": comparison.activity,
        "format": comparison.format, "method": comparison.method,
        "start": comparison.start.isoformat().replace("+00:00", "Z") if comparison.start else None,
        "steps": steps,
        "summary": {
            "reps_planned": s.reps_planned, "reps_run": s.reps_run, "reps_with_target": s.reps_with_target,
            "reps_on_target": s.reps_on_target, "fastest_rep": s.fastest_rep, "slowest_rep": s.slowest_rep,
            "fade_s_per_km_per_rep": _r(s.fade_s_per_km_per_rep, 2),
            "fade_last_minus_first_s_per_km": _r(s.fade_last_minus_first_s_per_km),
            "distance_m": _r(s.distance_m), "elapsed_s": _r(s.elapsed_s), "timer_s": _r(s.timer_s),
            "moving_s": _r(s.moving_s), "stopped_s": _r(s.stopped_s), "stops": s.stops, "gaps": s.gaps,
            "outliers": s.outliers,
        },
        "series": {"interval_s": SERIES_INTERVAL_S,
                   "elapsed_s": [p[0] for p in comparison.series],
                   "distance_m": [p[1] for p in comparison.series],
                   "speed_mps": [p[2] for p in comparison.series]},
        "warnings": [w.as_dict() for w in warnings],
    }


def _dist_text(metres: float | None) -> str:
    if metres is None:
        return "-"
    return f"{metres:.0f} m" if metres < 1000 else f"{metres / 1000:.2f} km"


def _off_text(row: StepResult, unit: PaceUnit) -> str:
    if row.verdict is None:
        return "-" if row.pace is None or row.label is None else "(no paces)"
    if row.verdict == "on target":
        return "on target"
    off = abs(row.off_s_per_km or 0.0) * (1609.344 / 1000 if unit == "mi" else 1.0)
    # Under half a second rounds to "by 0": say "by <1" so the verdict and the number agree.
    return f"{row.verdict} by {off:.0f} s/{unit}" if off >= 0.5 else f"{row.verdict} by <1 s/{unit}"


def _signed(value: float, decimals: int) -> str:
    """``+1.5``, ``-3``, and ``0`` rather than ``-0``."""
    text = f"{value:+.{decimals}f}"
    return "0" if float(text) == 0 else text


def format_table(comparison: Comparison, *, unit: PaceUnit = "km") -> str:
    """A fixed-width table of every step, then the summary, for a terminal."""
    header = ("#", "step", "rep", "target", "distance", "time", "pace", "result")
    lines: list[tuple[str, ...]] = []
    for row in comparison.steps:
        seg = row.segment
        target = row.target.format(unit) if row.target else (row.label or "-")
        if row.target and row.label:
            target = f"{row.label} {target}"
        if seg.status in ("missed", "not-reached"):
            lines.append((str(row.number), step_text(seg.step), _rep(seg), target, "-", "-", "-", seg.status))
            continue
        time = format_clock(seg.moving_s) if seg.moving_s is not None else "-"
        if row.stopped_s and row.stopped_s >= 1:
            time += f" (+{format_clock(row.stopped_s)} stopped)"
        result = _off_text(row, unit)
        if seg.status != "done":
            result = f"{seg.status}; {result}" if result != "-" else seg.status
        lines.append((str(row.number), step_text(seg.step), _rep(seg), target, _dist_text(seg.distance_m),
                      time, row.pace.format(unit) if row.pace else "-", result))
    widths = [max(len(r[i]) for r in [header, *lines]) for i in range(len(header))]
    out = [f"{comparison.workout}  vs  {comparison.activity}"
           + (f"  ({comparison.start:%Y-%m-%d %H:%M} UTC)" if comparison.start else ""), ""]
    for r in [header, *lines]:
        out.append("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip())
    s = comparison.summary
    out.append("")
    reps = f"reps: {s.reps_run} of {s.reps_planned} run"
    if s.reps_with_target:
        reps += f", {s.reps_on_target} of {s.reps_with_target} on target"
    out.append(reps)
    by_number = {r.number: r for r in comparison.steps}
    if s.fastest_rep is not None and s.slowest_rep is not None:
        fast, slow = by_number[s.fastest_rep].pace, by_number[s.slowest_rep].pace
        if fast is not None and slow is not None:  # always: they are chosen among reps with a pace
            out.append(f"fastest: #{s.fastest_rep} {fast.format(unit)}; "
                       f"slowest: #{s.slowest_rep} {slow.format(unit)}")
    if s.fade_s_per_km_per_rep is not None and s.fade_last_minus_first_s_per_km is not None:
        k = 1609.344 / 1000 if unit == "mi" else 1.0
        out.append(f"fade: {_signed(s.fade_s_per_km_per_rep * k, 1)} s/{unit} per rep "
                   f"(last minus first {_signed(s.fade_last_minus_first_s_per_km * k, 0)} s/{unit})")
    total = f"total: {_dist_text(s.distance_m)} in {format_clock(s.elapsed_s)}"
    if s.stopped_s >= 1:
        total += f" ({format_clock(s.stopped_s)} stopped in {s.stops} stop{'s' if s.stops != 1 else ''})"
    out.append(total)
    if s.gaps or s.outliers:
        out.append(f"recording: {s.gaps} gap(s) interpolated, {s.outliers} GPS spike(s) dropped")
    return "\n".join(out) + "\n"


def _rep(seg: Segment) -> str:
    return "-" if seg.rep is None else f"{seg.rep}/{seg.reps}"

