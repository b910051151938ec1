"""Writing a build's files into the output folder safely.

- everything is first written into a temporary folder *inside* the output folder, then each file
  is moved into place with :func:`os.replace` (atomic per file). A build that fails before that
  point leaves the previous outputs untouched; one that fails or is interrupted (Ctrl-C) while
  moving puts back every file it replaced or removed (each was kept in the temporary folder
  first), so the folder holds either the whole new build or the whole previous one. The
  temporary folder is always removed (only a hard kill can leave a ``.paceplan-build-*`` folder);
- relative paths are checked (safe characters only, no ``..``, no name Windows reserves for a
  device such as ``CON`` or ``nul.ics``, nothing resolving outside the output folder, no writing
  through symlinked folders);
- a manifest (``.paceplan-manifest.json``) lists what the build wrote, so the next build removes
  files it wrote before and no longer writes (a renamed workout never lingers to be copied onto a
  watch) and never touches anything else.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path

from .errors import OutputError, PlanError
from .input_file import read_input_file

__all__ = ["MANIFEST", "RESERVED_NAMES", "is_reserved_name", "write_outputs"]

MANIFEST = ".paceplan-manifest.json"


RESERVED_NAMES = frozenset({"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)),
                            *(f"lpt{i}" for i in range(10))})
"""Device names Windows reserves in every folder, with any extension (``nul.ics`` is the null
device there): never written as a file name."""


def is_reserved_name(name: str) -> bool:
    """True for a name Windows keeps for a device (``CON``, ``nul.ics``, ``Com1.fit``: the part
    before the first dot, any case, trailing blanks ignored)."""
    return name.split(".", 1)[0].rstrip(" ").lower() in RESERVED_NAMES


_SAFE_PART = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,120}\Z")


def _check_relative(rel: str) -> tuple[str, ...]:
    parts = tuple(rel.split("/"))
    if not 1 <= len(parts) <= 3 or any(not _SAFE_PART.match(p) or p.endswith(".") for p in parts):
        raise OutputError(f"refusing to write {rel!r}: output names use letters, digits, '.', '_' and '-' only",
                          code="unsafe-name")
    if any(is_reserved_name(p) for p in parts):
        raise OutputError(f"refusing to write {rel!r}: Windows reserves that name for a device",
                          code="unsafe-name")
    return parts


def _inside(path: Path, root: Path) -> bool:
    try:
        path.resolve().relative_to(root)
        return True
    except ValueError:
        return False


def write_outputs(files: Mapping[str, bytes], out_dir: str | os.PathLike[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """Write ``files`` into ``out_dir`` (created if missing) safely; see the module docs.

    Returns (written, removed) relative paths, sorted.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise OutputError(f"{str(out)!r} is a file, not a folder", hint="choose another folder with -o")
    for rel in files:
        _check_relative(rel)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise OutputError(f"cannot create the output folder {str(out)!r}: {exc.strerror or exc}",
                          hint="choose another folder with -o") from None
    root = out.resolve()
    try:
        tmp = Path(tempfile.mkdtemp(prefix=".paceplan-build-", dir=out))
    except OSError as exc:
        raise OutputError(f"cannot write in {str(out)!r}: {exc.strerror or exc}",
                          hint="check that the folder is writable") from None
    try:
        # 1. Everything into the temporary folder: a failure here changes nothing visible.
        for rel, data in files.items():
            target = tmp.joinpath(*_check_relative(rel))
            target.parent.mkdir(parents=True, exist_ok=True)
            with open(target, "wb") as fh:
                fh.write(data)
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(target, 0o644)
        manifest_old = _read_manifest(out)
        previous = set(manifest_old)
        names = sorted(files)
        manifest_data = (json.dumps({"written_by": "paceplan", "files": names}, indent=1) + "\n").encode()
        (tmp / MANIFEST).write_bytes(manifest_data)
        # 2. Check every destination before moving anything.
        for rel in names:
            dest = out.joinpath(*_check_relative(rel))
            if dest.parent.exists() and (dest.parent.is_symlink() or not _inside(dest.parent, root)):
                raise OutputError(f"refusing to write {rel!r}: its folder leads outside {str(out)!r}",
                                  code="unsafe-path")
            if dest.is_dir():
                raise OutputError(f"cannot write {rel!r}: a folder of that name is in the way")
            if (dest.is_symlink() or dest.exists()) and rel not in previous:
                # Only files an earlier build listed in its manifest are replaced: the user's own
                # file of the same name in a folder given with -o is never overwritten.
                raise OutputError(f"refusing to replace {rel!r} in {str(out)!r}: paceplan did not write it",
                                  hint="choose an empty or new folder with -o, or move that file away",
                                  code="not-ours")
        # 3. Move into place (os.replace is atomic per file), keeping a way back: every file
        # replaced or removed is first kept in the temporary folder, and any failure or
        # interruption (KeyboardInterrupt included) puts the previous outputs back.
        removed = _commit(tmp, out, root, names, manifest_old)
    except OSError as exc:
        if isinstance(exc, OutputError):
            raise
        raise OutputError(f"cannot write in {str(out)!r}: {exc.strerror or exc}") from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return tuple(names), tuple(removed)


