"""What a plausible race result is, and where the models are valid.

Plausibility (an error when broken): a result may not beat the men's world record for its
distance by more than 5 % of time (interpolated log-log between record distances), may not be
slower than 15:00/km on average (a brisk walk; slower is not a race result to train from), and
must be over 400 m to 100 km. The records (World Athletics, as of 2025) only anchor the bound;
they need not be current to the second, since the 5 % margin dwarfs any new record.

Validity (a warning when broken): the published VDOT tables cover VDOT 30-85 and races from
1500 m to the marathon; Riegel restricted his formula to efforts of 3.5 to 230 minutes.
"""

from __future__ import annotations

import math

__all__ = [
    "MAX_RACE_M",
    "MIN_RACE_M",
    "RECORD_MARGIN",
    "SLOWEST_RACE_PACE_S_PER_KM",
    "VALID_RACE_M",
    "VALID_VDOT",
    "VDOT_LIMITS",
    "record_time_s",
]

# (metres, seconds): men's world records, track to 100 km road.
WORLD_RECORDS: tuple[tuple[float, float], ...] = (
    (400.0, 43.03),
    (800.0, 100.91),
    (1500.0, 206.00),
    (1609.344, 223.13),
    (3000.0, 440.67),
    (5000.0, 755.36),
    (10000.0, 1571.00),
    (21097.5, 3402.0),
    (42195.0, 7235.0),
    (100000.0, 21935.0),
)

RECORD_MARGIN = 0.05
"""A result more than this fraction of time under the world record is impossible."""
SLOWEST_RACE_PACE_S_PER_KM = 900.0
"""An average slower than 15:00/km is not a race result to train from."""
MIN_RACE_M = 400.0
MAX_RACE_M = 100_000.0
VALID_RACE_M: tuple[float, float] = (1500.0, 42195.0)
"""Race distances the VDOT tables cover; outside this, predictions are extrapolation."""
VALID_VDOT = (30.0, 85.0)
"""VDOT values the published tables cover; outside this, a warning."""
VDOT_LIMITS = (10.0, 100.0)
"""VDOT values paceplan accepts at all (every derived pace stays a running pace)."""
RIEGEL_VALID_S: tuple[float, float] = (3.5 * 60, 230 * 60)
"""Efforts Riegel fitted his formula to."""


def record_time_s(distance_m: float) -> float:
    """The world-record time for ``distance_m``, interpolated linearly in log-log space."""
    pts = WORLD_RECORDS
    if distance_m <= pts[0][0]:
        (d0, t0), (d1, t1) = pts[0], pts[1]
    elif distance_m >= pts[-1][0]:
        (d0, t0), (d1, t1) = pts[-2], pts[-1]
    else:
        i = next(i for i in range(1, len(pts)) if pts[i][0] >= distance_m)
        (d0, t0), (d1, t1) = pts[i - 1], pts[i]
    k = math.log(t1 / t0) / math.log(d1 / d0)
    return t0 * (distance_m / d0) ** k
