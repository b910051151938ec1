"""One SVG chart per workout, and the timeline and estimate the chart is drawn from.

A workout becomes a row of bars: width by (estimated) time, height by speed, coloured by
intensity. A step with a pace target also shows its band as a darker strip between the slow and
the fast end, so the bar's top sits inside it. A repeat gets a bracket over the repeated block
labelled ``×6`` (``×6–10`` for a count range, drawn at the low end); nested repeats stack their
brackets. Repeats are unrolled rep by rep, unless that would draw more than
:data:`MAX_UNROLLED_BARS` bars, in which case one rep is drawn stretched to the whole block's
time (the bracket then says ``×N`` over a single pattern).

The chart carries its own text alternative (``role="img"``, ``<title>`` and ``<desc>``), and
:func:`describe_workout` gives the same description as plain text for the page and the terminal.

Drawing needs a speed and a width for every step, because a plan cell rarely says everything:

- a step with a pace target is drawn at the middle of its band; a step whose label is in the pace
  table (``paces``) at that pace; any other running step at easy pace (``E`` from the table, else
  ``easy``, else :data:`DEFAULT_EASY`, the E pace of the default 7:04-mile runner);
- a work rep with no pace at all at :data:`HARD_SPEEDUP` times easy speed; a rest at
  :data:`WALK_PACE`; the y axis starts at :data:`SPEED_FLOOR` of the top speed, so easy and fast
  differ clearly;
- a lap-button step is drawn :data:`LAP_BUTTON_SECONDS` wide for its intensity (warm-up 10 min,
  a jog-down recovery 2 min), faded to show it is open-ended;
- ranges at their low end (``6-10 x`` as 6, ``45 - 60 min`` as 45 min), the ``choose`` default.

The distance and time printed (:func:`estimate_workout`) are the pace pass's shared estimate
(:func:`paceplan.passes.resolve.estimate`): the same rules, except that lap-button steps count for
nothing and a rest by time adds no distance; each guess is listed in ``Estimate.assumptions``.

Nothing here prints or touches files; every function is pure and deterministic.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from html import escape
from typing import TYPE_CHECKING, Literal, TypeGuard, Union

from ..labels import canonical_label
from ..model import LAP_BUTTON, CountRange, Intensity, LengthRange, Node, PaceRef, Repeat, Step, Workout
from ..units import MILE_M, PACE_UNITS, Distance, Duration, Pace, PaceRange

if TYPE_CHECKING:
    from ..paces import PaceTable as _RunnerTable

__all__ = [
    "DEFAULT_EASY",
    "HARD_SPEEDUP",
    "INTENSITY_COLOURS",
    "INTENSITY_WORDS",
    "LAP_BUTTON_SECONDS",
    "MAX_UNROLLED_BARS",
    "WALK_PACE",
    "Estimate",
    "PaceTable",
    "Units",
    "describe_node",
    "describe_step",
    "describe_workout",
    "estimate_workout",
    "format_distance",
    "format_duration",
    "format_length",
    "format_minutes",
    "lookup_pace",
    "max_speed",
    "render_workout_svg",
]

Units = Literal["km", "mi"]
PaceTable = Union[Mapping[str, Union[PaceRange, Pace]], "_RunnerTable"]
"""A runner's paces: :class:`paceplan.paces.PaceTable` (what ``pace_table`` returns), or a plain
mapping of label (``"E"``, ``"HM"``, ``"HM-10K"``) to a band or a single pace."""

DEFAULT_EASY = PaceRange(slow=Pace(396.0), fast=Pace(351.0))
"""E pace (5:51-6:36/km) of the default runner (a 7:04 mile, VDOT 40.3)."""
WALK_PACE = Pace(720.0)
"""A walking recovery, 12:00/km (5 km/h)."""
HARD_SPEEDUP = 1.3
"""A work rep with no pace runs this many times faster than easy (about 5K effort)."""
LAP_BUTTON_SECONDS: dict[Intensity, float] = {
    Intensity.WARMUP: 600.0,
    Intensity.COOLDOWN: 600.0,
    Intensity.RECOVERY: 120.0,
    Intensity.REST: 120.0,
    Intensity.ACTIVE: 600.0,
    Intensity.INTERVAL: 60.0,
}
"""How long a lap-button step is assumed to last, by intensity (a jog-down after a hill rep is a
recovery: 2 min)."""
MAX_UNROLLED_BARS = 400
"""Above this many bars a repeat is drawn as one stretched rep rather than rep by rep."""

INTENSITY_COLOURS: dict[Intensity, str] = {
    Intensity.WARMUP: "#5d7389",
    Intensity.ACTIVE: "#1f6fb2",
    Intensity.INTERVAL: "#c2410c",
    Intensity.RECOVERY: "#4f8a5b",
    Intensity.REST: "#7b8189",
    Intensity.COOLDOWN: "#5d7389",
}
"""Bar colours; each has at least 3:1 contrast on white (WCAG 1.4.11 for graphics)."""

INTENSITY_WORDS: dict[Intensity, str] = {
    Intensity.WARMUP: "warm-up",
    Intensity.ACTIVE: "run",
    Intensity.INTERVAL: "rep",
    Intensity.RECOVERY: "recovery",
    Intensity.REST: "rest",
    Intensity.COOLDOWN: "cool-down",
}


# -- paces ---------------------------------------------------------------------------------------

def _as_range(value: PaceRange | Pace) -> PaceRange:
    return value if isinstance(value, PaceRange) else PaceRange.single(value)


_OFFSET = re.compile(r"^\s*(.+?)\s*([+-]\d+(?:\.\d+)?)\s*s\s*/\s*(km|mi|400m)\s*$")


def lookup_pace(paces: PaceTable | None, label: str | None) -> PaceRange | None:
    """The band for a label in a pace table: exact, canonical (``5k`` is ``5K``), or a range of
    two labels (``HM-10K`` spans both), else None. A :class:`paceplan.paces.PaceTable` answers
    through its own ``lookup`` (which also reads offsets such as ``HM -10s/mi``)."""
    if paces is None or not label:
        return None
    if _is_runner_table(paces):
        from ..errors import PlanError

        try:
            return paces.lookup(label)
        except PlanError:
            shifted = _OFFSET.match(label)
            return _shifted(paces, shifted) if shifted else None
    if not isinstance(paces, Mapping) or not paces:
        return None
    shifted = _OFFSET.match(label)
    if shifted:
        return _shifted(paces, shifted)
    if label in paces:
        return _as_range(paces[label])
    canon = canonical_label(label)
    if canon is not None and canon in paces:
        return _as_range(paces[canon])
    if "-" in label:
        first, second = label.split("-", 1)
        a, b = lookup_pace(paces, first.strip()), lookup_pace(paces, second.strip())
        if a is not None and b is not None:
            return PaceRange.of(max(a.slow, b.slow), min(a.fast, b.fast))
    return None


def _shifted(paces: PaceTable, shifted: re.Match[str]) -> PaceRange | None:
    """The base label's band moved by seconds per unit: ``Mile -2s/400m`` (the race-day laps)."""
    base = lookup_pace(paces, shifted.group(1))
    if base is None:
        return None
    delta = float(shifted.group(2)) * 1000.0 / PACE_UNITS[shifted.group(3)]
    try:
        return PaceRange(slow=Pace(base.slow.seconds_per_km + delta), fast=Pace(base.fast.seconds_per_km + delta))
    except ValueError:
        return None


