"""Read what ``paceplan build --format garmin-json`` wrote: workout JSON files and
``schedule.json`` (a list of ``{"date", "file", "workoutName", "key"}``)."""

from __future__ import annotations

import datetime as _dt
import json
import os
from pathlib import Path
from typing import Any

from ..errors import OutputError, PlanSyntaxError
from ..input_file import read_input_file
from .push import PushItem

__all__ = ["SCHEDULE_FILE", "SUBFOLDER", "load_garmin_folder", "load_garmin_workout"]

SCHEDULE_FILE = "schedule.json"
SUBFOLDER = "garmin-connect"
"""Where a multi-format build may put the Garmin JSON inside its output folder."""


MAX_JSON_BYTES = 8 * 1024 * 1024
"""Largest workout or schedule JSON read; paceplan writes a few kilobytes each."""


def _read_json(path: Path) -> Any:
    data = read_input_file(path, limit=MAX_JSON_BYTES, what="Garmin Connect JSON", code="push-json",
                           too_big="push-json-too-big", hint="give a folder written by paceplan build --format garmin-json")
    try:
        return json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise PlanSyntaxError(f"{path}: not valid JSON ({exc})",
                              hint="rebuild it with paceplan build --format garmin-json") from exc
    except RecursionError:  # 200,000 nested "[": the JSON parser recurses per level
        raise PlanSyntaxError(f"{path}: JSON nested too deeply to be a workout",
                              hint="rebuild it with paceplan build --format garmin-json") from None


def load_garmin_workout(path: str | os.PathLike[str]) -> dict[str, Any]:
    """One Garmin Connect workout JSON file, checked for the keys Garmin needs."""
    p = Path(path)
    data = _read_json(p)
    if not isinstance(data, dict) or not isinstance(data.get("workoutName"), str) \
            or not isinstance(data.get("workoutSegments"), list):
        raise PlanSyntaxError(f"{p}: not a Garmin Connect workout (no workoutName and workoutSegments)",
                              hint="give a folder written by paceplan build --format garmin-json")
    return data


def _folder(path: Path) -> Path:
    if (path / SCHEDULE_FILE).is_file():
        return path
    if (path / SUBFOLDER / SCHEDULE_FILE).is_file():
        return path / SUBFOLDER
    return path


def load_garmin_folder(path: str | os.PathLike[str]) -> list[PushItem]:
    """The workouts to push from a build folder, with their dates and stable keys.

    With ``schedule.json`` (in the folder or its ``garmin-connect`` subfolder) every entry becomes
    an item; without it every ``*.json`` workout becomes an undated item keyed by its file name.
    """
    root = Path(path)
    if not root.is_dir():
        raise OutputError(f"folder {str(root)!r} does not exist",
                          hint="build the plan first: paceplan build PLAN --format garmin-json -o OUTDIR")
    folder = _folder(root)
    schedule = folder / SCHEDULE_FILE
    items: list[PushItem] = []
    if schedule.is_file():
        entries = _read_json(schedule)
        if not isinstance(entries, list):
            raise PlanSyntaxError(f"{schedule}: expected a list of workouts")
        for n, entry in enumerate(entries, 1):
            where = f"{schedule}: entry {n}"
            if not isinstance(entry, dict) or not isinstance(entry.get("file"), str) \
                    or not isinstance(entry.get("key"), str) or not entry["key"].strip():
                raise PlanSyntaxError(f"{where}: needs a 'file' and a 'key'")
            file = entry["file"]
            if Path(file).name != file or file in (".", ".."):
                raise PlanSyntaxError(f"{where}: 'file' must name a file in the same folder, got {file!r}")
            date = entry.get("date")
            try:
                day = _dt.date.fromisoformat(date) if date is not None else None
            except (TypeError, ValueError):
                raise PlanSyntaxError(f"{where}: 'date' must be YYYY-MM-DD or null, got {date!r}") from None
            items.append(PushItem(key=entry["key"], file=file, date=day,
                                  workout=load_garmin_workout(folder / file)))
    else:
        files = sorted(p for p in folder.glob("*.json") if p.is_file())
        for f in files:
            items.append(PushItem(key=f.stem, file=f.name, date=None, workout=load_garmin_workout(f)))
    if not items:
        raise OutputError(f"no Garmin Connect workouts in {str(root)!r}",
                          hint="build them first: paceplan build PLAN --format garmin-json -o OUTDIR")
    return items
