"""Device limits: step count, nesting, byte lengths; cutting at UTF-8 boundaries; flattening."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from strategies import workouts

from paceplan.errors import UnsupportedError
from paceplan.model import CountRange, Intensity, Repeat, Step, Workout, iter_steps
from paceplan.passes.limits import (
    MAX_STEP_MESSAGES,
    check_limits,
    count_step_messages,
    cut_utf8,
    flatten_repeats,
    limit_errors,
    repeat_depth,
)
from paceplan.source import Source
from paceplan.units import Distance, Duration


def s(m: float = 400, **kw: object) -> Step:
    return Step(intensity=Intensity.INTERVAL, length=Distance(m), **kw)  # type: ignore[arg-type]


def rep(n: int, *nodes: object, **kw: object) -> Repeat:
    return Repeat(count=n, steps=nodes, **kw)  # type: ignore[arg-type]


# --- cut_utf8 ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "limit", "cut"), [
    ("hello", 15, "hello"),
    ("é" * 8, 15, "é" * 7),
    ("aé", 2, "a"),
    ("🏃🏃", 7, "🏃"),
    ("🏃🏃", 8, "🏃🏃"),
    ("间歇跑", 8, "间歇"),
    ("间歇跑", 0, ""),
    ("", 3, ""),
])
def test_cut_utf8(text: str, limit: int, cut: str) -> None:
    assert cut_utf8(text, limit) == cut


@settings(max_examples=200, deadline=None)
@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",))), st.integers(0, 60))
def test_cut_utf8_is_the_longest_prefix_that_fits(text: str, limit: int) -> None:
    cut = cut_utf8(text, limit)
    assert text.startswith(cut)
    assert len(cut.encode("utf-8")) <= limit
    if cut != text:
        assert len(text[: len(cut) + 1].encode("utf-8")) > limit


def test_cut_utf8_refuses_negative_limits() -> None:
    with pytest.raises(ValueError):
        cut_utf8("x", -1)


# --- counting ------------------------------------------------------------------------------------

def test_step_messages_count_repeat_steps() -> None:
    w = Workout(name="w", steps=(s(), rep(6, s(), s()), rep(2, rep(3, s(), s()), s()), s()))
    # 1 + (2 + 1) + ((2 + 1) + 1 + 1) + 1
    assert count_step_messages(w) == 10
    assert repeat_depth(w) == 2
    assert repeat_depth(Workout(name="w", steps=(s(),))) == 0


def test_fifty_is_fine_fifty_one_is_an_error() -> None:
    fifty = Workout(name="w", steps=tuple(s() for _ in range(MAX_STEP_MESSAGES)))
    assert check_limits(fifty).warnings == ()
    with pytest.raises(UnsupportedError) as exc:
        check_limits(Workout(name="big", steps=(*fifty.steps[:-1], rep(2, s()))))
    assert "51 FIT step messages" in exc.value.message and "'big'" in exc.value.message
    assert exc.value.diagnostics[0].code == "too-many-steps"
    assert "split" in exc.value.hint


def test_deep_nesting_is_an_error_pointing_at_the_block() -> None:
    src = Source("2 x (3 x (2 x 200m))")
    w = Workout(name="deep", steps=(rep(2, rep(3, rep(2, s(200), span=src.span(10, 19)))),))
    with pytest.raises(UnsupportedError) as exc:
        check_limits(w)
    d = exc.value.diagnostics[0]
    assert d.code == "nesting-too-deep" and "3 levels" in d.message
    assert d.span is not None and d.span.text == "2 x 200m)"
    assert "flatten_repeats(workout, 2)" in d.hint


def test_all_errors_are_reported_at_once() -> None:
    deep = rep(2, rep(2, rep(2, s())))
    w = Workout(name="w", steps=(deep, *(s() for _ in range(50))))
    assert [d.code for d in limit_errors(w)] == ["too-many-steps", "nesting-too-deep"]
    with pytest.raises(UnsupportedError) as exc:
        check_limits(w)
    assert len(exc.value.diagnostics) == 2


def test_custom_limits() -> None:
    w = Workout(name="w", steps=(rep(2, s()),))
    with pytest.raises(UnsupportedError):
        check_limits(w, max_depth=0)
    with pytest.raises(UnsupportedError):
        check_limits(w, max_steps=1)


def test_long_names_and_notes_are_warnings_naming_the_cut() -> None:
    src = Source("400m")
    w = Workout(name="Semaine 3 — fractionné", description="d" * 300, steps=(
        s(name="quatre cents mètres", note="n" * 49, span=src.span(0, 4)),
        s(note="🏃" * 13),
        rep(2, s(), name="une série très longue")))
    result = check_limits(w)
    assert result.value is w
    codes = [d.code for d in result.warnings]
    assert codes == ["name-too-long", "description-too-long", "name-too-long", "note-too-long", "name-too-long"]
    first = result.warnings[0]
    assert first.message == ("workout name 'Semaine 3 — fractionné' is 25 bytes; watches take 15: "
                             "writing 'Semaine 3 — f'")
    assert result.warnings[2].span is not None and result.warnings[2].span.text == "400m"
    assert "'🏃🏃🏃🏃🏃🏃🏃🏃🏃🏃🏃🏃'" in result.warnings[3].message  # 48 bytes, whole emoji only


# --- flattening ------------------------------------------------------------------------------------

def test_flatten_unrolls_only_the_innermost_level() -> None:
    inner = rep(2, s(200), Step(intensity=Intensity.RECOVERY, length=Duration(60)))
    w = Workout(name="w", steps=(rep(2, rep(3, inner), s(1000)),))
    result = flatten_repeats(w, 2)
    outer = result.value.steps[0]
    assert repeat_depth(result.value) == 2
    middle = outer.steps[0]
    assert middle.count == 3 and len(middle.steps) == 4
    assert middle.steps == inner.steps * 2
    assert [d.code for d in result.warnings] == ["flatten-repeats"]
    assert "unrolled into 4 steps" in result.warnings[0].message
    check_limits(result.value)


def test_flatten_to_zero_unrolls_everything() -> None:
    w = Workout(name="w", steps=(rep(2, s(), rep(3, s(100))),))
    flat = flatten_repeats(w, 0).value
    assert repeat_depth(flat) == 0 and len(flat.steps) == 2 * (1 + 3)


def test_flatten_leaves_shallow_workouts_alone() -> None:
    w = Workout(name="w", steps=(rep(2, rep(3, s())),))
    assert flatten_repeats(w).value is w


def test_flatten_needs_chosen_counts() -> None:
    w = Workout(name="w", steps=(rep(2, rep(2, Repeat(count=CountRange(low=2, high=3), steps=(s(),)))),))
    with pytest.raises(UnsupportedError, match="range"):
        flatten_repeats(w)


@settings(max_examples=100, deadline=None)
@given(workouts(max_depth=4, max_messages=30), st.integers(0, 3))
def test_flatten_keeps_the_run_the_same(w: Workout, depth: int) -> None:
    def unrolled(nodes) -> list[Step]:  # type: ignore[no-untyped-def]
        out: list[Step] = []
        for n in nodes:
            out.extend(unrolled(n.steps) * n.count if isinstance(n, Repeat) else [n])
        return out

    flat = flatten_repeats(w, depth).value
    assert repeat_depth(flat) <= depth
    assert unrolled(flat.steps) == unrolled(w.steps)
    assert set(map(id, iter_steps(flat.steps))) <= set(map(id, iter_steps(w.steps)))
