"""A cleaned, evenly sampled track built from an activity's points.

Raw samples are noisy: GPS positions jitter by metres, a single fix can jump tens of metres,
recorders drop points, and runners stop. :func:`build_track` turns the points into series a
matcher can trust:

1. **Order**: samples sorted by time; repeated timestamps keep the first sample.
2. **Distance**: the device's cumulative ``distance`` when nearly every sample has one (FIT), else the
   great-circle (haversine) sum of the positions. A position that implies more than
   ``MAX_SPEED_MPS`` from the last accepted one is a GPS spike and is dropped (counted in
   ``outliers``): no single point is trusted. Before summing, each fix is averaged with its
   neighbours (``POSITION_SMOOTH`` samples, symmetric, 1 Hz only), which removes most of the
   length white jitter adds to a summed path.
3. **Pauses**: a stretch between samples longer than ``GAP_S`` covering less than
   ``STOP_SPEED_MPS`` is a *paused recorder* (auto-pause, or the timer stopped): it leaves the
   timer clock, as a watch's timer does, except the few seconds needed to cover the distance
   between its two fixes at the speed run just before. A run of intervals slower than
   ``EDGE_SPEED_MPS`` lasting at least ``MIN_STOP_S`` whose net displacement (first fix to last)
   is below ``STOP_SPEED_MPS`` is *standing*: it adds only that net displacement (drift adds
   nothing, the partly moving first and last seconds keep their metres), the clock keeps
   running (a standing rest is part of a "90 sec rest"), but it is excluded from moving time and
   hence from pace. Both are reported as stops.
4. **Missing points**: a gap longer than ``GAP_S`` with running speed is kept on the clock and
   its distance is interpolated linearly in time between the two fixes that bound it (reported
   in ``gaps``; on a tight bend the straight line between the fixes is a little short).
5. **Speed**: sampled every second of timer time, speed is the centred difference of distance
   over ``SMOOTH_S`` seconds (a moving average), so one bad sample moves it little.

Every time on a :class:`Track` is *timer time*: seconds since the first sample with paused-recorder
stretches removed. :meth:`Track.elapsed_at` maps back to wall-clock seconds.
"""

from __future__ import annotations

import bisect
import math
from collections.abc import Sequence
from dataclasses import dataclass

from .activity import Activity, Point

__all__ = ["Gap", "Stop", "Track", "build_track", "haversine_m", "timer_at_elapsed"]

DEVICE_SHARE = 0.9
"""Share of samples that must carry a device distance for it to be used instead of positions."""
MAX_SPEED_MPS = 12.0
"""Faster than any runner over a second: a position implying more is a GPS spike."""
STOP_SPEED_MPS = 0.6
"""Slower than a walk: below this over 10 s the runner is standing (GPS drift is slower still)."""
EDGE_SPEED_MPS = 1.0
"""An interval slower than this may be standing (GPS drift); a walk is faster."""
STAND_HOLE = 2
"""Faster intervals a standing stretch may contain (a drift blip) without being cut in two."""
GAP_S = 10.0
"""Samples further apart than this are a gap: a paused recorder (slow) or missing points (fast)."""
MIN_STOP_S = 5.0
"""Standing shorter than this (a turn, a stumble) stays moving time."""
SMOOTH_S = 10
"""Width of the moving-average window for speed, seconds."""
POSITION_SMOOTH = 3
"""Samples averaged into each position before distances are summed (GPS only)."""
POSITION_SMOOTH_S = 1.5
"""Only samples this close in time are averaged (sparser samples are kept as they are)."""
EARTH_RADIUS_M = 6_371_008.8


