"""``render_plan_table``: the plan as week tables in a terminal, with paces."""

from __future__ import annotations

import pytest
from test_html_plans import PACES, hostile_plan, mile_plan, unresolved_plan

from paceplan.errors import PlanValueError
from paceplan.writers.terminal import MIN_TABLE_WIDTH, render_plan_table

WEEK_1_AT_100 = """\
Run a faster mile (3 weeks)
3 weeks, Mon 23 Nov 2026 to Sun 13 Dec 2026

Week 1  Mon 23 Nov - Sun 29 Nov 2026                                    running ~28.5 km  2 h 27 min
Day         Session                                             Paces                 Estimate
----------  --------------------------------------------------  --------------------  --------------
Mon 23 Nov  Strength: PT / Strength Focused Lift
Tue 24 Nov  30 min + 4 x 20 sec strides                         Mile 3:40-3:49/km     6.5 km  34 min
            or: OFF                                             E 5:03-5:41/km
Wed 25 Nov  6-10 x 400m @ HM-10K                                HM-10K 4:15-4:28/km   4.8 km  23 min
                                                                E 5:03-5:41/km
Thu 26 Nov  Strength: PT / Endurance Focused Lift
Fri 27 Nov  30 min run                                          E 5:03-5:41/km        5.6 km  30 min
            or: Cross-training: 45 - 60 min cross-train
Sat 28 Nov  8 x 200 @ 5K - Mile                                 5K-Mile 3:44-4:06/km  3.2 km  15 min
                                                                E 5:03-5:41/km
Sun 29 Nov  45 min run                                          E 5:03-5:41/km        8.4 km  45 min
"""


def test_one_week_as_a_table() -> None:
    assert render_plan_table(mile_plan(), week=1, width=100, paces=PACES) == WEEK_1_AT_100


def test_the_whole_plan_has_every_week_in_order() -> None:
    text = render_plan_table(mile_plan(), width=100, paces=PACES)
    heads = [line.split("  ")[0] for line in text.splitlines() if line.startswith("Week ")]
    assert heads == ["Week 1", "Week 2", "Week 3"]
    assert "RACE: Mile" in text
    assert text.endswith("\n") and not text.endswith("\n\n")


@pytest.mark.parametrize("week", [0, 4, -1, True, "2"])
def test_a_week_the_plan_lacks_is_a_clear_error(week: object) -> None:
    with pytest.raises(PlanValueError, match="has no week") as info:
        render_plan_table(mile_plan(), week=week)  # type: ignore[arg-type]
    assert info.value.hint == "choose a week in 1-3"


def test_week_filtering_shows_only_that_week() -> None:
    text = render_plan_table(mile_plan(), week=2, width=100)
    assert "Week 2" in text and "Week 1 " not in text and "Week 3" not in text
    assert "8 -10 x 30 sec hill" in text


@pytest.mark.parametrize("width", [30, 40, 50, MIN_TABLE_WIDTH - 1, MIN_TABLE_WIDTH, 80, 100, 140])
def test_lines_fit_the_width(width: int) -> None:
    text = render_plan_table(mile_plan(), width=width, paces=PACES, steps=True)
    too_long = [line for line in text.splitlines() if len(line) > width]
    assert too_long == []
    # Below the table width each day is a stacked block; at or above it, a table with a header.
    assert ("Day  " in text) == (width >= MIN_TABLE_WIDTH)


def test_stacked_blocks_keep_everything() -> None:
    text = render_plan_table(mile_plan(), week=1, width=50, paces=PACES)
    assert text.splitlines()[3:9] == [
        "Week 1  Mon 23 Nov - Sun 29 Nov 2026",
        "running ~28.5 km  2 h 27 min",
        "Mon 23 Nov",
        "  Strength: PT / Strength Focused Lift",
        "Tue 24 Nov",
        "  30 min + 4 x 20 sec strides",
    ]
    assert "  ~4.8 km  23 min" in text and "  or: OFF" in text


def test_miles() -> None:
    text = render_plan_table(mile_plan(), week=3, width=100, units="mi", paces=PACES, steps=True)
    assert "E 8:08-9:09/mi" in text and "/km" not in text
    assert "6 mi run @ E 8:08-9:09/mi" in text
    assert "6.0 mi  52 min" in text
    with pytest.raises(PlanValueError, match="units"):
        render_plan_table(mile_plan(), units="leagues")  # type: ignore[arg-type]


def test_steps_are_listed_under_their_session() -> None:
    text = render_plan_table(mile_plan(), week=1, width=120, paces=PACES, steps=True)
    assert "            - 6-10 x (400 m @ HM-10K 4:15-4:28/km, 400 m jog)" in text
    assert "            - warm-up (lap button) @ E 5:03-5:41/km" in text


def test_the_table_is_ascii_for_an_ascii_plan() -> None:
    text = render_plan_table(mile_plan(), width=100, paces=PACES, steps=True)
    assert text.isascii()


def test_without_dates_or_paces() -> None:
    text = render_plan_table(unresolved_plan(), width=80)
    assert text.splitlines()[:2] == ["Unresolved", "1 week"]
    assert "Wed  6 x 400m @ HM-10K" in text
    assert "Mon  -" in text
    # The label the pace pass has not resolved is shown as written.
    assert "HM-10K  4.8 km  27 min" in text


def test_user_text_is_kept_as_written() -> None:
    text = render_plan_table(hostile_plan(), width=100)
    assert "<script>alert(1)</script>" in text


def test_the_default_width_follows_the_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "50")
    narrow = render_plan_table(mile_plan(), week=1)
    assert max(len(line) for line in narrow.splitlines()) <= 50 and "Day  " not in narrow
    monkeypatch.setenv("COLUMNS", "120")
    assert "Day  " in render_plan_table(mile_plan(), week=1)
