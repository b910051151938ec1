"""Paces from one race result: race equivalence (VDOT, Riegel, Cameron), a runner's pace table,
and pace label lookup.

    >>> from paceplan.paces import Runner, pace_table
    >>> table = pace_table(Runner.parse_race("mile=6:00")).value
    >>> table.lookup("HM-10K").format("400m")
    '102-107/400m'

Modules: :mod:`.equivalence` (the three models' equations), :mod:`.bounds` (plausibility and
validity limits), :mod:`.runner` (:class:`Runner`, :class:`RaceResult`), :mod:`.refs` (label text
-> :class:`~paceplan.model.PaceRef`), :mod:`.table` (:class:`PaceTable`), :mod:`.format`
(per km/mi/400 m and treadmill speeds).
"""

from __future__ import annotations

from .equivalence import (
    MODELS,
    Model,
    cameron_time,
    predict_time,
    riegel_time,
    vdot_of,
    vdot_time,
    velocity_for_vo2,
)
from .format import format_pace, format_per_400m, format_speed
from .refs import format_ref, parse_pace_ref
from .runner import DEFAULT_MILE_S, RaceResult, Runner, parse_pace_override
from .table import DEFAULT_BAND, FASTER_SPEED_FACTOR, PaceEntry, PaceTable, pace_table

__all__ = [
    "DEFAULT_BAND",
    "DEFAULT_MILE_S",
    "FASTER_SPEED_FACTOR",
    "MODELS",
    "Model",
    "PaceEntry",
    "PaceTable",
    "RaceResult",
    "Runner",
    "cameron_time",
    "format_pace",
    "format_per_400m",
    "format_ref",
    "format_speed",
    "pace_table",
    "parse_pace_override",
    "parse_pace_ref",
    "predict_time",
    "riegel_time",
    "vdot_of",
    "vdot_time",
    "velocity_for_vo2",
]
