"""The workout chart: bars by time and speed, bands, repeat brackets, text alternative."""

from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from test_html_plans import PACES, hostile_plan, mile_plan

from paceplan.errors import PlanValueError
from paceplan.model import (LAP_BUTTON, MAX_EXPANDED_STEPS, CountRange, Intensity, PaceRef, Repeat, Step, Workout,
                            expanded_step_count)
from paceplan.units import Distance, Duration, Pace, PaceRange
from paceplan.writers.svg_chart import (
    INTENSITY_COLOURS,
    MAX_UNROLLED_BARS,
    WIDTH,
    describe_workout,
    render_workout_svg,
)

SVG = "{http://www.w3.org/2000/svg}"


def chart(workout: Workout, **kw: object) -> ET.Element:
    """The chart parsed as XML (it must be well-formed on its own)."""
    return ET.fromstring(render_workout_svg(workout, **kw))  # type: ignore[arg-type]


def bars(root: ET.Element) -> list[ET.Element]:
    return [r for r in root.iter(f"{SVG}rect") if "bar" in (r.get("class") or "").split()]


def bands(root: ET.Element) -> list[ET.Element]:
    return [r for r in root.iter(f"{SVG}rect") if r.get("class") == "band"]


def brackets(root: ET.Element) -> list[str]:
    return [t.text or "" for g in root.iter(f"{SVG}g") if g.get("class") == "repeat" for t in g.iter(f"{SVG}text")]


def f(el: ET.Element, attr: str) -> float:
    return float(el.get(attr))  # type: ignore[arg-type]


FOUR = PaceRange.single(Pace.parse("4:00/km"))
SIX = PaceRange.single(Pace.parse("6:00/km"))


def step(intensity: Intensity, length: object, target: object = None, **kw: object) -> Step:
    return Step(intensity=intensity, length=length, target=target, **kw)  # type: ignore[arg-type]


def test_width_is_time_and_height_is_speed() -> None:
    w = Workout(name="two", steps=(
        step(Intensity.ACTIVE, Duration.minutes(10), SIX),
        step(Intensity.INTERVAL, Duration.minutes(5), FOUR),
    ))
    easy, fast = bars(chart(w))
    assert f(easy, "x") == 0 and f(fast, "x") == pytest.approx(f(easy, "width"), abs=0.01)
    assert f(easy, "width") == pytest.approx(2 * f(fast, "width"), abs=0.02)
    assert f(easy, "width") + f(fast, "width") == pytest.approx(WIDTH, abs=0.02)
    assert f(fast, "height") > f(easy, "height") > 0
    # Bars stand on one baseline.
    assert f(easy, "y") + f(easy, "height") == pytest.approx(f(fast, "y") + f(fast, "height"), abs=0.01)


def test_colours_follow_intensity_and_bands_show_targets() -> None:
    w = Workout(name="all", steps=tuple(step(i, Duration.minutes(1), FOUR if i.is_work else None) for i in Intensity))
    root = chart(w)
    assert [b.get("fill") for b in bars(root)] == [INTENSITY_COLOURS[i] for i in Intensity]
    assert len(bands(root)) == 2  # only the targeted (work) steps
    for band, bar in zip(bands(root), [b for b in bars(root) if "active" in b.get("class", "") or "interval" in b.get("class", "")]):
        # The bar's top (the band's middle speed) lies inside the band.
        assert f(band, "y") <= f(bar, "y") <= f(band, "y") + f(band, "height")


def test_a_band_spans_slow_to_fast() -> None:
    wide = PaceRange.parse("4:00-5:00/km")
    root = chart(Workout(name="b", steps=(step(Intensity.INTERVAL, Distance(1000), wide),)), speed_max=5.0)
    (band,) = bands(root)
    assert f(band, "height") > 10  # a real band, not a line


def test_repeats_are_unrolled_under_a_bracket() -> None:
    w = Workout(name="6-10 x 400m", steps=(
        step(Intensity.WARMUP, LAP_BUTTON),
        Repeat(count=CountRange(low=6, high=10), steps=(
            step(Intensity.INTERVAL, Distance(400), FOUR), step(Intensity.RECOVERY, Distance(400)))),
        step(Intensity.COOLDOWN, LAP_BUTTON),
    ))
    root = chart(w)
    assert len(bars(root)) == 2 + 6 * 2  # drawn at the low end of the range
    assert brackets(root) == ["\u00d76\u201310"]
    # Lap-button steps are faded: their length is a guess.
    faded = [b for b in bars(root) if b.get("fill-opacity")]
    assert [b.get("class") for b in faded] == ["bar warmup", "bar cooldown"]


def test_nested_repeats_stack_their_brackets() -> None:
    w = mile_plan().weeks[2].days[2].sessions[0].workout  # 3 x (3 x 200m, walk)
    assert w is not None
    root = chart(w)
    assert brackets(root) == ["\u00d73", "\u00d73", "\u00d73", "\u00d73"]
    paths = [p for p in root.iter(f"{SVG}path")]
    levels = sorted({re.match(r"M[\d.]+ ([\d.]+)", p.get("d", "")).group(1) for p in paths})  # type: ignore[union-attr]
    assert len(levels) == 2  # outer bracket above the inner ones
    assert len(bars(root)) == 2 + 3 * (3 * 2 + 1)


