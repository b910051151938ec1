"""Plan files: a YAML plan or a CSV grid of cells, read into a :class:`~paceplan.model.Plan`.

This is the only module that imports ``yaml``. Every cell keeps a :class:`~paceplan.source.Source`
that knows where it sits in the file, so an error in a cell renders at the file's line and
column, with the file's own line and a caret under the words the notation reader could not
place. Problems in several cells are collected and raised together.

YAML schema (``templates/mile-8wk.yaml`` is a complete example)::

    paceplan: 1                  # optional schema version; only 1 exists
    id: mile-8wk                 # stable identity: FIT serials, calendar UIDs (letters, digits, - _ .)
    name: Run a faster mile      # title shown in calendars (default: the id, else the file name)
    description: ...             # optional notes for the athlete
    source: ...                  # optional credit: where the plan comes from
    units: imperial              # metric (default) or imperial: how bare numbers are read
    race_day: {week: 8, day: sat}   # optional: the race cell (--race-date counts back to it)
    defaults:                    # optional build options, overridden by the command line
      race: mile=7:04            #   the runner's result
      reps: low                  #   low | high | mid, for "6-10 x"
      lengths: low               #   low | high | mid, for "45 - 60 min"
      warmup: lap                #   lap (lap button, easy pace) or minutes, e.g. 10
      cooldown: lap
      time: "06:30"              #   timed calendar events instead of all-day ones
      tz: Europe/Berlin
      alarm: -PT1H               #   calendar reminder
      schedule_weeks: 4          #   weeks per FIT schedule file
    weeks:                       # one entry per week, Monday..Sunday
      - week: 1                  # optional; must equal the position
        mon: PT / Strength Focused Lift          # a cell: coach notation as written
        wed: '6-10 x 400m @ HM-10K w/ 400m jog recovery'
        sat:                     # or a list of sessions on one day (AM / PM)
          - 30 min run
          - {text: Core circuit, kind: strength, title: Core}
      - {}                       # a week with nothing planned

Day keys are ``mon tue wed thu fri sat sun`` (full names and any case accepted); a missing or
empty day has nothing planned. A session is a cell text, or a mapping with ``text`` and optional
``title`` and ``kind`` (``run race strength cross-training rest``: with a non-running kind the
text is not read as notation). Quote cells that contain ``: `` or start with ``[``, ``@`` or
``'`` (single quotes keep every character as written).

CSV grid: one row per week; seven columns Monday..Sunday, optionally preceded by a week-number
column (``1``, ``Wk 1``); an optional header row naming the weekdays (``Wk,Mon,Tue,...``; any
weekday order). Comma, semicolon or tab separated; quote cells that contain the separator.
Rows that are empty or start with ``#`` are skipped. The plan id and name come from the file
name. The race cell is the first cell the notation reader reads as a race.

Safety: YAML is read with the safe loader's composer only (no object construction, no tags);
anchors and aliases are refused (no alias bombs), and so is nesting over 20 levels (PyYAML
composes recursively); files over 1 MB, over 200 weeks, with more than 10 sessions on a day or
with cells over 2,000 characters are refused with a clear error. UTF-8 with or without a
byte-order mark and UTF-16 with one (Excel's "Unicode text") are read; CRLF line ends are fine.
"""

from __future__ import annotations

import functools
import os
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

from ..errors import Diagnostic, PlanError, PlanSyntaxError, PlanValueError, Result, Severity
from ..input_file import read_input_file
from ..model import MAX_PLAN_NAME, Day, Plan, Session, SessionKind, Week, control_character
from ..naming import WEEKDAY_KEYS, slugify, weekday_index
from ..source import Source, Span

__all__ = [
    "DEFAULT_KEYS",
    "MAX_CELL_CHARS",
    "MAX_FILE_BYTES",
    "MAX_SESSIONS_PER_DAY",
    "MAX_WEEKS",
    "Cell",
    "CellReader",
    "PlanFile",
    "read_plan",
    "read_plan_text",
]

MAX_FILE_BYTES = 1_000_000
"""Plans are a few kilobytes; anything this big is a mistake or an attack."""
MAX_WEEKS = 200
MAX_CELL_CHARS = 2000
MAX_SESSIONS_PER_DAY = 10
"""Sessions on one day (AM, PM, strength...): more is a mistake, and bounds the work."""
_MAX_YAML_EVENTS = 200_000
_MAX_YAML_DEPTH = 20

DEFAULT_KEYS: tuple[str, ...] = ("alarm", "cooldown", "lengths", "race", "reps", "schedule_weeks",
                                 "time", "tz", "warmup")
