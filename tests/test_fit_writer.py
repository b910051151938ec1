"""The FIT workout writer: encodings, traps from the FIT reference, identity and determinism.

Every file produced here goes through ``fitcheck.verify_fit`` (garmin-fit-sdk + fitdecode +
the semantic checklist). Golden decoded dumps live in ``tests/golden/fit``; refresh them with
``PACEPLAN_UPDATE_GOLDEN=1``.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from fitcheck import fit_crc16, garmin_messages, verify_fit

from paceplan.errors import OutputError, PlanValueError, UnsupportedError
from paceplan.model import (
    LAP_BUTTON,
    CountRange,
    Intensity,
    LengthRange,
    PaceRef,
    Repeat,
    Step,
    Workout,
)
from paceplan.source import Source
from paceplan.units import Distance, Duration, Pace, PaceRange
from paceplan.writers import fit as fitw
from paceplan.writers.fit import (
    FIT_EPOCH_UNIX,
    FitIdentity,
    assign_serials,
    default_step_name,
    default_time_created,
    encode_workout,
    serial_for,
    speed_mm_per_s,
    workout_identity,
    write_workout_fit,
)

GOLDEN = Path(__file__).parent / "golden" / "fit"
T0 = 1_767_225_600  # 2026-01-01T00:00:00Z


def run(w: Workout, **kw: Any) -> tuple[dict[str, Any], tuple[Any, ...], bytes]:
    kw.setdefault("time_created", T0)
    result = encode_workout(w, **kw)
    return verify_fit(result.value), result.warnings, result.value


def steps_of(mesgs: dict[str, Any]) -> list[dict[str, Any]]:
    return mesgs["workout_step_mesgs"]


def interval(length: Any, pace: str | None = None, **kw: Any) -> Step:
    return Step(intensity=Intensity.INTERVAL, length=length,
                target=PaceRange.parse(pace) if pace else None, **kw)


def jog(length: Any, **kw: Any) -> Step:
    return Step(intensity=Intensity.RECOVERY, length=length, **kw)


WU = Step(intensity=Intensity.WARMUP, length=Duration.minutes(15))
CD = Step(intensity=Intensity.COOLDOWN, length=LAP_BUTTON)

# Named workouts: each has a golden decoded dump.
WORKOUTS: dict[str, Workout] = {
    "400m-repeats": Workout(name="6x400m", steps=(
        WU, Repeat(count=6, steps=(interval(Distance(400), "1:40-1:45/400m"), jog(Distance(400)))), CD)),
    "nested": Workout(name="2x(3x400)", steps=(
        WU,
        Repeat(count=2, steps=(
            Repeat(count=3, steps=(interval(Distance(400), "4:00-4:10/km"), jog(Distance(200)))),
            Step(intensity=Intensity.REST, length=Duration(180), name="set rest"))),
        CD)),
    "unicode": Workout(name="Séance 🏃 间歇", description="Coach: é à ü — 走る", steps=(
        Step(intensity=Intensity.WARMUP, length=Duration(600), name="Échauffement", note="lent, très lent 🐢"),
        interval(Duration(240), "3:50-4:00/km", name="间歇跑", note="ランニング"),
        Step(intensity=Intensity.COOLDOWN, length=Distance(1000), name="Retour 🧊"))),
    "mixed-lengths": Workout(name="mixed", steps=(
        Step(intensity=Intensity.ACTIVE, length=Duration(90.5)),
        Step(intensity=Intensity.ACTIVE, length=Distance(1609.344), target=PaceRange.parse("6:30/mi")),
        Step(intensity=Intensity.REST, length=LAP_BUTTON),
        Step(intensity=Intensity.RECOVERY, length=Duration(45)))),
}


# --- encodings -------------------------------------------------------------------------------

def test_time_distance_and_lap_button_steps_are_encoded_in_fit_units() -> None:
    mesgs, warnings, _ = run(WORKOUTS["mixed-lengths"])
    s = steps_of(mesgs)
    assert warnings == ()
    assert (s[0]["duration_type"], s[0]["duration_value"], s[0]["duration_time"]) == ("time", 90500, 90.5)
    assert (s[1]["duration_type"], s[1]["duration_value"]) == ("distance", 160934)  # cm
    assert s[1]["duration_distance"] == pytest.approx(1609.34)
    assert s[2]["duration_type"] == "open" and "duration_value" not in s[2]  # lap button
    assert s[3]["duration_value"] == 45000
    assert [x["target_type"] for x in s] == ["open", "speed", "open", "open"]


def test_pace_range_is_a_custom_speed_range_with_the_slow_pace_low() -> None:
    w = Workout(name="1k", steps=(interval(Distance(1000), "4:00-4:10/km"),))
    (step,) = steps_of(run(w)[0])
    # reference 4.1: pace 4:10-4:00/km -> target_value 0, low 4000, high 4167 (mm/s)
    assert step["target_type"] == "speed" and step["target_value"] == 0
    assert (step["custom_target_value_low"], step["custom_target_value_high"]) == (4000, 4167)
    assert (step["custom_target_speed_low"], step["custom_target_speed_high"]) == (4.0, 4.167)


def test_pace_range_written_either_way_round_keeps_slow_low() -> None:
    a = PaceRange(slow=Pace.parse("4:00/km"), fast=Pace.parse("4:10/km"))  # swapped on purpose
    w = Workout(name="1k", steps=(Step(intensity=Intensity.ACTIVE, length=Distance(1000), target=a),))
    (step,) = steps_of(run(w)[0])
    assert step["custom_target_value_low"] < step["custom_target_value_high"]


@pytest.mark.parametrize(("pace", "mm_s"), [("4:00/km", 4167), ("4:10/km", 4000), ("6:00/mi", 4470),
                                            ("1:40/400m", 4000), ("3:00/km", 5556)])
def test_speed_conversion(pace: str, mm_s: int) -> None:
    assert speed_mm_per_s(Pace.parse(pace).seconds_per_km) == mm_s


def test_single_pace_has_equal_low_and_high() -> None:
    w = Workout(name="t", steps=(interval(Duration(1200), "4:30/km"),))
    (step,) = steps_of(run(w)[0])
    assert step["custom_target_value_low"] == step["custom_target_value_high"] == 3704


def test_intensities_have_their_fit_numbers() -> None:
    w = Workout(name="all", steps=tuple(Step(intensity=i, length=Duration(60)) for i in Intensity))
    data = run(w)[2]
    raw = garmin_messages(data, convert_types_to_strings=False)["workout_step_mesgs"]
    numbers = {i: r["intensity"] for i, r in zip(Intensity, raw)}
    assert numbers == {Intensity.WARMUP: 2, Intensity.ACTIVE: 0, Intensity.INTERVAL: 5,
                       Intensity.RECOVERY: 4, Intensity.REST: 1, Intensity.COOLDOWN: 3}


def test_repeat_points_back_to_the_first_step_of_its_block_with_the_total_count() -> None:
    s = steps_of(run(WORKOUTS["400m-repeats"])[0])
    assert [x["duration_type"] for x in s] == ["time", "distance", "distance",
                                               "repeat_until_steps_cmplt", "open"]
    rep = s[3]
    assert (rep["duration_value"], rep["target_value"], rep["target_type"]) == (1, 6, "open")
    assert "intensity" not in rep  # Garmin's own examples give repeat steps none
    assert [x["message_index"] for x in s] == [0, 1, 2, 3, 4]


def test_nested_repeats_point_before_the_inner_block() -> None:
    s = steps_of(run(WORKOUTS["nested"])[0])
    layout = [(x["message_index"], x["duration_type"], x.get("duration_value"), x.get("target_value"))
              for x in s]
    # reference 4.2: [1 400][2 200][3 REP->1 x3][4 set rest][5 REP->1 x2]
    assert layout[1:6] == [(1, "distance", 40000, 0), (2, "distance", 20000, 0),
                           (3, "repeat_until_steps_cmplt", 1, 3), (4, "time", 180000, 0),
                           (5, "repeat_until_steps_cmplt", 1, 2)]


def test_repeat_inside_a_block_after_other_steps() -> None:
    w = Workout(name="x", steps=(Repeat(count=2, steps=(
        interval(Distance(1000)), Repeat(count=4, steps=(interval(Distance(200)), jog(Duration(60)))))),))
    s = steps_of(run(w)[0])
    assert [(x["duration_type"][:6], x.get("duration_value"), x.get("target_value")) for x in s][3:] == [
        ("repeat", 1, 4), ("repeat", 0, 2)]


def test_num_valid_steps_counts_repeat_steps_too() -> None:
    mesgs = run(WORKOUTS["400m-repeats"])[0]
    assert mesgs["workout_mesgs"][0]["num_valid_steps"] == 5 == len(steps_of(mesgs))


def test_workout_message_fields() -> None:
    mesgs = run(WORKOUTS["unicode"])[0]
    (wkt,) = mesgs["workout_mesgs"]
    assert (wkt["sport"], wkt["sub_sport"]) == ("running", "generic")
    assert wkt["wkt_description"] == "Coach: é à ü — 走る"


# --- header, CRC and the annotated example of reference section 7 -----------------------------

def test_header_is_14_bytes_with_a_valid_header_crc() -> None:
    data = run(WORKOUTS["400m-repeats"])[2]
    assert data[0] == 14 and data[8:12] == b".FIT"
    assert int.from_bytes(data[12:14], "little") == fit_crc16(data[:12]) != 0
    assert int.from_bytes(data[4:8], "little") == len(data) - 16
    assert int.from_bytes(data[-2:], "little") == fit_crc16(data[:-2])


def test_reference_crc_function_reproduces_the_annotated_header_crc() -> None:
    header = bytes.fromhex("0e 20 e2 52 cd 00 00 00 2e 46 49 54")
    assert fit_crc16(header) == 0xB311


def test_annotated_example_payload_values() -> None:
    """Reference section 7: "5x1k", step 0 = 1 km @ 4:00-4:10/km, step 1 = 90 s jog, repeat x5."""
    w = Workout(name="5x1k", steps=(Repeat(count=5, steps=(
        Step(intensity=Intensity.ACTIVE, length=Distance(1000), target=PaceRange.parse("4:00-4:10/km"),
             name="1k @ 4:00-4:10"),
        Step(intensity=Intensity.RECOVERY, length=Duration(90), name="jog"))),))
    # time_created 1068934400 in the dump is raw FIT seconds = Unix 1700000000 (2023-11-14T22:13:20Z)
    _, warnings, data = run(w, serial=0x12345678, time_created=1_700_000_000)
    assert warnings == ()
    raw = garmin_messages(data, apply_scale_and_offset=False, merge_heart_rates=False,
                          convert_datetimes_to_dates=False, expand_sub_fields=False)
    assert raw["file_id_mesgs"] == [{"type": "workout", "manufacturer": "development", "product": 0,
                                     "serial_number": 0x12345678, "time_created": 1068934400}]
    assert raw["workout_mesgs"] == [{"wkt_name": "5x1k", "sport": "running", "sub_sport": "generic",
                                     "num_valid_steps": 3}]
    assert raw["workout_step_mesgs"] == [
        {"message_index": 0, "wkt_step_name": "1k @ 4:00-4:10", "intensity": "active",
         "duration_type": "distance", "duration_value": 100000, "target_type": "speed",
         "target_value": 0, "custom_target_value_low": 4000, "custom_target_value_high": 4167},
        {"message_index": 1, "wkt_step_name": "jog", "intensity": "recovery", "duration_type": "time",
         "duration_value": 90000, "target_type": "open", "target_value": 0},
        {"message_index": 2, "duration_type": "repeat_until_steps_cmplt", "duration_value": 0,
         "target_type": "open", "target_value": 5},
    ]
    # The same little-endian payload bytes as the annotated dump.
    for chunk in ("78 56 34 12", "00 a5 b6 3f", "35 78 31 6b 00", "a0 86 01 00", "a0 0f 00 00",
                  "47 10 00 00", "6a 6f 67 00", "90 5f 01 00",
                  "31 6b 20 40 20 34 3a 30 30 2d 34 3a 31 30 00"):
        assert bytes.fromhex(chunk) in data, chunk


# --- fit-tool traps (reference section 10) -----------------------------------------------------

def test_fit_tool_setters_scale_by_the_current_type_so_the_writer_writes_raw_values() -> None:
    """The trap exists in fit-tool 0.9.16 (for sub-field *and* main-field setters)..."""
    from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage
    from fit_tool.profile.profile_type import WorkoutStepDuration

    early = WorkoutStepMessage()
    early.duration_time = 90
    early.duration_type = WorkoutStepDuration.TIME
    assert early.get_field(2).encoded_values == [90]  # 90 ms, not 90 s
    late = WorkoutStepMessage()
    late.duration_type = WorkoutStepDuration.TIME
    late.duration_value = 90000
    assert late.get_field(2).encoded_values == [90000000]  # the main field is scaled too
    # ...and the writer's raw helper is independent of order.
    for first_type in (True, False):
        m = WorkoutStepMessage()
        if first_type:
            m.duration_type = WorkoutStepDuration.TIME
        fitw._raw(m, 2, 90000)
        m.duration_type = WorkoutStepDuration.TIME
        assert m.get_field(2).encoded_values == [90000]


def test_offsets_and_units_are_not_left_to_fit_tool() -> None:
    # Speed has no offset; times are ms, distances cm, time_created FIT seconds (not Unix ms).
    w = Workout(name="u", steps=(interval(Duration(90), "4:00-4:10/km"), interval(Distance(1000))))
    mesgs, _, data = run(w, time_created=FIT_EPOCH_UNIX + 0x20000000)
    s = steps_of(mesgs)
    assert (s[0]["duration_value"], s[1]["duration_value"]) == (90000, 100000)
    raw = garmin_messages(data, convert_datetimes_to_dates=False)
    assert raw["file_id_mesgs"][0]["time_created"] == 0x20000000


def test_fit_tool_strict_validation_would_reject_our_num_valid_steps() -> None:
    """Why the writer never uses strict=True: fit-tool counts steps without repeats."""
    from fit_tool.fit_file import FitFile

    data = run(WORKOUTS["400m-repeats"])[2]
    report = FitFile.from_bytes(data).validate()
    assert [f.message for f in report.errors] == [
        "workout.num_valid_steps is 5 but found 4 non-repeat workout_step message(s) "
        "(repeat meta-steps excluded)."]


def test_strings_are_exact_utf8_without_padding() -> None:
    data = run(WORKOUTS["unicode"])[2]
    assert "间歇跑".encode() + b"\x00" in data
    assert "Séance 🏃 ".encode() + b"\x00" in data


# --- names, notes and byte limits ----------------------------------------------------------------

def test_non_ascii_names_and_notes_survive() -> None:
    mesgs, warnings, _ = run(WORKOUTS["unicode"])
    s = steps_of(mesgs)
    assert [x["wkt_step_name"] for x in s] == ["Échauffement", "间歇跑", "Retour 🧊"]
    assert [x.get("notes") for x in s] == ["lent, très lent 🐢", "ランニング", None]
    # "Séance 🏃 间歇" is 19 bytes: 间 would end at byte 16, so the cut is at 13, with a warning
    assert mesgs["workout_mesgs"][0]["wkt_name"] == "Séance 🏃 "
    assert [w.code for w in warnings] == ["name-too-long"]
    assert "Séance 🏃 间歇" in warnings[0].message and "15" in warnings[0].message


@pytest.mark.parametrize(("text", "limit", "written"), [
    ("é" * 10, 15, "é" * 7),            # 2-byte chars: 14 bytes, never half an é
    ("🏃" * 5, 15, "🏃" * 3),           # 4-byte chars: 12 bytes
    ("间歇跑间歇跑", 15, "间歇跑间歇"),   # 3-byte chars: exactly 15
    ("abcdefghijklmnopq", 15, "abcdefghijklmno"),
])
def test_step_names_are_cut_at_a_utf8_boundary_with_a_warning(text: str, limit: int, written: str) -> None:
    w = Workout(name="n", steps=(interval(Distance(400), name=text),))
    mesgs, warnings, _ = run(w)
    assert steps_of(mesgs)[0]["wkt_step_name"] == written
    assert len(written.encode()) <= limit
    assert [x.code for x in warnings] == ["name-too-long"]
    assert repr(written) in warnings[0].message


def test_notes_are_cut_to_49_bytes_with_a_warning() -> None:
    note = "Relâchez les épaules 🏃 et gardez la foulée légère, toujours"
    w = Workout(name="n", steps=(interval(Distance(400), note=note),))
    mesgs, warnings, _ = run(w)
    written = steps_of(mesgs)[0]["notes"]
    assert note.startswith(written) and len(written.encode()) <= 49 < len((written + note[len(written)]).encode())
    assert [x.code for x in warnings] == ["note-too-long"]


def test_warning_points_at_the_step_span() -> None:
    src = Source("6 x 400m @ 5K w/ 400m jog", name="plan.yaml")
    w = Workout(name="n", steps=(interval(Distance(400), name="a much too long step name", span=src.span(4, 8)),))
    (warn,) = run(w)[1]
    assert warn.span is not None and warn.span.text == "400m"


@pytest.mark.parametrize(("step", "name"), [
    (interval(Distance(400)), "400m"),
    (interval(Distance(400), label="HM-10K"), "400m @ HM-10K"),
    (interval(Distance(1609.344), label="Mile"), "1mi @ Mile"),
    (interval(Distance(1500)), "1500m"),
    (interval(Distance(2000)), "2km"),
    (interval(Duration(30)), "30s"),
    (interval(Duration(600)), "10:00"),
    (interval(LAP_BUTTON), "Lap"),
    (interval(Distance(400), label="a-very-long-label"), "400m"),
    (Step(intensity=Intensity.WARMUP, length=Duration.minutes(15)), "Warm-up 15:00"),
    (Step(intensity=Intensity.COOLDOWN, length=Duration(3600)), "Cool-down"),
    (Step(intensity=Intensity.COOLDOWN, length=LAP_BUTTON), "Cool-down"),
    (jog(Distance(400)), "Recover 400m"),
    (Step(intensity=Intensity.REST, length=Duration(90)), "Rest 1:30"),
    (interval(Distance(400), name="fast"), "fast"),
])
def test_default_step_names_say_something_meaningful(step: Step, name: str) -> None:
    assert default_step_name(step) == name
    w = Workout(name="n", steps=(step,))
    mesgs, warnings, _ = run(w)
    assert steps_of(mesgs)[0]["wkt_step_name"] == name and warnings == ()


# --- what the writer refuses or chooses ------------------------------------------------------------

def test_pace_ref_is_refused_with_a_hint_to_resolve() -> None:
    src = Source("400m @ HM-10K")
    step = Step(intensity=Intensity.INTERVAL, length=Distance(400), target=PaceRef(low="HM", high="10K"),
                span=src.span(7, 13))
    w = Workout(name="x", steps=(Repeat(count=2, steps=(step,)),))
    with pytest.raises(UnsupportedError) as exc:
        encode_workout(w)
    assert exc.value.hint == "resolve paces first (paceplan.passes.resolve)"
    assert "HM-10K" in exc.value.message and exc.value.span.text == "HM-10K"


def test_count_and_length_ranges_are_chosen_low_with_warnings() -> None:
    w = Workout(name="r", steps=(
        Step(intensity=Intensity.WARMUP, length=LengthRange(low=Duration.minutes(10), high=Duration.minutes(15))),
        Repeat(count=CountRange(low=6, high=10), steps=(interval(Distance(400)), jog(Distance(400))))))
    mesgs, warnings, _ = run(w)
    s = steps_of(mesgs)
    assert s[0]["duration_value"] == 600_000 and s[3]["target_value"] == 6
    assert [x.message for x in warnings] == [
        "10:00-15:00: writing 10:00 to the watch (choose with --lengths)",
        "6-10 reps: writing 6 to the watch (choose with --reps)"]
    assert [x.code for x in warnings] == ["length-range", "count-range"]


def test_more_than_50_step_messages_is_an_error_counting_repeat_steps() -> None:
    # 25 blocks of (step + repeat step) = 50 messages: fine; one more step: 51.
    blocks = tuple(Repeat(count=2, steps=(interval(Distance(200)),)) for _ in range(25))
    verify_fit(encode_workout(Workout(name="50", steps=blocks)).value)
    with pytest.raises(UnsupportedError, match="51 FIT step messages") as exc:
        encode_workout(Workout(name="51", steps=(*blocks, jog(Distance(200)))))
    assert exc.value.hint


def test_three_levels_of_repeats_is_an_error_with_a_flattening_hint() -> None:
    deep = Repeat(count=2, steps=(Repeat(count=2, steps=(Repeat(count=2, steps=(interval(Distance(100)),)),)),))
    with pytest.raises(UnsupportedError, match="3 levels") as exc:
        encode_workout(Workout(name="deep", steps=(deep,)))
    assert "flatten_repeats" in exc.value.hint


def test_too_long_durations_and_too_short_lengths_are_refused() -> None:
    with pytest.raises(PlanValueError, match="beyond reason"):  # the model refuses it before FIT's ms limit
        encode_workout(Workout(name="x", steps=(interval(Duration(5_000_000)),)))
    with pytest.raises(UnsupportedError, match="cm"):
        encode_workout(Workout(name="x", steps=(interval(Distance(0.001)),)))


def test_only_workouts_are_encoded() -> None:
    with pytest.raises(PlanValueError):
        encode_workout("6x400")  # type: ignore[arg-type]


# --- identity and determinism ---------------------------------------------------------------------

def test_same_input_gives_identical_bytes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    w = WORKOUTS["nested"]
    assert encode_workout(w).value == encode_workout(w).value
    assert encode_workout(w, key="a").value == encode_workout(w, key="a").value


def test_identical_bytes_across_processes() -> None:
    code = ("import sys; sys.path.insert(0, 'tests'); from test_fit_writer import WORKOUTS; "
            "from paceplan.writers.fit import encode_workout; "
            "sys.stdout.write(encode_workout(WORKOUTS['unicode']).value.hex())")
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "PYTHONHASHSEED")}
    outs = {subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                           cwd=Path(__file__).parent.parent, env={**env, "PYTHONHASHSEED": seed}).stdout
            for seed in ("1", "2")}
    assert len(outs) == 1


def test_serial_is_sha256_of_plan_and_key_and_never_zero() -> None:
    import hashlib
    expected = int.from_bytes(hashlib.sha256(b"mile-8wk/w1-wed").digest()[:4], "little")
    assert serial_for("mile-8wk", "w1-wed") == expected != 0
    mesgs = run(WORKOUTS["400m-repeats"], plan_id="mile-8wk", key="w1-wed")[0]
    assert mesgs["file_id_mesgs"][0]["serial_number"] == expected


def test_serial_zero_from_the_hash_becomes_one(monkeypatch: pytest.MonkeyPatch) -> None:
    class Zero:
        def digest(self) -> bytes:
            return bytes(32)
    monkeypatch.setattr(fitw.hashlib, "sha256", lambda _b: Zero())
    assert serial_for("p", "k") == 1


def test_different_keys_give_different_serials() -> None:
    w = WORKOUTS["400m-repeats"]
    serials = {run(w, key=f"w{n}")[0]["file_id_mesgs"][0]["serial_number"] for n in range(20)}
    assert len(serials) == 20


def test_default_key_is_the_workout_name() -> None:
    w = WORKOUTS["400m-repeats"]
    assert run(w)[0]["file_id_mesgs"][0]["serial_number"] == serial_for("paceplan", "6x400m")


def test_assign_serials_perturbs_collisions_deterministically(monkeypatch: pytest.MonkeyPatch) -> None:
    real = fitw.serial_for
    monkeypatch.setattr(fitw, "serial_for", lambda plan, key: 7 if "#" not in key else real(plan, key))
    serials = assign_serials(["a", "b", "c"])
    assert serials[0] == 7 and len(set(serials)) == 3
    assert serials == assign_serials(["a", "b", "c"])
    assert serials[1] == real("paceplan", "b#1")


def test_assign_serials_refuses_duplicate_keys() -> None:
    assert len(set(assign_serials([f"w{i}" for i in range(200)]))) == 200
    with pytest.raises(PlanValueError, match="w1"):
        assign_serials(["w1", "w2", "w1"])


def test_time_created_from_the_caller_as_int_or_aware_datetime() -> None:
    w = WORKOUTS["400m-repeats"]
    when = dt.datetime(2026, 3, 2, 6, 0, tzinfo=dt.timezone.utc)
    for value in (int(when.timestamp()), when):
        tc = run(w, time_created=value)[0]["file_id_mesgs"][0]["time_created"]
        assert tc == when
    with pytest.raises(PlanValueError, match="time zone"):
        encode_workout(w, time_created=dt.datetime(2026, 3, 2))


def test_source_date_epoch_is_respected(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    w = WORKOUTS["400m-repeats"]
    data = encode_workout(w).value
    tc = verify_fit(data)["file_id_mesgs"][0]["time_created"]
    assert tc == dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
    # the caller's value wins over the environment
    assert encode_workout(w, time_created=T0 + 60).value != data


def test_bad_or_ancient_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    w = WORKOUTS["400m-repeats"]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(PlanValueError, match="SOURCE_DATE_EPOCH"):
        encode_workout(w)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "315532800")  # 1980, as Nix sets it
    result = encode_workout(w)
    assert [x.code for x in result.warnings] == ["time-created"]
    tc = verify_fit(result.value)["file_id_mesgs"][0]["time_created"]
    assert tc.year == 1998


def test_without_time_or_environment_the_time_comes_from_the_key_not_the_clock(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)

    class Boom(dt.datetime):
        @classmethod
        def now(cls, tz: Any = None) -> Any:
            raise AssertionError("the writer read the clock")
    monkeypatch.setattr(fitw._dt, "datetime", Boom)
    w = WORKOUTS["400m-repeats"]
    mesgs = verify_fit(encode_workout(w, key="w1-wed").value)
    expected = default_time_created("paceplan", "w1-wed")
    assert mesgs["file_id_mesgs"][0]["time_created"].timestamp() == expected
    assert 1577836800 <= expected < 1577836800 + 365 * 86400
    assert default_time_created("paceplan", "w1-thu") != expected


def test_workout_identity_matches_what_encode_workout_writes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    w = WORKOUTS["nested"]
    ident = workout_identity(w, plan_id="p", key="w2-sat").value
    fid = verify_fit(encode_workout(w, plan_id="p", key="w2-sat").value)["file_id_mesgs"][0]
    assert (fid["serial_number"], int(fid["time_created"].timestamp())) == (ident.serial, ident.time_created)
    assert ident.fit_time_created == ident.time_created - FIT_EPOCH_UNIX


def test_fit_identity_validates() -> None:
    with pytest.raises(PlanValueError):
        FitIdentity(serial=0, time_created=T0)
    with pytest.raises(PlanValueError):
        FitIdentity(serial=1, time_created=0)
    with pytest.raises(PlanValueError):
        FitIdentity(serial=2**32, time_created=T0)


# --- files ---------------------------------------------------------------------------------------

def test_write_workout_fit_writes_atomically(tmp_path: Path) -> None:
    target = tmp_path / "w.fit"
    result = write_workout_fit(WORKOUTS["400m-repeats"], target, time_created=T0)
    assert result.value == target
    assert target.read_bytes() == encode_workout(WORKOUTS["400m-repeats"], time_created=T0).value
    verify_fit(target.read_bytes())
    assert [p.name for p in tmp_path.iterdir()] == ["w.fit"]


def test_write_workout_fit_error_leaves_nothing(tmp_path: Path) -> None:
    with pytest.raises(OutputError):
        write_workout_fit(WORKOUTS["400m-repeats"], tmp_path / "missing" / "w.fit")
    bad = Workout(name="x", steps=(Step(intensity=Intensity.ACTIVE, length=Distance(400),
                                        target=PaceRef(low="5K")),))
    with pytest.raises(UnsupportedError):
        write_workout_fit(bad, tmp_path / "x.fit")
    assert list(tmp_path.iterdir()) == []


def test_importing_the_writer_does_not_import_fit_tool() -> None:
    code = "import sys, paceplan.writers.fit; print('fit_tool' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# --- golden decoded dumps ---------------------------------------------------------------------------

def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.datetime, dt.date)):
        return value.isoformat()
    return value


def decoded_dump(data: bytes) -> str:
    """Raw values (no scaling), enum names, no sub-field expansion: a readable, exact dump."""
    mesgs = garmin_messages(data, apply_scale_and_offset=False, merge_heart_rates=False,
                            convert_datetimes_to_dates=False, expand_sub_fields=False)
    body = {"header": {"size": data[0], "data_size": int.from_bytes(data[4:8], "little")},
            **{k: mesgs[k] for k in sorted(mesgs)}}
    return json.dumps(_jsonable(body), indent=1, ensure_ascii=False, sort_keys=False) + "\n"


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / f"{name}.json"
    if os.environ.get("PACEPLAN_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} missing: run with PACEPLAN_UPDATE_GOLDEN=1 to create it"
    assert text == path.read_text(encoding="utf-8"), f"{name}: decoded FIT differs from {path}"


@pytest.mark.parametrize("name", sorted(WORKOUTS))
def test_golden_decoded_dump(name: str) -> None:
    data = encode_workout(WORKOUTS[name], time_created=T0, plan_id="golden", key=name).value
    verify_fit(data)
    check_golden(name, decoded_dump(data))


def test_long_description_is_cut_to_the_fit_string_maximum_with_a_warning() -> None:
    # fit-tool raises FitValidationError for strings over 254 bytes; the writer cuts first.
    text = "Tempo à fond, récupération trottinée. " * 10
    w = Workout(name="d", description=text, steps=(interval(Distance(400)),))
    mesgs, warnings, _ = run(w)
    written = mesgs["workout_mesgs"][0]["wkt_description"]
    assert text.startswith(written) and 250 < len(written.encode()) <= 254
    assert [x.code for x in warnings] == ["description-too-long"]


def test_forty_minutes_is_2_400_000_ms() -> None:
    # fit-tool's bundled example writes duration_time = 24000.0 for "40min" (400 min): not here.
    w = Workout(name="40", steps=(interval(Duration.minutes(40)),))
    assert steps_of(run(w)[0])[0]["duration_value"] == 2_400_000
