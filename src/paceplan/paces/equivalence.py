"""Race equivalence: from one result (distance, time) to a predicted time at another distance.

Three models, exactly as in ``shared/reference/paces.md``:

- **VDOT** (Daniels-Gilbert, *Oxygen Power* 1979): the oxygen cost of running at ``v`` metres per
  minute and the fraction of VO2max sustainable for ``t`` minutes. A result's VDOT is
  ``VO2(d/t) / F(t)``; a predicted time is the ``t`` that gives the same VDOT at the new
  distance (solved by bisection: VDOT(d, t) falls strictly with t over running speeds).
- **Riegel** (1977/1981): ``T2 = T1 * (D2/D1) ** 1.06``.
- **Cameron** (rec.running, c. 1997): ``T2 = (T1/D1) * (f(D1)/f(D2)) * D2`` with
  ``f(x) = 13.49681 - 0.000030363*x + 835.7114 / x**0.7905``.

Times are in seconds and distances in metres at this module's surface; the VDOT equations work
in minutes and metres per minute internally, as published.
"""

from __future__ import annotations

import math
from typing import Literal

__all__ = [
    "MODELS",
    "Model",
    "cameron_time",
    "fraction_of_vo2max",
    "predict_time",
    "riegel_time",
    "vdot_of",
    "vdot_time",
    "velocity_for_vo2",
    "vo2_cost",
]

Model = Literal["vdot", "riegel", "cameron"]
MODELS: tuple[str, ...] = ("vdot", "riegel", "cameron")
"""Model names, the default first."""

RIEGEL_EXPONENT = 1.06

# Bisection bracket for VDOT race times, as speeds in metres per minute: 30 m/min (33:20/km)
# to 900 m/min (15 m/s, beyond any sprint). VDOT(d, t) is strictly decreasing in t over it
# for every distance from 100 m to 200 km (checked in the tests).
_SLOWEST_M_PER_MIN = 30.0
_FASTEST_M_PER_MIN = 900.0


def vo2_cost(v_m_per_min: float) -> float:
    """Oxygen cost (ml/kg/min) of running at ``v`` metres per minute."""
    return -4.60 + 0.182258 * v_m_per_min + 0.000104 * v_m_per_min**2


def fraction_of_vo2max(t_min: float) -> float:
    """The fraction of VO2max a runner sustains for a race lasting ``t`` minutes."""
    return 0.8 + 0.1894393 * math.exp(-0.012778 * t_min) + 0.2989558 * math.exp(-0.1932605 * t_min)


def velocity_for_vo2(vo2: float) -> float:
    """The running speed (metres per minute) whose oxygen cost is ``vo2``: the inverse of
    :func:`vo2_cost`."""
    a, b, c = 0.000104, 0.182258, -4.60 - vo2
    return (-b + math.sqrt(b * b - 4 * a * c)) / (2 * a)


def vdot_of(distance_m: float, time_s: float) -> float:
    """The VDOT of running ``distance_m`` in ``time_s``."""
    t = time_s / 60.0
    return vo2_cost(distance_m / t) / fraction_of_vo2max(t)


def vdot_time(vdot: float, distance_m: float) -> float:
    """The race time (seconds) over ``distance_m`` that a runner of ``vdot`` is predicted to run."""
    lo = distance_m / _FASTEST_M_PER_MIN  # minutes; VDOT too high here
    hi = distance_m / _SLOWEST_M_PER_MIN  # VDOT too low here
    for _ in range(200):
        mid = (lo + hi) / 2
        if vdot_of(distance_m, mid * 60.0) > vdot:
            lo = mid
        else:
            hi = mid
        if hi - lo < 1e-10:
            break
    return (lo + hi) / 2 * 60.0


def riegel_time(distance_m: float, time_s: float, to_distance_m: float) -> float:
    """Riegel's prediction: ``T2 = T1 * (D2/D1) ** 1.06``."""
    return time_s * (to_distance_m / distance_m) ** RIEGEL_EXPONENT


def _cameron_f(x: float) -> float:
    return 13.49681 - 0.000030363 * x + 835.7114 / x**0.7905


def cameron_time(distance_m: float, time_s: float, to_distance_m: float) -> float:
    """Cameron's prediction: ``T2 = (T1/D1) * (f(D1)/f(D2)) * D2``."""
    return (time_s / distance_m) * (_cameron_f(distance_m) / _cameron_f(to_distance_m)) * to_distance_m


def predict_time(model: str, distance_m: float, time_s: float, to_distance_m: float) -> float:
    """Predicted time (seconds) at ``to_distance_m`` from a result, by model name."""
    if model == "vdot":
        return vdot_time(vdot_of(distance_m, time_s), to_distance_m)
    if model == "riegel":
        return riegel_time(distance_m, time_s, to_distance_m)
    if model == "cameron":
        return cameron_time(distance_m, time_s, to_distance_m)
    raise ValueError(f"unknown model {model!r}")
