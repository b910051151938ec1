"""Garmin FIT workout files (``file_id.type = 5``) and schedule files (``type = 7``).

Bytes are written by :mod:`paceplan.writers.fit_records`, a small direct encoder for our four
messages (about 0.4 ms for a 20-step workout against 5-7 ms through fit-tool; see
``benchmarks/README.md``). fit-tool 0.9.16 stays the reference: ``engine="fit-tool"`` encodes the
same messages through it, and the tests require byte-identical files from both for every golden
workout and for hypothesis-generated ones. This is the only module that imports ``fit_tool``, and
only inside functions, so ``import paceplan.writers.fit`` stays cheap. Encodings follow
``shared/reference/fit-workouts.md``:

- time in ms, distance in cm, the lap button as duration ``open``;
- a pace range as a custom speed target in mm/s, the *slower* pace in the low slot
  (4:00-4:10/km -> low 4000, high 4167);
- a repeat block as a ``repeat_until_steps_cmplt`` step written after its body, pointing back at
  the block's first step with the total count; nested blocks included;
- intensities warm-up 2, active 0, interval 5, recovery 4, rest 1, cool-down 3;
- ``num_valid_steps`` counts every step message, repeat steps included (reference section 8);
- a 14-byte header with its CRC; strings as exact UTF-8, cut at a character boundary (with a
  warning) to the byte limits of :mod:`paceplan.passes.limits`.

fit-tool traps handled by the ``fit-tool`` engine (each has a test; the direct encoder writes
the same raw values): fit-tool's sub-field setters *and* its main-field setters scale by whatever
``duration_type``/``target_type`` is already set, so every number is written as the raw encoded
value (:func:`_raw`); offsets are never applied by fit-tool (none are needed for speed);
``time_created`` is written raw in FIT seconds rather than through fit-tool's Unix-ms setter; its
default 12-byte header is replaced; its strict validation is not used (it disagrees with Garmin's
cookbook on ``num_valid_steps``).

Identity. A watch tells workout files apart by (type, manufacturer, product, serial), and a
schedule entry names its workout by (manufacturer, product, serial, time_created):
:class:`FitIdentity` holds the two varying fields. Serials derive from
``sha256(f"{plan_id}/{key}")`` (never 0, :func:`assign_serials` resolves collisions);
``time_created`` comes from the caller, else ``SOURCE_DATE_EPOCH``, else a fixed epoch derived
from the key (:func:`default_time_created`) -- never from the clock.
"""

from __future__ import annotations

import datetime as _dt
import functools
import hashlib
import math
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..atomic import atomic_write_bytes
from ..errors import Diagnostic, PlanValueError, Result, UnsupportedError, warning
from ..model import Intensity, LapButton, Node, PaceRef, Repeat, Step, Workout
from ..passes.choose import choose_ranges
from ..passes.limits import (
    DESCRIPTION_MAX_BYTES,
    NOTES_MAX_BYTES,
    STEP_NAME_MAX_BYTES,
    WORKOUT_NAME_MAX_BYTES,
    check_limits,
    cut_utf8,
)
from ..units import MILE_M, Distance, Duration, PaceRange

__all__ = [
    "ENCODE_CACHE_SIZE",
    "ENGINES",
    "FIT_EPOCH_UNIX",
    "FIT_MIN_DATE_UNIX",
    "MANUFACTURER_DEVELOPMENT",
    "PRODUCT",
    "SCHEDULE_WARN_ENTRIES",
    "FitIdentity",
    "ScheduleEntry",
    "assign_serials",
    "default_step_name",
    "default_time_created",
    "encode_schedule",
    "encode_workout",
    "fit_local_date",
    "serial_for",
    "speed_mm_per_s",
    "workout_identity",
    "write_schedule_fit",
    "write_workout_fit",
]

