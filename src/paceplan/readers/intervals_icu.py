"""Read intervals.icu workout text (reference ``garmin-connect.md`` Part B) into a workout.

Understood (the running subset of B.1-B.3):

- step lines ``- [cue] LENGTH [TARGET] [press lap]``; the cue is the step's name, and its first
  word may set the intensity: a prefix ``Warmup``, ``Cooldown``, ``Interval``, ``Active``,
  ``Recovery`` or ``Rest`` (exactly so capitalised) is consumed, a synonym (``warm-up``,
  ``cool-down``, ``work``, ``run``, ``recover``, ``jog``, ``rest``, any case) stays in the name;
  without one the section decides;
- lengths ``1h``, ``10m`` (minutes), ``30s``, ``1h2m30s``, ``1m30``, ``5'``, ``30"``, ``1'30"``,
  ``2km``, ``1mi``, ``500mtr``;
- absolute pace targets ``5:00/km Pace``, ``7:15-7:00/km Pace``, ``6:00-6:10/mi Pace``,
  ``1:30/400m Pace``, ``3:00/100m-4:00/100m Pace`` and ``5:00 Pace`` (in ``pace_unit``);
- section headers (``Warmup``, ``Main Set``, ``Cooldown``: the intensity of steps without a cue
  word), repeat headers ``Main Set 5x`` or ``5x`` whose block ends at an empty line or the next
  header, and ``press lap`` (the step ends at the lap button: its written length was an estimate).

Not understood, by decision: relative targets (``Z2 Pace``, ``80% Pace``), heart rate, power,
cadence, ramps and ``freeride`` raise :class:`~paceplan.errors.UnsupportedError` pointing at the
target, because paceplan's model holds absolute paces only and a silently dropped target would
run a workout at the wrong effort. Anything else unreadable is a
:class:`~paceplan.errors.PlanSyntaxError` with line, column and caret. All bad lines are
reported together.
"""

from __future__ import annotations

import re

from ..errors import Diagnostic, PlanError, PlanSyntaxError, UnitsError, UnsupportedError
from ..intervals_syntax import CUE_WORDS, LENGTH_TOKEN, SECTION_DEFAULTS
from ..model import LAP_BUTTON, MAX_STEP_METRES, MAX_STEP_SECONDS, Intensity, Length, Node, Repeat, Step, Workout
from ..source import Source
from ..units import MILE_M, Distance, Duration, Pace, PaceRange, PaceUnit, parse_clock
from .notation.lexer import fold

__all__ = ["MAX_TEXT", "read_intervals_icu"]

MAX_TEXT = 100_000
"""Longest workout text read (a workout is a few dozen lines; this bounds the work)."""

_PREFIXES = frozenset({"Warmup", "Cooldown", "Interval", "Active", "Recovery", "Rest"})
"""Cue words consumed as an intensity prefix (exactly so written); other cue words stay in the name."""

_PACE_UNIT_M = {"km": 1000.0, "mi": MILE_M, "400m": 400.0, "500m": 500.0, "250m": 250.0,
                "100m": 100.0, "100y": 91.44}
_CLOCK = r"\d+(?::\d{1,2})?(?:\.\d+)?"
_PACE_TARGET = re.compile(
    rf"^(?P<a>{_CLOCK})(?:/(?P<ua>\w+))?(?:\s*-\s*(?P<b>{_CLOCK})(?:/(?P<ub>\w+))?)?\s+pace$",
    re.IGNORECASE)
# The name ends on a non-digit: with a bare ``.*?`` before ``\d+`` a line of digits backtracks
# quadratically (99,999 digits took minutes).
_REPEAT_HEADER = re.compile(r"^(?:(?P<name>.*?\D)\s*)?(?P<count>\d+)\s*x$", re.IGNORECASE)
_PRESS_LAP = re.compile(r"(?:^|\s)press\s+lap\s*$", re.IGNORECASE)
_TOKEN = re.compile(r"\S+")

_UNSUPPORTED = [
    (re.compile(r"%\s*pace$|\bz\d(?:\s*-\s*z\d)?\s+pace$", re.IGNORECASE),
     "relative pace targets (zones, % of threshold) are not supported",
     "write absolute paces such as 5:00/km Pace"),
    (re.compile(r"\b(?:lt)?hr$", re.IGNORECASE), "heart-rate targets are not supported",
     "paceplan plans by pace: write an absolute pace such as 5:00/km Pace"),
    (re.compile(r"\d\s*rpm\b", re.IGNORECASE), "cadence targets are not supported",
     "remove the cadence, or write it in the step's cue text"),
    (re.compile(r"\bramp\b|\bfreeride\b", re.IGNORECASE), "ramps and freeride are not supported",
     "write steady steps with absolute paces"),
    (re.compile(r"^(?:\d+(?:-\d+)?%|\d+(?:-\d+)?w|c?z\d(?:-c?z\d)?|.*\bmmp\b.*)$", re.IGNORECASE),
     "power targets are not supported (a bare percentage or zone is power in intervals.icu)",
     "paceplan plans by pace: write an absolute pace such as 5:00/km Pace"),
]


