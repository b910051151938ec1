"""The intervals.icu workout-text vocabulary, shared by its reader and its writer (which may not
import each other): cue words, section defaults and the length token."""

from __future__ import annotations

import re

from .model import Intensity

__all__ = ["CUE_WORDS", "INTENSITY_CUE", "LENGTH_TOKEN", "SECTION_DEFAULTS"]

INTENSITY_CUE: dict[Intensity, str] = {
    Intensity.WARMUP: "Warmup",
    Intensity.COOLDOWN: "Cooldown",
    Intensity.INTERVAL: "Interval",
    Intensity.ACTIVE: "Active",
    Intensity.RECOVERY: "Recovery",
    Intensity.REST: "Rest",
}
"""The cue word written before a step whose intensity differs from its section's default."""

CUE_WORDS: dict[str, Intensity] = {
    "warmup": Intensity.WARMUP, "warm-up": Intensity.WARMUP,
    "cooldown": Intensity.COOLDOWN, "cool-down": Intensity.COOLDOWN,
    "interval": Intensity.INTERVAL, "work": Intensity.INTERVAL,
    "active": Intensity.ACTIVE, "run": Intensity.ACTIVE,
    "recovery": Intensity.RECOVERY, "recover": Intensity.RECOVERY, "jog": Intensity.RECOVERY,
    "rest": Intensity.REST,
}
"""First words of a step cue that set its intensity (lower case), as the reader knows them."""

SECTION_DEFAULTS: dict[str, Intensity] = {
    "warmup": Intensity.WARMUP,
    "cooldown": Intensity.COOLDOWN,
    "main": Intensity.ACTIVE,
    "repeat": Intensity.INTERVAL,
}
"""The intensity of a step without a cue word, by where it stands."""

LENGTH_TOKEN = re.compile(
    r"""^(?:
        (?P<h>\d+(?:\.\d+)?h)?(?P<m>\d+(?:\.\d+)?m)?(?P<s>\d+(?:\.\d+)?s)?   # 1h2m30s, 10m, 30s
      | (?P<ms_m>\d+)m(?P<ms_s>\d+)                                        # 1m30
      | (?:(?P<q_m>\d+)')?(?:(?P<q_s>\d+)")?                               # 5', 30", 1'30"
      | (?P<dist>\d+(?:\.\d+)?)(?P<unit>km|mi|mtr)                         # 2km, 1mi, 400mtr
    )$""",
    re.VERBOSE | re.IGNORECASE,
)
