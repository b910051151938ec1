"""Safe output: hostile names become safe file names, nothing is written outside the output
folder, writes are atomic, an interrupted or failed build leaves the previous outputs exactly as
they were (and no temporary files), and an unusable output folder is a clear error."""

from __future__ import annotations

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import paceplan.output_dir as output_dir
from paceplan.atomic import atomic_write_bytes
from paceplan.build import BuildOptions, build
from paceplan.errors import OutputError, PlanError
from paceplan.naming import MAX_FILE_NAME, fit_file_name, is_reserved_name, safe_stem, slugify, unique_file_names
from paceplan.output_dir import MANIFEST, write_outputs
from paceplan.readers.plan import read_plan, read_plan_text

FUZZ = settings(derandomize=True, max_examples=int(os.environ.get("PACEPLAN_FUZZ_EXAMPLES", "200")),
                deadline=None, suppress_health_check=[HealthCheck.too_slow])
PLANS = Path(__file__).parent / "fixtures" / "plans"
ALL_FORMATS = ("fit", "ics", "html", "garmin-json", "intervals")
SAFE_FILE = re.compile(r"^[a-z0-9][a-z0-9-]*\.fit$")

HOSTILE_NAMES = ["../../evil", "..", ".", "/etc/passwd", "C:\\Windows\\system32", "a/b\\c", "CON", "con.txt",
                 "Nul", "COM1", "lpt1.fit", "AUX.ics", "PRN", "\U0001f3c3\u200d\u2640\ufe0f run", "\u202eexe.fit",
                 "x" * 500, "\x00\x01", "   ", "", "~/x", "$(rm -rf ~)", "; rm -rf /", "*?<>|\"", "\u00e9t\u00e9 run"]


# ------------------------------------------------------------------ names

@pytest.mark.parametrize("title", HOSTILE_NAMES)
def test_hostile_titles_make_safe_fit_file_names(title: str) -> None:
    name = fit_file_name("w1-mon", title)
    assert SAFE_FILE.match(name) and len(name) <= MAX_FILE_NAME and not is_reserved_name(name)


@FUZZ
@given(key=st.text(max_size=40), title=st.text(max_size=300))
def test_any_key_and_title_make_a_safe_bounded_file_name(key: str, title: str) -> None:
    name = fit_file_name(key, title)
    assert SAFE_FILE.match(name), name
    assert len(name) <= MAX_FILE_NAME and ".." not in name and not is_reserved_name(name)


@FUZZ
@given(st.lists(st.sampled_from(["a.fit", "A.fit", "a-2.fit", "b.fit", "a", "A", "a-2", "x.y.fit"]), max_size=12))
def test_unique_file_names_never_clash_even_ignoring_case(names: list[str]) -> None:
    out = unique_file_names(names)
    assert len(out) == len(names) and len({n.lower() for n in out}) == len(out)


@pytest.mark.parametrize("name", ["CON", "con", "CoN.ics", "nul.tar.gz", "COM1", "com9.fit", "LPT1", "lpt0.txt",
                                  "AUX", "prn.html", "con "])
def test_reserved_device_names_any_case_any_extension(name: str) -> None:
    assert is_reserved_name(name)
    stem = safe_stem(name.split(".")[0])
    assert not is_reserved_name(stem) and not is_reserved_name(f"{stem}.ics")


@pytest.mark.parametrize("name", ["console", "icon", "com10", "lpt", "nul-plan", "w1-mon-con.fit"])
def test_names_that_only_look_reserved_are_kept(name: str) -> None:
    assert not is_reserved_name(name)


@pytest.mark.parametrize("rel", ["../evil.fit", "fit/../../evil.fit", "/abs.fit", "a\\b.fit", "", "fit/", ".hidden",
                                 "fit/.x", "CON.ics", "fit/nul.fit", "Com1", "\U0001f3c3.fit", "a/b/c/d.fit",
                                 "x" * 200, "name.", "fit/a b.fit"])
def test_output_paths_are_checked_before_anything_is_written(tmp_path: Path, rel: str) -> None:
    with pytest.raises(OutputError):
        write_outputs({"ok.txt": b"fine", rel: b"bad"}, tmp_path / "out")
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
    assert sorted(p.name for p in tmp_path.iterdir()) in ([], ["out"])


def test_slugify_strips_separators_and_dots() -> None:
    for text in HOSTILE_NAMES:
        slug = slugify(text)
        assert re.fullmatch(r"[a-z0-9-]*", slug) and not slug.startswith("-") and not slug.endswith("-")


# ------------------------------------------------------------------ builds with hostile plans

def _tree(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _build(plan_path: Path, out: Path, **kw: object):  # type: ignore[no-untyped-def]
    opts = BuildOptions(formats=ALL_FORMATS, start=dt.date(2026, 3, 2), **kw)  # type: ignore[arg-type]
    return build(read_plan(plan_path), None, opts, out_dir=out)


def test_plan_id_with_path_separators_is_refused() -> None:
    with pytest.raises(PlanError, match="plan id") as info:
        read_plan_text("id: ../../evil\nweeks:\n  - mon: 45 min run\n", name="p.yaml")
    assert info.value.span is not None and info.value.span.line == 1


@pytest.mark.parametrize("stem", ["CON", "nul", "..evil", "\U0001f3c3", "a b c"])
def test_hostile_plan_file_names_build_only_safe_files_inside_the_folder(tmp_path: Path, stem: str) -> None:
    """A CSV plan takes its id from the file name: ``CON.csv`` once wrote ``con.ics`` (the
    console device on Windows); now ``con-file.ics``."""
    src = tmp_path / "src"
    src.mkdir()
    plan = src / f"{stem}.csv"
    plan.write_text("Mon,Tue,Wed,Thu,Fri,Sat,Sun\n45 min run,,\"4 x 400m @ 5K w/ 400m jog\",,,,\n",
                    encoding="utf-8")
    out = tmp_path / "out"
    report = _build(plan, out)
    written = [p for p in tmp_path.rglob("*") if p.is_file() and p.parent != src]
    assert written and all(out in p.parents for p in written)
    for rel in report.files:
        for part in rel.split("/"):
            assert re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", part) and not is_reserved_name(part), rel


def test_hostile_titles_and_names_in_a_yaml_plan_stay_inside(tmp_path: Path) -> None:
    text = ("id: safe\nname: '../../../etc/passwd \U0001f3c3 CON'\nweeks:\n"
            "  - mon: {text: 45 min run, title: '../../evil/NUL'}\n"
            "    tue: {text: '4 x 400m @ 5K w/ 400m jog', title: 'C:\\Windows\\x'}\n"
            "    wed: 'Con: 30 min run'\n")
    plan = tmp_path / "plan.yaml"
    plan.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    report = _build(plan, out)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "plan.yaml"]
    assert set(_tree(out)) == {*report.files, MANIFEST}


