"""``paceplan compare`` through click's CliRunner: stdout, stderr and exit codes."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from simulate import simulate, to_fit, to_gpx

from paceplan.cli import main
from paceplan.model import Intensity, Repeat, Step, Workout
from paceplan.units import Distance, PaceRange

FIXTURES = Path(__file__).parent / "fixtures" / "activities"
NOTATION = "2km warm-up, 6 x 400m @ Mile w/ 400m jog, 1.5km cool-down"
MILE_BAND = PaceRange.parse("3:34-3:42/km")  # about what --race mile=5:50 gives at Mile pace


def planned() -> Workout:
    return Workout(name="6 x 400m", steps=(
        Step(intensity=Intensity.WARMUP, length=Distance(2000)),
        Repeat(count=6, steps=(Step(intensity=Intensity.INTERVAL, length=Distance(400), target=MILE_BAND),
                               Step(intensity=Intensity.RECOVERY, length=Distance(400)))),
        Step(intensity=Intensity.COOLDOWN, length=Distance(1500))))


def invoke(*args: str):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(main, ["compare", *args], catch_exceptions=False)


@pytest.fixture
def gpx(tmp_path: Path) -> Path:
    path = tmp_path / "run.gpx"
    path.write_text(to_gpx(simulate(planned(), noise_m=1.0, seed=2)), encoding="utf-8")
    return path


def test_table_from_notation_and_race(gpx: Path) -> None:
    result = invoke(str(gpx), "--workout", NOTATION, "--race", "mile=5:50")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("2000m warm up + 6 x 400m @ Mile") and "run.gpx" in lines[0]
    assert sum(1 for line in lines if " 1/6 " in line or " 6/6 " in line) == 4
    assert "reps: 6 of 6 run" in result.stdout and "fade:" in result.stdout
    assert result.stderr == ""


def test_json_output(gpx: Path) -> None:
    result = invoke(str(gpx), "--workout", NOTATION, "--race", "mile=5:50", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["schema"] == "paceplan.compare/1" and data["method"] == "segmented"
    reps = [s for s in data["steps"] if s["is_rep"]]
    assert len(reps) == 6 and all(s["label"] == "Mile" and s["target"] for s in reps)
    assert data["summary"]["reps_run"] == 6


def test_without_race_paces_are_not_judged(gpx: Path) -> None:
    result = invoke(str(gpx), "--workout", NOTATION)
    assert result.exit_code == 0
    assert "(no paces)" in result.stdout
    assert "--race" in result.stderr


def test_html_chart(gpx: Path, tmp_path: Path) -> None:
    out = tmp_path / "chart.html"
    result = invoke(str(gpx), "--workout", NOTATION, "--race", "mile=5:50", "--html", str(out), "--units", "mi")
    assert result.exit_code == 0, result.stderr
    assert f"Wrote {out}" in result.stdout and "/mi" in result.stdout
    page = out.read_text(encoding="utf-8")
    assert "<svg" in page and 'class="band"' in page and "/mi" in page
    assert sorted(p.name for p in tmp_path.iterdir()) == ["chart.html", "run.gpx"]  # no temp file left


def test_fit_activity_with_fit_workout(tmp_path: Path) -> None:
    from paceplan.writers.fit import encode_workout

    workout_file = tmp_path / "w.fit"
    workout_file.write_bytes(encode_workout(planned()).value)
    activity = tmp_path / "run.fit"
    activity.write_bytes(to_fit(simulate(planned(), reps=5, noise_m=0.5)))
    result = invoke(str(activity), "--fit-workout", str(workout_file), "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["method"] == "laps"
    assert [s["status"] for s in data["steps"] if s["is_rep"]] == ["done"] * 5 + ["missed"]
    assert "skipped on the watch" in result.stderr
    strict = invoke(str(activity), "--fit-workout", str(workout_file), "--strict")
    assert strict.exit_code == 3


def test_plan_and_date(tmp_path: Path) -> None:
    from paceplan.build import BuildOptions, compile_plan
    from paceplan.paces import Runner
    from paceplan.readers.plan import read_plan
    from paceplan.templates import template_path

    path = template_path("mile-8wk")
    compiled = compile_plan(read_plan(path), Runner.parse_race("mile=6:00"),
                            BuildOptions(start=dt.date(2026, 3, 2)))
    (session,) = [s for s in compiled.sessions if s.scheduled.date == dt.date(2026, 3, 4)]
    assert session.workout is not None
    run = tmp_path / "wed.gpx"
    run.write_text(to_gpx(simulate(session.workout, noise_m=1.0, open_s=600.0)), encoding="utf-8")
    result = invoke(str(run), "--plan", str(path), "--date", "2026-03-04", "--start", "2026-03-02",
                    "--race", "mile=6:00", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["workout"].startswith("6-10 x 400m @ HM-10K")
    reps = [s for s in data["steps"] if s["is_rep"]]
    assert [s["status"] for s in reps] == ["done"] * 6 and all(s["label"] == "HM-10K" for s in reps)
    assert data["summary"]["reps_on_target"] >= 5
    warmup = data["steps"][0]
    assert warmup["found_by"] == "speed change" and abs(warmup["elapsed_s"] - 600) <= 10  # lap button
    assert data["steps"][-1]["found_by"] == "end of file"


def test_plan_date_without_a_run(tmp_path: Path, gpx: Path) -> None:
    from paceplan.templates import template_path

    result = invoke(str(gpx), "--plan", str(template_path("mile-8wk")), "--date", "2026-03-05",
                    "--start", "2026-03-02")
    assert result.exit_code == 1
    assert "no run is planned on 2026-03-05" in result.stderr and "2026-03-04" in result.stderr
    nostart = invoke(str(gpx), "--plan", str(template_path("mile-8wk")), "--date", "2026-03-04")
    assert nostart.exit_code == 1 and "--start" in nostart.stderr


@pytest.mark.parametrize(("name", "content", "expect"), [
    ("notes.gpx", b"not xml at all", "not a valid GPX file"),
    ("cut.fit", None, "truncated"),
    ("short.gpx", "short", "holds only"),
])
def test_bad_inputs_exit_1_without_traceback(tmp_path: Path, name: str, content: bytes | str | None,
                                             expect: str) -> None:
    path = tmp_path / name
    if content is None:
        path.write_bytes(to_fit(simulate(planned(), noise_m=0.5))[:900])
    elif content == "short":
        two_k = Workout(name="2 km", steps=(Step(intensity=Intensity.ACTIVE, length=Distance(2000)),))
        path.write_text(to_gpx(simulate(two_k, noise_m=0.5)), encoding="utf-8")
    else:
        path.write_bytes(content)  # type: ignore[arg-type]
    result = invoke(str(path), "--workout", "10 km @ E")
    assert result.exit_code == 1
    assert "Traceback" not in result.stderr and expect in result.stderr and name in result.stderr
    assert result.stdout == ""


def test_bad_notation_is_a_plan_error(gpx: Path) -> None:
    result = invoke(str(gpx), "--workout", "6 x 400m @ WHAT")
    assert result.exit_code == 1 and "--workout" in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize("args", [
    ["--workout", NOTATION, "--fit-workout", "x.fit"],
    [],
    ["--plan", "p.yaml"],
    ["--workout", NOTATION, "--race", "mile=6:00", "--vdot", "50"],
])
def test_usage_errors_exit_2(gpx: Path, tmp_path: Path, args: list[str]) -> None:
    (tmp_path / "x.fit").write_bytes(b"")
    (tmp_path / "p.yaml").write_text("", encoding="utf-8")
    args = [str(tmp_path / a) if a in ("x.fit", "p.yaml") else a for a in args]
    result = invoke(str(gpx), *args)
    assert result.exit_code == 2, (result.stdout, result.stderr)


def test_real_recording_through_the_cli() -> None:
    real = FIXTURES / "fitotrack-run-2024-08-24.gpx"
    result = invoke(str(real), "--workout", "7 min @ 8:00/km", "--json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    (step,) = data["steps"]
    assert step["status"] == "done" and step["timer_s"] == 420.0