def _length(token: str) -> Duration | Distance | None:
    m = LENGTH_TOKEN.match(token)
    if not m or not token:
        return None
    g = m.groupdict()
    if g["dist"]:
        value = float(g["dist"])
        unit = g["unit"].lower()
        if value <= 0:
            return None
        return Distance.km(value) if unit == "km" else Distance.miles(value) if unit == "mi" else Distance(value)
    seconds: float
    if g["ms_m"]:
        seconds = int(g["ms_m"]) * 60 + int(g["ms_s"])
    elif g["q_m"] or g["q_s"]:
        seconds = int(g["q_m"] or 0) * 60 + int(g["q_s"] or 0)
    elif g["h"] or g["m"] or g["s"]:
        seconds = (float(g["h"][:-1]) * 3600 if g["h"] else 0.0) + \
                  (float(g["m"][:-1]) * 60 if g["m"] else 0.0) + (float(g["s"][:-1]) if g["s"] else 0.0)
    else:
        return None
    return Duration(seconds) if seconds > 0 else None


def _pace(clock: str, unit: str) -> Pace:
    metres = _PACE_UNIT_M.get(unit.lower())
    if metres is None:
        raise UnitsError(f"unknown pace unit /{unit}", hint="use /km, /mi, /400m, /500m, /100m")
    seconds = parse_clock(clock) if ":" in clock else float(clock) * 60
    return Pace(seconds * 1000.0 / metres)


class _Reader:
    def __init__(self, source: Source, pace_unit: PaceUnit) -> None:
        self.source = source
        # Typographic characters (en dash, primes, non-breaking spaces) folded one for one, so
        # offsets into the folded text still point into what the user wrote.
        self.text = fold(source.text)
        self.pace_unit = pace_unit
        self.errors: list[tuple[type[PlanError], Diagnostic]] = []

    def fail(self, kind: type[PlanError], message: str, start: int, end: int, hint: str | None) -> None:
        self.errors.append((kind, Diagnostic(message, span=self.source.span(start, max(end, start + 1)),
                                             hint=hint)))

    def target(self, text: str, start: int) -> PaceRange | None:
        text = text.strip()
        if not text:
            return None
        end = start + len(text)
        m = _PACE_TARGET.match(text)
        if m:
            unit_b = m.group("ub")
            unit_a = m.group("ua") or unit_b or self.pace_unit
            try:
                first = _pace(m.group("a"), unit_a)
                if m.group("b") is None:
                    return PaceRange.single(first)
                return PaceRange.of(first, _pace(m.group("b"), unit_b or unit_a))
            except UnitsError as exc:
                self.fail(PlanSyntaxError, f"cannot read pace target {text!r}: {exc.message}", start, end,
                          exc.hint)
                return None
        for pattern, message, hint in _UNSUPPORTED:
            if pattern.search(text):
                self.fail(UnsupportedError, f"{message}: {text!r}", start, end, hint)
                return None
        self.fail(PlanSyntaxError, f"cannot read target {text!r}", start, end,
                  "write an absolute pace such as 5:00/km Pace or 7:15-7:00/km Pace")
        return None

    def step(self, line: str, offset: int, default: Intensity) -> Step | None:
        """One ``- ...`` line (``line`` starts at the dash, ``offset`` is its position)."""
        body_start = 1
        tokens = [(m.group(), offset + m.start()) for m in _TOKEN.finditer(line, body_start)]
        index = next((i for i, (tok, _) in enumerate(tokens) if _length(tok) is not None), None)
        if index is None:
            # Point at a number that failed to be a length ("400 m", "400meters"), else the body.
            bad = next((t for t in tokens if re.match(r"^\d", t[0]) and ":" not in t[0]), None)
            if bad is not None:
                start, end = bad[1], bad[1] + len(bad[0])
            elif tokens:
                start, end = tokens[0][1], tokens[-1][1] + len(tokens[-1][0])
            else:
                start, end = offset, offset + len(line)
            hint = ("write a time (10m, 30s, 1h2m30s) or a distance (2km, 1mi, 400mtr); "
                    "metres are written mtr")
            self.fail(PlanSyntaxError, "step has no length", start, end, hint)
            return None
        cue = [tok for tok, _ in tokens[:index]]
        intensity = default
        if cue and cue[0] in _PREFIXES:
            # "Recovery 3m": a prefix word, consumed.
            intensity = CUE_WORDS[cue[0].lower()]
            cue = cue[1:]
        elif cue and cue[0].lower() in CUE_WORDS:
            # "Jog 400mtr", "Warm-up 10m": the word sets the intensity and stays the step's name.
            intensity = CUE_WORDS[cue[0].lower()]
        name = " ".join(cue) or None
        length_tok, length_at = tokens[index]
        found = _length(length_tok)
        assert found is not None  # index is the first token _length() reads
        length: Length = found
        if (isinstance(length, Distance) and length.metres > MAX_STEP_METRES) or \
                (isinstance(length, Duration) and length.seconds > MAX_STEP_SECONDS):
            self.fail(PlanSyntaxError, f"{length_tok!r} is too long for one step", length_at,
                      length_at + len(length_tok), "a step is at most 1000 km or 48 hours")
            return None
        minutes = re.fullmatch(r"(\d+)m", length_tok, re.IGNORECASE)
        if minutes and int(minutes.group(1)) >= 200 and int(minutes.group(1)) % 100 == 0:
            # "400m" is 400 minutes in intervals.icu; a coach almost surely meant metres.
            self.fail(PlanSyntaxError, f"{length_tok!r} means {minutes.group(1)} minutes in intervals.icu",
                      length_at, length_at + len(length_tok),
                      f"write {minutes.group(1)}mtr for metres (or hours and minutes, e.g. 3h20m)")
            return None
        rest_start = length_at + len(length_tok) - offset
        rest = line[rest_start:]
        lap = _PRESS_LAP.search(rest)
        if lap:
            rest = rest[: lap.start()]
            length = LAP_BUTTON
        lead = len(rest) - len(rest.lstrip())
        target = self.target(rest, offset + rest_start + lead)
        try:
            return Step(intensity=intensity, length=length, target=target, name=name,
                        span=self.source.span(offset, offset + len(line)))
        except PlanError as exc:
            self.fail(PlanSyntaxError, exc.message, offset, offset + len(line), exc.hint)
            return None

    def read(self) -> list[Node]:
        nodes: list[Node] = []
        section = "main"
        block: dict | None = None  # an open repeat: count, name, steps, span start

        def close() -> None:
            nonlocal block
            if block is None:
                return
            if not block["steps"]:
                self.fail(PlanSyntaxError, f"repeat {block['header']!r} has no steps", block["start"],
                          block["end"], "list its steps on the lines after the header, each starting with '- '")
            else:
                try:
                    nodes.append(Repeat(count=block["count"], steps=tuple(block["steps"]), name=block["name"],
                                        span=self.source.span(block["start"], block["end"])))
                except PlanError as exc:
                    self.fail(PlanSyntaxError, exc.message, block["start"], block["end"], exc.hint)
            block = None

        pos = 0
        for raw in self.text.splitlines(keepends=True):
            line_start = pos
            pos += len(raw)
            line = raw.rstrip("\r\n")
            stripped = line.strip()
            if not stripped:
                close()
                continue
            at = line_start + (len(line) - len(line.lstrip()))
            text = line.strip()
            if text.startswith("-"):
                default = SECTION_DEFAULTS["repeat"] if block is not None else SECTION_DEFAULTS[section]
                step = self.step(text, at, default)
                if step is not None:
                    (block["steps"] if block is not None else nodes).append(step)
                continue
            close()
            m = _REPEAT_HEADER.match(text)
            if m:
                block = {"count": int(m.group("count")), "name": (m.group("name") or "").strip() or None,
                         "steps": [], "start": at, "end": at + len(text), "header": text}
                section = "main"
                continue
            key = re.sub(r"[\s_-]+", "", text.lower())
            section = key if key in ("warmup", "cooldown") else "main"
        close()
        return nodes


