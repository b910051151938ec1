"""A runner simulator for compare tests: render a workout into a recorded run.

``simulate(workout, ...)`` runs the workout's steps at chosen speeds around a 400 m loop, with
controlled GPS noise (correlated drift plus optional single-point spikes), stops (standing, or
with the recorder paused), dropped samples, and fewer or more reps than planned. It returns the
samples, the laps a watch following the workout would write, and the *truth* per step (where it
really began and ended, its distance and moving time) for tests to check the matcher against.

``to_gpx(run)`` renders GPX 1.1 text; ``to_fit(run)`` a FIT activity written with Garmin's
``garmin_fit_sdk`` Encoder (test code only: the library imports the SDK only in readers/fit.py).

The FIT step layout (children of a repeat, then the repeat step) is computed here on its own, not
taken from the library, so that the lap test checks the library's layout rather than repeating it.
"""

from __future__ import annotations

import datetime as dt
import math
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from paceplan.model import LAP_BUTTON, CountRange, Intensity, LengthRange, Node, Repeat, Step, Workout
from paceplan.units import Distance, Duration, PaceRange

START = dt.datetime(2026, 3, 2, 7, 0, 0, tzinfo=dt.timezone.utc)
LAT0, LON0 = 50.95, 4.72
LOOP_M = 400.0
FIT_EPOCH = 631065600


@dataclass
class Truth:
    step: Step
    rep: int | None
    fit_index: int
    start_s: float
    end_s: float
    distance_m: float
    moving_s: float

    @property
    def pace_s_per_km(self) -> float:
        return self.moving_s / self.distance_m * 1000


@dataclass
class SimRun:
    samples: list[tuple[float, float, float, float]]
    """(elapsed s, true cumulative distance m, lat, lon)."""
    truth: list[Truth]
    start: dt.datetime = START
    pauses: list[tuple[float, float]] = field(default_factory=list)
    """(elapsed start, seconds) of every stop."""
    recorder_paused: bool = False
    """True when no samples were recorded while stopped (the watch's timer was paused)."""


def default_speed(step: Step, rep: int | None) -> float:
    if isinstance(step.target, PaceRange):
        return step.target.mid.speed_mps
    return {Intensity.WARMUP: 2.9, Intensity.COOLDOWN: 2.8, Intensity.RECOVERY: 2.4,
            Intensity.REST: 0.0}.get(step.intensity, 4.2)


def _layout(nodes: tuple[Node, ...], prefix: tuple[int, ...], counter: list[int], out: dict) -> None:
    for i, node in enumerate(nodes):
        if isinstance(node, Repeat):
            _layout(node.steps, (*prefix, i), counter, out)
        out[(*prefix, i)] = counter[0]
        counter[0] += 1


def _unroll(nodes: tuple[Node, ...], prefix: tuple[int, ...], layout: dict, reps: int | None,
            rep: int | None = None) -> list[tuple[Step, int | None, int]]:
    out = []
    for i, node in enumerate(nodes):
        path = (*prefix, i)
        if isinstance(node, Step):
            out.append((node, rep, layout[path]))
            continue
        count = node.count.low if isinstance(node.count, CountRange) else node.count
        if reps is not None and not prefix:
            count = reps
        for it in range(1, count + 1):
            out.extend(_unroll(node.steps, path, layout, None, it))
    return out


