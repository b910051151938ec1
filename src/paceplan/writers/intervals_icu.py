"""intervals.icu workout text (reference ``garmin-connect.md`` Part B).

What the text looks like::

    Warmup
    - 15m

    Main Set 8x
    - 400mtr 3:50-3:40/km Pace
    - Recovery 400mtr

    Cooldown
    - 5m press lap

Rules kept here:

- Distances in metres are written ``400mtr`` (``400m`` means 400 *minutes* there), whole
  kilometres ``2km``, whole and decimal miles ``1mi``; never a bare ``m`` after a distance.
- Paces are absolute (``7:15-7:00/km Pace``, slower first), rounded to the whole second.
- One empty line before and after every repeat block; nested repeats are not supported by
  intervals.icu, so an outer repeat is unrolled into consecutive blocks, with a warning.
- Section headers (``Warmup``, ``Main Set``, ``Cooldown``) carry the intensity of the steps
  under them (steps inside a repeat are intervals). A step whose intensity differs starts with a
  prefix word (``Recovery``, ``Rest``, ``Interval``, ``Active``, ``Warmup``, ``Cooldown``,
  exactly so capitalised), which the reader consumes; a step name starting with a synonym
  (``jog``, ``Warm-up``, ``run``...) sets the intensity by itself and stays the name, so
  ``- Warm-up 10m`` needs no prefix. :func:`paceplan.readers.intervals_icu.read_intervals_icu`
  reads all of this back.
- A lap-button step has no length in paceplan; intervals.icu needs one, so it is written as an
  estimate (5 minutes by default) followed by ``press lap``.

Step notes have no place in the text and are dropped with one note-level diagnostic per
workout; pace labels (``HM-10K``) are display-only and not written (the pace itself is).
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import Diagnostic, Result, Severity, UnsupportedError, warning
from ..model import (
    Intensity,
    LapButton,
    LengthRange,
    Node,
    PaceRef,
    Repeat,
    Step,
    Workout,
)
from ..passes.choose import choose_ranges
from ..intervals_syntax import CUE_WORDS, INTENSITY_CUE, LENGTH_TOKEN, SECTION_DEFAULTS
from ..units import MILE_M, Distance, Duration, PaceRange, PaceUnit, format_clock

__all__ = [
    "CUE_WORDS",
    "INTENSITY_CUE",
    "LENGTH_TOKEN",
    "SECTION_DEFAULTS",
    "format_distance",
    "format_duration",
    "write_intervals_icu",
]

_CANONICAL_CUES = frozenset(INTENSITY_CUE.values())

"""One whitespace-free token that intervals.icu reads as a step's time or distance."""

_DEFAULT_LAP_ESTIMATE = Duration(300)


def format_duration(seconds: int) -> str:
    """``1h2m30s``, ``10m``, ``45s``: intervals.icu time, where ``m`` is minutes."""
    h, rem = divmod(seconds, 3600)
    m, s = divmod(rem, 60)
    text = (f"{h}h" if h else "") + (f"{m}m" if m else "") + (f"{s}s" if s else "")
    return text or "0s"


def format_distance(distance: Distance) -> str:
    """``400mtr``, ``2km``, ``1.5mi``, ``1.2345km``: never a bare ``m`` (that is minutes)."""
    metres = distance.metres
    miles = round(metres / MILE_M, 3)
    if miles > 0 and abs(miles * MILE_M - metres) < 1e-6 and abs(metres - round(metres)) > 1e-6:
        return f"{miles:g}mi"
    if abs(metres - round(metres)) < 1e-9:
        whole = int(round(metres))
        return f"{whole // 1000}km" if whole % 1000 == 0 else f"{whole}mtr"
    return f"{metres / 1000:.4f}".rstrip("0").rstrip(".") + "km"


def _is_cue_safe(text: str) -> bool:
    """True when every word of ``text`` stays cue text for the reader (no length, one line)."""
    if "\n" in text or "\r" in text or not text.strip():
        return False
    words = text.split()
    return " ".join(words) == text and not any(LENGTH_TOKEN.match(w) for w in words)


