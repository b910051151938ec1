"""Read coach notation (one plan cell) into a :class:`~paceplan.model.Session`.

The reader takes the text as coaches write it (``6-10 x 400m @ HM-10K w/ 400m jog recovery``,
``30 min + 4 x 20 sec strides or OFF``, ``PT / Strength Focused Lift``, ``Mile``) and returns the
session a coach means, or raises one :class:`~paceplan.errors.PlanSyntaxError` holding every
problem it found, each pointing at the words it could not place.

Decisions a coach may want to know about (all documented in the README cheat-sheet):

- ``A or B`` at the top of a cell: A is the session, B its alternative (``... or OFF``).
- A bare length is an easy run (ACTIVE, target ``E``); a length with a pace is a rep (INTERVAL).
- ``jog`` recoveries are RECOVERY, ``walk``/``rest`` are REST; ``jog down`` (hills) has no fixed
  length (lap button).
- Strides and hills written without a recovery get a lap-button recovery (a jog-down for hills),
  reported as a note; ``w/ no recovery`` says none.
- A whole-run frame (``8 miles w/ 4 miles @ T``) becomes easy running split evenly before and
  after the quality, so the total matches; ``14 miles, last 2 miles @ T`` puts the quality last.
- The race cell (``Mile``, ``5-K Test``) is a RACE session whose workout is one INTERVAL step of
  the race distance at the race's own pace label (``PaceRef("Mile")``), named ``race``.
- Words in round brackets that are not workout are kept as the description with an
  ``unread-text`` warning; ``[square brackets]`` say "this is a note".

The package: :mod:`.lexer` (tokens with offsets), :mod:`.vocab` (every word the grammar knows:
kinds, units, labels written without ``@``, sentence words), :mod:`.terms` (counts, lengths,
targets at a cursor), :mod:`.grammar` and :mod:`.clauses` (the rules below), :mod:`.builders`
(mutable steps the clauses still edit, then frozen into the model, with default recoveries).

The grammar, as the recursive-descent parser reads it (one token of lookahead in most places,
a bounded scan in a few; every rule is linear in the tokens it consumes)::

    cell      = option { "or" option } ;
    option    = rest | strength | cross | race | run ;
    race      = race-label [ race-word ] [ "(" words ")" | "," length ] ;
    run       = [ title ( ":" | "-" ) | title ] ( frame | sequence ) ;
    title     = word { word } ;                  (* at most six, no sentence words *)
    frame     = length ( "w/" | "," [ "last" ] ) sequence ;   (* the easy rest fills the total *)
    sequence  = item { separator item | clause } ;
    separator = "+" | ";" | "," | "." | ">" | "&" | "!" | "then" | "plus" | "followed by"
              | "and" | newline | bullet ;
    item      = count body | steps [ "x" number [ "-" number ] ] ;
    count     = number [ "-" number ] ( "x" | "sets of" | "times" ) | spelled-number ;
    body      = "(" sequence ")" | count body | legs { ( "/" | "off" | "on" ) legs } ;
    steps     = length { "," length } legs ;     (* a ladder: lengths of one kind *)
    legs      = [ kind ] ( length { "/" length } | daniels ) [ "or" length ] [ "(" length ")" ]
                [ kind ] [ label ] [ quoted-name ] [ target { "/" target } ]
                [ "as" words ] [ "for" words ] { "[" note "]" } ;
    daniels   = number CAPITAL-PACE-LETTER ;    (* 2E, 1T: miles, or km in a metric plan *)
    target    = ( "@" | "at" ) ( pace | [ percent "%" [ "of" ] ] label [ offset ] ) ;
    clause    = "w/" recovery | "take" recovery | "repeat" number "times"
              | "(" recovery ")" | "(" "i.e." sequence ")" | "(" words ")" | "[" note "]"
              | recovery-word legs "between" what ;
    recovery  = [ "a" ] legs { "and" legs } ;   (* "between reps" / "between sets" place it *)
"""

from __future__ import annotations

from dataclasses import replace