"""Build options a plan file may set under ``defaults:``."""

_TOP_KEYS = ("paceplan", "id", "name", "description", "source", "units", "race_day", "defaults", "weeks")
_SESSION_KEYS = ("text", "title", "kind")
_UNITS = ("metric", "imperial")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,63}\Z")

CellReader = Callable[[str, Source, "str | None"], "Session | Result[Session]"]
"""Reads one cell: ``(text, source, units) -> Session`` (or a Result with warnings); raises
PlanError on bad text."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Cell:
    """One session's text in a plan file, and where it is."""

    week: int
    """1-based week."""
    weekday: int
    """0 = Monday .. 6 = Sunday."""
    slot: int
    """Position among the day's sessions (0 = first)."""
    text: str
    """The cell text exactly as written (surrounding blanks removed)."""
    source: Source = field(compare=False)
    """The text placed in its file, for diagnostics."""
    kind: SessionKind | None = None
    """An explicit kind from the file (``kind: strength``), else None (the notation decides)."""
    title: str | None = None
    """An explicit title from the file, else None."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanFile:
    """A plan read from a file: the model plus what the file says about building it."""

    plan: Plan
    """The weeks of sessions."""
    units: str | None
    """``metric``, ``imperial``, or None when the file does not say (the notation reader then
    decides ambiguous units from context)."""
    defaults: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    """Build options from ``defaults:`` (keys in :data:`DEFAULT_KEYS`), as text."""
    race_day: tuple[int, int] | None = None
    """(week, weekday) of the race cell, when the file or the notation names one."""
    cells: tuple[Cell, ...] = ()
    """Every non-empty cell, in order."""
    source: str | None = None
    """The plan's credit line, when given."""
    default_spans: Mapping[str, Span] = field(default_factory=lambda: MappingProxyType({}), compare=False)
    """Where each default was written, for error messages about its value."""
    warnings: tuple[Diagnostic, ...] = ()
    """Warnings and notes the cell reader made (a conversion that does not match...)."""


# --------------------------------------------------------------------------- entry points

def read_plan(path: str | os.PathLike[str], *, format: str | None = None, units: str | None = None,
              cell_reader: CellReader | None = None, name: str | None = None) -> PlanFile:
    """Read a plan file (``.yaml``/``.yml`` or ``.csv``/``.tsv``; ``format`` overrides the suffix).

    ``units`` overrides the file's ``units:``. ``cell_reader`` reads each cell (default: the
    notation reader). ``name`` is shown in diagnostics instead of the path. Raises :class:`PlanSyntaxError` or :class:`PlanValueError` with every
    problem found, each pointing into the file.
    """
    p = Path(path)
    data = read_input_file(p, limit=MAX_FILE_BYTES, what="plan file", code="no-plan-file", too_big="plan-too-big",
                           hint="check the path, or use --template mile-8wk",
                           size_hint="plans are a few kilobytes")
    text = _decode_plan(data, str(p))
    fmt = format or _format_of(p)
    return read_plan_text(text, name=name or str(path), format=fmt, units=units, cell_reader=cell_reader,
                          stem=p.stem)


def read_plan_text(text: str, *, name: str = "<plan>", format: str = "yaml", units: str | None = None,
                   cell_reader: CellReader | None = None, stem: str | None = None) -> PlanFile:
    """Read plan text; see :func:`read_plan`. ``name`` is shown in diagnostics."""
    # A byte-order mark (spreadsheets and Windows editors write one) is not part of the plan.
    text = text.removeprefix("\ufeff")
    if len(text) > MAX_FILE_BYTES:
        raise PlanValueError(f"plan text of {len(text)} characters is too long (at most {MAX_FILE_BYTES})",
                             code="plan-too-big", span=Source(text, name).span(MAX_FILE_BYTES, len(text)))
    fmt = format.lower()
    if fmt in ("yaml", "yml"):
        raw = _read_yaml(text, name)
    elif fmt in ("csv", "tsv"):
        raw = _read_csv(text, name, stem or Path(name).stem)
    else:
        raise PlanValueError(f"unknown plan format {format!r}", hint="use yaml or csv", code="plan-format")
    if units is not None:
        if units not in _UNITS:
            raise PlanValueError(f"unknown units {units!r}", hint="use metric or imperial")
        raw.units = units
    return _build(raw, cell_reader or _notation_reader)


def _decode_plan(data: bytes, name: str) -> str:
    """UTF-8 (with or without a byte-order mark), or UTF-16 with its mark (Excel's "Unicode
    text" export)."""
    encoding = "utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig"
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise PlanSyntaxError(f"plan file {name!r} is not {encoding.upper().removesuffix('-SIG')} text "
                              f"(byte {exc.start})", hint="save it as UTF-8", code="not-utf8") from None


