"""The paces package keeps a deliberate, sorted public API and stays free of the CLI."""

from __future__ import annotations

import subprocess
import sys

import paceplan.paces as paces


def test_all_is_sorted_and_exported() -> None:
    assert list(paces.__all__) == sorted(paces.__all__)
    for name in paces.__all__:
        assert hasattr(paces, name), name


def test_paces_does_not_import_click_or_writers() -> None:
    code = ("import sys, paceplan.paces, paceplan.passes.resolve; "
            "bad = [m for m in sys.modules if m == 'click' or m.startswith(('paceplan.cli', "
            "'paceplan.writers', 'paceplan.readers', 'fit_tool'))]; print(bad)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
