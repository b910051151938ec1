"""`-o` into a folder that already holds the user's own files (issue 21 item 6): a file paceplan
did not write (no manifest lists it) is never replaced; the build writes nothing and says why."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from paceplan.cli import main
from paceplan.errors import OutputError
from paceplan.output_dir import MANIFEST, write_outputs


def test_a_file_paceplan_did_not_write_is_never_replaced(tmp_path: Path) -> None:
    (tmp_path / "plan.ics").write_bytes(b"the user's own calendar")
    with pytest.raises(OutputError, match="refusing to replace 'plan.ics'") as info:
        write_outputs({"plan.ics": b"new", "fit/a.fit": b"x"}, tmp_path)
    assert info.value.errors[0].code == "not-ours"
    assert (tmp_path / "plan.ics").read_bytes() == b"the user's own calendar"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.ics"]  # nothing else, no temp folder


def test_files_of_an_earlier_build_are_still_replaced_and_other_files_left_alone(tmp_path: Path) -> None:
    write_outputs({"plan.ics": b"one"}, tmp_path)
    (tmp_path / "notes.txt").write_text("mine")
    write_outputs({"plan.ics": b"two"}, tmp_path)
    assert (tmp_path / "plan.ics").read_bytes() == b"two"
    assert (tmp_path / "notes.txt").read_text() == "mine" and (tmp_path / MANIFEST).exists()


def test_cli_build_into_a_folder_with_the_users_file_exits_1_and_keeps_it(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    (out / "plan.html").write_text("my page")
    result = CliRunner().invoke(main, ["build", "-o", str(out), "--start", "2027-01-04"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "refusing to replace 'plan.html'" in result.output
    assert (out / "plan.html").read_text() == "my page"
    assert sorted(p.name for p in out.iterdir()) == ["plan.html"]
