"""Hostile notation: every error carries a span inside the text, limits give clear errors, and
Unicode as people type it reads exactly like its ASCII spelling.

The fuzz cases run from a fixed seed (``derandomize=True``); ``PACEPLAN_FUZZ_EXAMPLES=5000``
searches longer locally.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from paceplan.errors import PlanError, PlanSyntaxError, PlanValueError
from paceplan.model import MAX_NESTING, MAX_REPEAT_COUNT, Intensity, Repeat, Step, Workout
from paceplan.readers.intervals_icu import MAX_TEXT as MAX_ICU_TEXT
from paceplan.readers.intervals_icu import read_intervals_icu
from paceplan.readers.notation import read_notation
from paceplan.readers.notation.lexer import MAX_TEXT
from paceplan.units import Distance

EXAMPLES = int(os.environ.get("PACEPLAN_FUZZ_EXAMPLES", "150"))
FUZZ = settings(derandomize=True, max_examples=EXAMPLES, deadline=None,
                suppress_health_check=[HealthCheck.too_slow])

_FRAGMENTS = ["6-10", " x ", "x", "400m", "400", "@", " HM-10K", " 5K", " w/ ", "jog", " recovery", "(", ")",
              "[", "]", ",", "+", ";", " or ", "OFF", "PT", "Mile", "/", "min", "sec", "30", "1:30", "1'30\"",
              "strides", "between sets", " and ", "last", "\n", "\r\n", "\u00d7", "\u2013", "\u00a0", "\ufeff",
              "\u2032", "\u2033", "1e308", "9" * 30, "0", "-", "nan", "inf", "\x00", "\x1b", "\u202e",
              "\U0001f3c3", "\u200b", "Title: ", "4:05/km", "-10s/mi"]

_TEXT = st.one_of(st.lists(st.sampled_from(_FRAGMENTS), max_size=20).map("".join), st.text(max_size=60))


def _assert_positioned(exc: PlanError, text: str) -> None:
    """Every error points into the text it was given (a span with line and column)."""
    assert exc.errors
    for d in exc.errors:
        assert d.span is not None, d.message
        assert 0 <= d.span.start <= d.span.end <= len(text), (d.message, d.span)
        assert d.span.line >= 1 and d.span.column >= 1
        d.render()


@FUZZ
@given(_TEXT, st.sampled_from([None, "metric", "imperial"]))
def test_notation_errors_always_point_into_the_text(text: str, units: str | None) -> None:
    try:
        read_notation(text, units=units)
    except PlanError as exc:
        _assert_positioned(exc, text)


_ICU_FRAGMENTS = ["- ", "10m", "30s", "1h2m30s", "2km", "400mtr", "1mi", " 5:00/km Pace", " 7:15-7:00/km Pace",
                  "\n", "\r\n", "Warmup\n", "Main Set 5x\n", "5x\n", "Recovery ", " press lap", " Z2", " 80%",
                  "\u2013", "\u2032", "\u2033", "\u00a0", "\ufeff", "\x00", "9" * 25, "nan", "inf", "1e308km",
                  "2000x\n", ":", "/"]


@FUZZ
@given(st.one_of(st.lists(st.sampled_from(_ICU_FRAGMENTS), max_size=25).map("".join), st.text(max_size=80)))
def test_intervals_icu_text_raises_only_positioned_plan_errors(text: str) -> None:
    try:
        read_intervals_icu(text)
    except PlanError as exc:
        _assert_positioned(exc, text.removeprefix("\ufeff"))


# ------------------------------------------------------------------ limits

LIMITS = [
    ("1e308 x 400m", "scientific notation"),
    ("99999999999999999999 x 400m", "out of range"),
    (f"{MAX_REPEAT_COUNT + 1} x 400m", "out of range"),
    ("4 x 400m w/ 99999999999 min jog", "too long for one step"),
    ("4 x 99999999999 km", "too long for one step"),
    ("2 x (" * (MAX_NESTING + 1) + "400m" + ")" * (MAX_NESTING + 1), "nest too deep"),
    ("nan min", "cannot place"),
    ("inf km", "cannot place"),
    ("4 x nan m", ""),
    ("45 min\x00 run", "'\\x00'"),
    ("45 min \x1b[31m run", ""),
    ("4 x 400m @ \u202eK5", ""),
    ("0 x 400m", ""),
    ("4 x 0 km", "more than zero"),
]


@pytest.mark.parametrize(("text", "expect"), LIMITS, ids=[repr(t[:24]) for t, _ in LIMITS])
def test_unreasonable_notation_is_a_clear_positioned_error(text: str, expect: str) -> None:
    with pytest.raises(PlanSyntaxError) as info:
        read_notation(text)
    _assert_positioned(info.value, text)
    assert expect in str(info.value)


def test_overlong_cell_is_refused_pointing_past_the_limit() -> None:
    text = "45 min run, " * (MAX_TEXT // 10)
    with pytest.raises(PlanSyntaxError, match="too long to be one session") as info:
        read_notation(text)
    assert info.value.span is not None and info.value.span.start == MAX_TEXT


def test_intervals_icu_limits() -> None:
    """Bugs found: a 10^20 km step and a 570,000-character workout were read without complaint."""
    with pytest.raises(PlanSyntaxError, match="too long for one step"):
        read_intervals_icu("- 99999999999999999999km 5:00/km Pace\n")
    with pytest.raises(PlanSyntaxError, match="too long for one step"):
        read_intervals_icu("- 49h\n")
    with pytest.raises(PlanSyntaxError, match="beyond reason"):
        read_intervals_icu("2000x\n- 1m\n")
    with pytest.raises(PlanSyntaxError, match="too long for one workout"):
        read_intervals_icu("- 10m 5:00/km Pace\n" * (MAX_ICU_TEXT // 19 + 1))


def test_model_caps_hold_whatever_builds_it() -> None:
    step = Step(intensity=Intensity.INTERVAL, length=Distance(400))
    with pytest.raises(PlanValueError, match="beyond reason"):
        Repeat(count=MAX_REPEAT_COUNT + 1, steps=(step,))
    node: Step | Repeat = step
    with pytest.raises(PlanValueError, match="nest more than"):
        for _ in range(MAX_NESTING + 1):
            node = Repeat(count=2, steps=(node,))
        Workout(name="deep", steps=(node,))
    for bad in (float("nan"), float("inf"), -1.0, 0.0, 1e309):
        with pytest.raises(PlanError):
            Distance(bad)


# ------------------------------------------------------------------ Unicode as typed

TYPED = [
    ("6\u201310 \u00d7 400m @ HM\u201310K w/ 400m jog recovery", "6-10 x 400m @ HM-10K w/ 400m jog recovery"),
    ("4\u00d7400m @ 5K w/ 1\u203230\u2033 rest", "4 x 400m @ 5K w/ 1'30\" rest"),
    ("45\u201360 min", "45-60 min"),
    ("4\u00a0x\u00a0400m\u00a0@\u00a05K", "4 x 400m @ 5K"),
    ("\ufeff30 min + 4 x 20 sec strides or OFF", "30 min + 4 x 20 sec strides or OFF"),
    ("30 min\r\n+ 4 x 20 sec strides", "30 min\n+ 4 x 20 sec strides"),
    ("8 miles w/ 4 miles @ T\u200b", "8 miles w/ 4 miles @ T"),
    ("2 \u00d7 (4 \u00d7 200m @ Mile w/ 200m jog) w/ 5 min rest between sets",
     "2 x (4 x 200m @ Mile w/ 200m jog) w/ 5 min rest between sets"),
    ("3\u2009\u00d7\u20091 mile @ T \u2014 2 min jog", "3 x 1 mile @ T - 2 min jog"),
]


@pytest.mark.parametrize(("typed", "ascii_"), TYPED, ids=[a for _, a in TYPED])
def test_typed_unicode_reads_like_ascii(typed: str, ascii_: str) -> None:
    try:
        expected = read_notation(ascii_)
    except PlanError:
        with pytest.raises(PlanError):
            read_notation(typed)
        return
    got = read_notation(typed)
    assert got.kind is expected.kind and got.workout == expected.workout
    assert got.alternatives == expected.alternatives


ICU_TYPED = [
    ("\ufeffWarmup\r\n- 10m 6:00/km Pace\r\n\r\n5x\r\n- 1\u203230\u2033 4:00\u20133:50/km Pace\r\n- 1m\r\n",
     "Warmup\n- 10m 6:00/km Pace\n\n5x\n- 1'30\" 4:00-3:50/km Pace\n- 1m\n"),
    ("-\u00a02km\u00a05:00/km\u00a0Pace", "- 2km 5:00/km Pace"),
]


@pytest.mark.parametrize(("typed", "ascii_"), ICU_TYPED)
def test_typed_unicode_reads_like_ascii_in_intervals_icu_text(typed: str, ascii_: str) -> None:
    """Bug found: a byte-order mark made the first line a section header and silently dropped
    its step; an en dash in a pace range was an error."""
    assert read_intervals_icu(typed).steps == read_intervals_icu(ascii_).steps
