"""Hand-built plans for the HTML, chart and terminal tests, and tests of the estimates they show.

The plans are built in code as the plan reader and the pace pass would leave them: weeks of days
holding sessions whose steps carry resolved ``PaceRange`` targets and their ``label``. They follow
the 8-week mile plan (``shared/reference/mile-plan.md``) for a 6:00 miler (VDOT 48.4: Mile
3:44/km, 5K 4:06, 10K 4:15, HM 4:28).
"""

from __future__ import annotations

import datetime as dt

import pytest

from paceplan.model import (
    LAP_BUTTON,
    CountRange,
    Day,
    Intensity,
    LengthRange,
    PaceRef,
    Plan,
    Repeat,
    Session,
    SessionKind,
    Step,
    Week,
    Workout,
)
from paceplan.units import MILE_M, Distance, Duration, Pace, PaceRange
from paceplan.writers.svg_chart import (
    DEFAULT_EASY,
    estimate_workout,
    format_distance,
    format_duration,
    lookup_pace,
)

START = dt.date(2026, 11, 23)


def band(text: str) -> PaceRange:
    """A single race pace widened to a +-2 % watch band, as the pace pass does."""
    return PaceRange.single(Pace.parse(text)).widened(0.02)


PACES: dict[str, PaceRange] = {
    "E": PaceRange.parse("5:03-5:41/km"),
    "HM": band("4:28/km"),
    "10K": band("4:15/km"),
    "5K": band("4:06/km"),
    "Mile": band("3:44/km"),
    "Faster": band("3:35/km"),
}


def between(a: str, b: str) -> PaceRange:
    return PaceRange.of(Pace.parse(a), Pace.parse(b))


E = PACES["E"]


def easy(length: object, *, intensity: Intensity = Intensity.ACTIVE, name: str | None = None) -> Step:
    return Step(intensity=intensity, length=length, target=E, label="E", name=name)  # type: ignore[arg-type]


def rep(length: object, label: str, target: PaceRange | None, **kw: object) -> Step:
    return Step(intensity=Intensity.INTERVAL, length=length, target=target, label=label, **kw)  # type: ignore[arg-type]


def jog(length: object) -> Step:
    return Step(intensity=Intensity.RECOVERY, length=length, name="jog")  # type: ignore[arg-type]


def warmup() -> Step:
    return Step(intensity=Intensity.WARMUP, length=LAP_BUTTON, target=E, label="E", name="warm-up")


def cooldown() -> Step:
    return Step(intensity=Intensity.COOLDOWN, length=LAP_BUTTON, target=E, label="E", name="cool-down")


def run(title: str, *steps: object, kind: SessionKind = SessionKind.RUN, text: str | None = None,
        alternatives: tuple[Session, ...] = ()) -> Session:
    return Session(kind=kind, title=title, workout=Workout(name=title, steps=steps),  # type: ignore[arg-type]
                   text=text, alternatives=alternatives)


def other(kind: SessionKind, title: str, length: object = None) -> Session:
    return Session(kind=kind, title=title, length=length)  # type: ignore[arg-type]


OFF = other(SessionKind.REST, "OFF")
CROSS = other(SessionKind.CROSS_TRAINING, "45 - 60 min cross-train",
              LengthRange(low=Duration.minutes(45), high=Duration.minutes(60)))
STRENGTH = other(SessionKind.STRENGTH, "PT / Strength Focused Lift")
ENDURANCE = other(SessionKind.STRENGTH, "PT / Endurance Focused Lift")
HM_10K = between("4:28/km", "4:15/km")


def strides_day() -> Session:
    return run("30 min + 4 x 20 sec strides", easy(Duration.minutes(30)),
               Repeat(count=4, steps=(rep(Duration(20), "Mile", None, name="stride"), jog(Duration(40)))),
               alternatives=(OFF,))


def friday() -> Session:
    return run("30 min run", easy(Duration.minutes(30)), alternatives=(CROSS,))


def week(number: int, wed: Session, sat: Session, sun: Session) -> Week:
    return Week(number=number, days=(
        Day(weekday=0, sessions=(STRENGTH,)),
        Day(weekday=1, sessions=(strides_day(),)),
        Day(weekday=2, sessions=(wed,)),
        Day(weekday=3, sessions=(ENDURANCE,)),
        Day(weekday=4, sessions=(friday(),)),
        Day(weekday=5, sessions=(sat,)),
        Day(weekday=6, sessions=(sun,)),
    ))


