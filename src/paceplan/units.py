"""Distances, durations, paces and pace ranges: parse, convert, format.

Values are stored in SI units (metres, seconds, seconds per kilometre) as floats; every
conversion goes through the exact constants below, so ``Pace.parse("6:00/mi")`` and
``Pace.parse("3:43.69/km")`` agree to the precision of a float, not of a rounded table.

Parsing raises :class:`UnitsError` (a ``ValueError``) whose message quotes the text and says what
was expected; callers that know where the text came from attach a span.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Literal

from .errors import UnitsError

__all__ = [
    "MILE_M",
    "PACE_UNITS",
    "Distance",
    "Duration",
    "Pace",
    "PaceRange",
    "PaceUnit",
    "format_clock",
    "parse_clock",
]

MILE_M = 1609.344
"""One international mile in metres (exact by definition)."""

PaceUnit = Literal["km", "mi", "400m"]
PACE_UNITS: dict[str, float] = {"km": 1000.0, "mi": MILE_M, "400m": 400.0}
"""Metres per pace unit: a pace "per X" is seconds per this many metres."""

_PACE_UNIT_ALIASES: dict[str, PaceUnit] = {
    "km": "km", "k": "km", "kilometer": "km", "kilometre": "km",
    "mi": "mi", "mile": "mi", "miles": "mi",
    "400m": "400m", "400": "400m", "lap": "400m",
}

# Sanity bounds for a running pace: faster than 1:30/km is beyond any human sprint over a
# step's length, slower than 30:00/km is not running (or a typo such as seconds for minutes).
FASTEST_PACE_S_PER_KM = 90.0
SLOWEST_PACE_S_PER_KM = 1800.0

def parse_clock(text: str) -> float:
    """Read ``h:mm:ss``, ``m:ss`` or ``ss`` (optionally with decimals) as seconds."""
    t = text.strip()
    if not t:
        raise UnitsError(f"empty time {text!r}", hint="write a time like 4:05 or 1:34:06")
    parts = t.split(":")
    if len(parts) > 3 or any(p.strip() == "" for p in parts):
        raise UnitsError(f"malformed time {text!r}", hint="write a time like 4:05 or 1:34:06")
    try:
        nums = [float(p) for p in parts]
    except ValueError:
        raise UnitsError(f"malformed time {text!r}", hint="write a time like 4:05 or 1:34:06") from None
    if any(not math.isfinite(n) or n < 0 for n in nums):
        raise UnitsError(f"malformed time {text!r}", hint="times are positive, like 4:05")
    if len(nums) > 1 and any(n >= 60 for n in nums[1:]):
        raise UnitsError(f"malformed time {text!r}: minutes and seconds must be below 60",
                         hint="write 1:05:00 rather than 65:00:00")
    if any(not p.replace(".", "", 1).isdigit() for p in parts):
        raise UnitsError(f"malformed time {text!r}", hint="write a time like 4:05 or 1:34:06")
    seconds = 0.0
    for n in nums:
        seconds = seconds * 60 + n
    return seconds


def format_clock(seconds: float, *, decimals: int = 0) -> str:
    """Format seconds as ``m:ss`` or ``h:mm:ss`` (rounded, never ``4:60``)."""
    if not math.isfinite(seconds):
        raise UnitsError(f"cannot format {seconds!r} as a time")
    sign = "-" if seconds < 0 else ""
    scale = 10**decimals
    total = round(abs(seconds) * scale)
    whole, frac = divmod(total, scale)
    h, rem = divmod(whole, 3600)
    m, s = divmod(rem, 60)
    tail = f".{frac:0{decimals}d}" if decimals else ""
    if h:
        return f"{sign}{h}:{m:02d}:{s:02d}{tail}"
    return f"{sign}{m}:{s:02d}{tail}"


def _finite_positive(value: float, what: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        raise UnitsError(f"{what} must be a number, got {value!r}")
    v = float(value)
    if not math.isfinite(v) or v <= 0:
        raise UnitsError(f"{what} must be a positive, finite number, got {value!r}")
    return v


_DIST_UNITS = {
    "m": 1.0, "meter": 1.0, "meters": 1.0, "metre": 1.0, "metres": 1.0, "mtr": 1.0,
    "km": 1000.0, "k": 1000.0, "kilometer": 1000.0, "kilometers": 1000.0,
    "kilometre": 1000.0, "kilometres": 1000.0,
    "mi": MILE_M, "mile": MILE_M, "miles": MILE_M,
}
_DIST = re.compile(r"^\s*(\d+(?:,\d{3})*(?:\.\d+)?|\.\d+)\s*([a-zA-Z]+)\s*$")


@dataclass(frozen=True, slots=True, order=True)
class Distance:
    """A distance in metres."""

    metres: float
    """Metres, positive and finite."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "metres", _finite_positive(self.metres, "a distance"))

    @classmethod
    def km(cls, value: float) -> Distance:
        return cls(value * 1000.0)

    @classmethod
    def miles(cls, value: float) -> Distance:
        return cls(value * MILE_M)

    @classmethod
    def parse(cls, text: str) -> Distance:
        """Read ``400m``, ``400 m``, ``1,200m``, ``1k``, ``1.5 km``, ``1 mile``, ``13.1 mi``."""
        m = _DIST.match(text)
        if not m:
            raise UnitsError(f"cannot read {text!r} as a distance",
                             hint="write a number and a unit: 400m, 1.5km, 1 mi")
        unit = m.group(2).lower()
        if unit not in _DIST_UNITS:
            raise UnitsError(f"unknown distance unit {m.group(2)!r} in {text!r}",
                             hint="use m, km or mi")
        return cls(float(m.group(1).replace(",", "")) * _DIST_UNITS[unit])

    @property
    def in_km(self) -> float:
        return self.metres / 1000.0

    @property
    def in_miles(self) -> float:
        return self.metres / MILE_M

    def format(self, units: Literal["metric", "imperial"] = "metric") -> str:
        """``400 m``, ``1.5 km``, ``3 mi``: metres below 1 km or for whole track distances."""
        if units == "imperial" and self.metres >= 800:
            return f"{_trim(self.in_miles, 2)} mi"
        if self.metres < 1000 or (self.metres < 10000 and self.metres % 100 == 0 and self.metres % 1000):
            return f"{_trim(self.metres, 1)} m"
        return f"{_trim(self.in_km, 2)} km"

    def __str__(self) -> str:
        return self.format()


