"""Push workouts to Garmin Connect without duplicates.

Each workout is tagged with a marker line in its description, ``[paceplan:KEY]``, where KEY is
the stable key from ``schedule.json`` (plan id, week, day). A second push finds the workouts it
made before by that marker and replaces them with ``PUT`` (Garmin keeps the id and the calendar
entries), creates the ones it does not find, and schedules a workout on a date only when the
calendar does not already hold it there.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Container, Iterable
from dataclasses import dataclass
from typing import Any

from ..errors import PlanValueError
from .service import ConnectError, WorkoutService

__all__ = ["MARKER_RE", "PushAction", "PushItem", "PushReport", "marker", "push_workouts"]

MARKER_RE = re.compile(r"\[paceplan:([^\]\n]+)\]")
"""Finds the key in a workout's description."""

PAGE_SIZE = 100
MAX_PAGES = 100
"""At most 10,000 workouts are searched for markers: more is a runaway listing, not a library."""


def marker(key: str) -> str:
    """The marker paceplan writes into a pushed workout's description."""
    return f"[paceplan:{key}]"


@dataclass(frozen=True, slots=True, kw_only=True)
class PushItem:
    """One workout to push, maybe on a date."""

    key: str
    """Stable identity; the same key updates the same Garmin workout."""
    workout: dict[str, Any]
    """The Garmin Connect workout JSON."""
    date: _dt.date | None = None
    """The day to schedule it on, or None."""
    file: str = ""
    """Where it came from, for messages."""

    def __post_init__(self) -> None:
        if not self.key.strip() or any(c in "[]\r\n" for c in self.key):
            raise PlanValueError(f"a push key is one line without brackets, got {self.key!r}")


@dataclass(frozen=True, slots=True, kw_only=True)
class PushAction:
    """One thing push did."""

    action: str
    """``created``, ``updated``, ``scheduled`` or ``already scheduled``."""
    key: str
    """The item's key."""
    name: str
    """The workout's name."""
    workout_id: int
    """Garmin's workout id."""
    date: _dt.date | None = None
    """The calendar day, for scheduling actions."""


@dataclass(frozen=True, slots=True)
class PushReport:
    """Everything push did, in order."""

    actions: tuple[PushAction, ...]

    def count(self, action: str) -> int:
        return sum(1 for a in self.actions if a.action == action)


def _with_marker(workout: dict[str, Any], key: str) -> dict[str, Any]:
    body = dict(workout)
    description = MARKER_RE.sub("", body.get("description") or "").rstrip()
    body["description"] = (description + "\n\n" if description else "") + marker(key)
    return body


def _server_id(value: Any) -> int | None:
    """A workout id as the server sent it (a positive integer, or its digits), else None: an item
    we cannot identify is skipped, never a traceback and never touched."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str) and value.isascii() and value.isdigit() and len(value) <= 19:
        value = int(value)
    return value if isinstance(value, int) and value > 0 else None


def _workout_id(value: Any, what: str) -> int:
    wid = _server_id(value)
    if wid is None:
        raise ConnectError(f"Garmin Connect answered {what} without a workout id",
                           hint="Garmin may have changed its API; try again later or report it")
    return wid


def _existing(service: WorkoutService, names: Container[object]) -> dict[str, int]:
    """Key -> workout id of workouts pushed before (the oldest one, if a key shows up twice)."""
    found: dict[str, int] = {}
    for page in range(MAX_PAGES):
        summaries = service.list_workouts(page * PAGE_SIZE, PAGE_SIZE)
        if not isinstance(summaries, list):
            raise ConnectError("Garmin Connect answered the workout list with something else than a list")
        for s in summaries:
            wid = _server_id(s.get("workoutId")) if isinstance(s, dict) else None
            if wid is None:
                continue
            description = s.get("description")
            if "description" not in s and s.get("workoutName") in names:
                # Summaries without descriptions: read the candidates with our names in full.
                full = service.get_workout(wid)
                description = full.get("description") if isinstance(full, dict) else None
            if not isinstance(description, str):
                continue
            for key in MARKER_RE.findall(description):
                found[key] = min(found.get(key, wid), wid)
        if len(summaries) < PAGE_SIZE:
            break
    return found


def push_workouts(service: WorkoutService, items: Iterable[PushItem], *, schedule: bool = True) -> PushReport:
    """Create or update each item's workout, then schedule dated ones (once per date)."""
    items = list(items)
    by_key: dict[str, PushItem] = {}
    for item in items:
        first = by_key.setdefault(item.key, item)
        if first.workout != item.workout:
            raise PlanValueError(f"key {item.key!r} names two different workouts ({first.file} and {item.file})",
                                 hint="each key must name one workout; rebuild the folder")
    existing = _existing(service, {i.workout.get("workoutName") for i in items})
    actions: list[PushAction] = []
    ids: dict[str, int] = {}
    for key, item in by_key.items():
        body = _with_marker(item.workout, key)
        name = str(body.get("workoutName"))
        if key in existing:
            wid = existing[key]
            service.update_workout(wid, {**body, "workoutId": wid})
            actions.append(PushAction(action="updated", key=key, name=name, workout_id=wid))
        else:
            answer = service.create_workout(body)
            wid = _workout_id(answer.get("workoutId") if isinstance(answer, dict) else None, "the upload")
            actions.append(PushAction(action="created", key=key, name=name, workout_id=wid))
        ids[key] = wid
    if not schedule:
        return PushReport(tuple(actions))
    dated = sorted({(i.date, i.key) for i in items if i.date is not None})
    months = sorted({(d.year, d.month) for d, _ in dated})
    on_calendar: set[tuple[int, str]] = set()
    for year, month in months:
        for entry in service.calendar_items(year, month):
            if not isinstance(entry, dict) or entry.get("itemType", "workout") != "workout":
                continue
            scheduled = _server_id(entry.get("workoutId"))
            if scheduled is not None and entry.get("date"):
                on_calendar.add((scheduled, str(entry["date"])[:10]))
    for day, key in dated:
        wid = ids[key]
        name = str(by_key[key].workout.get("workoutName"))
        if (wid, day.isoformat()) in on_calendar:
            actions.append(PushAction(action="already scheduled", key=key, name=name, workout_id=wid, date=day))
            continue
        service.schedule_workout(wid, day.isoformat())
        on_calendar.add((wid, day.isoformat()))
        actions.append(PushAction(action="scheduled", key=key, name=name, workout_id=wid, date=day))
    return PushReport(tuple(actions))