def mile_plan() -> Plan:
    """Three weeks shaped like the mile plan: ranges, lap buttons, nested repeats, a race."""
    w1 = week(
        1,
        run("6-10 x 400m @ HM-10K", warmup(),
            Repeat(count=CountRange(low=6, high=10), steps=(rep(Distance(400), "HM-10K", HM_10K), jog(Distance(400)))),
            cooldown(), text="6-10 x 400m @ HM-10K [half marathon to 10K pace] w/ 400m jog recovery"),
        run("8 x 200 @ 5K - Mile", warmup(),
            Repeat(count=8, steps=(rep(Distance(200), "5K-Mile", between("4:06/km", "3:44/km")), jog(Distance(200)))),
            cooldown()),
        run("45 min run", easy(Duration.minutes(45))),
    )
    w2 = week(
        2,
        run("4 x 5 min @ HM", warmup(),
            Repeat(count=4, steps=(rep(Duration.minutes(5), "HM", PACES["HM"]), jog(Duration(90)))),
            cooldown()),
        run("8 -10 x 30 sec hill", warmup(),
            Repeat(count=CountRange(low=8, high=10), steps=(
                Step(intensity=Intensity.INTERVAL, length=Duration(30), name="hill", note="hard uphill"),
                Step(intensity=Intensity.RECOVERY, length=LAP_BUTTON, name="jog down"))),
            cooldown()),
        run("45 min - 60 min run", easy(LengthRange(low=Duration.minutes(45), high=Duration.minutes(60)))),
    )
    w3 = week(
        3,
        run("3 x (3 x 200m) sets", warmup(),
            Repeat(count=3, steps=(
                Repeat(count=3, steps=(rep(Distance(200), "Mile", PACES["Mile"]), jog(Distance(200)))),
                Step(intensity=Intensity.REST, length=Duration.minutes(3), name="walk"))),
            cooldown()),
        run("Mile", warmup(), rep(Distance(MILE_M), "Mile", PACES["Mile"], name="race"), cooldown(),
            kind=SessionKind.RACE),
        run("6 miles", easy(Distance.miles(6))),
    )
    return Plan(name="Run a faster mile (3 weeks)", id="mile-3wk", weeks=(w1, w2, w3), start=START,
                description="Build speed for a mile race.\nRun easy days easy.")


def hostile_plan() -> Plan:
    """A plan whose every text field tries to break out of HTML."""
    evil = "<script>alert(1)</script>"
    workout = Workout(name=evil, steps=(
        Step(intensity=Intensity.INTERVAL, length=Distance(400), target=PACES["5K"], label='5K"><b>x',
             name="<img src=x onerror=alert(2)>", note="a & b </li></ol>"),
    ), description="<!-- not a comment -->")
    session = Session(kind=SessionKind.RUN, title=evil, workout=workout, text="'quoted' & \"double\"",
                      alternatives=(other(SessionKind.REST, "<i>OFF</i>"),))
    return Plan(name=evil, id="evil", weeks=(Week(number=1, days=(Day(weekday=2, sessions=(session,)),)),),
                description="</style><style>body{display:none}</style>")


def unresolved_plan() -> Plan:
    """A plan still carrying pace labels (the pace pass has not run)."""
    workout = Workout(name="6 x 400m @ HM-10K", steps=(
        Repeat(count=6, steps=(Step(intensity=Intensity.INTERVAL, length=Distance(400),
                                    target=PaceRef(low="HM", high="10K")),
                               jog(Distance(400)))),))
    return Plan(name="Unresolved", id="unresolved",
                weeks=(Week(number=1, days=(Day(weekday=2, sessions=(
                    Session(kind=SessionKind.RUN, title=workout.name, workout=workout),)),)),))


# -- the estimates the page and the table show -----------------------------------------------------

def test_distance_steps_take_the_time_of_their_pace() -> None:
    w = Workout(name="400", steps=(rep(Distance(400), "HM", PaceRange.single(Pace.parse("4:00/km"))),))
    est = estimate_workout(w)
    assert est.metres == pytest.approx(400)
    assert est.seconds == pytest.approx(96)
    assert est.assumptions == ()


def test_repeats_multiply_and_ranges_count_low() -> None:
    w = Workout(name="r", steps=(Repeat(count=CountRange(low=6, high=10), steps=(
        rep(Distance(400), "x", PaceRange.single(Pace.parse("4:00/km"))),
        jog(Duration(60)))),))
    est = estimate_workout(w, easy=Pace.parse("6:00/km"))
    assert est.seconds == pytest.approx(6 * (96 + 60))
    assert est.metres == pytest.approx(6 * (400 + 1000 / 6))
    assert est.assumptions == ("6 of 6-10 reps",)


