"""The canonical printer: identity fixtures print back unchanged, and read(write(m)) == m for
every fixture and for hypothesis-generated workouts."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from notation_strategies import notation_sessions, notation_workouts
from paceplan.model import Session, Workout
from paceplan.readers.notation import read_notation, read_workout
from paceplan.writers.notation import write_notation

FIXTURES = Path(__file__).parent / "fixtures" / "notation"
IDENTITY = [line for line in (FIXTURES / "identity.txt").read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#")]


def _without_text(s: Session) -> Session:
    from dataclasses import replace
    return replace(s, text=None, alternatives=tuple(_without_text(a) for a in s.alternatives))


@pytest.mark.parametrize("line", IDENTITY)
def test_identity(line: str) -> None:
    session = read_notation(line)
    assert write_notation(session) == line
    assert read_notation(write_notation(session)) == session  # same text, so fully equal


def test_every_fixture_round_trips() -> None:
    from test_notation_corpus import CASES
    from test_notation_mile import CELLS
    texts = list(CELLS) + [t.replace("\\n", "\n") for t, u, c, errs in CASES if not errs and u is None]
    assert len(texts) > 60
    for text in texts:
        m = read_notation(text)
        again = read_notation(write_notation(m))
        assert _without_text(again) == _without_text(m), text


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notation_workouts())
def test_generated_workouts_round_trip(workout: Workout) -> None:
    text = write_notation(workout)
    assert read_workout(text) == workout, text
    assert write_notation(read_workout(text)) == text


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(notation_sessions())
def test_generated_sessions_round_trip(session: Session) -> None:
    text = write_notation(session)
    assert _without_text(read_notation(text)) == _without_text(session), text
