"""Framing passes: what a coach adds around the sets a plan cell names.

**Warm-up and cool-down** (:func:`add_warmup_cooldown`). A *quality* workout (one with a repeat
block, or a work step with a pace target other than easy) gets an easy warm-up before it and an
easy cool-down after it:

- by default each is a lap-button step with the easy (``E``) pace as guidance: the runner warms
  up as long as they like and presses lap to start the set. ``minutes=`` gives fixed-length steps
  instead (``--warmup 15 --cooldown 10``); 0 leaves that end alone.
- nothing is added where the workout already has one (a first ``warmup`` / last ``cooldown``
  step), and no warm-up is added when the workout starts with an easy run of at least 10 min or
  2 km (``30 min + 4 x 20 sec strides``: the run is the warm-up). Strides at the end of an easy
  run (work steps of 30 s / 150 m or less) are the end of that run: no cool-down either.

**Race day** (:func:`race_day_workout`), from the coaching notes on racing a mile:

1. 15-20 min easy warm-up (a length range: the choose pass picks one value and says so);
2. drills (walking lunges, bounding, leg swings, high knees), until the lap button;
3. two 100 m strides, each with a lap-button walk back;
4. "to the line": a lap-button rest, pressed at the gun;
5. the mile lap by lap at goal mile pace (``GMP``; the current mile pace when no goal is given):

   - lap 1 about one second per 400 m slower than goal (``GMP +2.5 s/km``, labelled
     ``GMP +1s/400m``);
   - laps 2 and 3 on goal pace;
   - lap 4 as four 100 m segments, each faster than the one before (goal, goal -2 s/400 m,
     goal -4 s/400 m, then ``Faster``: sprint to the line). Short segments get no pace alert
     from the pace pass; their names and notes carry the plan.

   A mile is 1609.344 m and four laps are 1600 m. On a track the mile starts 9.344 m behind the
   400 m start line (the waterfall start every track marks), so **lap 1 is 409.344 m** and
   laps 2-4 are 400 m: the splits a runner sees at the line are then exactly the lap splits.
6. an easy cool-down (lap button with easy guidance, or fixed minutes).

Any other race distance gets the same warm-up, drills, strides and cool-down around one step of
the race distance at its own race pace.

**Strength and cross-training** sessions are left as they are: the calendar shows them, and no
FIT file is written for them (only run and race sessions carry a workout).
"""

from __future__ import annotations

from dataclasses import replace

from ..errors import Result
from ..labels import RACE_DISTANCES_M
from ..model import (
    LAP_BUTTON,
    Intensity,
    LengthRange,
    Node,
    PaceRef,
    Repeat,
    Session,
    SessionKind,
    Step,
    Workout,
)
from ..units import MILE_M, Distance, Duration, PaceRange

__all__ = [
    "MILE_FIRST_LAP_M",
    "add_warmup_cooldown",
    "easy_run_with_strides",
    "frame_session",
    "is_quality",
    "race_day_workout",
    "race_distance",
]

MILE_FIRST_LAP_M = MILE_M - 1200.0
"""409.344 m: lap 1 of a mile on a 400 m track, from the waterfall mile start."""
_EASY = "E"
_STRIDE_MAX_S = 30.0
_STRIDE_MAX_M = 150.0
_OWN_WARMUP_S = 600.0
_OWN_WARMUP_M = 2000.0


def _is_easy_target(step: Step) -> bool:
    t = step.target
    if t is None:
        return step.label in (None, _EASY)
    if isinstance(t, PaceRef):
        return t.low == _EASY and t.high in (None, _EASY) and not t.offset_s
    return step.label == _EASY


def is_quality(workout: Workout) -> bool:
    """True for a workout with a repeat block or a work step at a pace other than easy."""
    def walk(nodes: tuple[Node, ...]) -> bool:
        for node in nodes:
            if isinstance(node, Repeat):
                return True
            if node.intensity.is_work and not _is_easy_target(node):
                return True
        return False
    return walk(workout.steps)


def _length_at_least(length: object, seconds: float, metres: float) -> bool:
    if isinstance(length, LengthRange):
        length = length.low
    if isinstance(length, Duration):
        return length.seconds >= seconds
    if isinstance(length, Distance):
        return length.metres >= metres
    return False


