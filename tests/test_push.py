"""``paceplan push``: the real ``garminconnect`` client against a local recording server.

No test touches the network: API calls go to a ``ThreadingHTTPServer`` on 127.0.0.1 (the
adapter's ``api_url`` replaces the client's fixed ``https://connectapi.garmin.com``), a socket
guard refuses every other address, and the SSO password login (curl_cffi to fixed Garmin
addresses) is replaced by a stub where a test needs it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import socket
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest
from click.testing import CliRunner

from paceplan.cli import main
from paceplan.connect import PushItem, marker, push_workouts
from paceplan.model import Intensity, Repeat, Step, Workout
from paceplan.units import Distance, Duration, PaceRange
from paceplan.writers.garmin_connect import (
    GarminScheduleEntry,
    garmin_json_text,
    garmin_schedule,
    workout_to_garmin,
)

gc = pytest.importorskip("garminconnect", reason="the connect extra (garminconnect) is not installed")

TOKEN = "test-token"


# --- the local Garmin Connect --------------------------------------------------------------

class FakeGarmin:
    """Workout-service state and a log of every request."""

    def __init__(self, *, descriptions_in_list: bool = True) -> None:
        self.token = TOKEN
        self.workouts: dict[int, dict[str, Any]] = {}
        self.calendar: list[dict[str, Any]] = []
        self.requests: list[tuple[str, str, Any]] = []
        self.next_id = 1001
        self.descriptions_in_list = descriptions_in_list
        self.lock = threading.Lock()

    def calls(self, method: str, pattern: str) -> list[tuple[str, str, Any]]:
        return [r for r in self.requests if r[0] == method and re.fullmatch(pattern, r[1])]

    def handle(self, method: str, path: str, query: dict[str, list[str]], body: Any,
               headers: Any) -> tuple[int, Any]:
        with self.lock:
            self.requests.append((method, path, body))
            if headers.get("Authorization") != f"Bearer {self.token}":
                return 401, {"message": "Unauthorized"}
            if method == "GET" and path == "/userprofile-service/socialProfile":
                return 200, {"displayName": "runner", "fullName": "A Runner"}
            if method == "GET" and path == "/userprofile-service/userprofile/user-settings":
                return 200, {"userData": {"measurementSystem": "metric"}}
            if method == "GET" and path == "/workout-service/workouts":
                start, limit = int(query["start"][0]), int(query["limit"][0])
                ids = sorted(self.workouts)[start:start + limit]
                out = []
                for wid in ids:
                    w = self.workouts[wid]
                    summary = {"workoutId": wid, "workoutName": w["workoutName"]}
                    if self.descriptions_in_list:
                        summary["description"] = w.get("description")
                    out.append(summary)
                return 200, out
            m = re.fullmatch(r"/workout-service/workout/(\d+)", path)
            if m and method == "GET":
                wid = int(m.group(1))
                return (200, self.workouts[wid]) if wid in self.workouts else (404, {"message": "no"})
            if m and method == "PUT":
                wid = int(m.group(1))
                if wid not in self.workouts or body.get("workoutId") != wid:
                    return 400, {"message": "bad update"}
                self.workouts[wid] = body
                return 204, None
            if method == "POST" and path == "/workout-service/workout":
                wid = self.next_id
                self.next_id += 1
                self.workouts[wid] = {**body, "workoutId": wid}
                return 200, self.workouts[wid]
            m = re.fullmatch(r"/workout-service/schedule/(\d+)", path)
            if m and method == "POST":
                item = {"id": 5000 + len(self.calendar), "itemType": "workout",
                        "workoutId": int(m.group(1)), "date": body["date"]}
                self.calendar.append(item)
                return 200, {"workoutScheduleId": item["id"], "calendarDate": body["date"]}
            m = re.fullmatch(r"/calendar-service/year/(\d+)/month/(\d+)", path)
            if m and method == "GET":
                year, month0 = int(m.group(1)), int(m.group(2))
                prefix = f"{year:04d}-{month0 + 1:02d}-"
                return 200, {"calendarItems": [c for c in self.calendar if c["date"].startswith(prefix)]}
            return 404, {"message": f"unknown {method} {path}"}


def _handler(fake: FakeGarmin) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def _serve(self) -> None:
            url = urlparse(self.path)
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length) if length else b""
            body = json.loads(raw) if raw else None
            status, answer = fake.handle(self.command, url.path, parse_qs(url.query), body, self.headers)
            data = b"" if answer is None else json.dumps(answer).encode()
            self.send_response(status)
            if data:
                self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if data:
                self.wfile.write(data)

        do_GET = do_POST = do_PUT = do_DELETE = _serve

        def log_message(self, *args: Any) -> None:
            pass

    return Handler


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse every connection that is not to this machine's loopback."""
    real_connect = socket.socket.connect

    def guarded(self: socket.socket, address: Any) -> Any:
        host = address[0] if isinstance(address, tuple) else address
        if isinstance(host, str) and not (host.startswith("127.") or host in ("::1", "localhost")) \
                and self.family in (socket.AF_INET, socket.AF_INET6):
            raise OSError(f"test guard: no network to {host}")
        return real_connect(self, address)

    monkeypatch.setattr(socket.socket, "connect", guarded)
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY", "all_proxy",
                "GARMIN_EMAIL", "GARMIN_PASSWORD", "GARMINTOKENS", "PACEPLAN_GARMIN_API_URL"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    # The client retries a failed login profile fetch with 1 s sleeps; keep tests fast.
    monkeypatch.setattr(gc.time, "sleep", lambda s: None)


