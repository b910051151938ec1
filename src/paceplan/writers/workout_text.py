"""A workout as an indented step tree for the terminal, with labels and watch bands."""

from __future__ import annotations

from typing import Any, Literal

from ..model import LapButton, LengthRange, Node, PaceRef, Repeat, Step
from ..passes.summary import Summary
from ..units import Distance, Duration, PaceRange

__all__ = ["format_length", "summary_text", "tree_lines"]


def format_length(length: object, units: str) -> str:
    if isinstance(length, LapButton):
        return "until lap"
    if isinstance(length, LengthRange):
        return f"{format_length(length.low, units)}-{format_length(length.high, units)}"
    if isinstance(length, Distance):
        return length.format("imperial" if units == "imperial" else "metric")
    assert isinstance(length, Duration)
    return length.format()


def _fmt_target(step: Step, units: str) -> str:
    unit: Literal["km", "mi"] = "mi" if units == "imperial" else "km"
    label = step.label
    if isinstance(step.target, PaceRange):
        band = step.target.format(unit)
        return f"@ {label}  {band}" if label else f"@ {band}"
    if isinstance(step.target, PaceRef):
        return f"@ {step.target}"
    if label:
        return f"@ {label}  (no pace alert)"
    return ""


def tree_lines(nodes: tuple[Node, ...], *, units: str, indent: int = 1) -> list[str]:
    """The indented step tree ``show`` prints."""
    pad = "  " * indent
    out: list[str] = []
    for node in nodes:
        if isinstance(node, Repeat):
            name = f" {node.name}" if node.name else ""
            out.append(f"{pad}{node.count} x{name}")
            out.extend(tree_lines(node.steps, units=units, indent=indent + 1))
            continue
        parts = [format_length(node.length, units), node.intensity.value]
        if node.name:
            parts.append(node.name)
        target = _fmt_target(node, units)
        if target:
            parts.append(target)
        if node.note:
            parts.append(f"[{node.note}]")
        out.append(pad + "  ".join(parts))
    return out


def summary_text(s: Summary, est: Any, units: str, reps: str) -> str:
    def dist(m: float) -> str:
        return Distance(m).format("imperial" if units == "imperial" else "metric") if m > 0 else "0 m"

    def dur(t: float) -> str:
        return Duration(t).format() if t > 0 else "0:00"
    steps = "1 work step" if s.work_reps == 1 else f"{s.work_reps} work steps"
    lines = [f"Summary (ranges: {reps}): {steps}; work {dist(s.work_distance_m)} "
             f"by distance + {dur(s.work_time_s)} by time; recovery {dist(s.recovery_distance_m)} "
             f"+ {dur(s.recovery_time_s)}" + (f"; {s.open_steps} lap-button steps" if s.open_steps else "")]
    if est is not None:
        lines.append(f"Estimated: {dist(est.distance_m)} in {dur(est.time_s)}")
    return "\n".join(lines)