FIT_EPOCH_UNIX = 631065600
"""1989-12-31T00:00:00Z, the FIT epoch, in Unix seconds."""
FIT_MIN_DATE_UNIX = FIT_EPOCH_UNIX + 0x10000000
"""1998-07-03T15:33:36Z: FIT ``date_time`` values below 0x10000000 mean device time, not a date."""
DEFAULT_EPOCH_UNIX = 1577836800
"""2020-01-01T00:00:00Z: base of :func:`default_time_created` when no time is given."""
MANUFACTURER_DEVELOPMENT = 255
"""``file_id.manufacturer`` written (``development``, as in Garmin's examples)."""
PRODUCT = 0
"""``file_id.product`` written."""
SCHEDULE_WARN_ENTRIES = 20
"""Schedules longer than this get a warning: watches keep about 20-30 entries (unconfirmed)."""

_UINT32_MAX_VALID = 0xFFFFFFFE  # 0xFFFFFFFF is FIT's invalid value

# FIT enum values (Profile 21.218).
_FILE_WORKOUT, _FILE_SCHEDULES = 5, 7
_SPORT_RUNNING, _SUB_SPORT_GENERIC = 1, 0
_DUR_TIME, _DUR_DISTANCE, _DUR_OPEN, _DUR_REPEAT = 0, 1, 5, 6
_TGT_SPEED, _TGT_OPEN = 0, 2
_SCHEDULE_WORKOUT = 0
_INTENSITY = {
    Intensity.ACTIVE: 0, Intensity.REST: 1, Intensity.WARMUP: 2, Intensity.COOLDOWN: 3,
    Intensity.RECOVERY: 4, Intensity.INTERVAL: 5,
}

# Field numbers.
_F_MESSAGE_INDEX = 254
_FID_TYPE, _FID_MANUFACTURER, _FID_PRODUCT, _FID_SERIAL, _FID_TIME_CREATED = 0, 1, 2, 3, 4
_WKT_SPORT, _WKT_NUM_VALID_STEPS, _WKT_NAME, _WKT_SUB_SPORT, _WKT_DESCRIPTION = 4, 6, 8, 11, 17
_STEP_NAME, _STEP_NOTES = 0, 8
(_STEP_DURATION_TYPE, _STEP_DURATION_VALUE, _STEP_TARGET_TYPE, _STEP_TARGET_VALUE,
 _STEP_LOW, _STEP_HIGH, _STEP_INTENSITY) = 1, 2, 3, 4, 5, 6, 7
(_SCH_MANUFACTURER, _SCH_PRODUCT, _SCH_SERIAL, _SCH_TIME_CREATED, _SCH_COMPLETED, _SCH_TYPE,
 _SCH_SCHEDULED_TIME) = 0, 1, 2, 3, 4, 5, 6


# ---------------------------------------------------------------------------------------------
# Identity


@dataclass(frozen=True, slots=True, kw_only=True)
class FitIdentity:
    """What names one FIT file on a watch, besides its type and the fixed manufacturer/product.

    A schedule entry must copy all four of manufacturer (:data:`MANUFACTURER_DEVELOPMENT`),
    product (:data:`PRODUCT`), ``serial`` and ``time_created`` from its workout's ``file_id``.
    """

    serial: int
    """``file_id.serial_number``: 1 .. 2**32 - 2 (uint32z: 0 is invalid)."""
    time_created: int
    """``file_id.time_created`` as Unix seconds (UTC), at or after :data:`FIT_MIN_DATE_UNIX`."""

    def __post_init__(self) -> None:
        for name, value, low in (("serial", self.serial, 1),
                                 ("time_created", self.time_created, FIT_MIN_DATE_UNIX)):
            if isinstance(value, bool) or not isinstance(value, int):
                raise PlanValueError(f"a FIT {name} must be a whole number, got {value!r}")
            if not low <= value <= (_UINT32_MAX_VALID if name == "serial"
                                    else FIT_EPOCH_UNIX + _UINT32_MAX_VALID):
                raise PlanValueError(f"a FIT {name} of {value} is out of range",
                                     hint="serials are 1..4294967294; dates from 1998-07-03 on")

    @property
    def fit_time_created(self) -> int:
        """``time_created`` in FIT seconds (since 1989-12-31T00:00Z), as written to the file."""
        return self.time_created - FIT_EPOCH_UNIX


