"""Compare a recorded run (GPX or FIT activity) with its planned workout, rep by rep.

    activity = read_activity(data, name="track.gpx")
    result = compare_workout(resolved_workout, activity)       # Result[Comparison]
    print(format_table(result.value))

Modules: :mod:`.activity` (the neutral recorded run), :mod:`.gpx` and :mod:`.fit_activity`
(readers), :mod:`.track` (cleaning: spikes, pauses, gaps, smoothing), :mod:`.match` (aligning
steps with the recording; the algorithm is documented there) with :mod:`.laps` and
:mod:`.segmenter` (its two methods) and :mod:`.segments` (what they produce), :mod:`.report`
(results, summary, table, JSON schema ``paceplan.compare/1``). The HTML chart is
:mod:`paceplan.writers.compare_html`.
"""

from __future__ import annotations

from pathlib import PurePath

from ..errors import PlanSyntaxError
from .activity import Activity, Lap, Point
from .report import SCHEMA, Comparison, StepResult, Summary, compare_workout, comparison_to_dict, format_table

__all__ = [
    "SCHEMA",
    "Activity",
    "Comparison",
    "Lap",
    "Point",
    "StepResult",
    "Summary",
    "compare_workout",
    "comparison_to_dict",
    "format_table",
    "read_activity",
]


def read_activity(data: bytes, *, name: str = "<activity>") -> Activity:
    """Read a GPX or FIT activity, told apart by content (then by the name's extension)."""
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    suffix = PurePath(name).suffix.lower()
    if len(data) >= 12 and data[8:12] == b".FIT" or (suffix == ".fit" and not head.startswith(b"<")):
        from .fit_activity import read_fit_activity

        return read_fit_activity(data, name=name)
    if head.startswith(b"<") or suffix == ".gpx":
        from .gpx import read_gpx

        return read_gpx(data, name=name)
    raise PlanSyntaxError(f"{name}: neither GPX (XML) nor FIT (no '.FIT' signature at byte 8)",
                          hint="give the run as a .gpx export or the .fit file from the watch")
