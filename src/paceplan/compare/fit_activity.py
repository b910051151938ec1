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
from collections.abc import Mapping
from typing import Any

from ..errors import PlanValueError
from ..readers.fit import decode_fit
from .activity import Activity, Lap, Point

__all__ = ["read_fit_activity"]

_SEMICIRCLE_DEG = 180.0 / 2**31


def read_fit_activity(data: bytes, *, name: str = "<fit>") -> Activity:
    """Read a FIT activity into an :class:`Activity`; ``name`` is used in messages."""
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
    start = min(r["timestamp"] for r in records)
    points = []
    for r in records:
        lat, lon = r.get("position_lat"), r.get("position_long")
        speed = r.get("enhanced_speed", r.get("speed"))
        points.append(Point(
            time_s=(r["timestamp"] - start).total_seconds(),
            distance_m=_number(r.get("distance")),
            lat=lat * _SEMICIRCLE_DEG if isinstance(lat, int) else None,
            lon=lon * _SEMICIRCLE_DEG if isinstance(lon, int) else None,
            speed_mps=_number(speed)))
    laps = []
    for i, lap in enumerate(messages.get("lap_mesgs", [])):
        begin = lap.get("start_time")
        if not isinstance(begin, _dt.datetime):
            continue
        elapsed = _number(lap.get("total_elapsed_time")) or 0.0
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
    return float(value)
