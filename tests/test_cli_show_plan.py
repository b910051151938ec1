"""`paceplan show PLAN|--template NAME [--week N]`: the plan as week tables with paces."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from paceplan.cli import main

PLANS = Path(__file__).parent / "fixtures" / "plans"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), prog_name="paceplan")
    return result.exit_code, result.stdout, result.stderr


def test_template_week_shows_days_paces_and_estimates() -> None:
    code, out, err = run("show", "--template", "mile-8wk", "--week", "1", "--race", "mile=6:00")
    assert code == 0, err
    assert "Week 1" in out and "Week 2" not in out
    assert "HM-10K 6:50-7:11/mi" in out  # the 6:00 miler's HM-10K band, per mile (the plan writes miles)
    assert "Strength" in out and "or: OFF" in out
    assert "writing 6 to the watch" not in err  # the table shows ranges; choices are a build's concern


def test_plan_file_is_read_and_all_weeks_shown() -> None:
    code, out, err = run("show", str(PLANS / "mini.yaml"))
    assert code == 0, err
    assert "Week 1" in out and "Week 2" in out


def test_week_outside_the_plan_is_an_input_error() -> None:
    code, out, err = run("show", "--template", "mile-8wk", "--week", "9")
    assert code == 1 and out == ""
    assert "has no week 9" in err and "choose a week in 1-8" in err
    assert "Traceback" not in err


def test_missing_plan_file_says_so() -> None:
    code, _, err = run("show", "nofile.yaml")
    assert code == 1
    assert "cannot read plan file 'nofile.yaml'" in err


def test_usage_errors() -> None:
    assert run("show")[0] == 2
    assert run("show", "--template", "mile-8wk", "--json")[0] == 2
    assert run("show", "6 x 400m @ 5K", "--week", "2")[0] == 2

