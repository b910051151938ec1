"""Reading recorded runs: GPX and FIT activities, the real fixture, and every way a file can be
wrong (each a PlanError naming the file and where, never a traceback)."""

from __future__ import annotations

from pathlib import Path

import pytest
from simulate import simulate, to_fit, to_gpx

from paceplan.compare import compare_workout, read_activity
from paceplan.compare.track import build_track, haversine_m
from paceplan.errors import PlanError, PlanSyntaxError, PlanValueError
from paceplan.model import Intensity, Step, Workout
from paceplan.units import Distance, Duration, PaceRange

FIXTURES = Path(__file__).parent / "fixtures" / "activities"
REAL = FIXTURES / "fitotrack-run-2024-08-24.gpx"
EASY = Workout(name="easy km", steps=(Step(intensity=Intensity.ACTIVE, length=Distance(1000)),))


def short_run() -> Workout:
    return Workout(name="2 x 1 km", steps=(
        Step(intensity=Intensity.ACTIVE, length=Distance(1000), target=PaceRange.parse("4:00-4:10/km")),
        Step(intensity=Intensity.RECOVERY, length=Duration(120)),
        Step(intensity=Intensity.ACTIVE, length=Distance(1000), target=PaceRange.parse("4:00-4:10/km"))))


# ------------------------------------------------------------------ the real recording

def test_real_fixture_reads_as_a_run() -> None:
    activity = read_activity(REAL.read_bytes(), name=REAL.name)
    assert activity.format == "gpx" and activity.sport == "running"
    assert len(activity.points) == 158
    assert activity.start is not None and activity.start.isoformat() == "2024-08-24T13:19:17+00:00"
    track = build_track(activity)
    assert track.end == 452.0 and track.outliers == 0
    # Independent check: the plain haversine sum of the raw fixes, which smoothing may only trim.
    pts = activity.points
    raw = sum(haversine_m(a.lat, a.lon, b.lat, b.lon) for a, b in zip(pts, pts[1:]))  # type: ignore[arg-type]
    assert 880 < raw < 960
    assert 0.95 * raw <= track.total_distance <= raw


def test_real_fixture_against_a_time_step() -> None:
    workout = Workout(name="7 min jog", steps=(
        Step(intensity=Intensity.ACTIVE, length=Duration(420), target=PaceRange.parse("7:45-8:30/km")),))
    result = compare_workout(workout, read_activity(REAL.read_bytes(), name=REAL.name))
    (row,) = result.value.steps
    assert row.segment.status == "done" and row.segment.found_by == "time"
    assert row.segment.timer_s == pytest.approx(420)
    assert 7 * 60 + 30 < row.pace.seconds_per_km < 8 * 60 + 45  # type: ignore[union-attr]
    assert result.value.summary.distance_m == pytest.approx(build_track(
        read_activity(REAL.read_bytes(), name=REAL.name)).total_distance)


def test_real_fixture_against_a_10k_plan_is_refused() -> None:
    plan = Workout(name="10 km steady", steps=(Step(intensity=Intensity.ACTIVE, length=Distance(10000)),))
    with pytest.raises(PlanValueError) as info:
        compare_workout(plan, read_activity(REAL.read_bytes(), name=REAL.name))
    assert REAL.name in str(info.value) and "10 km steady" in str(info.value)


# ------------------------------------------------------------------ GPX problems

@pytest.mark.parametrize(("name", "data", "expect"), [
    ("notes.gpx", b"just some notes\n", "not a valid GPX file"),
    ("cut.gpx", b'<gpx version="1.1"><trk><trkseg>\n<trkpt lat="1" lon="2"><time>2020-01-01T00:00:00Z</time>',
     "not a valid GPX file"),
    ("route.gpx", b'<?xml version="1.0"?>\n<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1">'
                  b'<rte><rtept lat="1" lon="2"/><rtept lat="1.1" lon="2"/></rte></gpx>', "routes and waypoints only"),
    ("untimed.gpx", b'<gpx version="1.1"><trk><trkseg><trkpt lat="1" lon="2"/><trkpt lat="1.001" lon="2"/>'
                    b'</trkseg></trk></gpx>', "fewer than two track points with a time"),
    ("latin1.gpx", b'<gpx creator="\xe9t\xe9"></gpx>', "not UTF-8 text at byte 14"),
    ("data.bin", b"\x00\x01\x02\x03 binary", "neither GPX (XML) nor FIT"),
])
def test_bad_gpx_is_explained(name: str, data: bytes, expect: str) -> None:
    with pytest.raises(PlanSyntaxError) as info:
        read_activity(data, name=name)
    text = str(info.value)
    assert name in text and expect in text, text
    assert info.value.hint


def test_truncated_gpx_points_at_the_line_and_column() -> None:
    run = simulate(short_run(), noise_m=0.5)
    text = to_gpx(run)
    cut = text[: len(text) // 2]
    with pytest.raises(PlanSyntaxError) as info:
        read_activity(cut.encode(), name="half.gpx")
    span = info.value.span
    assert span is not None and span.source.name == "half.gpx"
    assert span.line == cut.count("\n") + 1
    assert "half.gpx:" in str(info.value) and "^" in str(info.value)


# ------------------------------------------------------------------ FIT problems

def fit_bytes() -> bytes:
    return to_fit(simulate(short_run(), noise_m=0.5))


def test_fit_activity_reads() -> None:
    activity = read_activity(fit_bytes(), name="run.fit")
    assert activity.format == "fit" and activity.sport == "running"
    assert [lap.step_index for lap in activity.laps] == [0, 1, 2]
    assert activity.points[0].distance_m == 0.0 and activity.points[5].lat is not None


def test_truncated_fit_names_the_byte_offsets() -> None:
    data = fit_bytes()
    with pytest.raises(PlanSyntaxError) as info:
        read_activity(data[:700], name="cut.fit")
    text = str(info.value)
    assert "cut.fit" in text and "truncated" in text and "700" in text and str(len(data)) in text


def test_corrupted_fit_is_refused() -> None:
    data = bytearray(fit_bytes())
    data[400] ^= 0xFF
    with pytest.raises(PlanSyntaxError) as info:
        read_activity(bytes(data), name="bad.fit")
    assert "bad.fit" in str(info.value) and "CRC" in str(info.value)


def test_fit_without_signature_by_extension() -> None:
    with pytest.raises(PlanError) as info:
        read_activity(b"\x0e\x10" + b"\x00" * 30, name="watch.fit")
    assert "watch.fit" in str(info.value) and "FIT" in str(info.value)


def test_a_fit_workout_is_not_an_activity() -> None:
    from paceplan.writers.fit import encode_workout

    data = encode_workout(short_run()).value
    with pytest.raises(PlanValueError) as info:
        read_activity(data, name="plan.fit")
    assert "plan.fit" in str(info.value) and "workout, not a recorded activity" in str(info.value)
    assert "--fit-workout" in (info.value.hint or "")
