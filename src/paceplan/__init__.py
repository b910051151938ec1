"""paceplan: compile coaches' training-plan shorthand, with a runner's own paces, into Garmin FIT
workouts, calendars and more.

The model (``Workout``, ``Step``, ``Repeat``...), units and errors are imported eagerly; readers,
passes, writers and the build are loaded on first use (PEP 562), so ``import paceplan`` and
``paceplan --help`` stay fast and never load fit-tool, icalendar or gpxpy.

    >>> from paceplan import read_workout, resolve_paces, Runner
    >>> w = read_workout("6-10 x 400m @ HM-10K w/ 400m jog recovery")
    >>> resolve_paces(w, Runner.parse_race("mile=6:00")).value.steps[0].steps[0].target.format("400m")
    '102-107/400m'
"""

import importlib
from typing import Any

from ._version import __version__
from .errors import (
    Diagnostic,
    OutputError,
    PaceError,
    PlanError,
    PlanSyntaxError,
    PlanValueError,
    Severity,
    UnitsError,
    UnsupportedError,
)
from .model import (
    LAP_BUTTON,
    CountRange,
    Day,
    Intensity,
    LapButton,
    LengthRange,
    PaceRef,
    Plan,
    Repeat,
    Session,
    SessionKind,
    Sport,
    Step,
    Week,
    Workout,
)
from .source import Source, Span
from .units import MILE_M, Distance, Duration, Pace, PaceRange

_LAZY: dict[str, str] = {
    "BuildOptions": "build",
    "PaceTable": "paces",
    "Result": "errors",
    "Runner": "paces",
    "build_plan": "build:build",
    "check_limits": "passes.limits",
    "choose_ranges": "passes.choose",
    "compare_workout": "compare",
    "compile_plan": "build",
    "encode_schedule": "writers.fit",
    "encode_workout": "writers.fit",
    "estimate": "passes.resolve",
    "pace_table": "paces",
    "parse_pace_ref": "paces",
    "read_activity": "compare",
    "read_fit_workout": "readers.fit",
    "read_intervals_icu": "readers.intervals_icu",
    "read_notation": "readers.notation",
    "read_plan": "readers.plan",
    "read_plan_text": "readers.plan",
    "read_workout": "readers.notation",
    "resolve_paces": "passes.resolve",
    "workout_to_garmin": "writers.garmin_connect",
    "write_fit": "writers.fit:write_workout_fit",
    "write_html": "writers.html",
    "write_intervals_icu": "writers.intervals_icu",
    "write_notation": "writers.notation",
}
"""Public name -> ``module`` or ``module:attribute`` under paceplan, imported on first use."""


def __getattr__(name: str) -> Any:
    target = _LAZY.get(name)
    if target is None:
        raise AttributeError(f"module 'paceplan' has no attribute {name!r}")
    module, _, attr = target.partition(":")
    value = getattr(importlib.import_module(f"{__name__}.{module}"), attr or name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_LAZY))


__all__ = [
    "BuildOptions",
    "CountRange",
    "Day",
    "Diagnostic",
    "Distance",
    "Duration",
    "Intensity",
    "LAP_BUTTON",
    "LapButton",
    "LengthRange",
    "MILE_M",
    "OutputError",
    "Pace",
    "PaceError",
    "PaceRange",
    "PaceRef",
    "PaceTable",
    "Plan",
    "PlanError",
    "PlanSyntaxError",
    "PlanValueError",
    "Repeat",
    "Result",
    "Runner",
    "Session",
    "SessionKind",
    "Severity",
    "Source",
    "Span",
    "Sport",
    "Step",
    "UnitsError",
    "UnsupportedError",
    "Week",
    "Workout",
    "__version__",
    "build_plan",
    "check_limits",
    "choose_ranges",
    "compare_workout",
    "compile_plan",
    "encode_schedule",
    "encode_workout",
    "estimate",
    "pace_table",
    "parse_pace_ref",
    "read_activity",
    "read_fit_workout",
    "read_intervals_icu",
    "read_notation",
    "read_plan",
    "read_plan_text",
    "read_workout",
    "resolve_paces",
    "workout_to_garmin",
    "write_fit",
    "write_html",
    "write_intervals_icu",
    "write_notation",
]
