"""Optional upload to Garmin Connect (``pip install 'paceplan[connect]'``).

The JSON itself is written offline by :mod:`paceplan.writers.garmin_connect`; this package only
moves it. It is built on the maintained ``garminconnect`` client (PyPI), imported lazily and only
by :mod:`paceplan.connect.garmin`, so paceplan works without it and ``paceplan --help`` never
loads it.

- :mod:`.service`: the small interface push needs (list, read, create, update, schedule,
  calendar) and the error types.
- :mod:`.push`: the sync: finds workouts pushed before by a marker in their description and
  updates them (PUT) instead of creating duplicates, and schedules each on its date once.
- :mod:`.folder`: reads a folder written by ``paceplan build --format garmin-json``.
- :mod:`.garmin`: the adapter over ``garminconnect`` (login with its own token store; paceplan
  never stores a password).
"""

from __future__ import annotations

from .folder import load_garmin_folder, load_garmin_workout
from .push import MARKER_RE, PushAction, PushItem, PushReport, marker, push_workouts
from .service import ConnectError, LoginError, MissingExtraError, NetworkError, WorkoutService

__all__ = [
    "MARKER_RE",
    "ConnectError",
    "LoginError",
    "MissingExtraError",
    "NetworkError",
    "PushAction",
    "PushItem",
    "PushReport",
    "WorkoutService",
    "load_garmin_folder",
    "load_garmin_workout",
    "marker",
    "push_workouts",
]
