"""``paceplan build --roster``: transcripts through CliRunner (stdout, stderr, exit code)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from paceplan.cli import main

FIXTURES = Path(__file__).parent / "fixtures" / "roster"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), catch_exceptions=False)
    return result.exit_code, result.stdout, result.stderr


def test_bad_rows_exit_1_after_writing_every_good_athlete(tmp_path: Path) -> None:
    code, out, err = run("build", "--roster", str(FIXTURES / "team.csv"), "--start", "2026-03-02",
                         "-o", str(tmp_path), "--jobs", "2", "--format", "fit,ics")
    assert code == 1
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ada-lovelace", "bannister-roger", "zoe-smith", "zoe-smith-2"]
    assert out.startswith(f"Built 4 of 10 athletes into {tmp_path}/ (one folder each, ")
    assert "  bannister-roger/  Bannister, Roger: 5k=20:29, goal mile=5:50\n" in out
    assert "  zoe-smith-2/  zoe smith: mile=6:40, start 2026-03-09\n" in out
    # Every bad row, with file:line:col, the line, a caret and a hint; then the summary.
    assert "team.csv:8:10: error: Bad Race: bad race result: malformed time 'six' in race 'mile=six'\n" \
           "8 | Bad Race,mile=six,,\n  |          ^~~~~~~~\n" in err
    assert "team.csv:9:20: error: Bad Date: start date 2026-03-03 is a Tuesday" in err
    assert "team.csv:13:9: error: No Race: no race result" in err
    assert err.rstrip().endswith("6 of 10 athletes not built (see above); the other 4 were written.")
    # Not a terminal: no progress bar.
    assert "Building" not in err
    assert "Traceback" not in err


def test_a_clean_roster_exits_0(tmp_path: Path) -> None:
    roster = tmp_path / "r.csv"
    roster.write_text("name,race\nAda,mile=6:00\nBo,5k=21:00\n", encoding="utf-8")
    code, out, err = run("build", "--roster", str(roster), "--start", "2026-03-02", "-o", str(tmp_path / "out"),
                         "--jobs", "1", "-q", "--format", "fit")
    assert code == 0, err
    assert "Built 2 of 2 athletes" in out
    assert (tmp_path / "out" / "ada" / "fit" / "schedule.fit").is_file()
    assert (tmp_path / "out" / "bo" / "fit" / "schedule.fit").is_file()
    assert "error" not in err


def test_a_roster_that_is_not_one_exits_1_and_writes_nothing(tmp_path: Path) -> None:
    roster = tmp_path / "r.csv"
    roster.write_text("who,when\nAda,2026\n", encoding="utf-8")
    code, out, err = run("build", "--roster", str(roster), "-o", str(tmp_path / "out"))
    assert code == 1 and out == ""
    assert "error: the roster's first line has no 'name' or 'race' column" in err
    assert not (tmp_path / "out").exists()


def test_per_athlete_options_are_usage_errors_with_a_roster(tmp_path: Path) -> None:
    code, _, err = run("build", "--roster", str(FIXTURES / "team.csv"), "--race", "mile=6:00",
                       "-o", str(tmp_path))
    assert code == 2 and "--race cannot be used with --roster" in err
    code, _, err = run("build", "--jobs", "2", "-o", str(tmp_path))
    assert code == 2 and "--jobs only applies to --roster" in err
    code, _, err = run("build", "--roster", str(FIXTURES / "team.csv"), "--jobs", "0")
    assert code == 2
    assert not any(tmp_path.iterdir())


def test_help_mentions_the_roster() -> None:
    code, out, _ = run("build", "--help")
    assert code == 0
    assert "--roster CSV" in out and "--jobs N" in out and "--quiet" in out


def test_progress_bar_on_a_terminal_and_not_with_quiet(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import paceplan.cli.build as build_cli

    roster = tmp_path / "r.csv"
    roster.write_text("name,race\nAda,mile=6:00\nBo,5k=21:00\n", encoding="utf-8")
    monkeypatch.setattr(build_cli, "_stderr_is_tty", lambda: True)
    args = ("build", "--roster", str(roster), "--start", "2026-03-02", "--jobs", "1", "--format", "fit")
    code, _, err = run(*args, "-o", str(tmp_path / "a"))
    assert code == 0 and "Building 2 athletes (1 job)" in err
    code, _, err = run(*args, "-o", str(tmp_path / "b"), "--quiet")
    assert code == 0 and "Building" not in err