def simulate(workout: Workout, *, seed: int = 1, reps: int | None = None,
             speed: Callable[[Step, int | None], float] = default_speed, fade_s_per_km: float = 0.0,
             noise_m: float = 1.5, spikes: int = 0, interval_s: float = 1.0, open_s: float = 300.0,
             stops: list[tuple[int, float, float]] = (),  # type: ignore[assignment]
             recorder_paused: bool = False, dropouts: list[tuple[float, float]] = (),  # type: ignore[assignment]
             drop_after_s: float | None = None, late_start_s: dict[int, float] | None = None) -> SimRun:
    """Run ``workout`` (top-level repeats ``reps`` times when given).

    ``stops``: (row, fraction, seconds): stand still ``seconds`` after ``fraction`` of row ``row``
    (0-based unrolled step). ``recorder_paused``: no samples while stopped (auto-pause).
    ``dropouts``: (elapsed start, seconds) with no samples while running on. ``drop_after_s``: the
    recording ends there. ``late_start_s``: {row: s} makes that row's previous step (a recovery)
    longer by ``s`` seconds than planned, as real runners do.
    """
    rng = random.Random(seed)
    layout: dict = {}
    _layout(workout.steps, (), [0], layout)
    rows = _unroll(workout.steps, (), layout, reps)
    legs: list[tuple[float, float, float]] = []  # (t0, t1, speed), contiguous
    truth: list[Truth] = []
    pauses: list[tuple[float, float]] = []
    t = 0.0
    d = 0.0
    work_rep = 0
    late = late_start_s or {}
    for row, (step, rep, fit_index) in enumerate(rows):
        v = speed(step, rep)
        if step.intensity.is_work and rep is not None:
            work_rep += 1
            if fade_s_per_km and v > 0:
                v = 1000 / (1000 / v + fade_s_per_km * (work_rep - 1))
        length = step.length.low if isinstance(step.length, LengthRange) else step.length
        if isinstance(length, Distance):
            seconds = length.metres / v
        elif isinstance(length, Duration):
            seconds = length.seconds
        else:
            assert length is LAP_BUTTON
            seconds = open_s
        if row + 1 in late:
            seconds += late[row + 1]
        start, moving = t, 0.0
        stop = next((s for s in stops if s[0] == row), None)
        parts = [(seconds, v)] if stop is None else [(seconds * stop[1], v), (stop[2], 0.0),
                                                       (seconds * (1 - stop[1]), v)]
        dist0 = d
        for k, (sec, sp) in enumerate(parts):
            legs.append((t, t + sec, sp))
            if stop is not None and k == 1:
                pauses.append((t, sec))
            else:
                moving += sec
            t += sec
            d += sec * sp
        truth.append(Truth(step=step, rep=rep, fit_index=fit_index, start_s=start, end_s=t,
                           distance_m=d - dist0, moving_s=moving if v > 0 else 0.0))
    end = t if drop_after_s is None else min(t, drop_after_s)
    samples = []
    ox = oy = 0.0
    n = int(end // interval_s) + 1
    spike_at = set(rng.sample(range(5, max(6, n - 5)), spikes)) if spikes else set()
    dist = 0.0
    leg = 0
    for k in range(n):
        ts = k * interval_s
        while leg < len(legs) - 1 and legs[leg][1] <= ts:
            leg += 1
        # distance at ts: integrate legs up to ts
        dist = sum(max(0.0, min(ts, b) - a) * sp for a, b, sp in legs if a < ts)
        ox = 0.9 * ox + rng.gauss(0, noise_m * math.sqrt(1 - 0.81)) if noise_m else 0.0
        oy = 0.9 * oy + rng.gauss(0, noise_m * math.sqrt(1 - 0.81)) if noise_m else 0.0
        standing = any(a <= ts < a + s for a, s in pauses)
        if standing and recorder_paused:
            continue
        if any(a < ts < a + s for a, s in dropouts):
            continue
        x, y = _loop_xy(dist)
        x, y = x + ox, y + oy
        if k in spike_at:
            x += 80.0
        samples.append((ts, dist, LAT0 + y / 111_320.0, LON0 + x / (111_320.0 * math.cos(math.radians(LAT0)))))
    return SimRun(samples=samples, truth=[tr for tr in truth if tr.start_s < end], pauses=pauses,
                  recorder_paused=recorder_paused)


def _loop_xy(distance: float) -> tuple[float, float]:
    r = LOOP_M / (2 * math.pi)
    a = distance / r
    return r * math.cos(a), r * math.sin(a)


def to_gpx(run: SimRun, *, name: str = "Simulated run") -> str:
    pts = []
    for ts, _, lat, lon in run.samples:
        when = (run.start + dt.timedelta(seconds=ts)).strftime("%Y-%m-%dT%H:%M:%SZ")
        pts.append(f'      <trkpt lat="{lat:.7f}" lon="{lon:.7f}"><time>{when}</time></trkpt>')
    body = "\n".join(pts)
    return (f'<?xml version="1.0" encoding="UTF-8"?>\n<gpx version="1.1" creator="paceplan tests" '
            f'xmlns="http://www.topografix.com/GPX/1/1">\n  <trk>\n    <name>{name}</name>\n'
            f"    <type>running</type>\n    <trkseg>\n{body}\n    </trkseg>\n  </trk>\n</gpx>\n")


def to_fit(run: SimRun, *, laps: bool = True, step_index: bool = True) -> bytes:
    """A FIT activity: file_id, timer events, records (device distance), laps with ``wkt_step_index``."""
    from garmin_fit_sdk import Encoder, Profile

    mesg = Profile["mesg_num"]
    t0 = int(run.start.timestamp()) - FIT_EPOCH
    enc = Encoder()
    enc.on_mesg(mesg["FILE_ID"], {"type": "activity", "manufacturer": "development", "product": 0,
                                  "serial_number": 4242, "time_created": t0})
    enc.on_mesg(mesg["EVENT"], {"timestamp": t0, "event": "timer", "event_type": "start"})
    semi = 2**31 / 180.0
    for ts, dist, lat, lon in run.samples:
        enc.on_mesg(mesg["RECORD"], {"timestamp": t0 + int(round(ts)), "distance": dist,
                                     "position_lat": int(round(lat * semi)),
                                     "position_long": int(round(lon * semi))})
    last = run.samples[-1][0]
    if laps:
        for i, tr in enumerate(run.truth):
            end = min(tr.end_s, last)
            paused = sum(max(0.0, min(end, a + s) - max(tr.start_s, a)) for a, s in run.pauses)
            timer = end - tr.start_s - (paused if run.recorder_paused else 0.0)
            fields = {"message_index": i, "timestamp": t0 + int(round(end)), "start_time": t0 + int(round(tr.start_s)),
                      "total_elapsed_time": end - tr.start_s, "total_timer_time": timer,
                      "total_distance": tr.distance_m * (end - tr.start_s) / max(1e-9, tr.end_s - tr.start_s),
                      "event": "lap", "event_type": "stop"}
            if step_index:
                fields["wkt_step_index"] = tr.fit_index
            enc.on_mesg(mesg["LAP"], fields)
    end_ts = t0 + int(round(last))
    enc.on_mesg(mesg["EVENT"], {"timestamp": end_ts, "event": "timer", "event_type": "stop_all"})
    enc.on_mesg(mesg["SESSION"], {"timestamp": end_ts, "start_time": t0, "sport": "running",
                                  "total_elapsed_time": last, "total_timer_time": last,
                                  "total_distance": run.samples[-1][1], "message_index": 0})
    enc.on_mesg(mesg["ACTIVITY"], {"timestamp": end_ts, "num_sessions": 1, "type": "manual",
                                   "total_timer_time": last})
    return bytes(enc.close())
