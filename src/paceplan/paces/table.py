"""A runner's pace table: every known label -> a pace, for one model.

How each label is derived (``VDOT`` is the runner's, from the current result or as given):

- race labels (``800m`` .. ``M``): the model's predicted race time over the distance from the
  runner's current result (VDOT, Riegel or Cameron); ``M`` doubles as Daniels' M pace, which
  Daniels defines as the predicted marathon race pace;
- ``E``: a range, slow end ``v(0.6304*VDOT)``, fast end ``v(0.7346*VDOT)``;
- ``T``: ``v(0.8799*VDOT)``; ``I``: ``v(0.9743*VDOT)``; ``R``: I pace minus 20 s/km below VDOT 50,
  minus 15 s/km from VDOT 50 (curve fits to Daniels' table, tlgs/vdot). These come from VDOT
  whatever the race model, since Daniels' paces are defined on VDOT;
- ``Faster`` (faster than mile pace): mile speed plus 5 %, about 4.5 s per 400 m faster for a
  6:00 miler. It sits between mile and 800 m race pace (VDOT puts 800 m 6-7 % faster than the
  mile at VDOT 30-70), so it needs no extrapolation below 1500 m;
- ``CMP``: current mile pace (the table's ``Mile``); ``GMP``: goal mile pace, the runner's goal
  result carried to the mile by the same model, or the current mile pace when there is no goal.

Explicit paces on the runner (``HM=4:28/km``) replace the model's value for that label only;
``Faster`` and ``CMP`` follow an overridden ``Mile``.

Watch bands (:meth:`PaceTable.target`): a label with a single pace becomes a band of +-``band``
of speed (default 2 %); a label that is a range (``E``) or a two-label range (``HM-10K``) keeps its
two ends, without widening, because the coach already gave a band.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Diagnostic, PaceError, Result, Severity, UnitsError, warning
from ..labels import KNOWN_LABELS, RACE_DISTANCES_M, canonical_label, known_labels_hint
from ..model import PaceRef
from ..units import MILE_M, PACE_UNITS, Pace, PaceRange
from . import bounds
from .equivalence import MODELS, predict_time, vdot_time, velocity_for_vo2
from .refs import parse_pace_ref
from .runner import Runner

__all__ = ["DEFAULT_BAND", "FASTER_SPEED_FACTOR", "PaceEntry", "PaceTable", "pace_table"]

DEFAULT_BAND = 0.02
"""A single pace becomes a watch band of +-2 % of speed (about +-5 s/km at 4:00-4:30/km)."""
FASTER_SPEED_FACTOR = 1.05
"""``Faster`` is mile speed times this."""
E_FRACTIONS = (0.6304, 0.7346)
T_FRACTION = 0.8799
I_FRACTION = 0.9743


@dataclass(frozen=True, slots=True, kw_only=True)
class PaceEntry:
    """One row of a pace table."""

    label: str
    """The canonical label (``5K``, ``E``)."""
    pace: PaceRange
    """The pace: a single pace (slow == fast) for all labels but ``E`` and range overrides."""
    distance_m: float | None = None
    """The race distance, for race labels; None for training labels."""
    race_time_s: float | None = None
    """The predicted (or implied, for a given pace) race time, for race labels."""
    origin: str = "model"
    """``model`` (predicted), ``given`` (an explicit pace), ``goal`` (from the goal result) or
    ``current`` (GMP without a goal: the current mile pace)."""
    extrapolated: bool = False
    """True when the model is used outside the range it was fitted to (800 m by VDOT)."""

    @property
    def is_race(self) -> bool:
        return self.distance_m is not None


def _v_pace(vo2: float) -> Pace:
    """The pace whose oxygen cost is ``vo2``."""
    return Pace(60000.0 / velocity_for_vo2(vo2))


@dataclass(frozen=True, slots=True, kw_only=True)
class PaceTable:
    """Every known label's pace for one runner and one model."""

    model: str
    """``vdot``, ``riegel`` or ``cameron``."""
    vdot: float
    """The runner's VDOT (of the current result, or as given)."""
    entries: tuple[PaceEntry, ...]
    """One entry per label of :data:`paceplan.labels.KNOWN_LABELS`, in that order."""
    runner: Runner
    """Whom the table is for."""

    @property
    def has_goal(self) -> bool:
        return self.runner.goal is not None or self.runner.override("GMP") is not None

    def entry(self, label: str) -> PaceEntry:
        """The entry for a label (canonical or as coaches write it: ``half marathon``)."""
        canon = canonical_label(label) if isinstance(label, str) else None
        for e in self.entries:
            if e.label == canon:
                return e
        raise PaceError(f"unknown pace {label!r}", hint=known_labels_hint(label), code="unknown-pace")

    def __getitem__(self, label: str) -> PaceEntry:
        return self.entry(label)

    def as_mapping(self) -> dict[str, PaceRange]:
        """Every canonical label -> its pace (a plain mapping, for writers that take one)."""
        return {e.label: e.pace for e in self.entries}

    def lookup(self, ref: PaceRef | str) -> PaceRange:
        """The pace range a reference names: one label's pace, or the two ends of a two-label
        range (either order), shifted by the offset. Text is read with
        :func:`~paceplan.paces.parse_pace_ref`."""
        if isinstance(ref, str):
            ref = parse_pace_ref(ref)
        first = self.entry(ref.low).pace
        if ref.high is not None:
            second = self.entry(ref.high).pace
            rng = PaceRange(slow=max(first.slow, second.slow), fast=min(first.fast, second.fast))
        else:
            rng = first
        if ref.offset_s:
            delta = ref.offset_s * 1000.0 / PACE_UNITS[ref.per]
            try:
                rng = PaceRange(slow=Pace(rng.slow.seconds_per_km + delta),
                                fast=Pace(rng.fast.seconds_per_km + delta))
            except UnitsError as exc:
                raise PaceError(f"pace {ref} is out of range: {exc.message}", hint=exc.hint,
                                code="pace-out-of-range") from None
        if ref.percent is not None:
            # a share of speed: 95% of MP speed is MP's pace / 0.95
            low = ref.percent / 100.0
            high = (ref.percent_high if ref.percent_high is not None else ref.percent) / 100.0
            try:
                rng = PaceRange(slow=Pace(rng.slow.seconds_per_km / low), fast=Pace(rng.fast.seconds_per_km / high))
            except UnitsError as exc:
                raise PaceError(f"pace {ref} is out of range: {exc.message}", hint=exc.hint,
                                code="pace-out-of-range") from None
        return rng

    def target(self, ref: PaceRef | str, *, band: float = DEFAULT_BAND) -> PaceRange:
        """The watch band for a reference: a single pace widened by +-``band`` of speed; a range
        (``E``, ``HM-10K``) as it is."""
        if not 0 <= band < 0.5:
            raise PaceError(f"a pace band must be a fraction from 0 to 0.5, got {band!r}", code="bad-band")
        rng = self.lookup(ref)
        return rng.widened(band) if rng.is_single else rng