def _short(length: object) -> bool:
    if isinstance(length, LengthRange):
        length = length.high
    if isinstance(length, Duration):
        return length.seconds <= _STRIDE_MAX_S
    if isinstance(length, Distance):
        return length.metres <= _STRIDE_MAX_M
    return False


def _is_easy_run(node: Node) -> bool:
    return (isinstance(node, Step) and node.intensity in (Intensity.ACTIVE, Intensity.WARMUP)
            and _is_easy_target(node) and _length_at_least(node.length, _OWN_WARMUP_S, _OWN_WARMUP_M))


def _only_strides(nodes: tuple[Node, ...]) -> bool:
    work = [s for n in nodes for s in (_steps(n) if isinstance(n, Repeat) else [n]) if s.intensity.is_work]
    return bool(work) and all(_short(s.length) for s in work)


def easy_run_with_strides(workout: Workout) -> bool:
    """True for an easy run followed only by strides (``30 min + 4 x 20 sec strides``)."""
    return _is_easy_run(workout.steps[0]) and _only_strides(tuple(workout.steps[1:]))


def _steps(node: Node) -> list[Step]:
    if isinstance(node, Step):
        return [node]
    return [s for n in node.steps for s in _steps(n)]


def _easy_step(intensity: Intensity, minutes: float | None, what: str) -> Step:
    if minutes is None:
        return Step(intensity=intensity, length=LAP_BUTTON, target=PaceRef(low=_EASY), label=_EASY,
                    name=what, note=f"easy {what.lower()}; press lap when done")
    return Step(intensity=intensity, length=Duration.minutes(minutes), target=PaceRef(low=_EASY), label=_EASY,
                name=what, note=f"easy {what.lower()}")


def add_warmup_cooldown(workout: Workout, *, warmup: float | None = None,
                        cooldown: float | None = None) -> Result[Workout]:
    """``workout`` with an easy warm-up and cool-down when it is a quality session.

    ``warmup``/``cooldown``: None (default) for a lap-button step with easy-pace guidance,
    minutes for a fixed step, 0 for none. Returns the same workout when nothing is added.
    """
    if not is_quality(workout):
        return Result(workout)
    steps = list(workout.steps)
    first, last = steps[0], steps[-1]
    starts_easy = _is_easy_run(first)
    if warmup != 0 and not (isinstance(first, Step) and first.intensity is Intensity.WARMUP) and not starts_easy:
        steps.insert(0, _easy_step(Intensity.WARMUP, warmup, "Warm-up"))
    strides_after_run = starts_easy and _only_strides(tuple(workout.steps[1:]))
    if cooldown != 0 and not (isinstance(last, Step) and last.intensity is Intensity.COOLDOWN) \
            and not strides_after_run:
        steps.append(_easy_step(Intensity.COOLDOWN, cooldown, "Cool-down"))
    if len(steps) == len(workout.steps):
        return Result(workout)
    return Result(replace(workout, steps=tuple(steps)))


def race_distance(workout: Workout) -> Distance | None:
    """The distance of a race workout: the sum of its work steps' distances, when they all have one."""
    total = 0.0
    for step in _steps_of(workout.steps):
        if not step.intensity.is_work:
            continue
        if not isinstance(step.length, Distance):
            return None
        total += step.length.metres
    return Distance(total) if total else None


def _steps_of(nodes: tuple[Node, ...]) -> list[Step]:
    return [s for n in nodes for s in _steps(n)]


def _race_label(metres: float) -> str | None:
    for label, m in RACE_DISTANCES_M.items():
        if abs(m - metres) < 0.5:
            return label
    return None