def test_huge_repeats_draw_one_stretched_rep() -> None:
    inner: object = step(Intensity.INTERVAL, Distance(100), FOUR)
    # The largest repeat the model takes (it refuses workouts that unroll past MAX_EXPANDED_STEPS).
    inner = Repeat(count=1000, steps=(Repeat(count=MAX_EXPANDED_STEPS // 1000, steps=(inner,)),))  # type: ignore[arg-type]
    with pytest.raises(PlanValueError, match="unrolls"):
        Workout(name="huge", steps=(step(Intensity.WARMUP, Duration.minutes(10)), inner))  # type: ignore[arg-type]
    w = Workout(name="huge", steps=(inner,))  # type: ignore[arg-type]
    root = chart(w)
    assert len(bars(root)) == 10  # one rep of 1000 shown, its 10 inner reps drawn
    assert brackets(root)[0] == "\u00d71000 (one rep shown)"


def test_a_moderate_repeat_is_still_unrolled() -> None:
    n = MAX_UNROLLED_BARS // 2
    w = Workout(name="many", steps=(Repeat(count=n, steps=(
        step(Intensity.INTERVAL, Distance(100), FOUR), step(Intensity.RECOVERY, Distance(100)))),))
    assert len(bars(chart(w))) == 2 * n


def test_text_alternative_and_escaping() -> None:
    w = hostile_plan().weeks[0].days[0].sessions[0].workout
    assert w is not None
    text = render_workout_svg(w, chart_id="c1")
    root = ET.fromstring(text)
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c1-title c1-desc"
    title = root.find(f"{SVG}title")
    desc = root.find(f"{SVG}desc")
    assert title is not None and title.get("id") == "c1-title"
    assert title.text == "Workout chart: <script>alert(1)</script>"
    assert desc is not None and desc.get("id") == "c1-desc"
    assert desc.text is not None and "<img src=x onerror=alert(2)>" in desc.text
    assert "<script>" not in text and "<img" not in text


def test_every_bar_has_a_tooltip_naming_the_step() -> None:
    w = mile_plan().weeks[0].days[2].sessions[0].workout
    assert w is not None
    root = chart(w, paces=PACES)
    tips = [b.find(f"{SVG}title").text for b in bars(root)]  # type: ignore[union-attr]
    assert tips[1] == "400 m @ HM-10K 4:15-4:28/km" and tips[2] == "400 m jog"
    assert tips[0] == "warm-up (lap button) @ E 5:03-5:41/km"


def test_unresolved_targets_use_the_pace_table_when_given() -> None:
    w = Workout(name="u", steps=(step(Intensity.INTERVAL, Distance(400), PaceRef(low="HM", high="10K")),))
    assert bands(chart(w)) == []
    assert len(bands(chart(w, paces=PACES))) == 1
    assert describe_workout(w, paces=PACES) == "400 m @ HM-10K 4:10-4:33/km"


def test_a_shared_speed_scale_makes_charts_comparable() -> None:
    slow = Workout(name="e", steps=(step(Intensity.ACTIVE, Duration.minutes(30), SIX),))
    alone = bars(chart(slow))[0]
    shared = bars(chart(slow, speed_max=FOUR.fast.speed_mps))[0]
    assert f(shared, "height") < f(alone, "height")


def test_the_chart_is_deterministic() -> None:
    w = mile_plan().weeks[0].days[2].sessions[0].workout
    assert w is not None
    assert render_workout_svg(w, paces=PACES) == render_workout_svg(w, paces=PACES)


_lengths = st.one_of(
    st.builds(Distance, st.floats(min_value=1, max_value=50_000)),
    st.builds(Duration, st.floats(min_value=1, max_value=20_000)),
    st.just(LAP_BUTTON),
)
_steps = st.builds(step, st.sampled_from(list(Intensity)), _lengths,
                   st.one_of(st.none(), st.just(FOUR), st.just(SIX), st.just(PaceRef(low="5K"))))
_nodes = st.recursive(_steps, lambda inner: st.builds(
    lambda n, s: Repeat(count=n, steps=tuple(s)), st.integers(1, 30), st.lists(inner, min_size=1, max_size=3)),
    max_leaves=8)


@settings(max_examples=80, deadline=None)
@given(st.lists(_nodes, min_size=1, max_size=5))
def test_any_workout_draws_boxes_inside_the_frame(nodes: list[object]) -> None:
    assume(expanded_step_count(tuple(nodes)) <= MAX_EXPANDED_STEPS)  # type: ignore[arg-type]
    root = chart(Workout(name="w", steps=tuple(nodes)))  # type: ignore[arg-type]
    w, h = (float(v) for v in root.get("viewBox", "").split()[2:])
    drawn = bars(root)
    assert drawn
    for b in drawn:
        assert f(b, "width") > 0 and f(b, "height") > 0
        assert -0.01 <= f(b, "x") <= w and f(b, "x") + f(b, "width") <= w + 1.0
        assert 0 <= f(b, "y") and f(b, "y") + f(b, "height") <= h + 0.01