def _format_of(p: Path) -> str:
    suffix = p.suffix.lower()
    if suffix in (".csv", ".tsv", ".txt"):
        return "csv"
    return "yaml"


# --------------------------------------------------------------------------- shared plumbing

@dataclass(slots=True)
class _Raw:
    """What a file said, before the cells are read."""

    name: str
    plan_id: str
    title: str
    units: str | None = None
    description: str | None = None
    credit: str | None = None
    race_day: tuple[int, int] | None = None
    race_span: Span | None = None
    defaults: dict[str, str] = field(default_factory=dict)
    default_spans: dict[str, Span] = field(default_factory=dict)
    weeks: int = 0
    weeks_span: Span | None = None
    cells: list[Cell] = field(default_factory=list)
    errors: list[Diagnostic] = field(default_factory=list)


def _notation_reader(text: str, source: Source, units: str | None) -> Result[Session]:
    from .notation import read_notation_result  # a sibling reader, loaded only when cells are read

    return read_notation_result(text, source=source, units=units)


def _err(message: str, span: Span | None = None, hint: str | None = None, code: str | None = None) -> Diagnostic:
    return Diagnostic(message, Severity.ERROR, span, hint, code)


def _raise(diags: list[Diagnostic]) -> None:
    if diags:
        raise PlanSyntaxError(diagnostics=diags)


def _build(raw: _Raw, reader: CellReader) -> PlanFile:
    _raise(raw.errors)
    sessions: dict[tuple[int, int], list[Session]] = {}
    texts: dict[tuple[int, int], str] = {}
    errors: list[Diagnostic] = []
    warns: list[Diagnostic] = []
    for cell in raw.cells:
        try:
            session = _read_cell(cell, reader, raw.units, warns)
        except PlanError as exc:
            errors.extend(exc.diagnostics)
            continue
        sessions.setdefault((cell.week, cell.weekday), []).append(session)
        texts.setdefault((cell.week, cell.weekday), cell.text)
    race_day = raw.race_day
    if race_day is not None and not errors:
        day_sessions = sessions.get(race_day)
        if not day_sessions:
            errors.append(_err(f"race_day points at week {race_day[0]} {WEEKDAY_KEYS[race_day[1]]}, "
                               "which has nothing planned", raw.race_span,
                               "point race_day at the race cell", "race-day"))
        else:
            first = day_sessions[0]
            if first.kind is SessionKind.RUN:
                day_sessions[0] = Session(kind=SessionKind.RACE, title=first.title, workout=first.workout,
                                          length=first.length, text=first.text,
                                          alternatives=first.alternatives, span=first.span)
            elif first.kind is not SessionKind.RACE:
                errors.append(_err(f"race_day points at a {first.kind.value} session, not a run", raw.race_span,
                                   "point race_day at the race cell", "race-day"))
    _raise(errors)
    if race_day is None:
        race_day = next(((w, d) for (w, d), ss in sorted(sessions.items())
                         if any(s.kind is SessionKind.RACE for s in ss)), None)
    weeks = []
    for number in range(1, raw.weeks + 1):
        days = [Day(weekday=d, sessions=tuple(sessions[(number, d)]), text=texts.get((number, d)))
                for d in range(7) if (number, d) in sessions]
        weeks.append(Week(number=number, days=tuple(days)))
    if not weeks:
        raise PlanValueError(f"{raw.name}: the plan has no weeks", span=raw.weeks_span, hint="add a `weeks:` list (YAML) or rows (CSV)",
                             code="no-weeks")
    plan = Plan(name=raw.title, id=raw.plan_id, weeks=tuple(weeks), description=raw.description)
    return PlanFile(plan=plan, units=raw.units, defaults=MappingProxyType(dict(raw.defaults)),
                    race_day=race_day, cells=tuple(raw.cells), source=raw.credit,
                    default_spans=MappingProxyType(dict(raw.default_spans)), warnings=tuple(warns))


