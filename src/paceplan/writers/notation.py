"""The canonical notation printer: a model back to coach notation that reads back equal.

``read_notation(write_notation(m)) == m`` for every workout the reader produces (and for the
property-test strategies); a canonical string prints back unchanged. The forms:

==========================  ==============================================================
step                        ``400m @ 5K``, ``30 min run``, ``1 mile warm up``, ``lap jog``
kind words                  run (easy, ACTIVE), rep (INTERVAL, no pace), jog / recovery
                            (RECOVERY), walk / rest (REST), warm up, cool down, strides,
                            hill, tempo, fast, jog down recovery, long run, jog/walk, run/walk
extras                      ``"name"`` after the kind word; ``@ none`` for no target;
                            ``as HM-10K`` for a resolved step's label; ``[note]``
repeat                      ``6-10 x 400m @ HM-10K w/ 400m jog``, ``2 x (a + b + c)``,
                            ``2 x 300m cut down (100m @ 5K, 100m @ Mile, 100m @ Faster)``,
                            ``4 x 20 sec strides w/ no recovery``
sequence                    items joined by `` + ``; a workout name that is not the default
                            comes first as ``Name: ...``; a description last in ``(...)``
session                     options joined by `` or ``; ``45-60 min cross-train``, ``OFF``
==========================  ==============================================================

Numbers print in the shortest form that reads back to the very same float.
"""

from __future__ import annotations

import re
from typing import Union

from ..errors import PlanError, UnsupportedError
from ..model import (
    CountRange,
    Intensity,
    LapButton,
    Length,
    LengthRange,
    Node,
    PaceRef,
    Repeat,
    Session,
    SessionKind,
    Step,
    Target,
    Workout,
)
from ..units import MILE_M, Distance, Duration, Pace, PaceRange, PaceUnit, parse_clock

__all__ = ["format_length", "format_nodes", "format_target", "parse_pace_text", "write_notation"]

Printable = Union[Workout, Session, Step, Repeat]

# (intensity, name) -> the kind word that reads back as exactly that intensity and name.
_WORDS: dict[tuple[Intensity, str | None], str] = {
    (Intensity.ACTIVE, None): "run",
    (Intensity.ACTIVE, "long run"): "long run",
    (Intensity.ACTIVE, "run/walk"): "run/walk",
    (Intensity.INTERVAL, None): "rep",
    (Intensity.INTERVAL, "strides"): "strides",
    (Intensity.INTERVAL, "hill"): "hill",
    (Intensity.INTERVAL, "tempo"): "tempo",
    (Intensity.INTERVAL, "fast"): "fast",
    (Intensity.RECOVERY, None): "recovery",
    (Intensity.RECOVERY, "jog"): "jog",
    (Intensity.RECOVERY, "jog/walk"): "jog/walk",
    (Intensity.RECOVERY, "jog down"): "jog down",
    (Intensity.REST, None): "rest",
    (Intensity.REST, "walk"): "walk",
    (Intensity.WARMUP, None): "warm up",
    (Intensity.COOLDOWN, None): "cool down",
}
_DEFAULT_WORD = {Intensity.ACTIVE: "run", Intensity.INTERVAL: "rep", Intensity.RECOVERY: "recovery",
                 Intensity.REST: "rest", Intensity.WARMUP: "warm up", Intensity.COOLDOWN: "cool down"}
# What the reader assumes when no "@" is written after each word.
_DEFAULT_TARGET: dict[str, Target | None] = {"run": PaceRef(low="E"), "long run": PaceRef(low="E"),
                                             "tempo": PaceRef(low="T")}
_DEFAULT_NOTE = {"jog down": "jog back down"}


def write_notation(model: Printable) -> str:
    """Canonical notation for a workout, a session (with its alternatives), a step or a repeat."""
    if isinstance(model, Session):
        return " or ".join(_option(s) for s in (model, *model.alternatives))
    if isinstance(model, Workout):
        return _workout(model)
    if isinstance(model, (Step, Repeat)):
        return _node(model)
    raise UnsupportedError(f"cannot write {type(model).__name__} as notation")


