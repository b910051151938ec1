"""Read one input file (a plan, roster, activity, manifest or push JSON) without trusting it.

The path is looked at with ``stat`` before it is opened: a folder, a FIFO (``open`` blocks until
someone writes), a device (``/dev/zero`` never ends) or a socket is refused with a clear error,
and so is a file whose size is over the caller's limit (a huge sparse file costs nothing to make).
Reading stops one byte past the limit, so a file growing under us is refused too.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import PlanValueError

__all__ = ["read_input_file"]


def read_input_file(path: str | os.PathLike[str], *, limit: int, what: str, code: str, too_big: str,
                    hint: str | None = None, size_hint: str | None = None) -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    ``what`` names the file in messages (``plan file``, ``roster``); every problem raises
    :class:`~paceplan.errors.PlanValueError` with ``code``, or ``too_big`` (and ``size_hint``)
    for the size.
    """
    p = Path(path)
    try:
        info = p.stat()
    except OSError as exc:
        raise PlanValueError(f"cannot read {what} {str(p)!r}: {exc.strerror or exc}", hint=hint,
                             code=code) from None
    kind = _kind(info.st_mode)
    if kind is not None:
        raise PlanValueError(f"{what} {str(p)!r} is {kind}, not a file", hint=hint, code=code)
    if info.st_size > limit:
        raise PlanValueError(f"{what} {str(p)!r} is {info.st_size} bytes: too large (at most {limit} are read)",
                             hint=size_hint, code=too_big)
    try:
        with open(p, "rb") as fh:
            data = fh.read(limit + 1)
    except OSError as exc:
        raise PlanValueError(f"cannot read {what} {str(p)!r}: {exc.strerror or exc}", hint=hint,
                             code=code) from None
    if len(data) > limit:
        raise PlanValueError(f"{what} {str(p)!r} is over {limit} bytes: too large", hint=size_hint, code=too_big)
    return data


def _kind(mode: int) -> str | None:
    """What a path that is not a regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"
