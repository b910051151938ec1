"""The page and the week table for the shipped 8-week mile plan, through the real reader, passes
and pace table: the way ``paceplan build`` and ``paceplan show PLAN`` call the writers.

Skips while the plan reader, the notation reader or the build module is missing.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest

from paceplan.model import Plan, SessionKind
from paceplan.writers.html import plan_with_sessions, render_html_result
from paceplan.writers.svg_chart import format_distance, format_minutes
from paceplan.writers.terminal import render_plan_table

START = dt.date(2026, 11, 23)


def compiled_mile_plan() -> Any:
    build = pytest.importorskip("paceplan.build")
    pytest.importorskip("paceplan.readers.notation")
    paces = pytest.importorskip("paceplan.paces")
    plan_reader = pytest.importorskip("paceplan.readers.plan")
    templates = pytest.importorskip("paceplan.templates")
    plan_file = plan_reader.read_plan(templates.template_path("mile-8wk"))
    return build.compile_plan(plan_file, paces.Runner.parse_race("mile=6:00"),
                              build.BuildOptions(start=START))


def page_plan(compiled: Any) -> Plan:
    """What the build's html output format does: the compiled sessions on the plan's weeks."""
    return plan_with_sessions(
        compiled.plan,
        ((s.scheduled.week, s.scheduled.weekday, s.scheduled.session) for s in compiled.sessions),
        start=compiled.start)


def test_the_mile_plan_page() -> None:
    compiled = compiled_mile_plan()
    plan = page_plan(compiled)
    result = render_html_result(plan, paces=compiled.table, subtitle=f"Paces for {compiled.runner.describe()}",
                                units="mi" if compiled.plan_file.units == "imperial" else "km")
    page = result.value
    assert result.warnings == ()
    assert len(plan.weeks) == 8 and sum(len(w.days) for w in plan.weeks) == 56
    runs = [s for w in plan.weeks for d in w.days for s in d.sessions if s.workout is not None]
    assert page.count('<svg class="workout-chart"') == len(runs) > 30
    assert page.count('<article class="session') == sum(len(d.sessions) for w in plan.weeks for d in w.days)
    assert "Paces for Mile 6:00" in page
    # The runner's table from the pace pass: a 6:00 mile, a 20:29 5K.
    assert re.search(r'<th scope="row">Mile</th><td>6:00</td><td>3:44/km</td><td>6:00/mi</td>', page)
    assert '<th scope="row">5K</th><td>20:29</td>' in page
    # Week 8 Saturday is the race.
    race = [s for s in plan.weeks[7].days[5].sessions]
    assert race and race[0].kind is SessionKind.RACE
    # The estimates are the ones the build computed for the calendar.
    for s in compiled.sessions:
        if s.distance_m:
            shown = f"\u2248 {format_distance(s.distance_m, 'mi')} \u00b7 {format_minutes(s.time_s or 0)}"
            assert shown in page, (s.scheduled.key, shown)


def test_the_mile_plan_week_table() -> None:
    compiled = compiled_mile_plan()
    plan = page_plan(compiled)
    text = render_plan_table(plan, week=8, paces=compiled.table, width=100)
    assert "Week 8" in text and "RACE:" in text
    assert all(len(line) <= 100 for line in text.splitlines())


def render_html_output(compiled: Any) -> Any:
    """The ``html`` entry proposed for ``build.OUTPUT_FORMATS`` (the lead wires it there)."""
    from paceplan.errors import Result

    plan = plan_with_sessions(
        compiled.plan,
        ((s.scheduled.week, s.scheduled.weekday, s.scheduled.session) for s in compiled.sessions),
        start=compiled.start)
    result = render_html_result(plan, paces=compiled.table, subtitle=f"Paces for {compiled.runner.describe()}",
                                units="mi" if compiled.plan_file.units == "imperial" else "km")
    return Result({"plan.html": result.value.encode("utf-8")}, result.warnings)


def test_the_build_output_entry_writes_plan_html_deterministically(tmp_path: Any) -> None:
    build = pytest.importorskip("paceplan.build")
    compiled = compiled_mile_plan()
    first = render_html_output(compiled)
    assert first.warnings == ()
    assert first.value == render_html_output(compiled_mile_plan()).value
    written, _ = build.write_outputs(first.value, tmp_path)
    assert "plan.html" in written
    assert (tmp_path / "plan.html").read_bytes() == first.value["plan.html"]
