"""The :class:`~paceplan.connect.service.WorkoutService` over the ``garminconnect`` client.

This is the only module that imports ``garminconnect`` (lazily, inside functions). Login is the
client's own: it keeps OAuth tokens in its token store (``~/.garminconnect`` by default, or
``GARMINTOKENS``) and refreshes them; paceplan asks for the password only when no saved session
works, passes it to the client, and never writes it anywhere.

``api_url`` points the API calls at another server: the client builds its API address from a
fixed domain (``https://connectapi.garmin.com``), so the adapter replaces the client's
``_connectapi`` base after constructing it. Tests use this to run the real client against a
local HTTP server; the SSO login itself (curl_cffi to ``sso.garmin.com``) has fixed addresses and
is never exercised in tests.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .service import ConnectError, LoginError, MissingExtraError, NetworkError

__all__ = ["DEFAULT_TOKENSTORE", "GarminConnectService", "open_garmin_connect"]

DEFAULT_TOKENSTORE = "~/.garminconnect"
"""The client's conventional token folder; ``GARMINTOKENS`` overrides it."""
_TOKEN_FILE = "garmin_tokens.json"
_INSTALL_HINT = "install it with: pip install 'paceplan[connect]'  (or: pip install garminconnect)"


def _import_client() -> Any:
    try:
        import garminconnect
    except ImportError as exc:
        raise MissingExtraError("paceplan push needs the optional Garmin Connect client (garminconnect)",
                                hint=_INSTALL_HINT, code="missing-extra") from exc
    # The client logs failures with tracebacks; paceplan reports them itself, once, clearly.
    logging.getLogger("garminconnect").addHandler(logging.NullHandler())
    logging.getLogger("garminconnect").propagate = False
    return garminconnect


def _causes(exc: BaseException) -> list[BaseException]:
    out: list[BaseException] = []
    seen: BaseException | None = exc
    while seen is not None and seen not in out:
        out.append(seen)
        seen = seen.__cause__ or seen.__context__
    return out


def _translate(exc: Exception, gc: Any, doing: str) -> ConnectError:
    """One of our errors for anything the client (or the network below it) raised."""
    chain = _causes(exc)
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    network = next((c for c in chain if isinstance(c, OSError)), None)
    if network is not None:
        return NetworkError(f"cannot reach Garmin Connect while {doing}: {type(network).__name__}",
                            hint="check the network connection and try again", code="network")
    if isinstance(exc, gc.GarminConnectTooManyRequestsError) or "429" in text:
        return NetworkError(f"Garmin Connect is rate limiting requests while {doing}",
                            hint="wait a few minutes and try again", code="rate-limited")
    if isinstance(exc, gc.GarminConnectAuthenticationError) or "401" in text or "403" in text:
        return LoginError(f"Garmin Connect refused the login while {doing}",
                          hint="check email and password (or MFA code); delete the saved session in the "
                               "token store to log in afresh", code="login")
    return ConnectError(f"Garmin Connect failed while {doing}: {text}",
                        hint="try again later; Garmin's unofficial API changes without notice", code="service")


class GarminConnectService:
    """:class:`~paceplan.connect.service.WorkoutService` calls through a logged-in
    ``garminconnect.Garmin``."""

    def __init__(self, garmin: Any, gc: Any) -> None:
        self._g = garmin
        self._gc = gc

    def _call(self, doing: str, fn: Callable[[], Any]) -> Any:
        try:
            return fn()
        except ConnectError:
            raise
        except Exception as exc:  # the client raises its own types, requests' and ValueError
            raise _translate(exc, self._gc, doing) from exc

    def list_workouts(self, start: int, limit: int) -> list[dict[str, Any]]:
        return self._call("listing workouts", lambda: self._g.get_workouts(start, limit))

    def get_workout(self, workout_id: int) -> dict[str, Any]:
        return self._call("reading a workout", lambda: self._g.get_workout_by_id(workout_id))

    def create_workout(self, workout: dict[str, Any]) -> dict[str, Any]:
        return self._call("uploading a workout", lambda: self._g.upload_workout(workout))

    def update_workout(self, workout_id: int, workout: dict[str, Any]) -> None:
        path = f"/workout-service/workout/{int(workout_id)}"
        # The client's put() with api=False returns the response without parsing an empty body.
        self._call("updating a workout", lambda: self._g.client.put("connectapi", path, json=workout))

    def schedule_workout(self, workout_id: int, date: str) -> dict[str, Any]:
        answer = self._call("scheduling a workout", lambda: self._g.schedule_workout(workout_id, date))
        return answer if isinstance(answer, dict) else {}

    def calendar_items(self, year: int, month: int) -> list[dict[str, Any]]:
        answer = self._call("reading the calendar", lambda: self._g.get_scheduled_workouts(year, month))
        items = answer.get("calendarItems") if isinstance(answer, dict) else None
        return [i for i in items if isinstance(i, dict)] if isinstance(items, list) else []


def _point_at(garmin: Any, api_url: str | None) -> None:
    if api_url is None:
        return
    client = getattr(garmin, "client", None)
    if client is None or not hasattr(client, "_connectapi"):
        raise ConnectError("this garminconnect version cannot be pointed at another server",
                           hint="drop --api-url, or install a garminconnect release from 0.3.0 on")
    client._connectapi = api_url.rstrip("/")


def open_garmin_connect(*, tokenstore: str | os.PathLike[str] | None = None, email: str | None = None,
                        password: Callable[[], str] | None = None, mfa: Callable[[], str] | None = None,
                        api_url: str | None = None) -> GarminConnectService:
    """Log in and return the service.

    A saved session in ``tokenstore`` (default ``GARMINTOKENS`` or ``~/.garminconnect``) is tried
    first. When there is none, or Garmin refuses it, ``email`` and ``password()`` log in afresh
    (``mfa()`` is asked for a code when the account needs one) and the client saves its new
    tokens in ``tokenstore``: the password itself is never stored.
    """
    gc = _import_client()
    store = Path(os.path.expanduser(str(tokenstore or os.environ.get("GARMINTOKENS") or DEFAULT_TOKENSTORE)))
    token_file = store if store.suffix == ".json" else store / _TOKEN_FILE
    refused: ConnectError | None = None
    if token_file.is_file():
        garmin = gc.Garmin()
        _point_at(garmin, api_url)
        try:
            garmin.login(str(store))
            return GarminConnectService(garmin, gc)
        except Exception as exc:
            refused = _translate(exc, gc, "resuming the saved session")
            if isinstance(refused, NetworkError):
                raise refused from exc
    if not email or password is None:
        if refused is not None:
            raise LoginError("Garmin Connect refused the saved session and no email was given to log in again",
                             hint="pass --email (or set GARMIN_EMAIL) to log in with your password",
                             code="login")
        raise LoginError("not logged in to Garmin Connect: no saved session and no email",
                         hint="pass --email (or set GARMIN_EMAIL); the password is asked for, or read "
                              "from GARMIN_PASSWORD, and never stored", code="login")
    garmin = gc.Garmin()
    _point_at(garmin, api_url)
    try:
        # The client's own SSO login (not Garmin.login, which would reload the refused tokens),
        # then its own token dump: tokens only, never the password.
        garmin.client.login(email, password(), prompt_mfa=mfa)
        garmin.client.dump(str(store))
    except Exception as exc:
        raise _translate(exc, gc, "logging in") from exc
    return GarminConnectService(garmin, gc)
