"""Garmin Connect workout-service JSON: the format Garmin's web workout builder sends.

There is no public spec; the shapes and numeric ids follow ``shared/reference/garmin-connect.md``
(Part A), which took them from Garmin's own ``/workout-service/workout/types``. Garmin trusts the
numeric ids and ignores the ``...Key`` strings, and a wrong id is stored silently as something
else, so the ids live in our own tables below (checked by ``tests/test_garmin_json.py``), never
copied from a third-party client.

Rules this writer keeps (reference A.5):

- ``stepOrder`` is global and depth-first: a repeat group takes a number, its children continue.
- A repeat group carries ``numberOfIterations`` *and* the ``iterations`` end condition.
- Pace targets are ``pace.zone`` with m/s values as step-level keys, faster bound first.
- Names stay within 256 UTF-16 code units (Garmin truncates silently beyond that).

The output is plain data (dicts, lists, floats, strings) built in a fixed key order, so
:func:`garmin_json_text` gives byte-identical text for the same workout.
"""

from __future__ import annotations

import datetime as _dt
import json
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ..errors import Diagnostic, PlanValueError, Result, UnsupportedError, warning
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
from ..units import Distance, Duration, PaceRange

__all__ = [
    "CONDITION_TYPE_IDS",
    "MAX_NAME_UNITS",
    "MAX_NOTE_UNITS",
    "SPORT_TYPE_IDS",
    "STEP_TYPE_IDS",
    "TARGET_TYPE_IDS",
    "GarminScheduleEntry",
    "ascii_fallback",
    "garmin_json_text",
    "garmin_name",
    "garmin_schedule",
    "utf16_units",
    "workout_to_garmin",
]

STEP_TYPE_IDS: dict[str, int] = {
    "warmup": 1, "cooldown": 2, "interval": 3, "recovery": 4, "rest": 5, "repeat": 6,
    "other": 7, "main": 8,
}
"""``stepTypeId`` by ``stepTypeKey`` (reference A.4)."""

CONDITION_TYPE_IDS: dict[str, int] = {
    "lap.button": 1, "time": 2, "distance": 3, "calories": 4, "power": 5, "heart_rate": 6,
    "iterations": 7, "fixed_rest": 8, "fixed_repetition": 9, "reps": 10,
}
"""``conditionTypeId`` by ``conditionTypeKey`` (reference A.4, python-garminconnect #370)."""

TARGET_TYPE_IDS: dict[str, int] = {
    "no.target": 1, "power.zone": 2, "cadence": 3, "heart.rate.zone": 4, "speed.zone": 5,
    "pace.zone": 6, "grade": 7, "heart.rate.lap": 8, "power.lap": 9, "resistance": 15,
}
"""``workoutTargetTypeId`` by ``workoutTargetTypeKey`` (reference A.4)."""

SPORT_TYPE_IDS: dict[str, int] = {
    "running": 1, "cycling": 2, "other": 3, "swimming": 4, "strength_training": 5,
    "cardio_training": 6, "yoga": 7, "pilates": 8, "hiit": 9, "multi_sport": 10, "mobility": 11,
}
"""``sportTypeId`` by ``sportTypeKey`` (reference A.4)."""

MAX_NAME_UNITS = 256
"""Garmin silently truncates ``workoutName`` beyond 256 UTF-16 code units (reference A.7)."""
MAX_NOTE_UNITS = 256
"""Step notes: "Coaching notes (max 256 characters)" (unconfirmed, reference A.7)."""

SPEED_DECIMALS = 4
"""m/s to four decimals, as Garmin's own JSON (4:00/km -> 4.1667): 0.003 s/km at 4:00/km."""

_STEP_KEY: dict[Intensity, str] = {
    Intensity.WARMUP: "warmup",
    Intensity.COOLDOWN: "cooldown",
    Intensity.INTERVAL: "interval",
    # Garmin's running builder has no separate "active": a run step is an interval ("Run").
    Intensity.ACTIVE: "interval",
    Intensity.RECOVERY: "recovery",
    Intensity.REST: "rest",
}

# Characters that made workouts vanish or get rejected (quick-plan #36), with ASCII stand-ins.
_ASCII_MAP = {
    "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00d7": "x", "\u00b7": "-", "\u2022": "-",
    "\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u2026": "...",
    "\u00a0": " ", "\u2032": "'", "\u2033": '"', "\u00bd": "1/2", "\u00bc": "1/4", "\u00be": "3/4",
}


def utf16_units(text: str) -> int:
    """Length in UTF-16 code units, the unit of Garmin's name limit (an emoji counts 2)."""
    return len(text.encode("utf-16-le")) // 2


def ascii_fallback(text: str) -> str:
    """``text`` in ASCII: dashes and times signs mapped, accents dropped, anything else ``?``."""
    out = []
    for ch in text:
        if ord(ch) < 128:
            out.append(ch)
            continue
        if ch in _ASCII_MAP:
            out.append(_ASCII_MAP[ch])
            continue
        base = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode("ascii")
        out.append(base if base else "?")
    return "".join(out)


