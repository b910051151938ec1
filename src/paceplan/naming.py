"""Names people and file systems can live with: session keys, key-set titles, FIT file names.

- A *session key* says where a session sits in a plan: ``w1-wed`` (week 1, Wednesday), with a
  slot suffix for a second session on the same day (``w1-wed-2``).
- A *key set* is the short human summary of a workout's main work (``6×400 m``,
  ``2×10 min + 4×1 min``, ``45 min``), used in calendar titles and file names.
- A *FIT file name* joins both into something a person can tell apart on a watch's USB drive:
  ``w1-wed-6x400m.fit``. Names use only ASCII letters, digits and dashes (lower case), are at
  most :data:`MAX_FILE_NAME` characters, and are made unique within one build, so no workout
  title can escape the output folder or clash with another.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Iterable, Sequence

from .model import CountRange, Intensity, LapButton, LengthRange, Node, Repeat, Step, Workout
from .output_dir import is_reserved_name
from .units import MILE_M, Distance, Duration

__all__ = [
    "MAX_FILE_NAME",
    "MONTH_SHORT",
    "WEEKDAY_KEYS",
    "WEEKDAY_NAMES",
    "WEEKDAY_SHORT",
    "fit_file_name",
    "format_distance",
    "is_reserved_name",
    "format_length",
    "key_set",
    "safe_stem",
    "session_key",
    "slugify",
    "unique_file_names",
    "weekday_index",
]

WEEKDAY_KEYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
WEEKDAY_NAMES: tuple[str, ...] = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
                                  "Saturday", "Sunday")
WEEKDAY_SHORT: tuple[str, ...] = tuple(name[:3] for name in WEEKDAY_NAMES)
MONTH_SHORT: tuple[str, ...] = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
"""Our own English names, not strftime's, so outputs do not change with the machine's locale."""
MAX_FILE_NAME = 64
"""Longest FIT file name written, extension included (well inside every file system's limit)."""
_MAX_SLUG = 40


def session_key(week: int, weekday: int, slot: int = 0) -> str:
    """``w1-wed`` for week 1 Wednesday; later sessions of a day get ``-2``, ``-3``..."""
    key = f"w{week}-{WEEKDAY_KEYS[weekday]}"
    return key if slot == 0 else f"{key}-{slot + 1}"


def weekday_index(text: str) -> int | None:
    """0..6 for ``mon``/``Monday``/``Mo`` (any case), None when the text is not a weekday."""
    t = text.strip().lower().rstrip(".")
    if len(t) < 2:
        return None
    for i, name in enumerate(WEEKDAY_NAMES):
        if name.lower().startswith(t) and (len(t) >= 3 or t in ("mo", "tu", "we", "th", "fr", "sa", "su")):
            return i
    return None


def slugify(text: str, *, max_len: int = _MAX_SLUG) -> str:
    """Lower-case ASCII letters, digits and single dashes; never empty-looking dots or slashes.

    ``6×400 m`` -> ``6x400m``; ``Mile race`` -> ``mile-race``; non-ASCII letters lose their
    accents, anything else becomes a dash. Cut at ``max_len`` on a dash when possible.
    """
    t = text.replace("×", "x")
    t = unicodedata.normalize("NFKD", t).encode("ascii", "ignore").decode("ascii").lower()
    # "400 m" and "30 min" read better glued: 400m, 30min.
    t = re.sub(r"(\d)\s+(m|km|mi|min|s|sec|h)\b", r"\1\2", t)
    t = re.sub(r"(\d)\s*x\s*(\d)", r"\1x\2", t)
    t = re.sub(r"[^a-z0-9]+", "-", t).strip("-")
    if len(t) > max_len:
        cut = t[:max_len]
        t = cut.rsplit("-", 1)[0] if "-" in cut[max_len // 2 :] else cut
        t = t.strip("-")
    return t


def safe_stem(text: str, *, max_len: int = _MAX_SLUG, fallback: str = "plan") -> str:
    """A file name stem from any text: :func:`slugify`, ``fallback`` when nothing is left, and a
    ``-file`` suffix for a name Windows reserves (``con`` -> ``con-file``)."""
    stem = slugify(text, max_len=max_len) or fallback
    return f"{stem}-file" if is_reserved_name(stem) else stem


def fit_file_name(key: str, title: str = "") -> str:
    """``w1-wed-6x400m.fit``: the session key, then a slug of the title, safe and bounded."""
    base = slugify(key, max_len=20) or "workout"
    room = MAX_FILE_NAME - len(".fit") - len(base) - 1 - 3  # keep 3 for a "-NN" uniqueness suffix
    slug = slugify(title, max_len=max(0, min(_MAX_SLUG, room)))
    return f"{base}-{slug}.fit" if slug else f"{base}.fit"


def unique_file_names(names: Iterable[str]) -> list[str]:
    """The same names in order, later duplicates suffixed ``-2``, ``-3``... before the extension
    (compared without case, as Windows and macOS do)."""
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        stem, dot, ext = name.rpartition(".")
        if not dot:
            stem, ext = name, ""
        candidate, n = name, 1
        while candidate.lower() in seen:
            n += 1
            candidate = f"{stem}-{n}.{ext}" if dot else f"{stem}-{n}"
        seen.add(candidate.lower())
        out.append(candidate)
    return out


def format_distance(distance: Distance) -> str:
    """``400 m``, ``1000 m``, ``1 mi``, ``6 mi``, ``12.5 km``: whole miles as miles, track
    distances in metres, the rest in kilometres."""
    m = distance.metres
    miles = m / MILE_M
    if m >= MILE_M - 1e-6 and abs(miles - round(miles * 4) / 4) < 1e-9:
        return f"{_trim(miles)} mi"
    if m < 1000 or (m <= 10000 and abs(m - round(m)) < 1e-9 and round(m) % 100 == 0):
        return f"{_trim(m)} m"
    return f"{_trim(m / 1000, 2)} km"


def _format_duration(d: Duration) -> str:
    s = d.seconds
    if s < 60:
        return f"{_trim(s)} s"
    if abs(s % 60) < 1e-9:
        return f"{int(s // 60)} min"
    return d.format()


def format_length(length: Distance | Duration | LengthRange | LapButton) -> str:
    """A step length for people: ``400 m``, ``30 s``, ``45-60 min``, ``lap button``."""
    if isinstance(length, Distance):
        return format_distance(length)
    if isinstance(length, Duration):
        return _format_duration(length)
    if isinstance(length, LengthRange):
        low, high = format_length(length.low), format_length(length.high)
        unit_low, unit_high = low.rsplit(" ", 1), high.rsplit(" ", 1)
        if len(unit_low) == 2 and len(unit_high) == 2 and unit_low[1] == unit_high[1]:
            return f"{unit_low[0]}-{high}"
        return f"{low}-{high}"
    return "lap button"


def _count(count: int | CountRange) -> str:
    return str(count)


def _work_parts(nodes: Sequence[Node]) -> list[str]:
    parts: list[str] = []
    for node in nodes:
        if isinstance(node, Repeat):
            inner = [s for s in node.steps if isinstance(s, Repeat) or s.intensity.is_work]
            if not inner:
                continue
            legs: list[str] = []
            for s in inner:
                if isinstance(s, Repeat):
                    legs.extend(f"({p})" for p in _work_parts([s]))
                elif not isinstance(s.length, LapButton):
                    legs.append(format_length(s.length))
            if not legs:
                continue
            if len(set(legs)) == 1 and len(legs) > 1 and all(not isinstance(s, Repeat) for s in inner):
                # a cut-down (3 x 100 m inside a 300 m rep) reads as its total
                total = sum(s.length.metres for s in inner if isinstance(s, Step) and isinstance(s.length, Distance))
                body = format_distance(Distance(total)) if total else legs[0]
            else:
                body = "/".join(legs)
            parts.append(f"{_count(node.count)}×{body}")
        elif node.intensity.is_work and not isinstance(node.length, LapButton):
            parts.append(format_length(node.length))
        elif node.intensity in (Intensity.WARMUP, Intensity.COOLDOWN, Intensity.RECOVERY, Intensity.REST):
            continue
    return parts


def key_set(workout: Workout, *, max_parts: int = 3) -> str:
    """The main work in a few words: ``6-10×400 m``, ``2×10 min + 4×1 min``, ``45 min``.

    Warm-up, cool-down and recoveries are left out; ranges stay ranges (a chosen workout shows
    the chosen value). Falls back to the workout's name when there is no measurable work.
    """
    parts = _work_parts(workout.steps)
    # Consecutive single steps of a ladder (500 m, 400 m, ...) read better joined by commas.
    merged: list[str] = []
    for p in parts:
        if merged and "×" not in p and "×" not in merged[-1] and not p.endswith("min"):
            merged[-1] = f"{merged[-1]}, {p}"
        else:
            merged.append(p)
    if not merged:
        return workout.name
    if len(merged) > max_parts:
        merged = [*merged[:max_parts], "…"]
    return " + ".join(merged)


def _trim(value: float, decimals: int = 1) -> str:
    if math.isclose(value, round(value), abs_tol=1e-9):
        return str(int(round(value)))
    return f"{value:.{decimals}f}".rstrip("0").rstrip(".")
