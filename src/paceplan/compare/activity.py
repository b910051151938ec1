"""A recorded run, independent of the file it came from.

Readers (:mod:`.gpx`, :mod:`.fit_activity`) turn a file into an :class:`Activity`: timestamped
points (time since the start, cumulative distance when the device recorded one, position, speed)
and, for FIT activities, the laps the watch wrote with the workout step each lap belongs to.
:mod:`.track` turns the points into a clean, evenly sampled series for matching.
"""

from __future__ import annotations

import datetime as _dt
import math
from dataclasses import dataclass

__all__ = ["MAX_ACTIVITY_BYTES", "MAX_POINTS", "Activity", "Lap", "Point", "point_problem"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Point:
    """One recorded sample."""

    time_s: float
    """Seconds since the activity's first sample (wall-clock, pauses included)."""
    distance_m: float | None = None
    """Cumulative distance the device recorded (FIT ``record.distance``), or None."""
    lat: float | None = None
    """Latitude in degrees, or None when the sample has no position."""
    lon: float | None = None
    """Longitude in degrees, or None when the sample has no position."""
    speed_mps: float | None = None
    """Instantaneous speed the device recorded, or None (informational; matching smooths its own)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Lap:
    """A lap the watch recorded (FIT ``lap`` message)."""

    index: int
    """0-based lap number in the file."""
    start_s: float
    """Start, seconds since the activity's first sample."""
    elapsed_s: float
    """Wall-clock length (``total_elapsed_time``), pauses included."""
    timer_s: float
    """Timer length (``total_timer_time``): pauses excluded."""
    distance_m: float | None
    """``total_distance``, or None when the lap has none."""
    step_index: int | None = None
    """``wkt_step_index``: the workout step (FIT ``message_index``) this lap ran, when following a workout."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Activity:
    """A recorded run: points in time order, plus laps when the file has them."""

    name: str
    """The file name (used in messages)."""
    format: str
    """``gpx`` or ``fit``."""
    points: tuple[Point, ...]
    """Samples in time order, at least two."""
    laps: tuple[Lap, ...] = ()
    """Laps in order (FIT only)."""
    start: _dt.datetime | None = None
    """UTC time of the first sample, when known."""
    sport: str | None = None
    """The sport the file names (``running``), when it names one."""


MAX_ACTIVITY_BYTES = 64 * 1024 * 1024
"""Largest activity file read: a day-long run recorded every second is a few megabytes of FIT or
a few tens of megabytes of GPX."""
MAX_POINTS = 250_000
"""Most samples in one activity (almost three days at one per second); GPX is refused before
parsing past this, as an XML tree of a million points takes gigabytes."""


def point_problem(lat: float | None, lon: float | None, speed: float | None = None,
                  distance: float | None = None) -> str | None:
    """Why a sample's values cannot be real (NaN, infinity, a latitude past the pole), or None.

    Readers refuse such samples rather than pass them on: one NaN poisons every sum after it, and
    an impossible position breaks the distance maths.
    """
    checks = (("latitude", lat, 90.0), ("longitude", lon, 180.0), ("speed", speed, 1000.0),
              ("distance", distance, 1e8))
    for what, value, limit in checks:
        if value is None:
            continue
        if not math.isfinite(value):
            return f"{what} {value!r} is not a number"
        low = 0.0 if what in ("speed", "distance") else -limit
        if not low <= value <= limit:
            return f"{what} {value:g} is out of range ({low:g} to {limit:g})"
    return None