def _is_runner_table(paces: object) -> TypeGuard[_RunnerTable]:
    """True for :class:`paceplan.paces.PaceTable` (duck-typed: writers need not import it)."""
    return hasattr(paces, "lookup") and hasattr(paces, "as_mapping") and hasattr(paces, "entries")


def _easy(paces: PaceTable | None, easy: PaceRange | Pace | None) -> PaceRange:
    found = lookup_pace(paces, "E")
    if found is not None:
        return found
    return _as_range(easy) if easy is not None else DEFAULT_EASY


@dataclass(frozen=True, slots=True)
class _Pacing:
    speed: float
    """Metres per second the bar is drawn at and the estimate uses."""
    band: PaceRange | None
    """The target band shown on the chart, if any."""
    label: str | None
    """The label text to show (``HM-10K``)."""
    unresolved: bool
    """True when the step names a pace the table did not know."""


def _pacing(step: Step, paces: PaceTable | None, easy: PaceRange) -> _Pacing:
    target = step.target
    if isinstance(target, PaceRange):
        return _Pacing(target.mid.speed_mps, target, step.label, False)
    label = step.label
    if isinstance(target, PaceRef):
        label = label or str(target)
        found = _lookup_ref(paces, target) or lookup_pace(paces, str(target)) or (
            lookup_pace(paces, target.low) if target.high is None and not target.offset_s
            and target.percent is None else None)
        if found is not None:
            return _Pacing(found.mid.speed_mps, found, label, False)
        return _Pacing(_fallback_speed(step, easy), None, label, True)
    found = lookup_pace(paces, label)
    if found is not None:
        return _Pacing(found.mid.speed_mps, found, label, False)
    return _Pacing(_fallback_speed(step, easy), None, label, False)


