"""Clauses that attach to what came before: recoveries (``w/ 400m jog``, ``between sets``),
``take ... between efforts``, ``Repeat 5 times``, brackets, notes, conversions and ``(i.e. ...)``
glosses checked against the workout."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .grammar import Parser


from ...errors import Diagnostic, PlanError, Severity
from ...model import (
    CountRange,
    Intensity,
    LapButton,
    LengthRange,
    PaceRef,
    Target,
)
from ...units import Distance
from .lexer import Kind as T
from .lexer import Token
from .terms import Cursor, Fail
from .vocab import EASY, RECOVERY_LEADS

from .builders import (
    _REC_DEFAULT, _SAME, Item, Leg, NodeB, RepeatB, StepB, _agrees, _describe, _has_interval,
    _has_recovery, _has_work, _last_step, _ref_text, _unroll,
)

__all__ = ["ClauseMixin"]


def _comma_chain(items: list[Item]) -> list[Item]:
    """The last item and the sets joined to it by commas (``3x1,200m, 3x800m @ 3k-5k (jog ...)``):
    a recovery written after the last set is between the reps of each."""
    out = [items[-1]]
    k = len(items) - 1
    while items[k].after_comma and k > 0 and all(isinstance(n, RepeatB) for n in items[k - 1].nodes):
        k -= 1
        out.insert(0, items[k])
    return out if all(isinstance(n, RepeatB) for it in out for n in it.nodes) else [items[-1]]


class ClauseMixin:
    """Methods of :class:`~paceplan.readers.notation.grammar.Parser` for trailing clauses."""

    c: Cursor
    errors: list[Diagnostic]
    description: list[str]

    if TYPE_CHECKING:  # provided by Parser
        def group_body(self) -> list[NodeB]: ...
        def _repeat(self, count: int | CountRange, body: list[NodeB], start: int, end: int) -> RepeatB: ...
        def legs(self, ctx: str) -> list[Leg]: ...
        def make_step(self, leg: Leg, ctx: str) -> StepB: ...
        def _between_follows(self) -> bool: ...
        def reader(self, cursor: Cursor, errors: list[Diagnostic]) -> Parser: ...

    def paren(self, items: list[Item], ctx: str) -> Item | None:
        """A parenthesis at sequence level: a group, a gloss, a recovery note or a plain note."""
        c = self.c
        open_tok = c.peek()
        assert open_tok is not None
        close = self.matching(c.pos)
        if close is None:
            raise c.fail("'(' is never closed", open_tok.start, open_tok.end, hint="add the matching ')'",
                         code="unclosed")
        inner = c.tokens[c.pos + 1: close]
        words = [t.low for t in inner if t.kind is T.WORD]
        after = c.tokens[close + 1] if close + 1 < c.limit else None
        if after is not None and after.is_sym("x"):
            start = open_tok.start
            body = self.group_body()
            counted = c.count_after()
            if counted is None:
                raise c.fail("a group in brackets needs a count after 'x'", after.start, after.end,
                             hint="write (…) x 2", code="missing-count")
            return Item([self._repeat(counted[0], body, start, c.prev_end())], start, c.prev_end())
        text = c.text(open_tok.end, c.tokens[close].start).strip()
        if words[:2] in (["i", "e"], ["e", "g"]) or words[:1] in (["ie"], ["eg"]):
            self.gloss(items, close)
            return None
        if items and inner and self._recovery_in_brackets(items, inner, close):
            return None
        if "between" in words and items and inner and not inner[0].is_word("between"):
            save_pos, save_limit = c.pos, c.limit
            c.pos += 1
            c.limit = close
            try:
                legs = self.recovery_clause()
                complete = c.at_end()
            except Fail:
                complete = False
            finally:
                c.limit = save_limit
            if complete:
                c.pos = close + 1
                self.apply_recovery(items, len(items) - 1, legs)
                return None
            c.pos = save_pos
        if items and inner and all(t.kind in (T.NUM, T.WORD, T.SYM) for t in inner) and self._is_length(c.pos + 1, close):
            c.pos = close + 1
            self.check_conversion(items[-1], open_tok.start, c.prev_end(), inner)
            return None
        c.pos = close + 1
        if text:
            self.description.append(" ".join(text.split()))
            c.note(f"kept ({' '.join(text.split())}) as a note: paceplan cannot read it as part of the workout",
                   open_tok.start, c.tokens[close].end, severity=Severity.WARNING, code="unread-text",
                   hint="write notes in [brackets] to say they are notes; a recovery in brackets reads "
                        "as '(3 min jog)'")
        return None

    def _recovery_in_brackets(self, items: list[Item], inner: list[Token], close: int) -> bool:
        """``6x1km @ LT (200m jog recov)``, ``(75s)``, ``(jog 4 min recovery)``: a bracket right
        after the work that holds nothing but a recovery is that recovery."""
        c = self.c
        last = items[-1]
        if not any(_has_interval(n) for n in last.nodes) or last.nodes and _has_recovery(last.nodes[-1]):
            return False
        first = inner[0]
        if not (first.kind in (T.NUM, T.CLOCK) or first.low in RECOVERY_LEADS):
            return False
        save_pos, save_limit = c.pos, c.limit
        c.pos += 1
        c.limit = close
        try:
            legs = self.recovery_clause()
            complete = c.at_end() and not any(leg.kind is not None and leg.kind.intensity.is_work for leg in legs)
        except Fail:
            complete = False
        finally:
            c.limit = save_limit
        if not complete:
            c.pos = save_pos
            return False
        c.pos = close + 1
        for item in reversed(_comma_chain(items)):
            self.apply_recovery([item], 0, legs)
        return True

    def _is_length(self, start: int, stop: int) -> bool:
        sub = self.c.sub(start, stop)
        try:
            got = sub.length()
        except Fail:
            return False
        return got is not None and sub.at_end()

    def check_conversion(self, item: Item, start: int, end: int, inner: list[Token]) -> None:
        """``4×1200 meters (1.5 miles)``: the primary value wins; a wrong conversion is a warning."""
        first = self.c.tokens.index(inner[0])
        sub = self.c.sub(first, first + len(inner))
        got = sub.length()
        assert got is not None
        conv = got[0]
        step = _last_step(item.nodes)
        if step is None or isinstance(step.length, (str, LapButton)):
            return
        primary = step.length.low if isinstance(step.length, LengthRange) else step.length
        value = conv.low if isinstance(conv, LengthRange) else conv
        if type(primary) is not type(value):
            # "2x800m (85 sec)": the rep's time or its recovery; paceplan cannot tell, so it
            # keeps the words and says so
            text = " ".join(self.c.text(start + 1, end - 1).split())
            self.description.append(text)
            self.c.note(f"kept ({text}) as a note: it may be the rep's time or its recovery", start, end,
                        severity=Severity.WARNING, code="unread-text",
                        hint=f"write '[in {text}]' for the rep's time or '({text} jog)' for a recovery")
            return
        a = primary.metres if isinstance(primary, Distance) else primary.seconds
        b = value.metres if isinstance(value, Distance) else value.seconds
        if abs(a - b) > 0.03 * a:
            self.c.note(f"the conversion {self.c.text(start, end)} does not match "
                        f"{self.c.text(step.start, step.end)!r}; using the first value", start, end,
                        severity=Severity.WARNING, code="bad-conversion",
                        hint="the primary value wins; fix the conversion in the plan")

    def matching(self, i: int) -> int | None:
        depth = 0
        for j in range(i, self.c.limit):
            t = self.c.tokens[j]
            if t.is_sym("(", "["):
                depth += 1
            elif t.is_sym(")", "]"):
                depth -= 1
                if depth == 0:
                    return j
        return None

    def bracket(self) -> tuple[str, int, int]:
        c = self.c
        open_tok = c.take()
        close = self.matching(c.pos - 1)
        if close is None:
            raise c.fail("'[' is never closed", open_tok.start, open_tok.end, hint="add the matching ']'",
                         code="unclosed")
        end = c.tokens[close].end
        text = " ".join(c.text(open_tok.end, c.tokens[close].start).split())
        c.pos = close + 1
        return text, open_tok.start, end

    def attach_note(self, items: list[Item], text: str) -> None:
        step = _last_step(items[-1].nodes) if items else None
        if step is None:
            if text:
                self.description.append(text)
            return
        step.note = text if step.note is None else f"{step.note}; {text}"

    # -- steps ----------------------------------------------------------------------------
    def _check_note(self, text: str, targets: list[tuple[Target | None, bool]], start: int, end: int) -> None:
        """``[half marathon to 10K pace]`` after ``@ HM-10K``: a gloss must agree with the pace."""
        if len(targets) != 1 or not isinstance(targets[0][0], PaceRef):
            return
        from ...paces.refs import parse_pace_ref
        try:
            ref = parse_pace_ref(text)
        except PlanError:
            return
        if ref != targets[0][0]:
            raise self.c.fail(f"the note [{text}] says {_ref_text(ref)} but the pace is {_ref_text(targets[0][0])}",
                              start, end, code="gloss-mismatch", hint="fix the pace or the note so they agree")

    def recovery_clause(self) -> list[Leg]:
        """``400m jog recovery``, ``100m/400m jog``, ``jog down recovery``, ``previous distance jog``,
        ``80-90 secs rest between reps and 3 mins between sets``."""
        c = self.c
        if c.at_end() or c.kind_is(T.NL) or c.sym("+", ";", ",", ")"):
            k = c.pos - 1
            if k > 0 and c.tokens[k].is_sym("/", "."):
                k -= 1
            start, end = c.tokens[k].start, c.prev_end()
            raise c.fail(f"'{c.text(start, end)}' needs a recovery after it", start, end, code="missing-recovery",
                         hint="write w/ 400m jog, w/ 90 sec rest or w/ jog down recovery")
        if c.word("a", "an") and not c.sym(".", at=1):
            c.pos += 1  # "with a 60-second float"
        legs = self.legs("rec")
        while c.word("and") and (any(l.between for l in legs) or self._between_follows()):
            c.pos += 1
            legs += self.legs("rec")
        return legs

    def rec_steps(self, legs: list[Leg], work: StepB | None) -> list[StepB]:
        out = []
        for leg in legs:
            if leg.none:
                continue
            if leg.kind is None:
                leg = Leg(leg.length, _REC_DEFAULT, leg.target, leg.target_given, leg.name, leg.note,
                          leg.start, leg.end, leg.label, leg.between)
            step = self.make_step(leg, "rec")
            if step.length == _SAME:
                if work is None or isinstance(work.length, str):
                    raise self.c.fail("'previous distance' needs a rep before it", leg.start, leg.end,
                                      code="no-previous")
                step.length = work.length
            out.append(step)
        return out

    def apply_recovery(self, items: list[Item], run_start: int, legs: list[Leg]) -> None:
        last = items[-1]
        if len(last.nodes) == 1 and isinstance(last.nodes[0], RepeatB):
            rep = last.nodes[0]
            inner = [l for l in legs if l.between != "sets"]
            outer = [l for l in legs if l.between == "sets"]
            if any(l.none for l in legs):
                rep.no_recovery = True
            if inner:
                target = rep
                if len(rep.body) == 1 and isinstance(rep.body[0], RepeatB) and (
                        any(l.between == "reps" for l in inner) or outer):
                    target = rep.body[0]
                self._into_repeat(target, inner)
            if outer:
                rep.body.extend(self.rec_steps(outer, None))
            last.end = rep.end = self.c.prev_end()
            return
        run = items[run_start:]
        if len(run) > 1 and all(it.single_work for it in run):
            for it in run:
                work = it.nodes[-1]
                assert isinstance(work, StepB)
                it.nodes.extend(self.rec_steps(legs, work))
            return
        last.nodes.extend(self.rec_steps(legs, _last_step(last.nodes)))

    def _into_repeat(self, rep: RepeatB, legs: list[Leg]) -> None:
        works = [n for n in rep.body if isinstance(n, StepB) and n.intensity.is_work]
        real = [l for l in legs if not l.none]
        if not real:
            return
        if len(works) > 1 and len(real) in (1, len(works)) and len(works) == len(rep.body):
            body: list[NodeB] = []
            for k, w in enumerate(works):
                leg = real[k] if len(real) > 1 else real[0]
                body.append(w)
                body.extend(self.rec_steps([leg], w))
            rep.body = body
            return
        if len(real) > 1 and not any(l.between for l in real):
            raise self.c.fail(f"{len(real)} recoveries for {len(works)} legs", real[0].start, real[-1].end,
                              code="leg-mismatch", hint="give one recovery or one per leg")
        work = _last_step(rep.body)
        rep.body.extend(self.rec_steps(real, work))

    def apply_between(self, items: list[Item], legs: list[Leg]) -> None:
        """``take 5-6 mins recovery between efforts``: after each work item but the last."""
        work_items = [it for it in items if any(_has_work(n) for n in it.nodes)]
        if not any(_has_interval(n) for it in items for n in it.nodes):
            # "1km or 4 mins + 800m or 3 mins ...; take 5 mins between efforts": the plain
            # lengths are the efforts, not easy running.
            for it in items:
                for n in it.nodes:
                    if isinstance(n, StepB) and n.intensity is Intensity.ACTIVE and n.target == EASY and n.name is None:
                        n.intensity, n.target = Intensity.INTERVAL, None
            work_items = [it for it in items if any(_has_work(n) for n in it.nodes)]
        for it in work_items[:-1]:
            it.nodes.extend(self.rec_steps(legs, _last_step(it.nodes)))

    def repeat_times(self, items: list[Item]) -> None:
        """``Repeat 5 times`` / ``Repeat x 5``: the whole sequence so far, that many times."""
        c = self.c
        tok = c.take()
        if c.sym("x"):
            c.pos += 1
        num = c.peek()
        if num is None or num.kind is not T.NUM:
            raise c.fail("'Repeat' needs a count ('Repeat 5 times')", tok.start, tok.end, code="missing-count")
        c.pos += 1
        value = c._count_value(num, None, num.start, num.end)
        if c.word("times", "x"):
            c.pos += 1
        body = [n for it in items for n in it.nodes]
        start = items[0].start
        items[:] = [Item([RepeatB(value, body, start, c.prev_end())], start, c.prev_end())]

    def gloss(self, items: list[Item], close: int) -> None:
        """``(i.e. 500m @ Mile, 500m recovery, ...)``: read it and check it against the text."""
        c = self.c
        open_tok = c.tokens[c.pos]
        gstart, gend = open_tok.start, c.tokens[close].end
        text = " ".join(c.text(open_tok.end, c.tokens[close].start).split())
        j = c.pos + 1
        while j < close and (c.tokens[j].is_word("i", "e", "g", "ie", "eg") or c.tokens[j].is_sym(".", ",", ":")):
            j += 1
        sub = c.sub(j, close)
        sub_errors: list[Diagnostic] = []
        glossed = self.reader(sub, sub_errors).sequence("rep")  # the gloss is read by the same grammar
        c.pos = close + 1
        self.description.append(text)
        if sub_errors or not glossed:
            c.note("could not check the gloss against the text", gstart, gend, severity=Severity.WARNING,
                   code="gloss-unread", hint=sub_errors[0].message if sub_errors else None)
            return
        said = _unroll([n for it in glossed for n in it.nodes])
        meant = _unroll([n for it in items for n in it.nodes])
        for k, g in enumerate(said):
            m = meant[k] if k < len(meant) else None
            if m is None or not _agrees(g, m):
                what = c.text(g.start, g.end)
                theirs = "nothing more" if m is None else repr(_describe(m))
                raise c.fail(f"the gloss says {what!r} where the text means {theirs}", g.start, g.end,
                             code="gloss-mismatch", hint="fix the workout or the '(i.e. ...)' so they agree")


