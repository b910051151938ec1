"""Verify a FIT file the way the project promises: two independent decoders plus the semantic
checklist of ``shared/reference/fit-workouts.md`` section 13.

Use it for every FIT file a test produces::

    from fitcheck import verify_fit          # tests/ is on sys.path under pytest's default
    mesgs = verify_fit(data)                 # raises AssertionError with the reason
    mesgs["workout_step_mesgs"][0]["custom_target_value_low"]

This module deliberately talks to ``garmin_fit_sdk`` and ``fitdecode`` directly instead of going
through ``paceplan.readers.fit``, so a bug in paceplan's reader cannot hide a bad file.
"""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import Any

__all__ = [
    "FIT_LIMITS",
    "as_written",
    "fit_crc16",
    "fitdecode_messages",
    "garmin_messages",
    "identity_of",
    "verify_fit",
]

FIT_LIMITS = {"steps": 50, "wkt_name": 15, "wkt_step_name": 15, "notes": 49, "wkt_description": 254}
"""Byte limits checked on decoded workouts (reference sections 5 and 14)."""

_T = [0x0000, 0xCC01, 0xD801, 0x1400, 0xF001, 0x3C00, 0x2800, 0xE401,
      0xA001, 0x6C00, 0x7800, 0xB401, 0x5000, 0x9C01, 0x8801, 0x4400]


def fit_crc16(data: bytes, crc: int = 0) -> int:
    """FIT's CRC-16, written from the reference (section 6), independent of both decoders."""
    for b in data:
        tmp = _T[crc & 0xF]
        crc = (crc >> 4) & 0x0FFF
        crc ^= tmp ^ _T[b & 0xF]
        tmp = _T[crc & 0xF]
        crc = (crc >> 4) & 0x0FFF
        crc ^= tmp ^ _T[(b >> 4) & 0xF]
    return crc


def garmin_messages(data: bytes, **options: Any) -> dict[str, list[dict[str, Any]]]:
    """Garmin's decoder: ``check_integrity()`` must pass, then a FRESH decoder's ``read()`` must
    return no errors (check_integrity consumes its stream; errors never raise by themselves)."""
    from garmin_fit_sdk import Decoder, Stream

    assert Decoder(Stream.from_byte_array(data)).check_integrity(), "garmin-fit-sdk: integrity check failed"
    messages, errors = Decoder(Stream.from_byte_array(data)).read(**options)
    assert errors == [], f"garmin-fit-sdk read errors: {errors}"
    return dict(messages)


def fitdecode_messages(data: bytes) -> tuple[Any, list[tuple[str, dict[str, Any]]]]:
    """fitdecode with CRC and error handling set to RAISE: (header, [(mesg name, raw fields)]).

    Raw fields are keyed by field number and by fitdecode's field name."""
    import fitdecode

    header = None
    out: list[tuple[str, dict[str, Any]]] = []
    with fitdecode.FitReader(io.BytesIO(data), check_crc=fitdecode.CrcCheck.RAISE,
                             error_handling=fitdecode.ErrorHandling.RAISE) as reader:
        for frame in reader:
            if isinstance(frame, fitdecode.FitHeader):
                header = frame
            elif isinstance(frame, fitdecode.FitDataMessage):
                # Keyed by field number (fitdecode names a field by its resolved sub-field, e.g.
                # duration_time for duration_value) and by that name.
                fields: dict[Any, Any] = {f.def_num: f.raw_value for f in frame.fields}
                fields.update({f.name: f.raw_value for f in frame.fields})
                out.append((frame.name, fields))
    assert header is not None, "fitdecode: no header"
    return header, out


def identity_of(file_id: dict[str, Any]) -> tuple[Any, Any, Any, Any]:
    """(manufacturer, product, serial_number, time_created) of a decoded file_id or schedule."""
    return (file_id.get("manufacturer"), file_id.get("product"), file_id.get("serial_number"),
            file_id.get("time_created"))


def _bytes(text: Any) -> int:
    return len(text.encode("utf-8")) if isinstance(text, str) else 0


