"""Hostile recorded runs and FIT files: damaged, truncated, padded, poisoned with NaN, XML bombs.

Real valid files (a FIT workout written by paceplan, a FIT activity written with Garmin's SDK, the
real FitoTrack GPX) are mutated: bit flips, truncation, inserted and deleted bytes, with the
file CRC recomputed half the time so the damage reaches the decoder instead of stopping at the
integrity check. Whatever comes in, the readers (and a comparison of what they read) raise only
paceplan's own errors, each saying where: a line and column for GPX, a byte offset or the
message (step, record) for FIT.

The seeds are fixed (``derandomize=True``) so CI runs the same cases every time; run with
``PACEPLAN_FUZZ_EXAMPLES=5000`` for a longer local search.
"""

from __future__ import annotations

import functools
import math
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from simulate import simulate, to_fit, to_gpx

from paceplan.compare import compare_workout, comparison_to_dict, format_table, read_activity
from paceplan.compare.activity import MAX_ACTIVITY_BYTES, point_problem
from paceplan.errors import PlanError, PlanSyntaxError, PlanValueError
from paceplan.model import Intensity, Repeat, Step, Workout
from paceplan.readers.fit import MAX_FIT_BYTES, decode_fit, read_fit_workout
from paceplan.units import Distance, Duration, PaceRange

