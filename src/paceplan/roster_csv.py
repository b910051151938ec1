"""Reading a team roster: a CSV file with one athlete per row.

::

    name,race,start,goal
    Ada Lovelace,mile=6:00,2026-03-02,
    "Bannister, Roger",5k=20:29,,mile=5:50

- A header row names the columns, in any order and any case: ``name`` and ``race`` (also
  ``race result`` or ``result``) are required; ``start`` (``start date``, a Monday, YYYY-MM-DD)
  and ``goal`` (a goal result, like ``--goal``) are optional. Other columns are ignored.
- Blank lines and lines starting with ``#`` are skipped. Cells may be quoted (``"a, b"``, with
  ``""`` for a quote) but may not span lines.
- Every cell is checked while reading. A bad row (no name, a race result or goal that does not
  read, a start date that is not a Monday) becomes an error diagnostic that points at its line
  and column and is *collected*: the other rows still come back, so one typo does not stop the
  team's build. A file that cannot be a roster at all (missing columns, no rows, not UTF-8, too
  big) raises :class:`~paceplan.errors.PlanValueError`.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass
from pathlib import Path

from .errors import Diagnostic, PlanError, PlanValueError
from .input_file import read_input_file
from .naming import safe_stem, unique_file_names
from .source import Source, Span

__all__ = ["MAX_ROSTER_BYTES", "MAX_ROSTER_ROWS", "Athlete", "Roster", "read_roster", "read_roster_text"]

MAX_ROSTER_BYTES = 4 * 1024 * 1024
"""Largest roster file read (4 MiB)."""
MAX_ROSTER_ROWS = 10_000
"""Most athletes in one roster."""

_COLUMNS = {
    "name": "name", "athlete": "name",
    "race": "race", "race result": "race", "result": "race",
    "start": "start", "start date": "start",
    "goal": "goal", "goal result": "goal",
}
_RACE_HINT = "write DISTANCE=TIME, like mile=6:00, 5k=20:29, HM=1:34:06"


@dataclass(frozen=True, slots=True, kw_only=True)
class Athlete:
    """One good roster row."""

    name: str
    """As written (surrounding spaces removed)."""
    race: str
    """The race result text (``mile=6:00``), already checked to read."""
    start: _dt.date | None
    """Week 1's Monday for this athlete, or None for the build's default."""
    goal: str | None
    """A goal result text, or None."""
    line: int
    """1-based line in the roster file."""
    folder: str
    """Output folder name: a slug of the name, unique in the roster (``ada-lovelace``, ``sam-2``)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Roster:
    """A roster file read: the good rows in file order, and one error per bad row."""

    name: str
    """The file name shown in diagnostics."""
    athletes: tuple[Athlete, ...]
    errors: tuple[Diagnostic, ...] = ()
    rows: int = 0
    """Athlete rows in the file, good and bad."""


def _split_cells(line: str) -> list[tuple[str, int, int]] | None:
    """``(value, start, end)`` per comma-separated cell of one line (offsets into ``line``);
    None when a quote is left open."""
    cells: list[tuple[str, int, int]] = []
    i, n = 0, len(line)
    while True:
        start = i
        if i < n and line[i] == '"':
            value: list[str] = []
            i += 1
            while True:
                if i >= n:
                    return None
                if line[i] == '"':
                    if i + 1 < n and line[i + 1] == '"':
                        value.append('"')
                        i += 2
                        continue
                    i += 1
                    break
                value.append(line[i])
                i += 1
            comma = line.find(",", i)
            end = n if comma < 0 else comma
            cells.append(("".join(value) + line[i:end], start, end))
        else:
            comma = line.find(",", i)
            end = n if comma < 0 else comma
            cells.append((line[i:end], start, end))
        if end >= n:
            return cells
        i = end + 1


def read_roster(path: str | os.PathLike[str], *, name: str | None = None) -> Roster:
    """Read a roster CSV file (UTF-8, a BOM allowed); see the module docs. ``name`` is shown in
    diagnostics instead of the path."""
    p = Path(path)
    data = read_input_file(p, limit=MAX_ROSTER_BYTES, what="roster", code="no-roster-file", too_big="roster-too-big",
                           hint="give a CSV file with columns name,race[,start][,goal]")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise PlanValueError(f"roster {str(p)!r} is not UTF-8 text (byte {exc.start})", hint="save it as UTF-8",
                             code="not-utf8") from None
    return read_roster_text(text, name=name or str(path))


