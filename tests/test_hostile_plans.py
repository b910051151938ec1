"""Hostile plan files: fuzzed YAML and CSV, absurd sizes, YAML bombs and deep nesting, control
characters, and Unicode, byte-order marks and line ends as spreadsheets and editors write them.

Every error is a PlanError whose diagnostics point into the file (line and column). The fuzz
cases run from a fixed seed; ``PACEPLAN_FUZZ_EXAMPLES=5000`` searches longer locally.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paceplan.errors import PlanError, PlanSyntaxError, PlanValueError
from paceplan.readers.plan import MAX_CELL_CHARS, MAX_FILE_BYTES, MAX_WEEKS, read_plan, read_plan_text

EXAMPLES = int(os.environ.get("PACEPLAN_FUZZ_EXAMPLES", "100"))
FUZZ = settings(derandomize=True, max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
ROOT = Path(__file__).parent
PLANS = ROOT / "fixtures" / "plans"
HOSTILE = ROOT / "fixtures" / "hostile"
TEMPLATE = ROOT.parent / "templates" / "mile-8wk.yaml"

_INSERTS = ["\x00", "\x07", "\x1b", "\x7f", "\ufeff", "\r\n", "\r", "\u2028", "\u0085", "&a ", "*a", "&a [x]",
            "!!python/object:os.system ", "!!binary ", "{", "}", "[", "]", ":", ": ", " - ", "- ", "\t", "'", '"',
            "#", "%YAML 1.1\n", "---\n", "...\n", "\\", "\U0001f3c3", "1e308", ".nan", ".inf", "-", "~", "null",
            "99999999999999999999", " x ", "@", "\u00a0", "\u2013", "|\n", ">-\n", "? ", "<<: ", "2147483648",
            ",", ";", "\n", '""', '"a,b"', "Wk", "Mon", "week: 3\n", "  - ", "mon: ", "race_day: {week: 9, day: sun}\n"]


def _edits() -> st.SearchStrategy[list[tuple[str, float, int]]]:
    return st.lists(st.tuples(st.sampled_from(["insert", "delete", "copy"]), st.floats(0, 1, exclude_max=True),
                              st.integers(0, 10_000)), min_size=1, max_size=6)


def _apply(text: str, edits: list[tuple[str, float, int]]) -> str:
    for op, where, arg in edits:
        i = int(where * (len(text) + 1))
        if op == "insert":
            text = text[:i] + _INSERTS[arg % len(_INSERTS)] + text[i:]
        elif op == "delete":
            text = text[:i] + text[i + 1 + arg % 12:]
        else:
            j = arg % (len(text) + 1)
            text = text[:i] + text[j:j + 1 + arg % 30] + text[i:]
    return text


def _assert_positioned(exc: PlanError, text: str, name: str) -> None:
    assert exc.errors
    for d in exc.errors:
        assert d.span is not None, d.message
        assert d.span.source.name == name
        assert d.span.line >= 1 and d.span.column >= 1
        assert d.span.line <= text.count("\n") + text.count("\r") + 2, (d.message, d.span.line)
        d.render()


def _read_or_error(text: str, name: str, fmt: str) -> None:
    start = time.perf_counter()
    try:
        read_plan_text(text, name=name, format=fmt)
    except PlanError as exc:
        _assert_positioned(exc, text, name)
    assert time.perf_counter() - start < 5


@FUZZ
@given(base=st.sampled_from(["mini.yaml", "template"]), edits=_edits())
def test_mutated_yaml_plans_raise_only_positioned_plan_errors(base: str, edits: list) -> None:
    text = (TEMPLATE if base == "template" else PLANS / base).read_text(encoding="utf-8")
    _read_or_error(_apply(text, edits), "plan.yaml", "yaml")


@FUZZ
@given(base=st.sampled_from(["mini.csv", "mini-semicolon.csv", "ascii.csv"]), edits=_edits())
def test_mutated_csv_plans_raise_only_positioned_plan_errors(base: str, edits: list) -> None:
    folder = HOSTILE if base == "ascii.csv" else PLANS
    text = (folder / base).read_text(encoding="utf-8")
    _read_or_error(_apply(text, edits), "plan.csv", "csv")


@FUZZ
@given(text=st.text(max_size=300), fmt=st.sampled_from(["yaml", "csv"]))
def test_arbitrary_text_as_a_plan_raises_only_positioned_plan_errors(text: str, fmt: str) -> None:
    _read_or_error(text, f"plan.{fmt}", fmt)


# ------------------------------------------------------------------ bugs found, pinned

def test_control_character_in_yaml_points_at_it() -> None:
    """Bug found: PyYAML's ReaderError (a control character) is no MarkedYAMLError, so the error
    had no position."""
    text = "id: x\nweeks:\n  - mon: 45 min\x07 run\n"
    with pytest.raises(PlanSyntaxError) as info:
        read_plan_text(text, name="p.yaml")
    d = info.value.errors[0]
    assert "U+0007" in d.message and (d.span.line, d.span.column) == (3, 16)


@pytest.mark.parametrize("text", ["id: x\nweeks: " + "[" * 5000 + "]" * 5000,
                                  "weeks:\n  - mon: " + "{a: " * 3000 + "1" + "}" * 3000])
def test_deeply_nested_yaml_is_refused_quickly(text: str) -> None:
    """Bug found: thousands of nested brackets ended in RecursionError inside PyYAML's composer,
    after about 20 seconds."""
    start = time.perf_counter()
    with pytest.raises(PlanSyntaxError, match="nests more than") as info:
        read_plan_text(text, name="p.yaml")
    assert info.value.span is not None and info.value.span.line == 2
    assert time.perf_counter() - start < 2


def test_bom_in_plan_text_is_ignored_for_csv() -> None:
    """Bug found: read_plan_text (unlike read_plan) kept a leading byte-order mark, so a CSV
    header's first cell read '\\ufeffWk' and was refused."""
    text = (PLANS / "mini.csv").read_text(encoding="utf-8")
    assert read_plan_text("\ufeff" + text, name="mini.csv", format="csv").plan == \
        read_plan_text(text, name="mini.csv", format="csv").plan


