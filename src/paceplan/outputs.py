"""Output formats of a build: each renders a compiled plan into ``{relative path: bytes}``.

A writer plugs in with one entry in :data:`OUTPUT_FORMATS`. Renderers only produce bytes; the
build writes them (see :mod:`paceplan.output_dir`).
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from .compiled import CompiledPlan, CompiledSession, keyed
from .errors import Diagnostic, OutputError, Result, Severity
from .model import SessionKind, Workout
from .naming import key_set, safe_stem
from .units import PaceUnit

if TYPE_CHECKING:
    from .writers.fit import ScheduleEntry  # imported where used: fit-tool loads with it

__all__ = [
    "FIT_DIR",
    "GARMIN_DIR",
    "INTERVALS_DIR",
    "OUTPUT_FORMATS",
    "SCHEDULE_WARN_ENTRIES",
    "SCHEDULE_WARN_WEEKS",
    "OutputFormat",
    "render",
]

SCHEDULE_WARN_WEEKS = 4
"""Watches keep about four weeks of scheduled workouts (unconfirmed; fit-workouts.md section 9)."""
SCHEDULE_WARN_ENTRIES = 20
"""... or about 20 entries."""
FIT_DIR = "fit"
GARMIN_DIR = "garmin-connect"
INTERVALS_DIR = "intervals"


@dataclass(frozen=True, slots=True)
class OutputFormat:
    """One output format: a name, a one-line description and a renderer."""

    name: str
    description: str
    render: Callable[[CompiledPlan], Result[dict[str, bytes]]]
    """Compiled plan -> ``{relative path: bytes}`` with warnings."""


def _render_fit(compiled: CompiledPlan) -> Result[dict[str, bytes]]:
    from .writers.fit import FitIdentity, ScheduleEntry, assign_serials, encode_schedule, encode_workout

    plan_id = compiled.plan.id
    runs = compiled.fit_sessions
    files: dict[str, bytes] = {}
    warns: list[Diagnostic] = []
    if not runs:
        return Result(files)
    serials = assign_serials([s.scheduled.key for s in runs], plan_id=plan_id)
    entries: list[tuple[CompiledSession, ScheduleEntry]] = []
    for s, serial in zip(runs, serials):
        workout = s.workout
        assert workout is not None and s.fit_name is not None
        # time_created = base + a slot number from the session's place in the plan: unique per
        # workout, and unchanged when another day of the plan is edited (reference section 2).
        place = ((s.scheduled.week - 1) * 7 + s.scheduled.weekday) * 8 + min(s.scheduled.slot, 7)
        ident = FitIdentity(serial=serial, time_created=max(compiled.base_time, _FIT_MIN) + place)
        result = encode_workout(_fit_named(workout, s), serial=ident.serial, time_created=ident.time_created,
                                plan_id=plan_id, key=s.scheduled.key)
        warns.extend(keyed(d, s.scheduled.key) for d in result.warnings)
        files[f"{FIT_DIR}/{s.fit_name}"] = result.value
        entries.append((s, ScheduleEntry(identity=ident, date=s.scheduled.date)))
    weeks = compiled.options.schedule_weeks
    n_weeks = len(compiled.plan.weeks)
    blocks: list[tuple[str, list[ScheduleEntry]]] = []
    if weeks is None or weeks >= n_weeks:
        blocks.append(("schedule.fit", [e for _, e in entries]))
        span_weeks = n_weeks
        if len(entries) > SCHEDULE_WARN_ENTRIES or span_weeks > SCHEDULE_WARN_WEEKS:
            warns.append(Diagnostic(
                f"the FIT schedule holds {len(entries)} workouts over {span_weeks} weeks; watches keep about "
                f"{SCHEDULE_WARN_WEEKS} weeks or {SCHEDULE_WARN_ENTRIES} entries (unconfirmed) and may drop the rest",
                Severity.WARNING, hint="split it with --schedule-weeks 4 and copy one schedule file at a time",
                code="schedule-size"))
    else:
        for first in range(1, n_weeks + 1, weeks):
            last = min(n_weeks, first + weeks - 1)
            chunk = [e for s, e in entries if first <= s.scheduled.week <= last]
            if chunk:
                blocks.append((f"schedule-w{first}-{last}.fit", chunk))
    for index, (name, chunk) in enumerate(blocks):
        result = encode_schedule(chunk, plan_id=plan_id, key=name,
                                 time_created=max(compiled.base_time, _FIT_MIN) + index)
        warns.extend(d for d in result.warnings if d.code != "schedule-size")
        files[f"{FIT_DIR}/{name}"] = result.value
    return Result(files, tuple(warns))


_FIT_MIN = 631065600 + 0x10000000


def _fit_named(workout: Workout, s: CompiledSession) -> Workout:
    """The watch shows about 15 bytes of a workout name: lead with the day (``W1 Wed 6x400m``).
    The description is the plan cell, cut to what a FIT file holds (the calendar has it all)."""
    from .passes.limits import DESCRIPTION_MAX_BYTES, WORKOUT_NAME_MAX_BYTES, cut_utf8

    week, day = s.scheduled.key.split("-")[:2]
    title = key_set(workout) if s.scheduled.session.kind is not SessionKind.RACE else "Mile race"
    title = re.sub(r"(\d) (m|km|mi|min|s)\b", r"\1\2", title.replace("×", "x")).replace(" + ", "+")
    name = f"{week.upper()} {day.title()} {title}"
    description = s.scheduled.cell or workout.description
    return replace(workout, name=cut_utf8(name, WORKOUT_NAME_MAX_BYTES).strip() or "Workout",
                   description=cut_utf8(description, DESCRIPTION_MAX_BYTES) if description else None)


def _render_ics(compiled: CompiledPlan) -> Result[dict[str, bytes]]:
    from .writers.ics import CalendarItem, IcsOptions, write_ics

    opts = compiled.options
    items = [CalendarItem(scheduled=s.scheduled, fit_name=s.fit_name, distance_m=s.distance_m, time_s=s.time_s,
                          notes=s.notes) for s in compiled.sessions]
    plan = compiled.plan
    desc = (f"{plan.description.strip()} " if plan.description else "") + \
        f"Paces for {compiled.runner.describe()}. Built by paceplan."
    ics_opts = IcsOptions(name=plan.name, plan_instance=compiled.plan_instance,
                          dtstamp=_dt.datetime.fromtimestamp(compiled.base_time, _dt.timezone.utc),
                          description=desc, time=opts.time, tz=opts.tz, alarm=opts.alarm, method=opts.method,
                          units=compiled.plan_file.units or "metric")
    result = write_ics(items, ics_opts)
    return Result({f"{safe_stem(plan.id, max_len=48)}.ics": result.value}, result.warnings)


def _render_html(compiled: CompiledPlan) -> Result[dict[str, bytes]]:
    from .writers.html import render_html_result

    result = render_html_result(compiled.resolved_plan(), paces=compiled.table,
                                subtitle=f"Paces for {compiled.runner.describe()}",
                                units="mi" if compiled.plan_file.units == "imperial" else "km")
    return Result({"plan.html": result.value.encode("utf-8")}, result.warnings)


def _connect_named(workout: Workout, s: CompiledSession) -> Workout:
    """``W1 Wed 6x400m``, like the FIT name but never cut (Garmin Connect takes 256 UTF-16 units);
    the plan cell becomes the workout's notes."""
    key = s.scheduled.key.upper().replace("-", " ", 1).replace("-", " ")
    title = workout.name if s.scheduled.session.kind is SessionKind.RACE else key_set(workout)
    name = f"{key[:1]}{key[1:].title()} {title}".replace("×", "x").replace(" m", "m")
    return replace(workout, name=name, description=s.scheduled.cell or workout.description)


