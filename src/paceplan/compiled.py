"""What a build compiles a plan into, before any file is written: the options, and every
scheduled session after framing, choosing ranges and resolving paces."""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from .errors import Diagnostic
from .model import Plan, Session, SessionKind, Workout
from .paces import PaceTable, Runner
from .passes.choose import Policy
from .readers.plan import PlanFile
from .schedule import ScheduledSession, plan_with_sessions

__all__ = ["DEFAULT_FORMATS", "BuildOptions", "CompiledPlan", "CompiledSession", "keyed"]

DEFAULT_FORMATS: tuple[str, ...] = ("fit", "ics", "html")


def keyed(d: Diagnostic, key: str) -> Diagnostic:
    """``d`` with the session key (``w1-wed``) in front of its message."""
    return Diagnostic(f"{key}: {d.message}", d.severity, d.span, d.hint, d.code)


@dataclass(frozen=True, slots=True, kw_only=True)
class BuildOptions:
    """Everything about a build besides the plan and the runner."""

    formats: tuple[str, ...] = DEFAULT_FORMATS
    """Output formats, names from :data:`OUTPUT_FORMATS`."""
    start: _dt.date | None = None
    """The Monday of week 1 (``--start``)."""
    race_date: _dt.date | None = None
    """The race date to count back from (``--race-date``)."""
    today: _dt.date | None = None
    """Today, for the default start (the next Monday); the CLI passes the local date."""
    reps: Policy = "low"
    """Policy for count ranges: low, high or mid."""
    lengths: Policy = "low"
    """Policy for length ranges: low, high or mid."""
    warmup: float | None = None
    """None: lap-button warm-up with easy guidance; minutes for a fixed step; 0 for none."""
    cooldown: float | None = None
    """As ``warmup``, for the cool-down."""
    time: _dt.time | None = None
    """Timed calendar events at this local time (with ``tz``); None for all-day."""
    tz: str | None = None
    """IANA time zone for timed events."""
    alarm: _dt.timedelta | None = None
    """Calendar reminder offset (``-PT1H``)."""
    schedule_weeks: int | None = None
    """Weeks per FIT schedule file; None for one file with the whole plan."""
    athlete: str | None = None
    """Whose plan: joins the calendar UID scope so two people's calendars never collide."""
    method: bool = True
    """Write ``METHOD:PUBLISH`` in the calendar."""
    ascii_names: bool = False
    """Garmin Connect JSON: write names in ASCII (``×`` -> ``x``, accents dropped), with a warning."""
    source_date_epoch: int | None = None
    """Fixed time for FIT ``time_created`` and calendar DTSTAMP; None reads ``SOURCE_DATE_EPOCH``
    from the environment, else uses the plan start."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CompiledSession:
    """One scheduled session after every pass, ready for the writers."""

    scheduled: ScheduledSession
    """Date, key and the final session (framed, ranges chosen, paces resolved)."""
    original: Session
    """The session as the plan file gave it (ranges and labels intact)."""
    fit_name: str | None = None
    """``w1-wed-6x400m.fit`` for run and race sessions, None for the others."""
    distance_m: float | None = None
    """Estimated distance (run and race sessions)."""
    time_s: float | None = None
    """Estimated time (run and race sessions)."""
    notes: tuple[str, ...] = ()
    """The choices made for the watch, in words, for descriptions."""

    @property
    def workout(self) -> Workout | None:
        return self.scheduled.session.workout


@dataclass(frozen=True, slots=True, kw_only=True)
class CompiledPlan:
    """A plan scheduled and compiled for one runner."""

    plan: Plan
    plan_file: PlanFile
    runner: Runner
    table: PaceTable
    options: BuildOptions
    start: _dt.date
    """The Monday of week 1."""
    plan_instance: str
    """The calendar UID scope: ``<plan id>:<start>`` (``:<athlete>`` when given)."""
    base_time: int
    """Unix seconds: FIT ``time_created`` base and calendar DTSTAMP."""
    sessions: tuple[CompiledSession, ...]
    warnings: tuple[Diagnostic, ...] = ()

    @property
    def race(self) -> CompiledSession | None:
        return next((s for s in self.sessions if s.scheduled.session.kind is SessionKind.RACE), None)

    @property
    def fit_sessions(self) -> tuple[CompiledSession, ...]:
        return tuple(s for s in self.sessions if s.fit_name is not None)

    def resolved_plan(self) -> Plan:
        """The plan as it goes onto the watch: sessions framed, ranges chosen, paces resolved,
        on the schedule's start date."""
        return plan_with_sessions(self.plan, ((s.scheduled.week, s.scheduled.weekday, s.scheduled.session)
                                              for s in self.sessions), start=self.start)
