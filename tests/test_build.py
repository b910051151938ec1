"""The main job as a library call: compile, render, write. Every FIT file passes Garmin's
decoder, the schedule matches the workouts exactly, builds are byte-identical, one edited cell
changes one event and one file, and a failed build leaves the last good outputs alone."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from _plan_stub import stub_reader
from fitcheck import garmin_messages, identity_of, verify_fit
from icslint import check_calendar
from paceplan import build as build_mod
from paceplan.build import BuildOptions, OutputFormat, build, compile_plan, options_with_defaults, write_outputs
from paceplan.errors import OutputError, PlanError, PlanValueError, Result
from paceplan.model import SessionKind
from paceplan.paces import Runner
from paceplan.readers.plan import read_plan, read_plan_text

PLANS = Path(__file__).parent / "fixtures" / "plans"
START = dt.date(2026, 3, 2)
RUNNER = Runner.parse_race("mile=6:00")


def mini(text: str | None = None):
    if text is None:
        return read_plan(PLANS / "mini.yaml", cell_reader=stub_reader)
    return read_plan_text(text, name="mini.yaml", cell_reader=stub_reader)


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def check_outputs(folder: Path, written: tuple[str, ...], compiled=None) -> None:
    """Every FIT file through fitcheck; every schedule entry is one of the workouts; the calendar
    through the three parsers and the lint; with ``compiled``, every FIT file reads back as the
    compiled workout's steps."""
    workouts = [(folder / f).read_bytes() for f in written if f.startswith("fit/w")]
    for f in written:
        if f.endswith(".fit"):
            verify_fit((folder / f).read_bytes(), workouts=workouts if "schedule" in f else None)
        elif f.endswith(".ics"):
            check_calendar((folder / f).read_bytes())
    if compiled is not None:
        from fitcheck import as_written
        from paceplan.readers.fit import read_fit_workout

        for s in compiled.fit_sessions:
            back = read_fit_workout((folder / "fit" / s.fit_name).read_bytes())
            assert back.steps == as_written(s.workout).steps, s.fit_name


def test_build_writes_fit_workouts_a_schedule_and_a_calendar(tmp_path: Path) -> None:
    report = build(mini(), RUNNER, BuildOptions(start=START, source_date_epoch=0), out_dir=tmp_path)
    assert report.files == (
        "fit/schedule.fit", "fit/w1-fri-30min.fit", "fit/w1-sun-45min.fit", "fit/w1-tue-30min-4x20s.fit",
        "fit/w1-wed-6x400m.fit", "fit/w2-sat-mile-race.fit", "fit/w2-sun-6mi.fit", "fit/w2-wed-4x800m.fit",
        "mini.ics", "plan.html")
    check_outputs(tmp_path, report.files, report.compiled)
    # strength has no FIT file but a calendar event
    kinds = {s.scheduled.key: (s.scheduled.session.kind, s.fit_name) for s in report.compiled.sessions}
    assert kinds["w1-mon"] == (SessionKind.STRENGTH, None)
    assert kinds["w2-sat"] == (SessionKind.RACE, "w2-sat-mile-race.fit")
    assert {w.code for w in report.warnings} >= {"count-range", "length-range"}
    assert all(w.message.startswith("w") for w in report.warnings if w.code == "count-range")


def test_schedule_entries_match_workout_identities_and_dates(tmp_path: Path) -> None:
    report = build(mini(), RUNNER, BuildOptions(start=START), out_dir=tmp_path)
    runs = report.compiled.fit_sessions
    ids = {}
    for s in runs:
        fid = garmin_messages((tmp_path / "fit" / s.fit_name).read_bytes())["file_id_mesgs"][0]
        ids[identity_of(fid)] = s.scheduled.date
    assert len(ids) == len(runs)  # identities unique
    entries = garmin_messages((tmp_path / "fit" / "schedule.fit").read_bytes())["schedule_mesgs"]
    assert len(entries) == len(runs)
    for entry in entries:
        assert identity_of(entry) in ids
    # scheduled_time is local midnight of the session's day, in FIT seconds
    from paceplan.writers.fit import fit_local_date
    raw = sorted(fit_local_date(d) for d in ids.values())
    from fitcheck import fitdecode_messages
    _, mesgs = fitdecode_messages((tmp_path / "fit" / "schedule.fit").read_bytes())
    assert sorted(f[6] for name, f in mesgs if name == "schedule") == raw


