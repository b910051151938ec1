"""Spans render compiler-style; errors are text for people and data for programs."""

from __future__ import annotations

from paceplan.errors import (
    Diagnostic,
    OutputError,
    PaceError,
    PlanError,
    PlanSyntaxError,
    PlanValueError,
    Severity,
    UnitsError,
    UnsupportedError,
    render_diagnostics,
)
from paceplan.source import Source

CELL = "6-10 x 400m @ HMP-10K w/ 400m jog recovery"


def test_caret_rendering_in_a_cell_inside_a_file() -> None:
    line = f"    wed: {CELL}"
    src = Source(CELL, name="plan.yaml", line_offset=13, column_offset=9, file_line=line)
    start = CELL.index("HMP")
    diag = Diagnostic("unknown pace 'HMP'", span=src.span(start, start + 3),
                      hint="known paces are Mile, 5K, 10K, HM")
    assert diag.render().splitlines() == [
        "plan.yaml:14:24: error: unknown pace 'HMP'",
        f"14 | {line}",
        "   |                        ^~~",
        "  = hint: known paces are Mile, 5K, 10K, HM",
    ]
    assert diag.as_dict() == {
        "severity": "error", "message": "unknown pace 'HMP'", "file": "plan.yaml",
        "line": 14, "column": 24, "text": "HMP", "hint": "known paces are Mile, 5K, 10K, HM"}


def test_multiline_source_positions() -> None:
    src = Source("1.5 miles Warm Up\n12x400m @ 5k-10k pace\n1.5 miles Cool Down", name="<cell>")
    off = src.text.index("5k-10k")
    span = src.span(off, off + 6)
    assert (span.line, span.column) == (2, 11)
    assert span.render()[0] == "2 | 12x400m @ 5k-10k pace"


def test_errors_collect_several_diagnostics_and_cap_output() -> None:
    src = Source("x" * 30)
    diags = [Diagnostic(f"problem {i}", span=src.span(i, i + 1)) for i in range(25)]
    err = PlanSyntaxError(diagnostics=diags)
    assert len(err.errors) == 25
    text = str(err)
    assert "problem 19" in text and "problem 20" not in text
    assert text.endswith("... and 5 more")


def test_exception_tree_matches_builtins() -> None:
    assert issubclass(PlanSyntaxError, ValueError) and issubclass(PlanSyntaxError, PlanError)
    assert issubclass(UnitsError, PlanSyntaxError)
    assert issubclass(PlanValueError, ValueError)
    assert issubclass(PaceError, ValueError)
    assert issubclass(OutputError, OSError)
    assert issubclass(UnsupportedError, PlanError)


def test_with_span_repoints_an_error() -> None:
    src = Source("8 x 200 @ 5Q")
    err = PaceError("unknown pace '5Q'", hint="known paces: 5K").with_span(src.span(10, 12))
    assert isinstance(err, PaceError)
    assert err.span is not None and err.span.text == "5Q"
    assert err.hint == "known paces: 5K"


def test_warnings_render_with_their_severity() -> None:
    d = Diagnostic("6-10 reps: writing 6", Severity.WARNING)
    assert render_diagnostics([d]) == "warning: 6-10 reps: writing 6"
