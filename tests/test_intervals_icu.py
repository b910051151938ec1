"""intervals.icu workout text: writer, reader, round trip, errors."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import strategies
from hypothesis import given, settings
from hypothesis import strategies as st

from paceplan.errors import PlanSyntaxError, Severity, UnsupportedError
from paceplan.model import (
    LAP_BUTTON,
    CountRange,
    Intensity,
    LengthRange,
    PaceRef,
    Repeat,
    Step,
    Workout,
)
from paceplan.readers import intervals_icu as reader_mod
from paceplan.readers.intervals_icu import read_intervals_icu
from paceplan.units import MILE_M, Distance, Duration, Pace, PaceRange
from paceplan.writers import intervals_icu as writer_mod
from paceplan.writers.intervals_icu import format_distance, format_duration, write_intervals_icu

FIXTURES = Path(__file__).parent / "fixtures" / "intervals"
UPDATE = os.environ.get("PACEPLAN_UPDATE_GOLDEN") == "1"


def pace_range(text: str) -> PaceRange:
    return PaceRange.parse(text)


def eight_by_400() -> Workout:
    """The reference's B.4 example as a resolved paceplan workout (warm-up without a target)."""
    return Workout(name="8 x 400m", steps=(
        Step(intensity=Intensity.WARMUP, length=Duration(900)),
        Repeat(count=8, name="Main Set", steps=(
            Step(intensity=Intensity.INTERVAL, length=Distance(400), target=pace_range("3:40-3:50/km")),
            Step(intensity=Intensity.RECOVERY, length=Distance(400), target=pace_range("6:00-7:00/km"),
                 name="jog"),
        )),
        Step(intensity=Intensity.COOLDOWN, length=LAP_BUTTON),
    ))


def nested() -> Workout:
    """2 x (3 x 1 mile @ T w/ 1' jog) w/ 3' rest (reference B.4)."""
    t = PaceRange.of(Pace.parse("6:10/mi"), Pace.parse("6:20/mi"))
    return Workout(name="2 x (3 x 1 mile @ T)", steps=(
        Step(intensity=Intensity.WARMUP, length=Distance.miles(2)),
        Repeat(count=2, steps=(
            Repeat(count=3, steps=(
                Step(intensity=Intensity.INTERVAL, length=Distance.miles(1), target=t),
                Step(intensity=Intensity.RECOVERY, length=Duration(60)),
            )),
            Step(intensity=Intensity.REST, length=Duration(180)),
        )),
        Step(intensity=Intensity.COOLDOWN, length=Duration(600)),
    ))


GOLDEN = {"eight-by-400": (eight_by_400, "km"), "nested-miles": (nested, "mi")}


@pytest.mark.parametrize("name", sorted(GOLDEN))
def test_writer_golden(name: str) -> None:
    build, unit = GOLDEN[name]
    text = write_intervals_icu(build(), pace_unit=unit).value  # type: ignore[arg-type]
    path = FIXTURES / f"{name}.txt"
    if UPDATE:
        path.write_text(text, encoding="utf-8")
    assert text == path.read_text(encoding="utf-8")


def test_b4_example_shape() -> None:
    result = write_intervals_icu(eight_by_400())
    assert result.warnings == ()
    assert result.value == (
        "Warmup\n"
        "- 15m\n"
        "\n"
        "Main Set 8x\n"
        "- 400mtr 3:50-3:40/km Pace\n"
        "- jog 400mtr 7:00-6:00/km Pace\n"
        "\n"
        "Cooldown\n"
        "- 5m press lap\n"
    )


def test_nested_repeats_are_flattened_with_a_warning() -> None:
    result = write_intervals_icu(nested(), pace_unit="mi")
    assert [d.code for d in result.warnings] == ["intervals-nested-repeat"]
    text = result.value
    assert text.count("3x\n") == 2
    assert "- Rest 3m" in text
    # Every repeat block is framed by empty lines.
    lines = text.splitlines()
    for i, line in enumerate(lines):
        if re.fullmatch(r".*\d+x", line):
            assert i == 0 or lines[i - 1] == ""
            end = next((j for j in range(i + 1, len(lines)) if not lines[j].startswith("- ")), len(lines))
            assert end == len(lines) or lines[end] == ""
    back = read_intervals_icu(text, name="x", pace_unit="mi")
    assert [type(n).__name__ for n in back.steps] == ["Step", "Repeat", "Step", "Repeat", "Step", "Step"]


def test_unresolved_pace_is_unsupported() -> None:
    w = Workout(name="x", steps=(Step(intensity=Intensity.INTERVAL, length=Distance(400),
                                      target=PaceRef(low="HM", high="10K")),))
    with pytest.raises(UnsupportedError, match="HM-10K") as info:
        write_intervals_icu(w)
    assert "resolve paces first" in (info.value.hint or "")


