"""A full build is byte-identical across runs, hash seeds, time zones and locales of the machine.

``paceplan build`` runs in fresh subprocesses (so ``PYTHONHASHSEED`` and ``TZ`` really differ)
with every output format, and the output trees are compared byte for byte. Nothing may depend on
dict or set order under hash randomisation, on the machine's local time, or on the clock.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).parent
PLANS = ROOT / "fixtures" / "plans"
FORMATS = "fit,ics,html,garmin-json,intervals"

# (PYTHONHASHSEED, TZ, locale): the first is the reference.
ENVIRONMENTS = [
    ("0", "UTC", "C.UTF-8"),
    ("1", "America/Los_Angeles", "C.UTF-8"),
    ("random", "Asia/Kolkata", "C"),
    ("random", "Pacific/Chatham", "POSIX"),
    ("4242", "Pacific/Kiritimati", "C.UTF-8"),
]

BUILDS = {
    "template": ["--start", "2026-03-02", "--race", "mile=6:00", "--time", "06:30", "--tz", "Europe/Berlin",
                 "--alarm", "-PT1H", "--schedule-weeks", "4"],
    "yaml-race-date": [str(PLANS / "mini.yaml"), "--race-date", "2026-03-14", "--warmup", "10"],
    "csv": [str(PLANS / "mini-semicolon.csv"), "--start", "2026-12-28", "--reps", "mid", "--athlete", "Ana"],
}


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _run_build(args: list[str], out: Path, hashseed: str, tz: str, locale: str) -> dict[str, bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "LANG", "LC_ALL", "LC_TIME")}
    env.update(PYTHONHASHSEED=hashseed, TZ=tz, LC_ALL=locale, LANG=locale)
    proc = subprocess.run([sys.executable, "-m", "paceplan", "build", *args, "--format", FORMATS, "-o", str(out)],
                          env=env, capture_output=True, text=True, encoding="utf-8", timeout=120)
    assert proc.returncode == 0, proc.stderr
    return _tree(out)


def _diff(a: dict[str, bytes], b: dict[str, bytes]) -> list[str]:
    return sorted(k for k in a.keys() | b.keys() if a.get(k) != b.get(k))


@pytest.mark.parametrize("build", sorted(BUILDS))
def test_build_is_byte_identical_across_hash_seeds_time_zones_and_locales(tmp_path: Path, build: str) -> None:
    args = BUILDS[build]
    envs = ENVIRONMENTS if build == "template" else ENVIRONMENTS[:1] + ENVIRONMENTS[3:4]
    reference = _run_build(args, tmp_path / "ref", *ENVIRONMENTS[0])
    assert any(k.endswith(".fit") for k in reference) and any(k.endswith(".ics") for k in reference)
    assert "plan.html" in reference and any(k.startswith("garmin-connect/") for k in reference)
    assert any(k.startswith("intervals/") for k in reference)
    for n, env in enumerate(envs[1:], start=1):
        got = _run_build(args, tmp_path / f"run{n}", *env)
        assert not _diff(reference, got), f"{env}: differs in {_diff(reference, got)}"


def test_rebuilding_into_the_same_folder_changes_no_byte(tmp_path: Path) -> None:
    """The same build twice into one folder: the second run rewrites identical files and removes
    nothing."""
    from paceplan.build import BuildOptions, build
    from paceplan.readers.plan import read_plan
    import datetime as dt

    opts = BuildOptions(formats=tuple(FORMATS.split(",")), start=dt.date(2026, 3, 2))
    first = build(read_plan(PLANS / "mini.yaml"), None, opts, out_dir=tmp_path / "out")
    before = _tree(tmp_path / "out")
    second = build(read_plan(PLANS / "mini.yaml"), None, opts, out_dir=tmp_path / "out")
    assert _tree(tmp_path / "out") == before
    assert first.files == second.files and second.removed == ()