def serial_for(plan_id: str, key: str) -> int:
    """``sha256(f"{plan_id}/{key}")``'s first four bytes, little-endian; 1 instead of 0."""
    digest = hashlib.sha256(f"{plan_id}/{key}".encode()).digest()
    serial = int.from_bytes(digest[:4], "little")
    # 0 is uint32z's invalid value; 0xFFFFFFFF would be read as "invalid" by a uint32 reader.
    return serial if 0 < serial <= _UINT32_MAX_VALID else 1


def assign_serials(keys: Sequence[str], *, plan_id: str = "paceplan") -> tuple[int, ...]:
    """Distinct serials for the ``keys`` of one compile, in order.

    Each key gets :func:`serial_for`; on a collision with an earlier key the later one is
    re-hashed as ``f"{key}#1"``, ``f"{key}#2"``... until it is unique, so the result depends only
    on the keys and their order. Duplicate keys are a caller bug (:class:`PlanValueError`).
    """
    if len(set(keys)) != len(keys):
        dupes = sorted({k for k in keys if list(keys).count(k) > 1})
        raise PlanValueError(f"workout keys must be unique, repeated: {', '.join(dupes)}")
    used: set[int] = set()
    out: list[int] = []
    for key in keys:
        serial, n = serial_for(plan_id, key), 0
        while serial in used:
            n += 1
            serial = serial_for(plan_id, f"{key}#{n}")
        used.add(serial)
        out.append(serial)
    return tuple(out)


def default_time_created(plan_id: str, key: str) -> int:
    """A fixed, documented ``time_created`` when neither the caller nor the environment gives one.

    2020-01-01T00:00:00Z plus a whole number of seconds (under one year) taken from
    ``sha256(f"{plan_id}/{key}")`` bytes 4..8: stable across runs and machines, different for
    different keys, and never the clock.
    """
    digest = hashlib.sha256(f"{plan_id}/{key}".encode()).digest()
    return DEFAULT_EPOCH_UNIX + int.from_bytes(digest[4:8], "little") % (365 * 86400)


def _unix_seconds(value: int | _dt.datetime, what: str) -> int:
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise PlanValueError(f"{what} {value.isoformat()} has no time zone",
                                 hint="pass an aware datetime (tzinfo=datetime.timezone.utc) or Unix seconds")
        return math.floor(value.timestamp())
    if isinstance(value, bool) or not isinstance(value, int):
        raise PlanValueError(f"{what} must be Unix seconds or an aware datetime, got {value!r}")
    return value


def _resolve_time_created(time_created: int | _dt.datetime | None, plan_id: str,
                          key: str) -> tuple[int, list[Diagnostic]]:
    notes: list[Diagnostic] = []
    if time_created is not None:
        unix = _unix_seconds(time_created, "time_created")
        source = "time_created"
    elif (env := os.environ.get("SOURCE_DATE_EPOCH")) is not None and env.strip():
        try:
            unix = int(env.strip())
        except ValueError:
            raise PlanValueError(f"SOURCE_DATE_EPOCH={env!r} is not a whole number of seconds",
                                 hint="set it to Unix seconds (SOURCE_DATE_EPOCH=1767225600) or unset it",
                                 ) from None
        source = "SOURCE_DATE_EPOCH"
    else:
        return default_time_created(plan_id, key), notes
    if unix < FIT_MIN_DATE_UNIX:
        # Smaller FIT dates mean "device system time"; a watch would misread them.
        notes.append(warning(
            f"{source} {unix} is before 1998-07-03, the earliest date a FIT file can hold: "
            f"writing {FIT_MIN_DATE_UNIX} (1998-07-03T15:33:36Z)", code="time-created"))
        unix = FIT_MIN_DATE_UNIX
    if unix > FIT_EPOCH_UNIX + _UINT32_MAX_VALID:
        raise PlanValueError(f"{source} {unix} is after the last date a FIT file can hold (2126)")
    return unix, notes


