"""The plan templates shipped with paceplan (``paceplan templates``, ``--template mile-8wk``).

Templates are plan files (``*.yaml``, ``*.csv``) in a ``templates`` folder. In a wheel the
folder sits inside the package (pyproject force-includes the repository's top-level
``templates/`` as ``paceplan/_templates``); in an editable install or a source checkout it is the
repository's ``templates/`` beside ``src/``. Other files there (the HTML page template) are not
plans and are not listed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import PlanValueError

__all__ = ["TemplateInfo", "list_templates", "template_path", "templates_dir"]

_PLAN_SUFFIXES = (".yaml", ".yml", ".csv")


@dataclass(frozen=True, slots=True, kw_only=True)
class TemplateInfo:
    """One shipped plan template."""

    name: str
    """What ``--template`` takes: the file name without its extension (``mile-8wk``)."""
    path: Path
    """Where the file is."""
    title: str
    """The plan's ``name:`` line when it has one, else the template name."""


def templates_dir() -> Path | None:
    """The folder holding shipped templates, or None when neither location exists."""
    try:
        packaged = resources.files("paceplan") / "_templates"
        if packaged.is_dir():
            return Path(str(packaged))
    except (ModuleNotFoundError, TypeError):  # pragma: no cover - namespace oddities
        pass
    repo = Path(__file__).resolve().parents[2] / "templates"
    return repo if repo.is_dir() else None


def _title(path: Path) -> str:
    # A cheap peek at the top-level "name:" so listing never needs the YAML library.
    try:
        head = path.read_text(encoding="utf-8")[:4096]
    except OSError:
        return path.stem
    m = re.search(r"^name:\s*(.+?)\s*$", head, re.MULTILINE)
    return m.group(1).strip("'\"") if m else path.stem


def list_templates() -> list[TemplateInfo]:
    """Every shipped plan template, sorted by name."""
    folder = templates_dir()
    if folder is None:
        return []
    out = [TemplateInfo(name=p.stem, path=p, title=_title(p))
           for p in folder.iterdir() if p.is_file() and p.suffix.lower() in _PLAN_SUFFIXES]
    return sorted(out, key=lambda t: t.name)


def template_path(name: str) -> Path:
    """The file of template ``name`` (``mile-8wk``), or a :class:`PlanValueError` listing them."""
    known = list_templates()
    for t in known:
        if t.name == name or t.path.name == name:
            return t.path
    names = ", ".join(t.name for t in known) or "none installed"
    raise PlanValueError(f"no template named {name!r}", hint=f"shipped templates: {names} (see `paceplan templates`)",
                         code="unknown-template")