def _truncate_units(text: str, limit: int) -> str:
    """The longest prefix within ``limit`` UTF-16 units, never splitting a surrogate pair."""
    units = 0
    for i, ch in enumerate(text):
        units += 2 if ord(ch) > 0xFFFF else 1
        if units > limit:
            return text[:i]
    return text


def garmin_name(name: str, *, ascii_names: bool = False, what: str = "workout name") -> Result[str]:
    """A name Garmin Connect stores as given: ASCII on request, at most 256 UTF-16 units.

    Without ``ascii_names`` a non-ASCII name is kept and warned about (Garmin has dropped such
    workouts without an error); with it the name is transliterated and the change warned about.
    A name over the limit is cut (Garmin would cut it silently) with a warning.
    """
    warnings: list[Diagnostic] = []
    out = name
    if not name.isascii():
        if ascii_names:
            out = ascii_fallback(name)
            warnings.append(warning(f"{what} {name!r} written in ASCII as {out!r}",
                                    code="garmin-ascii-name"))
        else:
            warnings.append(warning(
                f"{what} {name!r} has non-ASCII characters, which Garmin Connect has been seen to lose",
                hint="if the workout does not show up in Garmin Connect, use an ASCII name "
                     "(workout_to_garmin(..., ascii_names=True) writes one)",
                code="garmin-non-ascii-name"))
    if utf16_units(out) > MAX_NAME_UNITS:
        cut = _truncate_units(out, MAX_NAME_UNITS)
        warnings.append(warning(
            f"{what} is {utf16_units(out)} UTF-16 units long; cut to {MAX_NAME_UNITS}",
            hint="Garmin Connect truncates longer names silently", code="garmin-long-name"))
        out = cut
    return Result(out, tuple(warnings))


def _end_condition(length: object, step: Step, warnings: list[Diagnostic]) -> dict[str, Any]:
    assert not isinstance(length, LengthRange), "choose_ranges runs first"
    if isinstance(length, Duration):
        return {"endCondition": {"conditionTypeId": CONDITION_TYPE_IDS["time"], "conditionTypeKey": "time"},
                "endConditionValue": float(round(length.seconds, 3))}
    if isinstance(length, Distance):
        return {"endCondition": {"conditionTypeId": CONDITION_TYPE_IDS["distance"],
                                 "conditionTypeKey": "distance"},
                "endConditionValue": float(round(length.metres, 3))}
    if isinstance(length, LapButton):
        # No value: the step lasts until the lap button (reference A.5).
        return {"endCondition": {"conditionTypeId": CONDITION_TYPE_IDS["lap.button"],
                                 "conditionTypeKey": "lap.button"}}
    raise AssertionError(f"unknown length {length!r}")  # pragma: no cover - closed union


def _target(step: Step) -> dict[str, Any]:
    target = step.target
    if target is None:
        return {"targetType": {"workoutTargetTypeId": TARGET_TYPE_IDS["no.target"],
                               "workoutTargetTypeKey": "no.target"}}
    if isinstance(target, PaceRef):
        raise UnsupportedError(
            f"pace {str(target)!r} is not resolved: Garmin Connect needs concrete paces",
            span=step.span, code="unresolved-pace",
            hint="resolve paces first (give a race result or paces, e.g. paceplan build --race 5K=20:00)")
    if isinstance(target, PaceRange):
        # Faster bound (higher m/s) first, as Garmin-authored workouts store it (reference A.5).
        return {"targetType": {"workoutTargetTypeId": TARGET_TYPE_IDS["pace.zone"],
                               "workoutTargetTypeKey": "pace.zone"},
                "targetValueOne": round(target.fast.speed_mps, SPEED_DECIMALS),
                "targetValueTwo": round(target.slow.speed_mps, SPEED_DECIMALS)}
    raise AssertionError(f"unknown target {target!r}")  # pragma: no cover - closed union


def _note(step: Step, ascii_names: bool, warnings: list[Diagnostic]) -> str | None:
    parts = [p for p in (step.label, step.note) if p]
    if not parts:
        return None
    text = " - ".join(parts)
    if ascii_names:
        text = ascii_fallback(text)
    if utf16_units(text) > MAX_NOTE_UNITS:
        warnings.append(warning(f"step note cut to {MAX_NOTE_UNITS} characters for Garmin Connect",
                                span=step.span, code="garmin-long-note"))
        text = _truncate_units(text, MAX_NOTE_UNITS)
    return text


class _Numberer:
    def __init__(self) -> None:
        self.next = 1

    def take(self) -> int:
        n = self.next
        self.next += 1
        return n


