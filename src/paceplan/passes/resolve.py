"""The pace pass: pace labels -> concrete watch bands for one runner; and session estimates.

:func:`resolve_paces` replaces every :class:`~paceplan.model.PaceRef` target with a
:class:`~paceplan.units.PaceRange`:

- a single label becomes its pace +-``band`` of speed (default 2 %); a label that already is a
  range (``E``) and a two-label range (``HM-10K``) keep their two ends, not widened, because the
  coach already gave a band;
- ``Step.label`` keeps the label text for display: the reader's text when it set one, otherwise
  the canonical form (``HM-10K``, ``HM -10s/mi``);
- a very short effort gets no pace alert (GPS pace is noise over it): when its duration, or the
  time its distance takes at the label's pace, is under ``min_alert_s`` (default 40 s; a
  :class:`~paceplan.model.LengthRange` counts by its low end), the target becomes None, the label
  stays, and a NOTE says so. ``min_alert_s=0`` keeps every alert.

Unknown labels are collected and raised together as one :class:`~paceplan.errors.PaceError`.

:func:`estimate` gives a workout's distance and time (resolved or not), for plan summaries,
calendars and HTML.
"""

from __future__ import annotations

import dataclasses
from typing import NamedTuple

from ..errors import Diagnostic, PaceError, Result, Severity, warning
from ..model import Intensity, LapButton, LengthRange, Node, PaceRef, Repeat, Step, Workout
from ..paces.refs import format_ref, parse_pace_ref
from ..paces.runner import Runner
from ..paces.table import DEFAULT_BAND, PaceTable, pace_table
from ..units import Distance, Duration, Pace, PaceRange

__all__ = ["DEFAULT_MIN_ALERT_S", "REPS_POLICIES", "Estimate", "estimate", "resolve_paces"]

DEFAULT_MIN_ALERT_S = 40.0
"""Efforts shorter than this get no pace alert (strides, hill sprints, 100-200 m reps)."""
REPS_POLICIES = ("low", "high", "mid")


def _table_of(table_or_runner: PaceTable | Runner | None, model: str) -> Result[PaceTable]:
    if isinstance(table_or_runner, PaceTable):
        return Result(table_or_runner)
    if table_or_runner is None or isinstance(table_or_runner, Runner):
        return pace_table(table_or_runner, model)
    raise TypeError(f"expected a PaceTable or a Runner, got {table_or_runner!r}")


def _low_length(length: object) -> Distance | Duration | None:
    if isinstance(length, LengthRange):
        return length.low
    if isinstance(length, (Distance, Duration)):
        return length
    return None


def _effort_seconds(length: object, pace: Pace) -> float | None:
    low = _low_length(length)
    if isinstance(low, Duration):
        return low.seconds
    if isinstance(low, Distance):
        return pace.seconds_per_km * low.metres / 1000.0
    return None


def resolve_paces(workout: Workout, table_or_runner: PaceTable | Runner | None = None, *,
                  band: float = DEFAULT_BAND, min_alert_s: float = DEFAULT_MIN_ALERT_S,
                  model: str = "vdot") -> Result[Workout]:
    """``workout`` with every pace label replaced by this runner's watch band (see module docs).

    ``table_or_runner`` is a :class:`~paceplan.paces.PaceTable`, or a
    :class:`~paceplan.paces.Runner` (or None, the default runner) whose table is built with
    ``model``; the table's own warnings are then part of the result.
    """
    if not 0 <= band < 0.5:
        raise PaceError(f"a pace band must be a fraction from 0 to 0.5, got {band!r}", code="bad-band")
    if min_alert_s < 0:
        raise PaceError(f"min_alert_s must be 0 or more, got {min_alert_s!r}", code="bad-option")
    built = _table_of(table_or_runner, model)
    table = built.value
    errors: list[Diagnostic] = []
    notes: list[Diagnostic] = []
    flagged: set[str] = set()
    warns: list[Diagnostic] = list(built.warnings)

    def check_labels(ref: PaceRef, step: Step) -> None:
        for label in (ref.low, ref.high):
            if label is None:
                continue
            entry = table.entry(label)
            if entry.extrapolated and entry.label not in flagged:
                flagged.add(entry.label)
                warns.append(warning(
                    f"{entry.label} pace is extrapolated by the {table.model} model beyond the range "
                    "it was fitted to", span=step.span,
                    hint=f"give it directly with --pace {entry.label}=M:SS/km", code="pace-extrapolated"))
            if entry.label == "GMP" and not table.has_goal and "GMP" not in flagged:
                flagged.add("GMP")
                warns.append(warning("goal mile pace used without a goal result: using the current "
                                     "mile pace", span=step.span, hint="set a goal with --goal mile=5:45",
                                     code="no-goal"))

    def step_of(step: Step) -> Step:
        ref = step.target
        if not isinstance(ref, PaceRef):
            return step
        label = step.label or format_ref(ref)
        try:
            check_labels(ref, step)
            rng = table.target(ref, band=band)
        except PaceError as exc:
            errors.extend(exc.with_span(step.span).diagnostics if step.span is not None else exc.diagnostics)
            return step
        seconds = _effort_seconds(step.length, table.lookup(ref).mid)
        if seconds is not None and seconds < min_alert_s:
            notes.append(Diagnostic(
                f"no pace alert for a {seconds:.0f} s effort at {label} (shorter than {min_alert_s:g} s; "
                "GPS pace is too noisy over it)", Severity.NOTE, step.span, code="short-effort"))
            return dataclasses.replace(step, target=None, label=label)
        return dataclasses.replace(step, target=rng, label=label)

    def node_of(node: Node) -> Node:
        if isinstance(node, Repeat):
            return dataclasses.replace(node, steps=tuple(node_of(n) for n in node.steps))
        return step_of(node)

    steps = tuple(node_of(n) for n in workout.steps)
    if errors:
        raise PaceError(diagnostics=errors)
    return Result(dataclasses.replace(workout, steps=steps), tuple(warns + notes))