def test_ranges_and_notes_warn() -> None:
    w = Workout(name="x", steps=(
        Repeat(count=CountRange(low=6, high=10), steps=(
            Step(intensity=Intensity.INTERVAL, length=Distance(400), note="relax"),
            Step(intensity=Intensity.RECOVERY, length=LengthRange(low=Duration(60), high=Duration(90))),
        )),
    ))
    result = write_intervals_icu(w)
    assert "6x" in result.value and "- Recovery 1m\n" in result.value
    assert {d.code for d in result.warnings} == {"count-range", "length-range", "intervals-note-dropped"}
    note = next(d for d in result.warnings if d.code == "intervals-note-dropped")
    assert note.severity is Severity.NOTE and note.message.startswith("1 step note(s) not written")


def test_name_that_looks_like_a_length_is_not_written() -> None:
    w = Workout(name="x", steps=(Step(intensity=Intensity.ACTIVE, length=Distance(400), name="400m"),))
    result = write_intervals_icu(w)
    assert result.value == "Main Set\n- 400mtr\n"
    assert [(d.code, d.severity) for d in result.warnings] == [("intervals-name-dropped", Severity.NOTE)]


@pytest.mark.parametrize(("metres", "text"), [
    (400, "400mtr"), (1000, "1km"), (2000, "2km"), (1200, "1200mtr"), (MILE_M, "1mi"),
    (1.5 * MILE_M, "1.5mi"), (123.45, "0.1235km"),
])
def test_format_distance(metres: float, text: str) -> None:
    assert format_distance(Distance(metres)) == text


@pytest.mark.parametrize(("seconds", "text"), [(30, "30s"), (90, "1m30s"), (600, "10m"), (3750, "1h2m30s"),
                                               (3600, "1h")])
def test_format_duration(seconds: int, text: str) -> None:
    assert format_duration(seconds) == text


def test_reader_and_writer_tables_agree() -> None:
    # One vocabulary (paceplan.intervals_syntax) serves both sides.
    assert reader_mod.CUE_WORDS is writer_mod.CUE_WORDS
    assert reader_mod.SECTION_DEFAULTS is writer_mod.SECTION_DEFAULTS
    assert reader_mod.LENGTH_TOKEN is writer_mod.LENGTH_TOKEN
    for intensity, word in writer_mod.INTENSITY_CUE.items():
        assert reader_mod.CUE_WORDS[word.lower()] is intensity
    assert reader_mod._PREFIXES == set(writer_mod.INTENSITY_CUE.values())


# --- reader ---------------------------------------------------------------------------------

def test_reader_forms() -> None:
    text = (FIXTURES / "read-forms.txt").read_text(encoding="utf-8")
    w = read_intervals_icu(text, name="forms")
    s = Step
    i = Intensity
    expected = (
        s(intensity=i.WARMUP, length=Duration(600)),
        s(intensity=i.WARMUP, length=LAP_BUTTON, name="Strides"),
        Repeat(count=3, name="Main Set", steps=(
            s(intensity=i.INTERVAL, length=Distance(1000), target=pace_range("4:00-4:10/km")),
            s(intensity=i.RECOVERY, length=Duration(90), name="Jog"),
        )),
        Repeat(count=5, steps=(
            s(intensity=i.INTERVAL, length=Distance(400), target=PaceRange.single(Pace.parse("1:30/400m"))),
            s(intensity=i.REST, length=Duration(90)),
        )),
        s(intensity=i.RECOVERY, length=Duration(3750), target=PaceRange.single(Pace.parse("6:00/km")),
          name="Recover easy"),
        s(intensity=i.ACTIVE, length=Distance.miles(1.5), target=pace_range("7:00-7:10/mi")),
        s(intensity=i.ACTIVE, length=Duration(90), target=pace_range("4:00-4:10/km")),
        s(intensity=i.ACTIVE, length=Duration(300), target=PaceRange.single(Pace.parse("5:00/km")), name="Run"),
        s(intensity=i.REST, length=Duration(60)),
        s(intensity=i.COOLDOWN, length=LAP_BUTTON),
    )
    assert w.name == "forms"
    assert w.steps == expected


def test_reader_default_pace_unit() -> None:
    w = read_intervals_icu("- 10m 8:00 Pace\n", pace_unit="mi")
    assert w.steps[0].target == PaceRange.single(Pace.parse("8:00/mi"))


