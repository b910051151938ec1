"""iCalendar (.ics) for a scheduled plan, per ``shared/reference/icalendar.md``.

The only module that imports ``icalendar`` (lazily). What it writes:

- a calendar header with ``VERSION``, ``PRODID``, ``CALSCALE``, ``METHOD:PUBLISH`` (``method=False``
  leaves it out), ``NAME``/``X-WR-CALNAME``, ``DESCRIPTION``/``X-WR-CALDESC``, a deterministic
  calendar ``UID``, ``REFRESH-INTERVAL;VALUE=DURATION:PT12H`` and ``X-PUBLISHED-TTL:PT12H``;
- one event per scheduled session: all-day (``DTSTART;VALUE=DATE``, exclusive ``DTEND``,
  ``TRANSP:TRANSPARENT``) by default, or timed at ``time`` in the IANA zone ``tz`` with a
  ``VTIMEZONE`` (never floating times);
- ``UID = uuid5(NAMESPACE, f"{plan_instance}/w{week}/d{iso_weekday}/{slot}")``: stable across
  re-exports of the same plan instance, different for every day and plan instance;
- ``DTSTAMP`` from the caller (the build passes ``SOURCE_DATE_EPOCH`` or the plan start), never
  the clock; ``SEQUENCE`` from the caller (default 0);
- ``SUMMARY`` = type, key set and distance (``Intervals 6×400 m · ~6.4 km``); a plain-text
  ``DESCRIPTION`` with a header line, every step with its pace per km and per mile, the choices
  made for the watch, the alternatives, the plan cell and the FIT file name;
- an optional display reminder (``alarm``, a negative offset such as ``-PT1H``).

VTIMEZONE: built from the zone's POSIX rule (the footer of its TZif file in tzdata) as one
STANDARD and one DAYLIGHT observance with ``RRULE:FREQ=YEARLY;BYMONTH=..;BYDAY=..`` -- the compact
RRULE form Outlook needs (reference 3.3). This is what the ``ical`` package does; doing it here
avoids a runtime dependency on ``ical`` and pydantic for about 60 lines. A zone whose rule cannot
be written that way (Julian-day rules, transition times outside 0-24 h) falls back to
icalendar's RDATE-based zone limited to the plan's years.
"""

from __future__ import annotations

import datetime as _dt
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from .._version import __version__
from ..errors import PlanValueError, Result, warning
from ..model import CountRange, Intensity, LapButton, LengthRange, Node, PaceRef, Repeat, SessionKind, Step, Workout
from ..naming import WEEKDAY_NAMES, format_length, key_set
from ..passes.framing import easy_run_with_strides
from ..schedule import ScheduledSession
from ..units import MILE_M, Distance, Duration, PaceRange, format_clock

__all__ = [
    "NAMESPACE",
    "CalendarItem",
    "IcsOptions",
    "calendar_uid",
    "description",
    "event_uid",
    "parse_trigger",
    "step_lines",
    "summary",
    "write_ics",
]

NAMESPACE = uuid.UUID("6f0c1c2e-7d8b-4a51-9a55-3f8f0b6b2a10")
"""paceplan's fixed uuid5 namespace for calendar UIDs (never change it: UIDs would change)."""

_INTENSITY_WORDS = {
    Intensity.WARMUP: "Warm-up", Intensity.ACTIVE: "Run", Intensity.INTERVAL: "Run",
    Intensity.RECOVERY: "Recovery", Intensity.REST: "Rest", Intensity.COOLDOWN: "Cool-down",
}


@dataclass(frozen=True, slots=True, kw_only=True)
class CalendarItem:
    """One scheduled session with what the build learned about it."""

    scheduled: ScheduledSession
    """Where and when, and the (framed, chosen, resolved) session."""
    fit_name: str | None = None
    """The FIT workout file written for it, when there is one."""
    distance_m: float | None = None
    """Estimated distance, when known."""
    time_s: float | None = None
    """Estimated time, when known."""
    notes: tuple[str, ...] = ()
    """Choices made for the watch ("6-10 reps: 6 on the watch"), shown in the description."""


