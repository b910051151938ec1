"""Plan files: the YAML schema and the CSV grid, errors that point into the file and the cell,
and safe loading."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from _plan_stub import stub_reader
from paceplan.errors import PlanError, PlanSyntaxError, PlanValueError
from paceplan.model import SessionKind
from paceplan.readers.plan import MAX_FILE_BYTES, read_plan, read_plan_text

PLANS = Path(__file__).parent / "fixtures" / "plans"
UPDATE = os.environ.get("PACEPLAN_UPDATE_GOLDEN") == "1"
BAD = sorted(p.name for p in PLANS.iterdir()
             if p.suffix in (".yaml", ".csv", ".tsv") and not p.name.startswith("mini"))


def _read(name: str):
    p = PLANS / name
    fmt = "yaml" if p.suffix == ".yaml" else "csv"
    return read_plan_text(p.read_text(encoding="utf-8"), name=p.name, format=fmt, cell_reader=stub_reader,
                          stem=p.stem)


def test_mini_yaml_structure() -> None:
    pf = read_plan(PLANS / "mini.yaml", cell_reader=stub_reader)
    plan = pf.plan
    assert (plan.id, plan.name, pf.units) == ("mini", "Mini plan", "imperial")
    assert [len(w.days) for w in plan.weeks] == [5, 4]
    mon, tue, wed, fri, sun = plan.weeks[0].days
    assert [d.weekday for d in plan.weeks[0].days] == [0, 1, 2, 4, 6]
    assert mon.sessions[0].kind is SessionKind.STRENGTH
    assert tue.sessions[0].kind is SessionKind.RUN
    assert [a.kind for a in tue.sessions[0].alternatives] == [SessionKind.REST]
    assert wed.text == "6-10 x 400m @ HM-10K w/ 400m jog recovery"
    assert pf.race_day == (2, 5)
    assert plan.weeks[1].days[2].sessions[0].kind is SessionKind.RACE
    assert len(pf.cells) == 9


@pytest.mark.parametrize("name", ["mini.csv", "mini-semicolon.csv", "mini-reordered.tsv"])
def test_csv_grids_read_like_the_yaml(name: str) -> None:
    yaml_plan = read_plan(PLANS / "mini.yaml", cell_reader=stub_reader)
    grid = read_plan(PLANS / name, cell_reader=stub_reader)
    assert grid.plan.weeks == yaml_plan.plan.weeks
    assert grid.plan.id == Path(name).stem
    assert grid.race_day == (2, 5)  # found from the race session, no race_day key in CSV
    assert [(c.week, c.weekday, c.text) for c in grid.cells] == [(c.week, c.weekday, c.text) for c in yaml_plan.cells]


def test_day_with_several_sessions_and_explicit_kinds() -> None:
    text = ("id: two\nweeks:\n  - sat:\n      - 30 min run\n      - {text: Core circuit, kind: strength}\n"
            "    sun: {text: Mile, kind: race, title: Club mile}\n")
    pf = read_plan_text(text, cell_reader=stub_reader)
    sat, sun = pf.plan.weeks[0].days
    assert [s.kind for s in sat.sessions] == [SessionKind.RUN, SessionKind.STRENGTH]
    assert sat.sessions[1].title == "Core circuit"
    assert [c.slot for c in pf.cells if c.weekday == 5] == [0, 1]
    assert sun.sessions[0].kind is SessionKind.RACE and sun.sessions[0].title == "Club mile"


def test_yaml_11_booleans_stay_text() -> None:
    # "OFF", "no", "yes" are booleans to a YAML 1.1 constructor; the plan reader keeps the text.
    pf = read_plan_text("id: b\nweeks:\n  - tue: OFF\n    wed: 30 min\n", cell_reader=stub_reader)
    assert pf.plan.weeks[0].days[0].sessions[0].kind is SessionKind.REST
    assert pf.cells[0].text == "OFF"


def test_defaults_are_read_with_their_places() -> None:
    text = "id: d\ndefaults:\n  reps: high\n  race: mile=6:00\nweeks:\n  - mon: 30 min\n"
    pf = read_plan_text(text, name="d.yaml", cell_reader=stub_reader)
    assert dict(pf.defaults) == {"reps": "high", "race": "mile=6:00"}
    assert pf.default_spans["reps"].location() == "d.yaml:3:9"


def test_cell_sources_point_into_the_file() -> None:
    pf = read_plan(PLANS / "mini.yaml", cell_reader=stub_reader)
    wed = next(c for c in pf.cells if c.week == 1 and c.weekday == 2)
    # single-quoted: the text starts one column after the quote
    assert wed.source.span(0, 4).location().endswith("mini.yaml:8:11")
    grid = read_plan(PLANS / "mini.csv", cell_reader=stub_reader)
    wed = next(c for c in grid.cells if c.week == 1 and c.weekday == 2)
    assert wed.source.span(0).location().endswith("mini.csv:2:65")


@pytest.mark.parametrize("name", BAD)
def test_errors_point_into_the_file_and_the_cell(name: str) -> None:
    with pytest.raises(PlanError) as info:
        _read(name)
    rendered = str(info.value)
    expected_file = PLANS / (name + ".err")
    if UPDATE:
        expected_file.write_text(rendered + "\n", encoding="utf-8")
    assert expected_file.exists(), f"no {expected_file.name}: run with PACEPLAN_UPDATE_GOLDEN=1 and review it"
    assert rendered + "\n" == expected_file.read_text(encoding="utf-8")


def test_every_bad_cell_is_reported_at_once() -> None:
    with pytest.raises(PlanSyntaxError) as info:
        _read("bad-cells.yaml")
    assert [(d.span.line, d.span.column) for d in info.value.errors] == [(3, 17), (4, 40), (8, 23), (10, 7)]
    assert all(d.span.text == "BAD" for d in info.value.errors)


def test_huge_files_are_refused(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_text("id: big\n# " + "x" * MAX_FILE_BYTES + "\n", encoding="utf-8")
    with pytest.raises(PlanValueError, match="at most"):
        read_plan(big, cell_reader=stub_reader)


def test_missing_and_binary_files(tmp_path: Path) -> None:
    with pytest.raises(PlanValueError, match="cannot read plan file"):
        read_plan(tmp_path / "nope.yaml", cell_reader=stub_reader)
    binary = tmp_path / "bin.yaml"
    binary.write_bytes(b"id: x\n\xff\xfe")
    with pytest.raises(PlanSyntaxError, match="not UTF-8"):
        read_plan(binary, cell_reader=stub_reader)


def test_alias_bomb_is_refused_before_any_expansion() -> None:
    levels = ["a: &a [" + ",".join(['"lol"'] * 9) + "]"]
    for i in range(1, 9):
        prev = chr(ord("a") + i - 1)
        levels.append(f"{chr(ord('a') + i)}: &{chr(ord('a') + i)} [" + ",".join([f"*{prev}"] * 9) + "]")
    with pytest.raises(PlanSyntaxError, match="not allowed"):
        read_plan_text("\n".join(levels) + "\nweeks: []\n", cell_reader=stub_reader)


def test_empty_and_shapeless_plans() -> None:
    with pytest.raises(PlanValueError, match="empty"):
        read_plan_text("", cell_reader=stub_reader)
    with pytest.raises(PlanSyntaxError, match="mapping"):
        read_plan_text("- a\n- b\n", cell_reader=stub_reader)
    with pytest.raises(PlanSyntaxError, match="no `weeks:`"):
        read_plan_text("id: x\n", cell_reader=stub_reader)
    with pytest.raises(PlanValueError, match="no weeks"):
        read_plan_text("id: x\nweeks: []\n", cell_reader=stub_reader)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_yaml_text_raises_only_plan_errors(text: str) -> None:
    try:
        read_plan_text(text, cell_reader=stub_reader)
    except PlanError:
        pass


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab ,;"\n\r\t1Mon')), max_size=200))
def test_arbitrary_csv_text_raises_only_plan_errors(text: str) -> None:
    try:
        read_plan_text(text, name="x.csv", format="csv", cell_reader=lambda t, s, u: stub_reader("30 min", s, u))
    except PlanError:
        pass
