"""The ``paceplan`` command line: a thin click group over the library.

Subcommands live in their own modules and are imported only when run, so ``paceplan --help``
stays fast and never loads fit-tool, icalendar or gpxpy.
"""

from __future__ import annotations

import importlib
import importlib.util

import click

from .._version import __version__

__all__ = ["main"]

# name -> (module under paceplan.cli, attribute, one-line help shown by --help)
_COMMANDS: dict[str, tuple[str, str, str]] = {
    "build": ("build", "build", "Build a plan into FIT workouts, a calendar and a plan page."),
    "compare": ("compare", "compare", "Compare a recorded run (GPX or FIT) with its planned workout."),
    "install": ("install", "install", "Copy built FIT files onto a mounted Garmin watch."),
    "paces": ("paces", "paces", "Show every training pace for a race result."),
    "push": ("push", "push", "Upload workouts to Garmin Connect (needs paceplan[connect])."),
    "show": ("show", "show", "Show a workout or a plan with your paces."),
    "templates": ("templates", "templates", "List the plan templates shipped with paceplan."),
}


def _available(name: str) -> bool:
    module = _COMMANDS[name][0]
    return importlib.util.find_spec(f"{__name__}.{module}") is not None


class _LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(n for n in _COMMANDS if _available(n))

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in _COMMANDS or not _available(cmd_name):
            return None
        module, attr, _ = _COMMANDS[cmd_name]
        command = getattr(importlib.import_module(f"{__name__}.{module}"), attr)
        assert isinstance(command, click.Command)
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        # Help text comes from the table so that --help imports no subcommand module.
        rows = [(n, _COMMANDS[n][2]) for n in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, "-V", "--version", prog_name="paceplan")
def main() -> None:
    """Compile coaches' training-plan shorthand, with your own paces, into Garmin FIT workouts,
    calendars and more."""
