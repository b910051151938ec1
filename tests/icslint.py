"""Calendar checks for the tests: three independent parsers plus our own lint
(``shared/reference/icalendar.md`` section 5). Use :func:`check_calendar` on every .ics a test
writes."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

_DATETIME = re.compile(r"^\d{8}T\d{6}Z?$")


def unfold(data: bytes) -> list[str]:
    """Content lines: CRLF + one space/tab continues the previous line."""
    text = data.decode("utf-8")
    return re.sub(r"\r\n[ \t]", "", text).split("\r\n")[:-1]


def _params(line: str) -> tuple[str, dict[str, str], str]:
    head, _, value = line.partition(":")
    name, *params = head.split(";")
    return name.upper(), {k.upper(): v for k, _, v in (p.partition("=") for p in params)}, value


def lint(data: bytes) -> None:
    """CRLF only, <= 75 octets per line, valid UTF-8, unique UIDs, no floating or naive times,
    DTSTAMP in UTC, calendar properties first, every TZID declared, all-day DTEND = start + N days,
    VALARMs complete, REFRESH-INTERVAL typed, no COMMENT at the top of a VTIMEZONE."""
    assert data.endswith(b"\r\n"), "does not end with CRLF"
    physical = data.split(b"\r\n")[:-1]
    for raw in physical:
        assert b"\n" not in raw and b"\r" not in raw, f"bare LF/CR in {raw[:40]!r}"
        assert len(raw) <= 75, f"line of {len(raw)} octets: {raw[:40]!r}"
        raw.decode("utf-8")  # a fold never splits a character
    lines = unfold(data)
    assert lines[0] == "BEGIN:VCALENDAR" and lines[-1] == "END:VCALENDAR"
    stack: list[str] = []
    seen_component = False
    uids: list[str] = []
    tzids_declared: set[str] = set()
    tzids_used: set[str] = set()
    event: dict[str, Any] = {}
    alarm: set[str] = set()
    for line in lines:
        name, params, value = _params(line)
        if name == "BEGIN":
            if stack == ["VCALENDAR"]:
                seen_component = True
            stack.append(value)
            if value == "VEVENT":
                event = {}
            if value == "VALARM":
                alarm = set()
            continue
        if name == "END":
            assert stack and stack[-1] == value, f"unbalanced END:{value}"
            stack.pop()
            if value == "VEVENT":
                start, end = event["DTSTART"], event["DTEND"]
                if start[0].get("VALUE") == "DATE":
                    assert end[0].get("VALUE") == "DATE", "DATE start with a DATE-TIME end"
                    d0 = dt.date.fromisoformat(f"{start[1][:4]}-{start[1][4:6]}-{start[1][6:]}")
                    d1 = dt.date.fromisoformat(f"{end[1][:4]}-{end[1][4:6]}-{end[1][6:]}")
                    assert d1 > d0, "all-day DTEND not after DTSTART"
                else:
                    assert end[1] > start[1], "DTEND not after DTSTART"
            if value == "VALARM":
                assert {"ACTION", "TRIGGER", "DESCRIPTION"} <= alarm, f"incomplete VALARM {alarm}"
            continue
        where = stack[-1] if stack else ""
        if where == "VCALENDAR":
            assert not seen_component, f"calendar property {name} after a component"
            if name == "REFRESH-INTERVAL":
                assert params.get("VALUE") == "DURATION", "REFRESH-INTERVAL without VALUE=DURATION"
        if where == "VTIMEZONE":
            assert name != "COMMENT", "COMMENT at the top of a VTIMEZONE"
            if name == "TZID":
                tzids_declared.add(value)
        if where == "VALARM":
            alarm.add(name)
        if where == "VEVENT":
            event[name] = (params, value)
            if name == "UID":
                uids.append(value)
            if name in ("DTSTAMP", "LAST-MODIFIED", "CREATED"):
                assert value.endswith("Z") and "TZID" not in params, f"{name} not in UTC: {line}"
            if name in ("DTSTART", "DTEND"):
                if params.get("VALUE") == "DATE":
                    assert "TZID" not in params and re.fullmatch(r"\d{8}", value), line
                else:
                    assert _DATETIME.match(value), line
                    assert value.endswith("Z") or "TZID" in params, f"floating time: {line}"
                    if "TZID" in params:
                        tzids_used.add(params["TZID"])
    assert not stack
    assert len(uids) == len(set(uids)), "duplicate UIDs"
    assert tzids_used <= tzids_declared, f"TZID without VTIMEZONE: {tzids_used - tzids_declared}"


def parse_all(data: bytes) -> Any:
    """icalendar, vobject and ical must all read it; returns icalendar's calendar."""
    import icalendar
    import vobject
    from ical.calendar_stream import IcsCalendarStream

    text = data.decode("utf-8")
    cal = icalendar.Calendar.from_ical(data)
    cal.validate()
    assert not cal.get_missing_tzids()
    assert not [c.errors for c in cal.walk() if c.errors]
    for ev in cal.events:
        ev.start, ev.end  # noqa: B018 - raises on inconsistent values
    vcal = vobject.readOne(text, validate=True)
    vcal.validate(raiseException=True)
    assert len(vcal.contents.get("vevent", [])) == len(cal.events)
    ical_cal = IcsCalendarStream.calendar_from_ics(text)
    assert len(ical_cal.events) == len(cal.events)
    return cal


def check_calendar(data: bytes) -> Any:
    """:func:`lint` and :func:`parse_all`; returns the icalendar calendar."""
    lint(data)
    return parse_all(data)
