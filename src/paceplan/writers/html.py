"""The plan as one self-contained HTML page: pace table, week grid, a chart per session.

The page has inline CSS and inline SVG only: no script, no web font, no image or link that reaches
the network, so it opens from disk, prints, and survives being mailed. The page skeleton and its
CSS are the template ``templates/plan.html`` (shipped in the wheel as ``paceplan/_templates``); this
module fills in ``$title`` and ``$body`` with :class:`string.Template`.

Layout: a seven-column week grid on wide screens that collapses to a list of days on a phone;
print CSS for A4 or Letter (landscape, white background, a week never split across pages).
Accessibility: one ``h1``, ``h2`` per section and week, ``h3`` per day, ``h4`` per session; every
chart is ``role="img"`` with a ``<title>``, a ``<desc>`` and a visually hidden caption giving
the same steps in words.

All user text (plan names, notes, titles) is escaped. Output is deterministic: nothing from the
clock; ``generated`` puts a caller-given line in the footer.
"""

from __future__ import annotations

import datetime as _dt
import difflib
import functools
import importlib.resources
import os
import re
import string
from collections.abc import Iterable
from html import escape
from pathlib import Path

from ..atomic import atomic_write_bytes
from ..errors import Diagnostic, OutputError, PlanValueError, Result, warning
from ..labels import RACE_DISTANCES_M, canonical_label
from ..model import Day, Node, PaceRef, Plan, Repeat, Session, SessionKind, Step, Week, Workout, iter_steps
from ..naming import MONTH_SHORT, WEEKDAY_NAMES
from ..schedule import plan_with_sessions
from ..units import Pace, PaceRange, format_clock
from .svg_chart import (
    INTENSITY_COLOURS,
    INTENSITY_WORDS,
    Estimate,
    PaceTable,
    Units,
    describe_node,
    describe_workout,
    estimate_workout,
    format_distance,
    format_length,
    format_minutes,
    max_speed,
    render_workout_svg,
)

__all__ = ["TEMPLATE_NAME", "load_template", "plan_with_sessions", "render_html", "render_html_result", "write_html"]

TEMPLATE_NAME = "plan.html"


KIND_WORDS = {
    SessionKind.RUN: "Run",
    SessionKind.RACE: "Race",
    SessionKind.STRENGTH: "Strength",
    SessionKind.CROSS_TRAINING: "Cross-training",
    SessionKind.REST: "Rest",
}


@functools.lru_cache(maxsize=1)
def load_template() -> string.Template:
    """The page template: from the installed package, else from the repository's ``templates/``
    (an editable install does not map ``templates/`` into the package)."""
    try:
        packaged = importlib.resources.files("paceplan") / "_templates" / TEMPLATE_NAME
        if packaged.is_file():
            return string.Template(packaged.read_text(encoding="utf-8"))
    except (FileNotFoundError, ModuleNotFoundError, NotADirectoryError):
        pass
    repo = Path(__file__).resolve().parents[3] / "templates" / TEMPLATE_NAME
    if repo.is_file():
        return string.Template(repo.read_text(encoding="utf-8"))
    raise OutputError(f"the HTML page template {TEMPLATE_NAME} is missing",
                      hint="reinstall paceplan; the wheel ships it under paceplan/_templates")


def render_html(plan: Plan, *, paces: PaceTable | None = None, title: str | None = None,
                units: Units = "km", easy: PaceRange | Pace | None = None,
                subtitle: str | None = None, generated: str | None = None) -> str:
    """The plan as a self-contained HTML page (a ``str``).

    ``paces`` is the runner's pace table (label -> band or pace; shown as "Your paces" and used for
    estimates and for targets still named by label); without it the table lists the paces the
    plan's resolved steps carry. ``title`` replaces the plan name as the page heading; ``units``
    (``km`` or ``mi``) is how distances and paces read; ``easy`` is the easy pace for steps
    without a target when ``paces`` has no ``E``; ``subtitle`` is a line under the heading (the
    runner, the race result); ``generated`` a footer line (the page has no timestamp otherwise).
    """
    return render_html_result(plan, paces=paces, title=title, units=units, easy=easy,
                              subtitle=subtitle, generated=generated).value


def render_html_result(plan: Plan, *, paces: PaceTable | None = None, title: str | None = None,
                       units: Units = "km", easy: PaceRange | Pace | None = None,
                       subtitle: str | None = None, generated: str | None = None) -> Result[str]:
    """:func:`render_html` with its warnings (pace labels the page could not resolve)."""
    if units not in ("km", "mi"):
        raise PlanValueError(f"units are 'km' or 'mi', not {units!r}")
    page = _Page(plan, paces=paces, units=units, easy=easy)
    heading = title if title is not None else plan.name
    body = page.body(heading, subtitle=subtitle, generated=generated)
    html = load_template().substitute(title=escape(heading), body=body)
    return Result(html, tuple(page.warnings()))


