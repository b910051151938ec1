"""A self-contained HTML page charting a recorded run against its plan (no scripts, no fetches).

Input is the plain-data comparison in the ``paceplan.compare/1`` schema (see
:mod:`paceplan.compare.report`), so this writer needs nothing from the compare package (writers
sit below compare in the dependency order) and can also render a saved ``--json`` file.

The chart (inline SVG) puts time on x and pace on y, faster up:

- a shaded band per planned step with a target, from where the step began to where it ended;
- the recorded pace (smoothed speed as pace) as a line, broken where the runner stopped;
- each step's average pace as a thick bar over its stretch: green on target, orange off target,
  grey without a target. Missed and not-reached steps have no stretch; the table under the
  chart lists them greyed.

The page carries its own text alternative (``<title>``/``<desc>`` in the SVG) and a table of every
step. Output is deterministic: the same data gives the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape
from typing import Any

__all__ = ["write_compare_html"]

WIDTH, HEIGHT = 960, 360
LEFT, RIGHT, TOP, BOTTOM = 64, 16, 16, 40
MILE_M = 1609.344
SLOWEST_SHOWN_S_PER_KM = 600.0


def _clock(seconds: float) -> str:
    total = int(round(seconds))
    h, rem = divmod(total, 3600)
    m, s = divmod(rem, 60)
    return f"{h}:{m:02d}:{s:02d}" if h else f"{m}:{s:02d}"


def _pace_text(s_per_km: float | None, unit: str) -> str:
    if s_per_km is None:
        return "-"
    return f"{_clock(s_per_km * (MILE_M / 1000 if unit == 'mi' else 1))}/{unit}"


def _num(x: float) -> str:
    return f"{x:.1f}".rstrip("0").rstrip(".")


def write_compare_html(report: Mapping[str, Any], *, unit: str = "km") -> str:
    """The page for one comparison (a ``paceplan.compare/1`` mapping); ``unit`` is ``km`` or ``mi``."""
    steps: Sequence[Mapping[str, Any]] = report["steps"]
    summary: Mapping[str, Any] = report["summary"]
    title = f"{report['workout']} vs {report['activity']}"
    svg = _chart(report, unit)
    rows = []
    for s in steps:
        target = s["target"]["text"] if s.get("target") else (s.get("label") or "")
        if unit == "mi" and s.get("target"):
            target = (f"{_pace_text(s['target']['fast_s_per_km'], 'mi')[:-3]}-"
                      f"{_pace_text(s['target']['slow_s_per_km'], 'mi')}")
        if s.get("target") and s.get("label"):
            target = f"{s['label']} {target}"
        result = s["verdict"] or ""
        if s["verdict"] in ("fast", "slow") and s.get("off_s_per_km") is not None:
            off = abs(s["off_s_per_km"]) * (MILE_M / 1000 if unit == "mi" else 1)
            result = f"{s['verdict']} by {off:.0f} s/{unit}"
        if s["status"] != "done":
            result = f"{s['status']}{'; ' + result if result else ''}"
        rep = f"{s['rep']}/{s['reps']}" if s.get("rep") is not None else ""
        dist = "" if s.get("distance_m") is None else (
            f"{s['distance_m']:.0f} m" if s["distance_m"] < 1000 else f"{s['distance_m'] / 1000:.2f} km")
        time = "" if s.get("moving_s") is None else _clock(s["moving_s"])
        css = {"on target": "ok", "fast": "off", "slow": "off"}.get(s["verdict"] or "", "")
        if s["status"] in ("missed", "not-reached"):
            css = "miss"
        rows.append(f"<tr class=\"{css}\"><td>{s['number']}</td><td>{escape(s['step'])}</td><td>{rep}</td>"
                    f"<td>{escape(target)}</td><td>{dist}</td><td>{time}</td>"
                    f"<td>{_pace_text(s.get('pace_s_per_km'), unit)}</td><td>{escape(result)}</td></tr>")
    facts = [f"Reps run: {summary['reps_run']} of {summary['reps_planned']}"]
    if summary["reps_with_target"]:
        facts.append(f"on target: {summary['reps_on_target']} of {summary['reps_with_target']}")
    if summary.get("fade_s_per_km_per_rep") is not None:
        k = MILE_M / 1000 if unit == "mi" else 1
        facts.append(f"fade: {summary['fade_s_per_km_per_rep'] * k:+.1f} s/{unit} per rep")
    facts.append(f"total: {summary['distance_m'] / 1000:.2f} km in {_clock(summary['elapsed_s'])}")
    if summary["stopped_s"] >= 1:
        facts.append(f"stopped {_clock(summary['stopped_s'])}")
    warnings = "".join(f"<li>{escape(w['message'])}</li>" for w in report.get("warnings", []))
    return f"""<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="paceplan">
