"""A runner's fitness: one race result, a VDOT number, or the default runner; plus an optional
goal result and explicit paces per label that override the model.

Text forms (what ``--race``, ``--goal`` and ``--pace`` take):

- a race ``DISTANCE=TIME``: ``mile=6:00``, ``5k=20:29``, ``10K=42:29``, ``HM=1:34:06``,
  ``half marathon=1:34:06``, ``3000m=10:00``, ``2mi=12:28``, ``1.5km=5:30``;
- a pace per label ``LABEL=PACE``: ``HM=4:28/km``, ``E=5:10-5:40/km``, ``T=6:50/mi``.

The default runner (no input at all) has a 7:04 mile: the average mile time across ages,
genders and experience cited by the mile plan's companion article (Running Level).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import PaceError, UnitsError
from ..labels import KNOWN_LABELS, RACE_DISTANCES_M, canonical_label, known_labels_hint
from ..units import Distance, Pace, PaceRange, format_clock, parse_clock
from . import bounds
from .equivalence import vdot_of, vdot_time

__all__ = ["DEFAULT_MILE_S", "RaceResult", "Runner", "parse_pace_override"]

DEFAULT_MILE_S = 7 * 60 + 4.0
"""The default runner's mile: 7:04 (the average cited in the mile plan's reference)."""

_RACE_HINT = "write DISTANCE=TIME, like mile=6:00, 5k=20:29, HM=1:34:06 or 3000m=10:00"
_DISTANCE_HINT = ("use a race name (800m, 1500m, mile, 3K, 2mi, 5K, 8K, 10K, 15K, HM, M) "
                  "or a distance with a unit (3000m, 1.5km, 2mi)")


def _label_for_distance(distance_m: float) -> str | None:
    for label, metres in RACE_DISTANCES_M.items():
        if abs(metres - distance_m) < 0.5:
            return label
    return None


def _race_distance(text: str) -> float:
    """Metres of a race named ``5k``, ``half marathon``, ``3000m``, ``2 mi``..."""
    label = canonical_label(text)
    if label in RACE_DISTANCES_M:
        return RACE_DISTANCES_M[label]
    if label is not None:
        raise PaceError(f"{text.strip()!r} is a training pace, not a race distance", hint=_DISTANCE_HINT,
                        code="unknown-distance")
    try:
        return Distance.parse(text).metres
    except UnitsError as exc:
        if "positive" in exc.message:  # read as a distance, but zero
            raise PaceError(f"a race distance must be positive, got {text.strip()!r}",
                            hint=_DISTANCE_HINT, code="impossible-result") from None
        raise PaceError(f"unknown race distance {text.strip()!r}", hint=_DISTANCE_HINT,
                        code="unknown-distance") from None


@dataclass(frozen=True, slots=True, kw_only=True)
class RaceResult:
    """A race (or time trial) result: a distance run in a time. Checked for plausibility."""

    distance_m: float
    """The race distance in metres (400 m to 100 km)."""
    time_s: float
    """The finishing time in seconds."""

    def __post_init__(self) -> None:
        for value, what in ((self.distance_m, "race distance"), (self.time_s, "race time")):
            if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
                raise PaceError(f"a {what} must be a number, got {value!r}", code="impossible-result")
            if value <= 0:
                raise PaceError(f"a {what} must be positive, got {value!r}",
                                hint=_RACE_HINT, code="impossible-result")
        object.__setattr__(self, "distance_m", float(self.distance_m))
        object.__setattr__(self, "time_s", float(self.time_s))
        if not bounds.MIN_RACE_M <= self.distance_m <= bounds.MAX_RACE_M:
            raise PaceError(
                f"a race of {Distance(self.distance_m)} is outside what paces can be predicted from",
                hint=f"give a result from {Distance(bounds.MIN_RACE_M)} to {Distance(bounds.MAX_RACE_M)}",
                code="impossible-result")
        record = bounds.record_time_s(self.distance_m)
        if self.time_s < record * (1 - bounds.RECORD_MARGIN):
            raise PaceError(
                f"{self} is impossible: faster than the world record "
                f"({format_clock(record, decimals=1 if record < 600 else 0)}) by more than "
                f"{bounds.RECORD_MARGIN:.0%}",
                hint="check the time and the distance (h:mm:ss for long races, m:ss for short ones)",
                code="impossible-result")
        if self.time_s / self.distance_m * 1000 > bounds.SLOWEST_RACE_PACE_S_PER_KM:
            raise PaceError(
                f"{self} is slower than {format_clock(bounds.SLOWEST_RACE_PACE_S_PER_KM)}/km, "
                "not a race result paces can be predicted from",
                hint="check the time and the distance (h:mm:ss for long races, m:ss for short ones)",
                code="impossible-result")

    @classmethod
    def parse(cls, text: str) -> RaceResult:
        """Read ``mile=6:00``, ``5k=20:29``, ``HM=1:34:06``, ``3000m=10:00``, ``2mi=12:28``."""
        if not isinstance(text, str) or "=" not in text:
            raise PaceError(f"cannot read {text!r} as a race result", hint=_RACE_HINT, code="bad-race")
        left, _, right = text.partition("=")
        if not left.strip():
            raise PaceError(f"race {text!r} has no distance", hint=_RACE_HINT, code="bad-race")
        distance = _race_distance(left)
        time_text = right.strip()
        if time_text.startswith("-"):
            raise PaceError(f"race time {time_text!r} is negative", hint=_RACE_HINT, code="impossible-result")
        try:
            seconds = parse_clock(time_text)
        except UnitsError as exc:
            raise UnitsError(f"malformed time {time_text!r} in race {text.strip()!r}",
                             hint=exc.hint or _RACE_HINT, code="bad-time") from None
        if seconds <= 0:
            raise PaceError(f"race time {time_text!r} is zero", hint=_RACE_HINT, code="impossible-result")
        return cls(distance_m=distance, time_s=seconds)

    @property
    def label(self) -> str | None:
        """The canonical race label of the distance (``Mile``, ``5K``), or None."""
        return _label_for_distance(self.distance_m)

    @property
    def pace(self) -> Pace:
        return Pace(self.time_s / self.distance_m * 1000.0)

    @property
    def vdot(self) -> float:
        """The VDOT of this performance."""
        return vdot_of(self.distance_m, self.time_s)

    def __str__(self) -> str:
        name = self.label or str(Distance(self.distance_m))
        return f"{name} {format_clock(self.time_s, decimals=0 if float(self.time_s).is_integer() else 1)}"


def parse_pace_override(text: str) -> tuple[str, PaceRange]:
    """Read ``HM=4:28/km`` or ``E=5:10-5:40/km`` as (canonical label, pace range)."""
    if not isinstance(text, str) or "=" not in text:
        raise PaceError(f"cannot read {text!r} as a pace for a label",
                        hint="write LABEL=PACE, like HM=4:28/km or E=5:10-5:40/km", code="bad-pace")
    left, _, right = text.partition("=")
    label = canonical_label(left)
    if label is None:
        raise PaceError(f"unknown pace {left.strip()!r}", hint=known_labels_hint(), code="unknown-pace")
    try:
        pace = PaceRange.parse(right)
    except UnitsError as exc:
        raise UnitsError(f"cannot read pace {right.strip()!r} for {label}: {exc.message}",
                         hint=exc.hint, code="bad-pace") from None
    if label in RACE_DISTANCES_M:
        # A race-pace override implies a race time; it must be a plausible one.
        RaceResult(distance_m=RACE_DISTANCES_M[label],
                   time_s=pace.mid.seconds_per_km * RACE_DISTANCES_M[label] / 1000.0)
    return label, pace


@dataclass(frozen=True, slots=True, kw_only=True)
class Runner:
    """Who the paces are for: one current result (or a VDOT), an optional goal, and explicit
    paces that override the model. With neither a result nor a VDOT, the default runner
    (a 7:04 mile)."""

    race: RaceResult | None = None
    """The current result every model pace derives from."""
    vdot: float | None = None
    """A VDOT given instead of a result (not both)."""
    goal: RaceResult | None = None
    """The goal result, for goal mile pace (``GMP``, ``goal mi pace``)."""
    paces: tuple[tuple[str, PaceRange], ...] = ()
    """Explicit paces per canonical label, overriding the model; kept in label order."""

    def __post_init__(self) -> None:
        if self.race is not None and self.vdot is not None:
            raise PaceError("give either a race result or a VDOT, not both", code="bad-runner")
        if self.race is not None and not isinstance(self.race, RaceResult):
            raise PaceError(f"a runner's race must be a RaceResult, got {self.race!r}", code="bad-runner")
        if self.goal is not None and not isinstance(self.goal, RaceResult):
            raise PaceError(f"a runner's goal must be a RaceResult, got {self.goal!r}", code="bad-runner")
        if self.vdot is not None:
            v = self.vdot
            if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
                raise PaceError(f"a VDOT must be a number, got {v!r}", code="impossible-result")
            lo, hi = bounds.VDOT_LIMITS
            if not lo <= v <= hi:
                raise PaceError(f"VDOT {v:g} is impossible", hint=f"give a VDOT from {lo:g} to {hi:g}",
                                code="impossible-result")
            object.__setattr__(self, "vdot", float(v))
        seen: dict[str, PaceRange] = {}
        for item in tuple(self.paces):
            label, pace = item
            canon = canonical_label(label) if isinstance(label, str) else None
            if canon is None:
                raise PaceError(f"unknown pace {label!r}", hint=known_labels_hint(), code="unknown-pace")
            if canon in seen:
                raise PaceError(f"pace {canon} is given twice", code="bad-pace")
            if isinstance(pace, Pace):
                pace = PaceRange.single(pace)
            if not isinstance(pace, PaceRange):
                raise PaceError(f"the pace for {canon} must be a Pace or PaceRange, got {pace!r}",
                                code="bad-pace")
            seen[canon] = pace
        ordered = tuple((lab, seen[lab]) for lab in KNOWN_LABELS if lab in seen)
        object.__setattr__(self, "paces", ordered)

    # -- constructors -------------------------------------------------------------------

    @classmethod
    def default(cls) -> Runner:
        """The default runner: a 7:04 mile."""
        return cls()

    @classmethod
    def parse_race(cls, text: str, *, goal: str | None = None, paces: Iterable[str] = ()) -> Runner:
        """A runner from ``mile=6:00`` (and optionally a goal result and pace overrides)."""
        return cls(race=RaceResult.parse(text), goal=RaceResult.parse(goal) if goal is not None else None,
                   paces=tuple(parse_pace_override(p) for p in paces))

    @classmethod
    def from_vdot(cls, vdot: float, *, goal: str | None = None, paces: Iterable[str] = ()) -> Runner:
        """A runner from a VDOT number."""
        return cls(vdot=vdot, goal=RaceResult.parse(goal) if goal is not None else None,
                   paces=tuple(parse_pace_override(p) for p in paces))

    @classmethod
    def from_options(cls, *, race: str | None = None, vdot: float | None = None,
                     goal: str | None = None, paces: Iterable[str] = ()) -> Runner:
        """A runner from command-line style options (``--race``, ``--vdot``, ``--goal``,
        ``--pace``); none of them gives the default runner."""
        if race is not None and vdot is not None:
            raise PaceError("give either a race result or a VDOT, not both", code="bad-runner")
        return cls(race=RaceResult.parse(race) if race is not None else None, vdot=vdot,
                   goal=RaceResult.parse(goal) if goal is not None else None,
                   paces=tuple(parse_pace_override(p) for p in paces))

    # -- derived ------------------------------------------------------------------------

    @property
    def is_default(self) -> bool:
        return self.race is None and self.vdot is None

    @property
    def anchor(self) -> RaceResult:
        """The result every race prediction starts from: the race; for a VDOT, its 5K; for
        the default runner, a 7:04 mile."""
        if self.race is not None:
            return self.race
        if self.vdot is not None:
            return RaceResult(distance_m=5000.0, time_s=vdot_time(self.vdot, 5000.0))
        return RaceResult(distance_m=RACE_DISTANCES_M["Mile"], time_s=DEFAULT_MILE_S)

    @property
    def fitness_vdot(self) -> float:
        """The runner's VDOT: as given, or of the current (or default) result."""
        return self.vdot if self.vdot is not None else self.anchor.vdot

    def override(self, label: str) -> PaceRange | None:
        """The explicit pace for a canonical label, if one was given."""
        return dict(self.paces).get(label)

    def describe(self) -> str:
        """``Mile 6:00``, ``VDOT 50``, ``default runner (Mile 7:04)``."""
        if self.race is not None:
            return str(self.race)
        if self.vdot is not None:
            return f"VDOT {self.vdot:g}"
        return f"default runner ({self.anchor})"

