"""The direct FIT encoder (``writers/fit_records.py``) against its oracle, fit-tool.

paceplan writes FIT bytes with its own small encoder; fit-tool 0.9.16 (``engine="fit-tool"``)
stays the reference. Every file here must be BYTE-IDENTICAL both ways and pass ``verify_fit``.
"""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pytest
from fitcheck import fit_crc16, verify_fit
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from strategies import steps, texts, workouts
from test_fit_writer import WORKOUTS

from paceplan.errors import PlanValueError
from paceplan.writers import fit as fitw
from paceplan.writers import fit_records
from paceplan.writers.fit import FitIdentity, ScheduleEntry, encode_schedule, encode_workout

T0 = 1_767_225_600  # 2026-01-01T00:00:00Z


def both(workout: Any, **kw: Any) -> tuple[bytes, bytes]:
    kw.setdefault("time_created", T0)
    fast = encode_workout(workout, cache=False, **kw)
    slow = encode_workout(workout, engine="fit-tool", cache=False, **kw)
    assert fast.warnings == slow.warnings
    return fast.value, slow.value


@pytest.mark.parametrize("name", sorted(WORKOUTS))
def test_golden_workouts_are_byte_identical_to_fit_tool(name: str) -> None:
    fast, slow = both(WORKOUTS[name], plan_id="golden", key=name)
    assert fast == slow
    verify_fit(fast)


# Names and notes past the byte limits (cut, with warnings) and of every length, so strings of
# different sizes meet fit-tool's definition reuse (a shorter string under a longer definition
# is padded) and redefinition (a longer one needs a new definition).
_LOOSE_WORKOUTS = workouts(names=texts(max_size=30),
                           step=steps(names=st.none() | texts(max_size=25), notes=st.none() | texts(max_size=70)),
                           repeat_names=st.none() | texts(max_size=25),
                           descriptions=st.none() | texts(max_size=300))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_LOOSE_WORKOUTS, st.integers(1, 2**32 - 2), st.integers(fitw.FIT_MIN_DATE_UNIX, 2**32 + fitw.FIT_EPOCH_UNIX - 2))
def test_generated_workouts_are_byte_identical_to_fit_tool(workout: Any, serial: int, created: int) -> None:
    fast, slow = both(workout, serial=serial, time_created=created)
    assert fast == slow
    verify_fit(fast)


@settings(max_examples=30, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 2**32 - 2), st.integers(0, 3000)), min_size=1, max_size=40))
def test_generated_schedules_are_byte_identical_to_fit_tool(items: list[tuple[int, int]]) -> None:
    entries = [ScheduleEntry(identity=FitIdentity(serial=serial, time_created=T0 + i),
                             date=dt.date(2026, 1, 1) + dt.timedelta(days=days))
               for i, (serial, days) in enumerate(items)]
    fast = encode_schedule(entries, time_created=T0)
    slow = encode_schedule(entries, time_created=T0, engine="fit-tool")
    assert fast.value == slow.value and fast.warnings == slow.warnings
    assert verify_fit(fast.value)["file_id_mesgs"][0]["type"] == "schedules"


def test_a_built_plan_is_byte_identical_to_fit_tool() -> None:
    from paceplan.build import BuildOptions, compile_plan, render
    from paceplan.paces import Runner
    from paceplan.readers.plan import read_plan
    from paceplan.templates import template_path

    compiled = compile_plan(read_plan(template_path("mile-8wk")), Runner.parse_race("mile=6:00"),
                            BuildOptions(start=dt.date(2026, 3, 2), formats=("fit",)))
    files = render(compiled).value
    assert len(files) > 30
    for s in compiled.fit_sessions:
        data = files[f"fit/{s.fit_name}"]
        serial = verify_fit(data)["file_id_mesgs"][0]["serial_number"]
        created = int(verify_fit(data)["file_id_mesgs"][0]["time_created"].timestamp())
        assert s.workout is not None
        # The build names the workout for the watch; re-encode what it wrote, both ways.
        from paceplan.outputs import _fit_named  # type: ignore[attr-defined]

        named = _fit_named(s.workout, s)
        kw = dict(serial=serial, time_created=created, plan_id=compiled.plan.id, key=s.scheduled.key, cache=False)
        assert encode_workout(named, **kw).value == data
        assert encode_workout(named, engine="fit-tool", **kw).value == data


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=300), st.integers(0, 0xFFFF))
def test_table_crc_equals_the_reference_crc(data: bytes, start: int) -> None:
    assert fit_records.crc16(data, start) == fit_crc16(data, start)


def test_header_is_fit_tools_14_byte_header() -> None:
    data = encode_workout(WORKOUTS["nested"], time_created=T0).value
    assert data[0] == 14 and data[1] == 0x23 and int.from_bytes(data[2:4], "little") == 21212
    assert data[8:12] == b".FIT"
    assert int.from_bytes(data[12:14], "little") == fit_crc16(data[:12])
    assert int.from_bytes(data[4:8], "little") == len(data) - 16
    assert int.from_bytes(data[-2:], "little") == fit_crc16(data[:-2])


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(PlanValueError, match="unknown FIT engine"):
        encode_workout(WORKOUTS["nested"], time_created=T0, engine="bogus")


def test_cache_returns_the_same_result_and_respects_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    w = WORKOUTS["400m-repeats"]
    first = encode_workout(w, time_created=T0, key="cache-test")
    again = encode_workout(w, time_created=T0, key="cache-test")
    assert again is first  # served from the cache
    assert encode_workout(w, time_created=T0, key="cache-test", cache=False).value == first.value
    # Without an explicit time the environment decides: never cached across a change.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(T0))
    a = encode_workout(w, key="cache-test")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(T0 + 86400))
    b = encode_workout(w, key="cache-test")
    assert a.value != b.value
    assert verify_fit(b.value)["file_id_mesgs"][0]["time_created"].timestamp() == T0 + 86400


def test_cache_is_bounded() -> None:
    info = fitw._encode_cached.cache_info()
    assert info.maxsize == fitw.ENCODE_CACHE_SIZE <= 4096


def test_plain_encode_does_not_import_fit_tool() -> None:
    import subprocess
    import sys

    code = ("import sys\nfrom paceplan.writers.fit import encode_workout\n"
            "from paceplan.model import Workout, Step, Intensity\nfrom paceplan.units import Distance\n"
            "encode_workout(Workout(name='x', steps=(Step(intensity=Intensity.ACTIVE, length=Distance(400)),)))\n"
            "print('fit_tool' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env={**os.environ, "PYTHONWARNINGS": "ignore"})
    assert out.stdout.strip() == "False"