from ...errors import Diagnostic, PlanError, PlanSyntaxError, Result
from ...labels import RACE_DISTANCES_M
from ...model import (
    Intensity,
    Length,
    LengthRange,
    Node,
    Session,
    SessionKind,
    Step,
    Workout,
)
from ...paces.refs import parse_pace_ref
from ...source import Source, Span
from ...units import Distance, Duration
from .lexer import MAX_TEXT, Token, fold, tokenize
from .lexer import Kind as T
from .grammar import Parser, freeze, total_distance, total_duration
from .builders import NodeB, RepeatB, StepB
from .terms import Cursor, Fail
from .vocab import (
    CROSS_WORDS,
    DIST_UNITS,
    EASY,
    KINDS,
    RACE_WORDS,
    REST_WORDS,
    STRENGTH_WORDS,
    TIME_UNITS,
    MAX_TITLE_WORDS,
    PROSE_WORDS,
    TITLE_WORDS,
)

__all__ = ["read_notation", "read_notation_result", "read_workout"]

FRAME_MIN_METRES = 3000.0
"""Shortest whole run written as ``N miles, <quality>`` (shorter comma lists are ladders)."""
FRAME_MIN_SECONDS = 20 * 60.0

Units = str | None


def read_notation(text: str, *, source_name: str = "<text>", units: Units = None,
                  source: Source | None = None) -> Session:
    """Read one plan cell into a session (with its alternatives).

    ``units`` ("metric", "imperial" or None) decides what a bare ``m`` under 50 means: miles
    under "imperial", otherwise an error naming the choices. ``source``, when given, is the cell
    inside its enclosing file (its text is read instead of ``text``), so diagnostics point into
    that file. Raises :class:`PlanSyntaxError` listing every problem found.
    """
    return read_notation_result(text, source_name=source_name, units=units, source=source).value


def read_workout(text: str, *, source_name: str = "<text>", units: Units = None,
                 source: Source | None = None) -> Workout:
    """Read a cell that must be a run (or race) and return its workout."""
    session = read_notation(text, source_name=source_name, units=units, source=source)
    if session.workout is None:
        raise PlanSyntaxError(f"{session.title!r} is a {session.kind.value} session, not a run",
                              span=session.span, hint="give a workout such as '6 x 400m @ 5K w/ 400m jog'",
                              code="not-a-run")
    return session.workout


def read_notation_result(text: str, *, source_name: str = "<text>", units: Units = None,
                         source: Source | None = None) -> Result[Session]:
    """Like :func:`read_notation`, and also return the warnings and notes the reader made
    (a conversion that does not match, a recovery it added between strides...)."""
    if units not in (None, "metric", "imperial"):
        raise PlanSyntaxError(f"unknown units {units!r}", hint="use metric or imperial", code="bad-units")
    if source is None:
        if not isinstance(text, str):
            raise PlanSyntaxError(f"notation must be text, got {type(text).__name__}", code="not-text")
        source = Source(text, source_name)
    text = source.text
    if len(text) > MAX_TEXT:
        raise PlanSyntaxError(f"a cell of {len(text)} characters is too long to be one session",
                              span=source.span(MAX_TEXT, len(text)), code="too-long",
                              hint=f"one cell holds one day's session (at most {MAX_TEXT} characters)")
    folded = fold(text)
    tokens = tokenize(folded)
    cursor = Cursor(source, tokens, units, folded=folded)
    errors: list[Diagnostic] = []
    if all(t.kind is T.NL for t in tokens):
        raise PlanSyntaxError("empty cell", span=source.span(0, len(text)), code="empty",
                              hint="write a session (45 min run), a rest day (OFF) or leave the day out")
    sessions: list[Session] = []
    for i, j in _options(cursor):
        try:
            session = _option(cursor, i, j, errors)
        except Fail as f:
            errors.append(f.diagnostic)
            continue
        if session is not None:
            sessions.append(session)
    if errors:
        raise PlanSyntaxError(diagnostics=_ordered(errors))
    primary, *alternatives = sessions
    if alternatives:
        primary = replace(primary, alternatives=tuple(alternatives))
    return Result(primary, tuple(_ordered(cursor.notes)))


