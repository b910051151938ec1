"""The main job: a plan and a runner in; FIT workouts, a FIT schedule, a calendar and a plan page out.

::

    plan file --read_plan--> PlanFile --compile_plan--> CompiledPlan --OUTPUT_FORMATS--> files
                                          |  schedule (dates)                  |  fit: fit/*.fit
                                          |  frame (warm-up, race day)         |  ics: <plan-id>.ics
                                          |  choose ranges (--reps/--lengths)  |  html: plan.html
                                          |  resolve paces (runner)            |  garmin-json: garmin-connect/
                                          |  estimate distance and time        |  intervals: intervals/

:func:`compile_plan` does no I/O; :func:`~paceplan.outputs.render` turns a compiled plan into
``{relative path: bytes}`` through the :data:`~paceplan.outputs.OUTPUT_FORMATS` table (a new writer
plugs in with one entry); :func:`~paceplan.output_dir.write_outputs` puts the files into the
output folder safely:

files are written all-or-nothing, atomically, never outside the output folder.

Determinism: FIT serials derive from ``plan id/session key``, ``time_created`` and the calendar's
``DTSTAMP`` from ``SOURCE_DATE_EPOCH`` when set, else from the plan's start date (00:00 UTC);
nothing reads the clock, so building twice gives byte-identical files.
"""

from __future__ import annotations

import datetime as _dt
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .compiled import DEFAULT_FORMATS, BuildOptions, CompiledPlan, CompiledSession, keyed
from .errors import Diagnostic, PaceError, PlanError, PlanValueError
from .model import SessionKind
from .naming import fit_file_name, key_set, unique_file_names
from .output_dir import MANIFEST, write_outputs
from .outputs import OUTPUT_FORMATS, OutputFormat, render
from .paces import PaceTable, Runner, pace_table
from .passes.choose import POLICIES, choose_ranges
from .passes.framing import frame_session
from .passes.resolve import estimate, resolve_paces
from .readers.plan import PlanFile
from .schedule import resolve_start, schedule_plan

__all__ = [
    "DEFAULT_FORMATS",
    "DEFAULT_OUT_DIR",
    "MANIFEST",
    "OUTPUT_FORMATS",
    "BuildOptions",
    "BuildReport",
    "CompiledPlan",
    "CompiledSession",
    "OutputFormat",
    "build",
    "compile_plan",
    "options_with_defaults",
    "parse_option",
    "render",
    "source_date_epoch",
    "write_outputs",
]

DEFAULT_OUT_DIR = "paceplan-out"


@dataclass(frozen=True, slots=True, kw_only=True)
class BuildReport:
    """What a build wrote and what it met on the way."""

    out_dir: Path
    files: tuple[str, ...]
    """Relative paths written, sorted."""
    removed: tuple[str, ...]
    """Files an earlier build wrote that this one no longer writes (deleted)."""
    compiled: CompiledPlan
    warnings: tuple[Diagnostic, ...]


# --------------------------------------------------------------------------- options

def _minutes_option(value: str, what: str) -> float | None:
    v = value.strip().lower()
    if v in ("lap", "lap-button", "button", "open"):
        return None
    if v in ("none", "off", "no", "0"):
        return 0.0
    try:
        minutes = float(v.removesuffix("min").strip())
    except ValueError:
        raise PlanValueError(f"cannot read {value!r} as a {what}",
                             hint=f"use lap (lap button, easy pace), a number of minutes, or 0 for no {what}",
                             code="bad-option") from None
    if not 0 <= minutes <= 120:
        raise PlanValueError(f"a {what} of {value} minutes is out of range (0-120)", code="bad-option")
    return minutes


def _time_option(value: str) -> _dt.time:
    m = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*", value)
    if not m or int(m.group(1)) > 23 or int(m.group(2)) > 59:
        raise PlanValueError(f"cannot read {value!r} as a time of day", hint="write 24-hour HH:MM, e.g. 06:30",
                             code="bad-option")
    return _dt.time(int(m.group(1)), int(m.group(2)))


def _int_option(value: str, what: str) -> int:
    try:
        n = int(value.strip())
    except ValueError:
        raise PlanValueError(f"cannot read {value!r} as {what}", hint="give a whole number", code="bad-option") from None
    if n < 1:
        raise PlanValueError(f"{what} must be at least 1, got {n}", code="bad-option")
    return n


def parse_option(key: str, value: str) -> object:
    """A build option from text (``--warmup 10``, a plan's ``defaults:``) as the value
    :class:`BuildOptions` holds. ``race`` stays text (the runner reads it)."""
    from .writers.ics import parse_trigger

    if key in ("reps", "lengths"):
        v = value.strip().lower()
        if v not in POLICIES:
            raise PlanValueError(f"unknown {key} policy {value!r}", hint="use low, high or mid", code="bad-policy")
        return v
    if key in ("warmup", "cooldown"):
        return _minutes_option(value, key.replace("warmup", "warm-up").replace("cooldown", "cool-down"))
    if key == "time":
        return _time_option(value)
    if key == "tz":
        return value.strip()
    if key == "alarm":
        return parse_trigger(value)
    if key == "schedule_weeks":
        return _int_option(value, "weeks per schedule file")
    if key == "race":
        return value.strip()
    raise PlanValueError(f"unknown build option {key!r}")


