"""The pace pass: PaceRef targets -> watch bands; short efforts lose the alert; estimates."""

from __future__ import annotations

import pytest

from paceplan.errors import PaceError, Severity
from paceplan.model import (
    LAP_BUTTON,
    CountRange,
    Intensity,
    LengthRange,
    PaceRef,
    Repeat,
    Step,
    Workout,
    iter_steps,
)
from paceplan.paces import PaceTable, Runner, pace_table
from paceplan.passes.resolve import estimate, resolve_paces
from paceplan.source import Source
from paceplan.units import Distance, Duration, PaceRange

WORK, JOG, REST = Intensity.INTERVAL, Intensity.RECOVERY, Intensity.REST


@pytest.fixture(scope="module")
def miler() -> PaceTable:
    return pace_table(Runner.parse_race("mile=6:00")).value


def _run(length: object, target: object = None, intensity: Intensity = WORK, **kw: object) -> Step:
    return Step(intensity=intensity, length=length, target=target, **kw)  # type: ignore[arg-type]


def _w(*steps: object) -> Workout:
    return Workout(name="w", steps=tuple(steps))  # type: ignore[arg-type]


def _hm_10k() -> Workout:
    # 6-10 x 400m @ HM-10K w/ 400m jog recovery
    return _w(Repeat(count=CountRange(low=6, high=10), steps=(
        _run(Distance(400), PaceRef(low="HM", high="10K")),
        _run(Distance(400), intensity=JOG))))


def test_two_labels_keep_their_ends(miler: PaceTable) -> None:
    result = resolve_paces(_hm_10k(), miler)
    rep = result.value.steps[0]
    assert isinstance(rep, Repeat) and rep.count == CountRange(low=6, high=10)
    work, jog = rep.steps
    assert isinstance(work, Step) and isinstance(work.target, PaceRange)
    assert work.label == "HM-10K"
    assert work.target.slow.speed_mps == pytest.approx(3.737, abs=0.001)
    assert work.target.fast.speed_mps == pytest.approx(3.923, abs=0.001)
    assert work.target.format("400m") == "102-107/400m"
    assert jog == _run(Distance(400), intensity=JOG)
    assert result.warnings == ()


def test_single_label_gets_a_band(miler: PaceTable) -> None:
    # 4 x 5 min @ HM
    w = _w(Repeat(count=4, steps=(_run(Duration.minutes(5), PaceRef(low="HM")),)))
    step = iter_steps(resolve_paces(w, miler).value.steps)[0]
    hm = miler["HM"].pace.fast
    assert step.target == PaceRange.single(hm).widened(0.02)
    assert step.label == "HM"
    wide = iter_steps(resolve_paces(w, miler, band=0.05).value.steps)[0]
    assert wide.target == PaceRange.single(hm).widened(0.05)
    exact = iter_steps(resolve_paces(w, miler, band=0).value.steps)[0]
    assert exact.target == PaceRange.single(hm)


def test_offset_label(miler: PaceTable) -> None:
    w = _w(_run(Distance.miles(2), PaceRef(low="HM", offset_s=-10, per="mi")))
    step = iter_steps(resolve_paces(w, miler, band=0).value.steps)[0]
    assert step.label == "HM -10s/mi"
    assert isinstance(step.target, PaceRange)
    assert step.target.fast.seconds_per("mi") == pytest.approx(miler["HM"].pace.fast.seconds_per("mi") - 10)


def test_readers_label_text_is_kept(miler: PaceTable) -> None:
    w = _w(_run(Distance(400), PaceRef(low="HM", high="10K"), label="half marathon to 10K"))
    assert iter_steps(resolve_paces(w, miler).value.steps)[0].label == "half marathon to 10K"


@pytest.mark.parametrize(("step", "alert"), [
    (_run(Duration(20), PaceRef(low="Mile")), False),                     # 4 x 20 sec strides
    (_run(Duration(30), PaceRef(low="5K")), False),                       # 30 sec hill
    (_run(Distance(100), PaceRef(low="Faster")), False),                  # cut-down segment
    (_run(Distance(100), PaceRef(low="Mile")), False),
    (_run(Distance(200), PaceRef(low="5K", high="Mile")), True),          # 8 x 200 @ 5K - Mile: ~47 s
    (_run(Duration(40), PaceRef(low="Mile")), True),                      # exactly the limit
    (_run(LengthRange(low=Duration(30), high=Duration(60)), PaceRef(low="Mile")), False),  # low end
    (_run(LengthRange(low=Distance(300), high=Distance(400)), PaceRef(low="Mile")), True),
    (_run(LAP_BUTTON, PaceRef(low="Mile")), True),                        # unknown length: keep
])
def test_short_efforts_lose_the_alert(miler: PaceTable, step: Step, alert: bool) -> None:
    result = resolve_paces(_w(step), miler)
    out = iter_steps(result.value.steps)[0]
    assert out.label is not None
    if alert:
        assert isinstance(out.target, PaceRange)
        assert result.warnings == ()
    else:
        assert out.target is None
        [note] = result.warnings
        assert note.severity is Severity.NOTE and note.code == "short-effort"
        assert out.label in note.message


def test_short_effort_limit_is_configurable(miler: PaceTable) -> None:
    w = _w(Repeat(count=4, steps=(_run(Duration(20), PaceRef(low="Mile")),)))
    kept = iter_steps(resolve_paces(w, miler, min_alert_s=0).value.steps)[0]
    assert isinstance(kept.target, PaceRange)
    dropped = iter_steps(resolve_paces(_w(_run(Duration(50), PaceRef(low="Mile"))), miler,
                                       min_alert_s=60).value.steps)[0]
    assert dropped.target is None and dropped.label == "Mile"