def _ordered(diags: list[Diagnostic]) -> list[Diagnostic]:
    seen, out = set(), []
    for d in sorted(diags, key=lambda d: (d.span.start if d.span else -1)):
        key = (d.message, d.span.start if d.span else None)
        if key not in seen:
            seen.add(key)
            out.append(d)
    return out


def _options(c: Cursor) -> list[tuple[int, int]]:
    """Token ranges of the cell's options, split at top-level ``or`` (not ``1km or 4 mins``)."""
    toks = c.tokens
    out, start, depth = [], 0, 0
    for k, tok in enumerate(toks):
        if tok.is_sym("(", "["):
            depth += 1
        elif tok.is_sym(")", "]"):
            depth = max(0, depth - 1)
        elif depth == 0 and tok.is_word("or") and (k == 0 or k == len(toks) - 1):
            raise PlanSyntaxError("'or' needs a session on each side", span=c.span(tok.start, tok.end),
                                  code="empty-option", hint="write 'A or B', e.g. '30 min run or OFF'")
        elif depth == 0 and tok.is_word("or"):
            prev, nxt = toks[k - 1], toks[k + 1]
            after_number = k >= 2 and toks[k - 2].kind in (T.NUM, T.CLOCK) and not _in_target(toks, k)
            length_alt = (prev.kind in (T.NUM, T.CLOCK)
                          or (prev.kind is T.WORD and prev.low in DIST_UNITS | TIME_UNITS and after_number)) \
                and nxt.kind in (T.NUM, T.CLOCK) and not _option_words_follow(toks, k + 1)
            if not length_alt:
                out.append((start, k))
                start = k + 1
    out.append((start, len(toks)))
    trimmed = []
    for i, j in out:
        while i < j and toks[i].kind is T.NL:
            i += 1
        while j > i and toks[j - 1].kind is T.NL:
            j -= 1
        trimmed.append((i, j))
    out = trimmed
    for i, j in out:
        if i >= j:
            at = toks[i - 1] if i > 0 else toks[0]
            raise PlanSyntaxError("'or' needs a session on each side", span=c.span(at.start, at.end),
                                  code="empty-option", hint="write 'A or B'")
    return out


def _in_target(toks: list[Token], k: int) -> bool:
    """Is the word before ``toks[k]`` inside a pace (``@ HM-10K or ...``), not a length?"""
    for tok in reversed(toks[:k]):
        if tok.kind is T.NL or tok.is_sym("+", ",", ";"):
            return False
        if tok.is_sym("@") or tok.is_word("at", "as"):
            return True
    return False


def _option_words_follow(toks: list[Token], k: int) -> bool:
    """After ``or 45 - 60 min``: does a non-running kind follow (``cross-train``)?"""
    for tok in toks[k:k + 6]:
        if tok.kind is T.WORD and tok.low in {"cross", "bike", "swim", "walk", "elliptical", "cycling", "rest", "off"}:
            return True
    return False


def _norm(text: str) -> str:
    return " ".join(text.split())


def _option(c: Cursor, i: int, j: int, errors: list[Diagnostic]) -> Session | None:
    c.pos, c.limit = i, j
    start, end = c.tokens[i].start, c.tokens[j - 1].end
    text = c.text(start, end)
    span = c.span(start, end)
    words = [t for t in c.tokens[i:j]]
    all_words = all(t.kind is T.WORD or t.is_sym("/", "-", "&") for t in words)
    if all_words:
        key = c.phrase(REST_WORDS, max_tokens=j - i)
        if key is not None and key[1] == j - i:
            return Session(kind=SessionKind.REST, title=_norm(text), text=text, span=span)
    if words[0].kind is T.WORD and words[0].low in STRENGTH_WORDS and not any(t.kind in (T.NUM, T.CLOCK) for t in words):
        return Session(kind=SessionKind.STRENGTH, title=_norm(text), text=text, span=span)
    cross = _cross(c, i, j, text, span)
    if cross is not None:
        return cross
    race = _race(c, i, j, text, span)
    if race is not None:
        return race
    return _run(c, i, j, errors, text, span)


