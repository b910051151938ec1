"""The shipped 8-week mile template: every one of the 56 cells exactly as published, the
template machinery, and the real notation reader on every cell."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from paceplan.errors import PlanValueError
from paceplan.model import Intensity, Session, SessionKind, Step, Workout
from paceplan.units import Duration
from paceplan.readers.plan import read_plan
from paceplan.templates import list_templates, template_path, templates_dir

TABLE = Path(__file__).parent / "fixtures" / "plans" / "mile-plan.md"
REFERENCE = Path(__file__).resolve().parents[2] / "shared" / "reference" / "mile-plan.md"
DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def published_cells() -> dict[tuple[int, int], str]:
    """(week, weekday) -> cell text, parsed from the Markdown table of the published plan."""
    lines = TABLE.read_text(encoding="utf-8").splitlines()
    header = next(i for i, ln in enumerate(lines) if ln.startswith("| Wk |"))
    assert [c.strip() for c in lines[header].strip().strip("|").split("|")] == ["Wk", *DAYS]
    assert re.fullmatch(r"\|(---\|)+", lines[header + 1])
    cells = {}
    for line in lines[header + 2:]:
        if not line.startswith("|"):
            break
        parts = [c.strip() for c in line.strip()[1:-1].split("|")]
        week = int(parts[0])
        for day, text in enumerate(parts[1:]):
            cells[(week, day)] = text
    return cells


def _as_text(text: str, source, units: str) -> Session:
    """A placeholder run per cell: these tests are about the text, not its reading."""
    workout = Workout(name="cell", steps=(Step(intensity=Intensity.ACTIVE, length=Duration.minutes(1)),))
    return Session(kind=SessionKind.RUN, title=text, text=text, workout=workout)


def test_fixture_table_is_the_reference() -> None:
    if not REFERENCE.exists():
        pytest.skip("shared reference not present outside the workspace")
    assert TABLE.read_text(encoding="utf-8") == REFERENCE.read_text(encoding="utf-8")


def test_all_56_cells_are_verbatim() -> None:
    published = published_cells()
    assert len(published) == 56
    pf = read_plan(template_path("mile-8wk"), cell_reader=_as_text)
    mine = {(c.week, c.weekday): c.text for c in pf.cells}
    assert mine == published
    # spot-check the typos and spacing that must survive
    assert mine[(2, 5)] == "8 -10 x 30 sec hill w/ jog down recovery"
    assert mine[(1, 5)] == "8 x 200 @ 5K - Mile w/ 200m jog recovery"
    assert mine[(3, 6)] == "45 min - 60 min run"


def test_template_identity_and_race_day() -> None:
    pf = read_plan(template_path("mile-8wk"), cell_reader=_as_text)
    assert pf.plan.id == "mile-8wk"
    assert pf.plan.name == "Run a faster mile (8 weeks)"
    assert len(pf.plan.weeks) == 8
    assert pf.race_day == (8, 5)
    assert pf.units == "imperial"


def test_templates_are_listed() -> None:
    names = [t.name for t in list_templates()]
    assert "mile-8wk" in names
    mile = next(t for t in list_templates() if t.name == "mile-8wk")
    assert mile.title == "Run a faster mile (8 weeks)"
    assert templates_dir() is not None
    assert template_path("mile-8wk.yaml") == template_path("mile-8wk")


def test_unknown_template_lists_the_known_ones() -> None:
    with pytest.raises(PlanValueError) as info:
        template_path("marathon-99wk")
    assert "mile-8wk" in (info.value.hint or "")


def test_real_notation_reads_every_cell() -> None:
    pytest.importorskip("paceplan.readers.notation")
    pf = read_plan(template_path("mile-8wk"))
    kinds = {(c.week, c.weekday) for c in pf.cells}
    assert len(kinds) == 56
    days = {(w.number, d.weekday): d for w in pf.plan.weeks for d in w.days}
    for week in range(1, 9):
        assert days[(week, 0)].sessions[0].kind is SessionKind.STRENGTH
        assert days[(week, 3)].sessions[0].kind is SessionKind.STRENGTH
    race = days[(8, 5)].sessions[0]
    assert race.kind is SessionKind.RACE
    # alternatives: "or OFF" and "or 45 - 60 min cross-train"
    assert days[(1, 1)].sessions[0].alternatives
    assert days[(1, 4)].sessions[0].alternatives[0].kind is SessionKind.CROSS_TRAINING
