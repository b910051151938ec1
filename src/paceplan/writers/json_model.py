"""The model as plain JSON data (``paceplan show --json``), deterministic and lossless.

Numbers are the model's own floats (metres, seconds, seconds per km); keys are always present
(``null`` when absent) so consumers need no defaults. Schema::

    workout  = {"name": str, "sport": "running", "description": str|null, "steps": [node]}
    node     = {"type": "step", "intensity": "warmup"|"active"|"interval"|"recovery"|"rest"|"cooldown",
                "length": length, "target": target|null, "name": str|null, "note": str|null,
                "label": str|null}
             | {"type": "repeat", "count": int | {"low": int, "high": int}, "name": str|null,
                "steps": [node]}
    length   = {"kind": "distance", "metres": float} | {"kind": "duration", "seconds": float}
             | {"kind": "range", "low": length, "high": length} | {"kind": "lap_button"}
    target   = {"kind": "pace_ref", "low": str, "high": str|null, "offset_s": float, "per": "km"|"mi",
                "percent": float|null, "percent_high": float|null}
             | {"kind": "pace_range", "slow_s_per_km": float, "fast_s_per_km": float}
    session  = {"kind": "run"|"race"|"strength"|"cross-training"|"rest", "title": str,
                "workout": workout|null, "length": length|null, "text": str|null,
                "alternatives": [session]}
"""

from __future__ import annotations

from typing import Any

from ..model import (
    CountRange,
    LapButton,
    Length,
    LengthRange,
    Node,
    PaceRef,
    Repeat,
    Session,
    Step,
    Target,
    Workout,
)
from ..units import Distance, Duration, PaceRange

__all__ = ["length_to_dict", "node_to_dict", "session_to_dict", "target_to_dict", "workout_to_dict"]


def workout_to_dict(workout: Workout) -> dict[str, Any]:
    """A workout as JSON-ready data (see the module docstring)."""
    return {"name": workout.name, "sport": workout.sport.value, "description": workout.description,
            "steps": [node_to_dict(n) for n in workout.steps]}


def session_to_dict(session: Session) -> dict[str, Any]:
    """A session and its alternatives as JSON-ready data."""
    return {
        "kind": session.kind.value,
        "title": session.title,
        "workout": workout_to_dict(session.workout) if session.workout is not None else None,
        "length": length_to_dict(session.length) if session.length is not None else None,
        "text": session.text,
        "alternatives": [session_to_dict(a) for a in session.alternatives],
    }


def node_to_dict(node: Node) -> dict[str, Any]:
    """A step or a repeat (with its nested steps) as JSON-ready data."""
    if isinstance(node, Repeat):
        count: Any = ({"low": node.count.low, "high": node.count.high}
                      if isinstance(node.count, CountRange) else node.count)
        return {"type": "repeat", "count": count, "name": node.name,
                "steps": [node_to_dict(n) for n in node.steps]}
    step: Step = node
    return {
        "type": "step",
        "intensity": step.intensity.value,
        "length": length_to_dict(step.length),
        "target": target_to_dict(step.target),
        "name": step.name,
        "note": step.note,
        "label": step.label,
    }


def length_to_dict(length: Length) -> dict[str, Any]:
    """A distance, duration, range or lap-button length as JSON-ready data."""
    if isinstance(length, Distance):
        return {"kind": "distance", "metres": length.metres}
    if isinstance(length, Duration):
        return {"kind": "duration", "seconds": length.seconds}
    if isinstance(length, LengthRange):
        return {"kind": "range", "low": length_to_dict(length.low), "high": length_to_dict(length.high)}
    assert isinstance(length, LapButton)
    return {"kind": "lap_button"}


def target_to_dict(target: Target | None) -> dict[str, Any] | None:
    """A pace target (labels or a concrete band) as JSON-ready data; None stays None."""
    if target is None:
        return None
    if isinstance(target, PaceRef):
        return {"kind": "pace_ref", "low": target.low, "high": target.high,
                "offset_s": float(target.offset_s), "per": target.per,
                "percent": target.percent, "percent_high": target.percent_high}
    assert isinstance(target, PaceRange)
    return {"kind": "pace_range", "slow_s_per_km": target.slow.seconds_per_km,
            "fast_s_per_km": target.fast.seconds_per_km}