def _lookup_ref(paces: PaceTable | None, ref: PaceRef) -> PaceRange | None:
    if not _is_runner_table(paces):
        return None
    from ..errors import PlanError

    try:
        return paces.lookup(ref)
    except PlanError:
        return None


def _fallback_speed(step: Step, easy: PaceRange) -> float:
    if step.intensity is Intensity.REST:
        return WALK_PACE.speed_mps
    if step.intensity is Intensity.INTERVAL:
        return easy.mid.speed_mps * HARD_SPEEDUP
    return easy.mid.speed_mps


# -- timeline and estimate -----------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class _Leg:
    """One step once, with its assumed time, distance and speed."""

    step: Step
    seconds: float
    metres: float
    pacing: _Pacing
    assumed: str | None
    """``lap button`` when the drawn width is a guess (the bar is faded), else None."""


def _leg(step: Step, paces: PaceTable | None, easy: PaceRange) -> _Leg:
    """A step as the chart draws it: a lap-button step gets its typical length so it has a width."""
    pacing = _pacing(step, paces, easy)
    length = step.length
    if isinstance(length, LengthRange):
        length = length.low
    if length is LAP_BUTTON:
        seconds = LAP_BUTTON_SECONDS[step.intensity]
        return _Leg(step, seconds, seconds * pacing.speed, pacing, "lap button")
    if isinstance(length, Distance):
        return _Leg(step, length.metres / pacing.speed, length.metres, pacing, None)
    assert isinstance(length, Duration)
    return _Leg(step, length.seconds, length.seconds * pacing.speed, pacing, None)


def _count(count: int | CountRange) -> int:
    return count.low if isinstance(count, CountRange) else count


@dataclass(frozen=True, slots=True, kw_only=True)
class Estimate:
    """Estimated distance and time of a workout, and what was assumed to get them."""

    metres: float
    """Total distance in metres."""
    seconds: float
    """Total time in seconds."""
    assumptions: tuple[str, ...] = ()
    """Plain-text notes on guesses made (``6-10 reps counted as 6``), each once, in order."""
    unresolved: tuple[str, ...] = ()
    """Pace labels that were not in the pace table (drawn at easy pace, without a band)."""
    open_steps: tuple[str, ...] = ()
    """Names of lap-button steps, which the estimate does not count (``warm-up``)."""

    @property
    def notes(self) -> tuple[str, ...]:
        """The assumptions, then one line for the steps not counted, for people to read."""
        if not self.open_steps:
            return self.assumptions
        names = list(self.open_steps)
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        return (*self.assumptions, f"not counted: {joined} (until lap button)")

    @property
    def distance(self) -> Distance | None:
        return Distance(self.metres) if self.metres > 0 else None

    @property
    def duration(self) -> Duration | None:
        return Duration(self.seconds) if self.seconds > 0 else None

    def __add__(self, other: Estimate) -> Estimate:
        return Estimate(metres=self.metres + other.metres, seconds=self.seconds + other.seconds,
                        assumptions=_unique(self.assumptions + other.assumptions),
                        unresolved=_unique(self.unresolved + other.unresolved),
                        open_steps=_unique(self.open_steps + other.open_steps))


ZERO = Estimate(metres=0.0, seconds=0.0)


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