@pytest.fixture
def server() -> Iterator[tuple[FakeGarmin, str]]:
    fake = FakeGarmin()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _handler(fake))
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield fake, f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


# --- inputs ---------------------------------------------------------------------------------

def workouts() -> list[tuple[str, dt.date, Workout]]:
    rep = Workout(name="6 x 400m", steps=(
        Step(intensity=Intensity.WARMUP, length=Duration(600)),
        Repeat(count=6, steps=(
            Step(intensity=Intensity.INTERVAL, length=Distance(400), target=PaceRange.parse("3:40-3:50/km")),
            Step(intensity=Intensity.RECOVERY, length=Distance(400)),
        )),
    ))
    easy = Workout(name="Easy 40 min", description="relaxed", steps=(
        Step(intensity=Intensity.ACTIVE, length=Duration(2400)),))
    return [("w01-tue", dt.date(2026, 3, 3), rep), ("w01-thu", dt.date(2026, 3, 5), easy),
            ("w02-tue", dt.date(2026, 4, 7), rep)]


def build_folder(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    entries = []
    for stem, day, workout in workouts():
        (folder / f"{stem}.json").write_text(garmin_json_text(workout_to_garmin(workout).value), encoding="utf-8")
        entries.append(GarminScheduleEntry(date=day, file=f"{stem}.json", name=workout.name, key=f"mile-8wk/{stem}"))
    (folder / "schedule.json").write_text(garmin_json_text(garmin_schedule(entries)), encoding="utf-8")
    return folder


def save_tokens(store: Path, token: str = TOKEN) -> Path:
    store.mkdir(parents=True, exist_ok=True)
    (store / "garmin_tokens.json").write_text(json.dumps(
        {"di_token": token, "di_refresh_token": None, "di_client_id": None}))
    return store


def push(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["push", *args], input=input)
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stdout, result.stderr


# --- tests ----------------------------------------------------------------------------------

def test_push_creates_and_schedules_then_updates_without_duplicates(tmp_path: Path, server: Any) -> None:
    fake, url = server
    out = build_folder(tmp_path / "out")
    store = save_tokens(tmp_path / "tokens")
    code, stdout, stderr = push(str(out), "--tokenstore", str(store), "--api-url", url)
    assert code == 0, stderr
    assert stdout.splitlines() == [
        "created: 6 x 400m (workout 1001)",
        "created: Easy 40 min (workout 1002)",
        "created: 6 x 400m (workout 1003)",
        "scheduled: 6 x 400m on 2026-03-03 (workout 1001)",
        "scheduled: Easy 40 min on 2026-03-05 (workout 1002)",
        "scheduled: 6 x 400m on 2026-04-07 (workout 1003)",
        "3 created, 0 updated, 3 scheduled, 0 already scheduled",
    ]
    # What went over the wire: the real client's paths, bodies and bearer token.
    posted = [b for _, _, b in fake.calls("POST", "/workout-service/workout")]
    assert [p["workoutName"] for p in posted] == ["6 x 400m", "Easy 40 min", "6 x 400m"]
    assert posted[0]["description"] == marker("mile-8wk/w01-tue")
    assert posted[1]["description"] == "relaxed\n\n" + marker("mile-8wk/w01-thu")
    assert posted[0]["workoutSegments"] == workout_to_garmin(workouts()[0][2]).value["workoutSegments"]
    assert [(p, b) for _, p, b in fake.calls("POST", r"/workout-service/schedule/\d+")] == [
        ("/workout-service/schedule/1001", {"date": "2026-03-03"}),
        ("/workout-service/schedule/1002", {"date": "2026-03-05"}),
        ("/workout-service/schedule/1003", {"date": "2026-04-07"}),
    ]
    assert [p for _, p, _ in fake.calls("GET", r"/calendar-service/.*")] == [
        "/calendar-service/year/2026/month/2", "/calendar-service/year/2026/month/3"]

    # Second push of the same plan: PUT updates, nothing new, calendar untouched.
    fake.requests.clear()
    code, stdout, stderr = push(str(out), "--tokenstore", str(store), "--api-url", url)
    assert code == 0, stderr
    assert stdout.splitlines()[-1] == "0 created, 3 updated, 0 scheduled, 3 already scheduled"
    assert fake.calls("POST", "/workout-service/workout") == []
    assert fake.calls("POST", r"/workout-service/schedule/\d+") == []
    assert [p for _, p, _ in fake.calls("PUT", r".*")] == [
        "/workout-service/workout/1001", "/workout-service/workout/1002", "/workout-service/workout/1003"]
    assert sorted(fake.workouts) == [1001, 1002, 1003]
    assert len(fake.calendar) == 3
    assert fake.workouts[1002]["description"] == "relaxed\n\n" + marker("mile-8wk/w01-thu")


def test_markers_found_by_reading_workouts_when_list_has_no_descriptions(tmp_path: Path, server: Any) -> None:
    fake, url = server
    fake.descriptions_in_list = False
    out = build_folder(tmp_path / "out")
    store = save_tokens(tmp_path / "tokens")
    assert push(str(out), "--tokenstore", str(store), "--api-url", url)[0] == 0
    fake.requests.clear()
    code, stdout, _ = push(str(out), "--tokenstore", str(store), "--api-url", url, "--no-schedule")
    assert code == 0
    assert stdout.splitlines()[-1] == "0 created, 3 updated, 0 scheduled, 0 already scheduled"
    assert len(fake.calls("GET", r"/workout-service/workout/\d+")) == 3


def test_other_workouts_in_the_account_are_left_alone(tmp_path: Path, server: Any) -> None:
    fake, url = server
    fake.workouts[7] = {"workoutName": "6 x 400m", "description": "my own", "workoutId": 7}
    out = build_folder(tmp_path / "out")
    store = save_tokens(tmp_path / "tokens")
    code, stdout, _ = push(str(out), "--tokenstore", str(store), "--api-url", url)
    assert code == 0 and "3 created" in stdout
    assert fake.workouts[7]["description"] == "my own"
    assert fake.calls("PUT", r".*") == []


def test_single_json_file(tmp_path: Path, server: Any) -> None:
    fake, url = server
    out = build_folder(tmp_path / "out")
    store = save_tokens(tmp_path / "tokens")
    code, stdout, _ = push(str(out / "w01-thu.json"), "--tokenstore", str(store), "--api-url", url)
    assert code == 0
    assert stdout.splitlines() == ["created: Easy 40 min (workout 1001)",
                                   "1 created, 0 updated, 0 scheduled, 0 already scheduled"]


def test_refused_session_without_email_is_a_clear_login_error(tmp_path: Path, server: Any) -> None:
    fake, url = server
    fake.token = "someone-else"
    store = save_tokens(tmp_path / "tokens")
    code, stdout, stderr = push(str(build_folder(tmp_path / "out")), "--tokenstore", str(store), "--api-url", url)
    assert code == 1
    assert stdout == ""
    assert "error: Garmin Connect refused the saved session and no email was given" in stderr
    assert "--email" in stderr
    assert "Traceback" not in stderr
    assert fake.calls("POST", ".*") == []


def test_wrong_password_is_a_clear_login_error_and_nothing_is_stored(
        tmp_path: Path, server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    _, url = server

    def refuse(self: Any, email: str, password: str, prompt_mfa: Any = None, return_on_mfa: bool = False) -> Any:
        raise gc.GarminConnectAuthenticationError("401 Unauthorized")

    monkeypatch.setattr(gc.client.Client, "login", refuse)
    store = tmp_path / "tokens"
    code, _, stderr = push(str(build_folder(tmp_path / "out")), "--tokenstore", str(store), "--api-url", url,
                           "--email", "runner@example.com", input="s3cret-pw\n")
    assert code == 1
    assert "error: Garmin Connect refused the login while logging in" in stderr
    assert "Traceback" not in stderr
    assert not store.exists()


def test_password_login_saves_only_the_clients_tokens(
        tmp_path: Path, server: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    fake, url = server
    seen: list[tuple[str, str]] = []

    def accept(self: Any, email: str, password: str, prompt_mfa: Any = None, return_on_mfa: bool = False) -> Any:
        seen.append((email, password))
        self.di_token = TOKEN
        return None, None

    monkeypatch.setattr(gc.client.Client, "login", accept)
    monkeypatch.setenv("GARMIN_PASSWORD", "s3cret-pw")
    store = tmp_path / "tokens"
    code, _, stderr = push(str(build_folder(tmp_path / "out")), "--tokenstore", str(store), "--api-url", url,
                           "--email", "runner@example.com")
    assert code == 0, stderr
    assert seen == [("runner@example.com", "s3cret-pw")]
    saved = list(store.rglob("*"))
    assert [p.name for p in saved] == ["garmin_tokens.json"]
    assert json.loads(saved[0].read_text())["di_token"] == TOKEN
    for path in tmp_path.rglob("*"):
        if path.is_file():
            assert b"s3cret-pw" not in path.read_bytes(), path
    assert len(fake.workouts) == 3


def test_network_failure_is_a_clear_error(tmp_path: Path) -> None:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    store = save_tokens(tmp_path / "tokens")
    code, _, stderr = push(str(build_folder(tmp_path / "out")), "--tokenstore", str(store),
                           "--api-url", f"http://127.0.0.1:{port}")
    assert code == 1
    assert "error: cannot reach Garmin Connect" in stderr
    assert "hint: check the network connection" in stderr
    assert "Traceback" not in stderr


def test_server_error_during_upload_is_clear(tmp_path: Path, server: Any) -> None:
    fake, url = server
    original = fake.handle

    def broken(method: str, path: str, *rest: Any) -> tuple[int, Any]:
        if method == "POST" and path == "/workout-service/workout":
            fake.requests.append((method, path, None))
            return 500, {"message": "Internal error"}
        return original(method, path, *rest)

    fake.handle = broken  # type: ignore[method-assign]
    store = save_tokens(tmp_path / "tokens")
    code, _, stderr = push(str(build_folder(tmp_path / "out")), "--tokenstore", str(store), "--api-url", url)
    assert code == 1
    assert "error: Garmin Connect failed while uploading a workout: API Error 500 - Internal error" in stderr
    assert "Traceback" not in stderr


def test_missing_extra_tells_how_to_install(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "garminconnect", None)
    store = save_tokens(tmp_path / "tokens")
    code, _, stderr = push(str(build_folder(tmp_path / "out")), "--tokenstore", str(store))
    assert code == 1
    assert "needs the optional Garmin Connect client" in stderr
    assert "pip install 'paceplan[connect]'" in stderr


def test_plan_file_needs_building_first(tmp_path: Path) -> None:
    plan = tmp_path / "plan.yaml"
    plan.write_text("name: x\n")
    code, _, stderr = push(str(plan))
    assert code == 1 and "paceplan build" in stderr


def test_bad_schedule_json_is_a_clear_error(tmp_path: Path) -> None:
    out = build_folder(tmp_path / "out")
    (out / "schedule.json").write_text('[{"file": "../x.json", "key": "k"}]')
    code, _, stderr = push(str(out))
    assert code == 1 and "'file' must name a file in the same folder" in stderr


def test_push_logic_rejects_one_key_for_two_workouts() -> None:
    a = {"workoutName": "a", "workoutSegments": []}
    b = {"workoutName": "b", "workoutSegments": []}
    with pytest.raises(Exception, match="names two different workouts"):
        push_workouts(None, [PushItem(key="k", workout=a), PushItem(key="k", workout=b)])  # type: ignore[arg-type]


def test_no_session_and_no_email_says_how_to_log_in(tmp_path: Path, server: Any) -> None:
    _, url = server
    code, _, stderr = push(str(build_folder(tmp_path / "out")), "--tokenstore", str(tmp_path / "none"),
                           "--api-url", url)
    assert code == 1
    assert "error: not logged in to Garmin Connect: no saved session and no email" in stderr
    assert "never stored" in stderr