def test_untargeted_steps_use_e_from_the_table_then_the_easy_pace_then_the_default() -> None:
    w = Workout(name="30", steps=(Step(intensity=Intensity.ACTIVE, length=Duration.minutes(30)),))
    assert estimate_workout(w, paces=PACES).metres == pytest.approx(1800 * PACES["E"].mid.speed_mps)
    assert estimate_workout(w, easy=Pace.parse("6:00/km")).metres == pytest.approx(5000)
    # No paces at all: the default runner (7:04 mile), whose E is DEFAULT_EASY within rounding.
    assert estimate_workout(w).metres == pytest.approx(1800 * DEFAULT_EASY.mid.speed_mps, rel=0.01)


def test_lap_button_and_walk_assumptions_are_stated() -> None:
    w = Workout(name="w", steps=(
        Step(intensity=Intensity.WARMUP, length=LAP_BUTTON),
        Step(intensity=Intensity.REST, length=Duration.minutes(1)),
        Step(intensity=Intensity.ACTIVE, length=LengthRange(low=Duration.minutes(45), high=Duration.minutes(60))),
    ))
    est = estimate_workout(w, easy=Pace.parse("6:00/km"))
    assert est.seconds == pytest.approx(60 + 2700)  # the lap-button warm-up is not counted
    assert est.metres == pytest.approx(7500)  # nor is the walk's distance
    assert est.assumptions == ("45 min of 45-60 min",)
    assert est.open_steps == ("warm-up",)
    assert est.notes == ("45 min of 45-60 min", "not counted: warm-up (until lap button)")


def test_a_runner_table_gives_the_shared_estimate() -> None:
    paces = pytest.importorskip("paceplan.paces")
    resolve = pytest.importorskip("paceplan.passes.resolve")
    table = paces.pace_table(paces.Runner.parse_race("mile=6:00")).value
    for week_ in mile_plan().weeks:
        for day in week_.days:
            for session in day.sessions:
                if session.workout is None:
                    continue
                shared = resolve.estimate(session.workout, table)
                mine = estimate_workout(session.workout, paces=table)
                assert (mine.metres, mine.seconds) == (shared.distance_m, shared.time_s)


def test_hostile_repeat_counts_are_multiplied_not_unrolled() -> None:
    inner: object = rep(Distance(1), "x", PaceRange.single(Pace.parse("4:00/km")))
    inner = Repeat(count=10, steps=(Repeat(count=1000, steps=(inner,)),))  # type: ignore[arg-type]
    est = estimate_workout(Workout(name="huge", steps=(inner,)))  # type: ignore[arg-type]
    assert est.metres == pytest.approx(10_000.0)


def test_unresolved_labels_are_reported_and_table_labels_resolve() -> None:
    w = unresolved_plan().weeks[0].days[0].sessions[0].workout
    assert w is not None
    assert estimate_workout(w).unresolved == ("HM-10K",)
    assert estimate_workout(w, paces=PACES).unresolved == ()


def test_lookup_pace_reads_ranges_and_spellings() -> None:
    assert lookup_pace(PACES, "5k") == PACES["5K"]
    hm10 = lookup_pace(PACES, "HM-10K")
    assert hm10 is not None
    assert hm10.slow == PACES["HM"].slow and hm10.fast == PACES["10K"].fast
    assert lookup_pace(PACES, "nope") is None and lookup_pace(None, "E") is None
    # Offsets as the race-day pass labels its last laps: seconds per 400 m, km or mile.
    faster = lookup_pace(PACES, "Mile -2s/400m")
    assert faster is not None
    assert faster.fast.seconds_per_km == pytest.approx(PACES["Mile"].fast.seconds_per_km - 5)
    assert lookup_pace(PACES, "nope -2s/400m") is None


@pytest.mark.parametrize(("metres", "units", "text"), [
    (400, "km", "400 m"), (7230, "km", "7.2 km"), (9656.064, "mi", "6.0 mi"), (400, "mi", "400 m"),
])
def test_format_distance(metres: float, units: str, text: str) -> None:
    assert format_distance(metres, units) == text  # type: ignore[arg-type]


@pytest.mark.parametrize(("seconds", "text"), [(20, "20 s"), (300, "5 min"), (90, "1:30 min"),
                                               (3900, "1 h 05 min"), (7200, "2 h")])
def test_format_duration(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text