ERRORS = {
    "bad-400m": (PlanSyntaxError, [
        ("<intervals>:2:3", "'400m' means 400 minutes in intervals.icu", "2 | - 400m 3:40/km Pace",
         "  |   ^~~~"),
    ]),
    "bad-zones": (UnsupportedError, [
        ("<intervals>:2:7", "relative pace targets", "2 | - 15m Z1-Z2 Pace", "  |       ^~~~~~~~~~"),
        ("<intervals>:6:14", "heart-rate targets", "6 | - Jog 400mtr 75% HR", "  |              ^~~~~~"),
    ]),
    "bad-mixed": (PlanSyntaxError, [
        ("<intervals>:2:3", "step has no length", "2 | - tempo 4:30/km Pace", "  |   ^" + "~" * 17),
        ("<intervals>:3:6", "power targets", "3 | - 5m 250w", "  |      ^~~~"),
        ("<intervals>:4:7", "unknown pace unit /xyz", "4 | - 2km 4:00/xyz Pace", "  |       ^~~~~~~~~~~~~"),
        ("<intervals>:5:7", "cannot read target 'fast please'", "5 | - 3km fast please", "  |       ^~~~~~~~~~~"),
    ]),
}


@pytest.mark.parametrize("name", sorted(ERRORS))
def test_reader_errors_are_positioned(name: str) -> None:
    kind, expected = ERRORS[name]
    text = (FIXTURES / f"{name}.txt").read_text(encoding="utf-8")
    with pytest.raises(kind) as info:
        read_intervals_icu(text)
    diags = info.value.diagnostics
    assert len(diags) == len(expected), str(info.value)
    for diag, (where, message, src, caret) in zip(diags, expected):
        rendered = diag.render().splitlines()
        assert rendered[0].startswith(f"{where}: error: "), rendered[0]
        assert message in rendered[0]
        assert rendered[1] == src
        assert rendered[2] == caret
        assert diag.hint


def test_reader_rejects_empty_and_stepless_repeat() -> None:
    with pytest.raises(PlanSyntaxError, match="no steps"):
        read_intervals_icu("Warmup\n\n")
    with pytest.raises(PlanSyntaxError, match="has no steps"):
        read_intervals_icu("5x\n\n- 10m\n")


# --- round trip (hypothesis) ----------------------------------------------------------------

# Shared model strategies (tests/strategies.py), narrowed to what intervals.icu text holds
# exactly: whole seconds, whole metres or decimal miles, paces in whole seconds per km, names made
# of words (a name like "400m" would read back as a length), no notes, labels or descriptions.
_WORDS = ["easy", "strides", "hill", "jog", "Rest", "rest", "tempo", "Warmup", "Warm-up", "float", "Main",
          "set", "K2", "Recovery", "run"]
names = st.none() | st.lists(st.sampled_from(_WORDS), min_size=1, max_size=3).map(" ".join)
lengths = st.one_of(
    st.integers(1, 4 * 3600).map(lambda s: Duration(float(s))),
    st.integers(1, 50_000).map(lambda m: Distance(float(m))),
    st.integers(1, 80).map(lambda q: Distance.miles(q / 4)),
    st.just(LAP_BUTTON),
)
whole_second_paces = st.integers(150, 900).map(lambda s: Pace(float(s)))
targets = st.none() | whole_second_paces.map(PaceRange.single) | st.tuples(
    whole_second_paces, whole_second_paces).map(lambda ab: PaceRange.of(*ab))
flat_workouts = strategies.workouts(
    max_depth=1, counts=st.integers(1, 30), names=st.just("round trip"), repeat_names=names,
    descriptions=st.none(),
    step=strategies.steps(lengths=lengths, targets=targets, names=names, notes=st.none()))


@settings(max_examples=150, deadline=None)
@given(flat_workouts)
def test_round_trip_flat_workouts(workout: Workout) -> None:
    result = write_intervals_icu(workout)
    assert result.warnings == ()
    assert read_intervals_icu(result.value, name=workout.name) == workout


@settings(max_examples=100, deadline=None)
@given(flat_workouts)
def test_no_emitted_distance_ends_in_bare_m(workout: Workout) -> None:
    text = write_intervals_icu(workout).value
    lines = [line for line in text.splitlines() if line.startswith("- ")]
    model_steps = _steps(workout)
    assert len(lines) == len(model_steps)
    for line, step in zip(lines, model_steps):
        token = next(t for t in line.split()[1:] if writer_mod.LENGTH_TOKEN.match(t))
        if isinstance(step.length, Distance):
            assert re.fullmatch(r"\d+(?:\.\d+)?(?:km|mi|mtr)", token), line
            assert not re.fullmatch(r"\d+(?:\.\d+)?m", token), line
        else:
            assert not token.endswith(("km", "mi", "mtr")), line


def _steps(workout: Workout) -> list[Step]:
    out: list[Step] = []
    for node in workout.steps:
        out.extend(node.steps if isinstance(node, Repeat) else [node])  # type: ignore[arg-type]
    return out
