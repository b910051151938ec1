"""Errors people can act on: position, caret under the words, hint; every problem in one text
reported together. Expected renderings live in fixtures/notation/errors.txt (input line, then
the exact output), separated by ``=====`` lines."""

from __future__ import annotations

from pathlib import Path

import pytest

from paceplan.errors import PlanError, PlanSyntaxError, render_diagnostics
from paceplan.readers.notation import read_notation, read_workout

FIXTURE = Path(__file__).parent / "fixtures" / "notation" / "errors.txt"
BLOCKS = [b.strip("\n") for b in FIXTURE.read_text(encoding="utf-8").split("\n=====\n")]


@pytest.mark.parametrize("block", BLOCKS, ids=[b.split("\n", 1)[0][:50] for b in BLOCKS])
def test_rendered_error(block: str) -> None:
    text, expected = block.split("\n", 1)
    cell = text.replace("\\n", "\n")
    if expected == "(no error)":
        read_notation(cell)
        return
    with pytest.raises(PlanSyntaxError) as info:
        read_notation(cell)
    assert render_diagnostics(info.value.diagnostics) == expected
    assert isinstance(info.value, ValueError)


def test_several_problems_are_reported_together() -> None:
    with pytest.raises(PlanSyntaxError) as info:
        read_notation("6-10 x 400m @ HMX-10K w/ 400m jog recovery + 4 x 200m @ Milee w/ 200m jog + 3 m easy")
    assert [d.code for d in info.value.errors] == ["unknown-pace", "unknown-pace", "ambiguous-unit"]
    assert [d.span.column for d in info.value.errors if d.span] == [15, 57, 77]


def test_error_data_for_programs() -> None:
    with pytest.raises(PlanSyntaxError) as info:
        read_notation("8 x 400m @ 5Q", source_name="week1.txt")
    d = info.value.diagnostics[0].as_dict()
    assert d == {"severity": "error", "message": "unknown pace '5Q'", "file": "week1.txt", "line": 1,
                 "column": 12, "text": "5Q", "hint": d["hint"], "code": "unknown-pace"}


@pytest.mark.parametrize("bad", ["", "   ", "\n\n"])
def test_empty_cells(bad: str) -> None:
    with pytest.raises(PlanSyntaxError, match="empty cell"):
        read_notation(bad)


def test_too_long_and_wrong_types() -> None:
    with pytest.raises(PlanSyntaxError, match="too long"):
        read_notation("45 min run + " * 1000)
    with pytest.raises(PlanSyntaxError):
        read_notation(b"45 min run")  # type: ignore[arg-type]
    with pytest.raises(PlanSyntaxError, match="unknown units"):
        read_notation("45 min run", units="furlongs")


def test_read_workout_refuses_non_runs() -> None:
    assert read_workout("45 min run").steps
    with pytest.raises(PlanError, match="strength session, not a run"):
        read_workout("PT / Strength Focused Lift")
