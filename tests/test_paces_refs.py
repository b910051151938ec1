"""Pace label text -> PaceRef: the spellings real plans use."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paceplan.errors import PaceError
from paceplan.labels import KNOWN_LABELS
from paceplan.model import PaceRef
from paceplan.paces import format_ref, parse_pace_ref

FIXTURES = Path(__file__).parent / "fixtures" / "paces"
CASES = [ln.split("\t") for ln in (FIXTURES / "refs.txt").read_text(encoding="utf-8").splitlines()
         if ln and not ln.startswith("#")]


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_fixture(text: str, expected: str) -> None:
    assert str(parse_pace_ref(text)) == expected


def test_fixture_is_loaded() -> None:
    assert len(CASES) >= 35


def test_structure() -> None:
    assert parse_pace_ref("HM-10K") == PaceRef(low="HM", high="10K")
    assert parse_pace_ref("10K-HM") == PaceRef(low="10K", high="HM")  # order as written
    assert parse_pace_ref("HMP -10s") == PaceRef(low="HM", offset_s=-10, per="mi")
    assert parse_pace_ref("MP - 10s") == PaceRef(low="M", offset_s=-10, per="mi")
    assert parse_pace_ref("15K to half marathon") == PaceRef(low="15K", high="HM")
    assert parse_pace_ref("goal mi pace") == PaceRef(low="GMP")


@pytest.mark.parametrize("label", KNOWN_LABELS)
def test_every_canonical_label_reads_as_itself(label: str) -> None:
    assert parse_pace_ref(label) == PaceRef(low=label)


@pytest.mark.parametrize("text", ["", "   ", "HMX", "5K - foo", "fast", "10K/5K", "-10s", "@"])
def test_unknown(text: str) -> None:
    with pytest.raises(PaceError) as info:
        parse_pace_ref(text)
    assert info.value.hint is not None
    assert info.value.hint.endswith("known paces are " + ", ".join(KNOWN_LABELS))


@pytest.mark.parametrize(("typo", "guess"), [("Milee", "Mile"), ("Threshhold", "T"), ("xyzzy", None), ("5kk", "5K")])
def test_unknown_label_suggests_the_closest(typo: str, guess: str | None) -> None:
    from paceplan.labels import known_labels_hint

    hint = known_labels_hint(typo)
    if guess is None:
        assert hint.startswith("known paces")
    else:
        assert hint.startswith(f"did you mean {guess}?")


def test_format_ref() -> None:
    assert format_ref(PaceRef(low="HM", high="10K")) == "HM-10K"
    assert format_ref(PaceRef(low="HM", offset_s=-10, per="mi")) == "HM -10s/mi"


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=40))
def test_arbitrary_text_is_a_ref_or_a_pace_error(text: str) -> None:
    try:
        ref = parse_pace_ref(text)
    except PaceError:
        return
    assert ref.low in KNOWN_LABELS and (ref.high is None or ref.high in KNOWN_LABELS)


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(KNOWN_LABELS), st.sampled_from(KNOWN_LABELS))
def test_canonical_form_round_trips(a: str, b: str) -> None:
    ref = PaceRef(low=a) if a == b else PaceRef(low=a, high=b)
    assert parse_pace_ref(format_ref(ref)) == ref


@settings(max_examples=100, deadline=None)
@given(st.sampled_from(KNOWN_LABELS), st.integers(-30, 30).filter(bool), st.sampled_from(["km", "mi"]))
def test_offsets_round_trip(label: str, offset: int, per: str) -> None:
    ref = PaceRef(low=label, offset_s=offset, per=per)
    assert parse_pace_ref(format_ref(ref)) == ref