def haversine_m(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in metres on the mean Earth sphere."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_M * math.asin(min(1.0, math.sqrt(a)))


def _fix_distance_m(a: Point, b: Point) -> float | None:
    """Great-circle metres between two samples, or None when either has no position."""
    if a.lat is None or a.lon is None or b.lat is None or b.lon is None:
        return None
    return haversine_m(a.lat, a.lon, b.lat, b.lon)


@dataclass(frozen=True, slots=True, kw_only=True)
class Stop:
    """A stretch where the runner did not run."""

    start_s: float
    """Wall-clock start, seconds since the first sample."""
    duration_s: float
    """Wall-clock length."""
    kind: str
    """``paused`` (no samples: the recorder's timer was stopped) or ``standing`` (samples, no movement)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Gap:
    """Missing samples while running; distance inside was interpolated."""

    start_s: float
    """Wall-clock start."""
    duration_s: float
    """Wall-clock length."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Track:
    """Clean series over timer time (see the module docstring)."""

    timer: tuple[float, ...]
    """Timer time of each accepted sample (non-decreasing)."""
    distance: tuple[float, ...]
    """Cumulative metres at each accepted sample (non-decreasing)."""
    elapsed: tuple[float, ...]
    """Wall-clock seconds of each accepted sample."""
    standing: tuple[tuple[float, float], ...]
    """Timer-time intervals spent standing."""
    speed: tuple[float, ...]
    """Smoothed speed in m/s at timer seconds 0, 1, 2, ..."""
    stops: tuple[Stop, ...]
    """Paused and standing stretches, in time order."""
    gaps: tuple[Gap, ...]
    """Running stretches with missing samples."""
    outliers: int
    """Samples dropped as GPS spikes."""

    @property
    def end(self) -> float:
        """Timer time of the last sample."""
        return self.timer[-1]

    @property
    def total_distance(self) -> float:
        return self.distance[-1]

    def dist_at(self, t: float) -> float:
        """Metres covered by timer time ``t`` (linear between samples)."""
        return _interp(self.timer, self.distance, t)

    def elapsed_at(self, t: float) -> float:
        """Wall-clock seconds at timer time ``t``."""
        return _interp(self.timer, self.elapsed, t)

    def time_at_distance(self, d: float) -> float | None:
        """The first timer time at which ``d`` metres were covered, or None if never."""
        if d > self.distance[-1] + 1e-9:
            return None
        if d <= self.distance[0]:
            return self.timer[0]
        i = bisect.bisect_left(self.distance, d)
        d0, d1 = self.distance[i - 1], self.distance[i]
        t0, t1 = self.timer[i - 1], self.timer[i]
        return t1 if d1 == d0 else t0 + (t1 - t0) * (d - d0) / (d1 - d0)

    def mean_speed(self, a: float, b: float) -> float:
        """Average speed between timer times ``a`` and ``b`` (clock time, standing included)."""
        a, b = max(a, 0.0), min(b, self.end)
        if b - a <= 1e-9:
            return 0.0
        return (self.dist_at(b) - self.dist_at(a)) / (b - a)

    def moving_speed(self, a: float, b: float) -> float:
        """Average speed between timer times ``a`` and ``b`` over the time spent moving."""
        a, b = max(a, 0.0), min(b, self.end)
        moving = b - a - self.standing_between(a, b)
        if moving <= 1e-9:
            return 0.0
        return (self.dist_at(b) - self.dist_at(a)) / moving

    def speed_around(self, t: float, seconds: float, *, after: bool) -> float:
        """Moving speed over ``seconds`` of *moving* time just after (or before) ``t``: the window
        reaches past any standing, so a stop never looks like a change of pace."""
        span = seconds
        for _ in range(6):
            a, b = (t, t + span) if after else (t - span, t)
            extra = self.standing_between(a, b)
            if span >= seconds + extra - 0.5 or (b >= self.end if after else a <= 0):
                break
            span = seconds + extra
        a, b = (t, t + span) if after else (t - span, t)
        return self.moving_speed(a, b)

    def standing_between(self, a: float, b: float) -> float:
        """Seconds spent standing between timer times ``a`` and ``b``."""
        return sum(max(0.0, min(b, hi) - max(a, lo)) for lo, hi in self.standing)


def build_track(activity: Activity) -> Track:
    """Clean and resample ``activity``'s points (see the module docstring)."""
    points = _ordered(activity.points)
    # Device distance (a FIT record's own, footpod or GPS) when nearly every sample has one;
    # a sample without it adds nothing.
    use_device = sum(p.distance_m is not None for p in points) >= DEVICE_SHARE * len(points)
    if not use_device:
        points = _smoothed_positions(points)
    accepted: list[Point] = []
    raw_dist: list[float] = []
    device_so_far = next((p.distance_m for p in points if p.distance_m is not None), 0.0) if use_device else 0.0
    outliers = 0
    for p in points:
        if not accepted:
            accepted.append(p)
            raw_dist.append(0.0)
            continue
        prev = accepted[-1]
        if use_device:
            step = 0.0 if p.distance_m is None else max(0.0, p.distance_m - device_so_far)
            if p.distance_m is not None:
                device_so_far = max(device_so_far, p.distance_m)
        elif p.lat is None or p.lon is None or prev.lat is None or prev.lon is None:
            step = 0.0
        else:
            step = haversine_m(prev.lat, prev.lon, p.lat, p.lon)
            if step / (p.time_s - prev.time_s) > MAX_SPEED_MPS:
                outliers += 1
                continue
        accepted.append(p)
        raw_dist.append(raw_dist[-1] + step)
    base = raw_dist[0]
    raw_dist = [d - base for d in raw_dist]
    times = [p.time_s for p in accepted]
    n = len(accepted)
    window = _window_speeds(accepted, times, raw_dist, use_device)

    # Classify every interval between consecutive samples.
    kind: list[str] = []  # "run", "paused", "gap", "stand"
    for i in range(1, n):
        dt = times[i] - times[i - 1]
        dd = raw_dist[i] - raw_dist[i - 1]
        if dt > GAP_S:
            kind.append("paused" if dd / dt < STOP_SPEED_MPS else "gap")
        else:
            kind.append("slow" if dd / dt < EDGE_SPEED_MPS else "run")
    _find_stands(kind, accepted, times, raw_dist, use_device)
    stand_step = _stand_steps(kind, accepted, times, raw_dist, use_device)

    timer = [0.0]
    dist = [0.0]
    stops: list[Stop] = []
    gaps: list[Gap] = []
    standing: list[tuple[float, float]] = []
    for i in range(1, n):
        dt = times[i] - times[i - 1]
        k = kind[i - 1]
        moved = stand_step.get(i - 1, raw_dist[i] - raw_dist[i - 1])
        if k == "paused":
            # The runner covered the fixes' distance at about the pace they were running; only
            # that much of the stretch stays on the timer.
            pace_speed = window[i - 1] if window[i - 1] >= STOP_SPEED_MPS else 0.0
            ran = min(dt, moved / pace_speed) if pace_speed else 0.0
        else:
            ran = dt
        timer.append(timer[-1] + ran)
        dist.append(dist[-1] + moved)
        if k in ("paused", "stand"):
            if stops and stops[-1].kind == k and abs(stops[-1].start_s + stops[-1].duration_s - times[i - 1]) < 1e-9:
                last = stops.pop()
                stops.append(Stop(start_s=last.start_s, duration_s=last.duration_s + dt, kind=k))
            else:
                stops.append(Stop(start_s=times[i - 1], duration_s=dt, kind=k))
        if k == "stand":
            if standing and abs(standing[-1][1] - timer[-2]) < 1e-9:
                standing[-1] = (standing[-1][0], timer[-1])
            else:
                standing.append((timer[-2], timer[-1]))
        if k == "gap":
            gaps.append(Gap(start_s=times[i - 1], duration_s=dt))
    speed = _smoothed_speed(timer, dist)
    return Track(timer=tuple(timer), distance=tuple(dist), elapsed=tuple(times),
                 standing=tuple(standing), speed=tuple(speed), stops=tuple(stops), gaps=tuple(gaps),
                 outliers=outliers)


def _ordered(points: Sequence[Point]) -> list[Point]:
    out: list[Point] = []
    for p in sorted(points, key=lambda p: p.time_s):
        if out and p.time_s <= out[-1].time_s:
            continue
        out.append(p)
    return out


def _smoothed_positions(points: list[Point]) -> list[Point]:
    """Each position averaged with ``POSITION_SMOOTH // 2`` samples on *both* sides, all at most
    ``POSITION_SMOOTH_S`` apart and none a jump; otherwise kept as it is.

    White GPS jitter adds length to every step of a summed path; averaging a few fixes removes
    most of it, while a running path bends too little over a few seconds to be shortened. The
    window stays symmetric (at a gap or the ends the fix is kept): a one-sided average would pull
    the fix back along the path and lose distance."""
    half = POSITION_SMOOTH // 2
    out = []
    for i, p in enumerate(points):
        near = points[i - half: i + half + 1] if i >= half else []
        lats = [q.lat for q in near if q.lat is not None]
        lons = [q.lon for q in near if q.lon is not None]
        usable = len(near) == 2 * half + 1 and len(lats) == len(lons) == len(near) and all(
            abs(q.time_s - p.time_s) <= POSITION_SMOOTH_S * half
            and (gap := _fix_distance_m(p, q)) is not None
            and gap <= MAX_SPEED_MPS * abs(q.time_s - p.time_s) + 5
            for q in near)
        if not usable:
            out.append(p)
            continue
        lat = sum(lats) / len(near)
        lon = sum(lons) / len(near)
        out.append(Point(time_s=p.time_s, distance_m=p.distance_m, lat=lat, lon=lon, speed_mps=p.speed_mps))
    return out


def _window_speeds(points: list[Point], times: list[float], dist: list[float], use_device: bool) -> list[float]:
    """Speed over about 10 s around each sample from the *displacement*, which GPS jitter cannot
    inflate the way it inflates a sum of tiny steps."""
    half = SMOOTH_S / 2
    out = []
    n = len(points)
    for i in range(n):
        j0 = bisect.bisect_left(times, times[i] - half)
        j1 = bisect.bisect_right(times, times[i] + half) - 1
        if j1 <= j0:
            j0, j1 = max(0, i - 1), min(n - 1, i + 1)
        if j1 <= j0:
            out.append(0.0)
            continue
        a, b = points[j0], points[j1]
        geo = None if use_device else _fix_distance_m(a, b)
        span = geo if geo is not None else dist[j1] - dist[j0]
        out.append(span / (times[j1] - times[j0]))
    return out


def _find_stands(kind: list[str], points: list[Point], times: list[float], dist: list[float],
                 use_device: bool) -> None:
    """Turn runs of slow intervals into ``stand`` where the runner really stood.

    A candidate is a run of intervals slower than ``EDGE_SPEED_MPS`` (GPS drift while standing
    rarely reaches it; a walk does), holes of up to ``STAND_HOLE`` faster intervals allowed (a
    drift blip). It is standing if it lasts ``MIN_STOP_S`` and its *net* displacement, first fix
    to last, is below ``STOP_SPEED_MPS``: drift wanders, it does not travel."""
    n = len(kind)
    i = 0
    while i < n:
        if kind[i] != "slow":
            i += 1
            continue
        j = i + 1  # [i, j) is the run
        while True:
            while j < n and kind[j] == "slow":
                j += 1
            k = j
            while k < n and k - j < STAND_HOLE and kind[k] == "run":
                k += 1
            if k < n and k > j and kind[k] == "slow":
                j = k
                continue
            break
        duration = times[j] - times[i]
        a, b = points[i], points[j]
        geo = None if use_device else _fix_distance_m(a, b)
        net = geo if geo is not None else dist[j] - dist[i]
        standing = duration >= MIN_STOP_S and net / duration < STOP_SPEED_MPS
        for m in range(i, j):
            if kind[m] in ("slow", "run"):
                kind[m] = "stand" if standing else "run"
        i = j
    for m in range(n):
        if kind[m] == "slow":
            kind[m] = "run"


def _stand_steps(kind: list[str], points: list[Point], times: list[float], dist: list[float],
                 use_device: bool) -> dict[int, float]:
    """Distance per standing interval: the stretch's net displacement spread evenly over it, so
    drift adds nothing while the first and last (partly moving) seconds keep their metres."""
    out: dict[int, float] = {}
    i = 0
    while i < len(kind):
        if kind[i] != "stand":
            i += 1
            continue
        j = i
        while j < len(kind) and kind[j] == "stand":
            j += 1
        a, b = points[i], points[j]
        geo = None if use_device else _fix_distance_m(a, b)
        net = geo if geo is not None else dist[j] - dist[i]
        net = min(net, dist[j] - dist[i])
        for m in range(i, j):
            out[m] = net * (times[m + 1] - times[m]) / (times[j] - times[i])
        i = j
    return out


def _smoothed_speed(timer: list[float], dist: list[float]) -> list[float]:
    end = int(math.floor(timer[-1]))
    grid = [_interp(timer, dist, float(k)) for k in range(end + 1)]
    half = SMOOTH_S // 2
    out = []
    for k in range(end + 1):
        lo, hi = max(0, k - half), min(end, k + half)
        out.append((grid[hi] - grid[lo]) / (hi - lo) if hi > lo else 0.0)
    return out


def _interp(xs: Sequence[float], ys: Sequence[float], x: float) -> float:
    if x <= xs[0]:
        return ys[0]
    if x >= xs[-1]:
        return ys[-1]
    i = bisect.bisect_right(xs, x)
    x0, x1 = xs[i - 1], xs[i]
    if x1 == x0:
        return ys[i]
    return ys[i - 1] + (ys[i] - ys[i - 1]) * (x - x0) / (x1 - x0)


def timer_at_elapsed(track: Track, elapsed_s: float) -> float:
    """Timer time at wall-clock ``elapsed_s`` (inside a paused stretch: where the timer stopped)."""
    return _interp(track.elapsed, track.timer, elapsed_s)