def _read_cell(cell: Cell, reader: CellReader, units: str | None, warns: list[Diagnostic]) -> Session:
    if cell.kind is not None and cell.kind not in (SessionKind.RUN, SessionKind.RACE):
        return Session(kind=cell.kind, title=cell.title or cell.text, text=cell.text)
    read = reader(cell.text, cell.source, units)
    if isinstance(read, Result):
        warns.extend(read.warnings)
        read = read.value
    session = read
    if cell.kind is SessionKind.RACE and session.kind is SessionKind.RUN:
        session = Session(kind=SessionKind.RACE, title=session.title, workout=session.workout,
                          length=session.length, text=session.text, alternatives=session.alternatives,
                          span=session.span)
    elif cell.kind is not None and session.kind is not cell.kind:
        raise PlanValueError(f"the cell says kind {cell.kind.value} but reads as a {session.kind.value} session",
                             span=cell.source.span(0, len(cell.text)), code="kind-mismatch")
    if cell.title and cell.title != session.title:
        session = Session(kind=session.kind, title=cell.title, workout=session.workout, length=session.length,
                          text=session.text, alternatives=session.alternatives, span=session.span)
    if session.text is None:
        session = Session(kind=session.kind, title=session.title, workout=session.workout, length=session.length,
                          text=cell.text, alternatives=session.alternatives, span=session.span)
    return session


def _line_of(text: str, line: int) -> str:
    lines = _lines(text)
    return lines[line] if 0 <= line < len(lines) else ""


@functools.lru_cache(maxsize=4)
def _lines(text: str) -> tuple[str, ...]:
    """The file's lines, split once per file: every cell's Source shares these strings (a copy
    per cell of a megabyte-long line would take gigabytes)."""
    return tuple(line.rstrip("\r") for line in text.split("\n"))


# --------------------------------------------------------------------------- YAML

