"""model -> FIT -> model: read_fit_workout gives back what was written; decode_fit is strict."""

from __future__ import annotations

from typing import Any

import pytest
from fitcheck import as_written, verify_fit
from hypothesis import HealthCheck, given, settings
from strategies import workouts
from test_fit_writer import WORKOUTS

from paceplan.errors import PlanSyntaxError, UnsupportedError
from paceplan.model import LAP_BUTTON, Intensity, Repeat, Step, Workout
from paceplan.readers.fit import decode_fit, read_fit_workout
from paceplan.units import Distance, Duration, Pace, PaceRange
from paceplan.writers.fit import encode_workout

T0 = 1_767_225_600


def fit(w: Workout) -> bytes:
    data = encode_workout(w, time_created=T0).value
    verify_fit(data)
    return data


@pytest.mark.parametrize("name", sorted(WORKOUTS))
def test_named_workouts_round_trip(name: str) -> None:
    w = WORKOUTS[name]
    assert read_fit_workout(fit(w)) == as_written(w)


def test_round_trip_keeps_structure_names_notes_and_paces() -> None:
    w = Workout(name="Piste ⏱", description="6-8 × 400 m, récup 200 m", steps=(
        Step(intensity=Intensity.WARMUP, length=LAP_BUTTON, name="Échauffement", note="10-15 min 🐢"),
        Repeat(count=2, name="série", steps=(
            Repeat(count=3, steps=(
                Step(intensity=Intensity.INTERVAL, length=Distance(400), name="400m 间歇",
                     target=PaceRange(slow=Pace.from_speed(4.0), fast=Pace.from_speed(4.167))),
                Step(intensity=Intensity.RECOVERY, length=Duration(75), name="jog"))),
            Step(intensity=Intensity.REST, length=Duration(180), name="rest"))),
        Step(intensity=Intensity.COOLDOWN, length=Distance(1500), name="CD")))
    back = read_fit_workout(fit(w))
    assert back == w  # everything here is exactly representable in FIT
    inner = back.steps[1].steps[0]
    assert isinstance(inner, Repeat) and inner.count == 3
    assert inner.steps[0].target.slow.speed_mps == pytest.approx(4.0)


def test_pace_range_round_trip_to_a_tenth_of_a_second() -> None:
    target = PaceRange.parse("4:00-4:10/km")
    w = Workout(name="1k", steps=(Step(intensity=Intensity.ACTIVE, length=Distance(1000), target=target),))
    got = read_fit_workout(fit(w)).steps[0].target
    assert got.slow.seconds_per_km == pytest.approx(250.0, abs=0.1)
    assert got.fast.seconds_per_km == pytest.approx(240.0, abs=0.1)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workouts())
def test_generated_workouts_round_trip(workout: Workout) -> None:
    assert read_fit_workout(fit(workout)) == as_written(workout)


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(workouts())
def test_exactly_representable_workouts_round_trip_unchanged(workout: Workout) -> None:
    # With names already set and within limits, the file gives back the very same model.
    expected = as_written(workout)
    assert read_fit_workout(fit(expected)) == expected


# --- decode_fit is strict ----------------------------------------------------------------------

GOOD = encode_workout(WORKOUTS["400m-repeats"], time_created=T0).value


def flip(data: bytes, at: int) -> bytes:
    return data[:at] + bytes([data[at] ^ 0x40]) + data[at + 1:]


CORRUPT = [
    ("flipped payload byte", flip(GOOD, 60), "file CRC"),
    ("flipped header byte", flip(GOOD, 2), "header CRC"),
    ("broken file CRC", GOOD[:-2] + bytes([GOOD[-2] ^ 1, GOOD[-1]]), f"bytes {len(GOOD) - 2}-{len(GOOD) - 1}"),
    ("truncated", GOOD[:-10], "truncated"),
    ("truncated to the header", GOOD[:14], "too short"),
    ("too short", GOOD[:5], "too short"),
    ("not FIT", b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "header size"),
    ("bad signature", GOOD[:8] + b".FAT" + GOOD[12:], "signature"),
]


@pytest.mark.parametrize(("label", "data", "match"), CORRUPT, ids=[c[0] for c in CORRUPT])
def test_corruption_is_a_plan_syntax_error_naming_file_and_bytes(label: str, data: bytes, match: str) -> None:
    with pytest.raises(PlanSyntaxError, match=match) as exc:
        decode_fit(data, name="w1-wed.fit")
    assert exc.value.message.startswith("w1-wed.fit: ")
    assert isinstance(exc.value, ValueError)
    with pytest.raises(PlanSyntaxError):
        read_fit_workout(data, name="w1-wed.fit")
    with pytest.raises(AssertionError):  # and the test oracle agrees
        verify_fit(data)


def test_decoder_errors_after_a_good_integrity_check_are_raised() -> None:
    # Valid CRCs around a record that names an undefined local message type.
    from fitcheck import fit_crc16
    records = bytes([0x05, 0x00])  # data message for local type 5, never defined
    header = bytes([14, 0x20]) + (21218).to_bytes(2, "little") + len(records).to_bytes(4, "little") + b".FIT"
    header += fit_crc16(header).to_bytes(2, "little")
    body = header + records
    data = body + fit_crc16(body).to_bytes(2, "little")
    with pytest.raises(PlanSyntaxError, match=r"cannot decode FIT at byte \d+"):
        decode_fit(data, name="odd.fit")