def workout_identity(workout: Workout | None = None, *, serial: int | None = None,
                     time_created: int | _dt.datetime | None = None, plan_id: str = "paceplan",
                     key: str | None = None) -> Result[FitIdentity]:
    """The identity :func:`encode_workout` writes for these arguments (same rules, same result).

    ``key`` defaults to the workout's name, so re-exporting a workout keeps its identity (and a
    watch replaces the old copy); give distinct keys to distinct workouts that share a name.
    ``serial`` overrides the derived serial. ``time_created`` (Unix seconds or an aware datetime)
    overrides ``SOURCE_DATE_EPOCH``, which overrides :func:`default_time_created`.
    """
    if key is None:
        if workout is None:
            raise PlanValueError("workout_identity needs a workout or a key")
        key = workout.name
    unix, notes = _resolve_time_created(time_created, plan_id, key)
    ident = FitIdentity(serial=serial_for(plan_id, key) if serial is None else serial,
                        time_created=unix)
    return Result(ident, tuple(notes))


# ---------------------------------------------------------------------------------------------
# Step encoding (pure Python; fit-tool only sees raw integers and strings)


def speed_mm_per_s(pace_s_per_km: float) -> int:
    """A pace as FIT custom speed: ``round(1000 / s_per_km * 1000)`` mm/s (4:00/km -> 4167)."""
    return round(1_000_000 / pace_s_per_km)


def _compact_distance(d: Distance) -> str:
    m = d.metres
    miles = m / MILE_M
    if abs(miles - round(miles * 4) / 4) < 1e-9 and m >= MILE_M / 4 * 3:
        return f"{round(miles * 4) / 4:g}mi"
    if m < 1000 or (m < 10000 and abs(m - round(m, -2)) < 1e-9 and round(m) % 1000):
        return f"{round(m, 1):g}m"
    return f"{round(m / 1000, 2):g}km"


def _compact_length(length: object) -> str | None:
    if isinstance(length, Distance):
        return _compact_distance(length)
    if isinstance(length, Duration):
        s = length.seconds
        return f"{s:g}s" if s < 60 else Duration(s).format()
    return None


_WORDS = {
    Intensity.WARMUP: "Warm-up", Intensity.COOLDOWN: "Cool-down",
    Intensity.RECOVERY: "Recover", Intensity.REST: "Rest",
}


def default_step_name(step: Step) -> str:
    """The name written for a step: its own name, else one made from its label and length.

    Work steps: ``400m @ HM-10K``, else the label, else ``400m`` (``Lap`` for the lap button);
    other steps: ``Warm-up 10:00``, ``Recover 400m``, ``Rest 1:00``, else the bare word. Made-up
    names always fit :data:`~paceplan.passes.limits.STEP_NAME_MAX_BYTES`; the step's own name is
    written as given (cut, with a warning, when too long).
    """
    if step.name:
        return step.name
    length = _compact_length(step.length) or ("Lap" if isinstance(step.length, LapButton) else None)
    if step.intensity.is_work:
        candidates = [f"{length} @ {step.label}" if step.label and length else None,
                      step.label, length, "Run"]
    else:
        word = _WORDS[step.intensity]
        candidates = [f"{word} {length}" if length and length != "Lap" else None, word]
    return next(c for c in candidates
                if c and len(c.encode("utf-8")) <= STEP_NAME_MAX_BYTES)


_Message = tuple[str, list[tuple[int, "int | str"]]]
"""One message to encode: its kind (``file_id``, ``workout``...) and raw ``(field, value)`` pairs."""

ENGINES = ("direct", "fit-tool")
"""FIT encoders: ``direct`` (:mod:`paceplan.writers.fit_records`, the default) and ``fit-tool``
(fit-tool 0.9.16, kept as the byte-for-byte oracle in tests)."""


