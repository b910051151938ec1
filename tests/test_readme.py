"""The README's commands and code run as written, so the documentation cannot rot.

- The two set-up commands at the top must be exactly what CI runs (`.ci/run`).
- Every ``$ paceplan ...`` line in a ``console`` block runs through the CLI from the repository
  root; when the block shows output, stdout+stderr must equal it.
- Every ``python`` block runs in a temporary folder.
- Every ``paceplan`` command named in a ``sh`` block or as a usage line parses (``--help``).
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from paceplan.cli import main

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
BLOCKS = re.findall(r"```(\w*)\n(.*?)```", README, re.S)


def _console_blocks() -> list[tuple[str, str]]:
    out = []
    for lang, body in BLOCKS:
        if lang != "console":
            continue
        lines = body.rstrip("\n").split("\n")
        assert lines[0].startswith("$ paceplan "), lines[0]
        out.append((lines[0][2:], "\n".join(lines[1:])))
    return out


def test_the_two_commands_match_ci() -> None:
    first = next(body for lang, body in BLOCKS if lang == "sh").strip().splitlines()
    assert len(first) == 2
    setup, tests = first
    assert setup.startswith("python3 -m venv .venv && .venv/bin/pip install -e . && .venv/bin/paceplan build")
    assert tests == "python3 -m venv .venv && .venv/bin/pip install -e '.[test]' && .venv/bin/python -m pytest -q"
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m venv .venv" in ci
    assert "pip install -q -e '.[test]'" in ci
    assert ci.rstrip().endswith(".venv/bin/python -m pytest -q")


def test_main_job_command_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "--race", "mile=6:00"], prog_name="paceplan")
    assert result.exit_code == 0, result.output
    out = tmp_path / "paceplan-out"
    for name in ("fit/w1-wed-6x400m.fit", "fit/schedule.fit", "mile-8wk.ics", "plan.html"):
        assert (out / name).is_file(), name
    assert len(list((out / "fit").glob("w*.fit"))) == 40


@pytest.mark.parametrize(("command", "expected"), _console_blocks(), ids=lambda v: str(v)[:40])
def test_console_examples(command: str, expected: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    args = shlex.split(command)[1:]
    result = CliRunner().invoke(main, args, prog_name="paceplan")
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output
    if expected.strip():
        assert result.output.rstrip("\n") == expected.rstrip("\n")
    else:
        assert result.exit_code == 0, result.output


@pytest.mark.parametrize("code", [body for lang, body in BLOCKS if lang == "python"], ids=lambda c: c.splitlines()[0][:40])
def test_python_examples(code: str, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "400m-repeats.fit").is_file()


def _usage_commands() -> list[str]:
    found = set()
    for lang, body in BLOCKS:
        if lang not in ("", "sh"):
            continue
        for line in body.splitlines():
            m = re.match(r"\s*paceplan (\w+)", line)
            if m:
                found.add(m.group(1))
    return sorted(found)


@pytest.mark.parametrize("name", _usage_commands())
def test_documented_subcommands_exist(name: str) -> None:
    result = CliRunner().invoke(main, [name, "--help"], prog_name="paceplan")
    assert result.exit_code == 0, result.output
