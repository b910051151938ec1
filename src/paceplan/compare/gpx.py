"""Read a recorded run from GPX (Strava, Garmin Connect and most apps export it).

The only module that imports gpxpy, lazily: ``paceplan --help`` never loads it. Track points
of every track and segment are taken in file order; points without a time are skipped (a
route or course has none, and then the file is refused with a hint). gpxpy's XML errors are
re-raised as :class:`~paceplan.errors.PlanSyntaxError` pointing at the line and column.
"""

from __future__ import annotations

import datetime as _dt
import itertools
import re

from ..errors import PlanSyntaxError, PlanValueError
from ..source import Source, Span
from .activity import MAX_ACTIVITY_BYTES, MAX_POINTS, Activity, Point, point_problem

__all__ = ["read_gpx"]


def read_gpx(data: bytes | str, *, name: str = "<gpx>") -> Activity:
    """Read GPX text or bytes into an :class:`Activity`; ``name`` is used in messages."""
    import gpxpy
    import gpxpy.gpx

    if len(data) > MAX_ACTIVITY_BYTES:
        raise PlanValueError(f"{name}: {len(data)} bytes is too large for one recorded run "
                             f"(at most {MAX_ACTIVITY_BYTES})", hint="give the GPX of one activity",
                             code="activity-too-big")
    text = _decode(data, name) if isinstance(data, bytes) else data
    _refuse_dtd(text, name)
    if sum(1 for _ in itertools.islice(_TRKPT.finditer(text), MAX_POINTS + 1)) > MAX_POINTS:
        raise PlanValueError(f"{name}: more than {MAX_POINTS} track points: not one run",
                             hint="give the GPX of one activity", code="activity-too-big")
    try:
        gpx = gpxpy.parse(text)
    except gpxpy.gpx.GPXXMLSyntaxException as exc:
        raise _xml_error(exc, text, name) from exc
    except Exception as exc:  # gpxpy raises plain exceptions for bad values (a latitude of "x")
        raise PlanSyntaxError(f"{name}: cannot read GPX: {exc}",
                              hint="export the run again as GPX 1.1 from your app") from exc
    stamps: list[tuple[_dt.datetime, float | None, float | None, float | None]] = []
    sport = None
    index = -1
    for track in gpx.tracks:
        sport = sport or (track.type or None)
        for segment in track.segments:
            for p in segment.points:
                index += 1
                problem = point_problem(p.latitude, p.longitude, p.speed)
                if problem is not None:
                    raise PlanSyntaxError(f"track point {index + 1}: {problem}", span=_point_span(text, name, index),
                                          hint="the file is damaged; export the run again", code="gpx-value")
                if p.time is None:
                    continue
                if len(stamps) >= MAX_POINTS:
                    raise PlanValueError(f"{name}: more than {MAX_POINTS} track points: not one run",
                                         span=_point_span(text, name, index), code="activity-too-big")
                t = p.time if p.time.tzinfo else p.time.replace(tzinfo=_dt.timezone.utc)
                stamps.append((t, p.latitude, p.longitude, p.speed))
    if len(stamps) < 2:
        what = "routes and waypoints only" if (gpx.routes or gpx.waypoints) and not gpx.tracks else \
            "fewer than two track points with a time"
        raise PlanSyntaxError(f"{name}: not a recorded run: the GPX has {what}",
                              hint="compare needs the track of a recorded activity (time-stamped <trkpt>s)")
    start = min(s[0] for s in stamps)
    points = tuple(Point(time_s=(t - start).total_seconds(), lat=lat, lon=lon, speed_mps=speed)
                   for t, lat, lon, speed in stamps)
    return Activity(name=name, format="gpx", points=points, start=start.astimezone(_dt.timezone.utc),
                    sport=sport)


_DTD = re.compile(r"<!(?:DOCTYPE|ENTITY)\b", re.IGNORECASE)
_TRKPT = re.compile(r"<(?:[A-Za-z_][\w.-]*:)?trkpt\b")


def _refuse_dtd(text: str, name: str) -> None:
    """GPX never needs a DTD; refusing one rules out entity bombs ("billion laughs") and external
    entities (reading local files) whichever XML parser gpxpy picks (lxml when installed)."""
    m = _DTD.search(text)
    if m is not None:
        raise PlanSyntaxError("a GPX file with a DOCTYPE or ENTITY declaration is refused",
                              span=Source(text, name).span(m.start(), m.end()),
                              hint="GPX exports have no DTD; remove the <!DOCTYPE ...> block", code="gpx-dtd")


def _point_span(text: str, name: str, index: int) -> Span:
    """The span of the ``index``-th ``<trkpt`` tag (gpxpy keeps no positions; points are read in
    file order, so counting tags finds it)."""
    for k, m in enumerate(_TRKPT.finditer(text)):
        if k == index:
            return Source(text, name).span(m.start(), m.end())
    return Source(text, name).span(0)


def _decode(data: bytes, name: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PlanSyntaxError(f"{name}: not UTF-8 text at byte {exc.start}: not a GPX file",
                              hint="give a .gpx file exported by your running app") from None


def _xml_error(exc: Exception, text: str, name: str) -> PlanSyntaxError:
    original = getattr(exc, "original_exception", None) or exc.__cause__ or exc.__context__
    position = getattr(original, "position", None)
    detail = str(original or exc).split("\n")[0]
    source = Source(text, name)
    if position and len(position) == 2:
        line, column = int(position[0]), int(position[1])
        offset = _offset(text, line, column)
        return PlanSyntaxError(f"not a valid GPX file: {detail}", span=source.span(offset),
                               hint="the file is not well-formed XML; export it again, or check it is a .gpx")
    return PlanSyntaxError(f"{name}: not a valid GPX file: {detail}",
                           hint="the file is not well-formed XML; export it again, or check it is a .gpx")


def _offset(text: str, line: int, column: int) -> int:
    """Character offset of a 1-based line and 0-based column, clamped to the text."""
    start = 0
    for _ in range(max(0, line - 1)):
        nl = text.find("\n", start)
        if nl < 0:
            return len(text)
        start = nl + 1
    end = text.find("\n", start)
    end = len(text) if end < 0 else end
    return min(start + max(0, column), end)
