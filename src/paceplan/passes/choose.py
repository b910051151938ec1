"""Choose one value for every range the athlete was left to choose within.

Coaches write ``6-10 x 400m`` and ``45 - 60 min``; the model keeps those as
:class:`~paceplan.model.CountRange` and :class:`~paceplan.model.LengthRange`. A watch runs one
number, so before a FIT (or any device) file is written :func:`choose_ranges` replaces each range
by one value and says which, as a warning the caller can show or fail on under ``--strict``::

    6-10 reps: writing 6 to the watch (choose with --reps)

Policies (``reps=`` for counts, ``lengths=`` for lengths):

- ``low`` (the default): the fewer reps / shorter length. The athlete can always add a rep or run
  on past the end of a step, but cannot undo one the watch insists on; and plans that write ranges
  treat the low end as the base the coaching notes build from ("start at 6, add reps as you
  adapt").
- ``high``: the more reps / longer length.
- ``mid``: the middle; counts round half up (``6-9`` -> 8), lengths take the exact midpoint.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Literal

from ..errors import Diagnostic, PlanValueError, Result, warning
from ..model import CountRange, LengthRange, Node, Repeat, Step, Workout
from ..units import Distance, Duration

__all__ = ["POLICIES", "Policy", "choose_count", "choose_length", "choose_ranges", "has_ranges"]

Policy = Literal["low", "high", "mid"]
POLICIES: tuple[str, ...] = ("low", "high", "mid")


def _check_policy(policy: str, what: str) -> None:
    if policy not in POLICIES:
        raise PlanValueError(f"unknown {what} policy {policy!r}", hint="use low, high or mid",
                             code="bad-policy")


def choose_count(count: CountRange, policy: Policy = "low") -> int:
    """One repeat count from a range: low, high, or the middle rounded half up."""
    _check_policy(policy, "reps")
    if policy == "low":
        return count.low
    if policy == "high":
        return count.high
    return (count.low + count.high + 1) // 2


def choose_length(length: LengthRange, policy: Policy = "low") -> Distance | Duration:
    """One length from a range: the shorter, the longer, or the exact midpoint."""
    _check_policy(policy, "lengths")
    if policy == "low":
        return length.low
    if policy == "high":
        return length.high
    low, high = length.low, length.high
    if isinstance(low, Distance):
        assert isinstance(high, Distance)  # LengthRange keeps both ends the same kind
        return Distance((low.metres + high.metres) / 2)
    assert isinstance(high, Duration)
    return Duration((low.seconds + high.seconds) / 2)


def _length_text(value: Distance | Duration) -> str:
    return value.format()


def has_ranges(nodes: tuple[Node, ...]) -> bool:
    """True when any repeat count or step length below ``nodes`` is still a range."""
    for node in nodes:
        if isinstance(node, Repeat):
            if isinstance(node.count, CountRange) or has_ranges(node.steps):
                return True
        elif isinstance(node.length, LengthRange):
            return True
    return False


def choose_ranges(workout: Workout, *, reps: Policy = "low",
                  lengths: Policy = "low") -> Result[Workout]:
    """Replace every count and length range by one value, with one warning per choice.

    Warnings carry the node's span (when the workout was read from text) and the codes
    ``count-range`` / ``length-range``. A workout without ranges comes back unchanged (the same
    object) with no warnings.
    """
    _check_policy(reps, "reps")
    _check_policy(lengths, "lengths")
    if not has_ranges(workout.steps):
        return Result(workout)
    found: list[Diagnostic] = []

    def walk(nodes: tuple[Node, ...]) -> tuple[Node, ...]:
        out: list[Node] = []
        for node in nodes:
            if isinstance(node, Repeat):
                count = node.count
                if isinstance(count, CountRange):
                    chosen = choose_count(count, reps)
                    found.append(warning(
                        f"{count} reps: writing {chosen} to the watch (choose with --reps)",
                        span=node.span, code="count-range",
                        hint=f"policy {reps!r}; low, high and mid are available"))
                    count = chosen
                out.append(replace(node, count=count, steps=walk(node.steps)))
            else:
                step: Step = node
                if isinstance(step.length, LengthRange):
                    rng = step.length
                    value = choose_length(rng, lengths)
                    found.append(warning(
                        f"{_length_text(rng.low)}-{_length_text(rng.high)}: writing "
                        f"{_length_text(value)} to the watch (choose with --lengths)",
                        span=step.span, code="length-range",
                        hint=f"policy {lengths!r}; low, high and mid are available"))
                    step = replace(step, length=value)
                out.append(step)
        return tuple(out)

    return Result(replace(workout, steps=walk(workout.steps)), tuple(found))
