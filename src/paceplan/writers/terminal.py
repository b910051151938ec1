"""The plan as week tables for a terminal (``paceplan show PLAN [--week N]``).

One table per week, one row per day: the session, the paces it runs at (label and band), and its
estimated distance and time. Alternatives follow as ``or: ...`` lines. Wide terminals get
columns; below :data:`MIN_TABLE_WIDTH` columns each day becomes a small stacked block instead.
The table's own characters are ASCII, so it prints on any console; user text is kept as written.
Estimates are those of the HTML page (:func:`paceplan.writers.svg_chart.estimate_workout`).
"""

from __future__ import annotations

import datetime as _dt
import shutil
import textwrap

from ..errors import PlanValueError
from ..model import Intensity, Plan, Session, SessionKind, Week, Workout, iter_steps
from ..naming import MONTH_SHORT, WEEKDAY_SHORT
from ..units import Pace, PaceRange, PaceUnit
from .svg_chart import (
    Estimate,
    PaceTable,
    Units,
    describe_node,
    estimate_workout,
    format_distance,
    format_length,
    format_minutes,
    lookup_pace,
)

__all__ = ["MIN_TABLE_WIDTH", "render_plan_table"]

MIN_TABLE_WIDTH = 72
"""Narrower than this, days are printed as stacked blocks rather than table rows."""
KIND_PREFIX = {
    SessionKind.RUN: "",
    SessionKind.RACE: "RACE: ",
    SessionKind.STRENGTH: "Strength: ",
    SessionKind.CROSS_TRAINING: "Cross-training: ",
    SessionKind.REST: "Rest: ",
}
GAP = "  "


def render_plan_table(plan: Plan, *, week: int | None = None, units: Units = "km",
                      paces: PaceTable | None = None, easy: PaceRange | Pace | None = None,
                      width: int | None = None, steps: bool = False) -> str:
    """The plan (or one ``week``, 1-based) as text tables with paces, ending in a newline.

    ``units`` is ``km`` or ``mi`` for paces and distances; ``paces`` and ``easy`` feed the
    estimates as on the HTML page; ``width`` is the terminal width in columns (default: the
    current terminal's, else 100); ``steps`` adds every step under its session.
    Raises :class:`~paceplan.errors.PlanValueError` for a week the plan does not have.
    """
    if units not in ("km", "mi"):
        raise PlanValueError(f"units are 'km' or 'mi', not {units!r}")
    weeks = plan.weeks
    if week is not None:
        if isinstance(week, bool) or not isinstance(week, int) or not 1 <= week <= len(plan.weeks):
            span = f"1-{len(plan.weeks)}" if len(plan.weeks) > 1 else "1"
            raise PlanValueError(f"the plan {plan.name!r} has no week {week!r}",
                                 hint=f"choose a week in {span}")
        weeks = (plan.weeks[week - 1],)
    cols = width if width is not None else shutil.get_terminal_size((100, 24)).columns
    cols = max(cols, 30)
    view = _View(plan, units=units, paces=paces, easy=easy, width=cols, steps=steps)
    out = _wrap(plan.name, cols)
    meta = f"{len(plan.weeks)} week{'s' if len(plan.weeks) != 1 else ''}"
    if plan.start is not None:
        end = plan.start + _dt.timedelta(days=7 * len(plan.weeks) - 1)
        meta += f", {_date(plan.start, year=True)} to {_date(end, year=True)}"
    out.extend(_wrap(meta, cols))
    for w in weeks:
        out.append("")
        out.extend(view.week(w))
    return "\n".join(out) + "\n"


def _date(day: _dt.date, *, year: bool = False) -> str:
    text = f"{WEEKDAY_SHORT[day.weekday()]} {day.day} {MONTH_SHORT[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def _estimate_text(est: Estimate, units: Units) -> str:
    return f"{format_distance(est.metres, units)}  {format_minutes(est.seconds)}"


def _wrap(text: str, width: int) -> list[str]:
    return textwrap.wrap(text, max(width, 8), break_long_words=True, break_on_hyphens=False) or [""]


def _wrap_hanging(line: str, width: int, indent: str) -> list[str]:
    """A ``- step`` line wrapped with its continuation lines under the text, not the dash."""
    return textwrap.wrap(line, max(width, 8) + len(indent), initial_indent=indent,
                         subsequent_indent=indent + "  ", break_on_hyphens=False) or [indent]


class _Row:
    """One session of a day: the day label (first session only), title, alternatives, paces,
    estimate and (with ``steps``) step lines."""

    def __init__(self, day: str, title: str, alts: list[str], paces: list[str], estimate: list[str],
                 extra: list[str]) -> None:
        self.day, self.title, self.alts = day, title, alts
        self.paces, self.estimate, self.extra = paces, estimate, extra


