"""The package type-checks: ``mypy`` with the ``[tool.mypy]`` configuration in pyproject.toml.

Runs mypy in a subprocess (the interpreter running pytest, so the project's venv) from the
repository root, the way a developer would: ``python -m mypy``. mypy keeps its incremental cache
in ``.mypy_cache/`` (gitignored; set ``MYPY_CACHE_DIR`` to move it), so a warm run takes well
under a second. Without mypy installed the test skips, except in CI (``CI=true``), where a
missing checker must not pass silently.
"""

from __future__ import annotations

import importlib.util
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = ROOT / "pyproject.toml"


def _require_mypy() -> None:
    if importlib.util.find_spec("mypy") is not None:
        return
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail("mypy is not installed but CI=true: install the test extra (pip install -e '.[test]')")
    pytest.skip("mypy is not installed (pip install -e '.[test]' to run the type check)")


def test_pyproject_configures_mypy() -> None:
    text = PYPROJECT.read_text(encoding="utf-8")
    assert "[tool.mypy]" in text
    assert 'files = ["src/paceplan"]' in text


def test_mypy_passes() -> None:
    _require_mypy()
    proc = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(PYPROJECT)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
        env={**os.environ, "MYPY_FORCE_COLOR": "0", "NO_COLOR": "1"},
    )
    output = (proc.stdout + proc.stderr).strip()
    assert proc.returncode == 0, f"mypy failed (exit {proc.returncode}):\n{output}"
    assert "Success" in output, output