def _keep(path: Path, backup: Path) -> None:
    """Keep the file at ``path`` as ``backup`` without disturbing ``path`` (a hard link where the
    file system has them, else a copy)."""
    try:
        os.link(path, backup, follow_symlinks=False)
    except (OSError, NotImplementedError):  # FAT/exFAT drives; platforms without the flag
        shutil.copy2(path, backup, follow_symlinks=False)


def _commit(tmp: Path, out: Path, root: Path, names: list[str], manifest_old: list[str]) -> list[str]:
    """Move the new files from ``tmp`` into ``out`` and remove stale ones, all or nothing."""
    backups = tmp / ".previous"
    backups.mkdir()
    journal: list[tuple[Path, Path | None]] = []  # (destination, its previous content or None)
    made: list[Path] = []  # folders this build created, removed again on the way back
    removed: list[str] = []
    try:
        for rel in [*names, MANIFEST]:
            parts = _check_relative(rel) if rel != MANIFEST else (MANIFEST,)
            dest = out.joinpath(*parts)
            for folder in reversed(dest.parents[:len(parts) - 1]):
                if not folder.exists():
                    folder.mkdir()
                    made.append(folder)
            backup = None
            if dest.is_symlink() or dest.exists():
                backup = backups / str(len(journal))
                _keep(dest, backup)
            journal.append((dest, backup))
            os.replace(tmp.joinpath(*parts), dest)
        for rel in sorted(set(manifest_old) - set(names)):
            try:
                parts = _check_relative(rel)
            except OutputError:
                continue
            old = out.joinpath(*parts)
            if old.is_file() and not old.is_symlink() and _inside(old.parent, root):
                backup = backups / str(len(journal))
                os.replace(old, backup)
                journal.append((old, backup))
                removed.append(rel)
    except BaseException:
        for dest, backup in reversed(journal):
            try:
                if backup is None:
                    dest.unlink(missing_ok=True)
                elif backup.exists() or backup.is_symlink():
                    os.replace(backup, dest)
            except OSError:
                pass  # best effort: the error being raised says what went wrong
        for folder in reversed(made):
            try:
                folder.rmdir()
            except OSError:
                pass
        raise
    return removed


MAX_MANIFEST_BYTES = 4 * 1024 * 1024
"""A manifest lists a few hundred names; a bigger one is not paceplan's."""


def _read_manifest(out: Path) -> list[str]:
    """The names an earlier build listed; none when the manifest is missing or not a plain JSON
    file of ours (a FIFO or a device would hang or never end, so it is never opened)."""
    try:
        data = json.loads(read_input_file(out / MANIFEST, limit=MAX_MANIFEST_BYTES, what="manifest",
                                          code="manifest", too_big="manifest").decode("utf-8"))
    except (PlanError, ValueError, RecursionError):
        return []
    files = data.get("files") if isinstance(data, dict) else None
    return [f for f in files if isinstance(f, str)] if isinstance(files, list) else []