def test_file_level_errors_point_at_the_file() -> None:
    for text, fmt, expect in [("", "yaml", "empty"), ("weeks: []\n", "yaml", "no weeks"),
                              ("id: x\n", "yaml", "no `weeks:` list"), ("# only a comment\n", "csv", "no rows")]:
        with pytest.raises(PlanError, match=expect) as info:
            read_plan_text(text, name=f"p.{fmt}", format=fmt)
        assert info.value.span is not None, expect


# ------------------------------------------------------------------ limits

def test_yaml_alias_bomb_and_anchors_are_refused() -> None:
    with pytest.raises(PlanSyntaxError, match="anchors|aliases") as info:
        read_plan(PLANS / "alias-bomb.yaml")
    assert info.value.span is not None
    with pytest.raises(PlanSyntaxError, match="anchors"):
        read_plan_text("weeks:\n  - mon: &a 45 min run\n    tue: 30 min run\n", name="p.yaml")
    with pytest.raises(PlanSyntaxError, match="aliases"):
        read_plan_text("weeks:\n  - mon: *a\n", name="p.yaml")


def test_python_tags_are_never_constructed() -> None:
    with pytest.raises(PlanError):
        read_plan_text("weeks: !!python/object/apply:os.system ['touch /tmp/paceplan-pwned']\n", name="p.yaml")
    assert not Path("/tmp/paceplan-pwned").exists()