@dataclass(frozen=True, slots=True)
class _Mesg:
    """One workout_step message as raw FIT values (None = field not written)."""

    name: str | None
    duration_type: int
    duration_value: int | None
    target_type: int
    target_value: int
    low: int | None
    high: int | None
    intensity: int | None
    notes: str | None


def _duration(step: Step) -> tuple[int, int | None]:
    length = step.length
    if isinstance(length, LapButton):
        return _DUR_OPEN, None
    if isinstance(length, Duration):
        raw, unit, kind = round(length.seconds * 1000), "ms", _DUR_TIME
    elif isinstance(length, Distance):
        raw, unit, kind = round(length.metres * 100), "cm", _DUR_DISTANCE
    else:  # a LengthRange cannot get here: encode_workout chose it first
        raise AssertionError(f"unexpected length {length!r}")
    if not 1 <= raw <= _UINT32_MAX_VALID:
        raise UnsupportedError(f"a step of {length} is {raw} {unit} in FIT, outside 1..{_UINT32_MAX_VALID}",
                               span=step.span, hint="FIT stores times in ms and distances in cm")
    return kind, raw


def _target(step: Step) -> tuple[int, int, int | None, int | None]:
    target = step.target
    if target is None:
        return _TGT_OPEN, 0, None, None
    if isinstance(target, PaceRef):  # checked up front; kept for the type checker
        raise _pace_ref_error(step)
    assert isinstance(target, PaceRange)
    # FIT has no pace: a custom speed band, the slower pace (lower speed) in the low slot.
    return (_TGT_SPEED, 0, speed_mm_per_s(target.slow.seconds_per_km),
            speed_mm_per_s(target.fast.seconds_per_km))


def _pace_ref_error(step: Step) -> UnsupportedError:
    return UnsupportedError(
        f"step target {step.target} is a pace label, not a pace: FIT needs concrete paces",
        span=step.span, hint="resolve paces first (paceplan.passes.resolve)", code="unresolved-pace")


def _cut(text: str | None, limit: int) -> str | None:
    # check_limits has already warned about every user text this cuts.
    return cut_utf8(text, limit) or None if text else None


def _flatten(nodes: tuple[Node, ...], out: list[_Mesg]) -> None:
    """Append the step messages of ``nodes`` in execution order (repeat steps after bodies)."""
    for node in nodes:
        if isinstance(node, Repeat):
            first = len(out)
            _flatten(node.steps, out)
            assert isinstance(node.count, int)
            # The repeat step follows its body, points back at the body's first step and holds
            # the total count (not "more times"). Garmin's own examples give it no intensity.
            out.append(_Mesg(_cut(node.name, STEP_NAME_MAX_BYTES),
                             _DUR_REPEAT, first, _TGT_OPEN, node.count, None, None, None, None))
        else:
            dtype, dvalue = _duration(node)
            ttype, tvalue, low, high = _target(node)
            out.append(_Mesg(_cut(default_step_name(node), STEP_NAME_MAX_BYTES), dtype, dvalue,
                             ttype, tvalue, low, high, _INTENSITY[node.intensity],
                             _cut(node.note, NOTES_MAX_BYTES)))


def _find_pace_refs(nodes: tuple[Node, ...]) -> Step | None:
    for node in nodes:
        if isinstance(node, Repeat):
            found = _find_pace_refs(node.steps)
            if found is not None:
                return found
        elif isinstance(node.target, PaceRef):
            return node
    return None


# ---------------------------------------------------------------------------------------------
# fit-tool glue


def _raw(message: Any, field_id: int, value: int | None) -> None:
    """Store an already-encoded value, bypassing fit-tool's scaling by the current sub-field.

    fit-tool's setters (``duration_time``, but also the main ``duration_value``) scale by the
    sub-field that the *current* ``duration_type``/``target_type`` selects, so the value written
    depends on setter order. Writing the encoded value makes it independent of order.
    """
    if value is None:
        return
    message.get_field(field_id).set_encoded_value(0, value)