EXAMPLES = int(os.environ.get("PACEPLAN_FUZZ_EXAMPLES", "120"))
FUZZ = settings(derandomize=True, max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
HOSTILE = Path(__file__).parent / "fixtures" / "hostile"
REAL_GPX = Path(__file__).parent / "fixtures" / "activities" / "fitotrack-run-2024-08-24.gpx"

REPS = Workout(name="2 x 1 km", steps=(
    Step(intensity=Intensity.ACTIVE, length=Distance(1000), target=PaceRange.parse("4:00-4:10/km")),
    Step(intensity=Intensity.RECOVERY, length=Duration(120)),
    Step(intensity=Intensity.ACTIVE, length=Distance(1000), target=PaceRange.parse("4:00-4:10/km"))))


@functools.lru_cache(maxsize=None)
def fit_activity() -> bytes:
    return to_fit(simulate(REPS, noise_m=0.5))


@functools.lru_cache(maxsize=None)
def fit_workout() -> bytes:
    from paceplan.writers.fit import encode_workout

    nested = Workout(name="ladder", steps=(
        Step(intensity=Intensity.WARMUP, length=Duration(600)),
        Repeat(count=3, steps=(*REPS.steps, Repeat(count=2, steps=(Step(intensity=Intensity.ACTIVE,
                                                                         length=Distance(200)),)))),
        Step(intensity=Intensity.COOLDOWN, length=Distance(1609.344))))
    return encode_workout(nested).value


@functools.lru_cache(maxsize=None)
def gpx_text() -> str:
    return to_gpx(simulate(REPS, noise_m=0.5))


def _fix_crc(data: bytes) -> bytes:
    """Recompute the file CRC so a mutation is met by the decoder, not the integrity check."""
    from garmin_fit_sdk.crc_calculator import CrcCalculator

    if len(data) < 14:
        return data
    out = bytearray(data)
    out[-2:] = int(CrcCalculator.calculate_crc(out, 0, len(out) - 2)).to_bytes(2, "little")
    return bytes(out)


_OP = st.one_of(
    st.tuples(st.just("flip"), st.floats(0, 1, exclude_max=True), st.integers(0, 7)),
    st.tuples(st.just("set"), st.floats(0, 1, exclude_max=True), st.sampled_from([0, 1, 0x7F, 0x80, 0xFF])),
    st.tuples(st.just("cut"), st.floats(0, 1, exclude_max=True), st.just(0)),
    st.tuples(st.just("insert"), st.floats(0, 1, exclude_max=True), st.integers(1, 24)),
    st.tuples(st.just("delete"), st.floats(0, 1, exclude_max=True), st.integers(1, 40)),
)


def _mutate(data: bytes, ops: list[tuple[str, float, int]], fill: int) -> bytes:
    b = bytearray(data)
    for op, where, arg in ops:
        if not b:
            break
        i = int(where * len(b))
        if op == "flip":
            b[i] ^= 1 << arg
        elif op == "set":
            b[i] = arg
        elif op == "cut":
            del b[i:]
        elif op == "insert":
            b[i:i] = bytes((fill + k * 37) % 256 for k in range(arg))
        else:
            del b[i:i + arg]
    return bytes(b)


def _fit_error_has_position(exc: PlanError, name: str) -> None:
    """Every FIT error names the file, and says where: a byte offset for damage the decoder
    finds, the step or record for values the model refuses, or the message list that is wrong."""
    for d in exc.errors:
        assert name in d.message, d.message
        if d.code in ("fit-integrity", "fit-decode"):
            assert re.search(r"\bbytes? \d|\d bytes\b", d.message), d.message
        else:
            assert re.search(r"step \d|message \d|record|messages?\b|file type|workout|sport|activity|FIT",
                             d.message), d.message


# ------------------------------------------------------------------ FIT fuzzing

@FUZZ
@given(ops=st.lists(_OP, min_size=1, max_size=4), fill=st.integers(0, 255), fix=st.booleans())
def test_mutated_fit_workout_raises_only_plan_errors(ops: list, fill: int, fix: bool) -> None:
    data = _mutate(fit_workout(), ops, fill)
    data = _fix_crc(data) if fix else data
    try:
        workout = read_fit_workout(data, name="w.fit")
    except PlanError as exc:
        _fit_error_has_position(exc, "w.fit")
        return
    assert isinstance(workout, Workout)


@FUZZ
@given(ops=st.lists(_OP, min_size=1, max_size=4), fill=st.integers(0, 255), fix=st.booleans())
def test_mutated_fit_activity_raises_only_plan_errors(ops: list, fill: int, fix: bool) -> None:
    data = _mutate(fit_activity(), ops, fill)
    data = _fix_crc(data) if fix else data
    try:
        activity = read_activity(data, name="run.fit")
    except PlanError as exc:
        _fit_error_has_position(exc, "run.fit")
        return
    # Whatever reads, compares without crashing and gives JSON without NaN.
    result = compare_workout(REPS, activity)
    _json_safe(comparison_to_dict(result.value, result.warnings))
    format_table(result.value)


@FUZZ
@given(ops=st.lists(_OP, min_size=1, max_size=3), fill=st.integers(0, 255))
def test_mutated_fit_raw_decode_raises_only_plan_errors(ops: list, fill: int) -> None:
    data = _fix_crc(_mutate(fit_activity(), ops, fill))
    try:
        decode_fit(data, name="raw.fit", scaled=False, enum_strings=False, datetimes=False)
    except PlanError as exc:
        _fit_error_has_position(exc, "raw.fit")


def _json_safe(value: object) -> None:
    import json

    json.dumps(value, allow_nan=False)


def test_fit_field_of_the_wrong_shape_is_a_plan_error(monkeypatch: pytest.MonkeyPatch) -> None:
    """Bug found by fuzzing: a damaged field definition turned message_index (or a duration)
    into an array, and read_fit_workout crashed with TypeError while sorting or scaling steps."""
    import paceplan.readers.fit as fitreader

    messages: dict = {"file_id_mesgs": [{"type": "workout"}], "workout_mesgs": [{"sport": "running"}]}
    monkeypatch.setattr(fitreader, "decode_fit", lambda *a, **k: messages)
    messages["workout_step_mesgs"] = [{"message_index": [0, 1], "duration_type": "open"},
                                      {"message_index": 1, "duration_type": "open"}]
    with pytest.raises(PlanSyntaxError, match="message_index"):
        read_fit_workout(b"", name="w.fit")
    messages["workout_step_mesgs"] = [{"message_index": 0, "duration_type": "distance", "duration_value": [1, 2]}]
    with pytest.raises(PlanSyntaxError, match="w.fit: step 0: field duration_value"):
        read_fit_workout(b"", name="w.fit")
    messages["workout_step_mesgs"] = [{"message_index": 0, "duration_type": "open", "intensity": [1, 2]}]
    assert read_fit_workout(b"", name="w.fit").steps[0].intensity is Intensity.ACTIVE
    messages["workout_step_mesgs"] = [{"message_index": 0, "duration_type": "open", "wkt_step_name": "a\x07b"}]
    with pytest.raises(PlanSyntaxError, match="w.fit: step 0: .*control character"):
        read_fit_workout(b"", name="w.fit")


def test_decoder_error_without_an_offset_gets_the_stream_position() -> None:
    """The SDK's "number of bytes provided is longer than the number of bytes remaining" names
    no offset; the error now says where the decoder stopped."""
    data = bytearray(fit_workout())
    data[int(0.046875 * len(data))] = 0xFF
    with pytest.raises(PlanSyntaxError) as info:
        read_fit_workout(_fix_crc(bytes(data)), name="w.fit")
    assert re.search(r"at byte \d+", info.value.message), info.value.message


def test_oversized_fit_is_refused_before_decoding() -> None:
    big = b"\x0e" + b"\x00" * (MAX_FIT_BYTES + 1)
    with pytest.raises(PlanValueError, match="too large"):
        decode_fit(big, name="huge.fit")
    with pytest.raises(PlanValueError, match="too large"):
        read_activity(b"\x0e\x10\x00\x00\x00\x00\x00\x00.FIT" + b"\x00" * MAX_ACTIVITY_BYTES, name="huge.fit")


# ------------------------------------------------------------------ GPX fuzzing

_VALUES = ["nan", "NaN", "inf", "-inf", "1e308", "-1e308", "99999999", "-91", "181", "", "x", "0",
           "1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "0001-01-01T00:00:00Z",
           "2026-03-02T07:00:00+14:00", "2026-03-02T07:00:00.999999999Z", "2026-02-30T00:00:00Z",
           "\x00", "&amp;", "<", "]]>", "\U0001f3c3", "\ufeff"]
_VALUE_SLOT = re.compile(r'(?<=")[^"<>]*(?=")|(?<=>)[^<>]+(?=<)')


def _poison(text: str, picks: list[tuple[float, int]], dup: float | None) -> str:
    for where, value in picks:
        slots = list(_VALUE_SLOT.finditer(text))
        m = slots[int(where * len(slots))]
        text = text[:m.start()] + _VALUES[value % len(_VALUES)] + text[m.end():]
    if dup is not None:
        points = list(re.finditer(r"<trkpt.*?</trkpt>", text, re.S))
        if points:
            a = points[int(dup * len(points))]
            text = text[:a.start()] + a.group() + text[a.start():]
    return text


@FUZZ
@given(picks=st.lists(st.tuples(st.floats(0, 1, exclude_max=True), st.integers(0, 1000)), min_size=1, max_size=4),
       dup=st.none() | st.floats(0, 1, exclude_max=True), real=st.booleans())
def test_poisoned_gpx_values_raise_only_plan_errors_with_a_position(picks: list, dup: float | None,
                                                                   real: bool) -> None:
    base = REAL_GPX.read_text(encoding="utf-8") if real else gpx_text()
    text = _poison(base, picks, dup)
    try:
        activity = read_activity(text.encode("utf-8"), name="run.gpx")
    except PlanError as exc:
        for d in exc.errors:
            assert d.span is not None or "run.gpx" in d.message, d.message
        return
    for p in activity.points:
        assert point_problem(p.lat, p.lon, p.speed_mps, p.distance_m) is None
        assert math.isfinite(p.time_s)
    try:
        result = compare_workout(REPS, activity)
    except PlanError:
        return
    _json_safe(comparison_to_dict(result.value, result.warnings))


@FUZZ
@given(ops=st.lists(_OP, min_size=1, max_size=4), fill=st.integers(0, 255))
def test_mutated_gpx_bytes_raise_only_plan_errors(ops: list, fill: int) -> None:
    data = _mutate(REAL_GPX.read_bytes(), ops, fill)
    try:
        read_activity(data, name="run.gpx")
    except PlanError as exc:
        for d in exc.errors:
            assert d.span is not None or "run.gpx" in d.message, d.message


def test_gpx_with_nan_latitude_points_at_the_track_point() -> None:
    """Bug found by fuzzing: lat="nan" (or 1e308) passed the reader and crashed the distance
    maths with ValueError: math domain error."""
    text = REAL_GPX.read_text(encoding="utf-8")
    points = list(re.finditer(r'lat="[^"]*"', text))
    bad = text[:points[2].start()] + 'lat="nan"' + text[points[2].end():]
    with pytest.raises(PlanSyntaxError) as info:
        read_activity(bad.encode(), name="run.gpx")
    d = info.value.errors[0]
    assert "track point 3: latitude nan is not a number" in d.message
    assert d.span is not None and d.span.text == "<trkpt" and d.span.line == bad[:points[2].start()].count("\n") + 1
    far = text[:points[0].start()] + 'lat="1e308"' + text[points[0].end():]
    with pytest.raises(PlanSyntaxError, match="latitude 1e\\+308 is out of range"):
        read_activity(far.encode(), name="run.gpx")


@pytest.mark.parametrize("name", ["billion-laughs.gpx", "xxe.gpx"])
def test_xml_entity_attacks_are_refused_before_parsing(name: str) -> None:
    data = (HOSTILE / name).read_bytes()
    with pytest.raises(PlanSyntaxError) as info:
        read_activity(data, name=name)
    d = info.value.errors[0]
    assert "DOCTYPE" in d.message and d.span is not None and d.span.line >= 1
    assert "root:" not in str(info.value)  # nothing of /etc/passwd


def test_oversized_gpx_is_refused_before_parsing() -> None:
    with pytest.raises(PlanValueError, match="too large for one recorded run"):
        read_activity(b"<gpx>" + b" " * MAX_ACTIVITY_BYTES + b"</gpx>", name="huge.gpx")


def test_cli_refuses_an_oversized_activity_without_reading_it_all(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from paceplan.cli import main

    big = tmp_path / "huge.gpx"
    with open(big, "wb") as fh:
        fh.truncate(MAX_ACTIVITY_BYTES + 10)  # sparse: costs no disk
    result = CliRunner().invoke(main, ["compare", str(big), "--workout", "4 x 400m"])
    assert result.exit_code == 1, result.output
    assert "too large" in result.output and "Traceback" not in result.output


def test_gpx_with_too_many_points_is_refused_before_parsing() -> None:
    from paceplan.compare.activity import MAX_POINTS

    point = '<trkpt lat="0" lon="0"/>'
    text = f'<gpx version="1.1"><trk><trkseg>{point * (MAX_POINTS + 1)}</trkseg></trk></gpx>'
    with pytest.raises(PlanValueError, match="track points: not one run"):
        read_activity(text.encode(), name="many.gpx")


def test_cli_compare_refuses_a_nan_tolerance() -> None:
    """Bug found: --tolerance nan passed click's FloatRange(0, 60) and judged every rep against
    a NaN band."""
    from click.testing import CliRunner

    from paceplan.cli import main

    result = CliRunner().invoke(main, ["compare", str(REAL_GPX), "--workout", "4 x 400m", "--tolerance", "nan"])
    assert result.exit_code == 2 and "--tolerance" in result.output


@pytest.mark.parametrize("damage", ["truncate", "flip", "nan", "dtd", "empty", "not-fit"])
def test_cli_compare_on_a_damaged_file_exits_1_without_a_traceback(tmp_path: Path, damage: str) -> None:
    from click.testing import CliRunner

    from paceplan.cli import main

    fit = fit_activity()
    data, suffix = {
        "truncate": (fit[:len(fit) // 2], ".fit"),
        "flip": (_fix_crc(_mutate(fit, [("set", 0.3, 0xFF), ("flip", 0.31, 3)], 0)), ".fit"),
        "nan": (REAL_GPX.read_text(encoding="utf-8").replace('lon="', 'lon="nan', 1).encode(), ".gpx"),
        "dtd": ((HOSTILE / "billion-laughs.gpx").read_bytes(), ".gpx"),
        "empty": (b"", ".fit"),
        "not-fit": (b"\x00" * 100, ".fit"),
    }[damage]
    path = tmp_path / f"run{suffix}"
    path.write_bytes(data)
    result = CliRunner().invoke(main, ["compare", str(path), "--workout", "2 x 1 km @ 4:00/km w/ 2 min jog"])
    assert result.exit_code == 1, result.output
    assert "error:" in result.output and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
