"""Inputs that made a regex backtrack for minutes (issue 21 item 4). Each runs in a subprocess
with a generous time-out: linear code finishes in well under a second, the old patterns took
minutes (quadratic) or hours (cubic) on these sizes. Not a timing assertion: a hang guard."""

from __future__ import annotations

import subprocess
import sys

import pytest

CASES = {
    "csv week cell of spaces": (
        "from paceplan.readers.plan import read_plan_text\n"
        "try: read_plan_text('week,mon\\n' + ' ' * 20000 + 'x,45 min easy\\n', name='p.csv')\n"
        "except Exception as exc: print(type(exc).__name__)\n"),
    "csv week cell w + spaces": (
        "from paceplan.readers.plan import _week_label\n"
        "assert _week_label('w' + ' ' * 50000 + '.' + ' ' * 40000 + 'x') is None\n"
        "assert _week_label('Wk. 3') == 3\n"),
    "intervals.icu line of digits": (
        "from paceplan.readers.intervals_icu import read_intervals_icu\n"
        "for text in ('1' * 99999, '1 ' * 49999, 'a1' * 49999 + 'x'):\n"
        "    try: read_intervals_icu(text)\n"
        "    except Exception as exc: print(type(exc).__name__)\n"),
}


@pytest.mark.parametrize("code", CASES.values(), ids=list(CASES))
def test_hostile_text_is_read_in_linear_time(code: str) -> None:
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr


def test_repeat_headers_still_read_their_names() -> None:
    from paceplan.readers.intervals_icu import read_intervals_icu
    block = read_intervals_icu("Main set 3x\n- 400mtr\n- 200mtr\n").steps[0]
    assert block.count == 3 and block.name == "Main set"  # type: ignore[union-attr]
    assert read_intervals_icu("4x\n- 1km\n").steps[0].name is None  # type: ignore[union-attr]