def _read_yaml(text: str, name: str) -> _Raw:
    import yaml

    # libyaml's C parser when PyYAML has it (its wheels do): the same events and marks, 5-10x faster.
    safe_loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

    file_src = Source(text=text, name=name)

    def mark_span(mark: Any, end: Any = None) -> Span:
        start = min(mark.index, len(text))
        stop = min(end.index, len(text)) if end is not None else start + 1
        return file_src.span(start, max(stop, start + 1) if start < len(text) else start)

    def scan(loader: Any) -> Any:
        count = depth = 0
        for event in yaml.parse(text, Loader=loader):
            count += 1
            # PyYAML composes recursively: a plan nests five levels deep, and thousands of '['
            # would end in RecursionError (after a long wait). Count the levels as they open.
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
                if depth > _MAX_YAML_DEPTH:
                    raise PlanSyntaxError(f"the YAML nests more than {_MAX_YAML_DEPTH} levels deep",
                                          span=mark_span(event.start_mark), code="plan-too-deep",
                                          hint="a plan is weeks > days > sessions; check the brackets")
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
            if isinstance(event, yaml.AliasEvent):
                raise PlanSyntaxError(f"YAML aliases (*{event.anchor}) are not allowed in plan files",
                                      span=mark_span(event.start_mark, event.end_mark),
                                      hint="write the text out in full", code="yaml-alias")
            anchor = getattr(event, "anchor", None)
            if anchor is not None:
                raise PlanSyntaxError(f"YAML anchors (&{anchor}) are not allowed in plan files",
                                      span=mark_span(event.start_mark), hint="write the text out in full",
                                      code="yaml-alias")
            if count > _MAX_YAML_EVENTS:
                raise PlanValueError(f"{name}: the YAML is too large for a plan", code="plan-too-big",
                                     span=mark_span(event.start_mark))
        return yaml.compose(text, Loader=loader)

    try:
        try:
            root = scan(safe_loader)
        except yaml.YAMLError:
            if safe_loader is yaml.SafeLoader:
                raise
            root = scan(yaml.SafeLoader)  # the same error again, in PyYAML's own words and marks
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        msg = f"cannot read the YAML: {exc.problem or exc.context}"
        span = mark_span(mark) if mark is not None else None
        raise PlanSyntaxError(msg, span=span, hint="check the indentation and quote cells that contain ': '",
                              code="yaml-syntax") from None
    except yaml.reader.ReaderError as exc:
        # A character YAML does not allow (a control character pasted from a chat or a PDF):
        # the reader knows its offset but raises no MarkedYAMLError.
        offset = min(max(0, int(exc.position)), len(text))
        char = exc.character if isinstance(exc.character, str) else chr(exc.character)
        raise PlanSyntaxError(f"cannot read the YAML: control character {char!r} (U+{ord(char):04X})",
                              span=file_src.span(offset), code="yaml-syntax",
                              hint="delete it (it is invisible in most editors) or put the text in quotes "
                                   "without it") from None
    except yaml.YAMLError as exc:
        raise PlanSyntaxError(f"{name}: cannot read the YAML: {exc}", code="yaml-syntax") from None

    stem = Path(name).stem if not name.startswith("<") else "plan"
    raw = _Raw(name=name, plan_id="", title="")
    if root is None:
        raise PlanValueError("the plan file is empty", hint="start from `paceplan templates`",
                             code="empty-plan", span=file_src.span(0, min(len(text), 1)))
    if not isinstance(root, yaml.MappingNode):
        raise PlanSyntaxError("a plan file is a mapping (id:, name:, weeks: ...)", span=mark_span(root.start_mark),
                              code="plan-shape")

    def node_span(node: Any) -> Span:
        return mark_span(node.start_mark, node.end_mark)

    def scalar(node: Any, what: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            raw.errors.append(_err(f"{what} must be text", node_span(node), code="plan-shape"))
            return None
        return node.value

    def pairs(node: Any, what: str, allowed: tuple[str, ...] | None) -> Iterator[tuple[str, Any, Any]]:
        seen: set[str] = set()
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                raw.errors.append(_err(f"{what}: keys must be plain names", node_span(key_node), code="plan-shape"))
                continue
            key = key_node.value
            if key in seen:
                raw.errors.append(_err(f"{what}: {key!r} appears twice", node_span(key_node), code="duplicate-key"))
                continue
            seen.add(key)
            if allowed is not None and key not in allowed:
                raw.errors.append(_err(f"{what}: unknown key {key!r}", node_span(key_node),
                                       f"known keys: {', '.join(allowed)}", "unknown-key"))
                continue
            yield key, key_node, value_node

    top: dict[str, tuple[Any, Any]] = {k: (kn, vn) for k, kn, vn in pairs(root, "plan", _TOP_KEYS)}

    if "paceplan" in top:
        v = scalar(top["paceplan"][1], "paceplan (the schema version)")
        if v is not None and v.strip() != "1":
            raw.errors.append(_err(f"unknown plan schema version {v!r}", node_span(top["paceplan"][1]),
                                   "this paceplan reads version 1", "plan-version"))
    plan_id = scalar(top["id"][1], "id") if "id" in top else None
    title = scalar(top["name"][1], "name") if "name" in top else None
    if plan_id is not None and not _ID.match(plan_id):
        raw.errors.append(_err(f"plan id {plan_id!r} must be 1-64 letters, digits, '-', '_' or '.'",
                               node_span(top["id"][1]), "for example: mile-8wk", "plan-id"))
    raw.title = (title or plan_id or stem).strip() or stem
    raw.plan_id = plan_id or slugify(title or stem, max_len=64) or "plan"
    if "description" in top:
        raw.description = scalar(top["description"][1], "description")
    if "source" in top:
        raw.credit = scalar(top["source"][1], "source")
    for key, value, one_line in (("name", title, True), ("description", raw.description, False),
                                 ("source", raw.credit, True)):
        if key == "name" and value is not None and len(value) > MAX_PLAN_NAME:
            raw.errors.append(_err(f"plan name of {len(value)} characters is too long (at most {MAX_PLAN_NAME})",
                                   node_span(top[key][1]), "put the details in description:", "plan-name"))
        bad = control_character(value, one_line=one_line) if value is not None else None
        if value is not None and bad is not None:
            raw.errors.append(_err(f"plan {key} contains the control character U+{ord(bad):04X} "
                                   f"at character {value.index(bad) + 1}", node_span(top[key][1]),
                                   "write it as plain text on one line" if one_line else "write it as plain text",
                                   "control-character"))
    if "units" in top:
        u = scalar(top["units"][1], "units")
        if u is not None:
            if u.strip().lower() not in _UNITS:
                raw.errors.append(_err(f"unknown units {u!r}", node_span(top["units"][1]),
                                       "use metric or imperial", "plan-units"))
            else:
                raw.units = u.strip().lower()
    if "defaults" in top:
        dn = top["defaults"][1]
        if not isinstance(dn, yaml.MappingNode):
            raw.errors.append(_err("defaults must be a mapping of build options", node_span(dn), code="plan-shape"))
        else:
            for key, _kn, vn in pairs(dn, "defaults", DEFAULT_KEYS):
                v = scalar(vn, f"defaults.{key}")
                if v is not None:
                    raw.defaults[key] = v.strip()
                    raw.default_spans[key] = node_span(vn)
    if "weeks" not in top:
        raw.errors.append(_err("the plan has no `weeks:` list", node_span(root),
                               "add weeks: with one entry per week (see `paceplan templates`)", "no-weeks"))
        return raw
    wn = top["weeks"][1]
    if not isinstance(wn, yaml.SequenceNode):
        raw.errors.append(_err("weeks must be a list, one entry per week", node_span(wn), code="plan-shape"))
        return raw
    if len(wn.value) > MAX_WEEKS:
        raw.errors.append(_err(f"{len(wn.value)} weeks is more than a plan can have ({MAX_WEEKS})",
                               node_span(wn), code="plan-too-big"))
        return raw
    raw.weeks = len(wn.value)
    raw.weeks_span = node_span(wn)
    for index, week_node in enumerate(wn.value, start=1):
        if isinstance(week_node, yaml.ScalarNode) and week_node.value in ("", "~", "null"):
            continue
        if not isinstance(week_node, yaml.MappingNode):
            raw.errors.append(_err(f"week {index} must be a mapping of weekdays (mon: ..., tue: ...)",
                                   node_span(week_node), code="plan-shape"))
            continue
        day_seen: set[int] = set()
        for key, kn, vn in pairs(week_node, f"week {index}", None):
            if key in ("week", "note"):
                if key == "week":
                    v = scalar(vn, "week")
                    if v is not None and v.strip() != str(index):
                        raw.errors.append(_err(f"this is week {index} of the list but says week {v}", node_span(vn),
                                               "weeks are numbered by their order; fix or drop `week:`",
                                               "week-number"))
                continue
            wd = weekday_index(key)
            if wd is None:
                raw.errors.append(_err(f"week {index}: {key!r} is not a weekday", node_span(kn),
                                       "use mon, tue, wed, thu, fri, sat, sun (or week:, note:)", "unknown-key"))
                continue
            if wd in day_seen:
                raw.errors.append(_err(f"week {index}: {WEEKDAY_KEYS[wd]} appears twice", node_span(kn),
                                       code="duplicate-key"))
                continue
            day_seen.add(wd)
            items = vn.value if isinstance(vn, yaml.SequenceNode) else [vn]
            if len(items) > MAX_SESSIONS_PER_DAY:
                raw.errors.append(_err(f"week {index} {WEEKDAY_KEYS[wd]}: {len(items)} sessions on one day "
                                       f"(at most {MAX_SESSIONS_PER_DAY})", node_span(vn), code="plan-too-big"))
                continue
            slot = 0
            for item in items:
                cell = _yaml_cell(item, index, wd, slot, text, name, node_span, raw, yaml)
                if cell is not None:
                    raw.cells.append(cell)
                    slot += 1
    if "race_day" in top:
        _yaml_race_day(top["race_day"][1], raw, node_span, yaml)
    return raw


def _yaml_source(node: Any, text: str, name: str) -> Source:
    value = node.value
    mark = node.start_mark
    style = node.style
    if style in ("|", ">"):
        # Block scalars start on the next line, at the block's indentation.
        first = _line_of(text, mark.line + 1)
        indent = len(first) - len(first.lstrip(" "))
        return Source(text=value, name=name, line_offset=mark.line + 1, column_offset=indent, file_line=first)
    col = mark.column + (1 if style in ("'", '"') else 0)
    return Source(text=value, name=name, line_offset=mark.line, column_offset=col,
                  file_line=_line_of(text, mark.line))


def _strip_source(src: Source) -> tuple[str, Source]:
    """The cell text without surrounding blanks, its source shifted to match."""
    stripped = src.text.strip()
    if stripped == src.text:
        return stripped, src
    lead = len(src.text) - len(src.text.lstrip())
    before = src.text[:lead]
    nl = before.count("\n")
    if nl:
        col = lead - (before.rfind("\n") + 1)
        return stripped, Source(text=stripped, name=src.name, line_offset=src.line_offset + nl, column_offset=col)
    return stripped, Source(text=stripped, name=src.name, line_offset=src.line_offset,
                            column_offset=src.column_offset + lead, file_line=src.file_line)


def _yaml_cell(node: Any, week: int, wd: int, slot: int, text: str, name: str, node_span: Any, raw: _Raw,
               yaml: Any) -> Cell | None:
    kind: SessionKind | None = None
    title: str | None = None
    if isinstance(node, yaml.MappingNode):
        text_node = None
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key not in _SESSION_KEYS:
                raw.errors.append(_err(f"unknown session key {key!r}", node_span(key_node),
                                       f"known keys: {', '.join(_SESSION_KEYS)}", "unknown-key"))
                return None
            if not isinstance(value_node, yaml.ScalarNode):
                raw.errors.append(_err(f"session {key} must be text", node_span(value_node), code="plan-shape"))
                return None
            if key == "text":
                text_node = value_node
            elif key == "title":
                title = value_node.value.strip() or None
            else:
                try:
                    kind = SessionKind(value_node.value.strip().lower())
                except ValueError:
                    raw.errors.append(_err(f"unknown session kind {value_node.value!r}", node_span(value_node),
                                           f"use one of: {', '.join(k.value for k in SessionKind)}",
                                           "session-kind"))
                    return None
        if text_node is None:
            if title and kind is not None and kind not in (SessionKind.RUN, SessionKind.RACE):
                return Cell(week=week, weekday=wd, slot=slot, text=title,
                            source=Source(text=title, name=name), kind=kind, title=title)
            raw.errors.append(_err("a session mapping needs text:", node_span(node), code="plan-shape"))
            return None
        node = text_node
    if not isinstance(node, yaml.ScalarNode):
        raw.errors.append(_err("a day is a cell text or a list of sessions", node_span(node), code="plan-shape"))
        return None
    if node.style is None and node.value in ("", "~", "null", "Null", "NULL"):
        return None
    if len(node.value) > MAX_CELL_CHARS:
        raw.errors.append(_err(f"a cell of {len(node.value)} characters is too long (at most {MAX_CELL_CHARS})",
                               node_span(node), code="cell-too-long"))
        return None
    cell_text, source = _strip_source(_yaml_source(node, text, name))
    if not cell_text:
        return None
    return Cell(week=week, weekday=wd, slot=slot, text=cell_text, source=source, kind=kind, title=title)


def _yaml_race_day(node: Any, raw: _Raw, node_span: Any, yaml: Any) -> None:
    raw.race_span = node_span(node)
    if not isinstance(node, yaml.MappingNode):
        raw.errors.append(_err("race_day is {week: N, day: sat}", node_span(node), code="race-day"))
        return
    values = {k.value: v for k, v in node.value if isinstance(k, yaml.ScalarNode) and isinstance(v, yaml.ScalarNode)}
    week_text, day_text = values.get("week"), values.get("day")
    if week_text is None or day_text is None or len(node.value) != 2:
        raw.errors.append(_err("race_day is {week: N, day: sat}", node_span(node), code="race-day"))
        return
    wd = weekday_index(day_text.value)
    # isdigit() admits '²' and other digits int() refuses; a week is plain ASCII digits.
    if re.fullmatch(r"[0-9]{1,3}", week_text.value) is None or not 1 <= int(week_text.value) <= raw.weeks:
        raw.errors.append(_err(f"race_day week {week_text.value!r} is not a week of this plan (1-{raw.weeks})",
                               node_span(week_text), code="race-day"))
        return
    if wd is None:
        raw.errors.append(_err(f"race_day day {day_text.value!r} is not a weekday", node_span(day_text),
                               "use mon .. sun", "race-day"))
        return
    raw.race_day = (int(week_text.value), wd)


# --------------------------------------------------------------------------- CSV

@dataclass(frozen=True, slots=True)
class _Field:
    value: str
    start: int
    """Offset in the file of the value's first character (inside the quotes)."""
    quoted: bool


def _csv_delimiter(text: str) -> str:
    first = next((ln for ln in text.splitlines() if ln.strip() and not ln.lstrip().startswith("#")), "")
    outside = re.sub(r'"[^"]*"', "", first)
    counts = {d: outside.count(d) for d in (",", ";", "\t")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _csv_rows(text: str, delim: str, src: Source) -> Iterator[tuple[int, list[_Field]]]:
    """Rows of fields with offsets (RFC 4180 quoting: "..." with "" for a quote)."""
    i, n = 0, len(text)
    while i < n:
        row_start = i
        fields: list[_Field] = []
        while True:
            j = i
            while j < n and text[j] in " \t" and text[j] != delim:
                j += 1
            if j < n and text[j] == '"':
                j += 1
                start = j
                buf: list[str] = []
                while True:
                    if j >= n:
                        raise PlanSyntaxError("a quoted cell is never closed", span=src.span(start - 1),
                                              hint='end the cell with " (write "" for a quote inside it)',
                                              code="csv-quote")
                    if text[j] == '"':
                        if j + 1 < n and text[j + 1] == '"':
                            buf.append('"')
                            j += 2
                            continue
                        j += 1
                        break
                    buf.append(text[j])
                    j += 1
                while j < n and text[j] in " \t" and text[j] != delim:
                    j += 1
                if j < n and text[j] not in (delim, "\r", "\n"):
                    raise PlanSyntaxError("text after a quoted cell", span=src.span(j),
                                          hint="put the whole cell inside the quotes", code="csv-quote")
                fields.append(_Field("".join(buf), start, True))
            else:
                start = i
                while j < n and text[j] not in (delim, "\r", "\n"):
                    j += 1
                fields.append(_Field(text[start:j], start, False))
            i = j
            if i < n and text[i] == delim:
                i += 1
                continue
            break
        if i < n and text[i] == "\r":
            i += 1
        if i < n and text[i] == "\n":
            i += 1
        yield row_start, fields


def _csv_cell_source(field_: _Field, text: str, name: str) -> tuple[str, Source]:
    line = text.count("\n", 0, field_.start)
    line_start = text.rfind("\n", 0, field_.start) + 1
    col = field_.start - line_start
    src = Source(text=field_.value, name=name, line_offset=line, column_offset=col,
                 file_line=_line_of(text, line))
    return _strip_source(src)


def _is_header(fields: list[_Field]) -> bool:
    days = [weekday_index(f.value) for f in fields]
    return sum(d is not None for d in days) >= 3


_WEEK_LABEL = re.compile(r"(?:w|wk|week)?(?:\s*\.)?\s*(\d{1,3})", re.IGNORECASE)


def _week_label(value: str) -> int | None:
    # Stripped first and no two blank runs side by side: "\s*\.?\s*" between other "\s*" took
    # cubic time on a cell of spaces (1,600 spaces: 18 s).
    m = _WEEK_LABEL.fullmatch(value.strip())
    return int(m.group(1)) if m else None


def _read_csv(text: str, name: str, stem: str) -> _Raw:
    src = Source(text=text, name=name)
    delim = "\t" if name.lower().endswith(".tsv") else _csv_delimiter(text)
    raw = _Raw(name=name, plan_id=slugify(stem, max_len=64) or "plan", title=stem)
    rows = [(start, fields) for start, fields in _csv_rows(text, delim, src)
            if any(f.value.strip() for f in fields) and not (fields[0].value.lstrip().startswith("#")
                                                              and not fields[0].quoted)]
    if not rows:
        raise PlanValueError("the CSV has no rows", code="no-weeks", span=src.span(0, min(len(text), 1)),
                             hint="one row per week, seven cells Monday..Sunday")
    columns: list[int | None]  # weekday per column; None = the week-number column
    first_start, first = rows[0]
    if _is_header(first):
        columns = []
        for f in first:
            wd = weekday_index(f.value)
            if wd is None and f.value.strip() and _week_label(f.value) is None \
                    and f.value.strip().lower() not in ("wk", "week", "#"):
                raw.errors.append(_err(f"header cell {f.value.strip()!r} is not a weekday", src.span(f.start),
                                       "name the columns Mon..Sun, with an optional Wk column first",
                                       "csv-header"))
            columns.append(wd)
        seen = [c for c in columns if c is not None]
        if len(seen) != len(set(seen)):
            raw.errors.append(_err("a weekday is named twice in the header", src.span(first_start),
                                   code="csv-header"))
        rows = rows[1:]
        has_week_col = columns and columns[0] is None
    else:
        width = len(first)
        has_week_col = width == 8 or (width >= 2 and _week_label(first[0].value) is not None and width != 7)
        columns = ([None] if has_week_col else []) + list(range(7))
    if raw.errors:
        return raw
    expected = len(columns)
    if len(rows) > MAX_WEEKS:
        raw.errors.append(_err(f"{len(rows)} weeks is more than a plan can have ({MAX_WEEKS})", code="plan-too-big"))
        return raw
    raw.weeks = len(rows)
    for number, (row_start, fields) in enumerate(rows, start=1):
        while len(fields) > expected and not fields[-1].value.strip():
            fields = fields[:-1]  # trailing separators from spreadsheets
        if len(fields) > expected:
            raw.errors.append(_err(f"week {number} has {len(fields)} cells, expected {expected}",
                                   src.span(fields[expected].start),
                                   "quote cells that contain the separator", "csv-columns"))
            continue
        for col, f in enumerate(fields):
            wd = columns[col]
            if wd is None:
                label = _week_label(f.value)
                if f.value.strip() and label != number:
                    raw.errors.append(_err(f"row {number} is labelled week {f.value.strip()!r}", src.span(f.start),
                                           "weeks are numbered by their order, from 1", "week-number"))
                continue
            if len(f.value) > MAX_CELL_CHARS:
                raw.errors.append(_err(f"a cell of {len(f.value)} characters is too long", src.span(f.start),
                                       code="cell-too-long"))
                continue
            cell_text, source = _csv_cell_source(f, text, name)
            if cell_text:
                raw.cells.append(Cell(week=number, weekday=wd, slot=0, text=cell_text, source=source))
    raw.cells.sort(key=lambda c: (c.week, c.weekday, c.slot))
    return raw
