"""The workout model: one small set of closed, immutable types every reader builds and every
writer consumes.

A :class:`Workout` is a tuple of nodes; a node is a :class:`Step` or a :class:`Repeat` (which
holds nodes, so repeats nest). A step has an :class:`Intensity`, a length (a
:class:`~paceplan.units.Distance`, a :class:`~paceplan.units.Duration`, a :class:`LengthRange` the
athlete chooses within, or :data:`LAP_BUTTON`) and an optional target: a concrete
:class:`~paceplan.units.PaceRange`, or a :class:`PaceRef` naming paces (``HM-10K``) that the
``resolve_paces`` pass turns into a range for one runner. Ranges chosen by the athlete (``6-10 x``,
``45 - 60 min``) stay ranges here; a pass or a writer picks one value and says which.

Sessions, days and plans wrap workouts with scheduling and non-running kinds.

Every class is frozen, slotted and keyword-only; collections are tuples. Construction validates
and raises :class:`~paceplan.errors.PlanValueError` with a message that names the bad value.
Spans are carried for diagnostics but never compared, so a workout read from text equals the
same workout built in code.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import Enum
from typing import TypeAlias, Union, cast

from .errors import PlanValueError
from .source import Span
from .units import Distance, Duration, PaceRange

__all__ = [
    "LAP_BUTTON",
    "CountRange",
    "Day",
    "Intensity",
    "LapButton",
    "Length",
    "LengthRange",
    "Node",
    "PaceRef",
    "Plan",
    "Repeat",
    "Session",
    "SessionKind",
    "Sport",
    "Step",
    "Target",
    "Week",
    "Workout",
    "control_character",
    "expanded_step_count",
    "iter_steps",
]

MAX_REPEAT_COUNT = 1000
"""No coach writes more reps than this; larger counts are typos or hostile input."""
MAX_NESTING = 8
MAX_STEP_METRES = 1_000_000.0
"""No single step is longer than 1000 km; bigger numbers are typos or hostile input."""
MAX_STEP_SECONDS = 48 * 3600.0
"""No single step lasts more than two days (a FIT duration can say 1193 hours)."""
MAX_PLAN_NAME = 200
"""Longest plan title: it heads the page, names the calendar and every event's description."""
MAX_EXPANDED_STEPS = 10_000
"""Most steps a workout runs once its repeats are unrolled. Counts and nesting are each bounded,
but ``1000 x (1000 x (1000 x 400m))`` is within both and would unroll to a billion steps in
every writer or comparison that walks the run in order."""
"""Deeper nesting than this is refused in the model; devices allow far less (see passes)."""


class Intensity(str, Enum):
    """What a step is for; changes how a watch shows it, not how it runs."""

    WARMUP = "warmup"
    ACTIVE = "active"
    INTERVAL = "interval"
    RECOVERY = "recovery"
    REST = "rest"
    COOLDOWN = "cooldown"

    @property
    def is_work(self) -> bool:
        return self in (Intensity.ACTIVE, Intensity.INTERVAL)


class Sport(str, Enum):
    RUNNING = "running"


@dataclass(frozen=True, slots=True)
class LapButton:
    """A step that lasts until the runner presses the lap button (FIT duration ``open``)."""

    def __repr__(self) -> str:
        return "LAP_BUTTON"


LAP_BUTTON = LapButton()


@dataclass(frozen=True, slots=True, kw_only=True)
class LengthRange:
    """A length the athlete chooses within (``45 - 60 min``, ``3-4 miles``)."""

    low: Distance | Duration
    """The shorter end."""
    high: Distance | Duration
    """The longer end, of the same kind as ``low``."""

    def __post_init__(self) -> None:
        if type(self.low) is not type(self.high) or not isinstance(self.low, (Distance, Duration)):
            raise PlanValueError(f"a length range needs two distances or two durations, got {self.low!r} and {self.high!r}")
        low, high = self.low, self.high
        # Narrowed per kind so the comparison is between like values (the check above ensures it).
        if (high <= low if isinstance(low, Distance) and isinstance(high, Distance)
                else isinstance(low, Duration) and isinstance(high, Duration) and high <= low):
            raise PlanValueError(f"a length range must go from shorter to longer, got {self.low} to {self.high}")


