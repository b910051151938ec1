"""Forms from other coaches' plans (issue 13): each one by structure, so a regression names the form."""

from __future__ import annotations

import pytest

from paceplan.errors import PlanError, PlanSyntaxError, Severity
from paceplan.model import LAP_BUTTON, Intensity, PaceRef, Repeat, Step
from paceplan.paces import Runner, pace_table
from paceplan.passes.summary import summarize
from paceplan.readers.notation import read_notation, read_notation_result, read_workout
from paceplan.units import MILE_M, Distance, Duration
from paceplan.writers.notation import write_notation


def steps(text: str, units: str | None = "imperial") -> tuple[Step | Repeat, ...]:
    return read_workout(text, units=units).steps


def test_percent_of_a_race_pace_reads_prints_and_resolves() -> None:
    (step,) = steps("30 mins at 95% of 5k pace")
    assert step.target == PaceRef(low="5K", percent=95.0) and step.intensity is Intensity.INTERVAL
    assert write_notation(step) == "30 min @ 95% 5K"
    (rng,) = [s.target for s in steps("6 x 800m @ 95-100% MP")[0].steps if s.intensity.is_work]  # type: ignore[union-attr]
    assert rng == PaceRef(low="M", percent=95.0, percent_high=100.0)
    table = pace_table(Runner.from_options(race="5k=20:00")).value
    five_k = table.lookup("5K").mid.seconds_per_km
    slower = table.lookup(PaceRef(low="5K", percent=95.0))
    assert slower.mid.seconds_per_km == pytest.approx(five_k / 0.95)
    both = table.lookup(PaceRef(low="M", percent=95.0, percent_high=100.0))
    assert both.slow.seconds_per_km > both.fast.seconds_per_km


@pytest.mark.parametrize("bad", ["6 x 800m @ 5% MP", "6 x 800m @ 100-95% MP", "6 x 800m @ 95% HM-10K"])
def test_impossible_percentages_are_positioned_errors(bad: str) -> None:
    with pytest.raises(PlanSyntaxError) as info:
        read_notation(bad)
    assert all(d.span is not None for d in info.value.errors)


def test_daniels_compact_is_miles_at_the_letter_never_scientific() -> None:
    wu, reps, tempo, cd = steps("W01Q2 - 8E+2X(2T W/ 2MIN REST)+1T+2E")
    assert isinstance(wu, Step) and wu.length == Distance.miles(8) and wu.target == PaceRef(low="E")
    assert isinstance(reps, Repeat) and reps.count == 2
    work, rest = reps.steps
    assert isinstance(work, Step) and work.target == PaceRef(low="T") and work.length == Distance.miles(2)
    assert isinstance(rest, Step) and rest.intensity is Intensity.REST and rest.length == Duration(120)
    metric = steps("2E + 1T + 2E", units="metric")
    assert isinstance(metric[0], Step) and metric[0].length == Distance(2000)


def test_letter_paces_without_at() -> None:
    work, jog, work2 = steps("16 min LT interval (jog 4 min recovery), 13 min LT interval")
    assert isinstance(work, Step) and work.target == PaceRef(low="T") and work.length == Duration(960)
    assert isinstance(jog, Step) and jog.intensity is Intensity.RECOVERY and jog.name == "jog"
    (rep,) = steps("6 x 1000 10K pace")
    assert isinstance(rep, Repeat) and rep.steps[0].target == PaceRef(low="10K")  # type: ignore[union-attr]


def test_a_recovery_in_brackets_is_the_recovery() -> None:
    for text in ("6x1km at LT (200m jog recov)", "6 x 1km @ T (200m jog)", "6 x 1 km @ T (1:20 min recov)"):
        (rep,) = steps(text)
        assert isinstance(rep, Repeat) and len(rep.steps) == 2, text
        assert rep.steps[1].intensity is Intensity.RECOVERY  # type: ignore[union-attr]


def test_bracketed_prose_is_kept_and_warned_never_silent() -> None:
    result = read_notation_result("6 mile steady run (include hills)", units="imperial")
    warned = [d for d in result.warnings if d.code == "unread-text"]
    assert warned and warned[0].severity is Severity.WARNING and warned[0].span is not None
    assert result.value.workout is not None and result.value.workout.description == "include hills"
    other = read_notation_result("2x800m (85 sec)")
    assert [d.code for d in other.warnings] == ["unread-text"]


