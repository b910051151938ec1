"""The small terms of coach notation: counts, lengths, pace targets, kind phrases.

A :class:`Cursor` walks the token list of one cell; each ``read_*`` function either consumes a
term and returns it, or leaves the cursor where it was and returns None, or raises
:class:`Fail` with a diagnostic whose span covers the words it could not place.
"""

from __future__ import annotations

import math
import re
from collections.abc import Container
from dataclasses import dataclass, field

from ...errors import Diagnostic, PlanError, Severity
from ...labels import known_labels_hint
from ...model import MAX_REPEAT_COUNT, MAX_STEP_METRES, MAX_STEP_SECONDS, CountRange, LengthRange, Target
from ...paces.refs import parse_pace_ref
from ...source import Source, Span
from ...units import MILE_M, Distance, Duration, PaceRange, parse_clock
from .lexer import Kind as T
from .lexer import Token
from .vocab import DIST_UNITS, KINDS, TIME_UNITS, Kind

__all__ = ["Cursor", "Fail", "MAX_DISTANCE_M", "MAX_DURATION_S"]

MAX_DISTANCE_M = MAX_STEP_METRES
YARD_M = 0.9144
MAX_DURATION_S = MAX_STEP_SECONDS

_TARGET_STOP_WORDS = {"w", "with", "for", "and", "or", "then", "plus", "followed", "x", "going",
                      "take", "between", "repeat", "last", "jog", "walk", "rest", "recovery", "as"}
_TARGET_STOP_SYMS = {"/", ",", ";", "+", "(", ")", "[", "]", "@", "."}