Length: TypeAlias = Union[Distance, Duration, LengthRange, LapButton]


@dataclass(frozen=True, slots=True, kw_only=True)
class CountRange:
    """A repeat count the athlete chooses within (``6-10 x``)."""

    low: int
    """The fewest reps, at least 1."""
    high: int
    """The most reps, more than ``low``."""

    def __post_init__(self) -> None:
        _check_count(self.low)
        _check_count(self.high)
        if self.high <= self.low:
            raise PlanValueError(f"a count range must go from fewer to more, got {self.low}-{self.high}")

    def __str__(self) -> str:
        return f"{self.low}-{self.high}"


@dataclass(frozen=True, slots=True, kw_only=True)
class PaceRef:
    """A target named by pace labels, resolved against a runner's paces by a pass.

    ``PaceRef(low="HM", high="10K")`` is "HM-10K"; ``PaceRef(low="HM", offset_s=-10, per="mi")``
    is "HMP -10s" per mile. Labels are kept as the canonical names of :mod:`paceplan.paces`.
    """

    low: str
    """The first label as written order-normalised by the reader (``HM`` in ``HM-10K``)."""
    high: str | None = None
    """The second label of a range, or None for a single label."""
    offset_s: float = 0.0
    """Seconds added to the pace (negative is faster), per ``per``."""
    per: str = "km"
    """The unit the offset is per: ``km`` or ``mi``."""
    percent: float | None = None
    """A share of the label's speed (``95% MP`` is 95: slower than MP), or None for the pace itself."""
    percent_high: float | None = None
    """The upper share of a percent range (``95-100% MP``); None for one share."""

    def __post_init__(self) -> None:
        if not self.low or (self.high is not None and not self.high):
            raise PlanValueError("a pace label cannot be empty")
        for share in (self.percent, self.percent_high):
            if share is not None and not (MIN_PERCENT <= share <= MAX_PERCENT):
                raise PlanValueError(f"a pace share of {share:g}% is out of range",
                                     hint=f"write a share from {MIN_PERCENT:g}% to {MAX_PERCENT:g}% of a race pace")
        if self.percent_high is not None and (self.percent is None or self.percent_high <= self.percent):
            raise PlanValueError("a pace share range must go from the lower share to the higher one")
        if self.percent is not None and (self.high is not None or self.offset_s):
            raise PlanValueError("a pace share is of one label, without an offset",
                                 hint="write 95% MP, or MP -10s; not both")
        if self.per not in ("km", "mi"):
            raise PlanValueError(f"a pace offset is per km or per mi, not {self.per!r}")
        if not self.offset_s:
            # Without an offset the unit means nothing; one spelling keeps equal refs equal.
            object.__setattr__(self, "per", "km")

    def __str__(self) -> str:
        text = self.low if self.high is None else f"{self.low}-{self.high}"
        if self.offset_s:
            text += f" {self.offset_s:+g}s/{self.per}"
        if self.percent is not None:
            share = f"{self.percent:g}" + ("" if self.percent_high is None else f"-{self.percent_high:g}")
            text = f"{share}% {text}"
        return text


EASY_LABEL = "E"
"""The pace label of easy running."""
MIN_PERCENT = 30.0
"""The slowest share of a race pace a target may name (walking is about a third of 5K speed)."""
MAX_PERCENT = 150.0
"""The fastest share: beyond half again a race's speed no runner holds a pace."""


Target: TypeAlias = Union[PaceRange, PaceRef]


