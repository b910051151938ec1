"""Recognising a mounted Garmin watch and copying FIT files into GARMIN/NewFiles."""

from __future__ import annotations

from pathlib import Path

import pytest

from paceplan.devices import (
    Action,
    find_garmin_root,
    fit_files_in,
    install_files,
    is_garmin_device,
)
from paceplan.errors import OutputError, PlanValueError


def make_watch(root: Path, *, xml: bool = True, newfiles: bool = True) -> Path:
    (root / "GARMIN").mkdir(parents=True)
    if xml:
        (root / "GARMIN" / "GarminDevice.xml").write_text("<Device/>")
    if newfiles:
        (root / "GARMIN" / "NewFiles").mkdir()
    return root


def make_outdir(root: Path) -> Path:
    (root / "workouts").mkdir(parents=True)
    (root / "workouts" / "w01-tue.fit").write_bytes(b"FIT-A")
    (root / "workouts" / "w01-thu.fit").write_bytes(b"FIT-B")
    (root / "schedule.fit").write_bytes(b"FIT-S")
    (root / "plan.ics").write_text("not a fit file")
    return root


@pytest.mark.parametrize(("xml", "newfiles"), [(True, True), (True, False), (False, True)])
def test_recognises_device_layouts(tmp_path: Path, xml: bool, newfiles: bool) -> None:
    watch = make_watch(tmp_path / "watch", xml=xml, newfiles=newfiles)
    assert is_garmin_device(watch)
    assert find_garmin_root(watch / "GARMIN") == watch
    if newfiles:
        assert find_garmin_root(watch / "GARMIN" / "NewFiles") == watch


def test_refuses_plain_folders(tmp_path: Path) -> None:
    (tmp_path / "home" / "GARMIN").mkdir(parents=True)  # an empty GARMIN folder is not a watch
    assert not is_garmin_device(tmp_path / "home")
    assert not is_garmin_device(tmp_path)


def test_fit_files_found_recursively_sorted(tmp_path: Path) -> None:
    out = make_outdir(tmp_path / "out")
    assert [p.name for p in fit_files_in(out)] == ["schedule.fit", "w01-thu.fit", "w01-tue.fit"]


def test_fit_files_errors(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        fit_files_in(tmp_path / "missing")
    (tmp_path / "empty").mkdir()
    with pytest.raises(OutputError, match="no .fit files"):
        fit_files_in(tmp_path / "empty")
    out = make_outdir(tmp_path / "dup")
    (out / "schedule").mkdir()
    (out / "schedule" / "w01-tue.fit").write_bytes(b"other")
    with pytest.raises(PlanValueError, match="w01-tue.fit"):
        fit_files_in(out)


def test_install_copies_then_skips_identical(tmp_path: Path) -> None:
    watch = make_watch(tmp_path / "watch")
    files = fit_files_in(make_outdir(tmp_path / "out"))
    first = install_files(files, watch)
    assert [a.action for a in first.actions] == [Action.COPY] * 3
    newfiles = watch / "GARMIN" / "NewFiles"
    assert sorted(p.name for p in newfiles.iterdir()) == ["schedule.fit", "w01-thu.fit", "w01-tue.fit"]
    assert (newfiles / "w01-tue.fit").read_bytes() == b"FIT-A"
    again = install_files(files, watch / "GARMIN")
    assert [a.action for a in again.actions] == [Action.SKIP_IDENTICAL] * 3
    assert again.count(Action.SKIP_IDENTICAL) == 3


def test_different_file_is_an_error_and_nothing_is_copied(tmp_path: Path) -> None:
    watch = make_watch(tmp_path / "watch")
    newfiles = watch / "GARMIN" / "NewFiles"
    (newfiles / "w01-thu.fit").write_bytes(b"OLD")
    files = fit_files_in(make_outdir(tmp_path / "out"))
    with pytest.raises(OutputError, match="w01-thu.fit") as info:
        install_files(files, watch)
    assert "--overwrite" in (info.value.hint or "")
    assert sorted(p.name for p in newfiles.iterdir()) == ["w01-thu.fit"]
    assert (newfiles / "w01-thu.fit").read_bytes() == b"OLD"
    report = install_files(files, watch, overwrite=True)
    assert {a.source.name: a.action for a in report.actions}["w01-thu.fit"] is Action.OVERWRITE
    assert (newfiles / "w01-thu.fit").read_bytes() == b"FIT-B"


def test_dry_run_writes_nothing(tmp_path: Path) -> None:
    watch = make_watch(tmp_path / "watch", newfiles=False)
    files = fit_files_in(make_outdir(tmp_path / "out"))
    report = install_files(files, watch, dry_run=True)
    assert report.dry_run and [a.action for a in report.actions] == [Action.COPY] * 3
    assert not (watch / "GARMIN" / "NewFiles").exists()


def test_non_garmin_folder_needs_force(tmp_path: Path) -> None:
    stick = tmp_path / "usbstick"
    stick.mkdir()
    files = fit_files_in(make_outdir(tmp_path / "out"))
    with pytest.raises(OutputError, match="does not look like a Garmin device") as info:
        install_files(files, stick)
    assert "--force" in (info.value.hint or "")
    assert list(stick.iterdir()) == []
    report = install_files(files, stick, force=True)
    assert not report.recognised
    assert (stick / "GARMIN" / "NewFiles" / "schedule.fit").read_bytes() == b"FIT-S"


def test_no_temporary_files_left(tmp_path: Path) -> None:
    watch = make_watch(tmp_path / "watch")
    install_files(fit_files_in(make_outdir(tmp_path / "out")), watch)
    assert not [p for p in (watch / "GARMIN" / "NewFiles").iterdir() if p.name.startswith(".")]


def test_hidden_folders_are_skipped(tmp_path: Path) -> None:
    out = make_outdir(tmp_path / "out")
    (out / ".paceplan-tmp").mkdir()
    (out / ".paceplan-tmp" / "half.fit").write_bytes(b"x")
    (out / ".hidden.fit").write_bytes(b"x")
    assert [p.name for p in fit_files_in(out)] == ["schedule.fit", "w01-thu.fit", "w01-tue.fit"]


def test_split_schedules_need_a_choice(tmp_path: Path) -> None:
    out = tmp_path / "out" / "fit"
    out.mkdir(parents=True)
    for name in ("w1-tue.fit", "w5-tue.fit", "schedule-w1-4.fit", "schedule-w5-8.fit"):
        (out / name).write_bytes(name.encode())
    with pytest.raises(PlanValueError, match="2 schedule files") as info:
        fit_files_in(out.parent)
    assert "--schedule schedule-w1-4.fit" in (info.value.hint or "")
    chosen = fit_files_in(out.parent, schedule="schedule-w5-8")
    assert [p.name for p in chosen] == ["schedule-w5-8.fit", "w1-tue.fit", "w5-tue.fit"]
    with pytest.raises(PlanValueError, match="no schedule file 'nope'"):
        fit_files_in(out.parent, schedule="nope")
