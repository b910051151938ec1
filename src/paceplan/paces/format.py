"""Paces for people: per km, per mile, per 400 m, and treadmill speed (km/h, mph).

:class:`~paceplan.units.Pace` and :class:`~paceplan.units.PaceRange` already format per km, mile
and 400 m; this adds treadmill speeds and one function that takes either a pace or a range.
"""

from __future__ import annotations

from typing import Literal

from ..units import Pace, PaceRange, PaceUnit, format_clock

__all__ = ["SpeedUnit", "format_pace", "format_per_400m", "format_speed"]

SpeedUnit = Literal["km/h", "mph"]


def _speed(pace: Pace, unit: SpeedUnit) -> float:
    if unit == "km/h":
        return pace.kmh()
    if unit == "mph":
        return pace.mph()
    raise ValueError(f"unknown speed unit {unit!r}")


def format_pace(pace: Pace | PaceRange, unit: PaceUnit = "km") -> str:
    """``4:05/km``, ``6:36/mi``, ``98.4/400m``; a range fast end first: ``5:03-5:42/km``."""
    return pace.format(unit)


def format_speed(pace: Pace | PaceRange, unit: SpeedUnit = "km/h", *, decimals: int = 1) -> str:
    """Treadmill speed: ``16.1 km/h``, ``10.0 mph``; a range slow end first: ``10.5-11.9 km/h``."""
    if isinstance(pace, PaceRange):
        lo, hi = _speed(pace.slow, unit), _speed(pace.fast, unit)
        if f"{lo:.{decimals}f}" != f"{hi:.{decimals}f}":
            return f"{lo:.{decimals}f}-{hi:.{decimals}f} {unit}"
        pace = pace.fast
    return f"{_speed(pace, unit):.{decimals}f} {unit}"


def format_per_400m(pace: Pace | PaceRange) -> str:
    """Seconds per 400 m with one decimal below two minutes (``89.5``, ``102.0``), else a clock
    (``2:01``); a range fast end first (``102.0-107.0``). No unit suffix: for track columns."""
    def one(p: Pace) -> str:
        s = p.seconds_per("400m")
        return f"{s:.1f}" if s < 119.95 else format_clock(s)
    if isinstance(pace, PaceRange):
        fast, slow = one(pace.fast), one(pace.slow)
        return fast if fast == slow else f"{fast}-{slow}"
    return one(pace)
