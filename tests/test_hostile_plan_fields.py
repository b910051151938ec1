"""Plan fields an attack probe got past the reader (issue 21 items 7 and 8): each is a clear,
positioned error, never a traceback or a value that a later command refuses."""

from __future__ import annotations

import pytest

from paceplan.errors import OutputError, PlanSyntaxError, PlanValueError
from paceplan.output_dir import _check_relative
from paceplan.readers.plan import read_plan_text

BASE = "id: {id}\nweeks:\n  - mon: 45 min easy\n    sat: Mile race\n"


@pytest.mark.parametrize("week", ["\u00b2", "1\u00b2", "\u0661", "\uff11", "1.0", "-1", "01x"])
def test_race_day_week_that_is_not_plain_digits_is_a_positioned_error(week: str) -> None:
    text = BASE.format(id="p") + f"race_day: {{week: '{week}', day: sat}}\n"
    with pytest.raises((PlanSyntaxError, PlanValueError)) as info:
        read_plan_text(text, name="p.yaml")
    d = info.value.errors[0]
    assert "race_day week" in d.message and d.span is not None and d.span.line == 5


def test_race_day_week_in_plain_digits_still_reads() -> None:
    plan = read_plan_text(BASE.format(id="p") + "race_day: {week: 1, day: sat}\n", name="p.yaml")
    assert plan.race_day == (1, 5)


@pytest.mark.parametrize("plan_id", ['"mile\\n"', '"mile\\r"', '"mile\\n\\n"'])
def test_plan_id_with_a_trailing_newline_is_refused(plan_id: str) -> None:
    with pytest.raises((PlanSyntaxError, PlanValueError), match="plan id"):
        read_plan_text(BASE.format(id=plan_id), name="p.yaml")


@pytest.mark.parametrize("part", ["w1\n", "w1\n/x", "a\n"])
def test_output_path_parts_with_a_trailing_newline_are_refused(part: str) -> None:
    with pytest.raises(OutputError, match="refusing to write"):
        _check_relative(part)


# Issue 21 item 1: calendar injection through the plan's name (a bare CR made vobject read
# injected events; an LF crashed icalendar; NUL and ESC went raw into .ics and HTML).
@pytest.mark.parametrize(("key", "value", "char"), [
    ("name", r"Evil\rBEGIN:VEVENT\rSUMMARY:x\rEND:VEVENT", "U+000D"),
    ("name", r"two\nlines", "U+000A"),
    ("name", r"nul\x00", "U+0000"),
    ("name", r"red\x1b[31m", "U+001B"),
    ("name", r"c1\x9b31m", "U+009B"),
    ("name", r"sep\u2028x", "U+2028"),
    ("source", r"coach\rX-INJECT:1", "U+000D"),
    ("description", r"notes\x1b]0;title\x07", "U+001B"),
])
def test_control_characters_in_plan_text_are_positioned_errors(key: str, value: str, char: str) -> None:
    text = f'id: p\n{key}: "{value}"\nweeks:\n  - mon: 45 min easy\n'
    with pytest.raises(PlanSyntaxError) as info:
        read_plan_text(text, name="p.yaml")
    d = info.value.errors[0]
    assert d.code == "control-character" and char in d.message
    assert (d.span.line, d.span.column) == (2, len(key) + 3)


def test_a_multi_line_description_is_still_fine() -> None:
    text = 'id: p\ndescription: "line one\\nline two\\twith a tab"\nweeks:\n  - mon: 45 min easy\n'
    assert read_plan_text(text, name="p.yaml").plan.description == "line one\nline two\twith a tab"


@pytest.mark.parametrize("name", ["a\rb", "a\nb", "a\x1b", "a\x00"])
def test_the_model_refuses_control_characters_in_a_plan_name(name: str) -> None:
    from paceplan.model import Plan
    with pytest.raises(PlanValueError, match="control character"):
        Plan(name=name, id="p", weeks=())


def test_cli_build_with_an_injected_name_writes_nothing(tmp_path) -> None:
    from click.testing import CliRunner

    from paceplan.cli import main
    plan = tmp_path / "p.yaml"
    plan.write_text('id: p\nname: "Evil\\rBEGIN:VEVENT"\nweeks:\n  - mon: 45 min easy\n', encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["build", str(plan), "-o", str(out)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "U+000D" in result.output and not out.exists()


def test_an_overlong_plan_name_is_a_positioned_error() -> None:
    with pytest.raises(PlanSyntaxError, match="plan name of 300 characters is too long") as info:
        read_plan_text("id: p\nname: " + "a" * 300 + "\nweeks:\n  - mon: 45 min easy\n", name="p.yaml")
    assert (info.value.errors[0].span.line, info.value.errors[0].span.column) == (2, 7)