@dataclass(frozen=True, slots=True, kw_only=True)
class Step:
    """One thing the watch runs: a length, an intensity, maybe a pace target."""

    intensity: Intensity
    """What the step is for (warm-up, work, recovery...)."""
    length: Length
    """How long: a distance, a duration, a range of either, or until the lap button."""
    target: Target | None = None
    """The pace band, or labels to resolve; None for no target."""
    name: str | None = None
    """A short name for the watch screen (``400m``, ``jog``)."""
    note: str | None = None
    """Free text shown with the step (``hill: jog back down``)."""
    label: str | None = None
    """The pace label the coach wrote (``HM-10K``), kept for display after ``resolve_paces``
    replaces a :class:`PaceRef` target with a concrete range (or with no alert for short reps)."""
    span: Span | None = field(default=None, compare=False, repr=False)
    """Where the step came from in the input."""

    @property
    def is_quality(self) -> bool:
        """Is this step the session's work (a rep, a tempo, a pace run), not easy running?

        Easy running (a whole run's filler, ``45 min easy``, a run with no target) and warm-ups,
        cool-downs and recoveries are not work, so summaries count only what the coach set."""
        if self.intensity is Intensity.INTERVAL:
            return True
        if self.intensity is not Intensity.ACTIVE or self.target is None or self.label == EASY_LABEL:
            return False
        t = self.target
        if isinstance(t, PaceRef):
            return not (t.low == EASY_LABEL and t.high in (None, EASY_LABEL) and not t.offset_s
                        and t.percent is None)
        return True

    def __post_init__(self) -> None:
        if not isinstance(self.intensity, Intensity):
            raise PlanValueError(f"a step's intensity must be an Intensity, got {self.intensity!r}")
        if not isinstance(self.length, (Distance, Duration, LengthRange, LapButton)):
            raise PlanValueError(f"a step's length must be a Distance, Duration, LengthRange or LAP_BUTTON, got {self.length!r}")
        if self.target is not None and not isinstance(self.target, (PaceRange, PaceRef)):
            raise PlanValueError(f"a step's target must be a PaceRange or PaceRef, got {self.target!r}")
        longest = self.length.high if isinstance(self.length, LengthRange) else self.length
        if isinstance(longest, Distance) and longest.metres > MAX_STEP_METRES:
            raise PlanValueError(f"a step of {longest.metres / 1000:g} km is beyond reason "
                                 f"(at most {MAX_STEP_METRES / 1000:g} km)")
        if isinstance(longest, Duration) and longest.seconds > MAX_STEP_SECONDS:
            raise PlanValueError(f"a step of {longest.seconds / 3600:g} hours is beyond reason "
                                 f"(at most {MAX_STEP_SECONDS / 3600:g} hours)")
        _check_text(self.name, "step name")
        _check_text(self.note, "step note")
        _check_text(self.label, "pace label")


@dataclass(frozen=True, slots=True, kw_only=True)
class Repeat:
    """A block of nodes run ``count`` times."""

    count: int | CountRange
    """How many times, or a range the athlete chooses within."""
    steps: tuple[Node, ...]
    """The nodes repeated, at least one."""
    name: str | None = None
    """An optional label for the block (``set``)."""
    span: Span | None = field(default=None, compare=False, repr=False)
    """Where the block came from in the input."""

    def __post_init__(self) -> None:
        if isinstance(self.count, CountRange):
            pass
        elif isinstance(self.count, bool) or not isinstance(self.count, int):
            raise PlanValueError(f"a repeat count must be a whole number, got {self.count!r}")
        else:
            _check_count(self.count)
        object.__setattr__(self, "steps", _check_nodes(self.steps, "a repeat"))
        if _depth(self) > MAX_NESTING:
            raise PlanValueError(f"repeats nest more than {MAX_NESTING} deep")
        _check_text(self.name, "repeat name")


Node: TypeAlias = Union[Step, Repeat]


@dataclass(frozen=True, slots=True, kw_only=True)
class Workout:
    """A named sequence of steps and repeats for one sport."""

    name: str
    """The workout's title (``6-10 x 400m``)."""
    steps: tuple[Node, ...]
    """What to run, in order; at least one node."""
    sport: Sport = Sport.RUNNING
    """Always running for now."""
    description: str | None = None
    """Longer text: the coach's original cell, notes."""

    def __post_init__(self) -> None:
        if not isinstance(self.name, str) or not self.name.strip():
            raise PlanValueError("a workout needs a non-empty name")
        _check_text(self.name, "workout name")
        object.__setattr__(self, "steps", _check_nodes(self.steps, "a workout"))
        _check_text(self.description, "workout description", limit=100_000)
        total = expanded_step_count(self.steps)
        if total > MAX_EXPANDED_STEPS:
            raise PlanValueError(f"the workout unrolls to at least {total:,} steps, more than any session holds "
                                 f"(at most {MAX_EXPANDED_STEPS:,})")


