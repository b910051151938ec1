"""Real strings by other coaches (shared/reference/notation.md): each reads as the fixture's
canonical form, or fails with the fixture's messages; key structures are asserted by hand."""

from __future__ import annotations

from pathlib import Path

import pytest

from paceplan.errors import PlanSyntaxError, Severity
from paceplan.model import LAP_BUTTON, Intensity, PaceRef, Repeat, SessionKind, Step
from paceplan.readers.notation import read_notation, read_notation_result
from paceplan.readers.notation.grammar import total_distance
from paceplan.units import MILE_M, Distance, Duration
from paceplan.writers.notation import write_notation

FIXTURE = Path(__file__).parent / "fixtures" / "notation" / "corpus.txt"


def fixture_cases(path: Path = FIXTURE) -> list[tuple[str, str | None, str, list[str]]]:
    """(line, units, canonical, error messages) per entry of a fixture file: an input line, then
    ``=> canonical`` or one ``!! message`` per error; ``[imperial] `` sets the units."""
    cases: list[tuple[str, str | None, str, list[str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("=> "):
            cases[-1] = (cases[-1][0], cases[-1][1], line[3:], cases[-1][3])
        elif line.startswith("!! "):
            cases[-1][3].append(line[3:])
        else:
            units = "imperial" if line.startswith("[imperial] ") else None
            cases.append((line.removeprefix("[imperial] "), units, "", []))
    return cases


CASES = fixture_cases()


@pytest.mark.parametrize(("text", "units", "canonical", "errors"), CASES, ids=[c[0][:60] for c in CASES])
def test_corpus_string(text: str, units: str | None, canonical: str, errors: list[str]) -> None:
    cell = text.replace("\\n", "\n")
    if errors:
        with pytest.raises(PlanSyntaxError) as info:
            read_notation(cell, units=units)
        assert [d.message for d in info.value.errors] == errors
        assert all(d.span is not None for d in info.value.errors)
        return
    session = read_notation(cell, units=units)
    assert write_notation(session) == canonical
    again = read_notation(canonical, units=units)
    assert again.workout == session.workout and again.kind is session.kind


def test_corpus_covers_every_numbered_string() -> None:
    numbers = {int(line[2:].split(":")[0]) for line in FIXTURE.read_text(encoding="utf-8").splitlines()
               if line.startswith("# ") and line[2:].split(":")[0].isdigit()}
    assert numbers == set(range(1, max(numbers) + 1))


VERDICTS = ("meant", "refused", "partial", "missed")
MEANT_SHARE = 0.70
"""The share of the published corpus read as the coach means (README, notation section)."""


def verdicts(path: Path = FIXTURE) -> tuple[dict[str, int], set[str]]:
    """Verdict counts of the numbered entries ('# N [verdict]'; the first 29, from
    shared/reference/notation.md, are asserted by hand above and count as meant) and the cited
    sources."""
    counts = dict.fromkeys(VERDICTS, 0)
    sources: set[str] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# source: "):
            sources.add(line.removeprefix("# source: ").split(" -- ")[0])
            continue
        head = line[2:].split(":")[0].split(" ")
        if line.startswith("# ") and head[0].isdigit():
            tag = head[1].strip("[]") if len(head) > 1 and head[1].startswith("[") else "meant"
            assert tag in VERDICTS, line
            counts[tag] += 1
    return counts, sources


def test_published_corpus_size_sources_and_share() -> None:
    counts, sources = verdicts()
    total = sum(counts.values())
    assert total >= 150 + 29 and len(sources) >= 10
    share = (counts["meant"] + counts["refused"]) / total
    assert share >= MEANT_SHARE, counts


def test_every_partial_reading_says_what_it_loses() -> None:
    lines = FIXTURE.read_text(encoding="utf-8").splitlines()
    partial = [line for line in lines if "[partial]" in line]
    assert partial and all(":" in line.split("]", 1)[1] for line in partial)


def _steps(text: str, units: str | None = None) -> tuple:  # type: ignore[type-arg]
    s = read_notation(text, units=units)
    assert s.workout is not None
    return s.workout.steps


E = PaceRef(low="E")


def test_whole_run_frame_keeps_the_total() -> None:
    steps = _steps("Lactate threshold 8 miles w/ 4 miles @ 15K to half marathon pace")
    assert steps == (Step(intensity=Intensity.ACTIVE, length=Distance.miles(2), target=E),
                     Step(intensity=Intensity.INTERVAL, length=Distance.miles(4),
                          target=PaceRef(low="15K", high="HM")),
                     Step(intensity=Intensity.ACTIVE, length=Distance.miles(2), target=E))
    for text, miles in (("General aerobic + speed 8 miles w/ 10x100m strides", 8),
                        ("General aerobic + speed 9 miles w/ 2 sets of 5x150m strides (jog 250m between "
                         "intervals and 4 min between sets)", 9),
                        ("Race pace + speed 8 miles w/ 2 miles @ half marathon race pace and 6x100m strides", 8),
                        ("Progression long run 14 miles, last 2 miles @ LT", 14)):
        metres, _ = total_distance(_steps(text))
        assert metres == pytest.approx(miles * MILE_M, abs=0.01), text
    s = read_notation("Lactate threshold 8 miles w/ 4 miles @ 15K to half marathon pace")
    assert s.title == "Lactate threshold"


def test_sets_with_recoveries_between_reps_and_sets() -> None:
    steps = _steps("General aerobic + speed 9 miles w/ 2 sets of 5x150m strides (jog 250m between "
                   "intervals and 4 min between sets)")
    sets = steps[1]
    assert isinstance(sets, Repeat) and sets.count == 2
    inner, between = sets.steps
    assert isinstance(inner, Repeat) and inner.count == 5
    assert inner.steps == (Step(intensity=Intensity.INTERVAL, length=Distance(150), name="strides"),
                           Step(intensity=Intensity.RECOVERY, length=Distance(250), name="jog"))
    assert between == Step(intensity=Intensity.RECOVERY, length=Duration(240))


def test_recovery_between_efforts_is_not_after_the_last() -> None:
    steps = _steps("1km or 4 mins + 800m or 3 mins + 600m or 2 mins + 400m or 75 secs; "
                   "take 5-6 mins recovery between efforts")
    kinds = [s.intensity for s in steps]
    assert kinds == [Intensity.INTERVAL, Intensity.RECOVERY] * 3 + [Intensity.INTERVAL]
    assert steps[0].note == "or 4 mins"


def test_couch_to_5k_repeat_times() -> None:
    (rep,) = _steps("Run 30 seconds, walk 30 seconds. Repeat 15 times")
    assert isinstance(rep, Repeat) and rep.count == 15
    assert rep.steps == (Step(intensity=Intensity.ACTIVE, length=Duration(30), target=E),
                         Step(intensity=Intensity.REST, length=Duration(30), name="walk"))


def test_three_lines_in_one_cell() -> None:
    steps = _steps("1.5 miles Warm Up\n12x400m @ 5k-10k pace w. 400m jog rest\n1.5 miles Cool Down")
    assert [getattr(s, "intensity", None) for s in steps] == [Intensity.WARMUP, None, Intensity.COOLDOWN]
    assert steps[1] == Repeat(count=12, steps=(
        Step(intensity=Intensity.INTERVAL, length=Distance(400), target=PaceRef(low="5K", high="10K")),
        Step(intensity=Intensity.RECOVERY, length=Distance(400), name="jog")))


def test_m_is_decided_by_units_and_context() -> None:
    assert _steps("3 m run", units="imperial")[0].length == Distance.miles(3)
    assert _steps("8 x 400m @ 5K")[0].steps[0].length == Distance(400)
    assert _steps("4 x 60m strides", units="imperial")[0].steps[0].length == Distance(60)
    with pytest.raises(PlanSyntaxError) as info:
        read_notation("3 m run", units="metric")
    assert "3 metres, 3 miles or 3 minutes" in info.value.message


def test_wrong_conversions_warn_and_the_primary_value_wins() -> None:
    result = read_notation_result("4×1200 meters (1.5 miles) with 4 minutes rest")
    assert result.value.workout is not None
    assert result.value.workout.steps[0].steps[0].length == Distance(1200)  # type: ignore[union-attr]
    (w,) = [d for d in result.warnings if d.code == "bad-conversion"]
    assert w.severity is Severity.WARNING and w.span is not None and w.span.text == "(1.5 miles)"


def test_hills_and_sessions_of_other_kinds() -> None:
    (rep,) = _steps("5xhill")
    assert isinstance(rep, Repeat) and rep.steps[0].length is LAP_BUTTON  # type: ignore[union-attr]
    s = read_notation("Rest or easy run")
    assert s.kind is SessionKind.REST and s.alternatives[0].kind is SessionKind.RUN
    assert read_notation("Cross").kind is SessionKind.CROSS_TRAINING
    race = read_notation("5-K Test")
    assert race.kind is SessionKind.RACE and race.workout is not None
    assert race.workout.steps[0].length == Distance(5000)  # type: ignore[union-attr]


def test_unicode_as_people_type_it() -> None:
    plain = _steps("4-5 x 1 km @ 10K w/ 2' jog")
    assert _steps("4\u20135 \u00d7 1\u00a0km @ 10K w/ 2\u2032 jog") == plain
    assert _steps("6 x 1\u203230\u2033 @ 5K w/ 90 sec walk") == _steps("6 x 1:30 min @ 5K w/ 90 sec walk")


def test_one_rep_per_pace_going_from_a_to_b() -> None:
    (rep,) = _steps("200m x 3 going from 10k pace to 5k pace to goal mi pace w/ 60 sec recovery. Repeat 5 times")
    assert isinstance(rep, Repeat) and rep.count == 5
    rec = Step(intensity=Intensity.RECOVERY, length=Duration(60))
    assert rep.steps == tuple(s for label in ("10K", "5K", "GMP") for s in (
        Step(intensity=Intensity.INTERVAL, length=Distance(200), target=PaceRef(low=label)), rec))


def test_curly_quotes_and_primes_as_typed() -> None:
    (step,) = _steps("2.5 sec rep \u201cflick\u201d @ Faster")
    assert step.name == "flick" and step.length == Duration(2.5)
    assert _steps("6 \u00d7 10\u2032 @ T w/ 2\u2032 jog") == _steps("6 x 10 min @ T w/ 2 min jog")
