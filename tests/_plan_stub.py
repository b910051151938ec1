"""A tiny stand-in cell reader for plan and build tests.

It understands just enough coach text to build hand-checkable sessions, so the plan reader,
scheduling, framing, calendar and build tests do not depend on the notation reader's choices
(the real reader is exercised on the shipped template in test_template_mile.py and
test_build.py). Forms: ``PT ...`` (strength), ``OFF``, ``N min [run]``, ``N miles``,
``A-B x Dm @ LABEL w/ Rm jog recovery``, ``N x S sec strides`` after ``+``, ``A - B min
cross-train``, ``Mile`` (the race), ``X or Y`` (alternatives), and ``BAD`` anywhere (an error
pointing at that word).
"""

from __future__ import annotations

import re

from paceplan.errors import PlanSyntaxError
from paceplan.model import (
    LAP_BUTTON,
    CountRange,
    Intensity,
    LengthRange,
    PaceRef,
    Repeat,
    Session,
    SessionKind,
    Step,
    Workout,
)
from paceplan.source import Source
from paceplan.units import Distance, Duration


def _one(text: str, source: Source, offset: int) -> Session:
    t = text.strip()
    if "BAD" in t:
        i = offset + text.index("BAD")
        raise PlanSyntaxError("cannot place 'BAD'", span=source.span(i, i + 3), hint="remove it",
                              code="stub-bad")
    if t.startswith("PT"):
        return Session(kind=SessionKind.STRENGTH, title=t, text=t)
    if t.upper() == "OFF":
        return Session(kind=SessionKind.REST, title="Rest", text=t)
    m = re.fullmatch(r"(\d+) - (\d+) min cross-train", t)
    if m:
        return Session(kind=SessionKind.CROSS_TRAINING, title="Cross-train", text=t,
                       length=LengthRange(low=Duration.minutes(int(m.group(1))), high=Duration.minutes(int(m.group(2)))))
    if t == "Mile":
        return Session(kind=SessionKind.RACE, title="Mile", text=t, workout=Workout(name="Mile", steps=(
            Step(intensity=Intensity.INTERVAL, length=Distance.miles(1), target=PaceRef(low="Mile")),)))
    steps: list = []
    for part in t.split(" + "):
        part = part.strip()
        m = re.fullmatch(r"(\d+) min(?: run)?", part)
        if m:
            steps.append(Step(intensity=Intensity.ACTIVE, length=Duration.minutes(int(m.group(1))), target=PaceRef(low="E")))
            continue
        m = re.fullmatch(r"(\d+) miles", part)
        if m:
            steps.append(Step(intensity=Intensity.ACTIVE, length=Distance.miles(int(m.group(1))), target=PaceRef(low="E")))
            continue
        m = re.fullmatch(r"(\d+) x (\d+) sec strides", part)
        if m:
            steps.append(Repeat(count=int(m.group(1)), steps=(
                Step(intensity=Intensity.INTERVAL, length=Duration(int(m.group(2))), name="Stride"),
                Step(intensity=Intensity.RECOVERY, length=LAP_BUTTON, name="Walk back"))))
            continue
        m = re.fullmatch(r"(\d+)(?:-(\d+))? x (\d+)m @ ([A-Za-z0-9]+)(?:-([A-Za-z0-9]+))? w/ (\d+)m jog recovery", part)
        if m:
            count = CountRange(low=int(m.group(1)), high=int(m.group(2))) if m.group(2) else int(m.group(1))
            steps.append(Repeat(count=count, steps=(
                Step(intensity=Intensity.INTERVAL, length=Distance(int(m.group(3))),
                     target=PaceRef(low=m.group(4), high=m.group(5))),
                Step(intensity=Intensity.RECOVERY, length=Distance(int(m.group(6))), name="jog"))))
            continue
        i = offset + text.index(part) if part in text else offset
        raise PlanSyntaxError(f"stub reader cannot read {part!r}", span=source.span(i, i + max(1, len(part))),
                              code="stub-unknown")
    return Session(kind=SessionKind.RUN, title=t, text=t, workout=Workout(name=t[:40], steps=tuple(steps)))


def stub_reader(text: str, source: Source, units: str = "metric") -> Session:
    """Read ``text`` (a cell) the stub way; ``X or Y`` keeps Y as an alternative."""
    options = text.split(" or ")
    first = _one(options[0], source, 0)
    alts = []
    offset = len(options[0]) + 4
    for other in options[1:]:
        alts.append(_one(other, source, offset))
        offset += len(other) + 4
    if not alts:
        return first
    return Session(kind=first.kind, title=first.title, workout=first.workout, length=first.length,
                   text=text, alternatives=tuple(alts))


MINI_PLAN = """\
id: mini
name: Mini plan
units: imperial
race_day: {week: 2, day: sat}
weeks:
  - mon: PT / Strength Focused Lift
    tue: 30 min + 4 x 20 sec strides or OFF
    wed: '6-10 x 400m @ HM-10K w/ 400m jog recovery'
    fri: 30 min run or 45 - 60 min cross-train
    sun: 45 min run
  - mon: PT / Strength Focused Lift
    wed: '4 x 800m @ 5K w/ 400m jog recovery'
    sat: Mile
    sun: 6 miles
"""