class _View:
    def __init__(self, plan: Plan, *, units: Units, paces: PaceTable | None,
                 easy: PaceRange | Pace | None, width: int, steps: bool) -> None:
        self.plan, self.units, self.paces, self.easy = plan, units, paces, easy
        self.width, self.steps = width, steps

    def estimate(self, workout: Workout) -> Estimate:
        return estimate_workout(workout, paces=self.paces, easy=self.easy)

    def pace_lines(self, workout: Workout) -> list[str]:
        """Each distinct pace label the workout runs at, with its band: the work paces first (what
        the session is for), then the others, each in order of first use."""
        unit: PaceUnit = "mi" if self.units == "mi" else "km"
        seen: dict[str, str] = {}
        ordered = sorted(iter_steps(workout.steps), key=lambda st: st.intensity is not Intensity.INTERVAL)
        for step in ordered:
            band = step.target if isinstance(step.target, PaceRange) else None
            label = step.label or (str(step.target) if step.target is not None and band is None else None)
            if band is None and label is not None:
                band = lookup_pace(self.paces, label)
            if label:
                key = label
                text = label if band is None else f"{label} {band.format(unit)}"
            elif band is not None:
                key = text = band.format(unit)
            else:
                continue
            seen.setdefault(key, text)
        return list(seen.values())

    def session_text(self, session: Session, *, alternative: bool = False) -> str:
        kind = session.kind
        text = session.title if alternative and kind is SessionKind.REST else KIND_PREFIX[kind] + session.title
        if session.workout is None and session.length is not None and not any(c.isdigit() for c in session.title):
            text += f" ({format_length(session.length, self.units, ascii=True)})"
        return text

    def rows(self, week: Week) -> list[_Row]:
        by_day = {d.weekday: d for d in week.days}
        rows = []
        for weekday in range(7):
            label = WEEKDAY_SHORT[weekday]
            if self.plan.start is not None:
                label = _date(self.plan.start + _dt.timedelta(days=7 * (week.number - 1) + weekday))
            day = by_day.get(weekday)
            sessions = day.sessions if day is not None else ()
            if not sessions:
                rows.append(_Row(label, "-", [], [], [], []))
                continue
            for i, session in enumerate(sessions):
                paces, est, extra = [], [], []
                if session.workout is not None:
                    paces = self.pace_lines(session.workout)
                    est = [_estimate_text(self.estimate(session.workout), self.units)]
                    if self.steps:
                        extra = [f"- {describe_node(n, paces=self.paces, easy=self.easy, units=self.units, ascii=True)}"
                                 for n in session.workout.steps]
                alts = [f"or: {self.session_text(alt, alternative=True)}" for alt in session.alternatives]
                rows.append(_Row(label if i == 0 else "", self.session_text(session), alts, paces, est, extra))
        return rows

    def total(self, week: Week) -> Estimate | None:
        workouts = [s.workout for d in week.days for s in d.sessions if s.workout is not None]
        if not workouts:
            return None
        total = Estimate(metres=0.0, seconds=0.0)
        for w in workouts:
            total = total + self.estimate(w)
        return total

    def week(self, week: Week) -> list[str]:
        head = f"Week {week.number}"
        if self.plan.start is not None:
            first = self.plan.start + _dt.timedelta(days=7 * (week.number - 1))
            head += f"  {_date(first)} - {_date(first + _dt.timedelta(days=6), year=True)}"
        total = self.total(week)
        total_text = f"running ~{_estimate_text(total, self.units)}" if total else ""
        rows = self.rows(week)
        if self.width < MIN_TABLE_WIDTH:
            return self.stacked(head, total_text, rows)
        return self.table(head, total_text, rows)

    def stacked(self, head: str, total_text: str, rows: list[_Row]) -> list[str]:
        out = _wrap(head, self.width)
        if total_text:
            out.extend(_wrap(total_text, self.width))
        inner = self.width - 2
        for row in rows:
            if row.day:
                out.append(row.day)
            for line in [row.title, *row.paces, *(f"~{e}" for e in row.estimate), *row.alts]:
                out.extend("  " + part for part in _wrap(line, inner))
            for line in row.extra:
                out.extend(_wrap_hanging(line, inner, "  "))
        return out

    def table(self, head: str, total_text: str, rows: list[_Row]) -> list[str]:
        day_w = max(len("Day"), *(len(r.day) for r in rows))
        est_w = max(len("Estimate"), *(len(e) for r in rows for e in r.estimate)) if any(
            r.estimate for r in rows) else len("Estimate")
        pace_w = min(max([len("Paces")] + [len(p) for r in rows for p in r.paces]), 26)
        session_w = self.width - day_w - pace_w - est_w - 3 * len(GAP)
        if session_w < 20:
            # Give the session column room by narrowing the paces column (wrapping them).
            pace_w = max(12, pace_w - (20 - session_w))
            session_w = self.width - day_w - pace_w - est_w - 3 * len(GAP)
        out = []
        if total_text and len(head) + len(total_text) + 2 <= self.width:
            out.append(head + " " * (self.width - len(head) - len(total_text)) + total_text)
        else:
            out.append(head)
            if total_text:
                out.append(total_text)
        widths = (day_w, session_w, pace_w, est_w)
        out.append(self.line(("Day", "Session", "Paces", "Estimate"), widths))
        out.append(GAP.join("-" * w for w in widths).rstrip())
        for row in rows:
            cols = [
                [row.day],
                [part for line in [row.title, *row.alts] for part in _wrap(line, session_w)],
                [part for line in row.paces for part in _wrap(line, pace_w)],
                row.estimate,
            ]
            height = max(len(c) for c in cols)
            for i in range(height):
                out.append(self.line(tuple(c[i] if i < len(c) else "" for c in cols), widths))
            indent = " " * (day_w + len(GAP))
            for line in row.extra:
                out.extend(_wrap_hanging(line, self.width - len(indent), indent))
        return out

    @staticmethod
    def line(cells: tuple[str, ...], widths: tuple[int, ...]) -> str:
        return GAP.join(cell.ljust(w) for cell, w in zip(cells, widths)).rstrip()