def _check_header(data: bytes) -> None:
    assert len(data) >= 14 + 2, f"{len(data)} bytes is too short"
    assert data[0] == 14, f"header is {data[0]} bytes, expected 14"
    assert data[8:12] == b".FIT", "no .FIT signature"
    assert int.from_bytes(data[12:14], "little") == fit_crc16(data[:12]), "header CRC is wrong"
    data_size = int.from_bytes(data[4:8], "little")
    assert len(data) == 14 + data_size + 2, f"file is {len(data)} bytes, header says {14 + data_size + 2}"
    assert int.from_bytes(data[-2:], "little") == fit_crc16(data[:-2]), "file CRC is wrong"


def _check_workout(mesgs: dict[str, list[dict[str, Any]]],
                   raw: list[tuple[str, dict[str, Any]]]) -> None:
    (wkt,) = mesgs["workout_mesgs"]
    steps = mesgs["workout_step_mesgs"]
    n = len(steps)
    assert 1 <= n <= FIT_LIMITS["steps"], f"{n} step messages (1..{FIT_LIMITS['steps']} allowed)"
    assert wkt.get("num_valid_steps") == n, f"num_valid_steps {wkt.get('num_valid_steps')} != {n} step messages"
    assert wkt.get("sport") == "running", wkt.get("sport")
    for field in ("wkt_name", "wkt_description"):
        assert _bytes(wkt.get(field)) <= FIT_LIMITS[field], f"{field} {wkt.get(field)!r} too long"
    assert wkt.get("wkt_name"), "workout has no name"
    assert [s.get("message_index") for s in steps] == list(range(n)), "message_index is not 0..N-1 in order"
    raw_steps = [fields for name, fields in raw if name == "workout_step"]
    assert len(raw_steps) == n, "the two decoders disagree on the number of steps"
    starts: list[int] = []  # first message index of each node read so far at the top level
    for i, (s, r) in enumerate(zip(steps, raw_steps)):
        for num, key in ((2, "duration_value"), (4, "target_value"), (5, "custom_target_value_low"),
                         (6, "custom_target_value_high"), (254, "message_index")):
            assert s.get(key) == r.get(num), f"step {i}: decoders disagree on {key}: {s.get(key)} / {r.get(num)}"
        for field in ("wkt_step_name", "notes"):
            assert _bytes(s.get(field)) <= FIT_LIMITS[field], f"step {i}: {field} {s.get(field)!r} too long"
        dtype = s.get("duration_type")
        if dtype == "repeat_until_steps_cmplt":
            first, count = s.get("duration_value"), s.get("target_value")
            assert isinstance(first, int) and 0 <= first < i, f"step {i}: repeat back-pointer {first}"
            assert isinstance(count, int) and count >= 1, f"step {i}: repeat count {count}"
            assert s.get("target_type") == "open", f"step {i}: repeat target {s.get('target_type')}"
            assert first in starts, f"step {i}: repeat points into the middle of a block ({first})"
            starts = [k for k in starts if k <= first]
            continue
        starts.append(i)
        assert s.get("intensity") in ("active", "rest", "warmup", "cooldown", "recovery", "interval"), (
            f"step {i}: intensity {s.get('intensity')!r}")
        assert s.get("wkt_step_name"), f"step {i} has no name"
        if dtype in ("time", "distance"):
            assert isinstance(s.get("duration_value"), int) and s["duration_value"] >= 1, f"step {i}: length"
        else:
            assert dtype == "open", f"step {i}: duration type {dtype!r}"
            assert s.get("duration_value") is None, f"step {i}: open step with a duration value"
        if s.get("target_type") == "speed":
            low, high = s.get("custom_target_value_low"), s.get("custom_target_value_high")
            assert s.get("target_value") == 0, f"step {i}: speed zone instead of a custom range"
            assert isinstance(low, int) and isinstance(high, int) and 0 < low <= high, (
                f"step {i}: speed range {low}-{high} (slow pace must be low)")
        else:
            assert s.get("target_type") == "open", f"step {i}: target {s.get('target_type')!r}"
            assert s.get("custom_target_value_low") is None and s.get("custom_target_value_high") is None


