"""Read a recorded run from a FIT activity file (what a Garmin watch saves).

Decoding goes through :func:`paceplan.readers.fit.decode_fit` (the one module that imports
Garmin's ``garmin-fit-sdk``), which refuses a file that is not FIT, is cut short or fails its
CRC with a :class:`~paceplan.errors.PlanSyntaxError` naming the byte offset.

From the decoded messages we keep ``record`` samples (timestamp, distance, position in
semicircles, speed) and ``lap`` messages (start, elapsed and timer time, distance and
``wkt_step_index``, the workout step the watch was running).
"""

from __future__ import annotations

import datetime as _dt
import math
from collections.abc import Mapping
from typing import Any

from ..errors import PlanSyntaxError, PlanValueError
from ..readers.fit import decode_fit
from .activity import MAX_ACTIVITY_BYTES, MAX_POINTS, Activity, Lap, Point, point_problem

__all__ = ["read_fit_activity"]

_SEMICIRCLE_DEG = 180.0 / 2**31


def read_fit_activity(data: bytes, *, name: str = "<fit>") -> Activity:
    """Read a FIT activity into an :class:`Activity`; ``name`` is used in messages."""
    if len(data) > MAX_ACTIVITY_BYTES:
        raise PlanValueError(f"{name}: {len(data)} bytes is too large for one recorded run "
                             f"(at most {MAX_ACTIVITY_BYTES})", hint="give the FIT file of one activity",
                             code="activity-too-big")
    messages = decode_fit(data, name=name)
    file_type = _first(messages, "file_id_mesgs").get("type")
    if file_type not in (None, "activity", 4):
        hint = ("pass a FIT workout with --fit-workout; compare needs the activity the watch recorded"
                if file_type in ("workout", 5) else "compare needs the activity the watch recorded")
        raise PlanValueError(f"{name}: this FIT file is a {file_type}, not a recorded activity", hint=hint)
    records = [r for r in messages.get("record_mesgs", []) if isinstance(r.get("timestamp"), _dt.datetime)]
    if len(records) < 2:
        raise PlanValueError(f"{name}: the FIT activity has {len(records)} record message(s) with a time",
                             hint="compare needs the samples the watch recorded (a FIT activity with records)")
    if len(records) > MAX_POINTS:
        raise PlanValueError(f"{name}: {len(records)} record messages: more than one run holds ({MAX_POINTS})",
                             code="activity-too-big")
    start = min(r["timestamp"] for r in records)
    points = []
    for index, r in enumerate(records):
        lat, lon = r.get("position_lat"), r.get("position_long")
        speed = r.get("enhanced_speed", r.get("speed"))
        point = Point(
            time_s=(r["timestamp"] - start).total_seconds(),
            distance_m=_number(r.get("distance")),
            lat=lat * _SEMICIRCLE_DEG if isinstance(lat, int) and not isinstance(lat, bool) else None,
            lon=lon * _SEMICIRCLE_DEG if isinstance(lon, int) and not isinstance(lon, bool) else None,
            speed_mps=_number(speed))
        problem = point_problem(point.lat, point.lon, point.speed_mps, point.distance_m)
        if problem is not None:
            raise PlanSyntaxError(f"{name}: record message {index + 1} (at {r['timestamp'].isoformat()}): {problem}",
                                  hint="the file is damaged; copy it from the watch again", code="fit-value")
        points.append(point)
    laps = []
    for i, lap in enumerate(messages.get("lap_mesgs", [])):
        begin = lap.get("start_time")
        if not isinstance(begin, _dt.datetime):
            continue
        elapsed = _number(lap.get("total_elapsed_time")) or 0.0
        if not math.isfinite(elapsed) or elapsed < 0:
            continue  # a lap the watch could not have written; the samples still tell the run
        step = lap.get("wkt_step_index")
        laps.append(Lap(index=i, start_s=(begin - start).total_seconds(), elapsed_s=elapsed,
                        timer_s=_number(lap.get("total_timer_time")) or elapsed,
                        distance_m=_number(lap.get("total_distance")),
                        step_index=step if isinstance(step, int) else None))
    sport = _first(messages, "session_mesgs").get("sport")
    return Activity(name=name, format="fit", points=tuple(points), laps=tuple(laps),
                    start=start.astimezone(_dt.timezone.utc),
                    sport=str(sport) if sport is not None else None)


def _first(messages: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    items = messages.get(key) or []
    return items[0] if items else {}


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return None
    return float(value) if math.isfinite(value) else None
