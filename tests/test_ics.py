"""iCalendar output: three parsers, our lint, golden files, UIDs, DTSTAMP, time zones, alarms."""

from __future__ import annotations

import datetime as dt
import os
import uuid
import zoneinfo
from pathlib import Path

import pytest

from _plan_stub import stub_reader
from icslint import check_calendar, unfold
from paceplan._version import __version__
from paceplan.build import BuildOptions, compile_plan, render
from paceplan.errors import PlanValueError
from paceplan.paces import Runner
from paceplan.readers.plan import read_plan
from paceplan.writers.ics import NAMESPACE, CalendarItem, IcsOptions, event_uid, parse_trigger, write_ics

PLANS = Path(__file__).parent / "fixtures" / "plans"
GOLDEN = Path(__file__).parent / "golden" / "ics"
UPDATE = os.environ.get("PACEPLAN_UPDATE_GOLDEN") == "1"
EPOCH = 1772323200  # 2026-03-01T00:00:00Z


def calendar(**options: object) -> bytes:
    pf = read_plan(PLANS / "mini.yaml", cell_reader=stub_reader)
    opts = BuildOptions(formats=("ics",), start=options.pop("start", dt.date(2026, 3, 2)),
                        source_date_epoch=EPOCH, **options)  # type: ignore[arg-type]
    files = render(compile_plan(pf, Runner.parse_race("mile=6:00"), opts)).value
    assert list(files) == ["mini.ics"]
    return files["mini.ics"]


def golden(name: str, data: bytes) -> None:
    text = data.decode("utf-8").replace(f"paceplan {__version__}//", "paceplan VERSION//")
    path = GOLDEN / name
    if UPDATE:
        path.write_bytes(text.encode("utf-8"))
    assert path.exists(), f"no {name}: run with PACEPLAN_UPDATE_GOLDEN=1 and review it"
    assert text == path.read_bytes().decode("utf-8"), f"{name} differs (PACEPLAN_UPDATE_GOLDEN=1 to refresh)"


def test_all_day_calendar() -> None:
    data = calendar()
    cal = check_calendar(data)
    golden("mini-all-day.ics", data)
    assert cal["METHOD"] == "PUBLISH" and cal["X-WR-CALNAME"] == "Mini plan"
    assert cal["UID"] == str(uuid.uuid5(NAMESPACE, "mini:2026-03-02"))
    events = cal.events
    assert len(events) == 9
    for ev in events:
        assert isinstance(ev.start, dt.date) and not isinstance(ev.start, dt.datetime)
        assert ev.end - ev.start == dt.timedelta(days=1)
        assert ev["TRANSP"] == "TRANSPARENT"
        assert ev["DTSTAMP"].dt == dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
    wed = next(ev for ev in events if ev.start == dt.date(2026, 3, 4))
    assert wed["UID"] == event_uid("mini:2026-03-02", 1, 2) == str(uuid.uuid5(NAMESPACE, "mini:2026-03-02/w1/d3/0"))
    assert str(wed["SUMMARY"]) == "Intervals 6×400 m · ~3.0 mi"
    body = str(wed["DESCRIPTION"])
    assert "6×:" in body and "/km (" in body and "/mi)" in body  # every pace per km and per mile
    assert "HM-10K" in body and "6-10 reps: writing 6 to the watch" in body
    assert "FIT: w1-wed-6x400m.fit" in body and "Plan: 6-10 x 400m @ HM-10K" in body
    tue = next(ev for ev in events if ev.start == dt.date(2026, 3, 3))
    assert "Alternatives: OFF" in str(tue["DESCRIPTION"])
    strength = next(ev for ev in events if ev.start == dt.date(2026, 3, 2))
    assert str(strength["SUMMARY"]).startswith("Strength") and "FIT" not in str(strength["DESCRIPTION"])
    assert list(strength["CATEGORIES"].cats) == ["Strength"]


def test_timed_calendar_with_alarm_across_dst() -> None:
    # Week 1 Sunday is 2026-03-29, the day Berlin moves to summer time.
    data = calendar(start=dt.date(2026, 3, 23), time=dt.time(6, 30), tz="Europe/Berlin",
                    alarm=dt.timedelta(hours=-1))
    cal = check_calendar(data)
    golden("mini-timed-berlin.ics", data)
    assert [tz["TZID"] for tz in cal.timezones] == ["Europe/Berlin"]
    text = data.decode()
    assert "RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3" in text and "RDATE" not in text
    _same_instants(data, "Europe/Berlin", dt.time(6, 30))
    for ev in cal.events:
        assert ev["TRANSP"] == "OPAQUE"
        alarms = [c for c in ev.subcomponents if c.name == "VALARM"]
        assert [(a["ACTION"], a["TRIGGER"].dt) for a in alarms] == [("DISPLAY", dt.timedelta(hours=-1))]