def test_sets_listed_with_commas_share_the_pace_and_the_recovery() -> None:
    easy, a, b, easy2 = steps("V02Max 10 miles w/ 3x1,200m, 3x800m @ 3k-5k race pace (jog 50-90% interval time recovery)")
    for rep in (a, b):
        assert isinstance(rep, Repeat)
        work, rec = rep.steps
        assert isinstance(work, Step) and work.target == PaceRef(low="3K", high="5K")
        assert isinstance(rec, Step) and rec.length == LAP_BUTTON and rec.note and "90%" in rec.note
    assert isinstance(easy, Step) and easy.intensity is Intensity.ACTIVE


def test_whole_run_then_a_comma() -> None:
    easy, tempo, easy2 = steps("Lactate Threshold 10 miles, 40 min tempo run.")
    assert isinstance(tempo, Step) and tempo.length == Duration(2400) and tempo.target == PaceRef(low="T")
    assert isinstance(easy, Step) and easy.length == Distance.miles(5)
    ladder = steps("800m, 600m, 400m @ Mile")
    assert len(ladder) == 3 and all(isinstance(s, Step) and s.target == PaceRef(low="Mile") for s in ladder)


def test_work_is_quality_not_easy_running() -> None:
    for easy in ("45 min easy", "8 miles run", "2 mi warm up + 2 mi cool down"):
        summary = summarize(read_workout(easy, units="imperial"))
        assert summary.work_reps == 0 and summary.work_time_s == 0 and summary.work_distance_m == 0, easy
    framed = summarize(read_workout("8 miles w/ 5 x 600m @ 5K w/ 400m jog", units="imperial"))
    assert framed.work_reps == 5 and framed.work_distance_m == 3000
    assert framed.total_distance_m == pytest.approx(8 * MILE_M)


def test_spelled_numbers_times_and_track_plurals() -> None:
    (rep,) = steps("four 1-km repeats @ 5K w/ three-min jog")
    assert isinstance(rep, Repeat) and rep.count == 4 and rep.steps[1].length == Duration(180)  # type: ignore[union-attr]
    (hills,) = steps("6 times 200 meter hill")
    assert isinstance(hills, Repeat) and hills.count == 6
    result = read_notation_result("4 x 800s @ 5K")
    (plural,) = result.value.workout.steps  # type: ignore[union-attr]
    assert isinstance(plural, Repeat) and plural.steps[0].length == Distance(800)  # type: ignore[union-attr]
    assert [d.code for d in result.warnings] == ["plural-distance"]
    (ninety,) = steps("2 x 1min 30s")
    assert isinstance(ninety, Repeat) and ninety.steps[0].length == Duration(90)  # type: ignore[union-attr]


def test_runs_walks_and_labels() -> None:
    run, walk = steps("Run 2 Minutes > Walk 2 Minutes")
    assert isinstance(walk, Step) and walk.intensity is Intensity.REST
    session = read_notation("Sunday-warm up, 50 minutes-55 minutes, cooldown")
    assert session.title == "Sunday" and session.workout is not None
    assert [s.intensity for s in session.workout.steps] == [Intensity.WARMUP, Intensity.ACTIVE, Intensity.COOLDOWN]
    (cd,) = steps("C/D 1 mile steady easy")
    assert isinstance(cd, Step) and cd.intensity is Intensity.COOLDOWN
    seq = steps("Monday - 10 mins run  walk 2 mins 5 mins run walk 2 mins 3 mins run walk 2mins run 2 mins")
    assert [s.intensity for s in seq] == [Intensity.ACTIVE, Intensity.REST] * 3 + [Intensity.ACTIVE]  # type: ignore[union-attr]


def test_prose_is_still_refused_with_its_position() -> None:
    with pytest.raises(PlanError) as info:
        read_notation("Begin with a brisk 5-minute walk, then alternate 60 seconds of running")
    assert isinstance(info.value, PlanSyntaxError)
    assert info.value.errors[0].span is not None and info.value.errors[0].span.start == 0