@dataclass(frozen=True, slots=True, kw_only=True)
class IcsOptions:
    """How to write the calendar."""

    name: str
    """Calendar name (``NAME``, ``X-WR-CALNAME``)."""
    plan_instance: str
    """Scopes every UID: ``<plan id>:<start date>`` (plus the athlete when given)."""
    dtstamp: _dt.datetime
    """``DTSTAMP`` of every event: an aware datetime (converted to UTC)."""
    description: str | None = None
    """Calendar description."""
    time: _dt.time | None = None
    """Start time for timed events; None for all-day events."""
    tz: str | None = None
    """IANA zone of ``time`` (required with it)."""
    alarm: _dt.timedelta | None = None
    """A display reminder relative to the start (all-day: to local midnight); None for none."""
    method: bool = True
    """Write ``METHOD:PUBLISH``."""
    sequence: int = 0
    """``SEQUENCE`` of every event (raise it for a revised plan)."""
    units: str = "metric"
    """``metric`` or ``imperial``: the unit of distances in titles (paces show both)."""
    default_minutes: int = 60
    """Length of a timed event whose duration is not known."""


def event_uid(plan_instance: str, week: int, weekday: int, slot: int = 0) -> str:
    """``uuid5(NAMESPACE, f"{plan_instance}/w{week}/d{weekday + 1}/{slot}")``; ``weekday`` 0 = Monday."""
    return str(uuid.uuid5(NAMESPACE, f"{plan_instance}/w{week}/d{weekday + 1}/{slot}"))


def calendar_uid(plan_instance: str) -> str:
    """The calendar's own UID: ``uuid5(NAMESPACE, plan_instance)``."""
    return str(uuid.uuid5(NAMESPACE, plan_instance))


_TRIGGER = re.compile(r"^([+-])?P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")
_SIMPLE = re.compile(r"^([+-])?(\d+)\s*(m|min|h|d)$")


_MAX_TRIGGER = _dt.timedelta(days=366)


def parse_trigger(text: str) -> _dt.timedelta:
    """A reminder offset: ISO 8601 (``-PT1H``, ``PT6H``, ``-P1D``) or ``-30m``/``-1h``/``-1d``."""
    t = text.strip().upper().replace(" ", "")
    m = _TRIGGER.match(t)
    m2 = _SIMPLE.match(text.strip().lower())
    try:
        if m and any(m.group(i) for i in range(2, 7)):
            sign = -1 if m.group(1) == "-" else 1
            w, d, h, mi, s = (int(g) if g else 0 for g in m.groups()[1:])
            offset = sign * _dt.timedelta(weeks=w, days=d, hours=h, minutes=mi, seconds=s)
        elif m2:
            sign = -1 if m2.group(1) == "-" else 1
            unit = {"m": "minutes", "min": "minutes", "h": "hours", "d": "days"}[m2.group(3)]
            offset = sign * _dt.timedelta(**{unit: int(m2.group(2))})
        else:
            offset = None
    except OverflowError:
        offset = _MAX_TRIGGER * 2  # refused just below, with the same message as any far offset
    if offset is not None:
        if abs(offset) > _MAX_TRIGGER:
            raise PlanValueError(f"a reminder {text.strip()!r} away from the session is beyond reason",
                                 hint="reminders are at most a year before or after", code="bad-alarm")
        return offset
    raise PlanValueError(f"cannot read {text!r} as a reminder offset",
                         hint="use -PT1H (an hour before), -PT30M, or PT6H (06:00 on an all-day event's day)",
                         code="bad-alarm")


# --------------------------------------------------------------------------- text

def _pace_text(rng: PaceRange) -> str:
    return f"{rng.format('km')} ({rng.format('mi')})"


def _step_text(step: Step) -> str:
    word = step.name or _INTENSITY_WORDS[step.intensity]
    length = "until lap button" if isinstance(step.length, LapButton) else format_length(step.length)
    if isinstance(step.length, Distance) and isinstance(step.target, PaceRange):
        # The split a runner checks on the track: the time for this distance at mid-band pace.
        length += f" in ~{format_clock(step.target.mid.seconds_per_km * step.length.metres / 1000)}"
    parts = [f"{word}: {length}"]
    label = step.label or (str(step.target) if isinstance(step.target, PaceRef) else None)
    if isinstance(step.target, PaceRange):
        parts.append(f"@ {label + ' ' if label else ''}{_pace_text(step.target)}")
    elif label:
        parts.append(f"@ {label}" + ("" if step.target is not None or not step.intensity.is_work
                                     else " (no pace alert)"))
    text = " ".join(parts)
    if step.note:
        text += f" - {step.note}"
    return text