def _same_instants(data: bytes, key: str, at: dt.time) -> None:
    """Every event starts at ``at`` local time as zoneinfo sees it, read through the file's own
    VTIMEZONE (vobject builds the zone from it, not from the name)."""
    import vobject

    zone = zoneinfo.ZoneInfo(key)
    vcal = vobject.readOne(data.decode())
    for ev in vcal.vevent_list:
        start = ev.dtstart.value
        assert start.tzinfo is not None
        expected = dt.datetime.combine(start.date(), at, tzinfo=zone)
        assert start.astimezone(dt.timezone.utc) == expected.astimezone(dt.timezone.utc), (key, start)


@pytest.mark.parametrize("key", ["America/New_York", "Australia/Sydney", "Asia/Tokyo", "Europe/Dublin",
                                 "America/Sao_Paulo", "Pacific/Chatham"])
def test_time_zones_use_compact_rrules(key: str) -> None:
    data = calendar(start=dt.date(2026, 3, 30), time=dt.time(18, 15), tz=key)
    check_calendar(data)
    assert b"RDATE" not in data
    _same_instants(data, key, dt.time(18, 15))


def test_zone_without_a_compact_rule_falls_back_with_a_warning() -> None:
    pf = read_plan(PLANS / "mini.yaml", cell_reader=stub_reader)
    opts = BuildOptions(formats=("ics",), start=dt.date(2026, 3, 16), source_date_epoch=EPOCH,
                        time=dt.time(7, 0), tz="Asia/Jerusalem")
    result = render(compile_plan(pf, Runner.parse_race("mile=6:00"), opts))
    data = result.value["mini.ics"]
    check_calendar(data)
    assert [w.code for w in result.warnings] == ["vtimezone-rdate"]
    _same_instants(data, "Asia/Jerusalem", dt.time(7, 0))


def test_building_twice_is_byte_identical_and_dtstamp_never_reads_the_clock(monkeypatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    pf = read_plan(PLANS / "mini.yaml", cell_reader=stub_reader)
    opts = BuildOptions(formats=("ics",), start=dt.date(2026, 3, 2))
    a = render(compile_plan(pf, None, opts)).value["mini.ics"]
    b = render(compile_plan(pf, None, opts)).value["mini.ics"]
    assert a == b
    assert "DTSTAMP:20260302T000000Z" in unfold(a)  # the plan start, not now
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(EPOCH))
    c = render(compile_plan(pf, None, opts)).value["mini.ics"]
    assert "DTSTAMP:20260301T000000Z" in unfold(c)


def test_uids_are_scoped_to_plan_start_and_athlete() -> None:
    a = check_calendar(calendar())
    b = check_calendar(calendar(start=dt.date(2026, 3, 9)))
    c = check_calendar(calendar(athlete="sam"))
    uids = [{str(ev["UID"]) for ev in cal.events} for cal in (a, b, c)]
    assert not (uids[0] & uids[1]) and not (uids[0] & uids[2])


def test_no_method_option() -> None:
    cal = check_calendar(calendar(method=False))
    assert "METHOD" not in cal


@pytest.mark.parametrize(("text", "expected"), [
    ("-PT1H", dt.timedelta(hours=-1)), ("PT6H", dt.timedelta(hours=6)), ("-PT30M", dt.timedelta(minutes=-30)),
    ("-P1D", dt.timedelta(days=-1)), ("-30m", dt.timedelta(minutes=-30)), ("-1h", dt.timedelta(hours=-1)),
])
def test_parse_trigger(text: str, expected: dt.timedelta) -> None:
    assert parse_trigger(text) == expected


def test_bad_inputs() -> None:
    with pytest.raises(PlanValueError, match="reminder"):
        parse_trigger("soon")
    item_free = IcsOptions(name="x", plan_instance="x", dtstamp=dt.datetime(2026, 3, 1))
    with pytest.raises(PlanValueError, match="time zone"):
        write_ics([CalendarItem(scheduled=None)], item_free)  # type: ignore[arg-type]
    stamp = dt.datetime(2026, 3, 1, tzinfo=dt.timezone.utc)
    with pytest.raises(PlanValueError, match="both a time and a time zone"):
        write_ics([], IcsOptions(name="x", plan_instance="x", dtstamp=stamp, time=dt.time(6)))
    with pytest.raises(PlanValueError, match="no sessions"):
        write_ics([], IcsOptions(name="x", plan_instance="x", dtstamp=stamp))
    with pytest.raises(PlanValueError, match="unknown time zone"):
        calendar(time=dt.time(6), tz="Mars/Olympus")