class Estimate(NamedTuple):
    """A workout's estimated distance (metres) and time (seconds)."""

    distance_m: float
    time_s: float


def _pick(low: float, high: float, reps: str) -> float:
    if reps == "low":
        return low
    if reps == "high":
        return high
    return (low + high) / 2


def estimate(workout: Workout, table_or_runner: PaceTable | Runner | None = None, *,
             reps: str = "low", model: str = "vdot") -> Estimate:
    """Estimated distance and time of ``workout``, resolved or not.

    Each step runs at the middle of its target band; a step whose alert was dropped (short
    effort) at its label's pace; a step without a target at the middle of E pace. A REST step
    given by time adds time but no distance (standing or walking). A lap-button step (``jog
    down``) adds nothing. ``reps`` picks repeat counts and length ranges: ``low`` (default),
    ``high`` or ``mid`` (the arithmetic mean: an estimate may run 3.5 reps).
    """
    if reps not in REPS_POLICIES:
        raise PaceError(f"unknown reps policy {reps!r}", hint="use low, high or mid", code="bad-option")
    table = _table_of(table_or_runner, model).value
    easy = table.entry("E").pace.mid

    def pace_of(step: Step) -> Pace:
        if isinstance(step.target, PaceRange):
            return step.target.mid
        if isinstance(step.target, PaceRef):
            return table.lookup(step.target).mid
        if step.label:
            try:
                return table.lookup(parse_pace_ref(step.label)).mid
            except PaceError:
                pass
        return easy

    def length_of(length: object) -> Distance | Duration | None:
        if isinstance(length, LengthRange):
            lo, hi = length.low, length.high
            if isinstance(lo, Distance) and isinstance(hi, Distance):
                return Distance(_pick(lo.metres, hi.metres, reps))
            if isinstance(lo, Duration) and isinstance(hi, Duration):
                return Duration(_pick(lo.seconds, hi.seconds, reps))
        if isinstance(length, (Distance, Duration)):
            return length
        assert isinstance(length, LapButton)
        return None

    def total(nodes: tuple[Node, ...]) -> tuple[float, float]:
        dist = secs = 0.0
        for node in nodes:
            if isinstance(node, Repeat):
                count = node.count if isinstance(node.count, int) else _pick(node.count.low, node.count.high, reps)
                d, t = total(node.steps)
                dist += count * d
                secs += count * t
                continue
            length = length_of(node.length)
            pace = pace_of(node)
            if isinstance(length, Distance):
                dist += length.metres
                secs += pace.seconds_per_km * length.metres / 1000.0
            elif isinstance(length, Duration):
                secs += length.seconds
                if not (node.intensity is Intensity.REST and node.target is None):
                    dist += length.seconds / pace.seconds_per_km * 1000.0
        return dist, secs

    d, t = total(workout.steps)
    return Estimate(distance_m=d, time_s=t)