def format_nodes(nodes: tuple[Node, ...]) -> str:
    """The body of a workout: its nodes joined by `` + `` (also the reader's default name)."""
    return " + ".join(_node(n) for n in nodes)


def _workout(w: Workout) -> str:
    body = format_nodes(w.steps)
    printed = body
    only = w.steps[0] if len(w.steps) == 1 else None
    if isinstance(only, Step) and (only.intensity, only.name) == (Intensity.REST, "walk") \
            and not isinstance(only.length, LapButton) and body.startswith(f"{format_length(only.length)} walk"):
        # A cell "10 min walk" alone is a walking session; "walk 10 min" is a walk step.
        printed = "walk " + format_length(only.length) + body[len(f"{format_length(only.length)} walk"):]
    text = printed if w.name == body else f"{w.name}: {printed}"
    if w.description:
        text += f" ({w.description})"
    return text


def _option(s: Session) -> str:
    if s.kind is SessionKind.RUN:
        assert s.workout is not None
        return _workout(s.workout)
    if s.kind is SessionKind.RACE:
        assert s.workout is not None
        text = s.title
        if s.workout.description:
            text += f" ({s.workout.description})"
        return text
    if s.length is not None:
        return f"{format_length(s.length)} {s.title}"
    return s.title


def _node(node: Node) -> str:
    if isinstance(node, Step):
        return _step(node)
    count = str(node.count) if isinstance(node.count, CountRange) else str(node.count)
    steps = node.steps
    if node.name == "cut down" and steps and all(isinstance(s, Step) and isinstance(s.length, Distance) for s in steps):
        total = Distance(sum(s.length.metres for s in steps if isinstance(s, Step) and isinstance(s.length, Distance)))
        inner = ", ".join(_step(s) for s in steps if isinstance(s, Step))  # all are Steps (checked above)
        return f"{count} x {format_length(total)} cut down ({inner})"
    if len(steps) == 2 and isinstance(steps[0], Step) and isinstance(steps[1], Step) \
            and steps[0].intensity.is_work and steps[1].intensity in (Intensity.RECOVERY, Intensity.REST):
        return f"{count} x {_step(steps[0])} w/ {_step(steps[1])}"
    if len(steps) == 1 and isinstance(steps[0], Step):
        text = f"{count} x {_step(steps[0])}"
        if steps[0].name in ("strides", "hill") and steps[0].intensity is Intensity.INTERVAL:
            text += " w/ no recovery"
        return text
    return f"{count} x ({format_nodes(steps)})"


def _step(step: Step) -> str:
    word = _WORDS.get((step.intensity, step.name))
    quoted = None
    if word is None:
        word = _DEFAULT_WORD[step.intensity]
        quoted = step.name
    parts = []
    if word == "rep" and quoted is None and step.target is not None and step.target != PaceRef(low="E"):
        word = ""  # "400m @ 5K": a length with a pace is a rep already
    if isinstance(step.length, LapButton) and word == "jog down":
        parts.append("jog down recovery")
    else:
        parts.append(f"{format_length(step.length)} {word}".rstrip())
    if quoted is not None:
        parts.append(f'"{quoted}"')
    default = _DEFAULT_TARGET.get(word)
    if step.target != default or step.label is not None:
        parts.append(f"@ {format_target(step.target)}")
    if step.label is not None:
        parts.append(f"as {step.label}")
    if step.note is not None and step.note != _DEFAULT_NOTE.get(word):
        parts.append(f"[{step.note}]")
    return " ".join(parts)


def format_target(target: Target | None) -> str:
    """``HM-10K``, ``HM -10s/mi``, ``4:00-4:10/km`` (exact), or ``none``."""
    if target is None:
        return "none"
    if isinstance(target, PaceRef):
        text = target.low if target.high is None else f"{target.low}-{target.high}"
        if target.offset_s or target.per != "km":
            # "+0s/mi" only for the degenerate PaceRef(per="mi") without an offset, so it reads back equal
            sign = "-" if target.offset_s < 0 else "+"
            text += f" {sign}{_num(abs(target.offset_s))}s/{target.per}"
        if target.percent is not None:
            high = "" if target.percent_high is None else f"-{_num(target.percent_high)}"
            text = f"{_num(target.percent)}{high}% {text}"
        return text
    return _pace_range(target)