class Fail(Exception):
    """Internal: a term could not be read; carries the diagnostic to report."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.message)
        self.diagnostic = diagnostic


@dataclass
class Cursor:
    """A position in the token list of one source, with the diagnostics collected so far."""

    source: Source
    tokens: list[Token]
    units: str | None = None
    pos: int = 0
    limit: int = -1
    notes: list[Diagnostic] = field(default_factory=list)
    folded: str = ""

    def __post_init__(self) -> None:
        if self.limit < 0:
            self.limit = len(self.tokens)
        if not self.folded:
            self.folded = self.source.text

    # -- movement -------------------------------------------------------------------------
    def peek(self, k: int = 0) -> Token | None:
        j = self.pos + k
        return self.tokens[j] if 0 <= j < self.limit else None

    def at_end(self) -> bool:
        return self.pos >= self.limit

    def take(self) -> Token:
        tok = self.tokens[self.pos]
        self.pos += 1
        return tok

    def prev_end(self) -> int:
        return self.tokens[self.pos - 1].end if self.pos > 0 else 0

    def here(self) -> int:
        tok = self.peek()
        return tok.start if tok is not None else (self.tokens[self.limit - 1].end if self.limit else 0)

    def span(self, start: int, end: int) -> Span:
        return Span(self.source, start, max(end, start))

    def fail(self, message: str, start: int, end: int, *, hint: str | None = None,
             code: str | None = None) -> Fail:
        return Fail(Diagnostic(message, Severity.ERROR, self.span(start, end), hint, code))

    def note(self, message: str, start: int, end: int, *, hint: str | None = None,
             severity: Severity = Severity.NOTE, code: str | None = None) -> None:
        self.notes.append(Diagnostic(message, severity, self.span(start, end), hint, code))

    def text(self, start: int, end: int) -> str:
        return self.folded[start:end]

    def sub(self, pos: int, limit: int) -> Cursor:
        """A cursor over ``[pos, limit)`` of the same tokens, sharing the notes."""
        return Cursor(self.source, self.tokens, self.units, pos=pos, limit=limit, notes=self.notes,
                      folded=self.folded)

    # -- phrases --------------------------------------------------------------------------
    def phrase(self, vocab: Container[str], *, max_tokens: int = 5) -> tuple[str, int] | None:
        """The longest phrase at the cursor that is a key of ``vocab``: (key, token count)."""
        best: tuple[str, int] | None = None
        key = ""
        prev: Token | None = None
        for k in range(max_tokens):
            tok = self.peek(k)
            if tok is None:
                break
            tight = prev is not None and tok.start == prev.end
            if tok.kind is T.WORD:
                if prev is not None and prev.kind is T.WORD and tight:
                    break
                key += (" " if key and not (tight and prev is not None and prev.is_sym("/", "-")) else "") + tok.low
            elif tok.is_sym("/", "-") and prev is not None and prev.kind is T.WORD:
                nxt = self.peek(k + 1)
                if not (tight and nxt is not None and nxt.start == tok.end and nxt.kind is T.WORD):
                    break
                key += tok.text
                prev = tok
                continue
            else:
                break
            prev = tok
            if key in vocab:
                best = (key, k + 1)
        return best

    def skip(self, n: int) -> tuple[int, int]:
        start = self.tokens[self.pos].start
        self.pos += n
        return start, self.tokens[self.pos - 1].end

    def word(self, *words: str, at: int = 0) -> bool:
        """Is the token ``at`` places ahead one of these words (any case)?"""
        tok = self.peek(at)
        return tok is not None and tok.is_word(*words)

    def sym(self, *syms: str, at: int = 0) -> bool:
        """Is the token ``at`` places ahead one of these symbols?"""
        tok = self.peek(at)
        return tok is not None and tok.is_sym(*syms)

    def kind_is(self, *kinds: T, at: int = 0) -> bool:
        """Is the token ``at`` places ahead of one of these kinds?"""
        tok = self.peek(at)
        return tok is not None and tok.kind in kinds

    def is_with(self) -> int:
        """Token count of a ``w/``, ``w.``, ``with`` at the cursor (0 if none)."""
        tok = self.peek()
        if tok is None:
            return 0
        if tok.is_word("with"):
            return 1
        nxt = self.peek(1)
        if tok.is_word("w") and nxt is not None and nxt.is_sym("/", ".") and nxt.start == tok.end:
            return 2
        return 0

    # -- counts ---------------------------------------------------------------------------
    def count(self) -> tuple[int | CountRange, int, int] | None:
        """``8``, ``6-10``, ``8 -10`` followed by ``x``/``sets of``/``(``; None if not a count."""
        tok = self.peek()
        if tok is None or tok.kind is not T.NUM:
            return None
        j = 1
        high: Token | None = None
        if self._is(j, T.SYM, "-") and self._is(j + 1, T.NUM):
            high = self.peek(j + 1)
            j += 2
        nxt = self.peek(j)
        if nxt is None:
            return None
        is_sets = (nxt.is_word("sets", "set", "rounds") and self._is_word(j + 1, "of")) \
            or (nxt.is_word("times") and self._is(j + 1, T.NUM))  # "6 times 200 meter hill"
        before = self.peek(j - 1)  # the count token or the range's high end, never None here
        glued_paren = nxt.is_sym("(") and before is not None and nxt.start == before.end
        spelled = tok.text.isalpha() and high is None and nxt.kind in (T.NUM, T.CLOCK) and not nxt.text.isalpha()
        if not (nxt.is_sym("x") or is_sets or glued_paren or spelled):
            return None  # ("six 800m reps": a spelled-out count before a length needs no x)
        start, end = tok.start, (high or tok).end
        value = self._count_value(tok, high, start, end)
        self.pos += j
        if spelled:
            pass
        elif nxt.is_sym("x"):
            self.pos += 1
        elif is_sets:
            self.pos += 1 if nxt.is_word("times") else 2
        return value, start, end

    def count_after(self) -> tuple[int | CountRange, int, int] | None:
        """``x 3`` / ``x3`` after a step or a group (``200m x 3``, ``(...) x 2``)."""
        if not (self.sym("x") and self._is(1, T.NUM)):
            return None
        tok = self.peek(1)
        assert tok is not None
        high: Token | None = None
        j = 2
        if self._is(2, T.SYM, "-") and self._is(3, T.NUM):
            high = self.peek(3)
            j = 4
        after = self.peek(j)
        if after is not None and after.kind is T.WORD and after.low in DIST_UNITS | TIME_UNITS:
            return None  # "x 400m": a length, not a count
        value = self._count_value(tok, high, tok.start, (high or tok).end)
        self.pos += j
        return value, tok.start, (high or tok).end

    def _count_value(self, low: Token, high: Token | None, start: int, end: int) -> int | CountRange:
        def whole(t: Token) -> int:
            if "." in t.text or "," in t.text:
                raise self.fail(f"a repeat count must be a whole number, not {t.text!r}", t.start, t.end)
            v = int(t.value)
            if v < 1 or v > MAX_REPEAT_COUNT:
                raise self.fail(f"a repeat count of {t.text} is out of range", t.start, t.end,
                                hint=f"counts go from 1 to {MAX_REPEAT_COUNT}", code="bad-count")
            return v
        lo = whole(low)
        if high is None:
            return lo
        hi = whole(high)
        if hi <= lo:
            raise self.fail(f"a count range must go from fewer to more, got {lo}-{hi}", start, end,
                            hint=f"write {min(lo, hi)}-{max(lo, hi)} x", code="bad-count")
        return CountRange(low=lo, high=hi)

    def _is(self, k: int, kind: T, text: str | None = None) -> bool:
        tok = self.peek(k)
        return tok is not None and tok.kind is kind and (text is None or tok.text == text)

    def _is_word(self, k: int, *words: str) -> bool:
        tok = self.peek(k)
        return tok is not None and tok.is_word(*words)

    # -- lengths --------------------------------------------------------------------------
    def starts_length(self) -> bool:
        tok = self.peek()
        return tok is not None and tok.kind in (T.NUM, T.CLOCK)

    def length(self, *, after_x: bool = False) -> tuple[Distance | Duration | LengthRange, int, int] | None:
        """A distance, a duration or a range of either; None when no number is at the cursor."""
        tok = self.peek()
        if tok is None or tok.kind not in (T.NUM, T.CLOCK):
            return None
        start = tok.start
        first = self._single(after_x=after_x, allow_bare=True)
        assert first is not None
        value, unit, unit_known = first
        # "45 - 60 min", "45 min - 60 min", "3 to 4 miles", "80-90 secs"
        if (self.sym("-") or self.word("to")) and self.kind_is(T.NUM, T.CLOCK, at=1):
            save = self.pos
            self.pos += 1
            second = self._single(after_x=after_x, allow_bare=False)
            if second is None or not second[2]:
                self.pos = save
            else:
                value2, unit2, _ = second
                if not unit_known:
                    unit = unit2  # "45 - 60 min": the unit after the second number serves both
                end = self.prev_end()
                low, high = self._make(value, unit, start, end), self._make(value2, unit2, start, end)
                if type(low) is not type(high):
                    raise self.fail("a range needs two distances or two times", start, end)
                if (high <= low if isinstance(low, Distance) and isinstance(high, Distance)
                        else isinstance(low, Duration) and isinstance(high, Duration) and high <= low):
                    raise self.fail(f"a range must go from shorter to longer: {self.text(start, end)!r}",
                                    start, end, code="bad-range")
                return LengthRange(low=low, high=high), start, end
        if not unit_known:
            end = self.prev_end()
            bare = self.text(start, end)
            exponent = re.match(r"[eE][+-]?\d+", self.folded[end:end + 12])
            if exponent:
                # "1e308 km": scientific notation is not how distances are written; say so.
                whole = bare + exponent.group(0)
                raise self.fail(f"'{whole}' is a number in scientific notation", start, end + exponent.end(),
                                hint="write the number in full, e.g. 1000m or 1 km", code="no-unit")
            raise self.fail(f"'{bare}' has no unit", start, end,
                            hint=f"write {bare}m, {bare} min or {bare} mi", code="no-unit")
        end = self.prev_end()
        return self._make(value, unit, start, end), start, end

    def _single(self, *, after_x: bool, allow_bare: bool) -> tuple[float, str, bool] | None:
        """(value, unit, unit_known) for one number and its unit word."""
        tok = self.peek()
        if tok is None or tok.kind not in (T.NUM, T.CLOCK):
            return None
        self.pos += 1
        if tok.kind is T.CLOCK:
            text = tok.text
            if "'" in text:
                mins, _, secs = text.partition("'")
                seconds = float(mins) * 60 + float(secs.rstrip('"') or 0)
            else:
                try:
                    seconds = parse_clock(text)
                except PlanError as exc:
                    raise self.fail(exc.message, tok.start, tok.end, hint=exc.hint) from None
            nxt = self.peek()
            if nxt is not None and nxt.kind is T.WORD and nxt.low in TIME_UNITS:
                self.pos += 1  # "1:30 min" is one minute thirty whatever the unit word says
            return seconds, "s", True
        value = tok.value
        nxt = self.peek()
        if nxt is not None and nxt.is_sym("'", '"') and nxt.start == tok.end:
            self.pos += 1
            return value, ("min" if nxt.text == "'" else "s"), True
        if nxt is not None and nxt.is_sym("-") and nxt.start == tok.end:
            after = self.peek(1)
            if after is not None and after.kind is T.WORD and after.start == nxt.end and after.low in TIME_UNITS:
                self.pos += 2  # "5-minute walk"
                return value, after.low, True
            if after is not None and after.kind is T.WORD and after.start == nxt.end \
                    and DIST_UNITS.get(after.low, "m?") != "m?":
                self.pos += 2  # "1-mile warmup", "1000-meter repeats"
                return value, DIST_UNITS[after.low], True
        if nxt is not None and nxt.kind is T.WORD:
            low = nxt.low
            if low == "s" and nxt.start == tok.end and value >= 200 and value % 100 == 0 and "." not in tok.text:
                # "Track 800s", "Yasso 800s": the plural of a track distance, not 800 seconds
                self.pos += 1
                self.note(f"'{tok.text}s' read as {tok.text} m reps", tok.start, nxt.end,
                          hint=f"write {tok.text} sec for seconds", code="plural-distance")
                return value, "m", True
            if low in TIME_UNITS:
                self.pos += 1
                seconds = value * TIME_UNITS[low]
                more, unit2 = self.peek(), self.peek(1)
                if more is not None and unit2 is not None and more.kind is T.NUM and unit2.kind is T.WORD \
                        and unit2.low in TIME_UNITS and TIME_UNITS[unit2.low] < TIME_UNITS[low] \
                        and more.value * TIME_UNITS[unit2.low] < TIME_UNITS[low]:
                    self.pos += 2  # "1min 30s", "1 hr 20 min": one duration in two units
                    return seconds + more.value * TIME_UNITS[unit2.low], "s", True
                return value, low, True
            if low in DIST_UNITS:
                self.pos += 1
                unit = DIST_UNITS[low]
                if unit == "m?":
                    unit = self._resolve_m(value, tok.start, nxt.end, glued=nxt.start == tok.end)
                return value, unit, True
        if after_x and value >= 100:
            return value, "m", True  # "8 x 200": a bare track distance
        if nxt is not None and nxt.is_word("tempo") and 10 <= value <= 90 and "." not in tok.text:
            # Higdon's tables write tempo runs in minutes: "30 tempo".
            self.note(f"'{tok.text} tempo' read as {tok.text} minutes of tempo", tok.start, nxt.end,
                      hint=f"write '{tok.text} min tempo' to say so", code="bare-tempo")
            return value, "min", True
        return value, "", False

    def _resolve_m(self, value: float, start: int, end: int, *, glued: bool) -> str:
        """``m`` is metres on the track (``400m``), miles in some tables (``3 m run``)."""
        if value >= 50:
            return "m"
        if self.units == "imperial":
            return "mi"
        text = self.text(start, end)
        n = f"{value:g}"
        raise self.fail(f"'{text}' could mean {n} metres, {n} miles or {n} minutes", start, end,
                        hint=f"write {n} metres, {n} mi or {n} min, or set units to imperial "
                             "if this plan writes miles as m", code="ambiguous-unit")

    def _make(self, value: float, unit: str, start: int, end: int) -> Distance | Duration:
        if not math.isfinite(value) or value <= 0:
            raise self.fail(f"a length must be more than zero: {self.text(start, end)!r}", start, end,
                            code="bad-length")
        if unit in TIME_UNITS or unit == "s":
            seconds = value * TIME_UNITS.get(unit, 1.0)
            if seconds > MAX_DURATION_S:
                raise self.fail(f"{self.text(start, end)!r} is too long for one step", start, end,
                                hint="a step lasts at most 48 hours", code="too-long")
            return Duration(seconds)
        metres = value * {"m": 1.0, "km": 1000.0, "mi": MILE_M, "yd": YARD_M}[unit]
        if metres > MAX_DISTANCE_M:
            raise self.fail(f"{self.text(start, end)!r} is too long for one step", start, end,
                            hint="a step is at most 1000 km", code="too-long")
        return Distance(metres)

    # -- kinds ----------------------------------------------------------------------------
    def kind(self) -> tuple[Kind, str, int, int] | None:
        found = self.phrase(KINDS)
        if found is None:
            return None
        key, n = found
        start, end = self.skip(n)
        return KINDS[key], key, start, end

    # -- targets --------------------------------------------------------------------------
    def target_intro(self) -> bool:
        """Consume ``@`` or ``at`` (when a pace follows); True if one was there."""
        if self.sym("@"):
            self.pos += 1
            return True
        if self.word("at") and self.peek(1) is not None:
            self.pos += 1
            return True
        return False

    def target(self) -> tuple[Target | None, int, int]:
        """A pace after ``@``: ``none``, ``4:00-4:10/km``, ``HM-10K``, ``goal mi pace``, ``HM -10s``."""
        tok = self.peek()
        if tok is None:
            end = self.prev_end()
            raise self.fail("'@' needs a pace after it", end - 1, end, hint="write @ 5K, @ HM-10K or @ 4:05/km",
                            code="missing-pace")
        if tok.is_word("none"):
            self.pos += 1
            return None, tok.start, tok.end
        if self.is_with() or tok.kind is T.NL or tok.is_sym(",", ";", "+", "(", ")", "["):
            end = self.prev_end()
            raise self.fail("'@' needs a pace after it", end - 1, end, hint="write @ 5K, @ HM-10K or @ 4:05/km",
                            code="missing-pace")
        if tok.kind in (T.CLOCK, T.NUM) and self._looks_concrete():
            return self._concrete()
        start = tok.start
        toks: list[Token] = []
        while not self.at_end():
            t = self.peek()
            assert t is not None
            if t.is_sym("/") and toks and toks[-1].is_word("s", "sec", "secs") and self._is(1, T.WORD):
                toks.extend((t, self.tokens[self.pos + 1]))  # "HM -10s/mi": the offset's unit
                self.pos += 2
                continue
            if t.is_sym("+") and toks and self._is(1, T.NUM) and self._is(2, T.WORD) \
                    and self.tokens[self.pos + 1].start == t.end and self.tokens[self.pos + 2].low in ("s", "sec", "secs"):
                toks.append(t)  # "HM +5s/km": an offset, not a "+" between steps
                self.pos += 1
                continue
            if t.kind is T.NL or (t.kind is T.SYM and t.text in _TARGET_STOP_SYMS):
                break
            if t.kind is T.WORD and t.low in _TARGET_STOP_WORDS and toks:
                if t.low != "w" or self._is(1, T.SYM, "/") or self._is(1, T.SYM, "."):
                    break
            if t.kind is T.QUOTED:
                break
            toks.append(t)
            self.pos += 1
        if not toks:
            raise self.fail("'@' needs a pace after it", tok.start, tok.end,
                            hint="write @ 5K, @ HM-10K or @ 4:05/km", code="missing-pace")
        end = toks[-1].end
        text = self.text(start, end)
        try:
            return parse_pace_ref(text), start, end
        except PlanError as exc:
            raise self.fail(exc.message, start, end, code="unknown-pace",
                            hint=exc.hint or known_labels_hint()) from None

    def _looks_concrete(self) -> bool:
        for k in range(1, 5):
            t = self.peek(k)
            if t is None:
                return False
            if t.is_sym("/") or t.is_word("per"):
                return True
            if not (t.kind in (T.CLOCK, T.NUM) or t.is_sym("-")):
                return False
        return False

    def _concrete(self) -> tuple[PaceRange, int, int]:
        start = self.here()
        while not self.at_end():
            t = self.peek()
            assert t is not None
            if t.kind in (T.CLOCK, T.NUM) or t.is_sym("-"):
                self.pos += 1
                continue
            if t.is_sym("/") or t.is_word("per"):
                self.pos += 1
                unit = self.peek()
                if unit is not None and unit.kind in (T.WORD, T.NUM):
                    self.pos += 1
                    if unit.kind is T.NUM and self.word("m"):
                        self.pos += 1
                break
            break
        end = self.prev_end()
        from ...writers.notation import parse_pace_text
        try:
            return parse_pace_text(self.text(start, end)), start, end
        except PlanError as exc:
            raise self.fail(exc.message, start, end, hint=exc.hint, code="bad-pace") from None

