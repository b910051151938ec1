"""Diagnostics and the exception tree.

Every error paceplan raises on purpose is a :class:`PlanError`. Each carries one or more
:class:`Diagnostic` records (severity, message, span, hint), so the same failure is text for
people (``str(e)``, rendered with carets) and data for programs (``e.diagnostics``).

Exception tree::

    PlanError(Exception)                 anything wrong with what the user gave us
     +-- PlanSyntaxError(ValueError)     text that cannot be read: notation, YAML, CSV, FIT, GPX
     |    +-- UnitsError                 a distance, duration or pace that cannot be read
     +-- PlanValueError(ValueError)      readable but invalid: a zero length, a count of 0
     +-- PaceError(ValueError)           an unknown pace label, an impossible race result
     +-- UnsupportedError                valid, but the target format or device cannot express it
     +-- OutputError(OSError)            cannot write where asked (missing or read-only folder)

Lossy but possible output is never an exception: writers return :class:`Diagnostic` warnings
(for example "6-10 reps: writing 6"), and the CLI's ``--strict`` turns them into exit code 3.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING, Generic, TypeVar

from .source import terminal_safe

if TYPE_CHECKING:
    from .source import Span

__all__ = [
    "Diagnostic",
    "OutputError",
    "PaceError",
    "PlanError",
    "PlanSyntaxError",
    "PlanValueError",
    "Result",
    "Severity",
    "UnitsError",
    "UnsupportedError",
    "render_diagnostics",
]

MAX_REPORTED = 20
"""At most this many diagnostics are rendered; the rest are counted ("... and N more")."""


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """One finding about the input or the output."""

    message: str
    """What is wrong, in one line, without a trailing full stop."""
    severity: Severity = Severity.ERROR
    """error (nothing written), warning (written, but lossy or doubtful) or note."""
    span: Span | None = None
    """Where in the input, when known."""
    hint: str | None = None
    """How to fix it, when we can tell."""
    code: str | None = None
    """A stable machine-readable tag (``unknown-pace``, ``count-range``), when there is one."""

    def render(self) -> str:
        """``file:line:col: severity: message`` plus the source line, caret and hint."""
        where = f"{self.span.location()}: " if self.span is not None else ""
        lines = [f"{where}{self.severity.value}: {self.message}"]
        if self.span is not None:
            lines.extend(self.span.render())
        if self.hint:
            lines.append(f"  = hint: {self.hint}")
        return terminal_safe("\n".join(lines))

    def as_dict(self) -> dict[str, object]:
        out: dict[str, object] = {"severity": self.severity.value, "message": self.message}
        if self.span is not None:
            out.update(file=self.span.source.name, line=self.span.line, column=self.span.column,
                       text=self.span.text)
        if self.hint:
            out["hint"] = self.hint
        if self.code:
            out["code"] = self.code
        return out

    def __str__(self) -> str:
        return self.render()


T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Result(Generic[T]):
    """A value with the warnings met while producing it (passes and writers return these)."""

    value: T
    """What was produced: a workout, FIT bytes, calendar text..."""
    warnings: tuple[Diagnostic, ...] = ()
    """Lossy or doubtful choices made on the way, for the caller to show or to fail on."""


def warning(message: str, *, span: Span | None = None, hint: str | None = None,
            code: str | None = None) -> Diagnostic:
    """A warning diagnostic (shorthand for passes and writers)."""
    return Diagnostic(message, Severity.WARNING, span, hint, code)


def render_diagnostics(diagnostics: Iterable[Diagnostic], *, limit: int = MAX_REPORTED) -> str:
    items = list(diagnostics)
    shown = [d.render() for d in items[:limit]]
    if len(items) > limit:
        shown.append(f"... and {len(items) - limit} more")
    return "\n".join(shown)


class PlanError(Exception):
    """Base of every error paceplan raises about its input or output."""

    def __init__(self, message: str | None = None, *, span: Span | None = None,
                 hint: str | None = None, code: str | None = None,
                 diagnostics: Iterable[Diagnostic] | None = None) -> None:
        diags = tuple(diagnostics or ())
        if message is not None:
            diags = (Diagnostic(message, Severity.ERROR, span, hint, code), *diags)
        if not diags:
            diags = (Diagnostic(type(self).__name__),)
        self.diagnostics: tuple[Diagnostic, ...] = diags
        super().__init__(render_diagnostics(diags))

    @property
    def errors(self) -> tuple[Diagnostic, ...]:
        """The error diagnostics (what made this fail)."""
        return tuple(d for d in self.diagnostics if d.severity is Severity.ERROR)

    @property
    def message(self) -> str:
        return self.diagnostics[0].message

    @property
    def hint(self) -> str | None:
        return self.diagnostics[0].hint

    @property
    def span(self) -> Span | None:
        return self.diagnostics[0].span

    def with_span(self, span: Span) -> PlanError:
        """The same error pointed at ``span`` (for text parsed out of a bigger source)."""
        first, *rest = self.diagnostics
        new = Diagnostic(first.message, first.severity, span, first.hint, first.code)
        return type(self)(diagnostics=(new, *rest))


class PlanSyntaxError(PlanError, ValueError):
    """Text that cannot be read."""


class UnitsError(PlanSyntaxError):
    """A distance, duration or pace that cannot be read or is out of range."""


class PlanValueError(PlanError, ValueError):
    """Readable input that describes something invalid."""


class PaceError(PlanError, ValueError):
    """An unknown pace label or an impossible race result."""


class UnsupportedError(PlanError):
    """Valid input that the chosen output (a FIT file, a device) cannot express."""


class OutputError(PlanError, OSError):
    """An output that cannot be written where it was asked for."""