def _cross(c: Cursor, i: int, j: int, text: str, span: Span) -> Session | None:
    c.pos = i
    length = None
    if c.starts_length():
        try:
            got = c.length()
        except Fail:
            c.pos = i
            return None
        length = got[0] if got else None
    wstart = c.here()
    found = c.phrase(CROSS_WORDS, max_tokens=4)
    if found is not None and length is None and c.pos + found[1] < j:
        # "Cross-train 45 min": the kind first, then how long
        c.pos += found[1]
        wend = c.prev_end()
        try:
            got = c.length()
        except Fail:
            got = None
        if got is None or c.pos != j or (found[0] == "walk"):
            c.pos = i
            return None
        title = _norm(c.text(wstart, wend))
        return Session(kind=SessionKind.CROSS_TRAINING, title=title, length=got[0], text=text, span=span)
    if found is None or c.pos + found[1] != j:
        c.pos = i
        return None
    if length is None and found[0] == "walk":
        c.pos = i
        return None  # "walk" alone is a step word, "30-60 min walk" a walking session
    c.pos = j
    title = _norm(c.text(wstart, c.tokens[j - 1].end))
    return Session(kind=SessionKind.CROSS_TRAINING, title=title, length=length, text=text, span=span)


def _race(c: Cursor, i: int, j: int, text: str, span: Span) -> Session | None:
    toks = c.tokens
    for k in range(min(j, i + 5), i, -1):
        if k < j and toks[k].start == toks[k - 1].end and not toks[k].is_sym("("):
            continue  # do not cut a glued token run ("8K-15K") in the middle
        label_text = c.text(toks[i].start, toks[k - 1].end)
        if any(t.kind is T.SYM and not t.is_sym("-") for t in toks[i:k]):
            continue
        try:
            ref = parse_pace_ref(label_text)
        except PlanError:
            continue
        if ref.offset_s or ref.low not in RACE_DISTANCES_M or (ref.high is not None and ref.high not in RACE_DISTANCES_M):
            continue
        c.pos = k
        found = c.phrase(RACE_WORDS, max_tokens=5) if not c.at_end() else None
        if found is not None:
            c.pos += found[1]
        title_end = toks[c.pos - 1].end
        description = None
        if c.sym("("):
            close = next((m for m in range(c.pos, j) if toks[m].is_sym(")")), None)
            if close is not None and close == j - 1:
                description = _norm(c.text(toks[c.pos].end, toks[close].start))
                c.pos = j
        if c.pos < j - 1 and c.sym(",") and _is_plain_length(c, c.pos + 1, j):
            # "8k-10k tune-up race, 12 miles": the day's total around the race
            description = _norm(c.text(toks[c.pos + 1].start, toks[j - 1].end))
            c.pos = j
        if c.pos != j:
            return None
        title = _norm(c.text(toks[i].start, title_end))
        length: Distance | LengthRange
        if ref.high is None:
            length = Distance(RACE_DISTANCES_M[ref.low])
        else:
            a, b = sorted((RACE_DISTANCES_M[ref.low], RACE_DISTANCES_M[ref.high]))
            length = LengthRange(low=Distance(a), high=Distance(b))
        step = Step(intensity=Intensity.INTERVAL, length=length, target=ref, name="race",
                    span=c.span(toks[i].start, toks[k - 1].end))
        workout = Workout(name=title, steps=(step,), description=description)
        return Session(kind=SessionKind.RACE, title=title, workout=workout, text=text, span=span)
    return None


def _title_colon(c: Cursor, i: int, j: int) -> int | None:
    """Index of the ``:`` in ``Title: body`` (the canonical printer's way to keep a name)."""
    for k in range(i, j):
        t = c.tokens[k]
        if t.is_sym(":"):
            if k == i or k + 1 >= j or c.tokens[k + 1].start == t.end:
                return None
            return k
        if t.is_sym("(", "[", "@") or t.kind in (T.CLOCK, T.NL):
            return None
    return None


def _is_plain_length(c: Cursor, i: int, j: int) -> bool:
    sub = c.sub(i, j)
    try:
        got = sub.length()
    except Fail:
        return False
    return got is not None and sub.at_end()


