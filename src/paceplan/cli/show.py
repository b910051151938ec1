"""``paceplan show TEXT``: a coach's cell as the workout paceplan reads, with the runner's paces.

Prints an indented step tree (each step with its label and the runner's watch band) and a
summary; ``--json`` prints ``{"workout": ..., "session": ..., "summary": ...}``::

    {"workout": <workout as in paceplan.writers.json_model, paces resolved for the runner,
                 count and length ranges kept> | null (a non-running session),
     "session": <the session with its alternatives, as read (paces unresolved)>,
     "summary": {"reps_policy": "low"|"high"|"mid",  # how count and length ranges were chosen
                 "work_reps": int,           # quality steps (reps, paced runs; not easy running), unrolled
                 "work_distance_m": float,   # sum over work steps measured by distance
                 "work_time_s": float,       # sum over work steps measured by time
                 "recovery_distance_m": float, "recovery_time_s": float,  # recovery/rest steps
                 "total_distance_m": float, "total_time_s": float,  # every step with a fixed length
                 "open_steps": int,          # lap-button steps (no fixed length), unrolled
                 "estimated_distance_m": float, "estimated_time_s": float}}  # at the runner's paces

Counts and length ranges (``6-10 x``, ``45 - 60 min``) are chosen by ``--reps`` (default
``low``: the fewer reps and the shorter length) for the summary; the choice is reported on stderr.

Given a plan file (``.yaml``, ``.yml``, ``.csv``, ``.tsv``) or ``--template NAME`` instead, it
prints the plan as week tables with the runner's paces (``--week N`` for one week).
"""

from __future__ import annotations

import datetime as _dt
import json
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import Diagnostic, Severity
from ..model import Session, SessionKind
from ..passes.summary import Summary, summarize
from ..writers.workout_text import format_length, summary_text, tree_lines
from ._common import handles_plan_errors, load_plan, report_warnings, strict_option

if TYPE_CHECKING:
    from ..passes.choose import Policy

__all__ = ["show", "show_plan", "show_text"]


def show_text(text: str, *, race: str | None, reps: Policy, as_json: bool, units: str | None,
              strict: bool) -> str:
    """Read one cell, resolve its paces for the runner, and render it (text or JSON)."""
    from ..paces import Runner
    from ..passes.choose import choose_ranges
    from ..passes.resolve import estimate, resolve_paces
    from ..readers.notation import read_notation_result
    from ..writers.json_model import session_to_dict, workout_to_dict
    from ..writers.notation import write_notation

    read = read_notation_result(text, units=units)
    session: Session = read.value
    warnings: list[Diagnostic] = list(read.warnings)
    runner = Runner.from_options(race=race)
    display_units = units or "metric"
    workout = session.workout
    resolved = chosen = None
    est = None
    if workout is not None:
        res = resolve_paces(workout, runner)
        resolved = res.value
        warnings.extend(res.warnings)
        picked = choose_ranges(resolved, reps=reps, lengths=reps)
        chosen = picked.value
        warnings.extend(picked.warnings)
        est = estimate(workout, runner, reps=reps)
    summary = summarize(chosen) if chosen is not None else Summary()
    report_warnings(warnings, strict=strict)
    if as_json:
        summ = {"reps_policy": reps, **summary.as_dict()}
        summ["estimated_distance_m"] = round(est.distance_m, 3) if est is not None else 0.0
        summ["estimated_time_s"] = round(est.time_s, 3) if est is not None else 0.0
        doc = {"workout": workout_to_dict(resolved) if resolved is not None else None,
               "session": session_to_dict(session), "summary": summ}
        return json.dumps(doc, indent=2, ensure_ascii=False, sort_keys=False)
    head = write_notation(session.workout) if session.kind is SessionKind.RUN and session.workout else session.title
    lines = [f"{session.kind.value}: {head}"]
    if session.length is not None:
        lines[0] += f" ({format_length(session.length, display_units)})"
    if resolved is not None:
        lines.append(f"Runner: {runner.describe()}")
        lines.extend(tree_lines(resolved.steps, units=display_units))
        lines.append(summary_text(summary, est, display_units, reps))
    for alt in session.alternatives:
        lines.append(f"or ({alt.kind.value}): {write_notation(alt)}")
    return "\n".join(lines)


PLAN_SUFFIXES = (".yaml", ".yml", ".csv", ".tsv")


def show_plan(plan: Path | None, template: str | None, *, race: str | None, week: int | None,
              units: str | None, strict: bool) -> str:
    """A plan file or template as week tables with the runner's paces."""
    from ..build import BuildOptions, compile_plan
    from ..paces import Runner
    from ..writers.terminal import render_plan_table

    plan_file = load_plan(plan, template)
    compiled = compile_plan(plan_file, Runner.from_options(race=race), BuildOptions(today=_dt.date.today()))
    # The table shows ranges as the coach wrote them, so the watch's choices are no news here.
    report_warnings([w for w in compiled.warnings if w.severity is not Severity.NOTE
                     and w.code not in ("count-range", "length-range")], strict=strict)
    shown_units = units or plan_file.units or "metric"
    return render_plan_table(compiled.resolved_plan(), week=week, paces=compiled.table,
                             units="mi" if shown_units == "imperial" else "km",
                             width=shutil.get_terminal_size().columns)


@click.command("show")
@click.argument("text", required=False)
@click.option("-t", "--template", metavar="NAME", help="Show a shipped plan template (see `paceplan templates`).")
@click.option("--week", type=click.IntRange(min=1), default=None, help="With a plan: show only week N.")
@click.option("--race", metavar="DIST=TIME", default=None,
              help="A recent race result setting your paces, e.g. mile=6:00 (default: a 7:04 mile).")
@click.option("--reps", type=click.Choice(["low", "high", "mid"]), default="low", show_default=True,
              help="How to choose within count and length ranges (6-10 x, 45 - 60 min).")
@click.option("--json", "as_json", is_flag=True, help="Print the workout and a summary as JSON.")
@click.option("--units", type=click.Choice(["metric", "imperial"]), default=None,
              help="Units of the text: imperial reads '3 m' as miles; also the display units.")
@strict_option
@handles_plan_errors
def show(text: str | None, template: str | None, week: int | None, race: str | None, reps: Policy,
         as_json: bool, units: str | None, strict: bool) -> None:
    """Show a workout written in coach notation, or a whole plan, with your paces.

    TEXT is one plan cell, e.g. "6-10 x 400m @ HM-10K w/ 400m jog recovery", or a plan file
    (.yaml, .csv); --template NAME shows a shipped plan.
    """
    is_plan = text is not None and text.strip().lower().endswith(PLAN_SUFFIXES)
    if template is not None or is_plan:
        if as_json:
            raise click.UsageError("--json is for one workout; for a whole plan use paceplan build")
        click.echo(show_plan(Path(text) if is_plan and text else None, template, race=race, week=week,
                             units=units, strict=strict), nl=False)
        return
    if text is None:
        raise click.UsageError("give TEXT (a plan cell), a plan file, or --template NAME")
    if week is not None:
        raise click.UsageError("--week goes with a plan file or --template")
    click.echo(show_text(text, race=race, reps=reps, as_json=as_json, units=units, strict=strict))