def verify_fit(data: bytes, *, workouts: Iterable[bytes] | None = None) -> dict[str, list[dict[str, Any]]]:
    """Decode ``data`` with garmin-fit-sdk and fitdecode and check it; return Garmin's messages.

    Checks for every file: Garmin's ``check_integrity()`` and a fresh ``read()`` without errors;
    fitdecode with CRC RAISE to the end; ``file_id`` first. For paceplan's own file types
    (workout, schedules) also: 14-byte header with a correct header CRC and file CRC (own CRC code);
    development/0, serial != 0, a real date. Workout files: one workout
    message, running, 1..50 steps, ``num_valid_steps`` = N, ``message_index`` 0..N-1, repeat
    back-pointers to an earlier block start with count >= 1, lengths and speed ranges sane,
    string byte limits, both decoders agree on raw values. Schedule files: every entry complete;
    with ``workouts=`` (their bytes) every entry matches one workout's four identity fields.

    Returns the messages as ``garmin_fit_sdk`` decodes them by default (scaled, enums as strings,
    sub-fields expanded: ``duration_value`` raw next to ``duration_distance`` in metres).
    """
    data = bytes(data)
    mesgs = garmin_messages(data)
    _, raw = fitdecode_messages(data)
    assert raw and raw[0][0] == "file_id", "file_id is not the first message"
    assert len(mesgs.get("file_id_mesgs", [])) == 1, "expected one file_id"
    fid = mesgs["file_id_mesgs"][0]
    if fid.get("type") not in ("workout", "schedules"):
        return mesgs  # someone else's file (an activity): the decoders' verdict is the check
    _check_header(data)
    assert fid.get("manufacturer") == "development" and fid.get("product") == 0, fid
    assert isinstance(fid.get("serial_number"), int) and fid["serial_number"] != 0, "serial is 0 or missing"
    assert (raw[0][1].get(4) or 0) >= 0x10000000, "time_created is not a date"
    if fid.get("type") == "workout":
        _check_workout(mesgs, raw)
    elif fid.get("type") == "schedules":
        entries = mesgs.get("schedule_mesgs", [])
        assert entries, "schedule file without schedule messages"
        for e in entries:
            assert e.get("completed") == 0 and e.get("type") == "workout", e  # bool: 0 or False
            assert e.get("serial_number") and e.get("time_created") is not None, e
            assert e.get("scheduled_time") is not None, e
        if workouts is not None:
            known = {identity_of(verify_fit(w)["file_id_mesgs"][0]) for w in workouts}
            for e in entries:
                assert identity_of(e) in known, f"schedule entry {identity_of(e)} matches no workout"
    return mesgs


def as_written(workout: Any) -> Any:
    """The workout a FIT file of ``workout`` reads back as (``read_fit_workout``'s expected value).

    What FIT keeps differs from the model in known, documented ways: ranges become their ``low``
    end; lengths are whole ms / cm; paces are whole mm/s; steps get their written names
    (:func:`paceplan.writers.fit.default_step_name`); names, notes and the description are cut to
    the byte limits; pace labels are not stored.
    """
    from dataclasses import replace

    from paceplan.model import Repeat, Step
    from paceplan.passes.choose import choose_ranges
    from paceplan.passes.limits import cut_utf8
    from paceplan.units import Distance, Duration, Pace, PaceRange
    from paceplan.writers.fit import default_step_name, speed_mm_per_s

    def pace(p: Pace) -> Pace:
        return Pace.from_speed(speed_mm_per_s(p.seconds_per_km) / 1000)

    def node(n: Any) -> Any:
        if isinstance(n, Repeat):
            return replace(n, steps=tuple(node(c) for c in n.steps),
                           name=cut_utf8(n.name, 15) or None if n.name else None)
        assert isinstance(n, Step)
        length = n.length
        if isinstance(length, Duration):
            length = Duration(round(length.seconds * 1000) / 1000)
        elif isinstance(length, Distance):
            length = Distance(round(length.metres * 100) / 100)
        target = n.target
        if isinstance(target, PaceRange):
            target = PaceRange.of(pace(target.slow), pace(target.fast))
        return replace(n, length=length, target=target, label=None,
                       name=cut_utf8(default_step_name(n), FIT_LIMITS["wkt_step_name"]),
                       note=cut_utf8(n.note, FIT_LIMITS["notes"]) or None if n.note else None)

    w = choose_ranges(workout).value
    name = cut_utf8(w.name, FIT_LIMITS["wkt_name"])
    return replace(w, name=name if name.strip() else "Workout", steps=tuple(node(n) for n in w.steps),
                   description=cut_utf8(w.description, FIT_LIMITS["wkt_description"]) or None
                   if w.description else None)
