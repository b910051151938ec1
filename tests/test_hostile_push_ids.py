"""A Garmin Connect server that answers with ids paceplan cannot use (issue 21 item 7): those
items are skipped, never a traceback and never touched."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from paceplan.connect.push import PushItem, marker, push_workouts

WORKOUT = {"workoutName": "6 x 400m", "workoutSegments": []}


class OddServer:
    def __init__(self, listed: list[Any], calendar: list[Any]) -> None:
        self.listed, self.calendar = listed, calendar
        self.created: list[dict[str, Any]] = []
        self.updated: list[int] = []
        self.scheduled: list[tuple[int, str]] = []

    def list_workouts(self, start: int, limit: int) -> list[Any]:
        return self.listed if start == 0 else []

    def get_workout(self, workout_id: int) -> Any:
        return "not a dict"

    def create_workout(self, body: dict[str, Any]) -> dict[str, Any]:
        self.created.append(body)
        return {"workoutId": 5000 + len(self.created)}

    def update_workout(self, workout_id: int, body: dict[str, Any]) -> None:
        self.updated.append(workout_id)

    def calendar_items(self, year: int, month: int) -> list[Any]:
        return self.calendar

    def schedule_workout(self, workout_id: int, date: str) -> None:
        self.scheduled.append((workout_id, date))


@pytest.mark.parametrize("bad_id", ["abc", "12a", None, True, -3, 0, 1.5, [1], {"id": 1}, "\u00b2", "9" * 40])
def test_server_items_with_unusable_ids_are_skipped(bad_id: Any) -> None:
    listed = [{"workoutId": bad_id, "description": marker("w1-mon"), "workoutName": "6 x 400m"},
              {"workoutId": bad_id, "workoutName": "6 x 400m"}, "junk", None]
    calendar = [{"workoutId": bad_id, "date": "2027-01-04"}, {"itemType": "workout"}, 7]
    service = OddServer(listed, calendar)
    report = push_workouts(service, [PushItem(key="w1-mon", workout=WORKOUT, date=dt.date(2027, 1, 4))])  # type: ignore[arg-type]
    assert service.updated == [] and len(service.created) == 1
    assert service.scheduled == [(5001, "2027-01-04")]
    assert [a.action for a in report.actions][0] == "created"


def test_an_id_sent_as_digits_is_still_recognised() -> None:
    service = OddServer([{"workoutId": "42", "description": marker("w1-mon")}], [])
    push_workouts(service, [PushItem(key="w1-mon", workout=WORKOUT)], schedule=False)  # type: ignore[arg-type]
    assert service.updated == [42] and service.created == []
