from __future__ import annotations

import os
from pathlib import Path

import pytest

from paceplan.atomic import atomic_write_bytes, atomic_write_text
from paceplan.errors import OutputError


def test_writes_and_replaces(tmp_path: Path) -> None:
    target = tmp_path / "a.fit"
    atomic_write_bytes(target, b"one")
    atomic_write_bytes(target, b"two")
    assert target.read_bytes() == b"two"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.fit"]


def test_crlf_text(tmp_path: Path) -> None:
    atomic_write_text(tmp_path / "p.ics", "A\nB\n", newline="\r\n")
    assert (tmp_path / "p.ics").read_bytes() == b"A\r\nB\r\n"


def test_missing_folder_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError, match="does not exist"):
        atomic_write_bytes(tmp_path / "nope" / "a.fit", b"x")


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write into read-only folders")
def test_read_only_folder_is_a_clear_error(tmp_path: Path) -> None:
    tmp_path.chmod(0o500)
    try:
        with pytest.raises(OutputError, match="cannot write"):
            atomic_write_bytes(tmp_path / "a.fit", b"x")
    finally:
        tmp_path.chmod(0o700)


def test_failure_mid_write_keeps_the_old_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "a.fit"
    target.write_bytes(b"old")

    def boom(*args: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", boom)
    with pytest.raises(OutputError, match="No space left"):
        atomic_write_bytes(target, b"new")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.fit"]
