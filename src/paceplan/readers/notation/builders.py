"""Builders for the notation parser: mutable steps and repeats that recoveries, glosses and
"between sets" clauses still edit, frozen into model nodes at the end; and totals of a workout."""

from __future__ import annotations

from dataclasses import dataclass

from ...errors import PlanError
from ...model import (
    LAP_BUTTON,
    CountRange,
    Intensity,
    Length,
    LengthRange,
    Node,
    Repeat,
    Step,
    Target,
)
from ...units import Distance, Duration
from .terms import Cursor
from .vocab import KINDS, Kind

__all__ = ["Item", "Leg", "MAX_DEPTH", "NodeB", "RepeatB", "StepB", "freeze", "total_distance", "total_duration"]

MAX_DEPTH = 16
"""Parser frames (a count's body, a bracket) one cell may nest; a repeat inside brackets takes two,
so this allows the model's eight nested repeats and stops runaway input long before Python's
recursion limit."""
_REC_DEFAULT = Kind(Intensity.RECOVERY)
_SAME = "same"
_DEFAULT_RECOVERY = {"strides": Kind(Intensity.RECOVERY, lap=True), "hill": KINDS["jog down recovery"]}


@dataclass
class StepB:
    """A step being built."""

    intensity: Intensity
    length: Length | str
    target: Target | None
    name: str | None
    note: str | None
    start: int
    end: int
    label: str | None = None


@dataclass
class RepeatB:
    """A repeat being built; ``body`` may still gain recoveries."""

    count: int | CountRange
    body: list[StepB | RepeatB]
    start: int
    end: int
    name: str | None = None
    no_recovery: bool = False
    """The text said ``w/ no recovery``: add none by default."""


NodeB = StepB | RepeatB


@dataclass
class Item:
    """One item of a sequence and what clauses may still attach to it."""

    nodes: list[NodeB]
    start: int
    end: int
    single_work: bool = False
    after_comma: bool = False
    """A comma joins it to the item before (sets that share a pace and a recovery)."""


@dataclass
class Leg:
    """A parsed step phrase before its context decides intensity (a leg of ``800m/300m``)."""

    length: Length | str | RepeatB | None
    """A cut-down phrase parses to its whole repeat here (see ``Parser.cut_down``)."""
    kind: Kind | None
    target: Target | None
    target_given: bool
    name: str | None
    note: str | None
    start: int
    end: int
    label: str | None = None
    between: str | None = None
    none: bool = False


def _describe(step: StepB) -> str:
    """A built step in canonical words, for messages."""
    from ...writers.notation import write_notation
    if isinstance(step.length, str):  # a placeholder (``_SAME``): not a Step's length
        return step.intensity.value
    try:
        return write_notation(Step(intensity=step.intensity, length=step.length, target=step.target,
                                   name=step.name))
    except PlanError:
        return step.intensity.value


def _ref_text(ref: Target | None) -> str:
    return str(ref) if ref is not None else "no pace"


def _has_work(node: NodeB) -> bool:
    if isinstance(node, StepB):
        return node.intensity.is_work
    return any(_has_work(n) for n in node.body)


def _has_recovery(node: NodeB) -> bool:
    """Does this item already end in a recovery (so a bracket after it is not one)?"""
    if isinstance(node, StepB):
        return node.intensity in (Intensity.RECOVERY, Intensity.REST)
    return bool(node.body) and _has_recovery(node.body[-1])


def _has_interval(node: NodeB) -> bool:
    if isinstance(node, StepB):
        return node.intensity is Intensity.INTERVAL
    return any(_has_interval(n) for n in node.body)


def _last_step(nodes: list[NodeB]) -> StepB | None:
    for node in reversed(nodes):
        if isinstance(node, StepB):
            return node
        found = _last_step(node.body)
        if found is not None:
            return found
    return None


def _unroll(nodes: list[NodeB]) -> list[StepB]:
    """Steps in running order, each repeat's body once (a gloss spells out one pass)."""
    out: list[StepB] = []
    for n in nodes:
        if isinstance(n, StepB):
            out.append(n)
        else:
            out.extend(_unroll(n.body))
    return out


def _agrees(said: StepB, meant: StepB) -> bool:
    def cls(i: Intensity) -> str:
        return "work" if i.is_work else ("recover" if i in (Intensity.RECOVERY, Intensity.REST) else i.value)
    if cls(said.intensity) != cls(meant.intensity) or said.length != meant.length:
        return False
    return said.target is None or said.target == meant.target


def freeze(nodes: list[NodeB], cursor: Cursor) -> tuple[Node, ...]:
    """Model nodes from builders; default recoveries added (with a note) where the text has none."""
    out: list[Node] = []
    for n in nodes:
        if isinstance(n, StepB):
            assert not isinstance(n.length, str)
            out.append(Step(intensity=n.intensity, length=n.length, target=n.target, name=n.name,
                            note=n.note, label=n.label, span=cursor.span(n.start, n.end)))
            continue
        body = list(n.body)
        if not n.no_recovery and len(body) == 1 and isinstance(body[0], StepB):
            kind = _DEFAULT_RECOVERY.get(body[0].name or "")
            if kind is not None and body[0].intensity is Intensity.INTERVAL:
                w = body[0]
                body.append(StepB(kind.intensity, LAP_BUTTON, None, kind.name, kind.note, w.start, w.end))
                what = "a lap-button recovery (press lap to start the next one)" if w.name == "strides" \
                    else "a jog-down recovery of no fixed length"
                cursor.note(f"no recovery is written between {w.name}; added {what}", n.start, n.end,
                            code="default-recovery", hint="write the recovery, or 'w/ no recovery'")
        try:
            out.append(Repeat(count=n.count, steps=freeze(body, cursor), name=n.name,
                              span=cursor.span(n.start, n.end)))
        except PlanError as exc:
            raise cursor.fail(exc.message, n.start, n.end, code="bad-repeat") from None
    return tuple(out)


def _total(nodes: tuple[Node, ...], kind: type[Distance] | type[Duration]) -> tuple[float, bool]:
    """The sum of the lengths of ``kind`` in ``nodes`` (counts and ranges at their low end), and
    whether some steps (of the other kind, or lap button) could not be counted."""
    total, uncounted = 0.0, False
    for n in nodes:
        if isinstance(n, Step):
            length = n.length.low if isinstance(n.length, LengthRange) else n.length
            if isinstance(length, Distance) and kind is Distance:
                total += length.metres
            elif isinstance(length, Duration) and kind is Duration:
                total += length.seconds
            else:
                uncounted = True
        else:
            count = n.count.low if isinstance(n.count, CountRange) else n.count
            inner, unc = _total(n.steps, kind)
            total += count * inner
            uncounted = uncounted or unc
    return total, uncounted


def total_distance(nodes: tuple[Node, ...]) -> tuple[float, bool]:
    """Metres of the fixed distances in ``nodes``, and whether some steps could not be counted."""
    return _total(nodes, Distance)


def total_duration(nodes: tuple[Node, ...]) -> tuple[float, bool]:
    """Seconds of the fixed durations in ``nodes``, and whether some steps could not be counted."""
    return _total(nodes, Duration)