class SessionKind(str, Enum):
    """What a day's session is; only RUN and RACE produce a watch workout."""

    RUN = "run"
    RACE = "race"
    STRENGTH = "strength"
    CROSS_TRAINING = "cross-training"
    REST = "rest"


@dataclass(frozen=True, slots=True, kw_only=True)
class Session:
    """One thing planned for a day, with the athlete's alternatives."""

    kind: SessionKind
    """Run, race, strength, cross-training or rest."""
    title: str
    """A short human title (``6-10 x 400m @ HM-10K``, ``Strength focused lift``)."""
    workout: Workout | None = None
    """The watch workout, for RUN and RACE; None for the other kinds."""
    length: Length | None = None
    """For non-running kinds with a length (``45 - 60 min cross-train``)."""
    text: str | None = None
    """The cell text this session was read from."""
    alternatives: tuple[Session, ...] = ()
    """Other options the coach allows (``or OFF``); the session itself is the primary one."""
    span: Span | None = field(default=None, compare=False, repr=False)
    """Where the session came from in the input."""

    def __post_init__(self) -> None:
        if not isinstance(self.kind, SessionKind):
            raise PlanValueError(f"a session kind must be a SessionKind, got {self.kind!r}")
        if self.kind in (SessionKind.RUN, SessionKind.RACE) and self.workout is None:
            raise PlanValueError(f"a {self.kind.value} session needs a workout")
        if self.kind not in (SessionKind.RUN, SessionKind.RACE) and self.workout is not None:
            raise PlanValueError(f"a {self.kind.value} session has no watch workout")
        object.__setattr__(self, "alternatives", tuple(self.alternatives))
        for alt in self.alternatives:
            if not isinstance(alt, Session):
                raise PlanValueError(f"an alternative must be a Session, got {alt!r}")


@dataclass(frozen=True, slots=True, kw_only=True)
class Day:
    """A weekday of a plan week and what is planned on it."""

    weekday: int
    """0 = Monday .. 6 = Sunday."""
    sessions: tuple[Session, ...] = ()
    """Sessions in order; usually one. Empty means nothing planned."""
    text: str | None = None
    """The cell text, as written."""

    def __post_init__(self) -> None:
        if isinstance(self.weekday, bool) or not isinstance(self.weekday, int) or not 0 <= self.weekday <= 6:
            raise PlanValueError(f"a weekday is 0 (Monday) to 6 (Sunday), got {self.weekday!r}")
        object.__setattr__(self, "sessions", tuple(self.sessions))


@dataclass(frozen=True, slots=True, kw_only=True)
class Week:
    """One plan week, Monday to Sunday."""

    number: int
    """1-based week number."""
    days: tuple[Day, ...]
    """The days that have something planned, in weekday order, each weekday at most once."""

    def __post_init__(self) -> None:
        if isinstance(self.number, bool) or not isinstance(self.number, int) or self.number < 1:
            raise PlanValueError(f"a week number starts at 1, got {self.number!r}")
        days = tuple(sorted(self.days, key=lambda d: d.weekday))
        if len({d.weekday for d in days}) != len(days):
            raise PlanValueError(f"week {self.number} lists a weekday twice")
        object.__setattr__(self, "days", days)