def _step_json(step: Step, order: int, ascii_names: bool, warnings: list[Diagnostic]) -> dict[str, Any]:
    key = _STEP_KEY[step.intensity]
    out: dict[str, Any] = {
        "type": "ExecutableStepDTO",
        "stepOrder": order,
        "stepType": {"stepTypeId": STEP_TYPE_IDS[key], "stepTypeKey": key},
    }
    note = _note(step, ascii_names, warnings)
    if note is not None:
        out["description"] = note
    out.update(_end_condition(step.length, step, warnings))
    out.update(_target(step))
    return out


def _repeat_json(rep: Repeat, order: int, numberer: _Numberer, ascii_names: bool,
                 warnings: list[Diagnostic]) -> dict[str, Any]:
    count = rep.count
    assert isinstance(count, int), "choose_ranges runs first"
    out: dict[str, Any] = {
        "type": "RepeatGroupDTO",
        "stepOrder": order,
        "stepType": {"stepTypeId": STEP_TYPE_IDS["repeat"], "stepTypeKey": "repeat"},
        "numberOfIterations": count,
        "smartRepeat": False,
        # Without the iterations end condition Garmin loses the count (reference A.6).
        "endCondition": {"conditionTypeId": CONDITION_TYPE_IDS["iterations"], "conditionTypeKey": "iterations"},
        "endConditionValue": float(count),
    }
    out["workoutSteps"] = _nodes_json(rep.steps, numberer, ascii_names, warnings)
    return out


def _nodes_json(nodes: tuple[Node, ...], numberer: _Numberer, ascii_names: bool,
                warnings: list[Diagnostic]) -> list[dict[str, Any]]:
    out = []
    for node in nodes:
        # Depth-first numbering: the group takes its number before its children (reference A.5).
        order = numberer.take()
        match node:
            case Step():
                out.append(_step_json(node, order, ascii_names, warnings))
            case Repeat():
                out.append(_repeat_json(node, order, numberer, ascii_names, warnings))
            case _:  # pragma: no cover - closed union
                raise AssertionError(f"unknown node {node!r}")
    return out


def workout_to_garmin(workout: Workout, *, ascii_names: bool = False) -> Result[dict[str, Any]]:
    """The Garmin Connect workout JSON (as a dict) for a resolved workout.

    Raises :class:`~paceplan.errors.UnsupportedError` for a :class:`~paceplan.model.PaceRef`
    target (resolve paces first). Count and length ranges left in the workout are written at
    their low end by :func:`~paceplan.passes.choose.choose_ranges`, with its warnings; run it
    first with another policy to pick otherwise.
    """
    chosen = choose_ranges(workout)
    warnings: list[Diagnostic] = list(chosen.warnings)
    workout = chosen.value
    name = garmin_name(workout.name, ascii_names=ascii_names)
    warnings.extend(name.warnings)
    sport = {"sportTypeId": SPORT_TYPE_IDS["running"], "sportTypeKey": "running"}
    steps = _nodes_json(workout.steps, _Numberer(), ascii_names, warnings)
    out: dict[str, Any] = {"workoutName": name.value}
    if workout.description:
        out["description"] = ascii_fallback(workout.description) if ascii_names else workout.description
    out["sportType"] = dict(sport)
    out["workoutSegments"] = [{"segmentOrder": 1, "sportType": dict(sport), "workoutSteps": steps}]
    return Result(out, tuple(warnings))


def garmin_json_text(data: Any) -> str:
    """JSON text for a workout dict or a schedule list: two-space indent, UTF-8, final newline.

    Keys keep the order the writer built them in, so the same workout gives the same bytes.
    """
    return json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False) + "\n"


@dataclass(frozen=True, slots=True, kw_only=True)
class GarminScheduleEntry:
    """One dated workout in ``schedule.json``."""

    date: _dt.date | None
    """The day to schedule it on; None for an undated workout (pushed but not scheduled)."""
    file: str
    """The workout JSON's file name, in the same folder as ``schedule.json``."""
    name: str
    """The workout's name as written in that file."""
    key: str
    """A stable identity (plan id, week, day, session) that ``paceplan push`` uses to update
    rather than duplicate the workout on a second push."""

    def __post_init__(self) -> None:
        if not self.file or "/" in self.file or "\\" in self.file or self.file in (".", ".."):
            raise PlanValueError(f"a schedule entry names a bare file in its folder, got {self.file!r}")
        if not self.key.strip():
            raise PlanValueError("a schedule entry needs a non-empty key")


def garmin_schedule(entries: Iterable[GarminScheduleEntry]) -> list[dict[str, Any]]:
    """The ``schedule.json`` list: one ``{"date", "file", "workoutName", "key"}`` per entry.

    Sorted by date (undated last), then file, so the output does not depend on the caller's order.
    """
    items = sorted(entries, key=lambda e: (e.date is None, e.date or _dt.date.min, e.file, e.key))
    return [{"date": e.date.isoformat() if e.date else None, "file": e.file,
             "workoutName": e.name, "key": e.key} for e in items]
