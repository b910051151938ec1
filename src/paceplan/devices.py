"""Copying FIT files onto a Garmin watch mounted as a USB drive.

A watch in mass-storage mode shows a ``GARMIN`` folder at the top of the drive; files copied
into ``GARMIN/NewFiles`` are imported by the watch after it is unplugged (workouts and schedule
files alike; reference ``fit-workouts.md`` section 15). Newer watches use MTP instead of a drive:
mount them first (Linux: ``gio mount`` or ``jmtpfs``; macOS: Android File Transfer or MacDroid)
and give the mounted folder.

Safety rules: a folder that does not look like a Garmin device is refused unless forced; a file
already on the watch with the same bytes is skipped, with different bytes it is an error unless
overwriting was asked for; every check runs before the first copy, so a refused install copies
nothing; each copy is atomic (temporary file, then rename). Nothing here prints: the caller gets
an :class:`InstallReport` of actions.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from .atomic import atomic_write_bytes
from .errors import OutputError, PlanValueError

__all__ = [
    "Action",
    "InstallAction",
    "InstallReport",
    "find_garmin_root",
    "fit_files_in",
    "install_files",
    "is_garmin_device",
]

_MARKERS = ("GarminDevice.xml", "NewFiles", "Activity", "Activities", "Workouts", "Schedules",
            "Courses", "Settings", "Sports", "Apps")
"""Entries of a GARMIN folder that identify a device (any one is enough)."""


class Action(str, Enum):
    """What happened (or, in a dry run, would happen) to one file."""

    COPY = "copy"
    """A new file was copied."""
    OVERWRITE = "overwrite"
    """A different file of the same name was replaced (only with ``overwrite``)."""
    SKIP_IDENTICAL = "skip-identical"
    """The same bytes are already there; nothing was written."""


@dataclass(frozen=True, slots=True, kw_only=True)
class InstallAction:
    """One file's fate."""

    source: Path
    """The FIT file in the output folder."""
    dest: Path
    """Where it goes on the device."""
    action: Action
    """Copy, overwrite or skip."""


@dataclass(frozen=True, slots=True, kw_only=True)
class InstallReport:
    """What :func:`install_files` did (or would do, when ``dry_run``)."""

    device: Path
    """The device's root folder (the one holding ``GARMIN``)."""
    target: Path
    """The folder files go into (``GARMIN/NewFiles``)."""
    actions: tuple[InstallAction, ...]
    """One entry per file, in file-name order."""
    dry_run: bool
    """True when nothing was written."""
    recognised: bool
    """False when the folder was not a recognised Garmin device and ``force`` was used."""

    def count(self, action: Action) -> int:
        return sum(1 for a in self.actions if a.action is action)


def _has_garmin_folder(root: Path) -> bool:
    garmin = root / "GARMIN"
    return garmin.is_dir() and any((garmin / m).exists() for m in _MARKERS)


def find_garmin_root(path: str | os.PathLike[str]) -> Path | None:
    """The device root for ``path``: the path itself, or its parent when ``path`` is the
    ``GARMIN`` folder or ``GARMIN/NewFiles``. None when it does not look like a Garmin device."""
    p = Path(path)
    for candidate in (p, p.parent, p.parent.parent):
        if _has_garmin_folder(candidate):
            if candidate == p or p in (candidate / "GARMIN", candidate / "GARMIN" / "NewFiles"):
                return candidate
    return None


def is_garmin_device(path: str | os.PathLike[str]) -> bool:
    """True when ``path`` holds a ``GARMIN`` folder with ``GarminDevice.xml``, ``NewFiles`` or
    another folder a Garmin watch keeps there."""
    return find_garmin_root(path) is not None