_PACE_TEXT = re.compile(r"^\s*([0-9:.]+)\s*(?:-\s*([0-9:.]+))?\s*(?:/|per\s+)\s*(km|k|kilometre|kilometer)\s*$",
                        re.IGNORECASE)


def parse_pace_text(text: str) -> PaceRange:
    """A concrete pace or pace range as the notation reader reads it (``4:00-4:10/km``).

    Same as :meth:`PaceRange.parse`, except that seconds per km are taken exactly as written
    (no ``* 1000 / 1000`` round trip), so every pace the printer writes reads back equal.
    """
    m = _PACE_TEXT.match(text.replace("\u2013", "-"))
    if m is None:
        return PaceRange.parse(text)
    a = parse_clock(m.group(1))
    b = parse_clock(m.group(2)) if m.group(2) else a
    return PaceRange.of(Pace(a), Pace(b))


_PACE_TEXT_UNITS: tuple[PaceUnit, ...] = ("km", "mi")
"""Units a pace band is written in, first choice first."""


def _pace_range(r: PaceRange) -> str:
    """``4:00-4:10/km`` or ``7:00/mi`` when that reads back exactly, else exact seconds per km."""
    for unit in _PACE_TEXT_UNITS:
        for d in range(0, 3):
            fast = r.fast.format(unit, suffix=False) if d == 0 else _clock(r.fast.seconds_per(unit), d)
            slow = r.slow.format(unit, suffix=False) if d == 0 else _clock(r.slow.seconds_per(unit), d)
            text = f"{fast}/{unit}" if fast == slow else f"{fast}-{slow}/{unit}"
            try:
                if parse_pace_text(text) == r:
                    return text
            except PlanError:
                pass
    fast, slow = _num(r.fast.seconds_per_km), _num(r.slow.seconds_per_km)
    return f"{fast}/km" if r.is_single else f"{fast}-{slow}/km"


def _clock(seconds: float, decimals: int) -> str:
    whole_min = int(seconds // 60)
    return f"{whole_min}:{seconds - whole_min * 60:0{3 + decimals}.{decimals}f}"


def format_length(length: Length) -> str:
    """``400m``, ``1 mile``, ``6 mi``, ``30 sec``, ``1:30 min``, ``45-60 min``, ``lap``."""
    if isinstance(length, LapButton):
        return "lap"
    if isinstance(length, LengthRange):
        low, high = _length_parts(length.low), _length_parts(length.high)
        if low[1] == high[1] and low[1] in ("m", " mi", " min", " sec", " metres") and ":" not in low[0] + high[0]:
            return f"{low[0]}-{high[0]}{high[1]}"
        return f"{''.join(low)} - {''.join(high)}"
    return "".join(_length_parts(length))


def _length_parts(value: Distance | Duration) -> tuple[str, str]:
    if isinstance(value, Distance):
        m = value.metres
        for d in range(0, 4):
            text = f"{m / MILE_M:.{d}f}"
            if float(text) > 0 and float(text) * MILE_M == m:
                return (text, " mile") if text == "1" else (text, " mi")
        num = _num(m)
        return (num, " metres") if m < 50 else (num, "m")
    s = value.seconds
    if s % 60 == 0:
        return _num(s / 60), " min"
    if s == int(s) and 60 < s < 3600:
        return f"{int(s) // 60}:{int(s) % 60:02d}", " min"
    if s == int(s) and s > 3600:
        h, rem = divmod(int(s), 3600)
        return f"{h}:{rem // 60:02d}:{rem % 60:02d}", ""
    return _num(s), " sec"


def _num(x: float) -> str:
    """The shortest plain decimal that reads back as ``x`` (never exponent notation)."""
    for d in range(0, 18):
        text = f"{x:.{d}f}"
        if float(text) == x:
            return text
    return f"{x:.17f}"
