"""``paceplan paces`` through click's CliRunner: stdout, stderr, exit codes and JSON schema."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from paceplan.cli import main
from paceplan.labels import KNOWN_LABELS, RACE_DISTANCES_M

GOLDEN = Path(__file__).parent / "fixtures" / "paces"
UPDATE = os.environ.get("PACEPLAN_UPDATE_GOLDEN") == "1"  # refresh golden files deliberately


def run(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["paces", *args])


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "args"), [
    ("cli-mile-6-00.txt", ["--race", "mile=6:00"]),
    ("cli-5k-mi-goal.txt", ["--race", "5k=20:29", "--units", "mi", "--goal", "mile=5:45",
                            "--pace", "HM=4:28/km"]),
    ("cli-mile-6-00.json", ["--race", "mile=6:00", "--json"]),
])
def test_golden(name: str, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    _golden(name, result.stdout)


def test_table_shows_every_label_with_race_time_and_paces() -> None:
    result = run("--race", "mile=6:00")
    lines = result.stdout.splitlines()
    assert lines[0] == "Paces for Mile 6:00: VDOT 48.4, model vdot"
    rows = {ln.split()[0]: ln for ln in lines[3:]}
    assert list(rows) == list(KNOWN_LABELS)
    assert rows["HM"].split()[:6] == ["HM", "21.1", "km", "1:34:06", "4:28", "107.0"]
    assert rows["10K"].split()[3:6] == ["42:29", "4:15", "102.0"]
    assert "5:03-5:42" in rows["E"]
    assert rows["GMP"].endswith("no goal: = CMP")
    assert rows["800m"].endswith("extrapolated")


def test_units_mi() -> None:
    out = run("--race", "mile=6:00", "--units", "mi").stdout
    assert "Pace /mi" in out and "mph" in out
    mile = next(ln for ln in out.splitlines() if ln.startswith("Mile "))
    assert mile.split()[1:7] == ["1", "mi", "6:00", "6:00", "89.5", "10.0"]


def _json(*args: str) -> dict:  # type: ignore[type-arg]
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_json_schema() -> None:
    doc = _json("--race", "mile=6:00")
    assert list(doc) == ["model", "vdot", "paces"]
    assert doc["model"] == "vdot" and doc["vdot"] == 48.42
    assert [p["label"] for p in doc["paces"]] == list(KNOWN_LABELS)
    for p in doc["paces"]:
        assert list(p) == ["label", "distance_m", "race_time_s", "pace_s_per_km", "band_s_per_km"]
        slow, fast = p["band_s_per_km"]
        assert isinstance(p["pace_s_per_km"], float) and slow >= p["pace_s_per_km"] >= fast
        if p["label"] in RACE_DISTANCES_M:
            assert p["distance_m"] == round(RACE_DISTANCES_M[p["label"]], 2)
            # pace is rounded to 0.01 s/km, so the product carries that error times the km
            assert p["race_time_s"] == pytest.approx(p["pace_s_per_km"] * p["distance_m"] / 1000,
                                                     abs=0.01 + 0.005 * p["distance_m"] / 1000)
        else:
            assert p["distance_m"] is None and p["race_time_s"] is None
    by = {p["label"]: p for p in doc["paces"]}
    assert by["Mile"]["race_time_s"] == 360.0
    assert by["HM"]["race_time_s"] == pytest.approx(5646, abs=0.5)
    assert by["E"]["band_s_per_km"] == [by["E"]["band_s_per_km"][0], by["E"]["band_s_per_km"][1]]
    assert by["E"]["band_s_per_km"][0] - by["E"]["band_s_per_km"][1] > 30  # the E range itself
    mile_speed = 1000 / by["Mile"]["pace_s_per_km"]
    assert 1000 / by["Mile"]["band_s_per_km"][0] == pytest.approx(mile_speed * 0.98, rel=1e-4)


def test_json_is_deterministic() -> None:
    assert run("--race", "HM=1:34:06", "--json").stdout == run("--race", "HM=1:34:06", "--json").stdout


def test_json_band_option() -> None:
    by = {p["label"]: p for p in _json("--race", "mile=6:00", "--band", "0")["paces"]}
    assert by["T"]["band_s_per_km"] == [by["T"]["pace_s_per_km"]] * 2


@pytest.mark.parametrize(("args", "label", "key", "value"), [
    (["--race", "mile=6:00", "--model", "riegel"], "5K", "race_time_s", 1197),
    (["--race", "mile=6:00", "--model", "cameron"], "5K", "race_time_s", 1239),
    (["--race", "mile=6:00", "--goal", "mile=5:45"], "GMP", "pace_s_per_km", 214.37),
    (["--race", "mile=6:00", "--pace", "HM=4:28/km"], "HM", "pace_s_per_km", 268),
    (["--vdot", "50"], "M", "race_time_s", 11440),
])
def test_json_options(args: list[str], label: str, key: str, value: float) -> None:
    by = {p["label"]: p for p in _json(*args)["paces"]}
    assert by[label][key] == pytest.approx(value, abs=1)


def test_vdot_option() -> None:
    assert _json("--vdot", "50")["vdot"] == 50.0
    assert run("--vdot", "50").stdout.startswith("Paces for VDOT 50, model vdot\n")


def test_default_runner_notes_on_stderr() -> None:
    result = run()
    assert result.exit_code == 0
    assert "Paces for default runner (Mile 7:04)" in result.stdout
    assert result.stderr.startswith("note: no race result given")
    assert run("--strict").exit_code == 0  # a note is not a warning


def test_validity_warning_and_strict() -> None:
    result = run("--race", "800m=2:10")
    assert result.exit_code == 0
    assert "warning: race 800m 2:10 is outside the models' range" in result.stderr
    assert result.stdout.startswith("Paces for 800m 2:10")
    strict = run("--race", "800m=2:10", "--strict")
    assert strict.exit_code == 3
    assert strict.stdout == ""


@pytest.mark.parametrize(("args", "message"), [
    (["--race", "foo=6:00"], "error: unknown race distance 'foo'"),
    (["--race", "mile=6:6o"], "error: malformed time '6:6o' in race 'mile=6:6o'"),
    (["--race", "mile=2:00"], "error: Mile 2:00 is impossible"),
    (["--race", "M=20:00"], "error: M 20:00 is impossible"),
    (["--race", "mile=0:00"], "error: race time '0:00' is zero"),
    (["--race", "mile=-6:00"], "error: race time '-6:00' is negative"),
    (["--race", "0m=6:00"], "error: a race distance must be positive"),
    (["--race", "mile"], "error: cannot read 'mile' as a race result"),
    (["--goal", "mile=1:00"], "error: Mile 1:00 is impossible"),
    (["--vdot", "0"], "error: VDOT 0 is impossible"),
    (["--vdot", "-3"], "error: VDOT -3 is impossible"),
    (["--pace", "XYZ=4:00/km"], "error: unknown pace 'XYZ'\n  = hint: known paces are 800m, 1200m, 1500m, "
                                "Mile, 3K, 2mi, 5K, 8K, 10K, 15K, HM, M, E, T, I, R, Faster, CMP, GMP"),
    (["--pace", "HM=fast"], "error: cannot read pace 'fast' for HM"),
])
def test_bad_input_exits_1_without_traceback(args: list[str], message: str) -> None:
    result = run(*args)
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr.startswith(message)
    assert "Traceback" not in result.output


@pytest.mark.parametrize("args", [
    ["--race", "mile=6:00", "--vdot", "50"],
    ["--model", "daniels"],
    ["--units", "furlong"],
    ["--band", "80"],
])
def test_usage_errors_exit_2(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert "Usage:" in result.stderr


def test_listed_in_help() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert "paces" in result.stdout and "Show every training pace" in result.stdout
