"""The grammar of coach notation: sequences, repeats, ladders, paired legs, recoveries, frames.

The parser builds mutable step/repeat builders first (recoveries, gloss checks and "between sets"
clauses edit them after the fact), then freezes them into model nodes. Errors inside one item are
recorded and parsing resumes at the next separator, so one read reports every problem it can.
"""

from __future__ import annotations

from ...errors import Diagnostic, PlanError
from ...paces.refs import parse_pace_ref
from ...model import (
    LAP_BUTTON,
    CountRange,
    Intensity,
    Length,
    LengthRange,
    PaceRef,
    Target,
)
from ...units import Distance
from .lexer import Kind as T
from .lexer import Token
from .terms import Cursor, Fail
from .vocab import BARE_LABELS, DANIELS_LETTERS, EASY, KINDS, RECOVERY_LEADS, Kind

from .clauses import ClauseMixin
from .builders import (
    _SAME,
    MAX_DEPTH,
    Item,
    Leg,
    NodeB,
    RepeatB,
    StepB,
    freeze,
    total_distance,
    total_duration,
)

__all__ = ["Parser", "freeze", "total_distance", "total_duration"]


def _share_pace(chain: list[Item], last: Item) -> None:
    """Sets listed with commas and one pace at the end (``3x1,200m, 3x800m @ 3k-5k``) all run at
    that pace, as a ladder does: copy it to the earlier sets that name none."""
    def works(item: Item) -> list[StepB]:
        out: list[StepB] = []
        for node in item.nodes:
            if not isinstance(node, RepeatB):
                return []
            out += [n for n in node.body if isinstance(n, StepB) and n.intensity is Intensity.INTERVAL]
        return out
    tail = works(last)
    if not tail or tail[-1].target is None:
        return
    earlier = [works(item) for item in chain]
    if any(not w or any(s.target is not None or s.name is not None for s in w) for w in earlier):
        return
    for steps in earlier:
        for step in steps:
            step.target = tail[-1].target


