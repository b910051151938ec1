"""The interface ``paceplan push`` needs from a Garmin Connect client, and its errors.

:class:`WorkoutService` is what :func:`paceplan.connect.push.push_workouts` talks to; the real
implementation (:class:`paceplan.connect.garmin.GarminConnectService`) wraps the
``garminconnect`` client, and tests may drive the same code against a local HTTP server.
"""

from __future__ import annotations

from typing import Any, Protocol

from ..errors import PlanError

__all__ = ["ConnectError", "LoginError", "MissingExtraError", "NetworkError", "WorkoutService"]


class ConnectError(PlanError):
    """Garmin Connect could not be used: login, network, or an answer we cannot use."""


class LoginError(ConnectError):
    """Garmin Connect refused the login or the saved session."""


class NetworkError(ConnectError, OSError):
    """Garmin Connect could not be reached, or answered with a server error or rate limit."""


class MissingExtraError(ConnectError):
    """The optional ``garminconnect`` client is not installed."""


class WorkoutService(Protocol):
    """The Garmin Connect workout-service calls push uses (reference ``garmin-connect.md`` A.2)."""

    def list_workouts(self, start: int, limit: int) -> list[dict[str, Any]]:
        """``GET /workout-service/workouts?start=&limit=``: workout summaries."""
        ...

    def get_workout(self, workout_id: int) -> dict[str, Any]:
        """``GET /workout-service/workout/{id}``."""
        ...

    def create_workout(self, workout: dict[str, Any]) -> dict[str, Any]:
        """``POST /workout-service/workout``; the answer carries the new ``workoutId``."""
        ...

    def update_workout(self, workout_id: int, workout: dict[str, Any]) -> None:
        """``PUT /workout-service/workout/{id}``: replaces the workout, keeps id and schedules."""
        ...

    def schedule_workout(self, workout_id: int, date: str) -> dict[str, Any]:
        """``POST /workout-service/schedule/{id}`` with ``{"date": "YYYY-MM-DD"}``."""
        ...

    def calendar_items(self, year: int, month: int) -> list[dict[str, Any]]:
        """The calendar items of one month (``month`` 1-12); workouts carry ``workoutId`` and
        ``date``."""
        ...
