"""Align the planned workout with a recorded run, step by step and rep by rep.

Two methods, chosen by what the file holds.

**Laps** (a FIT activity recorded while the watch ran the workout). Its laps carry
``wkt_step_index``, the FIT ``message_index`` of the workout step each ran (laps without one,
run before or after the workout, are left out with a warning). The model is laid out as a FIT
workout is written (each repeat's children first, then the repeat step), so each model step has
its index. The plan is unrolled (a count range up to its high end, iterations past the ``reps``
policy's choice being optional) and walked with the laps in order: a lap matches the next
planned entry with its index; entries jumped over were skipped on the watch (*missed*); a lap
whose index only occurs earlier is an *extra* rep; an index the plan does not have means the
file was recorded with another workout and is refused. Distance, timer and elapsed time are the
watch's own; standing found in the records is taken off the timer for pace.

**Segmented** (GPX, or a FIT activity without workout laps). The track (see :mod:`.track`:
spikes dropped, pauses cut from the timer, gaps interpolated, speed smoothed over 10 s) is cut
in plan order with a cursor on timer time. *Efforts* below are the work steps that are not easy
running (:func:`~.segments.effort_test`): ``interval`` steps, and ``active`` ones unless labelled
``E`` or well slower than the intervals beside them -- the notation reader writes ``15 min
easy``, a whole-run frame or a float as ``active`` steps.

1. A distance step ends where the cumulative distance has grown by its length -- or where a
   stop began, if the runner stood still at most 3 % (and at most 30 m, at least 5 s of running)
   short of it: summed GPS positions run a little short, and the stop is the rest that follows;
   a time step after its duration of timer time (a standing rest counts, a paused recorder does
   not). A warm-up followed by an effort is run loosely ("2 mi warm-up" is often 2 km): it ends
   at the first lasting rise of speed (as in 3.) between half and one and a half of its planned
   length, if there is one (before drills or another easy step, a rise is that step's end).
2. An effort that follows an easier step starts at the *onset* of the effort: within a window
   around the nominal boundary (half the previous step's length, at least 20 s, each side) the
   boundary moves to where the mean speed after it most exceeds the mean speed before it
   (windows of up to 30 s of *moving* time, so a stop is never mistaken for a change of effort;
   after a standing rest the rest's clock speed counts), weighted towards the nominal boundary,
   if that rise is at least 0.3 m/s and 10 %; after a standing rest an onset inside the stop
   moves to where the stop ends. The easier step ends there. Real recoveries are never exactly
   as long as planned; anchoring each rep to its effort keeps errors from adding up.
3. A lap-button step, or a length range, ends at the first lasting change of speed (a rise for
   an easy step, a fall for an effort) after 30 s (or within the range): the next 30 s of
   moving time against the step's own speed over up to 2 minutes before, by at least 0.25 m/s,
   6 % and four times what the recording's own speed noise gives for such windows, three
   quarters of it lasting a minute (failing that, the most prominent change if it reaches 60 %
   of the bar); the boundary goes where the rise peaks. A step that opens standing (waiting at
   the start line) is measured on the clock instead, and an easy lap-button step before a
   standing rest ends where a stop of 30 s or more begins. A final lap-button step (the cool-down)
   runs to the end of the file, and so does one that ends the plan's last planned rep when no
   change follows (``4 x 20 sec strides w/ lap recovery`` ends the run). Without any change a
   range ends at its ``lengths`` policy value and any other open step runs to the end of the
   file, with a warning.
4. Repeat counts: the ``reps`` policy picks the planned count of a range (as
   :func:`~paceplan.passes.choose.choose_count` does for the watch). An effort run below 85 %
   of the median speed of the block's reps so far (for the first rep: of the target's slow end,
   and only without a clear onset) is *missed*: it and the block's remaining planned reps are
   reported missed, and the cursor goes back to where that rep would have begun so that the
   cool-down still lines up. After the planned reps, further iterations are tried (up to a
   range's high end, then up to 3 beyond): one is kept only if each of its efforts starts
   with a clear onset, not standing, and runs at rep speed; past the plan it is *extra*.
5. A plan that starts with an effort (``6 x 400m``, no warm-up listed) starts at the first
   lasting rise of speed after which the recording runs well faster (the first minute below
   85 % of it; smaller rises, up to 10, are passed over): the warm-up before it, and running
   after the last step, are left out with a note. A plan that starts with easy running
   (``15 min easy + ...``, ``8 miles w/ ...``) starts with the file.
6. When the file ends, the step in progress is *partial* (*done* if it lacks at most 5 s of
   running, or 2 % of a distance: the watch stopped at the line) and the rest *not reached*.
   If more than half of the plan (by estimated time) is not in the file, it does not fit the plan and
   :func:`match_activity` raises :class:`~paceplan.errors.PlanValueError`.
"""


from __future__ import annotations

from dataclasses import replace

from ..errors import PlanValueError, warning
from ..model import LAP_BUTTON, LengthRange, Workout
from ..passes.choose import Policy
from ..units import Distance, Duration
from .activity import Activity
from .laps import match_laps
from .segmenter import Segmenter
from .segments import STATUSES, Match, Segment, clock, expected_seconds, fit_layout
from .track import Track

__all__ = ["STATUSES", "Match", "Segment", "fit_layout", "match_activity"]


def match_activity(workout: Workout, activity: Activity, track: Track, *, reps: Policy = "low",
                   lengths: Policy = "low") -> Match:
    """Align ``workout`` with ``activity`` (laps when the watch ran the workout, else segmented)."""
    layout = fit_layout(workout)
    if any(lap.step_index is not None for lap in activity.laps):
        result = match_laps(workout, activity, track, layout, reps)
    else:
        result = Segmenter(workout, track, layout, reps, lengths).run()
        if activity.laps:
            result = replace(result, warnings=(warning(
                f"{activity.name}: laps without workout step indices: matched by distance, time and speed instead",
                code="compare-no-step-index"), *result.warnings))
    _check_coverage(workout, activity, track, result)
    return result


def _check_coverage(workout: Workout, activity: Activity, track: Track, match: Match) -> None:
    """Refuse a file that holds less than half of the plan: it is the wrong file, or the wrong plan."""
    planned = 0.0
    missing = 0.0
    for s in match.segments:
        if s.status == "extra":
            continue
        seconds = expected_seconds(s.step)
        if s.step.length is LAP_BUTTON and s.timer_s is not None:
            seconds = s.timer_s
        planned += seconds
        if s.status == "not-reached":
            missing += seconds
        elif s.status == "partial" and s.timer_s is not None:
            length = s.step.length
            if isinstance(length, LengthRange):
                length = length.low
            if isinstance(length, Distance) and s.distance_m is not None:
                missing += seconds * max(0.0, 1 - s.distance_m / length.metres)
            elif isinstance(length, Duration):
                missing += max(0.0, seconds - s.timer_s)
    if planned and missing / planned > 0.5:
        covered = 100 * (1 - missing / planned)
        raise PlanValueError(
            f"{activity.name}: the recording ({track.total_distance / 1000:.2f} km in "
            f"{clock(track.end)}) holds only {covered:.0f}% of the workout '{workout.name}' "
            f"(about {clock(planned)} planned)",
            hint="is it the right file, and the right workout or --date? compare needs at least half of the plan",
            code="compare-mismatch")
