"""Tokens of coach notation, each carrying its character offsets into the original text.

Unicode as people type it (en dash, ``×``, primes, curly quotes, non-breaking spaces) is folded
one character for one character before tokenising, so every offset still points into the text
the user gave us and carets land under the right words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

__all__ = ["MAX_TEXT", "NUMBER_WORDS", "Kind", "Token", "fold", "tokenize"]

NUMBER_WORDS: dict[str, int] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
    "forty": 40, "forty-five": 45, "sixty": 60, "ninety": 90,
}
"""Counts and lengths coaches spell out (``six 800m reps``, ``five minutes easy``)."""

MAX_TEXT = 4000
"""Longest cell text the reader accepts; plan cells are a line or three, this bounds the work."""

_FOLD = str.maketrans({
    "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-",
    "\u00d7": "x", "\u2715": "x", "\u2716": "x",
    "\u2032": "'", "\u2019": "'", "\u2018": "'", "\u00b4": "'",
    "\u2033": '"', "\u201c": '"', "\u201d": '"',
    "\u00a0": " ", "\u2009": " ", "\u202f": " ", "\u2007": " ", "\u2002": " ", "\u2003": " ",
    "\u2000": " ", "\u2001": " ", "\u2004": " ", "\u2005": " ", "\u2006": " ", "\u2008": " ",
    "\u200a": " ", "\u205f": " ", "\u3000": " ",
    # invisible characters pasted from web pages and Windows files: a byte-order mark, zero-width
    # spaces and joiners read as blanks
    "\ufeff": " ", "\u200b": " ", "\u200c": " ", "\u200d": " ", "\u2060": " ",
    "\t": " ", "\r": " ",
})


def fold(text: str) -> str:
    """The text with typographic characters replaced by ASCII ones, same length, same offsets."""
    return text.translate(_FOLD)


class Kind(str, Enum):
    NUM = "number"
    CLOCK = "clock"
    WORD = "word"
    SYM = "symbol"
    QUOTED = "quoted"
    NL = "newline"


@dataclass(frozen=True, slots=True)
class Token:
    """One token: its kind, its text (folded, as in the text), and ``[start, end)`` offsets."""

    kind: Kind
    text: str
    start: int
    end: int

    @property
    def low(self) -> str:
        return self.text.lower()

    def is_word(self, *words: str) -> bool:
        return self.kind is Kind.WORD and self.text.lower() in words

    def is_sym(self, *syms: str) -> bool:
        return self.kind is Kind.SYM and self.text in syms

    @property
    def value(self) -> float:
        """The number a NUM token stands for (``1,000`` is 1000, ``six`` is 6)."""
        word = NUMBER_WORDS.get(self.text.lower())
        return float(word) if word is not None else float(self.text.replace(",", ""))


_PATTERNS: list[tuple[Kind, re.Pattern[str]]] = [
    (Kind.CLOCK, re.compile(r"\d{1,3}:\d{2}(?::\d{2})?(?:\.\d+)?|\d{1,3}'\d{1,2}\"?(?=\s|$|[^\w'])")),
    (Kind.NUM, re.compile(r"\d{1,3}(?:,\d{3})+(?![\d,])(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")),
    (Kind.QUOTED, re.compile(r'"[^"\n]{1,200}"(?=\s|$|[@,;+)\]/.:-])')),
    # "W01Q2", "V02Max": a code of letters and digits is one word (a label), while "speed8"
    # (no letters after the digits) still splits into a word and a number
    (Kind.WORD, re.compile(r"[^\W\d_]+\d+[^\W\d_]+\d*(?![\w])|[^\W\d_]+(?:'[^\W\d_]+)?")),
]


def tokenize(text: str) -> list[Token]:
    """Split folded ``text`` into tokens; unknown characters become one-character SYM tokens."""
    out: list[Token] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == "\n":
            out.append(Token(Kind.NL, "\n", i, i + 1))
            i += 1
            continue
        if c.isspace():
            i += 1
            continue
        # "5x400", "4x800", "5xhill": an x glued to a number is the times sign.
        if c in "xX" and out and out[-1].kind is Kind.NUM and out[-1].end == i:
            out.append(Token(Kind.SYM, "x", i, i + 1))
            i += 1
            continue
        for kind, pattern in _PATTERNS:
            if kind is Kind.QUOTED and (c != '"' or (out and out[-1].end == i and out[-1].kind is Kind.NUM)):
                continue
            m = pattern.match(text, i)
            if m and m.end() > i:
                word = m.group()
                if kind is Kind.WORD and word.lower() == "x":
                    out.append(Token(Kind.SYM, "x", i, m.end()))
                elif kind is Kind.WORD and word.lower() in NUMBER_WORDS:
                    out.append(Token(Kind.NUM, word, i, m.end()))  # "four 1-km repeats", "three-min jog"
                else:
                    out.append(Token(kind, word, i, m.end()))
                i = m.end()
                break
        else:
            out.append(Token(Kind.SYM, c, i, i + 1))
            i += 1
    return out