def fit_files_in(outdir: str | os.PathLike[str], *, schedule: str | None = None) -> list[Path]:
    """Every ``.fit`` file under ``outdir`` (workouts and the schedule), sorted by path.

    Hidden files and folders (a build's temporary folder) are skipped. A build split with
    ``--schedule-weeks`` writes several ``schedule*.fit`` files, meant to be copied one at a time:
    then ``schedule`` names the one to take (the others are left out), and without it several
    schedule files are an error rather than a surprise.

    Raises :class:`~paceplan.errors.OutputError` when the folder is missing or has no FIT files,
    and :class:`~paceplan.errors.PlanValueError` when two files share a name (the watch folder is
    flat, so one would replace the other) or the schedule choice is missing or unknown.
    """
    root = Path(outdir)
    if not root.is_dir():
        raise OutputError(f"output folder {str(root)!r} does not exist",
                          hint="build the plan first: paceplan build PLAN -o OUTDIR")
    files = sorted(p for p in root.rglob("*.[fF][iI][tT]") if p.is_file()
                   and not any(part.startswith(".") for part in p.relative_to(root).parts))
    if not files:
        raise OutputError(f"no .fit files in {str(root)!r}",
                          hint="build the plan first: paceplan build PLAN -o OUTDIR")
    schedules = [f for f in files if f.name.lower().startswith("schedule")]
    names = ", ".join(f.name for f in schedules)
    if schedule is not None:
        chosen = [f for f in schedules if f.name.lower() in (schedule.lower(), schedule.lower() + ".fit")]
        if not chosen:
            raise PlanValueError(f"no schedule file {schedule!r} in {str(root)!r}",
                                 hint=f"schedule files there: {names}" if names else "the build wrote no schedule")
        files = [f for f in files if f not in schedules or f in chosen]
    elif len(schedules) > 1:
        raise PlanValueError(
            f"{str(root)!r} holds {len(schedules)} schedule files ({names}); copy one at a time",
            hint=f"pick one with --schedule {schedules[0].name} (the watch keeps about four weeks), "
                 "and install the next one later")
    seen: dict[str, Path] = {}
    for f in files:
        other = seen.get(f.name.lower())
        if other is not None:
            raise PlanValueError(f"two FIT files are both called {f.name!r}: {other} and {f}",
                                 hint="the watch folder is flat; rename one of them")
        seen[f.name.lower()] = f
    return files


def install_files(files: Iterable[str | os.PathLike[str]], device: str | os.PathLike[str], *,
                  dry_run: bool = False, force: bool = False, overwrite: bool = False) -> InstallReport:
    """Copy FIT ``files`` into ``GARMIN/NewFiles`` of the watch mounted at ``device``.

    - ``device`` may be the drive's root, its ``GARMIN`` folder or ``GARMIN/NewFiles``; a folder
      without a recognisable ``GARMIN`` folder raises :class:`~paceplan.errors.OutputError`
      unless ``force`` (then ``GARMIN/NewFiles`` is created under it).
    - A file already there with the same bytes is skipped; with different bytes the whole
      install is refused (nothing copied) unless ``overwrite``.
    - ``dry_run`` checks everything and reports the same actions without writing.
    """
    dev = Path(device)
    if not dev.is_dir():
        raise OutputError(f"device folder {str(dev)!r} does not exist",
                          hint="plug the watch in and give the folder where it is mounted")
    root = find_garmin_root(dev)
    recognised = root is not None
    if root is None:
        if not force:
            raise OutputError(
                f"{str(dev)!r} does not look like a Garmin device (no GARMIN folder with "
                "GarminDevice.xml or NewFiles)",
                hint="give the folder where the watch is mounted, or --force to copy into "
                     "GARMIN/NewFiles under this folder anyway")
        root = dev
    target = root / "GARMIN" / "NewFiles"

    sources = [Path(f) for f in files]
    names: dict[str, Path] = {}
    for src in sources:
        if not src.is_file():
            raise OutputError(f"{str(src)!r} is not a file")
        if src.name.lower() in names:
            raise PlanValueError(f"two files are both called {src.name!r}",
                                 hint="the watch folder is flat; rename one of them")
        names[src.name.lower()] = src

    # Plan every action first, so a refusal copies nothing.
    planned: list[tuple[InstallAction, bytes]] = []
    conflicts: list[str] = []
    for src in sorted(sources, key=lambda p: p.name):
        data = src.read_bytes()
        dest = target / src.name
        if dest.exists():
            if dest.is_file() and dest.read_bytes() == data:
                action = Action.SKIP_IDENTICAL
            elif overwrite and dest.is_file():
                action = Action.OVERWRITE
            else:
                conflicts.append(src.name)
                continue
        else:
            action = Action.COPY
        planned.append((InstallAction(source=src, dest=dest, action=action), data))
    if conflicts:
        listed = ", ".join(conflicts[:5]) + (f" and {len(conflicts) - 5} more" if len(conflicts) > 5 else "")
        raise OutputError(
            f"{len(conflicts)} file(s) already on the watch differ from the new ones: {listed}",
            hint="nothing was copied; pass --overwrite to replace them")

    if not dry_run:
        try:
            target.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise OutputError(f"cannot create {str(target)!r}: {exc.strerror or exc}",
                              hint="check that the watch is mounted read-write") from exc
        for act, data in planned:
            if act.action is not Action.SKIP_IDENTICAL:
                atomic_write_bytes(act.dest, data)
    return InstallReport(device=root, target=target, actions=tuple(a for a, _ in planned),
                         dry_run=dry_run, recognised=recognised)
