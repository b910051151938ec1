"""Paths that are not plain files (issue 20 item 3, issue 21 item 5): a FIFO, a device, a folder
or a huge sparse file given as a plan, roster, activity, push JSON or found as a manifest gets a
clear error before anything is read; nothing hangs, nothing fills memory."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner

from paceplan.cli import main
from paceplan.connect.folder import load_garmin_workout
from paceplan.errors import PlanError
from paceplan.input_file import read_input_file
from paceplan.output_dir import MANIFEST, write_outputs
from paceplan.readers.plan import read_plan
from paceplan.roster import read_roster

needs_fifo = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")


def _fifo(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    os.mkfifo(path)
    return path


READERS: dict[str, Callable[[Path], object]] = {
    "plan": read_plan, "roster": read_roster, "push json": load_garmin_workout,
}


@needs_fifo
@pytest.mark.parametrize("reader", READERS.values(), ids=list(READERS))
def test_a_fifo_is_refused_without_opening_it(tmp_path: Path, reader: Callable[[Path], object]) -> None:
    with pytest.raises(PlanError, match=r"is a pipe \(FIFO\), not a file"):
        reader(_fifo(tmp_path, "in.yaml"))  # open() would block here until a writer came


@pytest.mark.parametrize("reader", READERS.values(), ids=list(READERS))
def test_a_device_and_a_folder_are_refused(tmp_path: Path, reader: Callable[[Path], object]) -> None:
    if Path("/dev/zero").exists():
        with pytest.raises(PlanError, match="is a device, not a file"):
            reader(Path("/dev/zero"))
    with pytest.raises(PlanError, match="is a folder, not a file"):
        reader(tmp_path)


@pytest.mark.parametrize("reader", READERS.values(), ids=list(READERS))
def test_a_huge_sparse_file_is_refused_by_its_size(tmp_path: Path, reader: Callable[[Path], object]) -> None:
    big = tmp_path / "big"
    with open(big, "wb") as fh:
        fh.truncate(1 << 34)  # 16 GiB, no disk used
    with pytest.raises(PlanError, match=f"is {1 << 34} bytes"):
        reader(big)


@needs_fifo
def test_compare_with_a_fifo_as_the_activity_exits_1(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["compare", str(_fifo(tmp_path, "run.gpx")), "--workout", "6 x 400m"])
    assert result.exit_code == 1 and "pipe (FIFO)" in result.output and "Traceback" not in result.output


@needs_fifo
def test_a_fifo_as_the_manifest_is_never_opened(tmp_path: Path) -> None:
    _fifo(tmp_path, MANIFEST)
    (tmp_path / "mine.txt").write_text("mine")
    write_outputs({"a.ics": b"x"}, tmp_path)  # would hang reading the FIFO
    assert json.loads((tmp_path / MANIFEST).read_text())["files"] == ["a.ics"]
    assert (tmp_path / "mine.txt").read_text() == "mine"


def test_deeply_nested_push_json_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "w.json"
    path.write_text("[" * 200_000 + "]" * 200_000)
    with pytest.raises(PlanError, match="nested too deeply"):
        load_garmin_workout(path)


def test_a_regular_file_reads_whole_and_one_past_the_limit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "f"
    path.write_bytes(b"12345")
    assert read_input_file(path, limit=5, what="f", code="c", too_big="big") == b"12345"
    with pytest.raises(PlanError) as info:
        read_input_file(path, limit=4, what="f", code="c", too_big="big")
    assert info.value.errors[0].code == "big"
