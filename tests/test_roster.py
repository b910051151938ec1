"""Team builds: reading a roster CSV, one folder per athlete, bad rows reported with their line
and column without losing the others, and output independent of the number of jobs."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest
from fitcheck import verify_fit

from paceplan.compiled import BuildOptions
from paceplan.errors import PlanError, PlanValueError, render_diagnostics
from paceplan.roster import AthleteReport, PlanRef, build_roster, read_roster, read_roster_text
from paceplan.templates import template_path

FIXTURES = Path(__file__).parent / "fixtures" / "roster"
START = dt.date(2026, 3, 2)
MILE = PlanRef(path=template_path("mile-8wk"), name="templates/mile-8wk.yaml")
UPDATE = os.environ.get("PACEPLAN_UPDATE_GOLDEN") == "1"


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


# ----------------------------------------------------------------------------- reading


def test_good_rows_with_unique_safe_folders() -> None:
    roster = read_roster(FIXTURES / "team.csv", name="team.csv")
    assert [(a.name, a.race, a.start, a.goal, a.line, a.folder) for a in roster.athletes] == [
        ("Ada Lovelace", "mile=6:00", START, None, 2, "ada-lovelace"),
        ("Bannister, Roger", "5k=20:29", None, "mile=5:50", 3, "bannister-roger"),
        ("Zoë Smith", "mile=7:10", None, None, 4, "zoe-smith"),
        ("zoe smith", "mile=6:40", dt.date(2026, 3, 9), None, 7, "zoe-smith-2"),
    ]
    assert roster.rows == 10


def test_bad_rows_are_reported_with_line_and_column() -> None:
    roster = read_roster(FIXTURES / "team.csv", name="team.csv")
    expected = (FIXTURES / "team.csv.err")
    rendered = render_diagnostics(roster.errors) + "\n"
    if UPDATE:
        expected.write_text(rendered, encoding="utf-8")
    assert rendered == expected.read_text(encoding="utf-8")
    assert [(d.span.line, d.span.column) for d in roster.errors if d.span] == [
        (8, 10), (9, 20), (10, 1), (11, 21), (12, 1), (13, 9)]


@pytest.mark.parametrize("text, message", [
    ("", "is empty"),
    ("# only a comment\n\n", "is empty"),
    ("name,start\nAda,2026-03-02\n", "no 'race' column"),
    ("athlete,result\n", "no athletes"),
    ("race\nmile=6:00\n", "no 'name' column"),
])
def test_files_that_are_not_rosters_are_refused(text: str, message: str) -> None:
    with pytest.raises(PlanValueError, match=message):
        read_roster_text(text, name="r.csv")


def test_columns_in_any_order_and_case_with_a_bom_and_crlf(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes("\ufeffGoal,Race Result,Start Date,Name,notes\r\n,5K=20:00,,\"Lee \"\"Flash\"\"\",x\r\n"
                     .encode("utf-8"))
    roster = read_roster(path)
    assert [(a.name, a.race, a.folder) for a in roster.athletes] == [('Lee "Flash"', "5K=20:00", "lee-flash")]


def test_missing_file_and_bad_encoding_are_plan_errors(tmp_path: Path) -> None:
    with pytest.raises(PlanValueError, match="cannot read roster"):
        read_roster(tmp_path / "nope.csv")
    (tmp_path / "latin1.csv").write_bytes("name,race\nZo\xeb,mile=6:00\n".encode("latin-1"))
    with pytest.raises(PlanValueError, match="not UTF-8"):
        read_roster(tmp_path / "latin1.csv")


def test_names_that_slug_to_nothing_or_to_dots_get_safe_folders() -> None:
    roster = read_roster_text("name,race\n../../etc,mile=6:00\n…,mile=6:00\n...,mile=6:00\nCON,mile=6:00\n")
    folders = [a.folder for a in roster.athletes]
    assert folders == ["etc", "athlete", "athlete-2", "con-file"]  # CON is a Windows device name


# ----------------------------------------------------------------------------- building


def test_every_good_athlete_gets_a_folder_and_bad_rows_do_not_stop_them(tmp_path: Path) -> None:
    roster = read_roster(FIXTURES / "team.csv", name="team.csv")
    seen: list[AthleteReport] = []
    report = build_roster(MILE, roster, BuildOptions(start=START), out_dir=tmp_path, jobs=1, progress=seen.append)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ada-lovelace", "bannister-roger", "zoe-smith", "zoe-smith-2"]
    assert len(seen) == 4 and all(a.ok and a.files > 40 for a in seen)
    assert not report.ok and report.failed_rows == 6 and len(report.built) == 4
    assert report.errors == roster.errors
    for folder in ("ada-lovelace", "zoe-smith-2"):
        files = tree(tmp_path / folder)
        assert {"mile-8wk.ics", "plan.html", "fit/schedule.fit"} <= set(files)
        verify_fit(files["fit/schedule.fit"])
    # The row's start date wins over the build's.
    assert b"DTSTART;VALUE=DATE:20260309" in tree(tmp_path / "zoe-smith-2")["mile-8wk.ics"]
    assert b"DTSTART;VALUE=DATE:20260302" in tree(tmp_path / "zoe-smith")["mile-8wk.ics"]


def _uids(ics: bytes) -> set[bytes]:
    return {line.split(b":", 1)[1].strip() for line in ics.splitlines() if line.startswith(b"UID:")}


def test_calendar_uids_differ_between_athletes_even_with_the_same_result(tmp_path: Path) -> None:
    roster = read_roster_text("name,race\nSam,mile=6:00\nSam,mile=6:00\nKim,mile=6:00\n", name="r.csv")
    report = build_roster(MILE, roster, BuildOptions(start=START, formats=("ics", "fit")), out_dir=tmp_path, jobs=1)
    assert report.ok
    uids = [_uids(tree(tmp_path / f)["mile-8wk.ics"]) for f in ("sam", "sam-2", "kim")]
    assert all(uids) and not (uids[0] & uids[1]) and not (uids[0] & uids[2]) and not (uids[1] & uids[2])
    # Same paces, same plan: the watch files are the same (the FIT cache serves them).
    assert {k: v for k, v in tree(tmp_path / "sam").items() if k.startswith("fit/")} == \
        {k: v for k, v in tree(tmp_path / "kim").items() if k.startswith("fit/")}


def test_output_is_byte_identical_whatever_the_number_of_jobs(tmp_path: Path) -> None:
    roster = read_roster(FIXTURES / "team.csv", name="team.csv")
    opts = BuildOptions(start=START, formats=("fit", "ics", "html"))
    one = build_roster(MILE, roster, opts, out_dir=tmp_path / "one", jobs=1)
    two = build_roster(MILE, roster, opts, out_dir=tmp_path / "two", jobs=2)
    assert tree(tmp_path / "one") == tree(tmp_path / "two")
    assert len(tree(tmp_path / "one")) > 150
    assert one.errors == two.errors and [a.athlete for a in one.athletes] == [a.athlete for a in two.athletes]
    assert [a.files for a in one.athletes] == [a.files for a in two.athletes]


def test_a_build_error_for_one_athlete_is_reported_and_the_rest_are_built(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    import paceplan.roster as roster_mod

    real = roster_mod.build

    def flaky(plan_file, runner, options, *, out_dir):  # type: ignore[no-untyped-def]
        if options.athlete == "kim":
            raise PlanValueError("the calendar writer broke", hint="try again", code="broken")
        return real(plan_file, runner, options, out_dir=out_dir)

    monkeypatch.setattr(roster_mod, "build", flaky)
    roster = read_roster_text("name,race\nSam,mile=6:00\nKim,mile=6:30\nLee,mile=7:00\n", name="r.csv")
    report = build_roster(MILE, roster, BuildOptions(start=START, formats=("fit",)), out_dir=tmp_path, jobs=1)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["lee", "sam"]
    assert not report.ok and report.failed_rows == 1
    text = render_diagnostics(report.errors)
    assert "line 3: Kim was not built" in text and "Kim: the calendar writer broke" in text


def test_an_unreadable_plan_fails_before_any_athlete(tmp_path: Path) -> None:
    roster = read_roster_text("name,race\nSam,mile=6:00\nKim,mile=6:30\n")
    with pytest.raises(PlanError, match="cannot read plan file"):
        build_roster(PlanRef(path=tmp_path / "missing.yaml"), roster, BuildOptions(start=START),
                     out_dir=tmp_path / "out", jobs=2)
    assert not (tmp_path / "out").exists()


def test_warnings_are_collected_once_not_per_athlete(tmp_path: Path) -> None:
    roster = read_roster_text("name,race\nA,mile=6:00\nB,mile=6:10\nC,mile=6:20\n")
    report = build_roster(MILE, roster, BuildOptions(start=START, formats=("fit",)), out_dir=tmp_path, jobs=1)
    keys = [(d.message, d.span.location() if d.span else None) for d in report.warnings]
    assert keys and len(keys) == len(set(keys))
    # Each athlete met (about) the same warnings; the report keeps one copy.
    assert all(a.warnings >= len(keys) // 2 for a in report.athletes)
    assert sum(a.warnings for a in report.athletes) > 2 * len(keys)


@pytest.mark.parametrize(("name", "folder"), [("CON", "con-file"), ("Nul", "nul-file"), ("com1", "com1-file"),
                                              ("Connie", "connie"), ("???", "athlete")])
def test_athlete_folders_never_take_a_name_windows_reserves(name: str, folder: str) -> None:
    # Issue 21 item 11: an athlete named CON got the folder "con", which Windows cannot open.
    roster = read_roster_text(f"name,race\n{name},mile=6:00\n", name="team.csv")
    assert [a.folder for a in roster.athletes] == [folder]