def estimate_workout(workout: Workout, *, paces: PaceTable | None = None,
                     easy: PaceRange | Pace | None = None) -> Estimate:
    """Estimated distance and time of a workout, with the assumptions made.

    The numbers come from the pace pass's shared :func:`paceplan.passes.resolve.estimate` (so the
    page, the calendar and the terminal agree) whenever ``paces`` is a
    :class:`paceplan.paces.PaceTable`, or when neither ``paces`` nor ``easy`` is given (the
    default runner). With a plain mapping or an explicit ``easy`` pace a local estimator with the
    same rules is used: targets at the middle of their band, other steps at the middle of E,
    lap-button steps not counted, a rest by time adds no distance, ranges at their low end.
    Repeats are multiplied, never unrolled, so a hostile ``1000 x (1000 x ...)`` stays cheap.
    """
    easy_range = _easy(paces, easy)
    local = _estimate_nodes(workout.steps, paces, easy_range)
    shared = _shared_estimate(workout, paces, easy)
    if shared is None:
        return local
    return Estimate(metres=shared[0], seconds=shared[1], assumptions=local.assumptions,
                    unresolved=local.unresolved, open_steps=local.open_steps)


@functools.lru_cache(maxsize=1)
def _default_runner_table() -> _RunnerTable:
    from ..paces import pace_table

    return pace_table(None).value


def _shared_estimate(workout: Workout, paces: PaceTable | None,
                     easy: PaceRange | Pace | None) -> tuple[float, float] | None:
    try:
        from ..passes.resolve import estimate
    except ImportError:  # the pace pass is optional to this module
        return None
    from ..errors import PlanError

    if _is_runner_table(paces):
        table = paces
    elif paces is None and easy is None:
        table = _default_runner_table()
    else:
        return None
    try:
        result = estimate(workout, table)
    except PlanError:
        return None
    return result.distance_m, result.time_s


def _estimate_step(step: Step, paces: PaceTable | None, easy: PaceRange) -> Estimate:
    pacing = _pacing(step, paces, easy)
    speed = pacing.speed if pacing.band is not None else easy.mid.speed_mps
    length = step.length
    notes: list[str] = []
    unresolved = (pacing.label or "?",) if pacing.unresolved else ()
    if isinstance(length, LengthRange):
        notes.append(f"{format_length(length.low, 'km', ascii=True)} of {format_length(length, 'km', ascii=True)}")
        length = length.low
    if length is LAP_BUTTON:
        name = (step.name or INTENSITY_WORDS[step.intensity]).lower()
        return Estimate(metres=0.0, seconds=0.0, assumptions=tuple(notes), unresolved=unresolved,
                        open_steps=(name,))
    if isinstance(length, Distance):
        return Estimate(metres=length.metres, seconds=length.metres / speed, assumptions=tuple(notes),
                        unresolved=unresolved)
    assert isinstance(length, Duration)
    walking = step.intensity is Intensity.REST and step.target is None
    return Estimate(metres=0.0 if walking else length.seconds * speed, seconds=length.seconds,
                    assumptions=tuple(notes), unresolved=unresolved)


def _estimate_nodes(nodes: tuple[Node, ...], paces: PaceTable | None, easy: PaceRange) -> Estimate:
    total = ZERO
    for node in nodes:
        if isinstance(node, Repeat):
            inner = _estimate_nodes(node.steps, paces, easy)
            n = _count(node.count)
            notes = inner.assumptions
            if isinstance(node.count, CountRange):
                notes = (f"{n} of {node.count} reps", *notes)
            total = total + Estimate(metres=inner.metres * n, seconds=inner.seconds * n,
                                     assumptions=notes, unresolved=inner.unresolved,
                                     open_steps=inner.open_steps)
        else:
            total = total + _estimate_step(node, paces, easy)
    return total


def max_speed(workouts: Iterable[Workout], *, paces: PaceTable | None = None,
              easy: PaceRange | Pace | None = None) -> float:
    """The fastest speed (m/s) any bar or band of these workouts reaches: a shared y scale, so
    charts on one page compare."""
    easy_range = _easy(paces, easy)
    best = easy_range.fast.speed_mps
    for workout in workouts:
        for step in _all_steps(workout.steps):
            pacing = _pacing(step, paces, easy_range)
            best = max(best, pacing.speed, pacing.band.fast.speed_mps if pacing.band else 0.0)
    return best


