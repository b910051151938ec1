"""`paceplan build` and `paceplan templates` through click's CliRunner: stdout, stderr, exit codes."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from _plan_stub import stub_reader
from fitcheck import verify_fit
from icslint import check_calendar, unfold
from paceplan.cli import main

PLANS = Path(__file__).parent / "fixtures" / "plans"


@pytest.fixture
def runner() -> CliRunner:
    return CliRunner()


@pytest.fixture
def stubbed(monkeypatch: pytest.MonkeyPatch) -> None:
    """Cells read by the stub reader (fast, and independent of the notation reader's choices)."""
    import paceplan.readers.plan as plan_mod

    monkeypatch.setattr(plan_mod, "_notation_reader", stub_reader)


def _copy_mini(folder: Path) -> Path:
    target = folder / "mini.yaml"
    shutil.copy(PLANS / "mini.yaml", target)
    return target


def test_build_with_no_arguments_builds_the_mile_plan(runner: CliRunner, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("paceplan.readers.notation")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(main, ["build"])
    assert result.exit_code == 0, result.output + result.stderr
    out = tmp_path / "paceplan-out"
    assert 'Built "Run a faster mile (8 weeks)" (mile-8wk) for default runner (Mile 7:04).' in result.stdout
    assert "Wrote 43 files to paceplan-out/:" in result.stdout
    # 41 FIT files are summarised by folder; --verbose lists every one
    assert "  fit/ (41 files: schedule.fit, w1-fri-30min.fit, ...; --verbose lists them)" in result.stdout
    assert "  mile-8wk.ics" in result.stdout and "  plan.html" in result.stdout
    assert "paceplan install paceplan-out --device" in result.stdout
    assert "GARMIN/NewFiles" in result.stdout and "import paceplan-out/mile-8wk.ics" in result.stdout
    assert re.search(r"Week 1 starts Monday \d{4}-\d\d-\d\d; race day: Saturday", result.stdout)
    # warnings go to stderr, with the template's place, never the absolute path
    assert "templates/mile-8wk.yaml:22:11: warning: w1-wed: 6-10 reps: writing 6" in result.stderr
    assert "default runner" in result.stderr and "--schedule-weeks 4" in result.stderr
    assert len(list((out / "fit").glob("w*.fit"))) == 40
    verify_fit((out / "fit" / "w8-sat-mile-race.fit").read_bytes())
    check_calendar((out / "mile-8wk.ics").read_bytes())


def test_build_a_plan_file_with_options(runner: CliRunner, tmp_path: Path, stubbed: None) -> None:
    plan = _copy_mini(tmp_path)
    out = tmp_path / "out"
    result = runner.invoke(main, ["build", str(plan), "--race", "5k=20:29", "--start", "2026-03-02", "-o", str(out),
                                  "--reps", "high", "--warmup", "10", "--time", "06:30", "--tz", "Europe/Berlin",
                                  "--alarm", "-PT1H", "--schedule-weeks", "1"])
    assert result.exit_code == 0, result.output + result.stderr
    assert "for 5K 20:29" in result.stdout
    assert "Week 1 starts Monday 2026-03-02; race day: Saturday 2026-03-14 (week 2)." in result.stdout
    assert "fit/w1-wed-10x400m.fit" in result.stdout and "fit/schedule-w1-1.fit" in result.stdout
    data = (out / "mini.ics").read_bytes()
    cal = check_calendar(data)
    assert b"DTSTART;TZID=Europe/Berlin:20260304T063000" in data and b"TRIGGER:-PT1H" in data
    assert len(cal.events) == 9
    assert "Warm-up: 10 min @ E" in "".join(unfold(data))  # fixed 10 min warm-up


def test_race_date(runner: CliRunner, tmp_path: Path, stubbed: None) -> None:
    plan = _copy_mini(tmp_path)
    result = runner.invoke(main, ["build", str(plan), "--race-date", "2026-03-14", "-o", str(tmp_path / "o")])
    assert result.exit_code == 0, result.stderr
    assert "Week 1 starts Monday 2026-03-02" in result.stdout
    bad = runner.invoke(main, ["build", str(plan), "--race-date", "2026-03-15", "-o", str(tmp_path / "o")])
    assert bad.exit_code == 1
    assert "error: race date 2026-03-15 is a Sunday, but the plan's race is on week 2 Saturday" in bad.stderr
    assert "hint: use 2026-03-14 or 2026-03-21" in bad.stderr


@pytest.mark.parametrize(("args", "message"), [
    (["--start", "2026-03-04"], "error: start date 2026-03-04 is a Wednesday"),
    (["--start", "March 2"], "error: cannot read 'March 2' as a start date"),
    (["--time", "06:30"], "error: timed calendar events need both --time and --tz"),
    (["--time", "6.30", "--tz", "Europe/Berlin"], "error: cannot read '6.30' as a time of day"),
    (["--tz", "Mars/Base", "--time", "06:30", "--start", "2026-03-02"], "error: unknown time zone 'Mars/Base'"),
    (["--warmup", "soon"], "error: cannot read 'soon' as a warm-up"),
    (["--race", "mile=1:00"], "error:"),
    (["--alarm", "later"], "error: cannot read 'later' as a reminder offset"),
])
def test_bad_options_exit_1_without_traceback(runner: CliRunner, tmp_path: Path, stubbed: None,
                                              args: list[str], message: str) -> None:
    plan = _copy_mini(tmp_path)
    result = runner.invoke(main, ["build", str(plan), "-o", str(tmp_path / "o"), *args])
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert message in result.stderr
    assert "Traceback" not in result.stderr
    assert not (tmp_path / "o").exists()


def test_bad_plan_points_at_the_cell(runner: CliRunner, tmp_path: Path, stubbed: None) -> None:
    plan = tmp_path / "bad.yaml"
    plan.write_text("id: bad\nweeks:\n  - mon: 30 min BAD run\n")
    result = runner.invoke(main, ["build", str(plan), "-o", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert f"{plan}:3:17: error: cannot place 'BAD'" in result.stderr
    assert "3 |   - mon: 30 min BAD run" in result.stderr


def test_usage_errors_exit_2(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(main, ["build", "x.yaml", "--template", "mile-8wk"])
    assert result.exit_code == 2
    assert runner.invoke(main, ["build", "--reps", "most"]).exit_code == 2
    assert runner.invoke(main, ["build", "--format", "pdf"]).exit_code == 2


def test_unknown_template(runner: CliRunner) -> None:
    result = runner.invoke(main, ["build", "--template", "marathon"])
    assert result.exit_code == 1
    assert "no template named 'marathon'" in result.stderr and "mile-8wk" in result.stderr


def test_strict_turns_warnings_into_exit_3(runner: CliRunner, tmp_path: Path, stubbed: None) -> None:
    plan = _copy_mini(tmp_path)
    result = runner.invoke(main, ["build", str(plan), "--start", "2026-03-02", "-o", str(tmp_path / "o"), "--strict"])
    assert result.exit_code == 3
    assert "warning: w1-wed: 6-10 reps: writing 6 to the watch" in result.stderr


def test_verbose_shows_notes(runner: CliRunner, tmp_path: Path, stubbed: None) -> None:
    plan = _copy_mini(tmp_path)
    quiet = runner.invoke(main, ["build", str(plan), "--start", "2026-03-02", "-o", str(tmp_path / "o")])
    loud = runner.invoke(main, ["build", str(plan), "--start", "2026-03-02", "-o", str(tmp_path / "o"), "-v"])
    assert "notes not shown" in quiet.stderr and "no pace alert" not in quiet.stderr
    assert "no pace alert" in loud.stderr


def test_templates_command(runner: CliRunner) -> None:
    result = runner.invoke(main, ["templates"])
    assert result.exit_code == 0
    assert re.search(r"^mile-8wk\s+Run a faster mile \(8 weeks\)$", result.stdout, re.MULTILINE)
    assert "paceplan build --template mile-8wk" in result.stdout