<title>{escape(title)}</title>
<style>
body {{ font: 15px/1.4 system-ui, sans-serif; margin: 1.5rem auto; max-width: 62rem; padding: 0 1rem; color: #1d2327; }}
h1 {{ font-size: 1.3rem; }}
svg {{ width: 100%; height: auto; }}
table {{ border-collapse: collapse; width: 100%; margin-top: 1rem; }}
th, td {{ text-align: left; padding: .2rem .5rem; border-bottom: 1px solid #ddd; }}
tr.ok td:last-child {{ color: #1a7f37; }}
tr.off td:last-child {{ color: #b35900; }}
tr.miss td {{ color: #888; }}
.facts {{ color: #444; }}
.legend {{ font-size: 13px; color: #444; }}
.key {{ display: inline-block; width: 1.6em; height: .6em; margin: 0 .3em 0 1em; vertical-align: middle; }}
.key.band {{ background: #9ecbff; margin-left: 0; }}
.key.line {{ height: 2px; background: #444; }}
.key.ok {{ height: 4px; background: #1a7f37; }}
.key.off {{ height: 4px; background: #d97706; }}
.key.none {{ height: 4px; background: #888; }}
</style>
</head>
<body>
<h1>{escape(title)}</h1>
<p class="facts">{escape("; ".join(facts))}</p>
{svg}
<p class="legend"><span class="key band"></span> planned pace band
<span class="key line"></span> recorded pace (10 s average)
<span class="key ok"></span> step average on target
<span class="key off"></span> off target <span class="key none"></span> no target</p>
<table>
<thead><tr><th>#</th><th>step</th><th>rep</th><th>target</th><th>distance</th><th>time</th><th>pace</th><th>result</th></tr></thead>
<tbody>
{chr(10).join(rows)}
</tbody>
</table>
{f'<ul class="warnings">{warnings}</ul>' if warnings else ''}
</body>
</html>
"""


def _chart(report: Mapping[str, Any], unit: str) -> str:
    series = report["series"]
    times: list[float] = list(series["elapsed_s"])
    speeds: list[float] = list(series["speed_mps"])
    steps = [s for s in report["steps"] if s.get("start_s") is not None and s.get("elapsed_s") is not None]
    end = max([times[-1] if times else 1.0] + [s["start_s"] + s["elapsed_s"] for s in steps]) or 1.0
    paces = [s["pace_s_per_km"] for s in steps if s.get("pace_s_per_km")]
    for s in steps:
        if s.get("target"):
            paces += [s["target"]["fast_s_per_km"], s["target"]["slow_s_per_km"]]
    fastest = min(paces) - 30 if paces else 180.0
    slowest = min(SLOWEST_SHOWN_S_PER_KM, max(paces) + 40) if paces else 480.0
    fastest = max(60.0, min(fastest, slowest - 30))

    def x(t: float) -> float:
        return LEFT + (WIDTH - LEFT - RIGHT) * t / end

    def y(p: float) -> float:
        p = min(max(p, fastest), slowest)
        return TOP + (HEIGHT - TOP - BOTTOM) * (p - fastest) / (slowest - fastest)

    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" role="img" '
             f'aria-labelledby="chart-title chart-desc">',
             f'<title id="chart-title">Pace over time: {escape(report["workout"])}</title>',
             f'<desc id="chart-desc">{escape(_describe(report, unit))}</desc>',
             f'<rect x="{LEFT}" y="{TOP}" width="{WIDTH - LEFT - RIGHT}" height="{HEIGHT - TOP - BOTTOM}" fill="#fafafa" stroke="#ccc"/>']
    # pace grid every 30 s per unit
    k = MILE_M / 1000 if unit == "mi" else 1.0
    tick = 30.0
    first = (int(fastest * k / tick) + 1) * tick
    p = first
    while p < slowest * k:
        yy = y(p / k)
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{_num(yy)}" y2="{_num(yy)}" stroke="#e4e4e4"/>')
        parts.append(f'<text x="{LEFT - 6}" y="{_num(yy + 4)}" font-size="11" text-anchor="end">{_clock(p)}</text>')
        p += tick
    minutes = max(1, int(end / 60 / 8) or 1)
    m = 0
    while m * 60 <= end:
        xx = x(m * 60)
        parts.append(f'<text x="{_num(xx)}" y="{HEIGHT - BOTTOM + 16}" font-size="11" text-anchor="middle">{m}\'</text>')
        m += minutes
    parts.append(f'<text x="{_num((LEFT + WIDTH) / 2)}" y="{HEIGHT - 6}" font-size="11" text-anchor="middle">'
                 f'minutes (pace per {unit}, faster up)</text>')
    for s in steps:
        x0, x1 = x(s["start_s"]), x(s["start_s"] + s["elapsed_s"])
        parts.append(f'<line x1="{_num(x0)}" x2="{_num(x0)}" y1="{TOP}" y2="{HEIGHT - BOTTOM}" stroke="#eee"/>')
        if s.get("target"):
            y0, y1 = y(s["target"]["fast_s_per_km"]), y(s["target"]["slow_s_per_km"])
            parts.append(f'<rect class="band" x="{_num(x0)}" y="{_num(y0)}" width="{_num(max(1.0, x1 - x0))}" '
                         f'height="{_num(max(2.0, y1 - y0))}" fill="#9ecbff" fill-opacity="0.45"/>')
    # recorded pace, broken where speed is too low to be a pace worth drawing
    runs: list[list[str]] = [[]]
    for t, v in zip(times, speeds):
        if v <= 1000 / SLOWEST_SHOWN_S_PER_KM / 1.5:
            if runs[-1]:
                runs.append([])
            continue
        runs[-1].append(f"{_num(x(t))},{_num(y(1000 / v))}")
    for run in runs:
        if len(run) > 1:
            parts.append(f'<polyline class="actual" points="{" ".join(run)}" fill="none" stroke="#444" stroke-width="1.2"/>')
    for s in steps:
        if not s.get("pace_s_per_km"):
            continue
        colour = {"on target": "#1a7f37", "fast": "#d97706", "slow": "#d97706"}.get(s["verdict"] or "", "#888")
        x0, x1 = x(s["start_s"]), x(s["start_s"] + s["elapsed_s"])
        yy = y(s["pace_s_per_km"])
        parts.append(f'<line class="avg" x1="{_num(x0)}" x2="{_num(x1)}" y1="{_num(yy)}" y2="{_num(yy)}" '
                     f'stroke="{colour}" stroke-width="4"><title>#{s["number"]} {escape(s["step"])}: '
                     f'{_pace_text(s["pace_s_per_km"], unit)}</title></line>')
    parts.append("</svg>")
    return "\n".join(parts)


def _describe(report: Mapping[str, Any], unit: str) -> str:
    reps = [s for s in report["steps"] if s.get("is_rep")]
    done = [s for s in reps if s.get("pace_s_per_km")]
    text = f"{len(done)} of {len(reps)} reps run"
    if done:
        text += ": " + ", ".join(_pace_text(s["pace_s_per_km"], unit) + (f" ({s['verdict']})" if s["verdict"] else "")
                                 for s in done)
    return text
