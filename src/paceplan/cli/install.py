"""``paceplan install OUTDIR --device PATH``: copy built FIT files onto a mounted watch."""

from __future__ import annotations

from pathlib import Path

import click

from ..devices import Action, fit_files_in, install_files
from ._common import handles_plan_errors

_VERB = {
    (Action.COPY, False): "copied", (Action.COPY, True): "would copy",
    (Action.OVERWRITE, False): "replaced", (Action.OVERWRITE, True): "would replace",
    (Action.SKIP_IDENTICAL, False): "skipped (already there)",
    (Action.SKIP_IDENTICAL, True): "would skip (already there)",
}


@click.command("install")
@click.argument("outdir", type=click.Path(file_okay=False, path_type=Path))
@click.option("--device", "device", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="Where the watch is mounted (the drive's root, or its GARMIN folder).")
@click.option("--schedule", "schedule", metavar="NAME",
              help="Which schedule file to copy when the build split it (schedule-w1-4.fit).")
@click.option("--dry-run", is_flag=True, help="Show what would be copied; write nothing.")
@click.option("--force", is_flag=True,
              help="Copy even if the folder does not look like a Garmin device.")
@click.option("--overwrite", is_flag=True,
              help="Replace files on the watch that differ from the new ones.")
@handles_plan_errors
def install(outdir: Path, device: Path, schedule: str | None, dry_run: bool, force: bool,
            overwrite: bool) -> None:
    """Copy the FIT workouts and schedule in OUTDIR into GARMIN/NewFiles on the watch.

    The watch imports them after you unplug it. Files already there with the same content are
    skipped; a different file of the same name stops the install (nothing is copied) unless
    --overwrite is given.
    """
    files = fit_files_in(outdir, schedule=schedule)
    report = install_files(files, device, dry_run=dry_run, force=force, overwrite=overwrite)
    if not report.recognised:
        click.echo(f"warning: {report.device} is not a recognised Garmin device; copying anyway (--force)",
                   err=True)
    for act in report.actions:
        click.echo(f"{_VERB[(act.action, dry_run)]}: {act.source.name} -> {act.dest}")
    copied = report.count(Action.COPY) + report.count(Action.OVERWRITE)
    skipped = report.count(Action.SKIP_IDENTICAL)
    if dry_run:
        click.echo(f"dry run: {copied} file(s) would be copied to {report.target}, {skipped} already there")
    else:
        click.echo(f"{copied} file(s) copied to {report.target}, {skipped} already there"
                   + ("; unplug the watch to import them" if copied else ""))
