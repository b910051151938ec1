"""``paceplan show TEXT`` through click's CliRunner: the step tree, the summary, --json, errors."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from paceplan.cli import main

CELL = "6-10 x 400m @ HM-10K [half marathon to 10K pace] w/ 400m jog recovery"


def run(*args: str):  # type: ignore[no-untyped-def]
    try:
        runner = CliRunner(mix_stderr=False)  # click < 8.2
    except TypeError:
        runner = CliRunner()
    return runner.invoke(main, ["show", *args])


def test_tree_with_the_runners_paces() -> None:
    r = run(CELL, "--race", "mile=6:00")
    assert r.exit_code == 0, r.stderr
    assert r.stdout.splitlines() == [
        "run: 6-10 x 400m @ HM-10K [half marathon to 10K pace] w/ 400m jog",
        "Runner: Mile 6:00",
        "  6-10 x",
        "    400 m  interval  @ HM-10K  4:15-4:28/km  [half marathon to 10K pace]",
        "    400 m  recovery  jog",
        "Summary (ranges: low): 6 work steps; work 2400 m by distance + 0:00 by time; "
        "recovery 2400 m + 0:00",
        "Estimated: 4800 m in 23:18",
    ]
    assert "6-10 reps: writing 6 to the watch" in r.stderr


def test_json_schema_and_reps_policy() -> None:
    low = json.loads(run(CELL, "--race", "mile=6:00", "--json").stdout)
    high = json.loads(run(CELL, "--race", "mile=6:00", "--json", "--reps", "high").stdout)
    assert set(low) == {"workout", "session", "summary"}
    s = low["summary"]
    assert s["reps_policy"] == "low" and s["work_reps"] == 6
    assert s["work_distance_m"] == 2400.0 and s["work_time_s"] == 0.0
    assert s["recovery_distance_m"] == 2400.0 and s["open_steps"] == 0
    assert high["summary"]["work_reps"] == 10 and high["summary"]["work_distance_m"] == 4000.0
    rep = low["workout"]["steps"][0]
    assert rep["type"] == "repeat" and rep["count"] == {"low": 6, "high": 10}
    work = rep["steps"][0]
    assert work["intensity"] == "interval" and work["label"] == "HM-10K"
    assert work["target"]["kind"] == "pace_range"
    assert work["length"] == {"kind": "distance", "metres": 400.0}
    assert low["session"]["workout"]["steps"][0]["steps"][0]["target"] == {
        "kind": "pace_ref", "low": "HM", "high": "10K", "offset_s": 0.0, "per": "km",
        "percent": None, "percent_high": None}


def test_json_is_deterministic() -> None:
    a = run("30 min + 4 x 20 sec strides or OFF", "--json")
    b = run("30 min + 4 x 20 sec strides or OFF", "--json")
    assert a.exit_code == 0 and a.stdout == b.stdout
    doc = json.loads(a.stdout)
    assert doc["summary"]["work_reps"] == 4  # the strides: easy running is not work
    assert doc["summary"]["work_time_s"] == 4 * 20.0 and doc["summary"]["total_time_s"] == 1800.0 + 4 * 20.0
    assert doc["summary"]["open_steps"] == 4
    assert [alt["kind"] for alt in doc["session"]["alternatives"]] == ["rest"]


def test_time_ranges_and_units() -> None:
    doc = json.loads(run("45 - 60 min run", "--json", "--reps", "mid").stdout)
    assert doc["summary"]["total_time_s"] == 52.5 * 60 and doc["summary"]["work_time_s"] == 0.0
    r = run("3 m run", "--units", "imperial")
    assert r.exit_code == 0 and "4.83 km" not in r.stdout and "3 mi" in r.stdout


def test_non_running_session() -> None:
    r = run("PT / Strength Focused Lift", "--json")
    doc = json.loads(r.stdout)
    assert doc["workout"] is None and doc["session"]["kind"] == "strength"
    assert doc["summary"]["work_reps"] == 0


def test_errors_are_rendered_with_exit_code_1() -> None:
    r = run("6-10 x 400m @ HMX-10K w/ 400m jog recovery + 4 x 200m @ Milee")
    assert r.exit_code == 1
    assert r.stdout == ""
    assert r.stderr.startswith("<text>:1:15: error: unknown pace 'HMX-10K'\n"
                               "1 | 6-10 x 400m @ HMX-10K w/ 400m jog recovery + 4 x 200m @ Milee\n"
                               "  |               ^~~~~~~\n")
    assert "<text>:1:57: error: unknown pace 'Milee'" in r.stderr
    assert "Traceback" not in r.stderr


def test_bad_race_and_usage() -> None:
    assert run("45 min run", "--race", "mile=banana").exit_code == 1
    assert run("45 min run", "--reps", "most").exit_code == 2


@pytest.mark.parametrize("strict, code", [(False, 0), (True, 3)])
def test_strict_turns_warnings_into_exit_3(strict: bool, code: int) -> None:
    args = [CELL, "--race", "mile=6:00"] + (["--strict"] if strict else [])
    assert run(*args).exit_code == code