def test_decode_fit_options() -> None:
    scaled = decode_fit(GOOD)
    raw = decode_fit(GOOD, scaled=False, enum_strings=False, datetimes=False, expand_sub_fields=False)
    assert scaled["workout_step_mesgs"][1]["duration_distance"] == 400.0
    assert raw["workout_step_mesgs"][1]["duration_type"] == 1
    assert "duration_distance" not in raw["workout_step_mesgs"][1]
    assert isinstance(raw["file_id_mesgs"][0]["time_created"], int)
    with pytest.raises(TypeError):
        decode_fit("not bytes")  # type: ignore[arg-type]


# --- reading other producers' workout files -------------------------------------------------------

def encode_raw(steps: list[dict[str, Any]], *, file_type: str = "workout", sport: str = "running") -> bytes:
    from garmin_fit_sdk import Encoder, Profile

    enc = Encoder()
    enc.on_mesg(Profile["mesg_num"]["FILE_ID"], {"type": file_type, "manufacturer": "development",
                                                 "product": 0, "serial_number": 9, "time_created": 1_000_000_000})
    enc.on_mesg(Profile["mesg_num"]["WORKOUT"], {"wkt_name": "ext", "sport": sport, "num_valid_steps": len(steps)})
    for i, s in enumerate(steps):
        enc.on_mesg(Profile["mesg_num"]["WORKOUT_STEP"], {"message_index": i, **s})
    data: bytes = enc.close()
    return data


RUN = {"duration_type": "time", "duration_value": 60000, "target_type": "open", "target_value": 0,
       "intensity": "active"}


def test_reads_a_workout_written_by_garmins_encoder() -> None:
    data = encode_raw([{**RUN, "wkt_step_name": "a"},
                       {"duration_type": "distance", "duration_value": 20000, "target_type": "speed",
                        "target_value": 0, "custom_target_value_low": 3000, "custom_target_value_high": 3500},
                       {"duration_type": "repeat_until_steps_cmplt", "duration_value": 0,
                        "target_type": "open", "target_value": 4}])
    w = read_fit_workout(data)
    (rep,) = w.steps
    assert isinstance(rep, Repeat) and rep.count == 4
    assert rep.steps[0] == Step(intensity=Intensity.ACTIVE, length=Duration(60), name="a")
    assert rep.steps[1].intensity is Intensity.ACTIVE  # missing intensity reads as active
    assert rep.steps[1].target == PaceRange.of(Pace.from_speed(3.0), Pace.from_speed(3.5))


@pytest.mark.parametrize(("steps", "error", "match"), [
    ([{**RUN, "target_type": "heart_rate", "target_value": 3}], UnsupportedError, "heart_rate"),
    ([{**RUN, "target_type": "speed", "target_value": 2}], UnsupportedError, "speed-zone"),
    ([{**RUN, "duration_type": "calories", "duration_value": 100}], UnsupportedError, "calories"),
    ([RUN, {"duration_type": "repeat_until_steps_cmplt", "duration_value": 1, "target_type": "open",
            "target_value": 2}], PlanSyntaxError, "not an earlier step"),
    ([RUN, RUN, {"duration_type": "repeat_until_steps_cmplt", "duration_value": 0, "target_type": "open",
                 "target_value": 0}], PlanSyntaxError, "count"),
    ([RUN, RUN, {"duration_type": "repeat_until_steps_cmplt", "duration_value": 0, "target_type": "open",
                 "target_value": 2}, RUN,
      {"duration_type": "repeat_until_steps_cmplt", "duration_value": 1, "target_type": "open",
       "target_value": 2}], PlanSyntaxError, "middle of an earlier block"),
    ([{**RUN, "duration_value": 0}], PlanSyntaxError, "length"),
])
def test_unreadable_workouts_say_why(steps: list[dict[str, Any]], error: type[Exception], match: str) -> None:
    with pytest.raises(error, match=match):
        read_fit_workout(encode_raw(steps), name="ext.fit")


def test_non_workout_files_are_refused() -> None:
    with pytest.raises(PlanSyntaxError, match="not a FIT workout file"):
        read_fit_workout(encode_raw([RUN], file_type="activity"))
    with pytest.raises(UnsupportedError, match="cycling"):
        read_fit_workout(encode_raw([RUN], sport="cycling"))


def test_garmin_decoder_trap_a_consumed_stream_reads_nothing_but_decode_fit_reads_all() -> None:
    from garmin_fit_sdk import Decoder, Stream

    decoder = Decoder(Stream.from_byte_array(bytearray(GOOD)))
    assert decoder.check_integrity()
    assert decoder.read() == ({}, [])  # the trap: same decoder, nothing, and no error
    assert len(decode_fit(GOOD)["workout_step_mesgs"]) == 5


def test_importing_the_reader_does_not_import_the_sdk() -> None:
    import subprocess
    import sys

    code = "import sys, paceplan.readers.fit; print('garmin_fit_sdk' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
