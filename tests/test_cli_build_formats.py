"""`paceplan build --format ...`: the Garmin Connect and intervals.icu outputs through the CLI."""

from __future__ import annotations

import re
from pathlib import Path

from click.testing import CliRunner

from paceplan.cli import main

PLANS = Path(__file__).parent / "fixtures" / "plans"


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), prog_name="paceplan")
    return result.exit_code, result.stdout, result.stderr


def test_build_takes_ascii_names_for_garmin_json(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, stdout, err = run("build", str(PLANS / "mini.yaml"), "--format", "garmin-json", "--ascii-names",
                            "--start", "2026-03-02", "-o", str(out))
    assert code == 0, err
    names = [p.read_text(encoding="utf-8") for p in (out / "garmin-connect").glob("w*.json")]
    assert names and all(text.isascii() for text in names)


def test_all_formats_write_their_folders(tmp_path: Path) -> None:
    out = tmp_path / "out"
    code, _, err = run("build", str(PLANS / "mini.yaml"), "--format", "fit,ics,html,garmin-json,intervals",
                       "--start", "2026-03-02", "-o", str(out))
    assert code == 0, err
    fits = sorted(p.stem for p in (out / "fit").glob("w*.fit"))
    assert fits == sorted(p.stem for p in (out / "garmin-connect").glob("w*.json"))
    assert fits == sorted(p.stem for p in (out / "intervals").glob("w*.txt"))
    assert (out / "garmin-connect" / "schedule.json").is_file() and (out / "plan.html").is_file()
    reps = (out / "intervals" / "w1-wed-6x400m.txt").read_text(encoding="utf-8")
    assert "- 400mtr " in reps and not re.search(r"\b400m\b", reps)  # 400m would be 400 minutes there


def test_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run("build", str(PLANS / "mini.yaml"), "--format", "fit,pdf", "-o", str(tmp_path / "o"))
    assert code == 2 and "unknown format 'pdf'" in err and "garmin-json" in err