def _title_dash(c: Cursor, i: int, k: int) -> int | None:
    """The dash in ``Tuesday-warm up`` / ``Monday - 10 mins run`` when a kind of step follows it."""
    for m in range(k - 1, i, -1):
        if c.tokens[m].is_sym("-"):
            save = c.pos
            c.pos = m + 1
            found = c.phrase(KINDS, max_tokens=k - m - 1)
            c.pos = save
            if found is not None and found[1] == k - m - 1 and found[0] not in ("recovery", "rec", "on", "off"):
                return m
            return None
    return None


def _is_title(lead: list[Token]) -> bool:
    """Leading words that name the session (``Dress rehearsal 7 miles ...``): a short run of
    words with no sentence words in it (``Begin with a brisk ...`` is prose, not a name)."""
    words = [t for t in lead if t.kind is T.WORD]
    if all(t.kind is T.SYM or t.low in TITLE_WORDS or t.low == "and" for t in lead):
        return True
    return 0 < len(words) <= MAX_TITLE_WORDS and not any(t.low in PROSE_WORDS for t in words)


def _run(c: Cursor, i: int, j: int, errors: list[Diagnostic], text: str, span: Span) -> Session | None:
    title = None
    title_kind = None
    c.pos, c.limit = i, j
    colon = _title_colon(c, i, j)
    if colon is not None:
        title = _norm(c.text(c.tokens[i].start, c.tokens[colon].start))
        c.pos = colon + 1
    else:
        k = i
        if c.tokens[i].is_word("then") and i + 1 < j:
            i += 1  # "Then run 4 x 400": a sentence that goes on from the one before
            c.pos = i
        k = i
        while k < j and (c.tokens[k].kind is T.WORD or (c.tokens[k].is_sym("+", "-", "&") and k > i)
                         or (c.tokens[k].is_sym("/") and k > i and c.tokens[k - 1].end == c.tokens[k].start)):
            k += 1
        lead = c.tokens[i:k]
        if lead and k < j and not lead[0].is_word("lap"):
            kind = c.phrase(KINDS, max_tokens=k - i)
            rest = [t.low for t in lead[kind[1]:]] if kind else None
            counted_next = c.tokens[k].kind is T.NUM and k + 1 < j and c.tokens[k + 1].is_sym("x")
            if kind is not None and kind[0] not in ("recovery", "rec") and rest in ([], ["up", "to"]):
                if counted_next and rest == []:
                    c.pos = k  # "Run 5 x 400 meters": the verb says nothing more
            elif (dash := _title_dash(c, i, k)) is not None:
                # "Sunday-warm up, 50 minutes": a label, a dash, then the session's first step
                title = _norm(c.text(c.tokens[i].start, c.tokens[dash].start)) or None
                c.pos = dash + 1
            elif _is_title(lead):
                title = _norm(c.text(lead[0].start, lead[-1].end)).rstrip(" -&+") or None
                if title is not None and title.lower().endswith(" of"):
                    title = title[:-3]
                if any(t.low in ("hill", "hills") for t in lead):
                    title_kind = KINDS["hill"]
                c.pos = k
            else:
                raise c.fail(f"cannot place the words {c.text(lead[0].start, lead[-1].end)!r}",
                             lead[0].start, lead[-1].end, code="unexpected",
                             hint="a cell is a workout such as '6 x 400m @ 5K w/ 400m jog', '45 min run', "
                                  "'PT', 'OFF' or a race ('Mile'); write prose in [brackets]")
    parser = Parser(c, errors=errors, title_kind=title_kind)
    before = len(errors)
    nodes = _frame(c, parser)
    if nodes is None:
        items = parser.sequence("seq")
        if len(errors) > before:
            return None
        if not items:
            raise c.fail("no workout here", c.tokens[i].start, c.tokens[j - 1].end, code="empty",
                         hint="write a workout such as '45 min run'")
        nodes = freeze([n for it in items for n in it.nodes], c)
    elif len(errors) > before:
        return None
    from ...writers.notation import format_nodes
    description = "; ".join(parser.description) or None
    name = title or format_nodes(nodes)
    try:
        workout = Workout(name=name, steps=nodes, description=description)
    except PlanError as exc:
        raise c.fail(exc.message, c.tokens[i].start, c.tokens[j - 1].end, code="bad-workout") from None
    return Session(kind=SessionKind.RUN, title=name, workout=workout, text=text, span=span)