def step_lines(nodes: tuple[Node, ...], indent: str = "") -> list[str]:
    """One line per step, repeats as ``6× (repeat)`` with their steps indented below."""
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Repeat):
            count = str(node.count) if isinstance(node.count, CountRange) else str(node.count)
            out.append(f"{indent}{count}×{' ' + node.name if node.name else ''}:")
            out.extend(step_lines(node.steps, indent + "    "))
        else:
            out.append(f"{indent}{_step_text(node)}")
    return out


def _distance_text(metres: float, units: str) -> str:
    if units == "imperial":
        miles = metres / MILE_M
        return f"~{miles:.1f} mi"
    return f"~{metres / 1000:.1f} km"


def _minutes_text(seconds: float) -> str:
    return f"~{int(round(seconds / 60))} min"


def _type_word(item: CalendarItem) -> str:
    session = item.scheduled.session
    if session.kind is SessionKind.RACE:
        return "Race"
    if session.kind is SessionKind.STRENGTH:
        return "Strength"
    if session.kind is SessionKind.CROSS_TRAINING:
        return "Cross-training"
    if session.kind is SessionKind.REST:
        return "Rest"
    assert session.workout is not None
    if easy_run_with_strides(session.workout):
        return "Run + strides"
    has_repeat = any(isinstance(n, Repeat) for n in session.workout.steps)
    targeted = any(s.intensity.is_work and (s.label not in (None, "E")) for s in _all_steps(session.workout))
    if has_repeat or targeted:
        return "Intervals"
    return "Run"


def _all_steps(workout: Workout) -> list[Step]:
    out: list[Step] = []

    def walk(nodes: tuple[Node, ...]) -> None:
        for n in nodes:
            if isinstance(n, Repeat):
                walk(n.steps)
            else:
                out.append(n)
    walk(workout.steps)
    return out


def summary(item: CalendarItem, units: str = "metric") -> str:
    """``Intervals 6×400 m · ~6.4 km``, ``Run 45 min · ~8.1 km``, ``Strength · PT / ...``."""
    session = item.scheduled.session
    word = _type_word(item)
    if session.workout is None:
        if session.kind is SessionKind.REST:
            return "Rest"
        what = format_length(session.length) if session.length is not None and not isinstance(
            session.length, LapButton) else session.title
        return f"{word} · {what}"
    keys = _keys(session.workout, session.kind)
    if session.kind is SessionKind.RACE:
        return f"{word} · {keys}"  # the race distance is the point, not the day's total
    text = f"{word} {keys}"
    if item.distance_m and not _is_plain_distance(keys):
        text += f" · {_distance_text(item.distance_m, units)}"
    return text


def _keys(workout: Workout, kind: SessionKind) -> str:
    if kind is SessionKind.RACE:
        return "Mile" if workout.name == "Mile race" else workout.name
    return key_set(workout)


def _is_plain_distance(keys: str) -> bool:
    return re.fullmatch(r"[\d.]+ (m|km|mi)", keys) is not None


def description(item: CalendarItem, units: str = "metric") -> str:
    """The event body: header, steps, choices, alternatives, plan cell, FIT file."""
    s = item.scheduled
    session = s.session
    head = [_type_word(item)]
    if session.workout is not None:
        head.append(_keys(session.workout, session.kind))
    if item.distance_m:
        head.append(_distance_text(item.distance_m, units))
    if item.time_s:
        head.append(_minutes_text(item.time_s))
    lines = [" · ".join(head), ""]
    if session.workout is not None:
        lines.extend(step_lines(session.workout.steps))
    else:
        lines.append(session.title)
        if session.length is not None and not isinstance(session.length, LapButton):
            lines.append(f"Length: {format_length(session.length)}")
    if item.notes:
        lines.append("")
        lines.extend(f"On the watch: {n}" for n in item.notes)
    if session.alternatives:
        lines.append("")
        lines.append("Alternatives: " + "; ".join(a.text or a.title for a in session.alternatives))
    lines.append("")
    if s.cell:
        lines.append(f"Plan: {s.cell}")
    tail = f"Week {s.week} · {WEEKDAY_NAMES[s.weekday]}"
    if item.fit_name:
        tail += f" · FIT: {item.fit_name}"
    lines.append(tail)
    return "\n".join(lines)