def test_schedule_split_into_week_blocks(tmp_path: Path) -> None:
    report = build(mini(), RUNNER, BuildOptions(start=START, schedule_weeks=1), out_dir=tmp_path)
    assert "fit/schedule-w1-1.fit" in report.files and "fit/schedule-w2-2.fit" in report.files
    assert "fit/schedule.fit" not in report.files
    check_outputs(tmp_path, report.files)
    week1 = garmin_messages((tmp_path / "fit" / "schedule-w1-1.fit").read_bytes())["schedule_mesgs"]
    assert len(week1) == 4
    assert not [w for w in report.warnings if w.code == "schedule-size"]


def test_building_twice_is_byte_identical(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    build(mini(), RUNNER, BuildOptions(start=START), out_dir=tmp_path / "a")
    build(mini(), RUNNER, BuildOptions(start=START), out_dir=tmp_path / "b")
    a, b = files_of(tmp_path / "a"), files_of(tmp_path / "b")
    assert a == b and len(a) == 11  # 9 FIT and calendar outputs, plan.html, manifest
    build(mini(), RUNNER, BuildOptions(start=START), out_dir=tmp_path / "a")  # again in place
    assert files_of(tmp_path / "a") == b


def test_editing_one_cell_changes_only_that_day(tmp_path: Path) -> None:
    text = (PLANS / "mini.yaml").read_text()
    edited = text.replace("4 x 800m @ 5K w/ 400m jog recovery", "4 x 800m @ 10K w/ 400m jog recovery")
    assert edited != text
    build(mini(text), RUNNER, BuildOptions(start=START), out_dir=tmp_path / "a")
    build(mini(edited), RUNNER, BuildOptions(start=START), out_dir=tmp_path / "b")
    a, b = files_of(tmp_path / "a"), files_of(tmp_path / "b")
    assert a.keys() == b.keys()
    changed = sorted(k for k in a if a[k] != b[k])
    # The plan page shows every day on one page, so it changes with any cell.
    assert changed == ["fit/w2-wed-4x800m.fit", "mini.ics", "plan.html"]
    ev_a, ev_b = (_events(check_calendar(x["mini.ics"])) for x in (a, b))
    assert ev_a.keys() == ev_b.keys()
    assert [d for d in ev_a if ev_a[d] != ev_b[d]] == [dt.date(2026, 3, 11)]


def _events(cal) -> dict[dt.date, bytes]:
    return {ev.start: ev.to_ical() for ev in cal.events}


def test_failed_build_leaves_previous_outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    build(mini(), RUNNER, BuildOptions(start=START), out_dir=tmp_path)
    before = files_of(tmp_path)

    def broken(compiled):  # a writer that fails after the FIT files were rendered
        raise PlanValueError("the calendar writer broke")

    monkeypatch.setitem(build_mod.OUTPUT_FORMATS, "ics", OutputFormat("ics", "broken", broken))
    with pytest.raises(PlanValueError):
        build(mini(), Runner.parse_race("mile=5:00"), BuildOptions(start=START), out_dir=tmp_path)
    assert files_of(tmp_path) == before
    monkeypatch.undo()

    def no_fsync(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(build_mod.os, "fsync", no_fsync)
    with pytest.raises(OutputError, match="No space left"):
        build(mini(), Runner.parse_race("mile=5:00"), BuildOptions(start=START), out_dir=tmp_path)
    assert files_of(tmp_path) == before
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".paceplan-build-")]


def test_stale_files_from_an_earlier_build_are_removed(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine")
    build(mini(), RUNNER, BuildOptions(start=START, reps="low"), out_dir=tmp_path)
    report = build(mini(), RUNNER, BuildOptions(start=START, reps="high"), out_dir=tmp_path)
    assert report.removed == ("fit/w1-wed-6x400m.fit",)
    assert (tmp_path / "fit" / "w1-wed-10x400m.fit").exists()
    assert not (tmp_path / "fit" / "w1-wed-6x400m.fit").exists()
    assert (tmp_path / "notes.txt").read_text() == "mine"


@pytest.mark.parametrize("rel", ["../evil.fit", "fit/../../evil.fit", "/abs.fit", "fit/.hidden", "a/b/c/d.fit",
                                 "fit/x y.fit", ""])
def test_unsafe_output_names_are_refused(tmp_path: Path, rel: str) -> None:
    with pytest.raises(OutputError):
        write_outputs({rel: b"x"}, tmp_path / "out")
    assert not (tmp_path / "evil.fit").exists()


def test_never_writes_through_a_symlinked_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "fit").symlink_to(outside, target_is_directory=True)
    with pytest.raises(OutputError, match="outside"):
        write_outputs({"fit/w1.fit": b"x"}, out)
    assert list(outside.iterdir()) == []


def test_output_folder_that_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    with pytest.raises(OutputError, match="is a file"):
        build(mini(), RUNNER, BuildOptions(start=START), out_dir=tmp_path / "f")