def _header_and_bytes(messages: list[Any]) -> bytes:
    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.fit_file_header import FitFileHeader

    builder = FitFileBuilder(auto_define=True, min_string_size=0)  # never strict=True (section 8)
    builder.add_all(messages)
    fit_file = builder.build()
    # fit-tool writes a 12-byte header without CRC by default; the 14-byte form is preferred.
    fit_file.header = FitFileHeader(records_size=fit_file.header.records_size, gen_crc=True)
    data: bytes = fit_file.to_bytes()
    return data


def _workout_fields(workout: Workout, steps: list[_Mesg], ident: FitIdentity) -> list[_Message]:
    """The messages of a workout file as raw ``(field, value)`` pairs, fields not written left out."""
    name = cut_utf8(workout.name, WORKOUT_NAME_MAX_BYTES)
    wkt: list[tuple[int, int | str]] = [(_WKT_SPORT, _SPORT_RUNNING), (_WKT_NUM_VALID_STEPS, len(steps)),
                                        (_WKT_NAME, name), (_WKT_SUB_SPORT, _SUB_SPORT_GENERIC)]
    if workout.description:
        wkt.append((_WKT_DESCRIPTION, cut_utf8(workout.description, DESCRIPTION_MAX_BYTES)))
    messages: list[_Message] = [("file_id", _file_id_fields(_FILE_WORKOUT, ident)), ("workout", wkt)]
    for index, m in enumerate(steps):
        # Every step message, repeat steps included (Garmin cookbook; reference section 8).
        fields: list[tuple[int, int | str]] = [(_F_MESSAGE_INDEX, index)]
        if m.name:
            fields.append((_STEP_NAME, m.name))
        fields.append((_STEP_DURATION_TYPE, m.duration_type))
        if m.duration_value is not None:
            fields.append((_STEP_DURATION_VALUE, m.duration_value))
        fields.append((_STEP_TARGET_TYPE, m.target_type))
        fields.append((_STEP_TARGET_VALUE, m.target_value))
        if m.low is not None:
            fields.append((_STEP_LOW, m.low))
        if m.high is not None:
            fields.append((_STEP_HIGH, m.high))
        if m.intensity is not None:
            fields.append((_STEP_INTENSITY, m.intensity))
        if m.notes:
            fields.append((_STEP_NOTES, m.notes))
        messages.append(("workout_step", fields))
    return messages


def _file_id_fields(file_type: int, ident: FitIdentity) -> list[tuple[int, int | str]]:
    # time_created in raw FIT seconds (fit-tool's setter would take Unix *milliseconds*).
    return [(_FID_TYPE, file_type), (_FID_MANUFACTURER, MANUFACTURER_DEVELOPMENT), (_FID_PRODUCT, PRODUCT),
            (_FID_SERIAL, ident.serial), (_FID_TIME_CREATED, ident.fit_time_created)]


def _encode_messages(messages: list[_Message], engine: str) -> bytes:
    """Encode with the direct encoder (the default), or with fit-tool (the oracle the direct
    encoder is tested against byte for byte)."""
    if engine == "direct":
        from . import fit_records

        types = {"file_id": fit_records.FILE_ID, "workout": fit_records.WORKOUT,
                 "workout_step": fit_records.WORKOUT_STEP, "schedule": fit_records.SCHEDULE}
        return fit_records.encode_file([(types[kind], fields) for kind, fields in messages])
    if engine == "fit-tool":
        return _fit_tool_bytes(messages)
    raise PlanValueError(f"unknown FIT engine {engine!r}", hint="use 'direct' or 'fit-tool'")


# fit-tool's Python names for the string fields (they differ from the wire names).
_STRING_SETTERS = {("workout", _WKT_NAME): "workout_name", ("workout", _WKT_DESCRIPTION): "workout_description",
                   ("workout_step", _STEP_NAME): "workout_step_name", ("workout_step", _STEP_NOTES): "notes"}


