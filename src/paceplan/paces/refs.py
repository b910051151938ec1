"""Pace label text as coaches write it -> :class:`~paceplan.model.PaceRef`.

Accepted forms (case and spacing free; a trailing ``pace`` / ``race pace`` is ignored):

- one label: ``HM``, ``half marathon``, ``5k pace``, ``MP``, ``marathon race pace``, ``CMP``,
  ``goal mi pace``, ``threshold``, ``tempo``, ``LT``, ``easy``, ``I``, ``Faster``;
- a range of two labels, kept in the order written: ``HM-10K``, ``10K-5K``, ``5K - Mile``,
  ``5k–10k pace`` (en dash), ``15K to half marathon``;
- an offset in seconds, per mile unless a unit follows: ``HMP -10s``, ``MP - 10s``,
  ``M +15 sec``, ``10K -5s/km``, ``T - 3 s per km``;
- a share of one label's speed: ``95% MP``, ``95-100% M``, ``105% of 10K pace`` (100% is the
  pace itself, 95% is slower, 105% faster).

A leading ``@`` or ``at`` is dropped. Unknown labels raise :class:`~paceplan.errors.PaceError`
whose hint lists the known labels.
"""

from __future__ import annotations

import functools
import re

from ..errors import PaceError, PlanError
from ..labels import canonical_label, known_labels_hint
from ..model import PaceRef

__all__ = ["format_ref", "parse_pace_ref"]

_OFFSET = re.compile(
    r"\s*(?P<sign>[+\-\u2212])\s*(?P<num>\d+(?:\.\d+)?)\s*(?:s|sec|secs|second|seconds)\.?"
    r"\s*(?:(?:/|per\s+)\s*(?P<unit>km|k|kilometre|kilometer|mi|mile))?\s*$",
    re.IGNORECASE,
)
_RANGE_SEP = re.compile(r"\s*(?:-|\u2013|\u2014)\s*|\s+to\s+", re.IGNORECASE)
_LEAD = re.compile(r"^\s*(?:@|at\s+)\s*", re.IGNORECASE)
_PERCENT = re.compile(r"^(?P<low>\d{1,3}(?:\.\d+)?)\s*%?\s*(?:(?:-|to)\s*(?P<high>\d{1,3}(?:\.\d+)?))?\s*%"
                      r"\s*(?:of\s+)?(?:the\s+)?(?:(?:your|goal|current)\s+)?", re.IGNORECASE)
_TAIL = re.compile(r"\s+(?:race\s+)?(?:pace|effort)\s*$", re.IGNORECASE)


def _unknown(text: str, what: str | None = None) -> PaceError:
    shown = what if what is not None else text.strip()
    return PaceError(f"unknown pace {shown!r}", hint=known_labels_hint(shown), code="unknown-pace")


def _split_range(body: str) -> tuple[str, str] | None:
    """Two labels around a dash or ``to``; tries every separator so ``2-mile-5k`` still works."""
    for m in _RANGE_SEP.finditer(body):
        left, right = body[: m.start()], body[m.end():]
        a, b = canonical_label(left), canonical_label(right)
        if a is not None and b is not None:
            return a, b
    return None


def parse_pace_ref(text: str) -> PaceRef:
    """Read a pace label, a two-label range or a label with an offset (see module docs)."""
    if not isinstance(text, str):
        raise PaceError("empty pace label", hint=known_labels_hint(), code="unknown-pace")
    ref, error = _parse_cached(text)
    if error is not None:
        raise PaceError(diagnostics=error.diagnostics)
    assert ref is not None
    return ref


@functools.lru_cache(maxsize=2048)
def _parse_cached(text: str) -> tuple[PaceRef | None, PaceError | None]:
    # The notation reader tries many word runs as labels (most fail), and every plan repeats the
    # same few: remember both answers. A fresh exception is raised each time from the stored one.
    try:
        return _parse(text), None
    except PaceError as exc:
        return None, exc


def _parse(text: str) -> PaceRef:
    if not text.strip():
        raise PaceError("empty pace label", hint=known_labels_hint(),
                        code="unknown-pace")
    body = _LEAD.sub("", text.replace("\u00a0", " ")).strip()
    share = _PERCENT.match(body)
    if share is not None:
        return _share(text, body[share.end():], float(share.group("low")),
                      float(share.group("high")) if share.group("high") else None)
    offset, per = 0.0, "km"
    m = _OFFSET.search(body)
    if m and m.start() > 0:
        sign = -1.0 if m.group("sign") in "-\u2212" else 1.0
        offset = sign * float(m.group("num"))
        unit = (m.group("unit") or "mi").lower()
        per = "km" if unit.startswith("k") else "mi"
        body = body[: m.start()].strip()
    body = _TAIL.sub("", body).strip() or body
    single = canonical_label(body)
    if single is not None:
        return PaceRef(low=single, offset_s=offset, per=per)
    pair = _split_range(body)
    if pair is None:
        raise _unknown(text, body if body else None)
    low, high = pair
    if low == high:
        return PaceRef(low=low, offset_s=offset, per=per)
    return PaceRef(low=low, high=high, offset_s=offset, per=per)


def _share(text: str, rest: str, low: float, high: float | None) -> PaceRef:
    """``95-100% MP``: the share(s) of one label's speed."""
    label = canonical_label(_TAIL.sub("", rest).strip() or rest)
    if label is None:
        raise _unknown(text, rest.strip() or None)
    if high is not None and high == low:
        high = None
    try:
        return PaceRef(low=label, percent=low, percent_high=high)
    except PlanError as exc:
        raise PaceError(exc.message, hint=exc.hint, code="bad-percent") from None


def format_ref(ref: PaceRef) -> str:
    """The label text shown on a step: ``HM-10K``, ``Mile``, ``HM -10s/mi``."""
    text = ref.low if ref.high is None else f"{ref.low}-{ref.high}"
    if ref.offset_s:
        text += f" {ref.offset_s:+g}s/{ref.per}"
    if ref.percent is not None:
        share = f"{ref.percent:g}" + ("" if ref.percent_high is None else f"-{ref.percent_high:g}")
        text = f"{share}% {text}"
    return text