def write_html(plan: Plan, path: str | os.PathLike[str], *, paces: PaceTable | None = None,
               title: str | None = None, units: Units = "km", easy: PaceRange | Pace | None = None,
               subtitle: str | None = None, generated: str | None = None) -> Result[Path]:
    """Write the page to ``path`` atomically (a temporary file in the same folder, then a rename);
    returns the path and the warnings. A missing or read-only folder is an :class:`OutputError`
    and leaves any previous file untouched."""
    result = render_html_result(plan, paces=paces, title=title, units=units, easy=easy,
                                subtitle=subtitle, generated=generated)
    return Result(atomic_write_bytes(path, result.value.encode("utf-8")), result.warnings)


# -- the page ------------------------------------------------------------------------------------

def _says_the_same(cell: str, title: str) -> bool:
    """True when the coach's cell adds nothing to the session title shown above it: every word
    of it is in the title, or the two are nearly the same text."""
    words = set(re.findall(r"[\w.:/-]+", title.lower()))
    if all(w in words for w in re.findall(r"[\w.:/-]+", cell.lower())):
        return True
    return difflib.SequenceMatcher(None, cell.lower(), title.lower()).ratio() >= 0.8


def _date_text(day: _dt.date, *, year: bool = False) -> str:
    text = f"{day.day} {MONTH_SHORT[day.month - 1]}"
    return f"{text} {day.year}" if year else text


def _estimate_text(est: Estimate, units: Units) -> str:
    return f"\u2248 {format_distance(est.metres, units)} \u00b7 {format_minutes(est.seconds)}"


