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
