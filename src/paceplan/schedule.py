"""Dates for a plan: which Monday week 1 starts on, and the date of every session.

Rules (documented for users in the README):

- ``start`` (``--start``) is the Monday of week 1; any other weekday is an error whose hint names
  the Monday before and after.
- ``race_date`` (``--race-date``) counts back so that the race cell lands on that date; the date
  must fall on the race cell's weekday (a Saturday for the mile plan).
- Otherwise the plan starts on the next Monday after ``today`` (a week later when today is a
  Monday). ``today`` is passed in, so nothing here reads the clock.

The race cell is the plan file's ``race_day`` when given, else the first race session, else none.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from .errors import PlanValueError
from collections.abc import Iterable

from .model import Day, Plan, Session, SessionKind, Week
from .naming import WEEKDAY_NAMES, session_key

__all__ = [
    "EARLIEST",
    "LATEST",
    "ScheduledSession",
    "find_race",
    "next_monday",
    "parse_date",
    "plan_with_sessions",
    "resolve_start",
    "schedule_plan",
    "start_for_race",
]


EARLIEST = _dt.date(1900, 1, 1)
"""Earliest start, race or today's date accepted (date arithmetic near the year 1 overflows)."""
LATEST = _dt.date(2199, 12, 31)
"""Latest (FIT files count seconds from 1989 and end in 2126; calendars have no such limit)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class ScheduledSession:
    """One session of a plan put on a date."""

    key: str
    """Where it sits: ``w1-wed`` (``w1-wed-2`` for a day's second session)."""
    date: _dt.date
    """The calendar date."""
    week: int
    """1-based plan week."""
    weekday: int
    """0 = Monday .. 6 = Sunday."""
    slot: int
    """0 for the day's first session, 1 for the second..."""
    session: Session
    """What is planned: the primary option, with its alternatives attached."""
    cell: str | None = None
    """The plan cell's text as written, for descriptions."""

    @property
    def day_label(self) -> str:
        """``Week 1 · Wednesday``."""
        return f"Week {self.week} · {WEEKDAY_NAMES[self.weekday]}"


def parse_date(text: str, *, what: str = "date") -> _dt.date:
    """An ISO date ``YYYY-MM-DD``, or a :class:`PlanValueError` that says what was expected."""
    try:
        return _dt.date.fromisoformat(text.strip())
    except ValueError:
        raise PlanValueError(f"cannot read {text!r} as a {what}",
                             hint="write the date as YYYY-MM-DD, e.g. 2026-03-02",
                             code="bad-date") from None


def next_monday(today: _dt.date) -> _dt.date:
    """The first Monday after ``today`` (a week later when ``today`` is a Monday)."""
    try:
        return today + _dt.timedelta(days=7 - today.weekday())
    except OverflowError:
        raise PlanValueError(f"there is no Monday after {today.isoformat()}", hint="give --start",
                             code="date-range") from None


def _monday_hint(day: _dt.date) -> str:
    before = day - _dt.timedelta(days=day.weekday())
    return (f"week 1 starts on a Monday: use {before.isoformat()} or "
            f"{(before + _dt.timedelta(days=7)).isoformat()}")


def start_for_race(race_date: _dt.date, week: int, weekday: int) -> _dt.date:
    """The Monday of week 1 that puts week ``week``, ``weekday`` on ``race_date``."""
    if race_date.weekday() != weekday:
        # Suggest the nearest dates that do fall on the race weekday.
        delta = (weekday - race_date.weekday()) % 7
        after = race_date + _dt.timedelta(days=delta)
        before = after - _dt.timedelta(days=7)
        raise PlanValueError(
            f"race date {race_date.isoformat()} is a {WEEKDAY_NAMES[race_date.weekday()]}, "
            f"but the plan's race is on week {week} {WEEKDAY_NAMES[weekday]}",
            hint=f"use {before.isoformat()} or {after.isoformat()}, or set --start instead",
            code="race-weekday")
    try:
        return race_date - _dt.timedelta(days=(week - 1) * 7 + weekday)
    except OverflowError:
        raise PlanValueError(f"counting back {week} weeks from race date {race_date.isoformat()} goes before "
                             "the year 1", hint="check the race date", code="date-range") from None


def find_race(plan: Plan) -> tuple[int, int] | None:
    """(week, weekday) of the first race session, or None."""
    for week in plan.weeks:
        for day in week.days:
            if any(s.kind is SessionKind.RACE for s in day.sessions):
                return week.number, day.weekday
    return None


def resolve_start(*, start: _dt.date | None = None, race_date: _dt.date | None = None,
                  today: _dt.date | None = None, race_at: tuple[int, int] | None = None) -> _dt.date:
    """Week 1's Monday from ``start``, else ``race_date`` (needs ``race_at``), else ``today``.

    ``today`` must be given when neither of the others is (the CLI passes the local date).
    """
    for given, what in ((start, "start date"), (race_date, "race date"), (today, "today's date")):
        if given is not None and not EARLIEST <= given <= LATEST:
            raise PlanValueError(f"{what} {given.isoformat()} is outside the years a training plan can use "
                                 f"({EARLIEST.year}-{LATEST.year})", hint="check the year", code="date-range")
    if start is not None and race_date is not None:
        raise PlanValueError("give either a start date or a race date, not both",
                             hint="--start sets week 1's Monday; --race-date counts back from the race",
                             code="start-and-race-date")
    if start is not None:
        if start.weekday() != 0:
            raise PlanValueError(f"start date {start.isoformat()} is a {WEEKDAY_NAMES[start.weekday()]}",
                                 hint=_monday_hint(start), code="start-weekday")
        return start
    if race_date is not None:
        if race_at is None:
            raise PlanValueError("this plan has no race day to count back from",
                                 hint="mark it with race_day: {week: N, day: sat} in the plan, or use --start",
                                 code="no-race-day")
        return start_for_race(race_date, *race_at)
    if today is None:
        raise PlanValueError("no start date", hint="give --start or --race-date")
    return next_monday(today)


def schedule_plan(plan: Plan, start: _dt.date) -> tuple[ScheduledSession, ...]:
    """Every planned session with its date, in date order (the day's sessions in slot order).

    Days without sessions (empty cells) are skipped; rest sessions are kept, the writers decide
    whether to show them.
    """
    if start.weekday() != 0:
        raise PlanValueError(f"start date {start.isoformat()} is a {WEEKDAY_NAMES[start.weekday()]}",
                             hint=_monday_hint(start), code="start-weekday")
    try:
        start + _dt.timedelta(days=len(plan.weeks) * 7)
    except OverflowError:
        raise PlanValueError(f"a plan of {len(plan.weeks)} weeks from {start.isoformat()} runs past the year 9999",
                             hint="check the start or race date", code="date-range") from None
    out: list[ScheduledSession] = []
    for week in plan.weeks:
        for day in week.days:
            date = start + _dt.timedelta(days=(week.number - 1) * 7 + day.weekday)
            for slot, session in enumerate(day.sessions):
                out.append(ScheduledSession(key=session_key(week.number, day.weekday, slot), date=date,
                                            week=week.number, weekday=day.weekday, slot=slot,
                                            session=session, cell=session.text or day.text))
    return tuple(out)


def plan_with_sessions(plan: Plan, sessions: Iterable[tuple[int, int, Session]], *,
                       start: _dt.date | None = None) -> Plan:
    """``plan`` with its sessions replaced by ``(week, weekday, session)`` triples, in order.

    For a build: the page should show what goes onto the watch, i.e. the sessions after framing,
    choosing ranges and resolving paces, on the plan's schedule (``start``, the Monday of week 1).
    Days keep their cell text; weeks keep their numbers; a day with no session is left out.
    """
    by_day: dict[tuple[int, int], list[Session]] = {}
    for week, weekday, session in sessions:
        by_day.setdefault((week, weekday), []).append(session)
    weeks = []
    for old in plan.weeks:
        texts = {d.weekday: d.text for d in old.days}
        days = tuple(Day(weekday=wd, sessions=tuple(by_day[(old.number, wd)]), text=texts.get(wd))
                     for wd in range(7) if (old.number, wd) in by_day)
        weeks.append(Week(number=old.number, days=days))
    return Plan(name=plan.name, id=plan.id, weeks=tuple(weeks), description=plan.description,
                start=start if start is not None else plan.start)