def _categories(item: CalendarItem) -> list[str]:
    kind = item.scheduled.session.kind
    if kind in (SessionKind.RUN, SessionKind.RACE):
        return ["Running", _type_word(item)]
    return [_type_word(item)]


# --------------------------------------------------------------------------- time zones

def _tzif_footer(key: str) -> str | None:
    """The POSIX TZ rule at the end of the zone's TZif (v2+) file, or None.

    Looked up where :mod:`zoneinfo` looks (``TZPATH`` first, then the ``tzdata`` package), so
    the rule and Python's own zone data agree."""
    from importlib import resources
    from pathlib import Path
    import zoneinfo

    data = None
    for root in zoneinfo.TZPATH:
        p = Path(root, *key.split("/"))
        if p.is_file():
            data = p.read_bytes()
            break
    if data is None:
        try:
            data = resources.files("tzdata").joinpath("zoneinfo", *key.split("/")).read_bytes()
        except (ModuleNotFoundError, FileNotFoundError, OSError):
            return None
    if not data.startswith(b"TZif") or data[4:5] < b"2":
        return None
    end = data.rstrip(b"\n")
    nl = end.rfind(b"\n")
    return end[nl + 1:].decode("ascii", "replace") if nl >= 0 else None


_POSIX = re.compile(
    r"^(?P<std><[^>]+>|[A-Za-z]{3,})(?P<soff>[+-]?\d{1,2}(?::\d{2}){0,2})"
    r"(?:(?P<dst><[^>]+>|[A-Za-z]{3,})(?P<doff>[+-]?\d{1,2}(?::\d{2}){0,2})?"
    r",M(?P<sm>\d{1,2})\.(?P<sw>[1-5])\.(?P<sd>[0-6])(?:/(?P<st>[+-]?\d{1,3}(?::\d{2}){0,2}))?"
    r",M(?P<em>\d{1,2})\.(?P<ew>[1-5])\.(?P<ed>[0-6])(?:/(?P<et>[+-]?\d{1,3}(?::\d{2}){0,2}))?)?$")
_BYDAY = ("SU", "MO", "TU", "WE", "TH", "FR", "SA")


def _hms(text: str) -> int:
    sign = -1 if text.startswith("-") else 1
    parts = [int(p) for p in text.lstrip("+-").split(":")] + [0, 0]
    return sign * (parts[0] * 3600 + parts[1] * 60 + parts[2])


def _nth_weekday(year: int, month: int, week: int, dow: int) -> _dt.date:
    """POSIX Mm.w.d: the w-th (5 = last) weekday d (0 = Sunday) of the month."""
    first = _dt.date(year, month, 1)
    py = (dow - 1) % 7  # POSIX 0=Sunday -> Python 6
    day = first + _dt.timedelta(days=(py - first.weekday()) % 7)
    if week == 5:
        nxt = _dt.date(year + (month == 12), month % 12 + 1, 1)
        last = nxt - _dt.timedelta(days=1)
        return last - _dt.timedelta(days=(last.weekday() - py) % 7)
    return day + _dt.timedelta(weeks=week - 1)


@dataclass(frozen=True, slots=True)
class _Rule:
    """A zone's POSIX rule: standard offset, and optionally a yearly daylight period."""

    std_name: str
    std_off: int
    dst_name: str | None = None
    dst_off: int = 0
    start: tuple[int, int, int, int] = (0, 0, 0, 0)
    """(month, week, POSIX weekday, seconds after local midnight) the daylight period starts."""
    end: tuple[int, int, int, int] = (0, 0, 0, 0)

    def change(self, year: int, which: tuple[int, int, int, int]) -> _dt.datetime:
        month, week, dow, at = which
        return _dt.datetime.combine(_nth_weekday(year, month, week, dow), _dt.time()) + _dt.timedelta(seconds=at)

    def utc_offset(self, utc: _dt.datetime) -> int:
        """The offset in force at a naive UTC instant."""
        if self.dst_name is None:
            return self.std_off
        start = self.change(utc.year, self.start) - _dt.timedelta(seconds=self.std_off)
        end = self.change(utc.year, self.end) - _dt.timedelta(seconds=self.dst_off)
        inside = start <= utc < end if start < end else not end <= utc < start
        return self.dst_off if inside else self.std_off