_DUR_UNITS = {
    "s": 1.0, "sec": 1.0, "secs": 1.0, "second": 1.0, "seconds": 1.0, '"': 1.0,
    "min": 60.0, "mins": 60.0, "minute": 60.0, "minutes": 60.0, "'": 60.0,
    "h": 3600.0, "hr": 3600.0, "hrs": 3600.0, "hour": 3600.0, "hours": 3600.0,
}
_DUR = re.compile(r"^\s*(\d+(?:\.\d+)?(?::\d{1,2}(?:\.\d+)?){0,2})\s*([a-zA-Z'\"]*)\s*$")


@dataclass(frozen=True, slots=True, order=True)
class Duration:
    """A duration in seconds."""

    seconds: float
    """Seconds, positive and finite."""

    def __post_init__(self) -> None:
        object.__setattr__(self, "seconds", _finite_positive(self.seconds, "a duration"))

    @classmethod
    def minutes(cls, value: float) -> Duration:
        return cls(value * 60.0)

    @classmethod
    def parse(cls, text: str) -> Duration:
        """Read ``30 sec``, ``30s``, ``5 min``, ``1:30 min`` (90 s), ``1:30``, ``1:34:06``, ``2 h``."""
        m = _DUR.match(text)
        if not m:
            raise UnitsError(f"cannot read {text!r} as a duration",
                             hint="write 30 sec, 5 min, 1:30 or 1:34:06")
        number, unit = m.group(1), m.group(2).lower()
        if ":" in number:
            # "1:30 min" means one minute thirty, whatever unit word follows the clock.
            if unit and unit not in _DUR_UNITS:
                raise UnitsError(f"unknown time unit {m.group(2)!r} in {text!r}", hint="use sec, min or h")
            return cls(parse_clock(number))
        if not unit:
            raise UnitsError(f"{text!r} has no time unit", hint="write 30 sec or 5 min")
        if unit not in _DUR_UNITS:
            raise UnitsError(f"unknown time unit {m.group(2)!r} in {text!r}", hint="use sec, min or h")
        return cls(float(number) * _DUR_UNITS[unit])

    def format(self) -> str:
        """``0:30``, ``5:00``, ``1:00:00``: a clock, never ambiguous about units."""
        return format_clock(self.seconds)

    def __str__(self) -> str:
        return self.format()


_PACE = re.compile(r"^\s*([0-9:.]+)\s*(?:/|per\s+)\s*([a-zA-Z0-9]+)\s*$")