def _fit_tool_bytes(messages: list[_Message]) -> bytes:
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.messages.schedule_message import ScheduleMessage
    from fit_tool.profile.messages.workout_message import WorkoutMessage
    from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage

    classes = {"file_id": FileIdMessage, "workout": WorkoutMessage, "workout_step": WorkoutStepMessage,
               "schedule": ScheduleMessage}
    built: list[Any] = []
    for kind, fields in messages:
        message = classes[kind]()
        for field_id, value in fields:
            if isinstance(value, str):
                setattr(message, _STRING_SETTERS[kind, field_id], value)
            else:
                _raw(message, field_id, value)
        built.append(message)
    return _header_and_bytes(built)


# ---------------------------------------------------------------------------------------------
# Public API


def encode_workout(workout: Workout, *, serial: int | None = None,
                   time_created: int | _dt.datetime | None = None, plan_id: str = "paceplan",
                   key: str | None = None, engine: str = "direct", cache: bool = True) -> Result[bytes]:
    """One workout as FIT workout-file bytes, with the warnings met on the way.

    Raises :class:`~paceplan.errors.UnsupportedError` for a :class:`~paceplan.model.PaceRef`
    target (resolve paces first), more than 50 step messages or repeats nested deeper than two
    (see :mod:`paceplan.passes.limits`). Count and length ranges still in the workout are chosen
    with the ``low`` policy and reported (run :func:`~paceplan.passes.choose.choose_ranges`
    first to choose otherwise); over-long names and notes are cut at a UTF-8 character boundary
    and reported. Identity: see :func:`workout_identity` (called with the same arguments).

    ``engine`` picks the encoder (:data:`ENGINES`): both write byte-identical files; ``direct``
    is several times faster, ``fit-tool`` is the reference it is tested against.

    With ``cache`` (the default) and an explicit ``time_created``, the result is remembered
    (the last :data:`ENCODE_CACHE_SIZE` distinct calls): a team build encodes a workout that
    several athletes share (same paces, same session) once per process.
    """
    if not isinstance(workout, Workout):
        raise PlanValueError(f"encode_workout needs a Workout, got {type(workout).__name__}")
    if cache and time_created is not None:  # None reads SOURCE_DATE_EPOCH: not a pure function
        try:
            return _encode_cached(workout, serial, time_created, plan_id, key, engine)
        except TypeError:  # something unhashable inside the workout: encode without the cache
            pass
    return _encode(workout, serial, time_created, plan_id, key, engine)


def _encode(workout: Workout, serial: int | None, time_created: int | _dt.datetime | None, plan_id: str,
            key: str | None, engine: str) -> Result[bytes]:
    unresolved = _find_pace_refs(workout.steps)
    if unresolved is not None:
        raise _pace_ref_error(unresolved)
    found: list[Diagnostic] = []
    chosen = choose_ranges(workout)
    found.extend(chosen.warnings)
    checked = check_limits(chosen.value)
    found.extend(checked.warnings)
    ident = workout_identity(chosen.value, serial=serial, time_created=time_created,
                             plan_id=plan_id, key=key)
    found.extend(ident.warnings)
    steps: list[_Mesg] = []
    _flatten(chosen.value.steps, steps)
    data = _encode_messages(_workout_fields(chosen.value, steps, ident.value), engine)
    return Result(data, tuple(found))


ENCODE_CACHE_SIZE = 512
"""Distinct :func:`encode_workout` calls remembered per process (a few hundred KB at most)."""
_encode_cached = functools.lru_cache(maxsize=ENCODE_CACHE_SIZE)(_encode)


def write_workout_fit(workout: Workout, path: str | os.PathLike[str], *, serial: int | None = None,
                      time_created: int | _dt.datetime | None = None, plan_id: str = "paceplan",
                      key: str | None = None) -> Result[Path]:
    """:func:`encode_workout`, then write the bytes to ``path`` atomically (all or nothing)."""
    encoded = encode_workout(workout, serial=serial, time_created=time_created, plan_id=plan_id,
                             key=key)
    return Result(atomic_write_bytes(path, encoded.value), encoded.warnings)


