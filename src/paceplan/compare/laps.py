"""Matching by laps: a FIT activity recorded while the watch ran the workout.

See :mod:`.match` for the method. Lap distance, timer and elapsed time are the watch's own;
standing found in the records is taken off the timer for pace.
"""

from __future__ import annotations

from ..errors import Diagnostic, PlanValueError, Severity, warning
from ..model import LengthRange, Step, Workout
from ..passes.choose import Policy
from ..units import Distance, Duration
from .activity import Activity, Lap
from .segments import Entry, Match, Segment, unroll
from .track import Track, timer_at_elapsed

__all__ = ["match_laps"]

PARTIAL_FRACTION = 0.9
"""A lap shorter than this share of its step's planned length is *partial* (lap pressed early)."""


def match_laps(workout: Workout, activity: Activity, track: Track,
               layout: dict[tuple[int, ...], int], policy: Policy) -> Match:
    """Walk the unrolled plan with the laps in order (see :mod:`.match`)."""
    entries = list(unroll(workout.steps, (), layout, policy))
    known = set(layout.values())
    step_indices = {e.fit_index for e in entries}
    segments: list[Segment] = []
    warnings: list[Diagnostic] = []
    pos = 0
    outside = [lap for lap in activity.laps if lap.step_index is None]
    if outside:
        warnings.append(Diagnostic(
            f"{activity.name}: {len(outside)} lap(s) without a workout step (run before or after the "
            "workout) are left out of the steps", Severity.NOTE, code="compare-laps-outside"))
    for lap in activity.laps:
        idx = lap.step_index
        if idx is None:
            continue
        if idx not in step_indices:
            what = "a repeat step" if idx in known else "no step"
            raise PlanValueError(
                f"{activity.name}: lap {lap.index + 1} ran workout step {idx}, but step {idx} of "
                f"'{workout.name}' is {what} (the plan has {len(known)} FIT steps)",
                hint="the run was recorded with another workout: check --workout, --fit-workout or --date",
                code="compare-mismatch")
        j = next((k for k in range(pos, len(entries)) if entries[k].fit_index == idx), None)
        if j is None:
            last = max(k for k, e in enumerate(entries) if e.fit_index == idx)
            e = entries[last]
            done = sum(1 for s in segments if s.fit_index == idx)
            segments.append(_lap_segment(e, lap, track, "extra", rep=done + 1))
            continue
        for k in range(pos, j):
            if not entries[k].optional:
                segments.append(Segment(step=entries[k].step, fit_index=entries[k].fit_index,
                                        rep=entries[k].rep, reps=entries[k].reps, status="missed"))
        segments.append(_lap_segment(entries[j], lap, track, None, rep=entries[j].rep))
        pos = j + 1
    for e in entries[pos:]:
        if not e.optional:
            segments.append(Segment(step=e.step, fit_index=e.fit_index, rep=e.rep, reps=e.reps,
                                    status="not-reached"))
    skipped = sum(1 for s in segments if s.status == "missed")
    if skipped:
        warnings.append(warning(f"{activity.name}: {skipped} planned step(s) were skipped on the watch",
                                code="compare-missed"))
    return Match(segments=tuple(segments), method="laps", warnings=tuple(warnings))


def _lap_segment(entry: Entry, lap: Lap, track: Track, status: str | None, *, rep: int | None) -> Segment:
    t0 = timer_at_elapsed(track, lap.start_s)
    t1 = timer_at_elapsed(track, lap.start_s + lap.elapsed_s)
    standing = track.standing_between(t0, t1)
    if status is None:
        status = "done" if _complete(entry.step, lap.distance_m, lap.timer_s) else "partial"
    return Segment(step=entry.step, fit_index=entry.fit_index, rep=rep, reps=entry.reps, status=status,
                   found_by="lap", start_elapsed_s=lap.start_s, distance_m=lap.distance_m,
                   timer_s=lap.timer_s, moving_s=max(0.0, lap.timer_s - standing), elapsed_s=lap.elapsed_s)


def _complete(step: Step, distance: float | None, seconds: float) -> bool:
    length = step.length
    if isinstance(length, LengthRange):
        length = length.low
    if isinstance(length, Distance):
        return distance is not None and distance >= PARTIAL_FRACTION * length.metres
    if isinstance(length, Duration):
        return seconds >= PARTIAL_FRACTION * length.seconds
    return True
