"""Hypothesis strategies for the model, shared by every test module (extend, don't fork).

    from strategies import workouts, steps, pace_ranges, lengths

Defaults generate what a FIT file can hold exactly, so ``model -> FIT -> model`` round trips
compare with ``==``: durations in whole milliseconds, distances in whole centimetres, paces from
whole mm/s speeds, names and notes within the watch byte limits, repeats nested at most two deep
and at most 50 step messages. Pass other strategies to widen them (``targets=`` with
:class:`~paceplan.model.PaceRef`, ``counts=count_ranges()``, ``lengths(ranges=True)``...).
"""

from __future__ import annotations

from typing import Any

from hypothesis import assume
from hypothesis import strategies as st

from paceplan.model import (
    LAP_BUTTON,
    MAX_EXPANDED_STEPS,
    CountRange,
    Intensity,
    LengthRange,
    Node,
    PaceRef,
    Repeat,
    Step,
    Workout,
    expanded_step_count,
)
from paceplan.units import Distance, Duration, Pace, PaceRange

__all__ = [
    "count_ranges",
    "distances",
    "durations",
    "length_ranges",
    "lengths",
    "pace_ranges",
    "pace_refs",
    "paces",
    "steps",
    "texts",
    "workouts",
]

# Letters, marks, numbers, punctuation, symbols (emoji) and spaces from all of Unicode: no
# control characters (the model rejects them) and no surrogates (not encodable).
_CHARS = st.characters(codec="utf-8", exclude_categories=("Cc", "Cs", "Co", "Cn"))
_SAMPLES = st.sampled_from(["400m", "jog", "é", "Tempo à fond", "🏃", "🏃‍♀️ fast", "间歇跑",
                            "ランニング", "Ñandú", "x" * 20, "Ωmega"])


def texts(*, max_bytes: int | None = None, min_size: int = 1, max_size: int = 30) -> st.SearchStrategy[str]:
    """Non-blank text mixing ASCII, accents, emoji and CJK, at most ``max_bytes`` UTF-8 bytes."""
    base = st.one_of(_SAMPLES, st.text(_CHARS, min_size=min_size, max_size=max_size))
    base = base.filter(lambda t: len(t) >= min_size and t.strip() != "")
    if max_bytes is not None:
        base = base.filter(lambda t: len(t.encode("utf-8")) <= max_bytes)
    return base


def durations(*, min_ms: int = 1_000, max_ms: int = 3 * 3600 * 1000) -> st.SearchStrategy[Duration]:
    """Whole-millisecond durations (exact in FIT)."""
    return st.integers(min_ms, max_ms).map(lambda ms: Duration(ms / 1000))


def distances(*, min_cm: int = 1_000, max_cm: int = 50_000_00) -> st.SearchStrategy[Distance]:
    """Whole-centimetre distances (exact in FIT), 10 m to 50 km by default."""
    return st.one_of(st.sampled_from([200, 400, 800, 1000, 5000]).map(Distance),
                     st.integers(min_cm, max_cm).map(lambda cm: Distance(cm / 100)))


def length_ranges() -> st.SearchStrategy[LengthRange]:
    """``45-60 min`` / ``3-4 mi`` style ranges."""
    def build(kind: str, a: int, b: int) -> LengthRange:
        lo, hi = sorted((a, b))
        hi = hi if hi > lo else lo + 1
        if kind == "time":
            return LengthRange(low=Duration(lo), high=Duration(hi))
        return LengthRange(low=Distance(lo * 100.0), high=Distance(hi * 100.0))
    return st.builds(build, st.sampled_from(["time", "distance"]), st.integers(1, 7200),
                     st.integers(1, 7200))


def lengths(*, lap: bool = True, ranges: bool = False) -> st.SearchStrategy[Any]:
    """A step length: duration, distance, maybe the lap button, maybe a range."""
    options: list[st.SearchStrategy[Any]] = [durations(), distances()]
    if lap:
        options.append(st.just(LAP_BUTTON))
    if ranges:
        options.append(length_ranges())
    return st.one_of(options)