def test_concrete_targets_and_no_targets_untouched(miler: PaceTable) -> None:
    w = _w(_run(Duration.minutes(10), intensity=Intensity.WARMUP),
           _run(Distance(1000), PaceRange.parse("4:00-4:10/km")),
           _run(Duration.minutes(2), intensity=REST))
    assert resolve_paces(w, miler).value == w


def test_unknown_labels_reported_together_with_spans(miler: PaceTable) -> None:
    src = Source("8 x 400m @ HMX w/ 400m jog + 4 x 200m @ QQ", name="<cell>")
    w = _w(_run(Distance(400), PaceRef(low="HMX"), span=src.span(11, 14)),
           _run(Distance(200), PaceRef(low="5K", high="QQ"), span=src.span(40, 42)))
    with pytest.raises(PaceError) as info:
        resolve_paces(w, miler)
    errs = info.value.errors
    assert [e.span.text for e in errs if e.span] == ["HMX", "QQ"]
    assert "<cell>:1:12: error: unknown pace 'HMX'" in str(info.value)
    assert "known paces are 800m" in str(info.value)


def test_goal_mile_pace_without_goal_warns(miler: PaceTable) -> None:
    w = _w(Repeat(count=8, steps=(_run(Distance(400), PaceRef(low="GMP")),)))
    result = resolve_paces(w, miler)
    assert [d.code for d in result.warnings] == ["no-goal"]
    goal = resolve_paces(w, Runner.parse_race("mile=6:00", goal="mile=5:45"))
    assert goal.warnings == ()
    step = iter_steps(goal.value.steps)[0]
    assert isinstance(step.target, PaceRange)
    assert step.target.mid.seconds_per("mi") == pytest.approx(345, abs=0.1)


def test_extrapolated_label_warns_once(miler: PaceTable) -> None:
    w = _w(_run(Distance(400), PaceRef(low="800m")), _run(Distance(600), PaceRef(low="800m")))
    result = resolve_paces(w, miler)
    assert [d.code for d in result.warnings] == ["pace-extrapolated"]


def test_runner_input_carries_table_warnings() -> None:
    result = resolve_paces(_hm_10k(), None)
    assert [d.code for d in result.warnings] == ["default-runner"]
    by_runner = resolve_paces(_hm_10k(), Runner.parse_race("mile=6:00"), model="riegel")
    assert by_runner.value == resolve_paces(_hm_10k(), pace_table(Runner.parse_race("mile=6:00"),
                                                                  "riegel").value).value


def test_resolving_twice_changes_nothing(miler: PaceTable) -> None:
    once = resolve_paces(_hm_10k(), miler).value
    assert resolve_paces(once, miler).value == once


def test_bad_options(miler: PaceTable) -> None:
    with pytest.raises(PaceError, match="band"):
        resolve_paces(_hm_10k(), miler, band=-0.1)
    with pytest.raises(PaceError, match="min_alert_s"):
        resolve_paces(_hm_10k(), miler, min_alert_s=-1)
    with pytest.raises(PaceError, match="reps"):
        estimate(_hm_10k(), miler, reps="most")


# -- estimate -----------------------------------------------------------------------------

def test_estimate_easy_run_by_time(miler: PaceTable) -> None:
    d, t = estimate(_w(_run(Duration.minutes(30), intensity=Intensity.ACTIVE)), miler)
    assert t == 1800
    assert d == pytest.approx(1800 / miler["E"].pace.mid.seconds_per_km * 1000)


def test_estimate_intervals_with_count_policy(miler: PaceTable) -> None:
    rep_time = 400 * miler.lookup("HM-10K").mid.seconds_per_km / 1000 + 400 * miler["E"].pace.mid.seconds_per_km / 1000
    for reps, n in (("low", 6), ("high", 10), ("mid", 8)):
        d, t = estimate(_hm_10k(), miler, reps=reps)
        assert d == pytest.approx(800 * n)
        assert t == pytest.approx(rep_time * n)
    # A resolved workout estimates the same.
    assert estimate(resolve_paces(_hm_10k(), miler).value, miler) == pytest.approx(estimate(_hm_10k(), miler))


def test_estimate_rest_lap_button_and_ranges(miler: PaceTable) -> None:
    w = _w(_run(Duration.minutes(1), intensity=REST),
           _run(LAP_BUTTON, intensity=JOG),
           _run(LengthRange(low=Duration.minutes(45), high=Duration.minutes(60)), intensity=Intensity.ACTIVE))
    easy = miler["E"].pace.mid.seconds_per_km
    assert estimate(w, miler) == pytest.approx((2700 / easy * 1000, 60 + 2700))
    assert estimate(w, miler, reps="high") == pytest.approx((3600 / easy * 1000, 60 + 3600))
    assert estimate(w, miler, reps="mid").time_s == pytest.approx(60 + 3150)


def test_estimate_short_effort_uses_its_label_pace(miler: PaceTable) -> None:
    w = _w(Repeat(count=4, steps=(_run(Distance(100), PaceRef(low="Mile")),)))
    resolved = resolve_paces(w, miler).value
    assert iter_steps(resolved.steps)[0].target is None
    d, t = estimate(resolved, miler)
    assert d == 400 and t == pytest.approx(4 * 100 * miler["Mile"].pace.mid.seconds_per_km / 1000)


def test_estimate_accepts_a_runner() -> None:
    assert estimate(_hm_10k(), Runner.parse_race("mile=6:00")) == estimate(
        _hm_10k(), pace_table(Runner.parse_race("mile=6:00")).value)