def options_with_defaults(plan_file: PlanFile, given: Mapping[str, object]) -> tuple[BuildOptions, str | None]:
    """Build options from the command line (``given``: only what the user set) over the plan's
    ``defaults:``. Returns the options and the race result text to use (or None)."""
    # Each value's type depends on its key (parse_option and click check them); BuildOptions takes them.
    values: dict[str, Any] = {}
    race: str | None = None
    for key, text in plan_file.defaults.items():
        try:
            parsed = parse_option(key, text)
        except PlanError as exc:
            span = plan_file.default_spans.get(key)
            raise exc.with_span(span) if span is not None else exc from None
        if key == "race":
            race = str(parsed)
        else:
            values[key] = parsed
    for key, value in given.items():
        if key == "race":
            race = str(value) if value is not None else race
        else:
            values[key] = value
    return BuildOptions(**values), race


def source_date_epoch(explicit: int | None = None) -> int | None:
    """``explicit``, else ``SOURCE_DATE_EPOCH`` from the environment, else None."""
    if explicit is not None:
        return explicit
    env = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if not env:
        return None
    try:
        return int(env)
    except ValueError:
        raise PlanValueError(f"SOURCE_DATE_EPOCH={env!r} is not a whole number of seconds",
                             hint="unset it or set Unix seconds, e.g. 1767225600", code="bad-epoch") from None


# --------------------------------------------------------------------------- compile

def _goal_label(table: PaceTable) -> str:
    return "GMP" if table.has_goal else "Mile"


def compile_plan(plan_file: PlanFile, runner: Runner | None = None,
                 options: BuildOptions | None = None) -> CompiledPlan:
    """Schedule, frame, choose, resolve and estimate every session (no I/O).

    Raises :class:`PlanError` for anything that stops the build (bad dates, unknown paces);
    collects warnings and notes on :attr:`CompiledPlan.warnings`.
    """
    opts = options or BuildOptions()
    for fmt in opts.formats:
        if fmt not in OUTPUT_FORMATS:
            raise PlanValueError(f"unknown output format {fmt!r}", hint="known: " + ", ".join(OUTPUT_FORMATS),
                                 code="bad-format")
    plan = plan_file.plan
    runner = runner if runner is not None else Runner.default()
    table_result = pace_table(runner)
    table = table_result.value
    warns: list[Diagnostic] = [*plan_file.warnings, *table_result.warnings]
    start = resolve_start(start=opts.start, race_date=opts.race_date, today=opts.today,
                          race_at=plan_file.race_day)
    instance = f"{plan.id}:{start.isoformat()}" + (f":{opts.athlete}" if opts.athlete else "")
    epoch = source_date_epoch(opts.source_date_epoch)
    base = epoch if epoch is not None else int(_dt.datetime.combine(start, _dt.time(),
                                                                    tzinfo=_dt.timezone.utc).timestamp())
    goal = _goal_label(table)
    scheduled = schedule_plan(plan, start)
    sessions: list[CompiledSession] = []
    errors: list[Diagnostic] = []
    for item in scheduled:
        session = item.session
        if session.workout is None:
            sessions.append(CompiledSession(scheduled=item, original=session))
            continue
        try:
            framed = frame_session(session, warmup=opts.warmup, cooldown=opts.cooldown, goal=goal)
            workout = framed.value.workout
            assert workout is not None
            chosen = choose_ranges(workout, reps=opts.reps, lengths=opts.lengths)
            resolved = resolve_paces(chosen.value, table)
            est = estimate(resolved.value, table)
        except PlanError as exc:
            errors.extend(keyed(d, item.key) for d in exc.diagnostics)
            continue
        found = [*framed.warnings, *chosen.warnings, *resolved.warnings]
        warns.extend(keyed(d, item.key) for d in found)
        final = replace(framed.value, workout=resolved.value)
        notes = tuple(d.message.replace(" (choose with --reps)", "").replace(" (choose with --lengths)", "")
                      for d in chosen.warnings)
        sessions.append(CompiledSession(scheduled=replace(item, session=final), original=session,
                                        distance_m=est.distance_m or None, time_s=est.time_s or None,
                                        notes=notes))
    if errors:
        raise PlanValueError(diagnostics=errors) if not all(
            e.code == "unknown-pace" for e in errors) else _pace_error(errors)
    # File names from the chosen workouts, unique within the build.
    runs = [i for i, s in enumerate(sessions) if s.workout is not None]
    names = unique_file_names(fit_file_name(sessions[i].scheduled.key, _title_for(sessions[i])) for i in runs)
    for i, name in zip(runs, names):
        sessions[i] = replace(sessions[i], fit_name=name)
    compiled = CompiledPlan(plan=plan, plan_file=plan_file, runner=runner, table=table, options=opts,
                            start=start, plan_instance=instance, base_time=base, sessions=tuple(sessions),
                            warnings=tuple(warns))
    return compiled


def _pace_error(errors: list[Diagnostic]) -> PlanError:
    return PaceError(diagnostics=errors)


def _title_for(s: CompiledSession) -> str:
    session = s.scheduled.session
    if session.kind is SessionKind.RACE:
        return "mile-race" if session.workout is not None and session.workout.name == "Mile race" else "race"
    assert session.workout is not None
    return key_set(session.workout)


def build(plan_file: PlanFile, runner: Runner | None = None, options: BuildOptions | None = None, *,
          out_dir: str | os.PathLike[str] = DEFAULT_OUT_DIR) -> BuildReport:
    """Compile, render and write a plan: the whole main job. Nothing is written when compiling or
    rendering fails."""
    compiled = compile_plan(plan_file, runner, options)
    rendered = render(compiled)
    written, removed = write_outputs(rendered.value, out_dir)
    return BuildReport(out_dir=Path(out_dir), files=written, removed=removed, compiled=compiled,
                       warnings=(*compiled.warnings, *rendered.warnings))