def test_absurd_plan_lengths_are_refused() -> None:
    yaml_text = "weeks:\n" + "  - mon: 45 min run\n" * (MAX_WEEKS + 1)
    with pytest.raises(PlanError, match=f"{MAX_WEEKS + 1} weeks is more than") as info:
        read_plan_text(yaml_text, name="p.yaml")
    assert info.value.span is not None
    csv_text = "45 min run,,,,,,\n" * (MAX_WEEKS + 1)
    with pytest.raises(PlanError, match="weeks is more than"):
        read_plan_text(csv_text, name="p.csv", format="csv")
    cell = "45 min run + " * (MAX_CELL_CHARS // 10)
    with pytest.raises(PlanError, match="too long") as info:
        read_plan_text(f"weeks:\n  - mon: {cell}\n", name="p.yaml")
    assert info.value.span is not None and info.value.span.line == 2
    with pytest.raises(PlanError, match="too long"):
        read_plan_text(f"{cell},,,,,,\n", name="p.csv", format="csv")


def test_oversized_plan_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "huge.yaml"
    with open(big, "wb") as fh:
        fh.truncate(50 * MAX_FILE_BYTES)  # sparse: no disk used
    with pytest.raises(PlanValueError, match=rf"is {50 * MAX_FILE_BYTES} bytes: too large \(at most {MAX_FILE_BYTES} are read\)"):
        read_plan(big)
    with pytest.raises(PlanValueError, match="too long"):
        read_plan_text("#" * (MAX_FILE_BYTES + 1), name="p.yaml")


def test_a_device_file_is_refused_before_it_is_read() -> None:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero")
    with pytest.raises(PlanValueError, match="'/dev/zero' is a device, not a file"):
        read_plan("/dev/zero")


@pytest.mark.parametrize("text", [
    "weeks:\n  - mon: 1e308 x 400m\n", "weeks:\n  - mon: 99999999999999999999 x 400m\n",
    "weeks:\n  - mon: nan min\n", "weeks:\n  - mon: inf km\n", "weeks:\n  - mon: '45 min \x1b[31mrun'\n",
    "weeks:\n  - mon: 45 min run\nrace_day: {week: 99999999999999999999999, day: mon}\n",
    "weeks:\n  - mon: 45 min run\nrace_day: {week: .nan, day: mon}\n",
    "paceplan: .inf\nweeks:\n  - mon: 45 min run\n",
])
def test_huge_numbers_nan_and_control_characters_in_yaml(text: str) -> None:
    with pytest.raises(PlanError) as info:
        read_plan_text(text, name="p.yaml")
    _assert_positioned(info.value, text, "p.yaml")


# ------------------------------------------------------------------ Unicode as typed

def _shape(path: Path) -> list[tuple[object, ...]]:
    """What a plan means, without where it was written: kinds, titles and workouts per day."""
    plan = read_plan(path).plan
    return [(w.number, d.weekday, s.kind, s.title, s.workout, tuple((a.kind, a.workout) for a in s.alternatives))
            for w in plan.weeks for d in w.days for s in d.sessions]


@pytest.mark.parametrize(("typed", "plain"), [("typed.yaml", "ascii.yaml"), ("typed.csv", "ascii.csv"),
                                              ("typed-utf16.txt", "ascii.csv")])
def test_typed_unicode_bom_and_crlf_plans_read_like_ascii(typed: str, plain: str) -> None:
    """typed.*: a byte-order mark, CRLF line ends, en dashes, x signs, primes and non-breaking
    spaces; typed-utf16.txt: Excel's "Unicode text" export (UTF-16, tab separated). Bug found:
    UTF-16 files were refused as "not UTF-8"."""
    raw = (HOSTILE / typed).read_bytes()
    assert raw.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")) and b"\r\n" in raw.replace(b"\x00", b"")
    assert _shape(HOSTILE / typed) == _shape(HOSTILE / plain)


def test_typed_plan_errors_point_at_the_right_column(tmp_path: Path) -> None:
    """With a BOM and CRLF line ends, a caret still lands under the bad word."""
    text = "\ufeffweeks:\r\n  - mon: 6\u201310 \u00d7 400m @ XYZ\u201310K\r\n"
    path = tmp_path / "p.yaml"
    path.write_bytes(text.encode("utf-8"))
    with pytest.raises(PlanError) as info:
        read_plan(path)
    d = info.value.errors[0]
    assert (d.span.line, d.span.column) == (2, 24) and d.span.text.startswith("XYZ")


def test_too_many_sessions_on_a_day_is_refused() -> None:
    """Bug found: 80,000 sessions on one day (a 1 MB flow list) each kept its own copy of the
    megabyte-long line for diagnostics and exhausted memory; now a day holds at most
    MAX_SESSIONS_PER_DAY sessions, and cells on one line share that line."""
    from paceplan.readers.plan import MAX_SESSIONS_PER_DAY

    many = ", ".join(["45 min run"] * (MAX_SESSIONS_PER_DAY + 1))
    with pytest.raises(PlanError, match="sessions on one day") as info:
        read_plan_text(f"weeks:\n  - mon: [{many}]\n", name="p.yaml")
    assert info.value.span is not None and info.value.span.line == 2
    few = ", ".join(["45 min run"] * MAX_SESSIONS_PER_DAY)
    cells = read_plan_text(f"weeks:\n  - {{mon: [{few}], tue: 30 min run}}\n", name="p.yaml").cells
    assert len(cells) == MAX_SESSIONS_PER_DAY + 1
    assert len({id(c.source.file_line) for c in cells}) == 1
    row = read_plan_text("45 min run,30 min run,,,,,\n", name="p.csv", format="csv").cells
    assert row[0].source.file_line is row[1].source.file_line


@pytest.mark.parametrize(("name", "data"), [
    ("bell.yaml", b"weeks:\n  - mon: 45 min\x07 run\n"),
    ("deep.yaml", b"weeks: " + b"[" * 3000),
    ("binary.yaml", bytes(range(256)) * 4),
    ("latin1.csv", "Mon,Tue\n45 min run,caf\u00e9 30 min\n".encode("latin-1")),
    ("utf16-garbage.csv", b"\xff\xfe\x00\xd8"),
    ("empty.csv", b""),
])
def test_cli_build_on_a_hostile_plan_exits_1_without_a_traceback(tmp_path: Path, name: str, data: bytes) -> None:
    from click.testing import CliRunner

    from paceplan.cli import main

    plan = tmp_path / name
    plan.write_bytes(data)
    result = CliRunner().invoke(main, ["build", str(plan), "--start", "2026-03-02", "-o", str(tmp_path / "out")])
    assert result.exit_code == 1, result.output
    assert "error:" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("args", [["--start", "9999-12-27"], ["--race-date", "0001-01-20"],
                                  ["--race-date", "9999-12-31"], ["--start", "0001-01-01"],
                                  ["--race", "mile=nan"], ["--vdot", "nan"], ["--vdot", "1e308"],
                                  ["--warmup", "nan"], ["--warmup", "1e308"], ["--tz", "../../etc/passwd", "--time", "06:30"],
                                  ["--alarm", "-PT99999999999999H"], ["--time", "25:00", "--tz", "UTC"]])
def test_cli_build_with_absurd_options_exits_1_without_a_traceback(tmp_path: Path, args: list[str]) -> None:
    """Bug found: --start 9999-12-27 or --race-date 0001-01-20 crashed with OverflowError from
    date arithmetic; start and race dates are now checked against EARLIEST..LATEST."""
    from click.testing import CliRunner

    from paceplan.cli import main

    result = CliRunner().invoke(main, ["build", *args, "--format", "fit,ics,html,garmin-json,intervals",
                                       "-o", str(tmp_path / "out")])
    assert result.exit_code in (1, 2), result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.output
    assert not (tmp_path / "out").exists()
