"""Device limits for watch workouts, checked before anything is written.

The limits are community knowledge, not Garmin documents (see the FIT reference, section 14):

- at most :data:`MAX_STEP_MESSAGES` (50) ``workout_step`` messages, counting one message per
  repeat block as the FIT file has them: an error, since a watch may refuse or cut the workout;
- at most :data:`MAX_REPEAT_DEPTH` (2) levels of nested repeats: an error. Flattening is not done
  behind the caller's back, because unrolling multiplies the step count and changes what the
  watch shows ("Repeat 2 of 3"); :func:`flatten_repeats` does it on request;
- workout names over :data:`WORKOUT_NAME_MAX_BYTES`, step names over
  :data:`STEP_NAME_MAX_BYTES` and notes over :data:`NOTES_MAX_BYTES` bytes of UTF-8: warnings.
  The FIT writer cuts them with :func:`cut_utf8` (at a character boundary, never inside one).

Every finding is a warning or an error with a message naming the text and the limit; nothing is
dropped silently.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from ..errors import Diagnostic, PlanValueError, Result, Severity, UnsupportedError, warning
from ..model import CountRange, Node, Repeat, Step, Workout

if TYPE_CHECKING:
    from ..source import Span

__all__ = [
    "DESCRIPTION_MAX_BYTES",
    "MAX_REPEAT_DEPTH",
    "MAX_STEP_MESSAGES",
    "NOTES_MAX_BYTES",
    "STEP_NAME_MAX_BYTES",
    "WORKOUT_NAME_MAX_BYTES",
    "check_limits",
    "count_step_messages",
    "cut_utf8",
    "flatten_repeats",
    "limit_errors",
    "repeat_depth",
    "text_warnings",
]

MAX_STEP_MESSAGES = 50
"""Step messages per workout, repeat steps included (intervals.icu and common tools use 50)."""
MAX_REPEAT_DEPTH = 2
"""Levels of repeat blocks inside each other that paceplan writes to a watch."""
WORKOUT_NAME_MAX_BYTES = 15
"""Bytes of a workout name a watch shows (Garmin's C SDK sizes the field 16 with the NUL)."""
STEP_NAME_MAX_BYTES = 15
"""Bytes of a step name (16 with the NUL in Garmin's C SDK)."""
NOTES_MAX_BYTES = 49
"""Bytes of step notes (50 with the NUL in Garmin's C SDK)."""
DESCRIPTION_MAX_BYTES = 254
"""Bytes of the workout description: the FIT string maximum (255 with the NUL)."""


def cut_utf8(text: str, max_bytes: int) -> str:
    """The longest prefix of ``text`` whose UTF-8 encoding fits in ``max_bytes``.

    Cuts between code points, never inside one, so the result is always valid UTF-8
    (``cut_utf8("é" * 8, 15)`` is seven ``é``, 14 bytes).
    """
    if max_bytes < 0:
        raise ValueError("max_bytes must be >= 0")
    data = text.encode("utf-8")
    if len(data) <= max_bytes:
        return text
    # Step back over UTF-8 continuation bytes (0b10xxxxxx) to the start of the cut character.
    end = max_bytes
    while end > 0 and (data[end] & 0xC0) == 0x80:
        end -= 1
    return data[:end].decode("utf-8")


def count_step_messages(nodes: tuple[Node, ...] | Workout) -> int:
    """How many ``workout_step`` messages a FIT file needs: one per step and per repeat block."""
    items = nodes.steps if isinstance(nodes, Workout) else nodes
    total = 0
    for node in items:
        total += 1 + count_step_messages(node.steps) if isinstance(node, Repeat) else 1
    return total


def repeat_depth(nodes: tuple[Node, ...] | Workout) -> int:
    """Levels of nested repeat blocks: 0 for plain steps, 1 for ``6 x (400 + jog)``, ..."""
    items = nodes.steps if isinstance(nodes, Workout) else nodes
    return max((1 + repeat_depth(n.steps) if isinstance(n, Repeat) else 0 for n in items), default=0)


def limit_errors(workout: Workout, *, max_steps: int = MAX_STEP_MESSAGES,
                 max_depth: int = MAX_REPEAT_DEPTH) -> tuple[Diagnostic, ...]:
    """The errors :func:`check_limits` would raise, as data (empty when the workout fits)."""
    errors: list[Diagnostic] = []
    n = count_step_messages(workout)
    if n > max_steps:
        errors.append(Diagnostic(
            f"workout {workout.name!r} needs {n} FIT step messages (repeat blocks count as one "
            f"each); watches take at most {max_steps}",
            Severity.ERROR, None,
            "split it into two workouts, or use repeat blocks instead of listing steps one by one",
            "too-many-steps"))
    depth = repeat_depth(workout)
    if depth > max_depth:
        errors.append(Diagnostic(
            f"workout {workout.name!r} nests repeats {depth} levels deep; watches take at most "
            f"{max_depth}",
            Severity.ERROR, _deep_span(workout.steps, max_depth),
            f"flatten it with paceplan.passes.limits.flatten_repeats(workout, {max_depth}), "
            "which unrolls the innermost repeats into plain steps",
            "nesting-too-deep"))
    return tuple(errors)


def _deep_span(nodes: tuple[Node, ...], max_depth: int, level: int = 1) -> Span | None:
    for node in nodes:
        if isinstance(node, Repeat):
            if level > max_depth:
                return node.span
            found = _deep_span(node.steps, max_depth, level + 1)
            if found is not None:
                return found
    return None


def _too_long(text: str | None, limit: int, what: str, code: str,
              span: Span | None = None) -> Diagnostic | None:
    if text is None:
        return None
    size = len(text.encode("utf-8"))
    if size <= limit:
        return None
    return warning(f"{what} {text!r} is {size} bytes; watches take {limit}: writing "
                   f"{cut_utf8(text, limit)!r}", span=span, code=code,
                   hint="shorten it; put the meaning first")


def text_warnings(workout: Workout) -> tuple[Diagnostic, ...]:
    """A warning for each name, note or description longer than the watch shows."""
    found: list[Diagnostic | None] = [
        _too_long(workout.name, WORKOUT_NAME_MAX_BYTES, "workout name", "name-too-long"),
        _too_long(workout.description, DESCRIPTION_MAX_BYTES, "workout description",
                  "description-too-long"),
    ]

    def walk(nodes: tuple[Node, ...]) -> None:
        for node in nodes:
            if isinstance(node, Repeat):
                found.append(_too_long(node.name, STEP_NAME_MAX_BYTES, "repeat name",
                                       "name-too-long", node.span))
                walk(node.steps)
            else:
                found.append(_too_long(node.name, STEP_NAME_MAX_BYTES, "step name",
                                       "name-too-long", node.span))
                found.append(_too_long(node.note, NOTES_MAX_BYTES, "step note",
                                       "note-too-long", node.span))

    walk(workout.steps)
    return tuple(d for d in found if d is not None)


def check_limits(workout: Workout, *, max_steps: int = MAX_STEP_MESSAGES,
                 max_depth: int = MAX_REPEAT_DEPTH) -> Result[Workout]:
    """Check a workout against the device limits.

    Raises :class:`~paceplan.errors.UnsupportedError` (all findings at once) for too many step
    messages or too deep nesting; returns the workout unchanged with a warning for each over-long
    name or note (the FIT writer cuts those at a UTF-8 character boundary).
    """
    errors = limit_errors(workout, max_steps=max_steps, max_depth=max_depth)
    if errors:
        raise UnsupportedError(diagnostics=errors)
    return Result(workout, text_warnings(workout))


def flatten_repeats(workout: Workout, max_depth: int = MAX_REPEAT_DEPTH) -> Result[Workout]:
    """Unroll repeat blocks nested deeper than ``max_depth`` into plain steps, with a warning each.

    ``2 x (3 x (2 x (200 + 200)) + rest)`` with ``max_depth=2`` keeps the two outer blocks and
    writes the innermost ``2 x (200 + 200)`` as four steps. Counts must already be single numbers
    (run :func:`~paceplan.passes.choose.choose_ranges` first). The result may now exceed
    :data:`MAX_STEP_MESSAGES`; :func:`check_limits` says so.
    """
    if isinstance(max_depth, bool) or not isinstance(max_depth, int) or max_depth < 0:
        raise PlanValueError(f"max_depth must be a whole number >= 0, got {max_depth!r}")
    if repeat_depth(workout) <= max_depth:
        return Result(workout)
    found: list[Diagnostic] = []

    def unroll(node: Node) -> list[Step]:
        if isinstance(node, Step):
            return [node]
        if isinstance(node.count, CountRange):
            raise UnsupportedError(
                f"cannot unroll {node.count} reps: the count is still a range",
                span=node.span, hint="choose counts first (paceplan.passes.choose.choose_ranges)")
        body = [s for child in node.steps for s in unroll(child)]
        return body * node.count

    def walk(nodes: tuple[Node, ...], level: int) -> tuple[Node, ...]:
        out: list[Node] = []
        for node in nodes:
            if isinstance(node, Step):
                out.append(node)
            elif level > max_depth:
                steps = unroll(node)
                found.append(warning(
                    f"{node.count} x block nested {level} levels deep: unrolled into "
                    f"{len(steps)} steps (watches take {max_depth} levels of repeats)",
                    span=node.span, code="flatten-repeats"))
                out.extend(steps)
            else:
                out.append(replace(node, steps=walk(node.steps, level + 1)))
        return tuple(out)

    return Result(replace(workout, steps=walk(workout.steps, 1)), tuple(found))