def _parse_rule(footer: str) -> _Rule | None:
    m = _POSIX.match(footer)
    if not m:
        return None
    std_off = -_hms(m.group("soff"))  # POSIX offsets are west-positive
    if m.group("dst") is None:
        return _Rule(m.group("std").strip("<>"), std_off)
    dst_off = -_hms(m.group("doff")) if m.group("doff") else std_off + 3600
    start_t = _hms(m.group("st")) if m.group("st") else 7200
    end_t = _hms(m.group("et")) if m.group("et") else 7200
    if not (0 <= start_t < 86400 and 0 <= end_t < 86400):
        return None  # "/-1", "/24", "/26": not expressible as a plain yearly RRULE on that weekday
    return _Rule(m.group("std").strip("<>"), std_off, m.group("dst").strip("<>"), dst_off,
                 (int(m.group("sm")), int(m.group("sw")), int(m.group("sd")), start_t),
                 (int(m.group("em")), int(m.group("ew")), int(m.group("ed")), end_t))


def _rule_agrees(rule: _Rule, zone: Any, instants: Sequence[_dt.datetime]) -> bool:
    """True when the rule gives zoneinfo's offset at every instant (aware datetimes).

    The footer rule only governs times after a zone's last listed transition; zones with
    listed future changes (Morocco's Ramadan shifts) or a recent rule change fail here."""
    for instant in instants:
        utc = instant.astimezone(_dt.timezone.utc).replace(tzinfo=None)
        expected = instant.astimezone(zone).utcoffset()
        if expected is None or rule.utc_offset(utc) != int(expected.total_seconds()):
            return False
    return True


def _rrule_timezone(key: str, instants: Sequence[_dt.datetime] = ()) -> Any | None:
    """A VTIMEZONE with RRULE observances from the zone's POSIX rule, or None when the rule
    cannot be written that way or disagrees with zoneinfo at any of ``instants``."""
    from icalendar import Timezone, TimezoneDaylight, TimezoneStandard

    footer = _tzif_footer(key)
    rule = _parse_rule(footer) if footer is not None else None
    if rule is None or not _rule_agrees(rule, _zone(key), instants):
        return None
    tz = Timezone()
    tz.add("TZID", key)
    if rule.dst_name is None:
        standard = TimezoneStandard()
        standard.add("DTSTART", _dt.datetime(1970, 1, 1))
        standard.add("TZOFFSETFROM", _dt.timedelta(seconds=rule.std_off))
        standard.add("TZOFFSETTO", _dt.timedelta(seconds=rule.std_off))
        standard.add("TZNAME", rule.std_name)
        tz.add_component(standard)
        return tz
    for cls, which, frm, to, name in (
        (TimezoneDaylight, rule.start, rule.std_off, rule.dst_off, rule.dst_name),
        (TimezoneStandard, rule.end, rule.dst_off, rule.std_off, rule.std_name),
    ):
        month, week, dow, _ = which
        obs = cls()
        # DTSTART is the local wall time in the offset in force before the change.
        obs.add("DTSTART", rule.change(1970, which))
        obs.add("TZOFFSETFROM", _dt.timedelta(seconds=frm))
        obs.add("TZOFFSETTO", _dt.timedelta(seconds=to))
        obs.add("RRULE", {"FREQ": "YEARLY", "BYMONTH": month, "BYDAY": f"{-1 if week == 5 else week}{_BYDAY[dow]}"})
        obs.add("TZNAME", name)
        tz.add_component(obs)
    return tz


def _zone(key: str) -> Any:
    import zoneinfo

    try:
        return zoneinfo.ZoneInfo(key)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        raise PlanValueError(f"unknown time zone {key!r}", hint="use an IANA name such as Europe/Berlin or America/New_York",
                             code="bad-tz") from None


# --------------------------------------------------------------------------- writer

