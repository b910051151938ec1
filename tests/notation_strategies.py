"""Hypothesis strategies for notation round trips, built on the shared ``strategies`` module.

They widen the FIT-oriented defaults to what coach notation expresses (PaceRef targets, count and
length ranges, lap-button steps) and narrow free text to what the canonical printer can quote:
names without double quotes, notes without brackets, titles and descriptions from short phrases.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from hypothesis import strategies as st

from paceplan.model import PaceRef, Session, SessionKind, Workout
from paceplan.readers.notation import read_notation
from paceplan.writers.notation import format_nodes
from strategies import count_ranges, lengths, pace_ranges, pace_refs, steps, workouts

__all__ = ["notation_sessions", "notation_steps", "notation_workouts"]

_NAMES = st.sampled_from(["strides", "hill", "tempo", "fast", "jog", "walk", "long run", "run/walk",
                          "jog/walk", "flick", "fast one", "\u03a9mega", "\u95f4\u6b47\u8dd1", "400m"])
_NOTES = st.sampled_from(["for rhythm", "up to", "relaxed", "or 400m", "on the grass", "caf\u00e9 loop"])
_LABELS = st.sampled_from(["HM-10K", "Mile", "E", "5K -5s/mi"])
_TITLES = st.sampled_from(["Lactate threshold", "Tempo Tuesday", "Speed", "Hill session", "Ladder 2"])
_DESCRIPTIONS = st.sampled_from(["total 9 miles to 13 miles", "keep it relaxed", "on the track"])


def _refs() -> st.SearchStrategy[PaceRef]:
    return pace_refs().filter(lambda r: r.high != r.low)


def notation_steps() -> st.SearchStrategy[Any]:
    """Steps the canonical printer writes exactly (every intensity, length, target kind)."""
    return steps(lengths=lengths(ranges=True),
                 targets=st.none() | pace_ranges() | _refs(),
                 names=st.none() | _NAMES,
                 notes=st.none() | _NOTES,
                 labels=st.none() | _LABELS)


@st.composite
def notation_workouts(draw: st.DrawFn) -> Workout:
    """A workout whose name is the reader's default (its canonical body) or a short title."""
    w = draw(workouts(step=notation_steps(), counts=st.integers(1, 12) | count_ranges(),
                      names=st.just("x"), repeat_names=st.none(),
                      descriptions=st.none() | _DESCRIPTIONS))
    name = draw(st.none() | _TITLES) or format_nodes(w.steps)
    return replace(w, name=name)


_OTHER_CELLS = ["OFF", "Rest", "PT / Strength Focused Lift", "45-60 min cross-train", "Cross", "Mile",
                "5-K Test", "30-60 min walk"]


@st.composite
def notation_sessions(draw: st.DrawFn) -> Session:
    """A session (a run or another kind) with up to two alternatives, text left out."""
    def one() -> Session:
        if draw(st.booleans()):
            w = draw(notation_workouts())
            return Session(kind=SessionKind.RUN, title=w.name, workout=w)
        return replace(read_notation(draw(st.sampled_from(_OTHER_CELLS))), text=None)
    primary = one()
    alternatives = tuple(one() for _ in range(draw(st.integers(0, 2))))
    return replace(primary, alternatives=alternatives)
