"""``paceplan build``: the main job. A plan (or a shipped template) and a race result in; FIT
workouts, a FIT schedule and a calendar out, with what was written and how to use it."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

import click

from ..errors import Diagnostic, PlanValueError, Severity, render_diagnostics
from ._common import EXIT_STRICT, handles_plan_errors, load_plan, strict_option

_POLICY = click.Choice(["low", "high", "mid"])


def _date(value: str | None, what: str) -> _dt.date | None:
    from ..schedule import parse_date

    return None if value is None else parse_date(value, what=what)


@click.command("build")
@click.argument("plan", required=False, type=click.Path(dir_okay=False, path_type=Path))
@click.option("-t", "--template", metavar="NAME", help="Build a shipped template (see `paceplan templates`). "
              "Default when no PLAN is given: mile-8wk.")
@click.option("--race", metavar="DIST=TIME", help="Your recent race result, e.g. mile=6:00, 5k=20:29. "
              "Default: a 7:04 mile.")
@click.option("--vdot", type=float, help="Your VDOT instead of a race result.")
@click.option("--goal", metavar="DIST=TIME", help="A goal result: paces the race-day mile (GMP).")
@click.option("--start", metavar="YYYY-MM-DD", help="The Monday of week 1. Default: next Monday.")
@click.option("--race-date", metavar="YYYY-MM-DD", help="Count back so the race falls on this date.")
@click.option("-o", "--out", "out_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Output folder (default: ./paceplan-out).")
@click.option("--format", "formats", metavar="LIST", default=None,
              help="Comma-separated outputs: fit, ics, html, garmin-json, intervals (default: fit,ics,html).")
@click.option("--reps", type=_POLICY, default=None, help="Repeat ranges (6-10 x): low (default), high or mid.")
@click.option("--lengths", type=_POLICY, default=None, help="Length ranges (45 - 60 min): low (default), high or mid.")
@click.option("--warmup", metavar="lap|MIN", default=None,
              help="Warm-up before quality sessions: lap (lap button, easy pace; default), minutes, or 0.")
@click.option("--cooldown", metavar="lap|MIN", default=None, help="Cool-down, as --warmup.")
@click.option("--time", "time_", metavar="HH:MM", default=None, help="Timed calendar events at this time (with --tz).")
@click.option("--tz", metavar="ZONE", default=None, help="IANA time zone for --time, e.g. Europe/Berlin.")
@click.option("--alarm", metavar="OFFSET", default=None, help="Calendar reminder, e.g. -PT1H (an hour before).")
@click.option("--schedule-weeks", type=int, default=None, metavar="N",
              help="Split the FIT schedule into files of N weeks (watches keep about 4).")
@click.option("--athlete", metavar="NAME", default=None,
              help="Whose calendar: keeps event IDs apart when two people follow one plan.")
@click.option("--no-method", is_flag=True, help="Leave METHOD:PUBLISH out of the calendar.")
@click.option("--ascii-names", is_flag=True,
              help="Garmin Connect JSON: ASCII workout names (Garmin has lost non-ASCII ones).")
@click.option("-v", "--verbose", is_flag=True, help="Show notes too, not just warnings.")
@click.option("--roster", type=click.Path(dir_okay=False, path_type=Path), default=None, metavar="CSV",
              help="Build for a team: a CSV with columns name,race[,start][,goal]; one folder per athlete.")
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=None, metavar="N",
              help="With --roster: worker processes (default: one per core).")
@click.option("-q", "--quiet", is_flag=True, help="With --roster: no progress bar.")
@strict_option
@handles_plan_errors
def build(plan: Path | None, template: str | None, race: str | None, vdot: float | None, goal: str | None,
          start: str | None, race_date: str | None, out_dir: Path | None, formats: str | None,
          reps: str | None, lengths: str | None, warmup: str | None, cooldown: str | None,
          time_: str | None, tz: str | None, alarm: str | None, schedule_weeks: int | None,
          athlete: str | None, no_method: bool, ascii_names: bool, verbose: bool, roster: Path | None, jobs: int | None,
          quiet: bool, strict: bool) -> None:
    """Build a plan into FIT workouts, a FIT schedule, a calendar and a plan page.

    With no arguments: the shipped 8-week mile plan for the default runner (7:04 mile), starting
    next Monday, into ./paceplan-out/.

    With --roster CSV: the plan for every athlete of a team, each with their own race result (and
    start date and goal when the row has them), into one folder per athlete.
    """
    from ..build import DEFAULT_OUT_DIR, OUTPUT_FORMATS, build as run_build, options_with_defaults, parse_option
    from ..paces import Runner

    if roster is not None:
        given_flags = [flag for flag, value in (("--race", race), ("--vdot", vdot), ("--goal", goal),
                                                ("--athlete", athlete)) if value is not None]
        if given_flags:
            raise click.UsageError(f"{', '.join(given_flags)} cannot be used with --roster: "
                                   "each athlete's row gives their race result, goal and name")
    elif jobs is not None:
        raise click.UsageError("--jobs only applies to --roster")
    plan_file = load_plan(plan, template)

    given: dict[str, Any] = {}
    for key, value in (("reps", reps), ("lengths", lengths), ("warmup", warmup), ("cooldown", cooldown),
                       ("time", time_), ("tz", tz), ("alarm", alarm)):
        if value is not None:
            given[key] = parse_option(key, value)
    if schedule_weeks is not None:
        if schedule_weeks < 1:
            raise click.BadParameter("must be at least 1", param_hint="--schedule-weeks")
        given["schedule_weeks"] = schedule_weeks
    if formats is not None:
        names = tuple(f.strip().lower() for f in formats.split(",") if f.strip())
        unknown = [f for f in names if f not in OUTPUT_FORMATS]
        if unknown or not names:
            raise click.BadParameter(f"unknown format {', '.join(unknown) or formats!r}; known: "
                                     + ", ".join(OUTPUT_FORMATS), param_hint="--format")
        given["formats"] = names
    given["start"] = _date(start, "start date")
    given["race_date"] = _date(race_date, "race date")
    given["today"] = _dt.date.today()
    given["athlete"] = athlete
    given["method"] = not no_method
    given["ascii_names"] = ascii_names
    if race is not None:
        given["race"] = race
    options, race_text = options_with_defaults(plan_file, given)
    if (options.time is None) != (options.tz is None):
        raise PlanValueError("timed calendar events need both --time and --tz",
                             hint="e.g. --time 06:30 --tz Europe/Berlin; leave both out for all-day events",
                             code="time-without-tz")
    if roster is not None:
        _build_roster(plan, template, roster, options, plan_file, out_dir=out_dir or Path(DEFAULT_OUT_DIR),
                      jobs=jobs, quiet=quiet, verbose=verbose, strict=strict)
        return
    if race_text is not None and vdot is not None:
        raise click.UsageError("give --race or --vdot, not both")
    runner = Runner.from_options(race=race_text, vdot=vdot, goal=goal)
    report = run_build(plan_file, runner, options, out_dir=out_dir or DEFAULT_OUT_DIR)
    _print_report(report, verbose=verbose)
    warnings = _dedupe(report.warnings)
    shown = [w for w in warnings if w.severity is Severity.WARNING or verbose
             or w.code in ("default-runner",)]
    hidden = len(warnings) - len(shown)
    if shown:
        click.echo(render_diagnostics(shown, limit=50), err=True)
    if hidden:
        click.echo(f"({hidden} notes not shown; --verbose shows them)", err=True)
    if strict and any(w.severity is Severity.WARNING for w in warnings):
        raise SystemExit(EXIT_STRICT)


def _build_roster(plan: Path | None, template: str | None, roster_path: Path, options: Any, plan_file: Any, *,
                  out_dir: Path, jobs: int | None, quiet: bool, verbose: bool, strict: bool) -> None:
    """``build --roster``: every athlete into ``out_dir/<folder>/``; bad rows are reported with
    their line and column, the rest are built; exit 1 at the end when any row failed."""
    import sys

    from ..roster import PlanRef, build_roster, default_jobs, read_roster
    from ._common import EXIT_INPUT, plan_source

    path, name = plan_source(plan, template)
    ref = PlanRef(path=path, name=name)
    team = read_roster(roster_path)
    n = len(team.athletes)
    n_jobs = min(jobs or default_jobs(), max(n, 1))
    if not quiet and n > 0 and _stderr_is_tty():
        label = f"Building {n} athlete{'s' if n != 1 else ''} ({n_jobs} job{'s' if n_jobs != 1 else ''})"
        with click.progressbar(length=n, label=label, file=sys.stderr,
                               show_pos=True) as bar:
            report = build_roster(ref, team, options, out_dir=out_dir, jobs=n_jobs, plan_file=plan_file,
                                  progress=lambda _athlete: bar.update(1))
    else:
        report = build_roster(ref, team, options, out_dir=out_dir, jobs=n_jobs, plan_file=plan_file)
    built = report.built
    click.echo(f"Built {len(built)} of {report.rows} athletes into {out_dir}/ (one folder each, "
               f"{sum(a.files for a in built)} files).")
    listed = built if verbose or len(built) <= 12 else built[:10]
    for a in listed:
        click.echo(f"  {a.athlete.folder}/  {a.athlete.name}: {a.athlete.race}"
                   + (f", start {a.athlete.start.isoformat()}" if a.athlete.start else "")
                   + (f", goal {a.athlete.goal}" if a.athlete.goal else ""))
    if len(listed) < len(built):
        click.echo(f"  ... and {len(built) - len(listed)} more (--verbose lists them)")
    if built:
        click.echo("Each folder holds that athlete's FIT workouts, calendar and plan page; "
                   "calendar event IDs are scoped by the folder name.")
    warnings = list(report.warnings)
    shown = [w for w in warnings if w.severity is Severity.WARNING or verbose]
    if shown:
        click.echo(render_diagnostics(shown, limit=50), err=True)
    if report.more_warnings:
        click.echo(f"({report.more_warnings} more warnings not shown)", err=True)
    if report.errors:
        click.echo(render_diagnostics(report.errors, limit=100), err=True)
        click.echo(f"{report.failed_rows} of {report.rows} athletes not built (see above); "
                   f"the other {len(built)} were written.", err=True)
        raise SystemExit(EXIT_INPUT)
    if strict and any(w.severity is Severity.WARNING for w in warnings):
        raise SystemExit(EXIT_STRICT)


def _stderr_is_tty() -> bool:
    import sys

    return sys.stderr.isatty()


def _dedupe(items: tuple[Diagnostic, ...]) -> list[Diagnostic]:
    seen: set[tuple[str, str | None]] = set()
    out = []
    for d in items:
        key = (d.message, d.span.location() if d.span is not None else None)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def _print_report(report: Any, *, verbose: bool) -> None:
    from ..naming import WEEKDAY_NAMES

    c = report.compiled
    out = report.out_dir
    click.echo(f"Built \"{c.plan.name}\" ({c.plan.id}) for {c.runner.describe()}.")
    start = c.start
    line = f"Week 1 starts Monday {start.isoformat()}"
    if c.race is not None:
        r = c.race.scheduled
        line += f"; race day: {WEEKDAY_NAMES[r.weekday]} {r.date.isoformat()} (week {r.week})"
    click.echo(line + ".")
    click.echo(f"Calendar event IDs are scoped to {c.plan_instance!r}: rebuild with the same --start to update "
               "the same events.")
    click.echo("")
    click.echo(f"Wrote {len(report.files)} files to {out}/:")
    for line in _file_lines(report.files, verbose=verbose):
        click.echo(f"  {line}")
    if report.removed:
        listed = ", ".join(report.removed) if verbose or len(report.removed) <= 5 else \
            ", ".join(report.removed[:5]) + f", ... ({len(report.removed) - 5} more; --verbose lists them)"
        click.echo(f"Removed {len(report.removed)} files an earlier build wrote and this one does not: {listed}")
    fit_dir = out / "fit"
    ics = [f for f in report.files if f.endswith(".ics")]
    click.echo("")
    click.echo("Next steps:")
    if any(f.startswith("fit/") for f in report.files):
        click.echo(f"  Watch:    connect your Garmin by USB, then: paceplan install {out} --device /path/to/GARMIN-drive")
        click.echo(f"            (or copy the files in {fit_dir}/ into GARMIN/NewFiles yourself; newer watches")
        click.echo("            connect over MTP: mount them with OpenMTP, gio or jmtpfs first). Copy schedule files")
        click.echo("            one at a time if you split them with --schedule-weeks. Garmin Connect's web import")
        click.echo("            does not take workout files: use --format garmin-json and paceplan push.")
    if ics:
        click.echo(f"  Calendar: import {out / ics[0]} into a new, separate calendar")
        click.echo("            (Google: Settings > Import & export; Apple: File > Import; Outlook: open the file).")
        click.echo("            To update it later, delete that calendar and import the new file.")
    if "plan.html" in report.files:
        click.echo(f"  Read:     open {out / 'plan.html'} in a browser (prints well too).")


def _file_lines(files: tuple[str, ...], *, verbose: bool) -> list[str]:
    """Every file when few or with --verbose; else one line per folder with a count and examples."""
    if verbose or len(files) <= 12:
        return list(files)
    groups: dict[str, list[str]] = {}
    for rel in files:
        folder, _, name = rel.rpartition("/")
        groups.setdefault(folder, []).append(name)
    lines = []
    for folder, names in groups.items():
        if not folder:
            lines.extend(names)
        elif len(names) <= 3:
            lines.extend(f"{folder}/{n}" for n in names)
        else:
            lines.append(f"{folder}/ ({len(names)} files: {names[0]}, {names[1]}, ...; --verbose lists them)")
    return lines