@dataclass
class _Writer:
    pace_unit: PaceUnit
    lap_estimate: Duration
    warnings: list[Diagnostic]
    dropped_notes: int = 0

    def length(self, step: Step) -> tuple[str, bool]:
        length = step.length
        lap = False
        assert not isinstance(length, LengthRange), "choose_ranges runs first"
        if isinstance(length, LapButton):
            length, lap = self.lap_estimate, True
        if isinstance(length, Duration):
            whole = round(length.seconds)
            if abs(whole - length.seconds) > 1e-6 or whole == 0:
                whole = max(1, whole)
                self.warnings.append(warning(
                    f"duration {length.seconds:g} s written as {whole} s (intervals.icu takes whole seconds)",
                    span=step.span, code="intervals-rounded"))
            return format_duration(whole), lap
        if isinstance(length, Distance):
            return format_distance(length), lap
        raise AssertionError(f"unknown length {length!r}")  # pragma: no cover - closed union

    def target(self, step: Step) -> str | None:
        target = step.target
        if target is None:
            return None
        if isinstance(target, PaceRef):
            raise UnsupportedError(
                f"pace {str(target)!r} is not resolved: intervals.icu text needs absolute paces",
                span=step.span, code="unresolved-pace",
                hint="resolve paces first (give a race result or paces, e.g. paceplan build --race 5K=20:00)")
        assert isinstance(target, PaceRange)
        unit = self.pace_unit
        slow = format_clock(target.slow.seconds_per(unit))
        fast = format_clock(target.fast.seconds_per(unit))
        # Slower first, as the intervals.icu guide's own running example (reference B.3).
        text = slow if slow == fast else f"{slow}-{fast}"
        return f"{text}/{unit} Pace"

    def step_line(self, step: Step, default: Intensity) -> str:
        words: list[str] = []
        name = step.name
        if name is not None and not _is_cue_safe(name):
            self.warnings.append(Diagnostic(
                f"step name {name!r} not written: intervals.icu would read part of it as a length",
                Severity.NOTE, step.span, code="intervals-name-dropped"))
            name = None
        first = name.split()[0] if name else None
        if first is not None and first in _CANONICAL_CUES:
            # The reader would take the name's first word for the intensity prefix: keep both.
            implied = None
        elif first is not None and first.lower() in CUE_WORDS:
            # "jog", "Warm-up": the name's own first word tells the reader the intensity.
            implied = CUE_WORDS[first.lower()]
        else:
            implied = default
        if step.intensity is not implied:
            words.append(INTENSITY_CUE[step.intensity])
        if name:
            words.append(name)
        length, lap = self.length(step)
        words.append(length)
        target = self.target(step)
        if target:
            words.append(target)
        if lap:
            words.append("press lap")
        if step.note:
            self.dropped_notes += 1
        return "- " + " ".join(words)

    def count(self, rep: Repeat) -> int:
        assert isinstance(rep.count, int), "choose_ranges runs first"
        return rep.count


def _flatten(nodes: tuple[Node, ...], w: _Writer) -> list[Node]:
    """Top-level steps and one-level repeats; outer repeats holding repeats are unrolled."""
    out: list[Node] = []
    for node in nodes:
        if isinstance(node, Step):
            out.append(node)
        elif any(isinstance(child, Repeat) for child in node.steps):
            count = w.count(node)
            w.warnings.append(warning(
                f"nested repeats: the outer {count}x is unrolled into consecutive blocks "
                "(intervals.icu has no nested repeats)", span=node.span, code="intervals-nested-repeat"))
            inner = _flatten(node.steps, w)
            for _ in range(count):
                out.extend(inner)
        else:
            out.append(node)
    return out


def _section(step: Step) -> str:
    if step.intensity is Intensity.WARMUP:
        return "warmup"
    if step.intensity is Intensity.COOLDOWN:
        return "cooldown"
    return "main"


_HEADERS = {"warmup": "Warmup", "cooldown": "Cooldown", "main": "Main Set"}


def write_intervals_icu(workout: Workout, *, pace_unit: PaceUnit = "km",
                        lap_estimate: Duration = _DEFAULT_LAP_ESTIMATE) -> Result[str]:
    """The intervals.icu workout text for a resolved workout (the workout's name is not part of
    the text: intervals.icu keeps it as the event's name).

    ``pace_unit`` is ``km`` or ``mi``. Raises :class:`~paceplan.errors.UnsupportedError` for an
    unresolved :class:`~paceplan.model.PaceRef`. Ranges left in the workout are written at their
    low end (:func:`~paceplan.passes.choose.choose_ranges`) and nested repeats unrolled, each with
    a warning; step notes are dropped with a note.
    """
    if pace_unit not in ("km", "mi"):
        raise UnsupportedError(f"intervals.icu paces are written per km or per mi, not per {pace_unit}")
    chosen = choose_ranges(workout)
    workout = chosen.value
    w = _Writer(pace_unit, lap_estimate, list(chosen.warnings))
    blocks: list[list[str]] = []
    current: str | None = None
    for node in _flatten(workout.steps, w):
        if isinstance(node, Repeat):
            count = w.count(node)
            header = f"{count}x"
            if node.name and _is_cue_safe(node.name) and not node.name.startswith("-"):
                header = f"{node.name} {count}x"
            elif node.name:
                w.warnings.append(Diagnostic(
                    f"repeat name {node.name!r} not written: it does not fit on an intervals.icu header line",
                    Severity.NOTE, node.span, code="intervals-name-dropped"))
            lines = [header]
            for child in node.steps:
                assert isinstance(child, Step)
                lines.append(w.step_line(child, SECTION_DEFAULTS["repeat"]))
            blocks.append(lines)
            current = None
            continue
        section = _section(node)
        if section != current:
            blocks.append([_HEADERS[section]])
            current = section
        blocks[-1].append(w.step_line(node, SECTION_DEFAULTS[section]))
    # An empty line between every two blocks frames each repeat block on both sides.
    if w.dropped_notes:
        # Notes are coaching text, not what the watch runs: a note, not a warning (--verbose).
        w.warnings.append(Diagnostic(
            f"{w.dropped_notes} step note(s) not written: intervals.icu text has no place for them",
            Severity.NOTE, code="intervals-note-dropped"))
    text = "\n\n".join("\n".join(lines) for lines in blocks) + "\n"
    return Result(text, tuple(w.warnings))
