"""Runners from race results, VDOT and explicit paces; bad input is a clear error."""

from __future__ import annotations

from pathlib import Path

import pytest

from paceplan.errors import PaceError, PlanError, UnitsError
from paceplan.paces import DEFAULT_MILE_S, RaceResult, Runner, parse_pace_override
from paceplan.units import PaceRange

FIXTURES = Path(__file__).parent / "fixtures" / "paces"


def _cases(name: str) -> list[list[str]]:
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    return [ln.split("\t") for ln in lines if ln and not ln.startswith("#")]


@pytest.mark.parametrize(("text", "metres", "seconds", "label"), [
    ("mile=6:00", 1609.344, 360, "Mile"),
    ("Mile=6:00", 1609.344, 360, "Mile"),
    ("1 mile=6:00", 1609.344, 360, "Mile"),
    ("5k=20:29", 5000, 1229, "5K"),
    ("10K=42:29", 10000, 2549, "10K"),
    ("HM=1:34:06", 21097.5, 5646, "HM"),
    ("half marathon = 1:34:06", 21097.5, 5646, "HM"),
    ("marathon=3:15:53", 42195, 11753, "M"),
    ("3000m=10:00", 3000, 600, "3K"),
    ("2mi=12:28", 3218.688, 748, "2mi"),
    ("1.5km=5:30", 1500, 330, "1500m"),
    ("1500=4:30.5", 1500, 270.5, "1500m"),
    ("600m=1:45", 600, 105, None),
    ("10 mi=1:10:00", 16093.44, 4200, None),
])
def test_parse_race(text: str, metres: float, seconds: float, label: str | None) -> None:
    r = RaceResult.parse(text)
    assert r.distance_m == pytest.approx(metres)
    assert r.time_s == pytest.approx(seconds)
    assert r.label == label


@pytest.mark.parametrize(("text", "cls", "fragment"), _cases("bad-races.txt"),
                         ids=lambda v: v if isinstance(v, str) and "=" in v else None)
def test_bad_races(text: str, cls: str, fragment: str) -> None:
    with pytest.raises(PlanError) as info:
        RaceResult.parse(text)
    assert type(info.value).__name__ == cls
    assert isinstance(info.value, ValueError)
    assert fragment in str(info.value)
    assert info.value.hint


def test_race_results_in_code_are_checked() -> None:
    with pytest.raises(PaceError, match="must be positive"):
        RaceResult(distance_m=1609.344, time_s=-1)
    with pytest.raises(PaceError, match="must be positive"):
        RaceResult(distance_m=0, time_s=360)
    with pytest.raises(PaceError, match="must be a number"):
        RaceResult(distance_m=float("nan"), time_s=360)
    with pytest.raises(PaceError, match="impossible"):
        RaceResult(distance_m=1609.344, time_s=120)


def test_world_record_itself_is_plausible() -> None:
    assert RaceResult.parse("M=2:00:35").label == "M"
    assert RaceResult.parse("mile=3:43.13").label == "Mile"


def test_default_runner_is_a_7_04_miler() -> None:
    r = Runner.default()
    assert r.is_default and DEFAULT_MILE_S == 424
    assert r.anchor == RaceResult(distance_m=1609.344, time_s=424)
    assert r.describe() == "default runner (Mile 7:04)"
    assert Runner.from_options() == r


def test_runner_from_vdot_anchors_on_its_5k() -> None:
    r = Runner.from_vdot(50)
    assert r.fitness_vdot == 50
    assert r.anchor.distance_m == 5000
    assert r.anchor.vdot == pytest.approx(50)


@pytest.mark.parametrize("vdot", [0, -5, 9.9, 100.1, float("inf"), float("nan")])
def test_impossible_vdot(vdot: float) -> None:
    with pytest.raises(PaceError):
        Runner.from_vdot(vdot)


def test_race_and_vdot_together_are_refused() -> None:
    with pytest.raises(PaceError, match="not both"):
        Runner.from_options(race="mile=6:00", vdot=50)


def test_pace_overrides() -> None:
    r = Runner.parse_race("mile=6:00", goal="mile=5:45", paces=["HMP=4:28/km", "easy=5:10-5:40/km"])
    assert [lab for lab, _ in r.paces] == ["HM", "E"]
    assert r.override("HM") == PaceRange.parse("4:28/km")
    assert r.override("E") == PaceRange.parse("5:10-5:40/km")
    assert r.goal == RaceResult.parse("mile=5:45")
    assert r.override("T") is None


@pytest.mark.parametrize(("text", "cls", "fragment"), [
    ("HM", PaceError, "cannot read 'HM' as a pace"),
    ("HMX=4:28/km", PaceError, "unknown pace 'HMX'"),
    ("HM=4:28", UnitsError, "cannot read pace '4:28' for HM"),
    ("HM=4:28/yd", UnitsError, "unknown pace unit"),
    ("HM=0:10/km", UnitsError, "outside running paces"),
    ("Mile=3:20/mi", PaceError, "impossible"),
    ("Mile=2:00/mi", UnitsError, "outside running paces"),
])
def test_bad_pace_overrides(text: str, cls: type, fragment: str) -> None:
    with pytest.raises(cls) as info:
        parse_pace_override(text)
    assert fragment in str(info.value)


def test_unknown_label_lists_known_ones() -> None:
    with pytest.raises(PaceError) as info:
        parse_pace_override("HMX=4:28/km")
    assert info.value.hint is not None
    for label in ("800m", "Mile", "5K", "HM", "M", "E", "T", "I", "R", "Faster", "CMP", "GMP"):
        assert label in info.value.hint


def test_duplicate_override_refused() -> None:
    with pytest.raises(PaceError, match="twice"):
        Runner.parse_race("mile=6:00", paces=["HM=4:28/km", "half marathon=4:30/km"])


def test_runner_is_frozen_and_hashable() -> None:
    r = Runner.parse_race("5k=20:29", paces=["T=4:20/km"])
    assert hash(r) == hash(Runner.parse_race("5k=20:29", paces=["T=4:20/km"]))
    with pytest.raises(AttributeError):
        r.vdot = 3  # type: ignore[misc]