def _frame(c: Cursor, parser: Parser) -> tuple[Node, ...] | None:
    """``8 miles w/ 5x600m @ 5K``: the quality inside an easy run of that total, or None."""
    if not c.starts_length():
        return None
    save = c.pos
    try:
        legs = parser.legs("seq")
    except Fail:
        c.pos = save
        return None
    leg = legs[0]
    total = leg.length
    is_frame = (len(legs) == 1 and leg.kind is None and not leg.target_given
                and isinstance(total, (Distance, Duration)))
    last = False
    if is_frame and c.is_with():
        c.pos += c.is_with()
    elif is_frame and c.sym(",") and c.word("last", at=1):
        c.pos += 2
        last = True
    elif is_frame and c.sym(",") and _long_enough(total) and _quality_follows(c, parser):
        c.pos += 1  # "10 miles, 40 min tempo run": the whole run, then what it holds
    else:
        c.pos = save
        return None
    items = parser.sequence("seq")
    if not items:
        raise c.fail("nothing after the whole run's 'w/'", leg.start, c.prev_end(), code="empty-frame")
    quality = freeze([n for it in items for n in it.nodes], c)
    span = c.span(leg.start, leg.end)
    assert isinstance(total, (Distance, Duration))
    if isinstance(total, Distance):
        used, uncounted = total_distance(quality)
        remainder = total.metres - used
        unit = "m"
    else:
        used, uncounted = total_duration(quality)
        remainder = total.seconds - used
        unit = "s"
    if remainder <= 0:
        raise c.fail(f"the quality ({used:g} {unit}) does not fit inside the whole run "
                     f"({c.text(leg.start, leg.end)})", leg.start, c.prev_end(), code="frame-too-short",
                     hint="check the total and the quality distances")
    if uncounted:
        c.note("steps measured in time or by lap button are not counted in the whole run's total",
               leg.start, leg.end, code="frame-estimate")

    def easy(amount: float) -> Step:
        length: Distance | Duration = (_snap_distance(amount) if isinstance(total, Distance)
                                       else Duration(round(amount, 3)))
        return Step(intensity=Intensity.ACTIVE, length=length, target=EASY, span=span)

    if last:
        return (easy(remainder), *quality)
    before = round(remainder / 2, 3)
    after = round(remainder - before, 3)
    if after <= 0:
        return (easy(remainder), *quality)
    return (easy(before), *quality, easy(after))


def _quality_follows(c: Cursor, parser: Parser) -> bool:
    """After ``10 miles,``: is the rest quality that a whole run of that length holds?"""
    save, errors, notes, described = c.pos, len(parser.errors), len(c.notes), list(parser.description)
    c.pos += 1
    try:
        items = parser.sequence("seq")
        nodes = [n for it in items for n in it.nodes]
        return bool(items) and len(parser.errors) == errors and any(_builder_quality(n) for n in nodes)
    except Fail:
        return False
    finally:
        del parser.errors[errors:]
        del c.notes[notes:]
        parser.description[:] = described
        c.pos = save


def _long_enough(total: Length | str | RepeatB | None) -> bool:
    """A whole run is miles or tens of minutes long; ``800m, 600m, ...`` is a ladder."""
    if isinstance(total, Distance):
        return total.metres >= FRAME_MIN_METRES
    return isinstance(total, Duration) and total.seconds >= FRAME_MIN_SECONDS


def _builder_quality(node: NodeB) -> bool:
    if isinstance(node, StepB):
        return node.intensity is Intensity.INTERVAL
    return any(_builder_quality(n) for n in node.body)


def _snap_distance(metres: float) -> Distance:
    """The easy part of a whole run, in whole miles or whole metres when it is one (so it prints
    as ``2 mi``, not ``3218.6879999999996m``)."""
    from ...units import MILE_M
    for value in (round(metres / MILE_M, 3),):
        if value > 0 and abs(value * MILE_M - metres) < 1e-6:
            return Distance.miles(value)
    return Distance(round(metres, 3))