def _all_steps(nodes: tuple[Node, ...]) -> Iterable[Step]:
    for node in nodes:
        if isinstance(node, Repeat):
            yield from _all_steps(node.steps)
        else:
            yield node


# -- text ----------------------------------------------------------------------------------------

def format_distance(metres: float, units: Units = "km") -> str:
    """``800 m``, ``7.2 km``, ``4.5 mi``: rounded for reading, not for racing."""
    if units == "mi":
        if metres < 0.5 * MILE_M:
            return f"{metres:.0f} m"
        return f"{metres / MILE_M:.1f} mi"
    if metres < 1000:
        return f"{metres:.0f} m"
    return f"{metres / 1000:.1f} km"


def format_minutes(seconds: float) -> str:
    """An estimate's time to the minute: ``43 min``, ``1 h 05 min``."""
    return format_duration(max(60.0, round(seconds / 60.0) * 60.0))


def format_duration(seconds: float) -> str:
    """``20 s``, ``5 min``, ``1:30 min``, ``1 h 05 min``."""
    s = round(seconds)
    if s < 60:
        return f"{s} s"
    if s < 3600:
        m, sec = divmod(s, 60)
        return f"{m} min" if sec == 0 else f"{m}:{sec:02d} min"
    h, rem = divmod(s, 3600)
    return f"{h} h {round(rem / 60):02d} min" if rem else f"{h} h"


def format_length(length: object, units: Units = "km", *, ascii: bool = False) -> str:
    """A step's length as text: ``400 m``, ``5 min``, ``45–60 min``, ``until lap button``."""
    dash = "-" if ascii else "\u2013"
    if isinstance(length, LengthRange) and isinstance(length.low, Duration) and isinstance(length.high, Duration) \
            and length.low.seconds % 60 == 0 and length.high.seconds % 60 == 0:
        return f"{length.low.seconds / 60:.0f}{dash}{length.high.seconds / 60:.0f} min"
    if isinstance(length, LengthRange):
        low, high = format_length(length.low, units, ascii=ascii), format_length(length.high, units, ascii=ascii)
        # "45-60 min" rather than "45 min-60 min" when the unit word matches.
        lw, hw = low.rsplit(" ", 1), high.rsplit(" ", 1)
        if len(lw) == 2 and len(hw) == 2 and lw[1] == hw[1]:
            return f"{lw[0]}{dash}{high}"
        return f"{low}{dash}{high}"
    if length is LAP_BUTTON:
        return "until lap button"
    if isinstance(length, Distance):
        miles = length.metres / MILE_M
        if miles >= 1 and abs(miles - round(miles)) < 1e-6:
            return f"{round(miles)} mi"  # the coach wrote miles: keep them, whatever the units
        if units == "mi" and length.metres >= 0.5 * MILE_M:
            return length.format("imperial")
        return length.format("metric")
    if isinstance(length, Duration):
        return format_duration(length.seconds)
    return str(length)


def _pace_text(band: PaceRange, units: Units) -> str:
    return band.format("mi" if units == "mi" else "km")


def _squash(text: str) -> str:
    return text.replace(" ", "").lower()


def describe_step(step: Step, *, paces: PaceTable | None = None, easy: PaceRange | Pace | None = None,
                  units: Units = "km", ascii: bool = False) -> str:
    """One step as a reader says it: ``400 m @ HM-10K 4:15-4:28/km``, ``400 m jog``."""
    pacing = _pacing(step, paces, _easy(paces, easy))
    parts = [format_length(step.length, units, ascii=ascii)]
    word = step.name or INTENSITY_WORDS[step.intensity]
    if step.length is LAP_BUTTON:
        parts = [word, "(lap button)"]
    elif step.name is None and step.intensity is Intensity.INTERVAL and (pacing.label or pacing.band):
        pass  # "400 m @ HM" says it is a rep already
    elif _squash(word) != _squash(parts[0]) and _squash(word) != _squash(format_length(step.length, "km", ascii=True)):
        parts.append(word)
    if pacing.label or pacing.band:
        at = "@"
        if pacing.label:
            at += f" {pacing.label}"
        if pacing.band is not None:
            at += f" {_pace_text(pacing.band, units)}"
        parts.append(at)
    text = " ".join(parts)
    if step.note:
        text += f" ({step.note})"
    return text


