"""What every subcommand shares: error rendering, exit codes, warnings and --strict.

Exit codes: 0 ok; 1 a plan or input error (no traceback); 2 usage (click's own);
3 warnings under ``--strict``. Anything else is a bug and keeps its traceback.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, cast

import click

from ..errors import Diagnostic, PlanError, Severity, render_diagnostics

if TYPE_CHECKING:
    from ..readers.plan import PlanFile

DEFAULT_TEMPLATE = "mile-8wk"

EXIT_INPUT = 1
EXIT_STRICT = 3

F = TypeVar("F", bound=Callable[..., Any])


def handles_plan_errors(func: F) -> F:
    """Render a :class:`PlanError` as diagnostics on stderr and exit 1, without a traceback."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except PlanError as exc:
            click.echo(render_diagnostics(exc.diagnostics), err=True)
            raise SystemExit(EXIT_INPUT) from None

    return cast(F, wrapper)  # functools.wraps keeps the signature; mypy cannot see that


def strict_option(func: F) -> F:
    return click.option("--strict", is_flag=True,
                        help="Treat warnings as errors (exit code 3).")(func)


def report_warnings(warnings: Iterable[Diagnostic], *, strict: bool) -> None:
    """Print warnings to stderr; under ``--strict`` any warning ends the command with exit 3."""
    items = [w for w in warnings if w.severity is not Severity.NOTE or not strict]
    if items:
        click.echo(render_diagnostics(items), err=True)
    if strict and any(w.severity is Severity.WARNING for w in items):
        raise SystemExit(EXIT_STRICT)


def plan_source(plan: Path | None, template: str | None) -> tuple[Path, str | None]:
    """Where the plan is, and the name to show in messages (None: the path itself): the plan file
    given, or a shipped template (the mile plan when neither is given)."""
    from ..templates import template_path

    if plan is not None and template is not None:
        raise click.UsageError("give a PLAN file or --template, not both")
    if plan is not None:
        return plan, None
    path = template_path(template or DEFAULT_TEMPLATE)
    return path, f"templates/{path.name}"


def load_plan(plan: Path | None, template: str | None) -> PlanFile:
    """The plan file given, or a shipped template (see :func:`plan_source`), read."""
    from ..readers.plan import read_plan

    path, name = plan_source(plan, template)
    return read_plan(path, name=name)