class _Page:
    """Renders one plan; collects the pace labels it could not resolve."""

    def __init__(self, plan: Plan, *, paces: PaceTable | None, units: Units,
                 easy: PaceRange | Pace | None) -> None:
        self.plan = plan
        self.paces = paces
        self.units: Units = units
        self.easy = easy
        self.workouts = [s.workout for w in plan.weeks for d in w.days for s in d.sessions
                         if s.workout is not None]
        self.speed_max = max_speed(self.workouts, paces=paces, easy=easy)
        self.unresolved: dict[str, None] = {}
        self._estimates: dict[Workout, Estimate] = {}

    def warnings(self) -> Iterable[Diagnostic]:
        for label in self.unresolved:
            yield warning(f"pace {label!r} is not resolved: the page shows it without a pace band",
                          hint="resolve paces first (give a race result with --race)",
                          code="unresolved-pace")

    def estimate(self, workout: Workout) -> Estimate:
        # The week total, the card and the chart all want it; equal workouts share one.
        est = self._estimates.get(workout)
        if est is None:
            est = self._estimates[workout] = estimate_workout(workout, paces=self.paces, easy=self.easy)
            for label in est.unresolved:
                self.unresolved.setdefault(label)
        return est

    # -- sections

    def body(self, heading: str, *, subtitle: str | None, generated: str | None) -> str:
        plan = self.plan
        out = ['<header class="plan-header">', f"<h1>{escape(heading)}</h1>"]
        if subtitle:
            out.append(f'<p class="subtitle">{escape(subtitle)}</p>')
        meta = f"{len(plan.weeks)} week{'s' if len(plan.weeks) != 1 else ''}"
        if plan.start is not None:
            end = plan.start + _dt.timedelta(days=7 * len(plan.weeks) - 1)
            meta += (f" \u00b7 {WEEKDAY_NAMES[0]} {_date_text(plan.start, year=True)} to "
                     f"{WEEKDAY_NAMES[6]} {_date_text(end, year=True)}")
        out.append(f'<p class="meta">{escape(meta)}</p>')
        if plan.description:
            out.append(f'<p class="description">{escape(plan.description)}</p>')
        out.append("</header>")
        out.append("<main>")
        out.append(self.pace_section())
        if len(plan.weeks) > 1:
            links = "".join(f'<li><a href="#week-{w.number}">Week {w.number}</a></li>' for w in plan.weeks)
            out.append(f'<nav class="week-nav" aria-label="Weeks"><ol>{links}</ol></nav>')
        out.extend(self.week_section(w) for w in plan.weeks)
        out.append("</main>")
        foot = ["Distances and times are estimates: steps without a pace at easy pace, ranges at "
                "their low end; steps until the lap button (faded bars) are drawn at a typical "
                "length but not counted."]
        if generated:
            foot.append(generated)
        out.append('<footer class="plan-footer">' + "".join(f"<p>{escape(f)}</p>" for f in foot) + "</footer>")
        return "\n".join(out)

    def pace_rows(self) -> list[tuple[str, PaceRange, float | None]]:
        """(label, band, race time in seconds or None) for the pace table."""
        paces = self.paces
        if paces is not None and hasattr(paces, "entries") and hasattr(paces, "as_mapping"):
            # paceplan.paces.PaceTable: its own order and its predicted race times.
            return [(e.label, e.pace, e.race_time_s) for e in paces.entries]
        if paces:
            rows = []
            for label, value in paces.items():
                band = value if isinstance(value, PaceRange) else PaceRange.single(value)
                race = RACE_DISTANCES_M.get(label)
                rows.append((label, band, band.mid.seconds_per_km * race / 1000.0 if race else None))
            return rows
        # No table given: list the paces the plan's resolved steps carry, slowest first.
        found: dict[str, PaceRange] = {}
        for workout in self.workouts:
            for step in iter_steps(workout.steps):
                if isinstance(step.target, PaceRange):
                    found.setdefault(step.label or step.target.format("km"), step.target)
        return [(label, band, None)
                for label, band in sorted(found.items(), key=lambda kv: (-kv[1].mid.seconds_per_km, kv[0]))]

    def used_labels(self) -> set[str]:
        """Canonical labels the plan's steps run at (``HM-10K`` counts as HM and 10K), plus E."""
        used = {"E"}
        for workout in self.workouts:
            for step in iter_steps(workout.steps):
                texts = [step.label or ""]
                if isinstance(step.target, PaceRef):
                    texts += [step.target.low, step.target.high or ""]
                for text in texts:
                    for part in re.split(r"\s*-\s*|\s+to\s+|/|\s+", text):
                        canon = canonical_label(part) if part else None
                        if canon is not None:
                            used.add(canon)
        return used

    @staticmethod
    def pace_table(rows: list[tuple[str, PaceRange, float | None]], caption: str) -> str:
        out = ['<div class="table-wrap"><table class="pace-table">',
               f'<caption class="visually-hidden">{escape(caption)}</caption>',
               '<thead><tr><th scope="col">Pace</th><th scope="col">Race time</th>'
               '<th scope="col">per km</th><th scope="col">per mile</th>'
               '<th scope="col">per 400 m</th></tr></thead><tbody>']
        for label, band, race_s in rows:
            race_time = format_clock(race_s) if race_s else "\u2013"
            cells = [band.format("km"), band.format("mi"), band.format("400m")]
            out.append(f'<tr><th scope="row">{escape(label)}</th><td>{escape(race_time)}</td>'
                       + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
        out.append("</tbody></table></div>")
        return "\n".join(out)

    def pace_section(self) -> str:
        rows = self.pace_rows()
        out = ['<section class="paces" aria-labelledby="paces-heading">',
               '<h2 id="paces-heading">Your paces</h2>']
        if not rows:
            out.append('<p class="empty">No paces yet: give a race result to see your paces here.</p>')
        else:
            # The paces this plan runs at up front; the whole table folded away below (on screen
            # only: print keeps the page to the plan).
            used = self.used_labels()
            mine = [r for r in rows if r[0] in used]
            if mine and len(mine) < len(rows):
                out.append(self.pace_table(mine, "Paces this plan uses"))
                out.append(f'<details class="all-paces"><summary>All paces ({len(rows)})</summary>'
                           f'{self.pace_table(rows, "All paces")}</details>')
            else:
                out.append(self.pace_table(rows, "Paces"))
        out.append(self.key())
        out.append("</section>")
        return "\n".join(out)

    def key(self) -> str:
        items = []
        seen: dict[str, str] = {}
        for intensity, colour in INTENSITY_COLOURS.items():
            word = {"warm-up": "warm-up / cool-down", "cool-down": "warm-up / cool-down",
                    "run": "steady run", "rep": "work rep"}.get(INTENSITY_WORDS[intensity],
                                                                 INTENSITY_WORDS[intensity])
            seen.setdefault(word, colour)
        for word, colour in seen.items():
            items.append(f'<li><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true">'
                         f'<rect width="10" height="10" fill="{colour}"/></svg>{escape(word)}</li>')
        items.append('<li><svg class="swatch" viewBox="0 0 10 10" aria-hidden="true">'
                     '<rect width="10" height="10" fill="#c2410c"/>'
                     '<rect y="2" width="10" height="4" fill="#111" fill-opacity="0.3"/></svg>'
                     "target pace band</li>")
        return ('<div class="chart-key"><h3 class="key-heading">Reading the charts</h3>'
                "<p>Each bar is a step: wider is longer, taller is faster; \u00d76 over a block "
                "means it repeats six times.</p>"
                f'<ul class="key">{"".join(items)}</ul></div>')

    def week_section(self, week: Week) -> str:
        n = week.number
        dates = ""
        if self.plan.start is not None:
            first = self.plan.start + _dt.timedelta(days=7 * (n - 1))
            last = first + _dt.timedelta(days=6)
            dates = f"{_date_text(first)} \u2013 {_date_text(last, year=True)}"
        total = Estimate(metres=0.0, seconds=0.0)
        for day in week.days:
            for session in day.sessions:
                if session.workout is not None:
                    total = total + self.estimate(session.workout)
        out = [f'<section class="week" id="week-{n}" aria-labelledby="week-{n}-heading">',
               f'<h2 id="week-{n}-heading">Week {n}'
               + (f' <span class="dates">{escape(dates)}</span>' if dates else "") + "</h2>"]
        if total.seconds > 0:
            out.append(f'<p class="week-total">Running: {escape(_estimate_text(total, self.units))}</p>')
        out.append('<ol class="days">')
        by_day = {d.weekday: d for d in week.days}
        for weekday in range(7):
            out.append(self.day_cell(week, weekday, by_day.get(weekday)))
        out.append("</ol></section>")
        return "\n".join(out)

    def day_cell(self, week: Week, weekday: int, day: Day | None) -> str:
        date = ""
        if self.plan.start is not None:
            when = self.plan.start + _dt.timedelta(days=7 * (week.number - 1) + weekday)
            date = f' <time datetime="{when.isoformat()}">{_date_text(when)}</time>'
        sessions = day.sessions if day is not None else ()
        classes = "day" + ("" if sessions else " empty")
        out = [f'<li class="{classes}"><h3 class="day-name">{WEEKDAY_NAMES[weekday]}{date}</h3>']
        if not sessions:
            out.append('<p class="nothing">Nothing planned</p>')
        for i, session in enumerate(sessions, start=1):
            out.append(self.session_card(session, f"w{week.number}-d{weekday + 1}-s{i}"))
        out.append("</li>")
        return "\n".join(out)

    def session_card(self, session: Session, sid: str) -> str:
        kind = session.kind
        out = [f'<article class="session {kind.value}" aria-labelledby="{sid}-heading">',
               f'<h4 id="{sid}-heading">{escape(session.title)}</h4>']
        if kind is not SessionKind.RUN:
            out.append(f'<p class="kind">{KIND_WORDS[kind]}</p>')
        if session.text and not _says_the_same(session.text, session.title):
            out.append(f'<p class="cell">{escape(session.text)}</p>')
        if session.workout is not None:
            workout = session.workout
            est = self.estimate(workout)
            out.append(f'<p class="estimate">{escape(_estimate_text(est, self.units))}</p>')
            words = describe_workout(workout, paces=self.paces, easy=self.easy, units=self.units)
            svg = render_workout_svg(workout, paces=self.paces, easy=self.easy, speed_max=self.speed_max,
                                     chart_id=f"{sid}-chart", units=self.units,
                                     title=f"Chart of {session.title}", estimate=est, description=words)
            out.append(f'<figure class="chart" aria-describedby="{sid}-caption">{svg}'
                       f'<figcaption id="{sid}-caption" class="visually-hidden">Steps: {escape(words)}.'
                       "</figcaption></figure>")
            out.append(self.steps_list(workout.steps, top=True))
            if est.notes:
                out.append(f'<p class="assumed">Estimate: {escape("; ".join(est.notes))}.</p>')
            if workout.description and workout.description.strip() not in (session.title, session.text):
                out.append(f'<p class="note">{escape(workout.description)}</p>')
        elif session.length is not None:
            out.append(f'<p class="estimate">{escape(format_length(session.length, self.units, ascii=False))}</p>')
        if session.alternatives:
            alts = []
            for alt in session.alternatives:
                text = alt.title
                if alt.workout is None and alt.length is not None and not any(c.isdigit() for c in text):
                    text += f" ({format_length(alt.length, self.units)})"
                if alt.workout is not None:
                    text += f" ({_estimate_text(self.estimate(alt.workout), self.units)})"
                alts.append(f"<li>{escape(text)}</li>")
            out.append(f'<div class="alternatives"><p>Or instead:</p><ul>{"".join(alts)}</ul></div>')
        out.append("</article>")
        return "\n".join(out)

    def steps_list(self, nodes: tuple[Node, ...], *, top: bool = False) -> str:
        items = []
        for node in nodes:
            if isinstance(node, Repeat):
                count = str(node.count).replace("-", "\u2013")
                items.append(f"<li>{escape(count)} \u00d7{self.steps_list(node.steps)}</li>")
            else:
                assert isinstance(node, Step)
                text = describe_node(node, paces=self.paces, easy=self.easy, units=self.units)
                cls = f' class="{node.intensity.value}"'
                if isinstance(node.target, PaceRef) and node.label is None:
                    cls = f' class="{node.intensity.value} unresolved"'
                items.append(f"<li{cls}>{escape(text)}</li>")
        return f'<ol class="steps{" top" if top else ""}">{"".join(items)}</ol>'