def paces(*, min_mm_s: int = 1000, max_mm_s: int = 7000) -> st.SearchStrategy[Pace]:
    """Paces from whole mm/s speeds (16:40/km to 2:23/km): exact in FIT."""
    return st.integers(min_mm_s, max_mm_s).map(lambda v: Pace.from_speed(v / 1000))


def pace_ranges(**kwargs: int) -> st.SearchStrategy[PaceRange]:
    """Pace bands from two :func:`paces` (maybe equal: a single pace)."""
    return st.builds(PaceRange.of, paces(**kwargs), paces(**kwargs))


_lengths = lengths  # steps() takes a parameter of the same name


def pace_refs() -> st.SearchStrategy[PaceRef]:
    """Unresolved pace labels (``HM-10K``, ``5K -5s/mi``)."""
    from paceplan.labels import KNOWN_LABELS

    labels = st.sampled_from(KNOWN_LABELS)
    return st.builds(lambda lo, hi, off, per: PaceRef(low=lo, high=hi, offset_s=off, per=per),
                     labels, st.none() | labels, st.sampled_from([0.0, -10.0, 5.0]),
                     st.sampled_from(["km", "mi"]))


def count_ranges() -> st.SearchStrategy[CountRange]:
    """``6-10`` style counts."""
    return st.builds(lambda a, d: CountRange(low=a, high=a + d), st.integers(1, 12), st.integers(1, 8))


_INTENSITIES = st.sampled_from(list(Intensity))
_NONE: st.SearchStrategy[None] = st.none()
_COUNTS = st.integers(1, 10)


def steps(*, intensities: st.SearchStrategy[Intensity] = _INTENSITIES,
          lengths: st.SearchStrategy[Any] | None = None,
          targets: st.SearchStrategy[Any] | None = None,
          names: st.SearchStrategy[str | None] | None = None,
          notes: st.SearchStrategy[str | None] | None = None,
          labels: st.SearchStrategy[str | None] = _NONE) -> st.SearchStrategy[Step]:
    """One :class:`Step`; names within 15 bytes and notes within 49 by default."""
    return st.builds(
        lambda i, ln, t, n, no, lb: Step(intensity=i, length=ln, target=t, name=n, note=no, label=lb),
        intensities,
        lengths if lengths is not None else _lengths(),
        targets if targets is not None else st.none() | pace_ranges(),
        names if names is not None else st.none() | texts(max_bytes=15),
        notes if notes is not None else st.none() | texts(max_bytes=49, max_size=60),
        labels,
    )


@st.composite
def workouts(draw: st.DrawFn, *, max_depth: int = 2, max_messages: int = 50,
             step: st.SearchStrategy[Step] | None = None,
             counts: st.SearchStrategy[Any] = _COUNTS,
             names: st.SearchStrategy[str] | None = None,
             repeat_names: st.SearchStrategy[str | None] | None = None,
             descriptions: st.SearchStrategy[str | None] | None = None) -> Workout:
    """A valid :class:`Workout` of at most ``max_messages`` FIT step messages (repeat steps
    counted) with repeats nested at most ``max_depth`` deep."""
    step = step if step is not None else steps()
    repeat_names = repeat_names if repeat_names is not None else st.none() | texts(max_bytes=15)
    budget = [draw(st.integers(1, max_messages))]

    def block(depth: int) -> tuple[Node, ...]:
        out: list[Node] = []
        for _ in range(draw(st.integers(1, 5))):
            if budget[0] <= 0:
                break
            if depth < max_depth and budget[0] >= 2 and draw(st.integers(0, 3)) == 0:
                budget[0] -= 1  # the repeat step itself
                body = block(depth + 1)
                out.append(Repeat(count=draw(counts), steps=body, name=draw(repeat_names)))
            else:
                budget[0] -= 1
                out.append(draw(step))
        return tuple(out)

    nodes = block(0)
    assume(expanded_step_count(nodes) <= MAX_EXPANDED_STEPS)  # the model refuses bigger workouts
    return Workout(
        name=draw(names if names is not None else texts(max_bytes=15)),
        steps=nodes,
        description=draw(descriptions if descriptions is not None
                         else st.none() | texts(max_bytes=254, max_size=80)),
    )