@dataclass(frozen=True, slots=True, kw_only=True)
class ScheduleEntry:
    """One dated workout in a schedule file."""

    identity: FitIdentity
    """The scheduled workout's identity, as returned by :func:`workout_identity`."""
    date: _dt.date
    """The local day it is planned for (written as local midnight)."""

    def __post_init__(self) -> None:
        if not isinstance(self.identity, FitIdentity):
            raise PlanValueError(f"a schedule entry needs a FitIdentity, got {self.identity!r}")
        if isinstance(self.date, _dt.datetime) or not isinstance(self.date, _dt.date):
            raise PlanValueError(f"a schedule entry needs a date, got {self.date!r}")
        if self.date <= _dt.date(1989, 12, 31):
            raise PlanValueError(f"a schedule date must be after 1989-12-31, got {self.date}")


def fit_local_date(day: _dt.date) -> int:
    """A date as FIT ``local_date_time`` at local midnight (2026-03-02 -> 1141344000)."""
    return (day - _dt.date(1989, 12, 31)).days * 86400


def encode_schedule(entries: Iterable[ScheduleEntry], *, serial: int | None = None,
                    time_created: int | _dt.datetime | None = None, plan_id: str = "paceplan",
                    key: str = "schedule", engine: str = "direct") -> Result[bytes]:
    """A FIT schedule file (type 7): one ``schedule`` message per entry, in the order given.

    Each entry copies its workout's manufacturer, product, serial and ``time_created`` exactly,
    so the watch finds the workout. The schedule's own identity follows the same rules as
    :func:`workout_identity` with ``key`` (default ``"schedule"``). More than
    :data:`SCHEDULE_WARN_ENTRIES` entries give a warning (watches keep about 20-30; unconfirmed).
    ``engine`` as for :func:`encode_workout`.
    """
    items = list(entries)
    if not items:
        raise PlanValueError("a schedule needs at least one entry")
    for item in items:
        if not isinstance(item, ScheduleEntry):
            raise PlanValueError(f"schedule entries must be ScheduleEntry, got {item!r}")
    ident = workout_identity(None, serial=serial, time_created=time_created, plan_id=plan_id,
                             key=key)
    found = list(ident.warnings)
    if len(items) > SCHEDULE_WARN_ENTRIES:
        found.append(warning(
            f"the schedule has {len(items)} entries; watches keep about {SCHEDULE_WARN_ENTRIES}-30 "
            "(unconfirmed) and may drop the rest", code="schedule-size",
            hint="split the plan into 4-week schedule files"))
    messages: list[_Message] = [("file_id", _file_id_fields(_FILE_SCHEDULES, ident.value))]
    for item in items:
        # local_date_time (scheduled_time): the wall clock, not UTC; written raw in FIT seconds.
        messages.append(("schedule", [
            (_SCH_MANUFACTURER, MANUFACTURER_DEVELOPMENT), (_SCH_PRODUCT, PRODUCT),
            (_SCH_SERIAL, item.identity.serial), (_SCH_TIME_CREATED, item.identity.fit_time_created),
            (_SCH_COMPLETED, 0), (_SCH_TYPE, _SCHEDULE_WORKOUT), (_SCH_SCHEDULED_TIME, fit_local_date(item.date))]))
    return Result(_encode_messages(messages, engine), tuple(found))


def write_schedule_fit(entries: Iterable[ScheduleEntry], path: str | os.PathLike[str], *,
                       serial: int | None = None, time_created: int | _dt.datetime | None = None,
                       plan_id: str = "paceplan", key: str = "schedule") -> Result[Path]:
    """:func:`encode_schedule`, then write the bytes to ``path`` atomically."""
    encoded = encode_schedule(entries, serial=serial, time_created=time_created, plan_id=plan_id,
                              key=key)
    return Result(atomic_write_bytes(path, encoded.value), encoded.warnings)
