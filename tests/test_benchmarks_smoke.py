"""The benchmark script runs (its quick FIT section) and writes its JSON. No timing is asserted:
benchmarks never fail a test run on a number."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_benchmark_script_runs_its_quick_fit_section(tmp_path: Path) -> None:
    out = tmp_path / "bench.json"
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--quick", "--only", "fit",
                           "--json", str(out)], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "one 20-step workout to FIT bytes" in proc.stdout
    data = json.loads(out.read_text(encoding="utf-8"))
    fit = data["fit"]
    assert fit["workout_steps"] == 20
    assert fit["byte_identical_to_fit_tool_engine"] is True
    assert {"paceplan", "paceplan (fit-tool engine)"} <= set(fit["results"])
    for name, row in fit["results"].items():
        assert row["steps"] == 20, name  # every encoder's file decodes to the same 20 steps
        assert row["median_ms"] > 0
    # Peers that are not installed are listed, never fatal.
    assert set(fit["results"]) | set(fit["missing"]) >= {"pace2fit", "fit-tool (documented)", "garmin-fit-sdk Encoder"}
    assert set(data) >= {"machine", "fit"} and "build" not in data


def test_unknown_section_is_a_usage_error() -> None:
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run.py"), "--only", "nope"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "unknown section" in proc.stderr
