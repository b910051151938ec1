"""Read FIT files: a strict general decoder, and FIT workout files back into the model.

The only library module that imports ``garmin_fit_sdk`` (Garmin's official decoder), and only
inside functions. :func:`decode_fit` is strict where the SDK is lenient: the SDK's ``read()``
returns errors in a list next to partially decoded messages. Here integrity (signature, sizes,
header CRC when one was computed, file CRC) is checked first by :func:`_integrity_problem`, and
any problem, or any error ``read()`` reports, raises :class:`~paceplan.errors.PlanSyntaxError`
naming the file and, where known, the byte offset.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from ..errors import PlanError, PlanSyntaxError, PlanValueError, UnsupportedError
from ..model import LAP_BUTTON, Intensity, Node, Repeat, Step, Workout
from ..units import Distance, Duration, Pace, PaceRange

__all__ = ["MAX_FIT_BYTES", "decode_fit", "read_fit_workout"]

MAX_FIT_BYTES = 64 * 1024 * 1024
"""Largest FIT file decoded. A workout is a few hundred bytes and a 24-hour activity recorded
every second a few megabytes; anything near this is not a file from a watch."""

_INTENSITIES = {
    "active": Intensity.ACTIVE, "rest": Intensity.REST, "warmup": Intensity.WARMUP,
    "cooldown": Intensity.COOLDOWN, "recovery": Intensity.RECOVERY,
    "interval": Intensity.INTERVAL, "other": Intensity.ACTIVE,
    0: Intensity.ACTIVE, 1: Intensity.REST, 2: Intensity.WARMUP, 3: Intensity.COOLDOWN,
    4: Intensity.RECOVERY, 5: Intensity.INTERVAL, 6: Intensity.ACTIVE,
}


def _integrity_problem(data: bytes) -> str | None:
    """Say what makes ``data`` fail the FIT integrity check, with byte offsets; None if it passes.

    Garmin's ``check_integrity()`` is not used: it refuses a 14-byte header whose CRC is 0x0000,
    which the FIT protocol allows ("not computed") and which older watches (Forerunner 110,
    310XT, 910XT, Edge 200-810) write. Signature, sizes and the file CRC are still checked.
    """
    from garmin_fit_sdk.crc_calculator import CrcCalculator

    def crc(chunk: bytes) -> int:
        return int(CrcCalculator.calculate_crc(chunk, 0, len(chunk)))

    if len(data) < 12:
        return f"only {len(data)} bytes: too short for a FIT header"
    size = data[0]
    if size not in (12, 14):
        return f"byte 0: header size {size}, expected 12 or 14"
    if len(data) < size + 2:
        return f"only {len(data)} bytes: too short for a {size}-byte header and a CRC"
    if data[8:12] != b".FIT":
        return f"bytes 8-11: no '.FIT' signature (found {data[8:12]!r})"
    data_size = int.from_bytes(data[4:8], "little")
    total = size + data_size + 2
    if len(data) < total:
        return (f"truncated: the header announces {data_size} bytes of records, so {total} bytes "
                f"in all, but there are only {len(data)}")
    if size == 14:
        stored = int.from_bytes(data[12:14], "little")
        if stored not in (0, crc(data[:12])):
            return f"bytes 12-13: header CRC 0x{stored:04x} does not match 0x{crc(data[:12]):04x}"
    stored = int.from_bytes(data[total - 2:total], "little")
    if stored != crc(data[:total - 2]):
        return (f"bytes {total - 2}-{total - 1}: file CRC 0x{stored:04x} does not match the "
                f"content (0x{crc(data[:total - 2]):04x}); the file is corrupted")
    return None


def decode_fit(data: bytes | bytearray | memoryview, *, name: str = "<fit>", scaled: bool = True,
               enum_strings: bool = True, datetimes: bool = True, expand_sub_fields: bool = True,
               expand_components: bool = True) -> dict[str, list[dict[str, Any]]]:
    """Decode any FIT file strictly with Garmin's decoder; return its message lists.

    The result maps ``"<mesg>_mesgs"`` (``file_id_mesgs``, ``workout_step_mesgs``,
    ``record_mesgs``...) to lists of field dicts, as ``garmin_fit_sdk`` returns them. Options:
    ``scaled=False`` gives raw integers (no scale or offset; heart-rate merging is then off),
    ``enum_strings=False`` keeps enums as numbers, ``datetimes=False`` keeps FIT seconds.

    Raises :class:`~paceplan.errors.PlanSyntaxError` naming ``name`` when the integrity check
    (signature, sizes, header and file CRC) fails or the decoder reports any error.
    """
    from garmin_fit_sdk import Decoder, Stream

    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"decode_fit needs bytes, got {type(data).__name__}")
    if len(data) > MAX_FIT_BYTES:
        raise PlanValueError(f"{name}: {len(data)} bytes is too large for a FIT file from a watch "
                             f"(at most {MAX_FIT_BYTES})", hint="give the .fit file of one workout or run",
                             code="fit-too-big")
    raw = bytearray(data)  # the SDK's Stream is typed for bytearray
    problem = _integrity_problem(bytes(raw))
    if problem is not None:
        raise PlanSyntaxError(f"{name}: not a valid FIT file: {problem}",
                              hint="the file is damaged or not FIT; export or copy it again",
                              code="fit-integrity")
    stream = Stream.from_byte_array(raw)
    try:
        messages, errors = Decoder(stream).read(
            apply_scale_and_offset=scaled, convert_datetimes_to_dates=datetimes,
            convert_types_to_strings=enum_strings, enable_crc_check=True,
            expand_sub_fields=expand_sub_fields, expand_components=expand_components,
            merge_heart_rates=scaled and expand_components)
    except (ValueError, TypeError, IndexError, KeyError, OverflowError, RecursionError) as exc:
        # The SDK returns its own errors in a list; anything it raises is a file it did not expect.
        raise PlanSyntaxError(f"{name}: cannot decode FIT: {type(exc).__name__}: {exc}",
                              hint="the file is damaged or uses a FIT feature the decoder lacks",
                              code="fit-decode") from exc
    if errors:
        text = "; ".join(str(e) for e in errors)
        at = re.search(r"at byte: (\d+)", text)
        # Without an offset in the SDK's message, where its stream stopped is where it failed.
        where = f" at byte {at.group(1)}" if at else f" at byte {stream.position()}"
        raise PlanSyntaxError(f"{name}: cannot decode FIT{where}: {text}",
                              hint="the file is damaged or uses a FIT feature the decoder lacks",
                              code="fit-decode")
    # The SDK types its result as a TypedDict of known messages (values: object to mypy); every
    # value is a list of field dicts.
    return {str(k): list(v) for k, v in messages.items() if isinstance(v, list)}


def _one(messages: dict[str, list[dict[str, Any]]], key: str, name: str) -> dict[str, Any]:
    items = messages.get(key) or []
    if len(items) != 1:
        raise PlanSyntaxError(f"{name}: a FIT workout file has one {key[:-6]} message, found {len(items)}",
                              code="fit-workout")
    return items[0]


def read_fit_workout(data: bytes | bytearray | memoryview, *, name: str = "<fit>") -> Workout:
    """Turn a FIT workout file back into a :class:`~paceplan.model.Workout`.

    Reads steps (time, distance, lap button), custom speed targets as pace ranges, repeat steps
    (nested included) as :class:`~paceplan.model.Repeat`, step and repeat names, notes,
    intensities, the workout name and description. The FIT file keeps no pace labels, so
    ``Step.label`` is None. Raises :class:`~paceplan.errors.PlanSyntaxError` for a damaged or
    inconsistent file and :class:`~paceplan.errors.UnsupportedError` for FIT features the model
    has no place for (heart-rate targets, speed zones, calorie durations, other sports).
    """
    messages = decode_fit(data, name=name, scaled=False, datetimes=False)
    file_id = _one(messages, "file_id_mesgs", name)
    if file_id.get("type") != "workout":
        raise PlanSyntaxError(f"{name}: not a FIT workout file (file type {file_id.get('type')!r})",
                              code="fit-workout")
    wkt = _one(messages, "workout_mesgs", name)
    sport = wkt.get("sport")
    if sport not in ("running", None):
        raise UnsupportedError(f"{name}: a {sport} workout; paceplan reads running workouts only")
    all_steps = messages.get("workout_step_mesgs") or []
    for position, m in enumerate(all_steps):
        _field(m, "message_index", int, f"{name}: workout step message {position}")
    steps = sorted(all_steps, key=lambda m: (m.get("message_index") is None, m.get("message_index") or 0))
    indexes = [m.get("message_index") for m in steps]
    if indexes != list(range(len(steps))):
        if all(i is None for i in indexes):
            steps = list(messages.get("workout_step_mesgs") or [])  # file order, as devices do
        else:
            raise PlanSyntaxError(f"{name}: workout steps are numbered {indexes}, expected 0..{len(steps) - 1}",
                                  code="fit-workout")
    if not steps:
        raise PlanSyntaxError(f"{name}: the workout has no steps", code="fit-workout")

    # A stack of (first message index, node) for the nodes read so far at top level; a repeat
    # step folds the trailing nodes from its back-pointer on into one Repeat.
    stack: list[tuple[int, Node]] = []
    for index, m in enumerate(steps):
        where = f"{name}: step {index}"
        dtype = m.get("duration_type")
        if dtype == "repeat_until_steps_cmplt":
            first, count = m.get("duration_value"), m.get("target_value")
            if not isinstance(first, int) or not 0 <= first < index:
                raise PlanSyntaxError(f"{where}: repeat points to step {first!r}, not an earlier step",
                                      code="fit-workout")
            if not isinstance(count, int) or count < 1:
                raise PlanSyntaxError(f"{where}: repeat count {count!r} is not at least 1",
                                      code="fit-workout")
            cut = len(stack)
            while cut > 0 and stack[cut - 1][0] > first:
                cut -= 1
            if cut == 0 or stack[cut - 1][0] != first:
                raise PlanSyntaxError(f"{where}: repeat points into the middle of an earlier block "
                                      f"(step {first})", code="fit-workout")
            body = tuple(node for _, node in stack[cut - 1:])
            del stack[cut - 1:]
            rname = _field(m, "wkt_step_name", str, where) or None
            stack.append((first, _model(where, lambda: Repeat(count=count, steps=body, name=rname))))
            continue
        stack.append((index, _read_step(m, where)))
    title = _field(wkt, "wkt_name", str, f"{name}: workout")
    description = _field(wkt, "wkt_description", str, f"{name}: workout") or None
    return _model(f"{name}: workout", lambda: Workout(
        name=title if title and title.strip() else "Workout", steps=tuple(n for _, n in stack),
        description=description))


_T = TypeVar("_T")


def _field(m: dict[str, Any], key: str, kind: type[_T], where: str) -> _T | None:
    """``m[key]`` when absent or of the expected type; a damaged file can give any field an array
    or a different type (a changed field definition), which must not reach the model."""
    value = m.get(key)
    if value is None or (isinstance(value, kind) and not isinstance(value, bool)):
        return value
    raise PlanSyntaxError(f"{where}: field {key} holds {value!r}, not {'text' if kind is str else 'a number'}",
                          hint="the file is damaged or was not written for this FIT profile", code="fit-workout")


def _model(where: str, make: Callable[[], _T]) -> _T:
    """Build a model object; a value the model refuses (a control character in a name, a
    repeat nested too deep) becomes an error naming the step."""
    try:
        return make()
    except PlanError as exc:
        raise PlanSyntaxError(f"{where}: {exc.message}", hint=exc.hint, code="fit-workout") from None


def _read_step(m: dict[str, Any], where: str) -> Step:
    dtype, dvalue = m.get("duration_type"), m.get("duration_value")
    for key in ("duration_value", "target_value", "custom_target_value_low", "custom_target_value_high"):
        _field(m, key, int, where)
    for key in ("wkt_step_name", "notes"):
        _field(m, key, str, where)
    length: Distance | Duration | Any
    if dtype == "time" and isinstance(dvalue, int) and dvalue > 0:
        length = Duration(dvalue / 1000)
    elif dtype == "distance" and isinstance(dvalue, int) and dvalue > 0:
        length = Distance(dvalue / 100)
    elif dtype == "open":
        length = LAP_BUTTON
    elif dtype in ("time", "distance"):
        raise PlanSyntaxError(f"{where}: a {dtype} step with length {dvalue!r}", code="fit-workout")
    else:
        raise UnsupportedError(f"{where}: duration type {dtype!r} has no place in paceplan's model",
                               hint="paceplan reads time, distance, lap-button and repeat steps")
    ttype = m.get("target_type")
    target = None
    if ttype == "speed":
        low, high = m.get("custom_target_value_low"), m.get("custom_target_value_high")
        if m.get("target_value") not in (0, None) or not low or not high:
            raise UnsupportedError(f"{where}: a speed-zone target (zone {m.get('target_value')!r})",
                                   hint="paceplan reads custom speed ranges only")
        try:
            target = PaceRange.of(Pace.from_speed(low / 1000), Pace.from_speed(high / 1000))
        except PlanSyntaxError as exc:
            raise PlanSyntaxError(f"{where}: speed target {low}-{high} mm/s: {exc.message}",
                                  code="fit-workout") from exc
    elif ttype not in ("open", None):
        raise UnsupportedError(f"{where}: target type {ttype!r} has no place in paceplan's model",
                               hint="paceplan reads pace (speed) targets only")
    raw_intensity = m.get("intensity")
    # An unknown (or, in a damaged file, unhashable) intensity reads as plain running.
    intensity = _INTENSITIES.get(raw_intensity, Intensity.ACTIVE) if isinstance(raw_intensity, (str, int)) \
        else Intensity.ACTIVE
    return _model(where, lambda: Step(intensity=intensity, length=length, target=target,
                                      name=m.get("wkt_step_name") or None, note=m.get("notes") or None))
