"""Build "warm-up, 6 x 400 m at 1:40-1:45 per 400 m with 400 m jog, cool-down" in Python and
write it as a Garmin FIT workout file, 400m-repeats.fit.

    python examples/write_workout.py            # writes ./400m-repeats.fit
    python examples/write_workout.py out/       # writes out/400m-repeats.fit

Copy the file to the watch's GARMIN/NewFiles folder (USB) to find it under Workouts.
"""

from __future__ import annotations

import sys
from pathlib import Path

from paceplan import LAP_BUTTON, Distance, Duration, Intensity, PaceRange, PlanError, Repeat, Step, Workout
from paceplan.writers.fit import write_workout_fit


def build() -> Workout:
    """The workout, from the public model."""
    return Workout(
        name="6x400m",
        description="Warm-up, 6 x 400 m at 1:40-1:45 per 400 m with 400 m jog, cool-down",
        steps=(
            Step(intensity=Intensity.WARMUP, length=Duration.minutes(15), name="Warm-up"),
            Repeat(count=6, steps=(
                Step(intensity=Intensity.INTERVAL, length=Distance(400),
                     target=PaceRange.parse("1:40-1:45/400m"), name="400m fast"),
                Step(intensity=Intensity.RECOVERY, length=Distance(400), name="400m jog"),
            )),
            # Until the lap button: cool down as long as you like.
            Step(intensity=Intensity.COOLDOWN, length=LAP_BUTTON, name="Cool-down"),
        ),
    )


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else Path(".")
    try:
        result = write_workout_fit(build(), folder / "400m-repeats.fit")
    except PlanError as exc:
        print(exc, file=sys.stderr)
        return 1
    for w in result.warnings:  # lossy choices the writer made, if any
        print(w.render(), file=sys.stderr)
    print(f"wrote {result.value}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