def test_plan_defaults_and_command_line_precedence() -> None:
    text = (PLANS / "mini.yaml").read_text().replace(
        "race_day:", "defaults:\n  reps: high\n  warmup: 12\n  race: mile=5:30\nrace_day:")
    pf = mini(text)
    opts, race = options_with_defaults(pf, {"reps": "mid", "start": START})
    assert (opts.reps, opts.warmup, opts.start, race) == ("mid", 12.0, START, "mile=5:30")
    bad = mini(text.replace("warmup: 12", "warmup: soon"))
    with pytest.raises(PlanError) as info:
        options_with_defaults(bad, {})
    assert info.value.span is not None and info.value.span.text == "soon"


def test_race_date_and_unknown_format() -> None:
    compiled = compile_plan(mini(), RUNNER, BuildOptions(race_date=dt.date(2026, 3, 14)))
    assert compiled.start == START and compiled.race is not None
    assert compiled.race.scheduled.date == dt.date(2026, 3, 14)
    with pytest.raises(PlanValueError, match="unknown output format"):
        compile_plan(mini(), RUNNER, BuildOptions(start=START, formats=("pdf",)))


def test_output_format_table_takes_a_new_writer(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def render_txt(compiled) -> Result[dict[str, bytes]]:
        lines = [f"{s.scheduled.date} {s.scheduled.key}" for s in compiled.sessions]
        return Result({"plan.txt": ("\n".join(lines) + "\n").encode()})

    monkeypatch.setitem(build_mod.OUTPUT_FORMATS, "txt", OutputFormat("txt", "plain text", render_txt))
    report = build(mini(), RUNNER, BuildOptions(start=START, formats=("txt",)), out_dir=tmp_path)
    assert report.files == ("plan.txt",)
    assert (tmp_path / "plan.txt").read_text().startswith("2026-03-02 w1-mon")


def test_the_shipped_mile_plan_builds(tmp_path: Path) -> None:
    pytest.importorskip("paceplan.readers.notation")
    from paceplan.templates import template_path

    pf = read_plan(template_path("mile-8wk"))
    report = build(pf, RUNNER, BuildOptions(start=START), out_dir=tmp_path / "a")
    fits = [f for f in report.files if f.startswith("fit/w")]
    assert len(fits) == 40  # five runs a week for eight weeks
    assert "fit/w8-sat-mile-race.fit" in fits and "mile-8wk.ics" in report.files
    check_outputs(tmp_path / "a", report.files, report.compiled)
    cal = check_calendar((tmp_path / "a" / "mile-8wk.ics").read_bytes())
    assert len(cal.events) == 56
    assert [w for w in report.warnings if w.code == "schedule-size"]
    again = build(read_plan(template_path("mile-8wk")), RUNNER, BuildOptions(start=START), out_dir=tmp_path / "b")
    assert again.files == report.files
    assert files_of(tmp_path / "a") == files_of(tmp_path / "b")
    race = (tmp_path / "a" / "fit" / "w8-sat-mile-race.fit").read_bytes()
    steps = verify_fit(race)["workout_step_mesgs"]
    laps = [s for s in steps if (s.get("wkt_step_name") or "").startswith("Lap")]
    assert [round(s["duration_distance"], 2) for s in laps] == [409.34, 400, 400, 100, 100, 100, 100]


def test_race_day_is_paced_from_the_goal_when_given() -> None:
    def race_labels(runner: Runner) -> list[str | None]:
        compiled = compile_plan(mini(), runner, BuildOptions(start=START))
        assert compiled.race is not None
        return [getattr(s, "label", None) for s in compiled.race.workout.steps if getattr(s, "name", "") == "Lap 2"]

    assert race_labels(RUNNER) == ["Mile"]
    assert race_labels(Runner.parse_race("mile=6:00", goal="mile=5:45")) == ["GMP"]


def test_turning_a_run_into_strength_keeps_every_other_workout_identical(tmp_path: Path) -> None:
    text = (PLANS / "mini.yaml").read_text()
    edited = text.replace("fri: 30 min run or 45 - 60 min cross-train", "fri: PT / Strength Focused Lift")
    assert edited != text
    build(mini(text), RUNNER, BuildOptions(start=START), out_dir=tmp_path / "a")
    build(mini(edited), RUNNER, BuildOptions(start=START), out_dir=tmp_path / "b")
    a, b = files_of(tmp_path / "a"), files_of(tmp_path / "b")
    workouts = {k for k in a if k.startswith("fit/w")}
    assert workouts - set(b) == {"fit/w1-fri-30min.fit"}
    assert all(a[k] == b[k] for k in workouts - {"fit/w1-fri-30min.fit"})
