"""The model -> JSON encoding used by ``paceplan show --json``: deterministic and complete."""

from __future__ import annotations

import json

from paceplan.model import LAP_BUTTON, CountRange, Intensity, LengthRange, PaceRef, Repeat, Step, Workout
from paceplan.readers.notation import read_notation
from paceplan.units import Distance, Duration, PaceRange
from paceplan.writers.json_model import session_to_dict, workout_to_dict


def test_every_field_and_kind() -> None:
    w = Workout(name="w", description="d", steps=(
        Repeat(count=CountRange(low=6, high=10), name="set", steps=(
            Step(intensity=Intensity.INTERVAL, length=Distance(400), target=PaceRef(low="HM", high="10K"),
                 name="rep", note="n", label="HM-10K"),
            Step(intensity=Intensity.RECOVERY, length=LAP_BUTTON),
        )),
        Step(intensity=Intensity.ACTIVE, length=LengthRange(low=Duration(60), high=Duration(120)),
             target=PaceRange.parse("4:00-4:10/km")),
    ))
    d = workout_to_dict(w)
    assert d["name"] == "w" and d["sport"] == "running" and d["description"] == "d"
    rep, easy = d["steps"]
    assert rep["count"] == {"low": 6, "high": 10} and rep["name"] == "set"
    assert rep["steps"][0] == {"type": "step", "intensity": "interval",
                               "length": {"kind": "distance", "metres": 400.0},
                               "target": {"kind": "pace_ref", "low": "HM", "high": "10K", "offset_s": 0.0,
                                          "per": "km", "percent": None, "percent_high": None},
                               "name": "rep", "note": "n", "label": "HM-10K"}
    assert rep["steps"][1]["length"] == {"kind": "lap_button"} and rep["steps"][1]["target"] is None
    assert easy["length"] == {"kind": "range", "low": {"kind": "duration", "seconds": 60.0},
                              "high": {"kind": "duration", "seconds": 120.0}}
    assert easy["target"] == {"kind": "pace_range", "slow_s_per_km": 250.0, "fast_s_per_km": 240.0}
    assert json.loads(json.dumps(d)) == d


def test_sessions_with_alternatives() -> None:
    d = session_to_dict(read_notation("30 min run or 45 - 60 min cross-train"))
    assert d["kind"] == "run" and d["workout"]["steps"][0]["intensity"] == "active"
    (alt,) = d["alternatives"]
    assert alt == {"kind": "cross-training", "title": "cross-train", "workout": None,
                   "length": {"kind": "range", "low": {"kind": "duration", "seconds": 2700.0},
                              "high": {"kind": "duration", "seconds": 3600.0}},
                   "text": "45 - 60 min cross-train", "alternatives": []}