def read_roster_text(text: str, *, name: str = "<roster>") -> Roster:
    """Read roster CSV text; see :func:`read_roster`."""
    if len(text) > MAX_ROSTER_BYTES:
        raise PlanValueError(f"roster {name} is too big (at most {MAX_ROSTER_BYTES} characters)",
                             code="roster-too-big")
    source = Source(text, name)
    header: dict[str, int] | None = None
    header_span: Span | None = None
    rows: list[tuple[int, list[tuple[str, Span]]]] = []
    errors: list[Diagnostic] = []
    broken = 0
    offset = 0
    for number, raw in enumerate(text.splitlines(keepends=True), start=1):
        line_start, offset = offset, offset + len(raw)
        line = raw.rstrip("\r\n")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        cells = _split_cells(line)
        if cells is None:
            errors.append(Diagnostic("a quoted cell is not closed on its line",
                                     span=source.span(line_start, line_start + len(line)),
                                     hint='close the quote ("Bannister, Roger"); cells cannot span lines',
                                     code="roster-quote"))
            broken += 1
            continue
        spanned = [(v.strip(), source.span(line_start + s, line_start + max(e, s + 1))) for v, s, e in cells]
        if header is None:
            header, header_span = _read_header(spanned, source, line_start, line)
            continue
        rows.append((number, spanned))
        if len(rows) > MAX_ROSTER_ROWS:
            raise PlanValueError(f"roster {name} has more than {MAX_ROSTER_ROWS} athletes",
                                 hint="split it into several files", code="roster-too-big")
    if header is None:
        raise PlanValueError(f"roster {name} is empty", hint="the first line names the columns: name,race,start,goal",
                             code="roster-empty")
    if not rows and not errors:
        raise PlanValueError("the roster has a header but no athletes", span=header_span, code="roster-empty")
    found: list[tuple[int, str, str, _dt.date | None, str | None]] = []
    for number, spanned in rows:
        row = _read_row(number, spanned, header, errors)
        if row is not None:
            found.append(row)
    folders = unique_file_names(safe_stem(n, fallback="athlete") for _, n, _, _, _ in found)
    athletes = tuple(Athlete(name=n, race=r, start=s, goal=g, line=number, folder=f)
                     for (number, n, r, s, g), f in zip(found, folders))
    errors.sort(key=lambda d: d.span.start if d.span is not None else 0)  # file order
    return Roster(name=name, athletes=athletes, errors=tuple(errors), rows=len(rows) + broken)


def _read_header(spanned: list[tuple[str, Span]], source: Source, line_start: int,
                 line: str) -> tuple[dict[str, int], Span]:
    columns: dict[str, int] = {}
    for index, (value, _) in enumerate(spanned):
        key = _COLUMNS.get(" ".join(value.lower().replace("_", " ").split()))
        if key is not None and key not in columns:
            columns[key] = index
    span = source.span(line_start, line_start + max(1, len(line)))
    missing = [c for c in ("name", "race") if c not in columns]
    if missing:
        raise PlanValueError(f"the roster's first line has no {' or '.join(repr(m) for m in missing)} column",
                             span=span, hint="name the columns on the first line: name,race,start,goal "
                             "(race as mile=6:00; start and goal optional)", code="roster-columns")
    return columns, span


def _read_row(number: int, spanned: list[tuple[str, Span]], header: dict[str, int],
              errors: list[Diagnostic]) -> tuple[int, str, str, _dt.date | None, str | None] | None:
    from .paces import RaceResult
    from .schedule import parse_date, resolve_start

    def cell(key: str) -> tuple[str, Span]:
        index = header.get(key)
        if index is None or index >= len(spanned):
            last = spanned[-1][1]
            return "", Span(last.source, last.end, last.end + 1)
        return spanned[index]

    name, name_span = cell("name")
    if not name:
        errors.append(Diagnostic("an athlete without a name", span=name_span,
                                 hint="every row needs a name (it names the athlete's folder)", code="roster-name"))
        return None
    race, race_span = cell("race")
    goal, goal_span = cell("goal")
    start_text, start_span = cell("start")
    bad = False
    for text, span, what in ((race, race_span, "race result"), (goal, goal_span, "goal")):
        if what == "goal" and not text:
            continue
        if not text:
            errors.append(Diagnostic(f"{name}: no race result", span=span, hint=_RACE_HINT, code="roster-race"))
            bad = True
            continue
        try:
            RaceResult.parse(text)
        except PlanError as exc:
            errors.append(Diagnostic(f"{name}: bad {what}: {exc.message}", span=span,
                                     hint=exc.hint or _RACE_HINT, code=exc.diagnostics[0].code))
            bad = True
    start: _dt.date | None = None
    if start_text:
        try:
            start = resolve_start(start=parse_date(start_text, what="start date"))
        except PlanError as exc:
            errors.append(Diagnostic(f"{name}: {exc.message}", span=start_span, hint=exc.hint,
                                     code=exc.diagnostics[0].code))
            bad = True
    if bad:
        return None
    return number, name, race, start, goal or None