def describe_node(node: Node, *, paces: PaceTable | None = None, easy: PaceRange | Pace | None = None,
                  units: Units = "km", ascii: bool = False) -> str:
    """A step or a repeat on one line: ``6-10 x (400 m @ HM-10K ..., 400 m jog)``."""
    if isinstance(node, Step):
        return describe_step(node, paces=paces, easy=easy, units=units, ascii=ascii)
    times = "x" if ascii else "\u00d7"
    count = str(node.count) if ascii else str(node.count).replace("-", "\u2013")
    inner = ", ".join(describe_node(n, paces=paces, easy=easy, units=units, ascii=ascii) for n in node.steps)
    return f"{count} {times} ({inner})"


def describe_workout(workout: Workout, *, paces: PaceTable | None = None,
                     easy: PaceRange | Pace | None = None, units: Units = "km",
                     ascii: bool = False) -> str:
    """The whole workout as one sentence of steps separated by ``; ``."""
    return "; ".join(describe_node(n, paces=paces, easy=easy, units=units, ascii=ascii) for n in workout.steps)


# -- the chart -----------------------------------------------------------------------------------

WIDTH = 240.0
"""viewBox width; the SVG scales to its container."""
PLOT_HEIGHT = 80.0
"""Height of the tallest possible bar, in viewBox units."""
BRACKET_STEP = 17.0
"""Vertical room per level of repeat brackets."""
SPEED_FLOOR = 0.4
"""The chart's baseline is this share of its top speed, not zero, so easy and fast differ clearly;
slower steps (a walk) get :data:`MIN_SHARE` of the height."""
MIN_SHARE = 0.06
MIN_BAR = 0.8
"""The narrowest bar drawn, so a 5-second stride stays visible."""


@dataclass(frozen=True, slots=True)
class _Bar:
    t0: float
    seconds: float
    leg: _Leg


@dataclass(frozen=True, slots=True)
class _Bracket:
    t0: float
    seconds: float
    depth: int
    text: str
    compressed: bool


def _bar_count(nodes: tuple[Node, ...]) -> int:
    total = 0
    for node in nodes:
        total += _count(node.count) * _bar_count(node.steps) if isinstance(node, Repeat) else 1
        if total > MAX_UNROLLED_BARS:
            return total  # no need to know how far beyond
    return total


def _layout(nodes: tuple[Node, ...], t0: float, depth: int, scale: float, paces: PaceTable | None,
            easy: PaceRange, bars: list[_Bar], brackets: list[_Bracket]) -> float:
    """Place bars from ``t0``; ``scale`` stretches time (a compressed repeat); returns the end."""
    t = t0
    for node in nodes:
        if isinstance(node, Step):
            leg = _leg(node, paces, easy)
            bars.append(_Bar(t, leg.seconds * scale, leg))
            t += leg.seconds * scale
            continue
        n = _count(node.count)
        label = f"\u00d7{str(node.count).replace('-', chr(0x2013))}"
        start = t
        inner_bars = _bar_count(node.steps)
        if n * inner_bars <= MAX_UNROLLED_BARS and len(bars) + n * inner_bars <= MAX_UNROLLED_BARS:
            for _ in range(n):
                t = _layout(node.steps, t, depth + 1, scale, paces, easy, bars, brackets)
            compressed = False
        else:
            t = _layout(node.steps, t, depth + 1, scale * n, paces, easy, bars, brackets)
            compressed = True
        brackets.append(_Bracket(start, t - start, depth, label, compressed))
    return t


