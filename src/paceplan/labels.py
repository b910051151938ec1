"""Pace labels as coaches write them, mapped to one canonical name each.

The notation reader stores canonical names in :class:`~paceplan.model.PaceRef`; the pace
calculator (:mod:`paceplan.paces`) knows how to turn each into a pace for a runner.
"""

from __future__ import annotations

import difflib
import functools
import re

__all__ = ["KNOWN_LABELS", "RACE_DISTANCES_M", "RACE_LABELS", "TRAINING_LABELS", "canonical_label", "known_labels_hint"]

RACE_DISTANCES_M: dict[str, float] = {
    "800m": 800.0,
    "1200m": 1200.0,
    "1500m": 1500.0,
    "Mile": 1609.344,
    "3K": 3000.0,
    "2mi": 3218.688,
    "5K": 5000.0,
    "8K": 8000.0,
    "10K": 10000.0,
    "15K": 15000.0,
    "HM": 21097.5,
    "M": 42195.0,
}
"""Race labels and their distances; ``M`` is both the marathon and Daniels' M pace."""

RACE_LABELS: tuple[str, ...] = tuple(RACE_DISTANCES_M)
TRAINING_LABELS: tuple[str, ...] = ("E", "T", "I", "R", "Faster", "CMP", "GMP")
"""Daniels E/T/I/R; ``Faster`` = faster than mile pace; current and goal mile pace."""
KNOWN_LABELS: tuple[str, ...] = RACE_LABELS + TRAINING_LABELS

_ALIASES: dict[str, str] = {
    "800": "800m", "800m": "800m",
    "1200": "1200m", "1200m": "1200m",
    "1500": "1500m", "1500m": "1500m",
    "mile": "Mile", "milepace": "Mile", "milerp": "Mile", "mi": "Mile", "1mi": "Mile", "1mile": "Mile",
    "3k": "3K", "3000": "3K", "3000m": "3K", "3kp": "3K", "3km": "3K",
    "2mi": "2mi", "2mile": "2mi", "2miles": "2mi", "2-mile": "2mi",
    "5k": "5K", "5000": "5K", "5000m": "5K", "5-k": "5K", "5kp": "5K", "5km": "5K", "5krp": "5K",
    "8k": "8K", "8km": "8K",
    "10k": "10K", "10000": "10K", "10-k": "10K", "10kp": "10K", "10km": "10K", "10krp": "10K",
    "15k": "15K", "15kp": "15K", "15km": "15K",
    "hm": "HM", "hmp": "HM", "hmrp": "HM", "halfmarathongoal": "HM", "half": "HM", "halfmarathon": "HM", "half-marathon": "HM",
    "halfmarathonpace": "HM", "halfmarathonracepace": "HM", "13.1": "HM",
    "m": "M", "mp": "M", "mrp": "M", "marathon": "M", "marathonpace": "M", "marathonracepace": "M",
    "goalmp": "M", "mtempo": "M", "marathontempo": "M", "goalmarathon": "M", "goalmarathonpace": "M",
    "e": "E", "easy": "E", "easypace": "E", "conversational": "E",
    "t": "T", "threshold": "T", "ltpace": "T", "thresholdpace": "T", "tempo": "T", "lt": "T", "lactatethreshold": "T",
    "i": "I", "interval": "I", "h": "I", "hard": "I", "vo2max": "I",
    "r": "R", "rep": "R", "repetition": "R",
    "faster": "Faster",
    "cmp": "CMP", "currentmilepace": "CMP",
    "goalmi": "GMP", "goalmile": "GMP", "goalmipace": "GMP", "goalmilepace": "GMP", "gmp": "GMP",
}


def canonical_label(text: str) -> str | None:
    """The canonical name of a pace label (``half marathon`` -> ``HM``), or None if unknown.

    Spaces, case and a trailing ``pace``/``race pace`` are ignored: ``5k pace``, ``5K``, ``5 K``.
    """
    key = re.sub(r"[\s\u00a0]+", "", text.strip().lower())
    if key in _ALIASES:
        return _ALIASES[key]
    for suffix in ("racepace", "pace", "raceeffort", "effort"):
        if key.endswith(suffix) and key[: -len(suffix)] in _ALIASES:
            return _ALIASES[key[: -len(suffix)]]
    return None


@functools.lru_cache(maxsize=1024)
def known_labels_hint(text: str | None = None) -> str:
    """The hint for an unknown label: the closest known ones first when ``text`` looks like a
    typo (``Milee`` -> ``Mile``), then every known label."""
    known = "known paces are " + ", ".join(KNOWN_LABELS)
    if not text:
        return known
    words = {label.lower(): label for label in KNOWN_LABELS} | {k: v for k, v in _ALIASES.items() if len(k) > 2}
    guess = re.sub(r"[\s\u00a0]+", "", text.strip().lower())
    close = difflib.get_close_matches(guess, list(words), n=1, cutoff=0.75)
    suggestions = list(dict.fromkeys(words[c] for c in close))
    if not suggestions:
        return known
    return f"did you mean {' or '.join(suggestions)}? {known}"