def _render_garmin_json(compiled: CompiledPlan) -> Result[dict[str, bytes]]:
    from .writers.garmin_connect import GarminScheduleEntry, garmin_json_text, garmin_schedule, workout_to_garmin

    files: dict[str, bytes] = {}
    warns: list[Diagnostic] = []
    entries = []
    for s in compiled.fit_sessions:
        assert s.workout is not None and s.fit_name is not None
        result = workout_to_garmin(_connect_named(s.workout, s), ascii_names=compiled.options.ascii_names)
        warns.extend(keyed(d, s.scheduled.key) for d in result.warnings)
        file = s.fit_name.removesuffix(".fit") + ".json"
        files[f"{GARMIN_DIR}/{file}"] = garmin_json_text(result.value).encode("utf-8")
        entries.append(GarminScheduleEntry(date=s.scheduled.date, file=file, name=result.value["workoutName"],
                                           key=f"{compiled.plan_instance}/{s.scheduled.key}"))
    if entries:
        files[f"{GARMIN_DIR}/schedule.json"] = garmin_json_text(garmin_schedule(entries)).encode("utf-8")
    return Result(files, tuple(warns))


def _render_intervals(compiled: CompiledPlan) -> Result[dict[str, bytes]]:
    from .writers.intervals_icu import write_intervals_icu

    unit: PaceUnit = "mi" if compiled.plan_file.units == "imperial" else "km"
    files: dict[str, bytes] = {}
    warns: list[Diagnostic] = []
    for s in compiled.fit_sessions:
        assert s.workout is not None and s.fit_name is not None
        result = write_intervals_icu(s.workout, pace_unit=unit)
        warns.extend(keyed(d, s.scheduled.key) for d in result.warnings)
        files[f"{INTERVALS_DIR}/{s.fit_name.removesuffix('.fit')}.txt"] = result.value.encode("utf-8")
    return Result(files, tuple(warns))


OUTPUT_FORMATS: dict[str, OutputFormat] = {
    "fit": OutputFormat("fit", "FIT workout files and a FIT schedule for Garmin watches (fit/)", _render_fit),
    "ics": OutputFormat("ics", "an iCalendar file for Google, Apple and Outlook calendars", _render_ics),
    "html": OutputFormat("html", "a printable HTML page with a chart of every workout (plan.html)", _render_html),
    "garmin-json": OutputFormat("garmin-json", "Garmin Connect workout JSON and schedule.json, for paceplan push "
                                f"({GARMIN_DIR}/)", _render_garmin_json),
    "intervals": OutputFormat("intervals", f"intervals.icu workout text, one file per workout ({INTERVALS_DIR}/)",
                              _render_intervals),
}
"""Output formats by name. A writer plugs in with one entry, e.g.
``OUTPUT_FORMATS["html"] = OutputFormat("html", "...", render_html)``."""


def render(compiled: CompiledPlan) -> Result[dict[str, bytes]]:
    """Every requested format's files, ``{relative path: bytes}``, with their warnings."""
    files: dict[str, bytes] = {}
    warns: list[Diagnostic] = []
    for name in compiled.options.formats:
        result = OUTPUT_FORMATS[name].render(compiled)
        for path in result.value:
            if path in files:
                raise OutputError(f"two output formats both write {path!r}")
        files.update(result.value)
        warns.extend(result.warnings)
    return Result(files, tuple(warns))