def test_symlinked_output_subfolder_is_refused(tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    out = tmp_path / "out"
    out.mkdir()
    (out / "fit").symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(OutputError, match="leads outside"):
        _build(PLANS / "mini.yaml", out)
    assert list(elsewhere.iterdir()) == []
    assert sorted(p.name for p in out.iterdir()) == ["fit"]  # no temporary folder left


def test_symlinked_stale_file_is_not_followed_when_cleaning_up(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _build(PLANS / "mini.yaml", out)
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    (out / "fit" / "w9-mon-old.fit").symlink_to(victim)
    manifest = out / MANIFEST
    manifest.write_text(manifest.read_text().replace('"files": [', '"files": [\n  "fit/w9-mon-old.fit",'))
    _build(PLANS / "mini.yaml", out)
    assert victim.read_text() == "keep me"


# ------------------------------------------------------------------ interrupted and failed builds

@pytest.mark.parametrize("fail_at", [1, 2, 5, 12, -1])
@pytest.mark.parametrize("error", [KeyboardInterrupt, OSError])
def test_interrupted_build_leaves_the_previous_outputs_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                             fail_at: int, error: type[BaseException]) -> None:
    """An interruption (Ctrl-C) or a failure while files are moved into place puts every
    previous file back: the folder is byte for byte what the last good build left."""
    out = tmp_path / "out"
    _build(PLANS / "mini.yaml", out)
    before = _tree(out)
    real = os.replace
    calls = []
    moves = len(before)  # the second build writes as many files as the first, plus a removal

    def flaky(src: object, dst: object) -> None:
        calls.append(dst)
        if len(calls) == (fail_at if fail_at > 0 else moves):
            raise error("interrupted")
        real(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(output_dir.os, "replace", flaky)
    expected = KeyboardInterrupt if error is KeyboardInterrupt else OutputError
    with pytest.raises(expected):
        _build(PLANS / "mini-semicolon.csv", out, reps="high", warmup=10.0)
    monkeypatch.setattr(output_dir.os, "replace", real)
    assert _tree(out) == before
    assert not [p for p in out.iterdir() if p.name.startswith(".paceplan-build-")]


def test_failure_while_writing_temporary_files_changes_nothing(tmp_path: Path,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    _build(PLANS / "mini.yaml", out)
    before = _tree(out)
    real_open = open
    count = [0]

    def failing_open(path: object, mode: str = "r", *a: object, **k: object):  # type: ignore[no-untyped-def]
        if "w" in mode:
            count[0] += 1
            if count[0] == 3:
                raise OSError(28, "No space left on device")
        return real_open(path, mode, *a, **k)  # type: ignore[call-overload]

    monkeypatch.setattr("builtins.open", failing_open)
    with pytest.raises(OutputError, match="No space left"):
        _build(PLANS / "mini.yaml", out, reps="high")
    monkeypatch.undo()
    assert _tree(out) == before
    assert sorted(p.name for p in out.iterdir()) == sorted({r.split("/")[0] for r in before})


def test_output_folder_under_a_file_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(OutputError, match="cannot create the output folder"):
        _build(PLANS / "mini.yaml", blocker / "out")
    with pytest.raises(OutputError, match="is a file, not a folder"):
        _build(PLANS / "mini.yaml", blocker)
    assert blocker.read_text() == "not a folder"


def test_read_only_output_folder_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """As root chmod does not stop writes, so the refusal is simulated where the OS would raise."""
    def denied(*a: object, **k: object) -> str:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(output_dir.tempfile, "mkdtemp", denied)
    with pytest.raises(OutputError, match="Permission denied") as info:
        _build(PLANS / "mini.yaml", tmp_path / "out")
    assert "writable" in (info.value.hint or "")


def test_cli_reports_an_unusable_output_folder_without_a_traceback(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from paceplan.cli import main

    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = CliRunner().invoke(main, ["build", str(PLANS / "mini.yaml"), "--start", "2026-03-02",
                                       "-o", str(blocker / "out")])
    assert result.exit_code == 1
    assert "cannot create the output folder" in result.output and "Traceback" not in result.output


# ------------------------------------------------------------------ atomic single-file writes

def test_atomic_write_interrupted_keeps_the_old_file_and_no_temp(tmp_path: Path,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    import paceplan.atomic as atomic

    target = tmp_path / "page.html"
    target.write_bytes(b"old")

    def interrupted(src: object, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(atomic.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old" and [p.name for p in tmp_path.iterdir()] == ["page.html"]


def test_atomic_write_into_a_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        atomic_write_bytes(tmp_path / "missing" / "x.html", b"x")
    assert list(tmp_path.iterdir()) == []
