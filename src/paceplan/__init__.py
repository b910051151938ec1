"""paceplan: compile coaches' training-plan shorthand, with a runner's own paces, into Garmin FIT
workouts, calendars and more."""

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

__all__ = [
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
    "Plan",
    "PlanError",
    "PlanSyntaxError",
    "PlanValueError",
    "Repeat",
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
]