def read_intervals_icu(text: str, *, name: str = "intervals.icu workout", source_name: str = "<intervals>",
                       pace_unit: PaceUnit = "km") -> Workout:
    """Read intervals.icu workout text into a :class:`~paceplan.model.Workout` called ``name``.

    ``pace_unit`` is the unit of paces written without one (``5:00 Pace``). Every bad line is
    reported in one :class:`~paceplan.errors.PlanSyntaxError` (or
    :class:`~paceplan.errors.UnsupportedError` when all problems are unsupported targets), each
    diagnostic with line, column and caret in ``source_name``.
    """
    if not isinstance(text, str):
        raise PlanSyntaxError(f"workout text must be text, got {type(text).__name__}")
    # A byte-order mark would make the first line a section header and drop its step unseen.
    text = text.removeprefix("\ufeff")
    source = Source(text, name=source_name)
    if len(text) > MAX_TEXT:
        raise PlanSyntaxError(f"workout text of {len(text)} characters is too long for one workout",
                              span=source.span(MAX_TEXT, len(text)), code="too-long",
                              hint=f"one workout is at most {MAX_TEXT} characters")
    reader = _Reader(source, pace_unit)
    nodes = reader.read()
    if reader.errors:
        kinds = {k for k, _ in reader.errors}
        kind = UnsupportedError if kinds == {UnsupportedError} else PlanSyntaxError
        raise kind(diagnostics=[d for _, d in reader.errors])
    if not nodes:
        raise PlanSyntaxError("no steps in the workout text", span=source.span(0, len(text)),
                              hint="write each step on a line starting with '- ', e.g. '- 10m 6:00/km Pace'")
    return Workout(name=name, steps=tuple(nodes))