def race_day_workout(*, distance: Distance | None = None, cooldown: float | None = None,
                     target: PaceRef | PaceRange | None = None, strides: int = 2,
                     name: str = "Mile race", goal: str = "GMP") -> Workout:
    """The race-day workout (see the module docs): a mile lap by lap by default.

    ``distance`` other than a mile gives one race step at ``target`` (default: the race pace of
    that distance's label). ``cooldown`` as in :func:`add_warmup_cooldown` (0 for none).
    ``goal`` is the label the mile laps are paced from: ``GMP`` (goal mile pace) when the runner
    has a goal, ``Mile`` (their current mile race pace) otherwise.
    """
    before: list[Node] = [
        Step(intensity=Intensity.WARMUP,
             length=LengthRange(low=Duration.minutes(15), high=Duration.minutes(20)),
             target=PaceRef(low=_EASY), label=_EASY, name="Warm-up", note="15-20 min easy running"),
        Step(intensity=Intensity.WARMUP, length=LAP_BUTTON, name="Drills",
             note="lunges, bounding, leg swings, high knees"),
    ]
    if strides:
        before.append(Repeat(count=strides, steps=(
            Step(intensity=Intensity.ACTIVE, length=Distance(100), name="Stride",
                 note="build to near sprint, relaxed"),
            Step(intensity=Intensity.RECOVERY, length=LAP_BUTTON, name="Walk back",
                 note="walk back; press lap to go again"),
        )))
    before.append(Step(intensity=Intensity.REST, length=LAP_BUTTON, name="To the line",
                       note="press lap at the gun"))
    metres = distance.metres if distance is not None else MILE_M
    if abs(metres - MILE_M) < 1.0:
        race: list[Node] = [
            Step(intensity=Intensity.INTERVAL, length=Distance(MILE_FIRST_LAP_M),
                 target=PaceRef(low=goal, offset_s=2.5, per="km"), label=f"{goal} +1s/400m", name="Lap 1",
                 note="~1 s slow; 409 m from the mile start"),
            Step(intensity=Intensity.INTERVAL, length=Distance(400), target=PaceRef(low=goal), label=goal,
                 name="Lap 2", note="shift up: on goal pace by 800 m"),
            Step(intensity=Intensity.INTERVAL, length=Distance(400), target=PaceRef(low=goal), label=goal,
                 name="Lap 3", note="the hardest lap: hold the pace"),
            Step(intensity=Intensity.INTERVAL, length=Distance(100), target=PaceRef(low=goal), label=goal,
                 name="Lap 4 100m 1", note="last lap: each 100 m faster"),
            Step(intensity=Intensity.INTERVAL, length=Distance(100),
                 target=PaceRef(low=goal, offset_s=-5.0, per="km"), label=f"{goal} -2s/400m",
                 name="Lap 4 100m 2", note="faster"),
            Step(intensity=Intensity.INTERVAL, length=Distance(100),
                 target=PaceRef(low=goal, offset_s=-10.0, per="km"), label=f"{goal} -4s/400m",
                 name="Lap 4 100m 3", note="faster again"),
            Step(intensity=Intensity.INTERVAL, length=Distance(100), target=PaceRef(low="Faster"),
                 label="Faster", name="Lap 4 100m 4", note="sprint to the line"),
        ]
    else:
        label = _race_label(metres)
        ref = target if target is not None else (PaceRef(low=label) if label else None)
        race = [Step(intensity=Intensity.INTERVAL, length=Distance(metres), target=ref,
                     label=label if isinstance(ref, PaceRef) else None, name="Race")]
    after = [_easy_step(Intensity.COOLDOWN, cooldown, "Cool-down")] if cooldown != 0 else []
    return Workout(name=name, steps=(*before, *race, *after),
                   description="Race day: warm-up, drills, strides, the race, cool-down")


def frame_session(session: Session, *, warmup: float | None = None, cooldown: float | None = None,
                  goal: str = "GMP") -> Result[Session]:
    """Apply the framing passes to one session: race day for a race, warm-up and cool-down for a
    quality run, nothing for the other kinds. Alternatives are left as written."""
    workout = session.workout
    if workout is None:
        return Result(session)
    if session.kind is SessionKind.RACE:
        dist = race_distance(workout)
        first_target = next((s.target for s in _steps_of(workout.steps) if s.intensity.is_work), None)
        is_mile = dist is None or abs(dist.metres - MILE_M) < 1.0
        name = "Mile race" if is_mile else workout.name
        new = race_day_workout(distance=None if is_mile else dist, cooldown=cooldown,
                               target=None if is_mile else first_target, name=name, goal=goal)
        new = replace(new, description=workout.description or new.description)
        return Result(replace(session, workout=new))
    framed = add_warmup_cooldown(workout, warmup=warmup, cooldown=cooldown)
    if framed.value is workout:
        return Result(session, framed.warnings)
    return Result(replace(session, workout=framed.value), framed.warnings)