@dataclass(frozen=True, slots=True, order=True)
class Pace:
    """A running pace, stored as seconds per kilometre. Larger is slower."""

    seconds_per_km: float
    """Seconds per kilometre, within sane running bounds (1:30/km to 30:00/km)."""

    def __post_init__(self) -> None:
        v = _finite_positive(self.seconds_per_km, "a pace")
        if not FASTEST_PACE_S_PER_KM <= v <= SLOWEST_PACE_S_PER_KM:
            raise UnitsError(
                f"pace {format_clock(v)}/km is outside running paces "
                f"({format_clock(FASTEST_PACE_S_PER_KM)}/km to {format_clock(SLOWEST_PACE_S_PER_KM)}/km)",
                hint="check the units: a pace is minutes:seconds per km or per mile",
            )
        object.__setattr__(self, "seconds_per_km", v)

    @classmethod
    def per(cls, seconds: float, unit: PaceUnit) -> Pace:
        """``Pace.per(360, "mi")`` is 6:00 per mile."""
        if unit == "km":
            return cls(seconds)  # exact: no float round trip through metres
        return cls(seconds * 1000.0 / PACE_UNITS[unit])

    @classmethod
    def from_speed(cls, metres_per_second: float) -> Pace:
        return cls(1000.0 / _finite_positive(metres_per_second, "a speed"))

    @classmethod
    def parse(cls, text: str) -> Pace:
        """Read ``4:05/km``, ``6:30/mi``, ``6:30 per mile``, ``1:32/400m``, ``92/400m``."""
        m = _PACE.match(text)
        if not m:
            raise UnitsError(f"cannot read {text!r} as a pace",
                             hint="write minutes:seconds per unit: 4:05/km, 6:30/mi, 1:32/400m")
        unit = _PACE_UNIT_ALIASES.get(m.group(2).lower())
        if unit is None:
            raise UnitsError(f"unknown pace unit {m.group(2)!r} in {text!r}", hint="use /km, /mi or /400m")
        return cls.per(parse_clock(m.group(1)), unit)

    @property
    def speed_mps(self) -> float:
        """Metres per second."""
        return 1000.0 / self.seconds_per_km

    def seconds_per(self, unit: PaceUnit) -> float:
        return self.seconds_per_km * PACE_UNITS[unit] / 1000.0

    def time_for(self, distance: Distance) -> Duration:
        return Duration(self.seconds_per_km * distance.metres / 1000.0)

    def format(self, unit: PaceUnit = "km", *, suffix: bool = True) -> str:
        """``4:05/km``; per 400 m as seconds with one decimal below two minutes (``89.5/400m``)."""
        s = self.seconds_per(unit)
        text = f"{s:.1f}".rstrip("0").rstrip(".") if unit == "400m" and round(s, 1) < 120 else format_clock(s)
        return f"{text}/{unit}" if suffix else text

    def kmh(self) -> float:
        return self.speed_mps * 3.6

    def mph(self) -> float:
        return self.speed_mps * 3600.0 / MILE_M

    def __str__(self) -> str:
        return self.format()


@dataclass(frozen=True, slots=True)
class PaceRange:
    """A band of paces from ``slow`` (larger s/km) to ``fast``. A single pace has slow == fast."""

    slow: Pace
    """The slower end: the low end of the speed band on a watch."""
    fast: Pace
    """The faster end: the high end of the speed band."""

    def __post_init__(self) -> None:
        if not isinstance(self.slow, Pace) or not isinstance(self.fast, Pace):
            raise UnitsError("a pace range needs two Pace values")
        if self.fast.seconds_per_km > self.slow.seconds_per_km:
            # Writers put the slow end in the low speed slot; a swapped range would invert the alert.
            slow, fast = self.fast, self.slow
            object.__setattr__(self, "slow", slow)
            object.__setattr__(self, "fast", fast)

    @classmethod
    def of(cls, a: Pace, b: Pace) -> PaceRange:
        """A range from two paces in either order."""
        return cls(slow=max(a, b), fast=min(a, b))

    @classmethod
    def single(cls, pace: Pace) -> PaceRange:
        return cls(slow=pace, fast=pace)

    @classmethod
    def parse(cls, text: str) -> PaceRange:
        """Read ``4:00-4:10/km``, ``1:40-1:45/400m``, ``7:00 - 7:10/mi`` or a single pace."""
        t = text.replace("\u2013", "-").replace("\u2014", "-")
        m = re.match(r"^\s*([0-9:.]+)\s*(?:/\s*([a-zA-Z0-9]+)\s*)?-\s*([0-9:.]+\s*(?:/|per\s+).*)$", t)
        if not m:
            return cls.single(Pace.parse(t))
        second = Pace.parse(m.group(3))
        unit_text = m.group(2) or re.split(r"/|per\s+", m.group(3), maxsplit=1)[1].strip()
        first = Pace.parse(f"{m.group(1)}/{unit_text}")
        return cls.of(first, second)

    @property
    def is_single(self) -> bool:
        return self.slow == self.fast

    @property
    def mid(self) -> Pace:
        """The pace at the middle of the speed band."""
        return Pace.from_speed((self.slow.speed_mps + self.fast.speed_mps) / 2)

    def contains(self, pace: Pace, *, tolerance_s_per_km: float = 0.0) -> bool:
        return (self.fast.seconds_per_km - tolerance_s_per_km
                <= pace.seconds_per_km
                <= self.slow.seconds_per_km + tolerance_s_per_km)

    def widened(self, fraction: float) -> PaceRange:
        """The band widened by ``fraction`` of speed on each side (0.02 is +-2 %)."""
        return PaceRange(slow=Pace.from_speed(self.slow.speed_mps * (1 - fraction)),
                         fast=Pace.from_speed(self.fast.speed_mps * (1 + fraction)))

    def format(self, unit: PaceUnit = "km") -> str:
        """``4:00-4:10/km`` (fast first, as coaches write it); a single pace as ``4:05/km``."""
        if self.is_single or self.fast.format(unit, suffix=False) == self.slow.format(unit, suffix=False):
            return self.fast.format(unit)
        return f"{self.fast.format(unit, suffix=False)}-{self.slow.format(unit)}"

    def __str__(self) -> str:
        return self.format()


def _trim(value: float, decimals: int) -> str:
    return f"{value:.{decimals}f}".rstrip("0").rstrip(".")