def _race_entries(runner: Runner, model: str) -> list[PaceEntry]:
    anchor = runner.anchor
    out = []
    for label, metres in RACE_DISTANCES_M.items():
        given = runner.override(label)
        if given is not None:
            out.append(PaceEntry(label=label, pace=given, distance_m=metres,
                                 race_time_s=given.mid.seconds_per_km * metres / 1000.0, origin="given"))
            continue
        seconds: float
        if abs(metres - anchor.distance_m) < 0.5:
            seconds = anchor.time_s
        elif model == "vdot" and runner.vdot is not None:
            seconds = vdot_time(runner.vdot, metres)
        else:
            seconds = predict_time(model, anchor.distance_m, anchor.time_s, metres)
        if model == "riegel":
            lo, hi = bounds.RIEGEL_VALID_S
            extrapolated = not lo <= seconds <= hi
        else:
            lo, hi = bounds.VALID_RACE_M
            extrapolated = not lo <= metres <= hi
        out.append(PaceEntry(label=label, pace=PaceRange.single(Pace(seconds / metres * 1000.0)),
                             distance_m=metres, race_time_s=seconds, extrapolated=extrapolated))
    return out


def _training_entries(runner: Runner, model: str, vdot: float, mile: PaceRange) -> list[PaceEntry]:
    slow_e, fast_e = (_v_pace(f * vdot) for f in E_FRACTIONS)
    i_pace = _v_pace(I_FRACTION * vdot)
    r_pace = Pace(i_pace.seconds_per_km - (20.0 if vdot < 50 else 15.0))
    faster = Pace.from_speed(mile.mid.speed_mps * FASTER_SPEED_FACTOR)
    goal = runner.goal
    if goal is not None:
        gmp_s = predict_time(model, goal.distance_m, goal.time_s, MILE_M) \
            if abs(goal.distance_m - MILE_M) >= 0.5 else goal.time_s
        gmp = PaceEntry(label="GMP", pace=PaceRange.single(Pace.per(gmp_s, "mi")), origin="goal")
    else:
        gmp = PaceEntry(label="GMP", pace=mile, origin="current")
    computed = {
        "E": PaceEntry(label="E", pace=PaceRange(slow=slow_e, fast=fast_e)),
        "T": PaceEntry(label="T", pace=PaceRange.single(_v_pace(T_FRACTION * vdot))),
        "I": PaceEntry(label="I", pace=PaceRange.single(i_pace)),
        "R": PaceEntry(label="R", pace=PaceRange.single(r_pace)),
        "Faster": PaceEntry(label="Faster", pace=PaceRange.single(faster)),
        "CMP": PaceEntry(label="CMP", pace=mile),
        "GMP": gmp,
    }
    out = []
    for label, entry in computed.items():
        given = runner.override(label)
        out.append(entry if given is None else PaceEntry(label=label, pace=given, origin="given"))
    return out


