"""``paceplan paces``: every pace label for a race result, as a table or as JSON.

JSON schema (``--json``), stable and deterministic; numbers rounded to 0.01::

    {"model": "vdot" | "riegel" | "cameron",
     "vdot": float,                       # the runner's VDOT (of the result, or as given)
     "paces": [                           # every label, in paceplan.labels.KNOWN_LABELS order
       {"label": str,                     # canonical label: "Mile", "5K", "E", "GMP", ...
        "distance_m": float | null,       # race labels only; null for training labels
        "race_time_s": float | null,      # race labels only; null for training labels
        "pace_s_per_km": float,           # the pace; for a range (E) the middle by speed
        "band_s_per_km": [slow, fast]},   # the watch band for "@ label": +-band for a single
       ...]}                              #   pace, the range's own ends for E
"""

from __future__ import annotations

import json

import click

from ..paces import MODELS, PaceTable, Runner, format_per_400m, format_speed, pace_table
from ..paces.format import SpeedUnit
from ..paces.table import PaceEntry
from ..units import Distance, PaceRange, PaceUnit, format_clock
from ._common import handles_plan_errors, report_warnings, strict_option

__all__ = ["paces", "table_json", "table_text"]


def _r(x: float) -> float:
    return round(x, 2)


def table_json(table: PaceTable, *, band: float) -> dict[str, object]:
    """The ``--json`` document for a pace table (see the module docstring for the schema)."""
    rows = []
    for e in table.entries:
        target = table.target(e.label, band=band)
        rows.append({
            "label": e.label,
            "distance_m": _r(e.distance_m) if e.distance_m is not None else None,
            "race_time_s": _r(e.race_time_s) if e.race_time_s is not None else None,
            "pace_s_per_km": _r(e.pace.mid.seconds_per_km),
            "band_s_per_km": [_r(target.slow.seconds_per_km), _r(target.fast.seconds_per_km)],
        })
    return {"model": table.model, "vdot": _r(table.vdot), "paces": rows}


def _note(e: PaceEntry, table: PaceTable) -> str:
    if e.origin == "given":
        return "given"
    if e.origin == "goal":
        return f"goal {table.runner.goal}"
    if e.origin == "current":
        return "no goal: = CMP"
    if e.extrapolated:
        return "extrapolated"
    return ""


def table_text(table: PaceTable, *, units: str, band: float) -> str:
    """The aligned text table ``paceplan paces`` prints."""
    unit: PaceUnit = "mi" if units == "mi" else "km"
    speed: SpeedUnit = "mph" if units == "mi" else "km/h"
    header = ["Label", "Distance", "Race time", f"Pace /{unit}", "/400m", speed, f"Watch band /{unit}", ""]
    rows = [header]
    for e in table.entries:
        target: PaceRange = table.target(e.label, band=band)
        rows.append([
            e.label,
            Distance(e.distance_m).format("imperial" if unit == "mi" else "metric") if e.distance_m else "",
            format_clock(e.race_time_s) if e.race_time_s is not None else "",
            e.pace.format(unit).rsplit("/", 1)[0],
            format_per_400m(e.pace),
            format_speed(e.pace, speed).rsplit(" ", 1)[0],
            target.format(unit).rsplit("/", 1)[0],
            _note(e, table),
        ])
    widths = [max(len(r[i]) for r in rows) for i in range(len(header))]
    right = {1, 2, 3, 4, 5, 6}
    who = table.runner.describe()
    fitness = "" if table.runner.vdot is not None else f": VDOT {table.vdot:.1f}"
    lines = [f"Paces for {who}{fitness}, model {table.model}", ""]
    for r in rows:
        cells = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


@click.command("paces")
@click.option("--race", metavar="DIST=TIME", help="A recent result: mile=6:00, 5k=20:29, HM=1:34:06, 3000m=10:00.")
@click.option("--vdot", type=float, metavar="N", help="A VDOT number instead of a race result.")
@click.option("--goal", metavar="DIST=TIME", help="A goal result, for goal mile pace (GMP).")
@click.option("--pace", "paces_given", multiple=True, metavar="LABEL=PACE",
              help="An explicit pace overriding the model: HM=4:28/km (repeatable).")
@click.option("--model", type=click.Choice(MODELS), default="vdot", show_default=True,
              help="Race equivalence model.")
@click.option("--units", type=click.Choice(["km", "mi"]), default="km", show_default=True,
              help="Show paces per km (and km/h) or per mile (and mph).")
@click.option("--band", type=click.FloatRange(0, 49.9), default=2.0, show_default=True, metavar="PERCENT",
              help="Watch band for a single pace, +- percent of speed.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@strict_option
@handles_plan_errors
def paces(race: str | None, vdot: float | None, goal: str | None, paces_given: tuple[str, ...],
          model: str, units: str, band: float, as_json: bool, strict: bool) -> None:
    """Show every training pace for a race result (default runner: a 7:04 mile)."""
    if race is not None and vdot is not None:
        raise click.UsageError("give --race or --vdot, not both")
    runner = Runner.from_options(race=race, vdot=vdot, goal=goal, paces=paces_given)
    result = pace_table(runner, model)
    fraction = band / 100.0
    if as_json:
        out = json.dumps(table_json(result.value, band=fraction), indent=2, ensure_ascii=False)
    else:
        out = table_text(result.value, units=units, band=fraction)
    report_warnings(result.warnings, strict=strict)
    click.echo(out)