def _num(x: float) -> str:
    """Short, stable number text for SVG attributes."""
    text = f"{x:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def render_workout_svg(workout: Workout, *, paces: PaceTable | None = None,
                       easy: PaceRange | Pace | None = None, speed_max: float | None = None,
                       chart_id: str = "chart", units: Units = "km", title: str | None = None,
                       estimate: Estimate | None = None, description: str | None = None) -> str:
    """The workout as an inline ``<svg>`` element (no XML declaration), for an HTML page.

    ``speed_max`` (m/s) fixes the top of the y scale so several charts compare; by default the
    workout's own fastest pace. ``chart_id`` must be unique within the page: the ``<title>`` and
    ``<desc>`` ids derive from it. All text is escaped. A page that already has the workout's
    ``estimate`` and ``description`` (:func:`estimate_workout`, :func:`describe_workout` with the
    same paces) passes them in rather than have them worked out again.
    """
    chart_id = escape(chart_id)
    easy_range = _easy(paces, easy)
    bars: list[_Bar] = []
    brackets: list[_Bracket] = []
    total = _layout(workout.steps, 0.0, 0, 1.0, paces, easy_range, bars, brackets)
    top_speed = speed_max or max_speed([workout], paces=paces, easy=easy)
    top_speed *= 1.04  # headroom so the fastest band's edge stays inside the box
    depth = 1 + max((b.depth for b in brackets), default=-1)
    top = depth * BRACKET_STEP + 2.0
    height = top + PLOT_HEIGHT
    x_per_s = WIDTH / total if total > 0 else 0.0

    floor = SPEED_FLOOR * top_speed

    def y(speed: float) -> float:
        share = (min(speed, top_speed) - floor) / (top_speed - floor)
        return top + PLOT_HEIGHT * (1.0 - max(share, MIN_SHARE))

    heading = title if title is not None else f"Workout chart: {workout.name}"
    desc = description if description is not None else describe_workout(workout, paces=paces, easy=easy,
                                                                         units=units)
    est = estimate if estimate is not None else estimate_workout(workout, paces=paces, easy=easy)
    desc += f". About {format_distance(est.metres, units)} in {format_minutes(est.seconds)}."
    out = [
        f'<svg class="workout-chart" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {_num(WIDTH)} {_num(height)}"'
        f' role="img" aria-labelledby="{chart_id}-title {chart_id}-desc"'
        ' font-family="system-ui, sans-serif" font-size="13">',
        f'<title id="{chart_id}-title">{escape(heading)}</title>',
        f'<desc id="{chart_id}-desc">{escape(desc)}</desc>',
        f'<rect class="frame" x="0" y="{_num(top)}" width="{_num(WIDTH)}" height="{_num(PLOT_HEIGHT)}"'
        ' fill="#f4f6f8"/>',
    ]
    for bar in bars:
        leg = bar.leg
        x = bar.t0 * x_per_s
        w = max(bar.seconds * x_per_s, MIN_BAR)
        y0 = y(leg.pacing.speed)
        colour = INTENSITY_COLOURS[leg.step.intensity]
        tip = describe_step(leg.step, paces=paces, easy=easy, units=units)
        out.append(
            f'<rect class="bar {leg.step.intensity.value}" x="{_num(x)}" y="{_num(y0)}" width="{_num(w)}"'
            f' height="{_num(top + PLOT_HEIGHT - y0)}" fill="{colour}" stroke="#fff" stroke-width="0.4"'
            + (' fill-opacity="0.6"' if leg.assumed else "") + ">"
            f'<title>{escape(tip)}</title></rect>')
        if leg.pacing.band is not None:
            yf, ys = y(leg.pacing.band.fast.speed_mps), y(leg.pacing.band.slow.speed_mps)
            # A single pace still gets a visible strip (1.5 units) so the target reads as a line.
            h = max(ys - yf, 1.5)
            out.append(f'<rect class="band" x="{_num(x)}" y="{_num(yf)}" width="{_num(w)}" height="{_num(h)}"'
                       ' fill="#111" fill-opacity="0.3"/>')
    for br in sorted(brackets, key=lambda b: (b.depth, b.t0)):
        x0 = br.t0 * x_per_s
        x1 = x0 + max(br.seconds * x_per_s, MIN_BAR)
        yb = (br.depth + 1) * BRACKET_STEP - 1.0
        tick = yb + 5.0
        cx = min(max((x0 + x1) / 2, 16.0), WIDTH - 16.0)
        text = br.text + (" (one rep shown)" if br.compressed else "")
        out.append(
            f'<g class="repeat"><path d="M{_num(x0 + 0.4)} {_num(tick)}V{_num(yb)}H{_num(x1 - 0.4)}V{_num(tick)}"'
            f' fill="none" stroke="#333" stroke-width="1.2"/>'
            f'<text x="{_num(cx)}" y="{_num(yb - 3.0)}" text-anchor="middle" fill="#222">{escape(text)}</text></g>')
    out.append("</svg>")
    return "\n".join(out)
