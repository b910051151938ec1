"""``paceplan templates``: list the plan templates shipped with paceplan."""

from __future__ import annotations

import click

from ..templates import list_templates


@click.command("templates")
@click.option("--paths", is_flag=True, help="Show where each template file is.")
def templates(paths: bool) -> None:
    """List the plan templates shipped with paceplan (use one with `paceplan build --template NAME`)."""
    found = list_templates()
    if not found:
        click.echo("no templates installed", err=True)
        raise SystemExit(1)
    width = max(len(t.name) for t in found)
    for t in found:
        line = f"{t.name:<{width}}  {t.title}"
        if paths:
            line += f"  ({t.path})"
        click.echo(line)
    click.echo(f"\nBuild one: paceplan build --template {found[0].name} --race mile=6:00")
