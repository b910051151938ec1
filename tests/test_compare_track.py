"""Cleaning a recorded track: order, spikes, stops, gaps and smoothing (compare/track.py)."""

from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paceplan.compare.activity import Activity, Point
from paceplan.compare.track import build_track, haversine_m

LAT0 = 52.0
M_PER_DEG = 111_194.93  # metres per degree of latitude on the mean-radius sphere haversine_m uses


def line_run(speeds: list[float], *, dt: float = 1.0, device: bool = False,
             skip: set[int] = frozenset(), jump: dict[int, float] | None = None) -> Activity:  # type: ignore[assignment]
    """A run due north, one sample every ``dt`` s at ``speeds[i]`` m/s over interval ``i``."""
    points = []
    d = 0.0
    for i in range(len(speeds) + 1):
        if i:
            d += speeds[i - 1] * dt
        if i in skip:
            continue
        north = d + (jump or {}).get(i, 0.0)
        points.append(Point(time_s=i * dt, distance_m=d if device else None,
                            lat=LAT0 + north / M_PER_DEG, lon=5.0))
    return Activity(name="line.gpx", format="gpx", points=tuple(points))


def test_haversine_one_degree_of_latitude() -> None:
    assert haversine_m(0.0, 0.0, 1.0, 0.0) == pytest.approx(math.pi * 6_371_008.8 / 180)
    assert haversine_m(51.5, -0.1, 51.5, -0.1) == 0.0


def test_samples_out_of_order_and_repeated_are_sorted_and_deduplicated() -> None:
    run = line_run([3.0] * 20)
    shuffled = (*run.points[10:], *run.points[:10], run.points[5])
    track = build_track(Activity(name="x", format="gpx", points=shuffled))
    assert track.end == 20 and track.total_distance == pytest.approx(60.0, rel=1e-3)


def test_a_single_spike_is_dropped() -> None:
    track = build_track(line_run([3.0] * 60, jump={30: 150.0}))
    assert track.outliers == 1
    assert track.total_distance == pytest.approx(180.0, rel=1e-3)


def test_standing_with_samples_keeps_the_clock_and_leaves_moving_time() -> None:
    track = build_track(line_run([3.0] * 60 + [0.0] * 30 + [3.0] * 60))
    assert track.end == 150  # the clock keeps running
    assert [s.kind for s in track.stops] == ["stand"]
    # Averaging fixes blurs each edge of the stop by about a second.
    assert track.standing_between(0, 150) == pytest.approx(30, abs=2.5)
    assert track.total_distance == pytest.approx(360.0, rel=1e-3)
    assert track.moving_speed(40, 120) == pytest.approx(3.0, rel=0.05)


def test_a_paused_recorder_leaves_the_timer() -> None:
    speeds = [3.0] * 60 + [0.0] * 40 + [3.0] * 60
    track = build_track(line_run(speeds, skip=set(range(61, 100))))
    assert [s.kind for s in track.stops] == ["paused"]
    assert track.end == pytest.approx(120, abs=1.5)
    assert track.elapsed_at(track.end) == 160
    assert track.total_distance == pytest.approx(360.0, rel=1e-3)


def test_missing_samples_while_running_are_interpolated() -> None:
    track = build_track(line_run([3.0] * 100, skip=set(range(40, 60))))
    assert len(track.gaps) == 1 and track.gaps[0].duration_s == 21
    assert track.end == 100 and track.dist_at(50) == pytest.approx(150.0, rel=1e-3)


def test_device_distance_is_used_when_every_sample_has_one() -> None:
    track = build_track(line_run([2.0] * 30 + [4.0] * 30, device=True, jump={10: 500.0}))
    assert track.outliers == 0  # positions are not consulted
    assert track.total_distance == pytest.approx(180.0)
    assert track.time_at_distance(90.0) == pytest.approx(37.5)
    assert track.time_at_distance(181.0) is None


def test_smoothed_speed_steps_from_one_pace_to_the_other() -> None:
    track = build_track(line_run([2.0] * 60 + [4.0] * 60))
    assert track.speed[20] == pytest.approx(2.0, rel=1e-3)
    assert track.speed[100] == pytest.approx(4.0, rel=1e-3)
    assert 2.0 < track.speed[60] < 4.0


@settings(max_examples=40, deadline=None)
@given(speeds=st.lists(st.floats(min_value=1.5, max_value=7.0), min_size=5, max_size=30),
       stop=st.integers(min_value=0, max_value=60), dt=st.sampled_from([1.0, 2.0]))
def test_distance_and_moving_time_are_kept(speeds: list[float], stop: int, dt: float) -> None:
    """Any straight run with one standing stop: distance kept to 1 %, the stop found when long."""
    per_sample = [v for v in speeds for _ in range(10)]
    half = len(per_sample) // 2
    profile = per_sample[:half] + [0.0] * stop + per_sample[half:]
    track = build_track(line_run(profile, dt=dt))
    true = sum(per_sample) * dt
    assert track.total_distance == pytest.approx(true, rel=0.01)
    assert track.end == pytest.approx(len(profile) * dt)
    standing = track.standing_between(0, track.end)
    if stop * dt >= 10:
        assert standing == pytest.approx(stop * dt, abs=2 * dt + 0.5)
    assert standing <= stop * dt + 2 * dt
