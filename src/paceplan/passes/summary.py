"""What a workout adds up to: work reps, work and recovery distance and time, lap-button steps.

Work means steps of intensity active or interval; steps measured by distance and by time are
summed separately (a time cannot become a distance without a pace: see
:func:`paceplan.passes.resolve.estimate` for that). Repeats are unrolled; a count or length range
that is still in the workout counts at its low end.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..model import Intensity, LapButton, LengthRange, Node, Repeat, Workout
from ..units import Distance, Duration

__all__ = ["Summary", "summarize"]


@dataclass(frozen=True, slots=True)
class Summary:
    """What a workout adds up to once ranges are chosen (see the module docstring)."""

    work_reps: int = 0
    work_distance_m: float = 0.0
    work_time_s: float = 0.0
    recovery_distance_m: float = 0.0
    recovery_time_s: float = 0.0
    total_distance_m: float = 0.0
    total_time_s: float = 0.0
    open_steps: int = 0

    def as_dict(self) -> dict[str, Any]:
        return {"work_reps": self.work_reps, "work_distance_m": round(self.work_distance_m, 3),
                "work_time_s": round(self.work_time_s, 3),
                "recovery_distance_m": round(self.recovery_distance_m, 3),
                "recovery_time_s": round(self.recovery_time_s, 3),
                "total_distance_m": round(self.total_distance_m, 3),
                "total_time_s": round(self.total_time_s, 3), "open_steps": self.open_steps}


def summarize(workout: Workout) -> Summary:
    """Totals of a workout whose ranges are already chosen (repeats unrolled)."""
    counts = {"work_reps": 0, "open_steps": 0}
    acc = {"work_distance_m": 0.0, "work_time_s": 0.0, "recovery_distance_m": 0.0,
           "recovery_time_s": 0.0, "total_distance_m": 0.0, "total_time_s": 0.0}

    def walk(nodes: tuple[Node, ...], times: int) -> None:
        for node in nodes:
            if isinstance(node, Repeat):
                count = node.count if isinstance(node.count, int) else node.count.low
                walk(node.steps, times * count)
                continue
            length = node.length.low if isinstance(node.length, LengthRange) else node.length
            work = node.is_quality
            rest = node.intensity in (Intensity.RECOVERY, Intensity.REST)
            if work:
                counts["work_reps"] += times
            if isinstance(length, LapButton):
                counts["open_steps"] += times
            elif isinstance(length, Distance):
                acc["total_distance_m"] += times * length.metres
                if work:
                    acc["work_distance_m"] += times * length.metres
                elif rest:
                    acc["recovery_distance_m"] += times * length.metres
            elif isinstance(length, Duration):
                acc["total_time_s"] += times * length.seconds
                if work:
                    acc["work_time_s"] += times * length.seconds
                elif rest:
                    acc["recovery_time_s"] += times * length.seconds

    walk(workout.steps, 1)
    return Summary(work_reps=counts["work_reps"], open_steps=counts["open_steps"], **acc)
