"""``paceplan push OUTDIR``: upload built Garmin Connect workouts and schedule them.

Needs the optional extra: ``pip install 'paceplan[connect]'``.
"""

from __future__ import annotations

import os
from pathlib import Path

import click

from ..errors import PlanError
from ._common import handles_plan_errors


def _password() -> str:
    from_env = os.environ.get("GARMIN_PASSWORD")
    if from_env:
        return from_env
    return str(click.prompt("Garmin Connect password", hide_input=True, err=True))


def _mfa() -> str:
    return str(click.prompt("Garmin Connect MFA code", err=True)).strip()


@click.command("push")
@click.argument("source", type=click.Path(exists=True, path_type=Path))
@click.option("--email", envvar="GARMIN_EMAIL",
              help="Garmin Connect account (or GARMIN_EMAIL); needed only when no saved session works.")
@click.option("--tokenstore", type=click.Path(path_type=Path), envvar="GARMINTOKENS",
              help="Where the garminconnect client keeps its login tokens "
                   "(default ~/.garminconnect, or GARMINTOKENS).")
@click.option("--no-schedule", is_flag=True, help="Upload the workouts without putting them on the calendar.")
@click.option("--api-url", hidden=True, envvar="PACEPLAN_GARMIN_API_URL",
              help="Send API calls to this base URL instead of Garmin's (testing, proxies).")
@handles_plan_errors
def push(source: Path, email: str | None, tokenstore: Path | None, no_schedule: bool, api_url: str | None) -> None:
    """Upload the Garmin Connect workouts in SOURCE and schedule them on their dates.

    SOURCE is a folder written by `paceplan build PLAN --format garmin-json -o OUTDIR` (workout
    JSON files and schedule.json), or one workout JSON file. Pushing the same plan again updates
    the workouts it pushed before instead of adding copies. paceplan never stores your password:
    the garminconnect client saves login tokens in its token store.
    """
    from ..connect import PushItem, load_garmin_folder, load_garmin_workout, push_workouts
    from ..connect.garmin import open_garmin_connect

    if source.is_dir():
        items = load_garmin_folder(source)
    elif source.suffix.lower() == ".json":
        items = [PushItem(key=source.stem, file=source.name, workout=load_garmin_workout(source))]
    else:
        raise PlanError(f"{source} is not a folder of Garmin Connect workouts",
                        hint=f"build it first: paceplan build {source} --format garmin-json -o OUTDIR, "
                             "then paceplan push OUTDIR")
    service = open_garmin_connect(tokenstore=tokenstore, email=email, password=_password, mfa=_mfa,
                                  api_url=api_url)
    report = push_workouts(service, items, schedule=not no_schedule)
    for act in report.actions:
        when = f" on {act.date.isoformat()}" if act.date else ""
        click.echo(f"{act.action}: {act.name}{when} (workout {act.workout_id})")
    click.echo(f"{report.count('created')} created, {report.count('updated')} updated, "
               f"{report.count('scheduled')} scheduled, {report.count('already scheduled')} already scheduled")