@dataclass(frozen=True, slots=True, kw_only=True)
class Plan:
    """A training plan: weeks of days, with an identity for stable outputs."""

    name: str
    """Human title (``Run a faster mile (8 weeks)``)."""
    id: str
    """Stable identity used for FIT serials, calendar UIDs and file names (``mile-8wk``)."""
    weeks: tuple[Week, ...]
    """The weeks in order, numbered 1..N."""
    description: str | None = None
    """Notes for the athlete."""
    start: _dt.date | None = None
    """The Monday of week 1, when scheduled."""

    def __post_init__(self) -> None:
        if not self.name.strip() or not self.id.strip():
            raise PlanValueError("a plan needs a name and an id")
        _check_text(self.name, "plan name", limit=MAX_PLAN_NAME, one_line=True)
        _check_text(self.id, "plan id", limit=64, one_line=True)
        _check_text(self.description, "plan description", limit=100_000)
        object.__setattr__(self, "weeks", tuple(self.weeks))
        numbers = [w.number for w in self.weeks]
        if numbers != list(range(1, len(numbers) + 1)):
            raise PlanValueError(f"plan weeks must be numbered 1..N in order, got {numbers}")
        if self.start is not None and self.start.weekday() != 0:
            raise PlanValueError(f"a plan starts on a Monday; {self.start.isoformat()} is a {self.start.strftime('%A')}")


def iter_steps(nodes: tuple[Node, ...]) -> list[Step]:
    """Every step once, in order, repeats not unrolled."""
    out: list[Step] = []
    for node in nodes:
        if isinstance(node, Repeat):
            out.extend(iter_steps(node.steps))
        else:
            out.append(node)
    return out


def _check_count(n: int) -> None:
    if isinstance(n, bool) or not isinstance(n, int):
        raise PlanValueError(f"a repeat count must be a whole number, got {n!r}")
    if n < 1:
        raise PlanValueError(f"a repeat count must be at least 1, got {n}")
    if n > MAX_REPEAT_COUNT:
        raise PlanValueError(f"a repeat count of {n} is beyond reason (at most {MAX_REPEAT_COUNT})")


def _check_nodes(nodes: object, owner: str) -> tuple[Node, ...]:
    if isinstance(nodes, (Step, Repeat)) or isinstance(nodes, (str, bytes)):
        raise PlanValueError(f"{owner}'s steps must be a sequence of Step or Repeat")
    try:
        # Any iterable is accepted; tuple() raising TypeError is the check, so no isinstance here.
        items = tuple(cast("Iterable[object]", nodes))
    except TypeError:
        raise PlanValueError(f"{owner}'s steps must be a sequence of Step or Repeat") from None
    if not items:
        raise PlanValueError(f"{owner} needs at least one step")
    checked: list[Node] = []
    for item in items:
        if not isinstance(item, (Step, Repeat)):
            raise PlanValueError(f"{owner}'s steps must be Step or Repeat, got {item!r}")
        checked.append(item)
    return tuple(checked)


def expanded_step_count(nodes: tuple[Node, ...], *, cap: int = MAX_EXPANDED_STEPS) -> int:
    """Steps run once every repeat is unrolled (a count range at its high end); counting stops
    just past ``cap`` so a hostile workout costs no more than its size."""
    total = 0
    for node in nodes:
        if isinstance(node, Step):
            total += 1
        else:
            count = node.count.high if isinstance(node.count, CountRange) else node.count
            total += count * expanded_step_count(node.steps, cap=cap)
        if total > cap:
            return total
    return total


def _depth(node: Node) -> int:
    if isinstance(node, Step):
        return 0
    return 1 + max(_depth(n) for n in node.steps)


def _check_text(value: str | None, what: str, *, limit: int = 10_000, one_line: bool = False) -> None:
    if value is None:
        return
    if not isinstance(value, str):
        raise PlanValueError(f"a {what} must be text, got {value!r}")
    if len(value) > limit:
        raise PlanValueError(f"a {what} of {len(value)} characters is too long (at most {limit})")
    bad = control_character(value, one_line=one_line)
    if bad is not None:
        raise PlanValueError(f"a {what} contains the control character {bad!r}")


def control_character(value: str, *, one_line: bool = False) -> str | None:
    """The first character of ``value`` that must not reach a calendar, a page or a terminal raw.

    C0 and C1 controls and DEL (a bare CR injects calendar lines; ESC drives terminals); line and
    paragraph separators too where ``one_line`` (a title becomes one calendar line). Newline and
    tab are allowed in multi-line text.
    """
    allowed = "" if one_line else "\n\t"
    for c in value:
        o = ord(c)
        if (o < 32 and c not in allowed) or 127 <= o <= 159 or (one_line and c in "\u2028\u2029"):
            return c
    return None
