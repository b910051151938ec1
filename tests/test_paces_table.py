"""A runner's pace table: Daniels' training paces, the worked 6:00-miler example, labels,
ranges, offsets, bands, overrides and validity warnings."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paceplan.errors import PaceError, Severity
from paceplan.labels import KNOWN_LABELS
from paceplan.model import PaceRef
from paceplan.paces import (
    FASTER_SPEED_FACTOR,
    PaceTable,
    Runner,
    format_pace,
    format_per_400m,
    format_speed,
    pace_table,
)
from paceplan.units import MILE_M, Pace, PaceRange, format_clock

FIXTURES = Path(__file__).parent / "fixtures" / "paces"


def _table(race: str | None = "mile=6:00", model: str = "vdot", **kw: object) -> PaceTable:
    runner = Runner.from_options(race=race, **kw)  # type: ignore[arg-type]
    return pace_table(runner, model).value


@pytest.fixture(scope="module")
def miler() -> PaceTable:
    return _table()


def _training_rows() -> list[dict[str, str]]:
    lines = [ln for ln in (FIXTURES / "training-table.csv").read_text(encoding="utf-8").splitlines()
             if not ln.startswith("#")]
    return list(csv.DictReader(lines))


@pytest.mark.parametrize("row", _training_rows(), ids=lambda r: f"vdot{r['vdot']}-{r['label']}")
def test_daniels_training_paces(row: dict[str, str]) -> None:
    table = pace_table(Runner.from_vdot(float(row["vdot"]))).value
    book = PaceRange.parse(row["book"] + "/km")
    calc = table[row["label"]].pace
    tol = float(row["tolerance_s"])
    assert abs(calc.slow.seconds_per_km - book.slow.seconds_per_km) <= tol
    assert abs(calc.fast.seconds_per_km - book.fast.seconds_per_km) <= tol


# The worked example in shared/reference/paces.md.
@pytest.mark.parametrize(("label", "race", "per_km", "per_mi", "per_400"), [
    ("Mile", "6:00", "3:44", "6:00", "89.5"),
    ("5K", "20:29", "4:06", "6:36", "98.4"),
    ("10K", "42:29", "4:15", "6:50", "102.0"),
    ("HM", "1:34:06", "4:28", "7:11", "107.0"),
])
def test_six_minute_miler(miler: PaceTable, label: str, race: str, per_km: str, per_mi: str,
                          per_400: str) -> None:
    e = miler[label]
    assert e.race_time_s is not None and format_clock(e.race_time_s) == race
    assert e.pace.format("km") == f"{per_km}/km"
    assert e.pace.format("mi") == f"{per_mi}/mi"
    assert format_per_400m(e.pace) == per_400


def test_six_minute_miler_vdot(miler: PaceTable) -> None:
    assert round(miler.vdot, 2) == 48.42


def test_hm_10k_is_102_to_107_per_400m(miler: PaceTable) -> None:
    rng = miler.target("HM-10K")
    assert format_per_400m(rng) == "102.0-107.0"
    # FIT custom speed: slow end is the low speed.
    assert rng.slow.speed_mps == pytest.approx(3.737, abs=0.001)
    assert rng.fast.speed_mps == pytest.approx(3.923, abs=0.001)


def test_range_is_order_insensitive(miler: PaceTable) -> None:
    assert miler.lookup("HM-10K") == miler.lookup("10K-HM") == miler.lookup(PaceRef(low="10K", high="HM"))
    assert miler.lookup("5K - Mile") == PaceRange.of(miler["5K"].pace.fast, miler["Mile"].pace.fast)


def test_range_with_a_ranged_label_takes_outer_ends(miler: PaceTable) -> None:
    rng = miler.lookup("E-M")
    assert rng.slow == miler["E"].pace.slow
    assert rng.fast == miler["M"].pace.fast


def test_offsets_per_mile_and_km(miler: PaceTable) -> None:
    hm = miler["HM"].pace.fast
    assert miler.lookup("HMP -10s").fast.seconds_per("mi") == pytest.approx(hm.seconds_per("mi") - 10)
    assert miler.lookup("MP - 10s").fast.seconds_per("mi") == pytest.approx(
        miler["M"].pace.fast.seconds_per("mi") - 10)
    assert miler.lookup("HM +5s/km").fast.seconds_per_km == pytest.approx(hm.seconds_per_km + 5)


def test_offset_out_of_range_is_a_pace_error(miler: PaceTable) -> None:
    with pytest.raises(PaceError, match="out of range"):
        miler.lookup(PaceRef(low="Mile", offset_s=-300, per="mi"))


def test_entries_cover_known_labels_in_order(miler: PaceTable) -> None:
    assert tuple(e.label for e in miler.entries) == KNOWN_LABELS
    assert all(e.is_race == (e.label in ("800m", "1200m", "1500m", "Mile", "3K", "2mi", "5K", "8K",
                                         "10K", "15K", "HM", "M")) for e in miler.entries)
    assert all(e.distance_m is None and e.race_time_s is None for e in miler.entries if not e.is_race)


def test_race_paces_slow_down_with_distance(miler: PaceTable) -> None:
    paces = [e.pace.fast.seconds_per_km for e in miler.entries if e.is_race]
    assert paces == sorted(paces)


def test_daniels_letters_order(miler: PaceTable) -> None:
    e, m, t, i, r = (miler[x].pace for x in "EMTIR")
    assert e.slow > e.fast > m.fast > t.fast > i.fast > r.fast
    assert i.fast.seconds_per_km - r.fast.seconds_per_km == pytest.approx(20)  # VDOT < 50


def test_r_is_15s_faster_than_i_from_vdot_50() -> None:
    t = pace_table(Runner.from_vdot(50)).value
    assert t["I"].pace.fast.seconds_per_km - t["R"].pace.fast.seconds_per_km == pytest.approx(15)
    t = pace_table(Runner.from_vdot(49.99)).value
    assert t["I"].pace.fast.seconds_per_km - t["R"].pace.fast.seconds_per_km == pytest.approx(20)


def test_faster_is_five_percent_over_mile_speed(miler: PaceTable) -> None:
    mile, faster, eight = miler["Mile"].pace.fast, miler["Faster"].pace.fast, miler["800m"].pace.fast
    assert faster.speed_mps == pytest.approx(mile.speed_mps * FASTER_SPEED_FACTOR)
    assert eight < faster < mile
    assert format_per_400m(faster) == "85.2"


@pytest.mark.parametrize("vdot", [30, 40, 50, 60, 70])
def test_faster_sits_between_mile_and_800m(vdot: float) -> None:
    t = pace_table(Runner.from_vdot(vdot)).value
    assert t["800m"].pace.fast < t["Faster"].pace.fast < t["Mile"].pace.fast


def test_cmp_and_gmp(miler: PaceTable) -> None:
    assert miler["CMP"].pace == miler["Mile"].pace
    assert miler["GMP"].pace == miler["Mile"].pace and miler["GMP"].origin == "current"
    assert not miler.has_goal
    goal = _table(goal="mile=5:45")
    assert goal["GMP"].pace.fast.seconds_per("mi") == pytest.approx(345)
    assert goal["GMP"].origin == "goal" and goal.has_goal
    assert goal["CMP"].pace.fast.seconds_per("mi") == pytest.approx(360)


def test_goal_at_another_distance_goes_through_the_model() -> None:
    t = _table(goal="5k=19:00")
    assert round(t["GMP"].pace.fast.seconds_per("mi")) == round(
        pace_table(Runner.parse_race("5k=19:00")).value["Mile"].race_time_s)  # type: ignore[arg-type]


def test_overrides_replace_one_label() -> None:
    base = _table()
    t = _table(paces=["HM=4:30/km", "E=5:10-5:40/km"])
    assert t["HM"].pace == PaceRange.parse("4:30/km") and t["HM"].origin == "given"
    assert t["HM"].race_time_s == pytest.approx(270 * 21.0975)
    assert t["E"].pace == PaceRange.parse("5:10-5:40/km")
    assert t["10K"] == base["10K"] and t["T"] == base["T"]


def test_mile_override_moves_faster_and_cmp() -> None:
    t = _table(paces=["Mile=3:40/km"])
    assert t["CMP"].pace == t["Mile"].pace == PaceRange.parse("3:40/km")
    assert t["Faster"].pace.fast.speed_mps == pytest.approx(1000 / 220 * FASTER_SPEED_FACTOR)


@pytest.mark.parametrize(("model", "five_k"), [("vdot", "20:29"), ("riegel", "19:57"), ("cameron", "20:39")])
def test_models_give_different_equivalents(model: str, five_k: str) -> None:
    t = _table(model=model)
    assert format_clock(t["5K"].race_time_s) == five_k  # type: ignore[arg-type]
    assert t["Mile"].race_time_s == 360  # the result itself, exactly
    assert t.model == model
    assert t["T"] == _table()["T"]  # Daniels' paces come from VDOT whatever the model


def test_unknown_model() -> None:
    with pytest.raises(PaceError, match="unknown pace model") as info:
        pace_table(None, "daniels")
    assert "vdot, riegel, cameron" in (info.value.hint or "")


@pytest.mark.parametrize("ref", ["HMX", PaceRef(low="XYZ"), PaceRef(low="HM", high="QQ"), "fast-ish"])
def test_unknown_label_lists_the_known_ones(miler: PaceTable, ref: object) -> None:
    with pytest.raises(PaceError) as info:
        miler.lookup(ref)  # type: ignore[arg-type]
    assert "unknown pace" in str(info.value)
    assert info.value.hint is not None
    assert info.value.hint.endswith("known paces are " + ", ".join(KNOWN_LABELS))


def test_single_label_band_is_two_percent_of_speed(miler: PaceTable) -> None:
    mile = miler["Mile"].pace.fast
    band = miler.target("Mile")
    assert band.slow.speed_mps == pytest.approx(mile.speed_mps * 0.98)
    assert band.fast.speed_mps == pytest.approx(mile.speed_mps * 1.02)
    assert miler.target("Mile", band=0.0) == miler["Mile"].pace
    assert miler.target("E") == miler["E"].pace  # already a range: not widened
    with pytest.raises(PaceError, match="band"):
        miler.target("Mile", band=0.7)


def test_mile_validity_no_warnings() -> None:
    assert pace_table(Runner.parse_race("mile=6:00")).warnings == ()


def test_default_runner_note() -> None:
    warnings = pace_table().warnings
    assert [(w.severity, w.code) for w in warnings] == [(Severity.NOTE, "default-runner")]
    assert pace_table().value.runner.anchor.time_s == 424


@pytest.mark.parametrize(("runner", "model", "codes"), [
    (Runner.from_vdot(25), "vdot", ["vdot-validity"]),
    (Runner.from_vdot(88), "vdot", ["vdot-validity"]),
    (Runner.parse_race("800m=2:10"), "vdot", ["race-validity"]),
    (Runner.parse_race("50km=4:30:00"), "vdot", ["race-validity"]),
    (Runner.parse_race("M=4:10:00"), "riegel", ["race-validity"]),  # beyond 230 minutes
    (Runner.parse_race("mile=6:00", goal="800m=2:20"), "vdot", ["race-validity"]),
    (Runner.parse_race("mile=11:00"), "vdot", ["vdot-validity"]),
])
def test_validity_warnings(runner: Runner, model: str, codes: list[str]) -> None:
    warnings = pace_table(runner, model).warnings
    assert [w.code for w in warnings] == codes
    assert all(w.severity is Severity.WARNING for w in warnings)


def test_extrapolated_entries(miler: PaceTable) -> None:
    assert [e.label for e in miler.entries if e.extrapolated] == ["800m", "1200m"]
    riegel = _table(model="riegel")
    assert [e.label for e in riegel.entries if e.extrapolated] == ["800m"]  # under 3.5 minutes


def test_formatting(miler: PaceTable) -> None:
    mile = miler["Mile"].pace
    assert format_pace(mile, "mi") == "6:00/mi"
    assert format_pace(mile, "km") == "3:44/km"
    assert format_speed(mile, "mph") == "10.0 mph"
    assert format_speed(mile, "km/h") == "16.1 km/h"
    assert format_speed(miler["E"].pace, "km/h") == "10.5-11.9 km/h"
    assert format_per_400m(miler["E"].pace) == "2:01-2:17"
    assert format_per_400m(Pace.per(119.97, "400m")) == "2:00"
    assert format_pace(miler["E"].pace) == "5:03-5:42/km"
    assert Pace.per(360, "mi").kmh() == pytest.approx(MILE_M * 10 / 1000)


def test_as_mapping(miler: PaceTable) -> None:
    m = miler.as_mapping()
    assert list(m) == list(KNOWN_LABELS)
    assert m["HM"] == miler["HM"].pace and m["E"] == miler["E"].pace


@settings(max_examples=150, deadline=None)
@given(st.floats(400, 100_000), st.floats(0, 1), st.sampled_from(["vdot", "riegel", "cameron"]))
def test_any_plausible_result_gives_a_table(distance: float, where: float, model: str) -> None:
    from paceplan.paces import RaceResult
    from paceplan.paces.bounds import RECORD_MARGIN, SLOWEST_RACE_PACE_S_PER_KM, record_time_s

    fastest = record_time_s(distance) * (1 - RECORD_MARGIN) * 1.0001
    slowest = SLOWEST_RACE_PACE_S_PER_KM * distance / 1000 * 0.9999
    race = RaceResult(distance_m=distance, time_s=fastest + where * (slowest - fastest))
    try:
        table = pace_table(Runner(race=race), model).value
    except PaceError as exc:  # only the clear error, never a crash
        assert exc.code == "pace-out-of-range"
        return
    paces = [e.pace.fast.seconds_per_km for e in table.entries if e.is_race]
    assert paces == sorted(paces)