def _validity_warnings(runner: Runner, model: str, vdot: float) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    if runner.is_default:
        out.append(Diagnostic(f"no race result given: using the {runner.describe()}", Severity.NOTE,
                              hint="set your own with --race (mile=6:00) or --vdot", code="default-runner"))
    lo, hi = bounds.VALID_VDOT
    if not lo <= vdot <= hi:
        out.append(warning(f"VDOT {vdot:.1f} is outside the published tables ({lo:g}-{hi:g}): "
                           "paces are extrapolated", code="vdot-validity"))
    results = [("race", runner.race), ("goal", runner.goal)]
    for what, result in results:
        if result is None:
            continue
        dlo, dhi = bounds.VALID_RACE_M
        if not dlo <= result.distance_m <= dhi:
            out.append(warning(f"{what} {result} is outside the models' range (1500 m to the "
                               "marathon): predictions from it are extrapolated", code="race-validity"))
        elif model == "riegel" and not bounds.RIEGEL_VALID_S[0] <= result.time_s <= bounds.RIEGEL_VALID_S[1]:
            out.append(warning(f"{what} {result} is outside Riegel's range (3.5 to 230 minutes): "
                               "predictions from it are extrapolated", code="race-validity"))
    return out


def pace_table(runner: Runner | None = None, model: str = "vdot") -> Result[PaceTable]:
    """Every known label's pace for ``runner`` (default: the 7:04-mile runner) by ``model``
    (``vdot``, ``riegel`` or ``cameron``), with warnings when the model is used outside the range
    it was fitted to."""
    if model not in MODELS:
        raise PaceError(f"unknown pace model {model!r}", hint="use " + ", ".join(MODELS), code="bad-model")
    runner = runner if runner is not None else Runner.default()
    vdot = runner.fitness_vdot
    try:
        races = _race_entries(runner, model)
        mile = next(e for e in races if e.label == "Mile").pace
        entries = races + _training_entries(runner, model, vdot, mile)
    except UnitsError as exc:
        # Only reachable through extreme but accepted inputs (a VDOT-10 runner's E pace, say).
        raise PaceError(f"cannot derive paces for {runner.describe()}: {exc.message}",
                        code="pace-out-of-range") from None
    by_label = {e.label: e for e in entries}
    table = PaceTable(model=model, vdot=vdot, entries=tuple(by_label[lab] for lab in KNOWN_LABELS),
                      runner=runner)
    return Result(table, tuple(_validity_warnings(runner, model, vdot)))
