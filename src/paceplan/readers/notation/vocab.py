"""The vocabulary of coach notation: kind words, unit words, non-running sessions, title words.

Kept apart from the grammar so that adding a word a coach uses is a one-line change here.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...model import Intensity, PaceRef

__all__ = [
    "CROSS_WORDS", "DIST_UNITS", "Kind", "KINDS", "RACE_WORDS", "REST_WORDS", "SEQ_WORDS",
    "STRENGTH_WORDS", "TIME_UNITS", "RECOVERY_LEADS", "BARE_LABELS", "DANIELS_LETTERS", "TITLE_WORDS", "EASY", "MAX_TITLE_WORDS", "PROSE_WORDS",
]

EASY = PaceRef(low="E")


@dataclass(frozen=True, slots=True)
class Kind:
    """What a kind phrase (``jog``, ``strides``, ``warm up``) makes of a step."""

    intensity: Intensity
    name: str | None = None
    default_target: PaceRef | None = None
    lap: bool = False
    """True when the phrase itself says the step has no fixed length (``jog down``)."""
    note: str | None = None


_RUN = Kind(Intensity.ACTIVE, None, EASY)
_JOG = Kind(Intensity.RECOVERY, "jog")
_REC = Kind(Intensity.RECOVERY)
_WALK = Kind(Intensity.REST, "walk")
_REST = Kind(Intensity.REST)
_JOGWALK = Kind(Intensity.RECOVERY, "jog/walk")
_HILL = Kind(Intensity.INTERVAL, "hill")
_STRIDES = Kind(Intensity.INTERVAL, "strides")
_STRIDES_ = Kind(Intensity.INTERVAL, "strides")
_TEMPO = Kind(Intensity.INTERVAL, "tempo", PaceRef(low="T"))
_WU = Kind(Intensity.WARMUP)
_CD = Kind(Intensity.COOLDOWN)
_JOGDOWN = Kind(Intensity.RECOVERY, "jog down", lap=True, note="jog back down")
_FULL = Kind(Intensity.RECOVERY, lap=True)

KINDS: dict[str, Kind] = {
    "run": _RUN, "runs": _RUN, "easy": _RUN, "easy run": _RUN, "easy running": _RUN,
    "e": _RUN, "aerobic": _RUN, "steady": _RUN,
    "long run": Kind(Intensity.ACTIVE, "long run", EASY),
    "shakeout": _RUN, "shakeout run": _RUN, "shake out": _RUN, "recovery run": _RUN, "lsd": _RUN,
    "long slow distance": Kind(Intensity.ACTIVE, "long run", EASY), "endurance": _RUN,
    "endurance run": _RUN, "foundation run": _RUN, "foundation": _RUN, "steady run": _RUN,
    "stead": _RUN, "steady easy": _RUN, "easy steady": _RUN, "continuous running": _RUN,
    "loosen": _RUN, "loosen up": _RUN, "easy running": _RUN, "medium-long run": Kind(Intensity.ACTIVE, "long run", EASY),
    "medium long run": Kind(Intensity.ACTIVE, "long run", EASY), "jg": Kind(Intensity.RECOVERY, "jog"),
    "warm down": Kind(Intensity.COOLDOWN), "warmdown": Kind(Intensity.COOLDOWN),
    "warmup/easy": Kind(Intensity.WARMUP), "warm-down": Kind(Intensity.COOLDOWN),
    "pickups": _STRIDES_, "pick-ups": _STRIDES_, "gp": _STRIDES_, "accelerations": _STRIDES_,
    "yasso": Kind(Intensity.INTERVAL, "Yasso"), "yassos": Kind(Intensity.INTERVAL, "Yasso"),
    "all out": Kind(Intensity.INTERVAL, None, None, note="all out"),
    "fast running": Kind(Intensity.INTERVAL, "fast"), "sprint": Kind(Intensity.INTERVAL, "fast"),
    "sprints": Kind(Intensity.INTERVAL, "fast"), "effort": Kind(Intensity.INTERVAL),
    "run/walk": Kind(Intensity.ACTIVE, "run/walk"),
    "jog": _JOG, "jogging": _JOG, "jog recovery": _JOG, "jog rest": _JOG, "jog recoveries": _JOG,
    "easy jog": _JOG, "jogs": _JOG,
    "recovery": _REC, "recoveries": _REC, "rec": _REC, "recovery jog": _JOG,
    "recovery pace": _REC, "recov": _REC, "recovs": _REC, "jog recov": _JOG, "walk recov": _WALK, "float": _REC, "floats": _REC,
    "jog back": _JOGDOWN, "easy jog/walk": _JOGWALK, "slow jog": _JOG, "rolling jog": _JOG,
    "jog/walk": _JOGWALK, "jog/walk recovery": _JOGWALK, "walk/jog": _JOGWALK,
    "walk": _WALK, "walk recovery": _WALK, "walking": _WALK, "walk rest": _WALK,
    "rest": _REST, "standing rest": _REST, "rest recovery": _REST,
    "jog down": _JOGDOWN, "jog down recovery": _JOGDOWN, "jog back down": _JOGDOWN,
    "jog back down recovery": _JOGDOWN, "jog-down recovery": _JOGDOWN, "jog-down": _JOGDOWN,
    "full recovery": _FULL, "full recoveries": _FULL, "lap recovery": _FULL,
    "hill": _HILL, "hills": _HILL, "uphill": _HILL, "hill sprint": _HILL, "hill sprints": _HILL,
    "hill rep": _HILL, "hill reps": _HILL, "hill repeats": _HILL, "uphills": _HILL,
    "strides": _STRIDES, "stride": _STRIDES, "stride outs": _STRIDES, "strideouts": _STRIDES,
    "tempo": _TEMPO, "tempo run": _TEMPO,
    "fast": Kind(Intensity.INTERVAL, "fast"),
    "rep": Kind(Intensity.INTERVAL), "reps": Kind(Intensity.INTERVAL),
    "efforts": Kind(Intensity.INTERVAL),
    "hard": Kind(Intensity.INTERVAL), "interval": Kind(Intensity.INTERVAL),
    "intervals": Kind(Intensity.INTERVAL), "repeats": Kind(Intensity.INTERVAL),
    "on": Kind(Intensity.INTERVAL), "off": _REC,
    "warm up": _WU, "warmup": _WU, "warm-up": _WU, "wu": _WU, "w/u": _WU,
    "cool down": _CD, "cooldown": _CD, "cool-down": _CD, "cd": _CD, "c/d": _CD,
}
"""Kind phrase (lower case, words joined by one space, ``/`` and ``-`` kept tight) -> Kind."""

DIST_UNITS: dict[str, str] = {
    "m": "m?", "meter": "m", "meters": "m", "metre": "m", "metres": "m", "mtr": "m", "mtrs": "m",
    "km": "km", "k": "km", "kilometer": "km", "kilometers": "km", "kilometre": "km",
    "kilometres": "km", "kms": "km",
    "mi": "mi", "mile": "mi", "miles": "mi", "mis": "mi",
    "yd": "yd", "yds": "yd", "yard": "yd", "yards": "yd",
}
"""Distance unit words; ``m?`` is the ambiguous ``m`` (metres, miles or minutes)."""

TIME_UNITS: dict[str, float] = {
    "s": 1.0, "sec": 1.0, "secs": 1.0, "second": 1.0, "seconds": 1.0,
    "min": 60.0, "mins": 60.0, "minute": 60.0, "minutes": 60.0,
    "h": 3600.0, "hr": 3600.0, "hrs": 3600.0, "hour": 3600.0, "hours": 3600.0,
}

REST_WORDS = {"off", "rest", "rest day", "day off", "off day", "recovery day"}
STRENGTH_WORDS = {"pt", "strength", "lift", "lifting", "weights", "gym", "core", "drills",
                  "physical therapy", "weight training", "strength training", "mobility", "yoga"}
CROSS_WORDS = {"cross", "cross-train", "cross-training", "cross train", "cross training", "xt",
               "cross-trainer", "bike", "cycle", "cycling", "swim", "swimming", "elliptical",
               "rowing", "row", "aqua jogging", "hike", "hiking", "walk"}
RACE_WORDS = {"race", "test", "time trial", "trial", "tt", "tune-up race", "tune up race",
              "tune-up", "race day"}
SEQ_WORDS = {"then", "plus", "followed by", "and then", "and"}
TITLE_WORDS = {
    "lactate", "threshold", "general", "aerobic", "speed", "marathon-pace", "marathon", "pace",
    "race", "recovery", "long", "medium-long", "progression", "run", "vo2max", "vo2", "max",
    "hill", "session", "of", "workout", "track", "fartlek", "easy", "quality", "key",
}
"""Words a workout title before the numbers may use (``Lactate threshold 8 miles w/ ...``)."""

MAX_TITLE_WORDS = 6
"""Longest free title (``Half Marathon goal race``); longer word runs are prose."""
PROSE_WORDS = {
    "a", "an", "the", "with", "you", "your", "we", "i", "will", "is", "are", "be", "do", "for", "of",
    "to", "then", "this", "that", "it", "in", "at", "on", "after", "before", "start", "begin",
    "take", "aim", "if", "as", "my", "our", "group", "consist", "consists", "should", "can",
    "repeat", "alternate", "or", "about", "around", "each", "every",
}
"""Words that make leading text a sentence rather than a session's name: such text is refused
with its position instead of being taken as a title."""

RECOVERY_LEADS = {"jog", "walk", "rest", "recovery", "recov", "rec", "float", "easy", "slow", "standing",
                  "full", "equal", "jogging", "walking"}
"""First words of a recovery written in brackets after the work (``(jog 4 min recovery)``)."""

BARE_LABELS: dict[str, str] = {
    "E": "E", "T": "T", "I": "I", "R": "R", "M": "M", "H": "I", "LT": "T", "MP": "M", "HMP": "HM",
    "MRP": "M", "lt": "T", "mp": "M", "hmp": "HM",
}
"""Pace labels a coach writes straight after a length without ``@`` (``3 min I``, ``16 min LT``),
case as written: capital letters only for Daniels' one-letter paces, so ``2 mi e`` never guesses."""

DANIELS_LETTERS: dict[str, str] = {"E": "E", "M": "M", "T": "T", "I": "I", "H": "I", "R": "R"}
"""Daniels' pace letters as they are glued to a distance (``2E``, ``1T``); capitals only."""