class Parser(ClauseMixin):
    """Parses the token range of one session option into workout nodes."""

    def __init__(self, cursor: Cursor, *, errors: list[Diagnostic] | None = None,
                 title_kind: Kind | None = None) -> None:
        self.c = cursor
        self.errors: list[Diagnostic] = errors if errors is not None else []
        self.description: list[str] = []
        self.title_kind = title_kind
        self.depth = 0

    def reader(self, cursor: Cursor, errors: list[Diagnostic]) -> Parser:
        """A parser of the same grammar over another token range (a gloss in brackets)."""
        return Parser(cursor, errors=errors)

    def _enter(self, start: int) -> None:
        self.depth += 1
        if self.depth > MAX_DEPTH:
            tok = self.c.peek()
            raise self.c.fail("repeats and brackets nest too deep", start,
                              tok.end if tok is not None else start + 1, code="too-deep",
                              hint="a watch runs at most a repeat inside a repeat")

    # -- sequences ------------------------------------------------------------------------
    def sequence(self, ctx: str, closer: str | None = None) -> list[Item]:
        c = self.c
        items: list[Item] = []
        run_start = 0
        chain: list[Item] = []
        """Items joined by commas so far: ``3x1,200m, 3x800m @ 3k-5k`` share the last one's pace."""
        while not c.at_end():
            tok = c.peek()
            assert tok is not None
            if chain and not tok.is_sym(",") and chain[-1] is not (items[-1] if items else None):
                chain = []
            if closer is not None and tok.is_sym(closer):
                break
            if tok.kind is T.NL or tok.is_sym("+", ";", ".", ">", "&", "!") or tok.is_word("then", "plus") \
                    or self._bullet(tok):
                c.pos += 1
                run_start = len(items)
                continue
            if tok.is_word("followed") and c.word("by", at=1):
                c.pos += 2
                run_start = len(items)
                continue
            if tok.is_word("and") and items:
                c.pos += 1
                run_start = len(items)
                continue
            if tok.is_sym(","):
                c.pos += 1
                if items:
                    chain.append(items[-1])
                continue
            try:
                if items and c.is_with():
                    c.pos += c.is_with()
                    legs = self.recovery_clause()
                    self.apply_recovery(items, run_start, legs)
                    continue
                if items and tok.kind is T.WORD and tok.low in RECOVERY_LEADS and (
                        self._between_follows() or self._lap_recovery_follows(items)):
                    # "...; jog 2 min between", "90 s jog between reps": a trailing recovery clause
                    legs = self.recovery_clause()
                    self.apply_recovery(items, run_start, legs)
                    continue
                if items and tok.is_word("take"):
                    c.pos += 1
                    legs = self.recovery_clause()
                    self.apply_between(items, legs)
                    continue
                if items and tok.is_word("repeat"):
                    self.repeat_times(items)
                    run_start = len(items)
                    continue
                if tok.is_sym("("):
                    handled = self.paren(items, ctx)
                    if handled is not None:
                        items.append(handled)
                        run_start = len(items)
                    continue
                if tok.is_sym("["):
                    text, start, end = self.bracket()
                    self.attach_note(items, text)
                    continue
                new = self.item(ctx)
            except Fail as f:
                self.errors.append(f.diagnostic)
                self.skip_to_separator(closer)
                continue
            for it in new:
                if not it.single_work:
                    run_start = len(items)
                items.append(it)
            if chain and new:
                new[0].after_comma = True
                _share_pace(chain, new[-1])
                chain.append(new[-1])
        return items

    def _lap_recovery_follows(self, items: list[Item]) -> bool:
        """``6 times 200 meter hill, jog down, 20 minutes``: a jog-down on its own after repeats that
        have no recovery is their recovery, not one more step."""
        c = self.c
        last = items[-1].nodes
        if len(last) != 1 or not isinstance(last[0], RepeatB) or any(
                isinstance(n, StepB) and n.intensity in (Intensity.RECOVERY, Intensity.REST) for n in last[0].body):
            return False
        found = c.phrase(KINDS)
        if found is None or not KINDS[found[0]].lap:
            return False
        after = c.peek(found[1])
        return after is None or after.kind is T.NL or after.is_sym(",", ";", "+", ".")

    def _between_follows(self) -> bool:
        """Does the clause at the cursor say ``between`` (reps, sets, each) before it ends?"""
        c = self.c
        for k in range(12):
            t = c.peek(k)
            if t is None or t.kind is T.NL or t.is_sym(";", "+", "(", "["):
                return False
            if t.is_word("between"):
                return True
        return False

    def _bullet(self, tok: Token) -> bool:
        """``- 800m @ 5K`` at the start of a line (a pasted list): the dash marks an item."""
        c = self.c
        if not tok.is_sym("-", "*", "\u2022"):
            return False
        prev = c.tokens[c.pos - 1] if c.pos > 0 else None
        nxt = c.peek(1)
        return (prev is None or prev.kind is T.NL or c.pos == 0) and nxt is not None and nxt.start > tok.end

    def skip_to_separator(self, closer: str | None) -> None:
        c = self.c
        depth = 0
        start = c.pos
        while not c.at_end():
            tok = c.peek()
            assert tok is not None
            if depth == 0 and (tok.kind is T.NL or tok.is_sym("+", ";") or (closer and tok.is_sym(closer))):
                break
            if tok.is_sym("(", "["):
                depth += 1
            elif tok.is_sym(")", "]"):
                if depth == 0:
                    break
                depth -= 1
            c.pos += 1
        if c.pos == start and not c.at_end():
            c.pos += 1

    # -- items ----------------------------------------------------------------------------
    def item(self, ctx: str) -> list[Item]:
        c = self.c
        tok = c.peek()
        assert tok is not None
        counted = c.count()
        if counted is not None:
            count, cstart, _ = counted
            body = self.repeat_body()
            end = c.prev_end()
            rep = self._repeat(count, body, cstart, end)
            return [Item([rep], cstart, end)]
        if tok.kind in (T.NUM, T.CLOCK) or tok.kind is T.WORD:
            items = self.steps_or_ladder(ctx)
            after = c.count_after()
            if after is not None and len(items) == 1:
                count, _, _ = after
                it = items[0]
                if c.word("going") and c.word("from", at=1):
                    return self.progression(it, count)
                rep = self._repeat(count, list(it.nodes), it.start, c.prev_end())
                return [Item([rep], it.start, c.prev_end())]
            return items
        raise c.fail(f"cannot place {tok.text!r}", tok.start, tok.end,
                     hint="expected a distance, a time or a count such as '6 x'", code="unexpected")

    def progression(self, it: Item, count: int | CountRange) -> list[Item]:
        """``200m x 3 going from 10k pace to 5k pace to goal mi pace``: one rep per pace, in order."""
        from ...paces.refs import parse_pace_ref
        c = self.c
        go = c.take()
        c.pos += 1
        chunks: list[tuple[int, int]] = []
        start = c.here()
        while not c.at_end() and not c.is_with() and not c.sym(",", ";", ".", "+", "(", "[") \
                and not c.kind_is(T.NL):
            tok = c.take()
            if tok.is_word("to"):
                chunks.append((start, c.tokens[c.pos - 2].end))
                start = c.here()
        chunks.append((start, c.prev_end()))
        refs = []
        for a, b in chunks:
            try:
                refs.append(parse_pace_ref(c.text(a, b)))
            except PlanError as exc:
                raise c.fail(exc.message, a, b, hint=exc.hint, code="unknown-pace") from None
        if not isinstance(count, int) or len(refs) != count:
            raise c.fail(f"{count} reps but {len(refs)} paces", go.start, c.prev_end(), code="leg-mismatch",
                         hint="name one pace per rep: 200m x 3 going from 10K to 5K to Mile pace")
        (template,) = [n for n in it.nodes if isinstance(n, StepB)]
        return [Item([StepB(Intensity.INTERVAL, template.length, ref, template.name, template.note,
                            template.start, c.prev_end())], template.start, c.prev_end(), single_work=True)
                for ref in refs]

    def _repeat(self, count: int | CountRange, body: list[NodeB], start: int, end: int) -> RepeatB:
        if len(body) == 1 and isinstance(body[0], RepeatB) and body[0].name == "cut down" and body[0].count == 1:
            inner = body[0]
            return RepeatB(count, inner.body, start, end, name="cut down")
        return RepeatB(count, body, start, end)

    def repeat_body(self) -> list[NodeB]:
        self._enter(self.c.here())
        try:
            return self._repeat_body()
        finally:
            self.depth -= 1

    def _repeat_body(self) -> list[NodeB]:
        c = self.c
        if c.sym("("):
            return self.group_body()
        inner = c.count()
        if inner is not None:
            count, s, _ = inner
            body = self.repeat_body()
            return [self._repeat(count, body, s, c.prev_end())]
        nodes = self.leg_nodes(self.legs("rep"), "rep")
        while True:
            if c.sym("/") and c.kind_is(T.NUM, T.CLOCK, at=1):
                # "10 x 1 min on / 1 min off", "1 min hard / 1 min easy": the parts of one rep
                c.pos += 1
                nodes += self.leg_nodes(self.legs("rep"), "rep")
            elif c.word("off") and c.kind_is(T.NUM, T.CLOCK, at=1):
                # "6 x 800 off 90 secs": the club idiom for the recovery after each rep
                c.pos += 1
                nodes += self.leg_nodes(self.legs("rec"), "rec")
            elif c.kind_is(T.NUM, T.CLOCK) and c.tokens[c.pos - 1].is_word("on") and self._off_follows():
                # "2x 90 sec on 90 sec off": the off part belongs to the same rep
                nodes += self.leg_nodes(self.legs("rep"), "rep")
            else:
                return nodes

    def _off_follows(self) -> bool:
        c = self.c
        for k in range(1, 4):
            t = c.peek(k)
            if t is None or t.kind is T.NL or t.is_sym(",", ";", "+"):
                return False
            if t.is_word("off"):
                return True
        return False

    def group_body(self) -> list[NodeB]:
        self._enter(self.c.here())
        try:
            return self._group_body()
        finally:
            self.depth -= 1

    def _group_body(self) -> list[NodeB]:
        c = self.c
        open_tok = c.take()
        items = self.sequence("rep", closer=")")
        if not c.sym(")"):
            raise c.fail("'(' is never closed", open_tok.start, open_tok.end, hint="add the matching ')'",
                         code="unclosed")
        c.pos += 1
        return [n for it in items for n in it.nodes]

    def steps_or_ladder(self, ctx: str) -> list[Item]:
        """One step, or a ladder ``500m, 400m, 300m @ Mile`` whose last item sets the pace."""
        c = self.c
        lengths: list[tuple[Length, int, int]] = []
        while c.starts_length():
            save = c.pos
            try:
                got = c.length(after_x=ctx == "rep")
            except Fail:
                c.pos = save
                break
            if got is not None and c.sym(",") and c.kind_is(T.NUM, T.CLOCK, at=1):
                nxt_save = c.pos
                c.pos += 1
                if self._plain_length_follows(got[0]):
                    lengths.append(got)
                    continue
                c.pos = nxt_save
            c.pos = save
            break
        legs = self.legs(ctx if not lengths else "rep")
        last_nodes = self.leg_nodes(legs, ctx if not lengths else "rep")
        if not lengths:
            step = last_nodes[0] if len(last_nodes) == 1 else None
            single = isinstance(step, StepB) and step.intensity is Intensity.INTERVAL
            return [Item(last_nodes, legs[0].start, legs[-1].end, single_work=single)]
        template = last_nodes[0]
        assert isinstance(template, StepB)
        if legs[0].kind is None and not legs[0].target_given:
            template.intensity, template.target = Intensity.INTERVAL, None
        out = []
        for length, s, e in lengths:
            step = StepB(template.intensity, length, template.target, template.name, None, s, e)
            out.append(Item([step], s, e, single_work=True))
        out.append(Item([template], template.start, template.end, single_work=True))
        return out

    def _plain_length_follows(self, like: Length) -> bool:
        """After a comma: is the next item a length of the same kind (a distance after a distance;
        ``10 miles, 40 min tempo`` is no ladder), maybe with a pace, and not a count?"""
        c = self.c
        save = c.pos

        def kind(length: Length) -> type:
            return type(length.low if isinstance(length, LengthRange) else length)
        try:
            if c.count() is not None:
                return False
            got = c.length(after_x=True)
            return got is not None and not c.sym("/") and kind(got[0]) is kind(like)
        except Fail:
            return False
        finally:
            c.pos = save

    def legs(self, ctx: str) -> list[Leg]:
        """A step phrase: ``[kind] length[/length...] [or length] [kind] ["name"] [@ pace[/pace]] [notes]``."""
        c = self.c
        start = c.here()
        kind1 = None
        note_parts: list[str] = []
        if c.word("last") and ctx == "seq":
            tok = c.take()
            raise c.fail("'last' only makes sense inside a whole run ('14 miles, last 2 miles @ T')",
                         tok.start, tok.end, code="unexpected")
        lengths: list[Length | str | None] = []
        if c.word("lap") and not c.phrase(KINDS):
            c.pos += 1
            lengths.append(LAP_BUTTON)
        if ctx == "rec" and c.word("previous", "same") and c.word("distance", "length", "time", "duration", at=1):
            c.pos += 2
            lengths.append(_SAME)
        elif c.word("equal") and ctx == "rec":
            c.pos += 1
            lengths.append(_SAME)
        elif c.word("long") and ctx == "rec" and c.word("recovery", "recoveries", "rest", at=1):
            c.pos += 1
            lengths.append(LAP_BUTTON)
        if not lengths and c.kind_is(T.WORD):
            got_kind = c.kind()
            if got_kind is not None:
                kind1 = got_kind[0]
                if c.word("up") and c.word("to", at=1):
                    c.pos += 2
                    note_parts.append("up to")
            elif ctx == "rec" and c.word("no", "none") :
                tok = c.take()
                if c.word("recovery", "rest", "recoveries"):
                    c.pos += 1
                return [Leg(None, None, None, False, None, None, tok.start, c.prev_end(), none=True)]
            else:
                here = c.peek()
                assert here is not None
                tok = here
                nxt = c.peek(1)
                if tok.is_word("a", "p", "am", "pm") and (tok.low in ("am", "pm") or (nxt is not None and nxt.is_sym("."))):
                    raise c.fail("two runs in one cell (a.m. and p.m.)", tok.start, c.tokens[c.limit - 1].end,
                                 code="two-runs", hint="a cell holds one session: put the a.m. and p.m. runs "
                                                       "in two sessions of the day")
                self._pace_without_at()
                raise c.fail(f"cannot place the words {self._words_from(c.pos)!r}", tok.start,
                             self._words_end(c.pos), code="unexpected",
                             hint="expected a distance, a time, a count ('6 x') or a kind of run "
                                  "('45 min run', 'strides', 'jog')")
        if ctx == "rec" and not lengths:
            share = self._share_of_rep()
            if share is not None:
                lengths.append(LAP_BUTTON)
                note_parts.append(share)
        daniels = self._daniels() if not lengths else None
        if daniels is not None:
            lengths.append(daniels[0])
        if not lengths and c.starts_length():
            got = c.length(after_x=ctx in ("rep", "rec"))
            assert got is not None
            lengths.append(got[0])
            length_span = (got[1], got[2])
            while c.sym("/") and c.kind_is(T.NUM, T.CLOCK, at=1):
                c.pos += 1
                leg_length = c.length(after_x=True)
                assert leg_length is not None
                lengths.append(leg_length[0])
            if c.word("or") and c.kind_is(T.NUM, T.CLOCK, at=1):
                or_tok = c.take()
                alt = c.length(after_x=True)
                assert alt is not None
                note_parts.append(" ".join(c.text(or_tok.start, alt[2]).split()))
            if c.sym("(") and self._is_length(c.pos + 1, self.matching(c.pos) or c.pos):
                close = self.matching(c.pos)
                assert close is not None
                inner = c.tokens[c.pos + 1: close]
                s = c.here()
                c.pos = close + 1
                fake = Item([StepB(Intensity.ACTIVE, got[0], None, None, None, *length_span)], start, s)
                self.check_conversion(fake, s, c.prev_end(), inner)
        kind2 = None
        if c.kind_is(T.WORD):
            if c.phrase({"cut down": 1, "cut-down": 1, "cutdown": 1}):
                return [self.cut_down(lengths, start)]
            if c.word("pace") and not c.phrase(KINDS):
                tok = c.take()
                raise c.fail("'pace' alone does not say which pace", tok.start, tok.end, code="unknown-pace",
                             hint="name it: '@ M' for marathon pace, '@ 5K', '@ HM-10K'")
            found = c.phrase(KINDS)
            starts_next = found is not None and kind1 is not None and c.kind_is(T.NUM, T.CLOCK, at=found[1])
            got_kind = None if starts_next or (found is not None and found[0] == "off"
                                               and c.kind_is(T.NUM, T.CLOCK, at=found[1])) else c.kind()
            if got_kind is not None:
                kind2 = got_kind[0]
        bare_target = daniels[1] if daniels is not None else (
            self._bare_label() if lengths and kind2 is None else None)
        if bare_target is not None and c.kind_is(T.WORD):
            got_kind = c.kind()
            if got_kind is not None:
                kind2 = got_kind[0]
        # "jog 4 min recovery" stays a jog; "C/D 1 mile steady easy" stays a cool-down
        keep_first = kind1 is not None and (kind2 is KINDS["recovery"] or (
            kind1.intensity in (Intensity.WARMUP, Intensity.COOLDOWN) and kind2 is not None
            and kind2.intensity is Intensity.ACTIVE and kind2.default_target == EASY))
        kind = kind1 if keep_first else (kind2 or kind1)
        if not lengths:
            if kind is None:
                at = c.peek()
                end = at.end if at is not None else c.prev_end()
                raise c.fail("expected a distance or a time", c.here(), end, code="missing-length",
                             hint="write 400m, 1 mile, 30 sec or 5 min")
            lengths.append(LAP_BUTTON)
        elif kind is not None and kind.lap and lengths == [LAP_BUTTON]:
            pass
        name = None
        if c.kind_is(T.QUOTED):
            name = c.take().text[1:-1]
        between = None
        if ctx == "rec" and c.word("between"):
            c.pos += 1
            what = c.peek()
            if what is None or what.kind is T.NL or what.is_sym(";", ",", ".", "+", ")"):
                what = Token(T.WORD, "reps", c.prev_end(), c.prev_end())  # "jog 2 min between": reps
            elif what.kind is not T.WORD:
                raise c.fail("'between' needs what it is between (reps or sets)", c.prev_end() - 7, c.prev_end())
            else:
                c.pos += 1
            between = "sets" if what.low in ("sets", "set", "rounds") else "reps"
            if what.low in ("efforts", "reps", "intervals", "repeats", "each") and c.word("rep", "interval"):
                c.pos += 1
        targets: list[tuple[Target | None, bool]] = []
        if bare_target is not None:
            targets.append((bare_target, True))
        elif c.target_intro():
            t, _, _ = c.target()
            targets.append((t, True))
            while c.sym("/") and c.peek(1) is not None:
                c.pos += 1
                t, _, _ = c.target()
                targets.append((t, True))
        if ctx == "rec" and between is None and c.word("between"):
            c.pos += 1
            what = c.take() if c.peek() is not None else None
            between = "sets" if what is not None and what.low in ("sets", "set") else "reps"
        label = None
        if targets and c.word("as") and c.peek(1) is not None:
            c.pos += 1
            s = c.here()
            while not c.at_end() and not c.sym("[", "+", ",", ";", ")", "(") and not c.word("w", "with", "or") \
                    and not c.kind_is(T.NL):
                c.pos += 1
            label = c.text(s, c.prev_end()).strip() or None
        if c.word("for") and c.kind_is(T.NUM, at=1):
            # "2.5 mile cool down for 9.5 miles total": the day's total, kept as a note
            s = c.here()
            c.pos += 1
            while not c.at_end() and not c.kind_is(T.NL) and not c.sym(",", ";", "+", "(", "["):
                c.pos += 1
            note_parts.append(" ".join(c.text(s, c.prev_end()).split()))
        if c.word("for") and c.kind_is(T.WORD, at=1):
            s = c.here()
            c.pos += 1
            while c.kind_is(T.WORD) and not c.word("w", "with", "or", "and", "then"):
                c.pos += 1
            note_parts.append(c.text(s, c.prev_end()))
        while c.sym("["):
            text, bs, be = self.bracket()
            self._check_note(text, targets, bs, be)
            note_parts.append(text)
        end = c.prev_end()
        if len(targets) not in (0, 1, len(lengths)):
            raise c.fail(f"{len(lengths)} lengths but {len(targets)} paces", start, end, code="leg-mismatch",
                         hint="give one pace for all legs or one per leg: 800m/300m @ 5K/Mile")
        note = "; ".join(note_parts) if note_parts else None
        legs = []
        for k, length in enumerate(lengths):
            tgt, given = targets[k] if len(targets) > 1 else (targets[0] if targets else (None, False))
            legs.append(Leg(length, kind, tgt, given, name, note, start, end, label=label, between=between))
        return legs

    def _share_of_rep(self) -> str | None:
        """``jog 50-90% interval time``, ``50 to 90% of the rep time``: a recovery as a share of the
        rep's own time. The watch cannot time that from a distance rep, so it is a lap-button
        recovery carrying those words as its note; None when no share is at the cursor."""
        c = self.c
        k = 0
        if not c.kind_is(T.NUM):
            return None
        k = 1
        if (c.sym("-", at=1) or c.word("to", at=1)) and c.kind_is(T.NUM, at=2):
            k = 3
        if not c.sym("%", at=k):
            return None
        start = c.here()
        c.pos += k + 1
        if c.word("of"):
            c.pos += 1
        if c.word("the", "each", "your"):
            c.pos += 1
        if not (c.word("interval", "intervals", "rep", "reps", "repeat", "work", "effort")
                and c.word("time", "duration", at=1)):
            return "".join(t.text for t in c.tokens[c.pos - k - 1:c.pos]) + " of the rep's time"
        c.pos += 2
        return f"{self.c.text(start, c.prev_end())}"

    def _daniels(self) -> tuple[Distance, PaceRef] | None:
        """Daniels' compact ``2E``, ``1T``, ``8E+2X(2T W/ 2MIN REST)``: a number glued to a capital
        pace letter is that many miles (km in a metric plan) at that pace, never ``8e+2``."""
        c = self.c
        num, letter = c.peek(), c.peek(1)
        if num is None or letter is None or num.kind is not T.NUM or letter.kind is not T.WORD \
                or letter.start != num.end or letter.text not in DANIELS_LETTERS:
            return None
        after = c.peek(2)
        if after is not None and after.start == letter.end and after.kind in (T.WORD, T.NUM):
            return None
        c.pos += 2
        unit = "km" if c.units == "metric" else "mi"
        length = c._make(num.value, unit, num.start, letter.end)
        assert isinstance(length, Distance)
        if c.units is None:
            c.note(f"'{num.text}{letter.text}' read as {num.text} {unit} at {letter.text} pace", num.start, letter.end,
                   hint="set the plan's units to metric if it means kilometres", code="daniels-units")
        return length, PaceRef(low=DANIELS_LETTERS[letter.text])

    def _bare_label(self) -> PaceRef | None:
        """Daniels' ``3 min I``, ``10:00 E``, ``16 min LT interval``, ``12 min 100% M``: a pace label
        written straight after the length, without ``@``. Only labels that are not also words of
        the language (``I``, ``T``, ``LT``, ``MP``, ``HMP``, ``10K``...) and a share (``95% MP``)."""
        c = self.c
        tok = c.peek()
        if tok is None:
            return None
        if tok.kind is T.NUM and (c.sym("%", at=1) or (c.sym("-", at=1) and c.sym("%", at=3))):
            save = c.pos
            try:
                ref, _, _ = c.target()
            except Fail:
                c.pos = save
                return None
            return ref if isinstance(ref, PaceRef) else None
        for k in range(1, 5):
            # "6 x 1000 10K pace", "3 miles half marathon pace": a label that says it is a pace
            end_tok = c.peek(k)
            if end_tok is None or end_tok.kind is T.NL or end_tok.is_sym(",", ";", "+", "(", "/"):
                break
            if end_tok.is_word("pace", "effort"):
                try:
                    ref = parse_pace_ref(c.text(tok.start, end_tok.end))
                except PlanError:
                    break
                c.pos += k + 1
                return ref
        if tok.kind is not T.WORD or tok.text not in BARE_LABELS:
            return None
        nxt = c.peek(1)
        if nxt is not None and nxt.start == tok.end and (nxt.kind is T.WORD or nxt.is_sym("-")):
            return None
        c.pos += 1
        return PaceRef(low=BARE_LABELS[tok.text])

    def _pace_without_at(self) -> None:
        """``400m HM-10K``: words that read as a pace are a missing ``@``, and the error says so."""
        c = self.c
        sub = c.sub(c.pos, c.limit)
        try:
            ref, start, end = sub.target()
        except Fail:
            return
        if ref is not None:
            raise c.fail(f"the pace {c.text(start, end)!r} needs '@' before it", start, end, code="missing-at",
                         hint=f"write '@ {c.text(start, end)}'")

    def _words_from(self, i: int) -> str:
        return self.c.text(self.c.tokens[i].start, self._words_end(i))

    def _words_end(self, i: int) -> int:
        j = i
        end = self.c.tokens[i].end
        while j < self.c.limit and self.c.tokens[j].kind is T.WORD:
            end = self.c.tokens[j].end
            j += 1
        return end

    def cut_down(self, lengths: list[Length | str | None], start: int) -> Leg:
        """``300m cut down (100m @ 5K, 100m @ Mile, 100m @ Faster)``: segments getting faster."""
        c = self.c
        found = c.phrase({"cut down": 1, "cut-down": 1, "cutdown": 1})
        assert found is not None
        ws, we = c.skip(found[1])
        if not c.sym("("):
            raise c.fail("a cut down needs its segments in brackets", ws, we, code="cut-down",
                         hint="write 300m cut down (100m @ 5K, 100m @ Mile, 100m @ Faster)")
        segs = self.group_body()
        end = c.prev_end()
        steps = [s for s in segs if isinstance(s, StepB)]
        if len(steps) != len(segs) or not steps:
            raise c.fail("cut-down segments must be plain steps", start, end, code="cut-down")
        if len(lengths) == 1 and isinstance(lengths[0], Distance) and all(isinstance(s.length, Distance) for s in steps):
            total = sum(s.length.metres for s in steps if isinstance(s.length, Distance))
            if abs(total - lengths[0].metres) > 0.5:
                raise c.fail(f"the cut-down segments add up to {total:g} m, not {lengths[0].metres:g} m",
                             start, end, code="cut-down", hint="make the segments add up to the rep")
        c.note("no recovery is written between cut-downs; none added", start, end,
               hint="add one with 'w/ 2 min jog' if the coach meant one", code="no-recovery")
        leg = Leg(None, None, None, False, None, None, start, end)
        leg.length = RepeatB(1, list(steps), start, end, name="cut down", no_recovery=True)
        return leg

    def leg_nodes(self, legs: list[Leg], ctx: str) -> list[NodeB]:
        out: list[NodeB] = []
        for leg in legs:
            if isinstance(leg.length, RepeatB):
                out.append(leg.length)
                continue
            out.append(self.make_step(leg, ctx))
        return out

    def make_step(self, leg: Leg, ctx: str) -> StepB:
        kind = leg.kind
        if kind is None and ctx == "rep" and self.title_kind is not None:
            kind = self.title_kind
        if kind is not None:
            intensity, name = kind.intensity, kind.name
            target = leg.target if leg.target_given else kind.default_target
            note = leg.note if leg.note is not None else kind.note
        elif leg.target_given:
            intensity = Intensity.ACTIVE if leg.target == EASY else Intensity.INTERVAL
            name, target, note = None, leg.target, leg.note
        elif ctx == "rep":
            intensity, name, target, note = Intensity.INTERVAL, None, None, leg.note
        elif ctx == "rec":
            intensity, name, target, note = Intensity.RECOVERY, None, None, leg.note
        else:
            intensity, name, target, note = Intensity.ACTIVE, None, EASY, leg.note
        if leg.name is not None:
            name = leg.name
        if isinstance(leg.length, RepeatB):
            # leg_nodes() passes a cut-down on as it is; elsewhere (a recovery) it cannot be one step.
            raise self.c.fail("a cut down cannot be a recovery", leg.start, leg.end, code="cut-down",
                              hint="a cut down is a rep; give the recovery as one distance or time")
        length: Length | str = leg.length if leg.length is not None else LAP_BUTTON
        if kind is not None and kind.lap and leg.length in (None, LAP_BUTTON):
            length = LAP_BUTTON
        return StepB(intensity, length, target, name, note, leg.start, leg.end, label=leg.label)

    # -- recoveries -----------------------------------------------------------------------
