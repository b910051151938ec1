"""``paceplan compare``: a recorded run (GPX or FIT activity) against its planned workout."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from ..errors import Diagnostic, PlanError, PlanValueError
from ._common import handles_plan_errors, report_warnings, strict_option

if TYPE_CHECKING:
    from ..passes.choose import Policy
    from ..units import PaceUnit

_POLICY = click.Choice(["low", "high", "mid"])


@click.command("compare")
@click.argument("activity", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--workout", "workout_text", metavar="TEXT",
              help="The planned workout in plan notation, e.g. '6 x 400m @ Mile w/ 400m jog'.")
@click.option("--fit-workout", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="The planned workout as the FIT workout file sent to the watch.")
@click.option("--plan", "plan_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A plan file (YAML or CSV); with --date picks that day's run.")
@click.option("--date", "date_text", metavar="YYYY-MM-DD", help="The day of the run in --plan.")
@click.option("--start", metavar="YYYY-MM-DD", help="With --plan: the Monday of week 1 (as built).")
@click.option("--race-date", metavar="YYYY-MM-DD", help="With --plan: the race date it was built for.")
@click.option("--race", metavar="DIST=TIME", help="Your race result for paces, e.g. mile=6:00, 5k=20:29.")
@click.option("--vdot", type=float, help="Your VDOT instead of a race result.")
@click.option("--reps", type=_POLICY, default="low", show_default=True,
              help="Planned count of a rep range (6-10 x); more or fewer reps are still detected.")
@click.option("--lengths", type=_POLICY, default="low", show_default=True,
              help="Planned length of a length range when no change of speed marks its end.")
@click.option("--tolerance", type=click.FloatRange(0, 60), default=0.0, show_default=True, metavar="S",
              help="Seconds per km of slack each side of a pace band before a rep counts as off.")
@click.option("--units", type=click.Choice(["km", "mi"]), default="km", show_default=True,
              help="Pace unit of the table and chart (JSON is always per km).")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (schema paceplan.compare/1) instead of a table.")
@click.option("--html", "html_path", type=click.Path(dir_okay=False, path_type=Path),
              help="Also write an HTML page charting plan against actual.")
@strict_option
@handles_plan_errors
def compare(activity: Path, workout_text: str | None, fit_workout: Path | None, plan_path: Path | None,
            date_text: str | None, start: str | None, race_date: str | None, race: str | None,
            vdot: float | None, reps: Policy, lengths: Policy, tolerance: float, units: PaceUnit, as_json: bool,
            html_path: Path | None, strict: bool) -> None:
    """Compare a recorded run (ACTIVITY: .gpx or .fit) with its planned workout, rep by rep.

    Give the plan as --workout TEXT, --fit-workout FILE, or --plan FILE --date DATE.
    """
    from ..compare import compare_workout, comparison_to_dict, format_table, read_activity

    sources = [x is not None for x in (workout_text, fit_workout, plan_path)]
    if sum(sources) != 1:
        raise click.UsageError("give the planned workout once: --workout TEXT, --fit-workout FILE, "
                               "or --plan FILE --date DATE")
    if (plan_path is None) != (date_text is None):
        raise click.UsageError("--plan and --date go together")
    if race is not None and vdot is not None:
        raise click.UsageError("give --race or --vdot, not both")
    warnings: list[Diagnostic] = []
    if workout_text is not None:
        workout = _from_notation(workout_text, race, vdot, warnings)
    elif fit_workout is not None:
        from ..readers.fit import read_fit_workout

        workout = read_fit_workout(_read(fit_workout), name=str(fit_workout))
    else:
        assert plan_path is not None and date_text is not None
        workout = _from_plan(plan_path, date_text, start, race_date, race, vdot, reps, lengths, warnings)
    run = read_activity(_read(activity), name=str(activity))
    if tolerance != tolerance:  # NaN passes click's FloatRange (every comparison with NaN is false)
        raise click.BadParameter("must be a number of seconds per km", param_hint="--tolerance")
    result = compare_workout(workout, run, reps=reps, lengths=lengths, tolerance_s_per_km=tolerance)
    warnings.extend(result.warnings)
    data = comparison_to_dict(result.value, tuple(warnings))
    if html_path is not None:
        from ..atomic import atomic_write_text
        from ..writers.compare_html import write_compare_html

        atomic_write_text(html_path, write_compare_html(data, unit=units))
    if as_json:
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        click.echo(format_table(result.value, unit=units), nl=False)
        if html_path is not None:
            click.echo(f"Wrote {html_path}")
    report_warnings(warnings, strict=strict)


def _read(path: Path) -> bytes:
    from ..compare.activity import MAX_ACTIVITY_BYTES
    from ..input_file import read_input_file

    return read_input_file(path, limit=MAX_ACTIVITY_BYTES, what="activity file", code="compare-unreadable",
                           too_big="activity-too-big", hint="check the path and its permissions",
                           size_hint="give the .gpx or .fit file of one activity")


def _runner(race: str | None, vdot: float | None) -> Any:
    from ..paces import Runner

    return Runner.from_options(race=race, vdot=vdot)


def _from_notation(text: str, race: str | None, vdot: float | None, warnings: list[Diagnostic]) -> Any:
    from ..readers.notation import read_notation

    session = read_notation(text, source_name="--workout")
    if session.workout is None:
        raise PlanValueError(f"'{text}' is a {session.kind.value} day: it has no run to compare with",
                             hint="give the run's workout, e.g. '6 x 400m @ Mile w/ 400m jog'",
                             code="compare-no-run")
    if race is None and vdot is None:
        return session.workout
    from ..passes.resolve import resolve_paces

    resolved = resolve_paces(session.workout, _runner(race, vdot))
    warnings.extend(resolved.warnings)
    return resolved.value


def _from_plan(path: Path, date_text: str, start: str | None, race_date: str | None, race: str | None,
               vdot: float | None, reps: Policy, lengths: Policy, warnings: list[Diagnostic]) -> Any:
    from ..build import compile_plan, options_with_defaults
    from ..readers.plan import read_plan
    from ..schedule import parse_date

    day = parse_date(date_text, what="date")
    plan_file = read_plan(path)
    given: dict[str, object] = {"reps": reps, "lengths": lengths, "formats": ("fit",)}
    if start is not None:
        given["start"] = parse_date(start, what="start date")
    if race_date is not None:
        given["race_date"] = parse_date(race_date, what="race date")
    if race is not None:
        given["race"] = race
    options, race_text = options_with_defaults(plan_file, given)
    if options.start is None and options.race_date is None:
        raise PlanValueError(f"{path}: the plan's dates are not known",
                             hint="give --start (the Monday of week 1 you built with) or --race-date",
                             code="compare-no-start")
    if race_text is not None and vdot is not None:
        raise click.UsageError("give --race or --vdot, not both")
    compiled = compile_plan(plan_file, _runner(race_text, vdot), options)
    runs = [s for s in compiled.sessions if s.scheduled.date == day and s.workout is not None]
    if not runs:
        dated = sorted({s.scheduled.date for s in compiled.sessions if s.workout is not None})
        near = sorted(dated, key=lambda d: abs((d - day).days))[:3]
        raise PlanValueError(
            f"{path}: no run is planned on {day.isoformat()} (plan weeks {compiled.start.isoformat()} onwards)",
            hint=("runs nearby: " + ", ".join(d.isoformat() for d in sorted(near))) if near
            else "check --date and --start", code="compare-no-run")
    if len(runs) > 1:
        from ..errors import warning

        warnings.append(warning(f"{len(runs)} runs are planned on {day.isoformat()}: comparing the first "
                                f"({runs[0].scheduled.key})", code="compare-two-runs"))
    return runs[0].workout
