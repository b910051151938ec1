"""Source text and spans: where a piece of a plan came from, and how to point at it.

A :class:`Source` is the text a reader was given plus a name (a file path, ``<cell>``) and, for
text that sits inside a bigger file (a YAML value, a CSV cell), the line and column where it
starts there. A :class:`Span` is a half-open character range into one source. Rendering gives the
``file:line:col`` prefix and the caret line people expect from compilers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Source", "Span", "terminal_safe"]

_UNPRINTABLE = {c: "?" for c in (*range(0, 9), *range(11, 32), *range(127, 160))}


def terminal_safe(text: str) -> str:
    """``text`` with every control character but newline and tab shown as ``?``, one for one so
    carets stay aligned: an ESC or a bare CR from a plan file or a server's message must not
    drive the user's terminal (colours, titles, rewritten lines)."""
    return text.translate(_UNPRINTABLE)


@dataclass(frozen=True, slots=True)
class Source:
    """Text with a name, and where it sits inside its enclosing file."""

    text: str
    """The text the reader parsed (one cell, or a whole file)."""
    name: str = "<text>"
    """Shown before the position: a file path, or ``<text>`` for a string."""
    line_offset: int = 0
    """Lines before the text's first line in the enclosing file (0 for a whole file)."""
    column_offset: int = 0
    """Columns before the text's first character on its first line (0 for a whole file)."""
    file_line: str | None = field(default=None, compare=False)
    """The enclosing file's full first line, shown instead of the bare text when set."""

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset, in the enclosing file's terms."""
        offset = max(0, min(offset, len(self.text)))
        line = self.text.count("\n", 0, offset)
        line_start = self.text.rfind("\n", 0, offset) + 1
        col = offset - line_start
        if line == 0:
            col += self.column_offset
        return line + 1 + self.line_offset, col + 1

    def line_text(self, offset: int) -> str:
        """The whole line holding ``offset`` (the enclosing file's line for the first line)."""
        offset = max(0, min(offset, len(self.text)))
        start = self.text.rfind("\n", 0, offset) + 1
        end = self.text.find("\n", offset)
        line = self.text[start : end if end >= 0 else len(self.text)]
        if start == 0 and self.file_line is not None:
            return self.file_line
        if start == 0 and self.column_offset:
            return " " * self.column_offset + line
        return line

    def span(self, start: int, end: int | None = None) -> Span:
        return Span(self, start, start + 1 if end is None else end)


@dataclass(frozen=True, slots=True)
class Span:
    """A half-open range ``[start, end)`` of characters in a :class:`Source`."""

    source: Source = field(repr=False)
    """The text this span points into."""
    start: int
    """Offset of the first character."""
    end: int
    """Offset one past the last character (``end > start`` except at end of text)."""

    @property
    def text(self) -> str:
        return self.source.text[self.start : self.end]

    @property
    def line(self) -> int:
        return self.source.position(self.start)[0]

    @property
    def column(self) -> int:
        return self.source.position(self.start)[1]

    def location(self) -> str:
        """``name:line:col``."""
        line, col = self.source.position(self.start)
        return f"{self.source.name}:{line}:{col}"

    def render(self) -> list[str]:
        """The source line and a caret run under the span, compiler style."""
        line, col = self.source.position(self.start)
        text = self.source.line_text(self.start).replace("\t", " ")
        line_end = self.source.text.find("\n", self.start)
        stop = self.end if line_end < 0 else min(self.end, line_end)
        width = max(1, stop - self.start)
        gutter = str(line)
        pad = " " * len(gutter)
        caret = "^" + "~" * (width - 1)
        return [f"{gutter} | {text}", f"{pad} | {' ' * (col - 1)}{caret}"]
