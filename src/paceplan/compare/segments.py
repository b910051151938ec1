"""What matching produces, and the plan laid out as the watch runs it.

:class:`Segment` is one planned step (one iteration of it) with the stretch of the recording
it matched; :class:`Match` holds them in plan order. :func:`fit_layout` numbers the model's
nodes as a FIT workout file does (each repeat's children first, then the repeat step), which is
what a FIT activity's ``lap.wkt_step_index`` refers to; :func:`unroll` lists the planned steps
rep by rep; :func:`effort_test` tells the efforts of a workout from the easy running around them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ..errors import Diagnostic
from ..model import LAP_BUTTON, CountRange, Intensity, LengthRange, Node, PaceRef, Repeat, Step, Workout, iter_steps
from ..passes.choose import Policy, choose_count
from ..units import Distance, Duration, PaceRange, format_clock

__all__ = ["STATUSES", "Entry", "Match", "Segment", "clock", "count_text", "effort_test", "expected_seconds",
           "fit_layout", "labelled_easy", "metres_text", "step_text", "unroll"]

STATUSES = ("done", "partial", "missed", "extra", "not-reached")
"""Segment statuses: ran; ran in part (file ended, or lap pressed early); skipped; run beyond the
plan; the file ended before it."""

DEFAULT_WORK_MPS = 4.0
DEFAULT_EASY_MPS = 3.0
DEFAULT_OPEN_S = 300.0
EASY_LABEL = "E"
"""The canonical label of easy running (:data:`paceplan.labels.TRAINING_LABELS`)."""
EFFORT_SHARE = 0.9
"""An ``active`` step with a target beside targeted ``interval`` steps is an effort only if its
target speed is at least this share of one of theirs."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Segment:
    """One planned step (one iteration of it) and the stretch of the recording it matched."""

    step: Step
    """The planned step."""
    fit_index: int
    """The step's FIT ``message_index`` in the workout layout."""
    rep: int | None
    """Iteration of the innermost repeat, 1-based; None outside repeats."""
    reps: str | None
    """The innermost repeat's count as written (``6`` or ``6-10``); None outside repeats."""
    status: str
    """One of :data:`STATUSES`."""
    found_by: str | None = None
    """How the boundaries were found: ``lap``, ``distance``, ``time``, ``onset``, ``speed change``, ``end of file``."""
    start: float | None = field(default=None, repr=False)
    """Segmented method: start in timer seconds."""
    end: float | None = field(default=None, repr=False)
    """Segmented method: end in timer seconds."""
    start_elapsed_s: float | None = None
    """Wall-clock start, seconds since the first sample."""
    distance_m: float | None = None
    """Metres run in the step."""
    timer_s: float | None = None
    """Timer seconds (paused recorder excluded)."""
    moving_s: float | None = None
    """Timer seconds minus standing: the time pace is computed from."""
    elapsed_s: float | None = None
    """Wall-clock seconds, every stop included."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Match:
    """The segments in plan order, how they were found, and what was doubtful."""

    segments: tuple[Segment, ...]
    method: str
    """``laps`` or ``segmented``."""
    warnings: tuple[Diagnostic, ...] = ()

def fit_layout(workout: Workout) -> dict[tuple[int, ...], int]:
    """FIT ``message_index`` of every node, keyed by its path of child indices in the model."""
    out: dict[tuple[int, ...], int] = {}

    def walk(nodes: tuple[Node, ...], prefix: tuple[int, ...], counter: int) -> int:
        for i, node in enumerate(nodes):
            path = (*prefix, i)
            if isinstance(node, Repeat):
                counter = walk(node.steps, path, counter)
            out[path] = counter
            counter += 1
        return counter

    walk(workout.steps, (), 0)
    return out

@dataclass(frozen=True, slots=True)
class Entry:
    """One planned step, one iteration: where it sits in the FIT layout and its rep."""

    step: Step
    fit_index: int
    rep: int | None
    reps: str | None
    optional: bool


def effort_test(workout: Workout) -> Callable[[Step], bool]:
    """A test telling the workout's *efforts* (the reps the matcher anchors and counts) from the
    easy running around them.

    Recovery, rest, warm-up and cool-down steps are never efforts, ``interval`` steps always are.
    An ``active`` step is ambiguous: a hand-built or FIT workout may mark its reps ``active``,
    while the notation reader writes easy running (``15 min easy``, the frame of ``8 miles w/
    5 x 600m @ 5K``, the float of ``1 min hard / 1 min easy``) as ``active`` and the efforts as
    ``interval``. So an ``active`` step is easy when it is labelled easy (``E``) and the workout
    has other work, or when its target is well slower (below ``EFFORT_SHARE`` of the speed) than
    every ``interval`` target. Otherwise it is an effort, as before (a workout of ``active`` steps
    only, an ``active`` step without a target)."""
    work = [s for s in iter_steps(workout.steps) if s.intensity.is_work]
    not_easy = any(not labelled_easy(s) for s in work)
    interval_speeds = [s.target.mid.speed_mps for s in work
                       if s.intensity is Intensity.INTERVAL and isinstance(s.target, PaceRange)]

    def is_effort(step: Step) -> bool:
        if not step.intensity.is_work:
            return False
        if step.intensity is Intensity.INTERVAL:
            return True
        if not_easy and labelled_easy(step):
            return False
        if interval_speeds and isinstance(step.target, PaceRange):
            return any(step.target.mid.speed_mps >= EFFORT_SHARE * v for v in interval_speeds)
        return True

    return is_effort


def labelled_easy(step: Step) -> bool:
    """Labelled easy: ``E`` once resolved, ``PaceRef("E")`` before."""
    if step.label is not None:
        return step.label == EASY_LABEL
    t = step.target
    return isinstance(t, PaceRef) and t.low == EASY_LABEL and t.high in (None, EASY_LABEL) and not t.offset_s


def count_text(count: int | CountRange) -> str:
    """A repeat count as written: ``6`` or ``6-10``."""
    return str(count)


def unroll(nodes: tuple[Node, ...], prefix: tuple[int, ...], layout: dict[tuple[int, ...], int],
           policy: Policy, rep: int | None = None, reps: str | None = None, optional: bool = False,
           maximal: bool = True) -> Iterator[Entry]:
    """Every planned step, rep by rep. A count range runs to its high end when ``maximal``
    (iterations past the ``policy``'s choice marked optional), else to the choice."""
    for i, node in enumerate(nodes):
        path = (*prefix, i)
        if isinstance(node, Step):
            yield Entry(node, layout[path], rep, reps, optional)
            continue
        planned = node.count if isinstance(node.count, int) else choose_count(node.count, policy)
        most = node.count.high if isinstance(node.count, CountRange) and maximal else planned
        for it in range(1, most + 1):
            yield from unroll(node.steps, path, layout, policy, it, count_text(node.count),
                              optional or it > planned, maximal)


def expected_seconds(step: Step) -> float:
    """A rough planned duration, for window sizes and for how much of a plan a file covers."""
    length = step.length
    if isinstance(length, LengthRange):
        length = length.low
    if isinstance(length, Duration):
        return length.seconds
    if isinstance(length, Distance):
        speed = (step.target.mid.speed_mps if isinstance(step.target, PaceRange)
                 else DEFAULT_WORK_MPS if step.intensity.is_work else DEFAULT_EASY_MPS)
        return length.metres / speed
    return DEFAULT_OPEN_S


def step_text(step: Step) -> str:
    """What the step is, briefly: its name, else its length (``400 m``, ``5:00``, ``lap button``)."""
    if step.name:
        return step.name
    length = step.length
    if length is LAP_BUTTON:
        text = "lap button"
    elif isinstance(length, LengthRange):
        text = f"{length.low}-{length.high}"
    else:
        text = str(length)
    word = _WORDS.get(step.intensity)
    return f"{word} {text}" if word else text


_WORDS = {Intensity.WARMUP: "warm-up", Intensity.COOLDOWN: "cool-down", Intensity.RECOVERY: "recovery",
          Intensity.REST: "rest"}


def clock(seconds: float) -> str:
    """``m:ss`` or ``h:mm:ss``."""
    return format_clock(seconds)


def metres_text(metres: float) -> str:
    """``850 m`` or ``2.01 km``."""
    return f"{metres:.0f} m" if metres < 1000 else f"{metres / 1000:.2f} km"
