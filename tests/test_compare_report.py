"""Per-step verdicts, the summary, the terminal table, the JSON schema and the HTML chart.

Golden files live in ``tests/golden/compare/``; refresh them deliberately with
``PACEPLAN_UPDATE_GOLDEN=1``.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from simulate import simulate, to_fit, to_gpx

from paceplan.compare import SCHEMA, compare_workout, comparison_to_dict, format_table, read_activity
from paceplan.compare.match import Segment
from paceplan.compare.report import _judge, _pace
from paceplan.model import Intensity, PaceRef, Repeat, Step, Workout
from paceplan.units import Distance, Pace, PaceRange
from paceplan.writers.compare_html import write_compare_html

GOLDEN = Path(__file__).parent / "golden" / "compare"
UPDATE = os.environ.get("PACEPLAN_UPDATE_GOLDEN") == "1"
BAND = PaceRange.parse("3:40-3:50/km")


def workout(target: object = BAND) -> Workout:
    return Workout(name="5 x 400m", steps=(
        Step(intensity=Intensity.WARMUP, length=Distance(1600)),
        Repeat(count=5, steps=(
            Step(intensity=Intensity.INTERVAL, length=Distance(400), target=target, label="Mile"),  # type: ignore[arg-type]
            Step(intensity=Intensity.RECOVERY, length=Distance(200), name="jog"))),
        Step(intensity=Intensity.COOLDOWN, length=Distance(1600))))


def fade_speed(step: Step, rep: int | None) -> float:
    if step.intensity.is_work:
        return 1000 / (215 + 5 * ((rep or 1) - 1))  # 3:35, 3:40 ... 3:55 per km
    return 2.5 if step.intensity is Intensity.RECOVERY else 3.0


def lap_comparison(target: object = BAND):  # type: ignore[no-untyped-def]
    run = simulate(workout(target), speed=fade_speed, noise_m=0.0)
    return compare_workout(workout(target), read_activity(to_fit(run), name="track.fit"))


def check_golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"{path} missing: run with PACEPLAN_UPDATE_GOLDEN=1 to create it"
    assert text == path.read_text(encoding="utf-8")


# ------------------------------------------------------------------ verdicts

@pytest.mark.parametrize(("pace", "tolerance", "verdict", "off"), [
    ("3:45/km", 0, "on target", 0.0),
    ("3:40/km", 0, "on target", 0.0),
    ("3:50/km", 0, "on target", 0.0),
    ("3:35/km", 0, "fast", -5.0),
    ("3:58/km", 0, "slow", 8.0),
    ("3:53/km", 5, "on target", 3.0),
    ("3:36/km", 3, "fast", -4.0),
])
def test_judge(pace: str, tolerance: float, verdict: str, off: float) -> None:
    step = Step(intensity=Intensity.ACTIVE, length=Distance(400), target=BAND)
    got = _judge(step, Pace.parse(pace), tolerance)
    assert got[0] == verdict and got[1] == pytest.approx(off)


def test_no_target_no_verdict() -> None:
    step = Step(intensity=Intensity.ACTIVE, length=Distance(400), target=PaceRef(low="Mile"))
    assert _judge(step, Pace.parse("3:45/km"), 0) == (None, None)


def test_pace_from_moving_time_and_not_for_standing() -> None:
    step = Step(intensity=Intensity.ACTIVE, length=Distance(400))
    seg = Segment(step=step, fit_index=0, rep=None, reps=None, status="done", distance_m=400.0,
                  timer_s=120.0, moving_s=90.0, elapsed_s=130.0)
    assert _pace(seg) == Pace(225.0)
    still = Segment(step=step, fit_index=0, rep=None, reps=None, status="done", distance_m=3.0,
                    timer_s=60.0, moving_s=60.0, elapsed_s=60.0)
    assert _pace(still) is None
    missed = Segment(step=step, fit_index=0, rep=None, reps=None, status="missed")
    assert _pace(missed) is None


# ------------------------------------------------------------------ summary

def test_summary_counts_fastest_slowest_and_fade() -> None:
    result = lap_comparison()
    s = result.value.summary
    reps = [r for r in result.value.steps if r.is_rep]
    assert [round(r.pace.seconds_per_km) for r in reps] == [215, 220, 225, 230, 235]  # type: ignore[union-attr]
    assert [r.verdict for r in reps] == ["fast", "on target", "on target", "on target", "slow"]
    assert (s.reps_planned, s.reps_run, s.reps_with_target, s.reps_on_target) == (5, 5, 5, 3)
    assert s.fastest_rep == reps[0].number and s.slowest_rep == reps[-1].number
    assert s.fade_s_per_km_per_rep == pytest.approx(5.0, abs=0.05)
    assert s.fade_last_minus_first_s_per_km == pytest.approx(20.0, abs=0.2)
    assert s.stops == 0 and s.distance_m == pytest.approx(6200, abs=5)


def test_unresolved_targets_are_measured_with_a_warning() -> None:
    result = lap_comparison(PaceRef(low="Mile"))
    assert all(r.verdict is None for r in result.value.steps)
    assert result.value.summary.reps_run == 5 and result.value.summary.reps_with_target == 0
    assert [w.code for w in result.warnings] == ["compare-unresolved"]
    assert "(no paces)" in format_table(result.value)


# ------------------------------------------------------------------ outputs

def test_table_golden() -> None:
    check_golden("laps-table.txt", format_table(lap_comparison().value))


def test_table_in_miles() -> None:
    text = format_table(lap_comparison().value, unit="mi")
    assert "5:54-6:10/mi" in text and "/km" not in text


def test_json_golden_and_schema() -> None:
    result = lap_comparison()
    data = comparison_to_dict(result.value, result.warnings)
    text = json.dumps(data, indent=2) + "\n"
    check_golden("laps.json", text)
    assert data["schema"] == SCHEMA == "paceplan.compare/1"
    assert set(data) == {"schema", "workout", "activity", "format", "method", "start", "steps", "summary",
                         "series", "warnings"}
    step_keys = {"number", "step", "intensity", "rep", "reps", "is_rep", "fit_step_index", "planned", "label",
                 "target", "status", "found_by", "start_s", "distance_m", "timer_s", "moving_s", "elapsed_s",
                 "stopped_s", "pace_s_per_km", "verdict", "off_s_per_km"}
    assert all(set(s) == step_keys for s in data["steps"])
    assert set(data["summary"]) == {
        "reps_planned", "reps_run", "reps_with_target", "reps_on_target", "fastest_rep", "slowest_rep",
        "fade_s_per_km_per_rep", "fade_last_minus_first_s_per_km", "distance_m", "elapsed_s", "timer_s",
        "moving_s", "stopped_s", "stops", "gaps", "outliers"}
    series = data["series"]
    assert len(series["elapsed_s"]) == len(series["distance_m"]) == len(series["speed_mps"]) > 100


def test_outputs_are_deterministic() -> None:
    run = simulate(workout(), noise_m=1.5, seed=5)
    gpx = to_gpx(run).encode()
    a = compare_workout(workout(), read_activity(gpx, name="a.gpx")).value
    b = compare_workout(workout(), read_activity(gpx, name="a.gpx")).value
    assert json.dumps(comparison_to_dict(a)) == json.dumps(comparison_to_dict(b))
    assert write_compare_html(comparison_to_dict(a)) == write_compare_html(comparison_to_dict(b))


def test_html_is_self_contained_and_draws_plan_and_actual() -> None:
    result = lap_comparison()
    page = write_compare_html(comparison_to_dict(result.value, result.warnings))
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script" not in page and not re.search(r"(src|href)=\"https?:", page)
    assert page.count('class="band"') == 5  # one target band per rep
    assert page.count('class="avg"') == 12  # an average-pace bar for every step run
    assert 'class="actual"' in page and "<desc" in page
    assert "5 of 5 reps run" in page and "slow by 5 s/km" in page and "fast by 5 s/km" in page


def test_html_escapes_names() -> None:
    result = lap_comparison()
    data = comparison_to_dict(result.value)
    data["workout"] = "<b>5 x 400</b> & more"
    page = write_compare_html(data)
    assert "<b>5" not in page and "&lt;b&gt;5 x 400&lt;/b&gt; &amp; more" in page
