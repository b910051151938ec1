"""``paceplan install`` through click's runner: stdout, stderr, exit codes."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from paceplan.cli import main


def _setup(tmp_path: Path) -> tuple[Path, Path]:
    out = tmp_path / "out"
    out.mkdir()
    (out / "w01-tue.fit").write_bytes(b"A")
    (out / "schedule.fit").write_bytes(b"S")
    watch = tmp_path / "watch"
    (watch / "GARMIN" / "NewFiles").mkdir(parents=True)
    (watch / "GARMIN" / "GarminDevice.xml").write_text("<Device/>")
    return out, watch


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_install_copies_and_reports(tmp_path: Path) -> None:
    out, watch = _setup(tmp_path)
    code, stdout, stderr = run("install", str(out), "--device", str(watch))
    assert code == 0, stderr
    target = watch / "GARMIN" / "NewFiles"
    assert stdout.splitlines() == [
        f"copied: schedule.fit -> {target / 'schedule.fit'}",
        f"copied: w01-tue.fit -> {target / 'w01-tue.fit'}",
        f"2 file(s) copied to {target}, 0 already there; unplug the watch to import them",
    ]
    assert stderr == ""
    code, stdout, _ = run("install", str(out), "--device", str(watch))
    assert code == 0
    assert stdout.splitlines()[-1] == f"0 file(s) copied to {target}, 2 already there"


def test_dry_run(tmp_path: Path) -> None:
    out, watch = _setup(tmp_path)
    code, stdout, _ = run("install", str(out), "--device", str(watch), "--dry-run")
    assert code == 0
    assert "would copy: w01-tue.fit" in stdout
    assert stdout.splitlines()[-1].startswith("dry run: 2 file(s) would be copied")
    assert list((watch / "GARMIN" / "NewFiles").iterdir()) == []


def test_conflict_exits_1_without_traceback(tmp_path: Path) -> None:
    out, watch = _setup(tmp_path)
    (watch / "GARMIN" / "NewFiles" / "w01-tue.fit").write_bytes(b"OLD")
    code, stdout, stderr = run("install", str(out), "--device", str(watch))
    assert code == 1
    assert stdout == ""
    assert "error: 1 file(s) already on the watch differ from the new ones: w01-tue.fit" in stderr
    assert "hint: nothing was copied; pass --overwrite" in stderr
    assert "Traceback" not in stderr
    code, stdout, _ = run("install", str(out), "--device", str(watch), "--overwrite")
    assert code == 0 and "replaced: w01-tue.fit" in stdout


def test_non_garmin_folder_refused_unless_forced(tmp_path: Path) -> None:
    out, _ = _setup(tmp_path)
    stick = tmp_path / "stick"
    stick.mkdir()
    code, _, stderr = run("install", str(out), "--device", str(stick))
    assert code == 1
    assert "does not look like a Garmin device" in stderr and "--force" in stderr
    code, stdout, stderr = run("install", str(out), "--device", str(stick), "--force")
    assert code == 0
    assert "not a recognised Garmin device" in stderr
    assert (stick / "GARMIN" / "NewFiles" / "w01-tue.fit").exists()


def test_empty_outdir_and_missing_device(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    code, _, stderr = run("install", str(tmp_path / "empty"), "--device", str(tmp_path))
    assert code == 1 and "no .fit files" in stderr and "paceplan build" in stderr
    out, _ = _setup(tmp_path)
    code, _, stderr = run("install", str(out), "--device", str(tmp_path / "nowhere"))
    assert code == 1 and "does not exist" in stderr


def test_device_option_is_required(tmp_path: Path) -> None:
    out, _ = _setup(tmp_path)
    code, _, stderr = run("install", str(out))
    assert code == 2 and "--device" in stderr


def test_schedule_choice(tmp_path: Path) -> None:
    out, watch = _setup(tmp_path)
    (out / "schedule.fit").rename(out / "schedule-w1-4.fit")
    (out / "schedule-w5-8.fit").write_bytes(b"S2")
    code, _, stderr = run("install", str(out), "--device", str(watch))
    assert code == 1 and "--schedule schedule-w1-4.fit" in stderr
    code, stdout, _ = run("install", str(out), "--device", str(watch), "--schedule", "schedule-w1-4.fit")
    assert code == 0
    assert "copied: schedule-w1-4.fit" in stdout and "schedule-w5-8" not in stdout
