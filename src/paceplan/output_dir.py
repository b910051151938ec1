"""Writing a build's files into the output folder safely.

- everything is first written into a temporary folder *inside* the output folder, then each file
  is moved into place with :func:`os.replace` (atomic per file). A build that fails before that
  point leaves the previous outputs untouched;
- relative paths are checked (safe characters only, no ``..``, nothing resolving outside the
  output folder, no writing through symlinked folders);
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

from .errors import OutputError

__all__ = ["MANIFEST", "write_outputs"]

MANIFEST = ".paceplan-manifest.json"


_SAFE_PART = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,120}$")


def _check_relative(rel: str) -> tuple[str, ...]:
    parts = tuple(rel.split("/"))
    if not 1 <= len(parts) <= 3 or any(not _SAFE_PART.match(p) or p.endswith(".") for p in parts):
        raise OutputError(f"refusing to write {rel!r}: output names use letters, digits, '.', '_' and '-' only",
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
        # 3. Move into place (os.replace is atomic per file).
        for rel in names:
            parts = _check_relative(rel)
            dest = out.joinpath(*parts)
            dest.parent.mkdir(parents=True, exist_ok=True)
            os.replace(tmp.joinpath(*parts), dest)
        os.replace(tmp / MANIFEST, out / MANIFEST)
        removed = []
        for rel in sorted(set(manifest_old) - set(names)):
            try:
                parts = _check_relative(rel)
            except OutputError:
                continue
            old = out.joinpath(*parts)
            if old.is_file() and not old.is_symlink() and _inside(old.parent, root):
                old.unlink()
                removed.append(rel)
    except OSError as exc:
        if isinstance(exc, OutputError):
            raise
        raise OutputError(f"cannot write in {str(out)!r}: {exc.strerror or exc}") from exc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return tuple(names), tuple(removed)


def _read_manifest(out: Path) -> list[str]:
    try:
        data = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    files = data.get("files") if isinstance(data, dict) else None
    return [f for f in files if isinstance(f, str)] if isinstance(files, list) else []


