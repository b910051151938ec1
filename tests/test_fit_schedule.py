"""FIT schedule files: entries name their workouts by the exact four identity fields."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fitcheck import garmin_messages, identity_of, verify_fit

from paceplan.errors import PlanValueError
from paceplan.model import Intensity, Repeat, Step, Workout
from paceplan.units import Distance, Duration, PaceRange
from paceplan.writers.fit import (
    FitIdentity,
    ScheduleEntry,
    assign_serials,
    encode_schedule,
    encode_workout,
    fit_local_date,
    workout_identity,
    write_schedule_fit,
)

BASE = 1_767_225_600  # 2026-01-01T00:00:00Z


def workout(n: int) -> Workout:
    return Workout(name=f"{n}x400m", steps=(Repeat(count=n, steps=(
        Step(intensity=Intensity.INTERVAL, length=Distance(400), target=PaceRange.parse("1:40-1:45/400m")),
        Step(intensity=Intensity.RECOVERY, length=Duration(90)))),))


def plan() -> tuple[list[bytes], list[ScheduleEntry]]:
    """What a plan builder does: one serial per key, time_created = base + ordinal."""
    keys = ["w1-tue", "w1-thu", "w2-tue"]
    serials = assign_serials(keys, plan_id="mile-8wk")
    days = [dt.date(2026, 3, 3), dt.date(2026, 3, 5), dt.date(2026, 3, 10)]
    files, entries = [], []
    for ordinal, (key, serial, day) in enumerate(zip(keys, serials, days)):
        ident = workout_identity(workout(ordinal + 4), serial=serial, time_created=BASE + ordinal,
                                 plan_id="mile-8wk", key=key).value
        files.append(encode_workout(workout(ordinal + 4), serial=serial, time_created=BASE + ordinal,
                                    plan_id="mile-8wk", key=key).value)
        entries.append(ScheduleEntry(identity=ident, date=day))
    return files, entries


def test_schedule_entries_copy_the_workouts_identity_exactly() -> None:
    files, entries = plan()
    result = encode_schedule(entries, plan_id="mile-8wk", time_created=BASE)
    assert result.warnings == ()
    mesgs = verify_fit(result.value, workouts=files)
    assert mesgs["file_id_mesgs"][0]["type"] == "schedules"
    workout_ids = [identity_of(verify_fit(f)["file_id_mesgs"][0]) for f in files]
    assert [identity_of(e) for e in mesgs["schedule_mesgs"]] == workout_ids
    assert len({i[2] for i in workout_ids}) == 3


def test_schedule_raw_fields() -> None:
    _, entries = plan()
    data = encode_schedule(entries, plan_id="mile-8wk", time_created=BASE).value
    raw = garmin_messages(data, apply_scale_and_offset=False, merge_heart_rates=False,
                          convert_datetimes_to_dates=False, expand_sub_fields=False)
    first = raw["schedule_mesgs"][0]
    assert first == {"manufacturer": "development", "product": 0, "serial_number": entries[0].identity.serial,
                     "time_created": BASE - 631065600, "completed": False, "type": "workout",
                     "scheduled_time": fit_local_date(dt.date(2026, 3, 3))}


def test_scheduled_time_is_local_midnight_in_fit_seconds() -> None:
    assert fit_local_date(dt.date(2026, 3, 2)) == 1141344000  # reference section 9


def test_a_mismatched_entry_is_caught_by_fitcheck() -> None:
    files, entries = plan()
    wrong = ScheduleEntry(identity=FitIdentity(serial=entries[0].identity.serial,
                                               time_created=entries[0].identity.time_created + 1),
                          date=entries[0].date)
    data = encode_schedule([wrong, *entries[1:]], time_created=BASE).value
    with pytest.raises(AssertionError, match="matches no workout"):
        verify_fit(data, workouts=files)


def test_the_schedule_has_its_own_identity() -> None:
    _, entries = plan()
    a = verify_fit(encode_schedule(entries, plan_id="mile-8wk", time_created=BASE).value)
    b = verify_fit(encode_schedule(entries, plan_id="mile-8wk", key="block-2", time_created=BASE).value)
    assert a["file_id_mesgs"][0]["serial_number"] != b["file_id_mesgs"][0]["serial_number"]
    assert a["file_id_mesgs"][0]["serial_number"] not in {e.identity.serial for e in entries}


def test_schedule_is_deterministic() -> None:
    _, entries = plan()
    assert encode_schedule(entries, time_created=BASE).value == encode_schedule(entries, time_created=BASE).value


def test_long_schedules_warn() -> None:
    ident = workout_identity(workout(3), time_created=BASE).value
    entries = [ScheduleEntry(identity=ident, date=dt.date(2026, 3, 1) + dt.timedelta(days=i)) for i in range(21)]
    result = encode_schedule(entries, time_created=BASE)
    assert [w.code for w in result.warnings] == ["schedule-size"]
    assert "21 entries" in result.warnings[0].message
    verify_fit(result.value)


def test_bad_entries_are_refused() -> None:
    ident = workout_identity(workout(3), time_created=BASE).value
    with pytest.raises(PlanValueError):
        encode_schedule([])
    with pytest.raises(PlanValueError):
        encode_schedule(["w1"])  # type: ignore[list-item]
    with pytest.raises(PlanValueError):
        ScheduleEntry(identity=ident, date=dt.datetime(2026, 3, 1, 7, 0))  # type: ignore[arg-type]
    with pytest.raises(PlanValueError):
        ScheduleEntry(identity=ident, date=dt.date(1980, 1, 1))


def test_write_schedule_fit(tmp_path: Path) -> None:
    files, entries = plan()
    result = write_schedule_fit(entries, tmp_path / "schedule.fit", time_created=BASE)
    verify_fit(result.value.read_bytes(), workouts=files)
