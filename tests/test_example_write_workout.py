"""examples/write_workout.py runs as a user would run it, and writes a valid FIT workout."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from fitcheck import verify_fit

from paceplan.readers.fit import read_fit_workout

EXAMPLE = Path(__file__).parent.parent / "examples" / "write_workout.py"


def run_example(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "SOURCE_DATE_EPOCH"}
    return subprocess.run([sys.executable, str(EXAMPLE), *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_example_writes_400m_repeats_into_the_current_folder(tmp_path: Path) -> None:
    out = run_example(tmp_path)
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""
    assert out.stdout == "wrote 400m-repeats.fit\n"
    assert [p.name for p in tmp_path.iterdir()] == ["400m-repeats.fit"]
    data = (tmp_path / "400m-repeats.fit").read_bytes()
    steps = verify_fit(data)["workout_step_mesgs"]
    layout = [(s.get("wkt_step_name"), s["duration_type"], s.get("duration_value"), s.get("target_value"))
              for s in steps]
    assert layout == [
        ("Warm-up", "time", 900000, 0),
        ("400m fast", "distance", 40000, 0),
        ("400m jog", "distance", 40000, 0),
        (None, "repeat_until_steps_cmplt", 1, 6),
        ("Cool-down", "open", None, 0),
    ]
    # 1:45 per 400 m is the slow end (3.810 m/s), 1:40 the fast end (4.000 m/s)
    assert (steps[1]["custom_target_value_low"], steps[1]["custom_target_value_high"]) == (3810, 4000)
    assert read_fit_workout(data).steps[1].count == 6


def test_example_writes_into_a_folder_given_as_argument(tmp_path: Path) -> None:
    (tmp_path / "out").mkdir()
    out = run_example(tmp_path, "out")
    assert out.returncode == 0, out.stderr
    verify_fit((tmp_path / "out" / "400m-repeats.fit").read_bytes())
    first = (tmp_path / "out" / "400m-repeats.fit").read_bytes()
    assert run_example(tmp_path, "out").returncode == 0
    assert (tmp_path / "out" / "400m-repeats.fit").read_bytes() == first  # deterministic


def test_example_reports_a_missing_folder_without_a_traceback(tmp_path: Path) -> None:
    out = run_example(tmp_path, "missing")
    assert out.returncode == 1
    assert "does not exist" in out.stderr and "Traceback" not in out.stderr