def write_ics(items: Sequence[CalendarItem], options: IcsOptions) -> Result[bytes]:
    """The calendar as bytes (UTF-8, CRLF, folded at 75 octets), with the warnings met."""
    from icalendar import Alarm, Calendar, Event

    if options.dtstamp.tzinfo is None or options.dtstamp.utcoffset() is None:
        raise PlanValueError("DTSTAMP needs a time zone (UTC)", code="naive-time")
    if (options.time is None) != (options.tz is None):
        raise PlanValueError("timed calendar events need both a time and a time zone",
                             hint="give --time 06:30 together with --tz Europe/Berlin", code="time-without-tz")
    if not items:
        raise PlanValueError("the plan has no sessions to put in a calendar", code="empty-calendar")
    warns = []
    stamp = options.dtstamp.astimezone(_dt.timezone.utc)
    # One line: icalendar 7.3 copies DESCRIPTION into X-WR-CALDESC unescaped, and a newline
    # there fails its own content-line check.
    cal_desc = " ".join((options.description or "Training plan generated by paceplan").split())
    cal = Calendar.new(prodid=f"-//paceplan//paceplan {__version__}//EN", name=options.name,
                       description=cal_desc,
                       method="PUBLISH" if options.method else None, calscale="GREGORIAN",
                       uid=calendar_uid(options.plan_instance))
    cal.add("REFRESH-INTERVAL", _dt.timedelta(hours=12), parameters={"VALUE": "DURATION"})
    cal.add("X-PUBLISHED-TTL", "PT12H")
    zone = None
    if options.tz is not None:
        zone = _zone(options.tz)
        assert options.time is not None
        # Check the compact rule at every event and at noon of every day the plan spans.
        days = sorted({i.scheduled.date for i in items})
        span = [days[0] + _dt.timedelta(days=n) for n in range((days[-1] - days[0]).days + 1)]
        instants = [_dt.datetime.combine(d, t, tzinfo=zone) for d in span for t in (options.time, _dt.time(12))]
        vtz = _rrule_timezone(options.tz, instants)
        if vtz is not None:
            cal.add_component(vtz)
    uids: set[str] = set()
    for item in items:
        s = item.scheduled
        uid = event_uid(options.plan_instance, s.week, s.weekday, s.slot)
        if uid in uids:  # pragma: no cover - keys are unique by construction
            raise PlanValueError(f"two events for {s.key}")
        uids.add(uid)
        kwargs: dict[str, Any] = dict(
            uid=uid, stamp=stamp, sequence=options.sequence, summary=summary(item, options.units),
            description=description(item, options.units), categories=_categories(item))
        if zone is None or options.time is None:
            kwargs.update(start=s.date, end=s.date + _dt.timedelta(days=1), transparency="TRANSPARENT")
        else:
            start = _dt.datetime.combine(s.date, options.time, tzinfo=zone)
            minutes = options.default_minutes
            if item.time_s:
                minutes = max(15, int(-(-item.time_s // 300)) * 5)  # round up to 5 min
            else:
                length = s.session.length.low if isinstance(s.session.length, LengthRange) else s.session.length
                if isinstance(length, Duration):
                    minutes = max(15, int(-(-length.seconds // 300)) * 5)
            kwargs.update(start=start, end=start + _dt.timedelta(minutes=minutes),
                          transparency="TRANSPARENT" if s.session.kind is SessionKind.REST else "OPAQUE")
        event = Event.new(**kwargs)
        if options.alarm is not None and s.session.kind is not SessionKind.REST:
            alarm = Alarm()
            alarm.add("ACTION", "DISPLAY")
            alarm.add("DESCRIPTION", summary(item, options.units))
            alarm.add("TRIGGER", options.alarm)
            event.add_component(alarm)
        cal.add_component(event)
    if options.tz is not None and not cal.timezones:
        years = sorted({i.scheduled.date.year for i in items})
        cal.add_missing_timezones(first_date=_dt.date(years[0], 1, 1), last_date=_dt.date(years[-1] + 1, 1, 1))
        for vtz in cal.timezones:
            vtz.pop("COMMENT", None)  # RFC 5545 allows COMMENT only inside STANDARD/DAYLIGHT
        warns.append(warning(f"time zone {options.tz}: its rule has no compact yearly form; wrote every "
                             f"change from {years[0]} to {years[-1] + 1} instead", code="vtimezone-rdate"))
    cal.validate()
    return Result(cal.to_ical(), tuple(warns))

