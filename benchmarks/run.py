#!/usr/bin/env python3
"""paceplan benchmarks: side by side with peers and baselines, in one run, on one machine.

    python benchmarks/run.py                  # everything (a few minutes on 2 cores)
    python benchmarks/run.py --quick          # smaller counts, fewer repeats (~30 s)
    python benchmarks/run.py --only fit       # one section: fit, notation, build, team (comma-separated)
    python benchmarks/run.py --json out.json  # also write the results as JSON

Sections (every number is a median over repeated runs; ratios are the point, not absolutes):

fit    one 20-step workout to FIT bytes by paceplan (``encode_workout``, cache off), by pace2fit
       (``pace2fit.encoder.encode``), by fit-tool's documented example path (message objects +
       ``FitFileBuilder``), by Garmin's ``garmin-fit-sdk`` ``Encoder`` writing the same messages;
       plus paceplan's own fit-tool engine (the oracle) for the before/after.
build  ``python -m paceplan build`` of the mile plan end to end, against the floor: a bare
       ``python -c pass`` and a Python that only imports the dependencies (fit_tool, icalendar,
       yaml, click, garmin_fit_sdk); ``paceplan --help`` and which heavy modules it loads.
team   ``paceplan build --roster`` for 10, 100 and 1000 athletes with 1 and 2 jobs: time, time
       per athlete, speed-up, cores used (CPU seconds / wall seconds) and peak RSS (the largest
       single process, from ``wait4``); and the FIT cache's effect on a roster whose athletes
       share race results.

Peers that are not installed are reported as missing, never fatal (``pip install pace2fit``).
Benchmarks never run as tests and never fail on a timing.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

PY = sys.executable
START = "2026-03-02"
T_CREATED = 1_767_225_600  # 2026-01-01T00:00:00Z
SERIAL = 0x12345678
DEPS = ("fit_tool", "icalendar", "yaml", "click", "garmin_fit_sdk")
HEAVY = ("fit_tool", "icalendar", "gpxpy", "garmin_fit_sdk", "yaml")


# --------------------------------------------------------------------------- timing helpers

def median_ms(fn: Callable[[], object], *, repeats: int, number: int) -> float:
    """Median over ``repeats`` batches of the mean time of ``number`` calls, in ms."""
    fn()  # warm-up: imports, caches
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        for _ in range(number):
            fn()
        times.append((time.perf_counter() - t0) / number)
    return statistics.median(times) * 1000


# A tiny launcher forks and execs the command and reports wall time, exit code and ru_maxrss
# from wait4: the peak RSS of the largest single process among the command and its reaped
# children (pool workers). Forking from this (big) benchmark process directly would count its
# pages in the child's peak; the launcher is a bare `python -S`.
_LAUNCHER = """\
import os, sys, time
t = time.perf_counter()
pid = os.fork()
if pid == 0:
    null = os.open(os.devnull, os.O_WRONLY)
    os.dup2(null, 1)
    os.dup2(null, 2)
    os.execv(sys.argv[1], sys.argv[1:])
_, status, usage = os.wait4(pid, 0)
print(time.perf_counter() - t, os.waitstatus_to_exitcode(status), usage.ru_maxrss,
      usage.ru_utime + usage.ru_stime)
"""


def run_process(cmd: list[str], *, cwd: Path | None = None, env: dict[str, str] | None = None) -> tuple[float, int, int]:
    """(seconds, exit code, peak RSS in KiB of the largest process among it and its reaped
    children) for one subprocess run; its CPU seconds are appended to :data:`_LAST_CPU`."""
    out = subprocess.run([PY, "-S", "-c", _LAUNCHER, *cmd], cwd=cwd, env=env, capture_output=True, text=True,
                         check=True)
    seconds, code, rss, cpu = out.stdout.split()
    _LAST_CPU.append(float(cpu))
    return float(seconds), int(code), int(rss)


_LAST_CPU: list[float] = []
"""CPU seconds (user + system, the command and its children) of every run, in order."""


def median_processes(cmds: dict[str, list[str]], *, repeats: int, warm: bool = True,
                     before: Callable[[str], None] | None = None, **kw: Any) -> dict[str, dict[str, Any]]:
    """Run every command ``repeats`` times, round robin (so a busy moment on a shared machine
    hits all of them alike), and give each one's median time and peak RSS."""
    if warm:
        for cmd in cmds.values():
            run_process(cmd, **kw)  # warm the page cache and the .pyc files
    runs: dict[str, list[tuple[float, int, int]]] = {name: [] for name in cmds}
    cpu: dict[str, list[float]] = {name: [] for name in cmds}
    for _ in range(repeats):
        for name, cmd in cmds.items():
            if before is not None:
                before(name)
            runs[name].append(run_process(cmd, **kw))
            cpu[name].append(_LAST_CPU[-1])
    # cores_used = CPU seconds / wall seconds: about 2 when two workers really run side by side.
    return {name: {"median_ms": statistics.median(t for t, _, _ in r) * 1000,
                   "peak_rss_kib": max(rss for _, _, rss in r), "runs": repeats,
                   "cores_used": statistics.median(c / t for c, (t, _, _) in zip(cpu[name], r)),
                   "exit_codes": sorted({code for _, code, _ in r})} for name, r in runs.items()}


_PYCACHE = Path(tempfile.gettempdir()) / "paceplan-bench-pycache"


def _env() -> dict[str, str]:
    """The environment of every timed subprocess: paceplan from this checkout, and bytecode
    caching on (in a private prefix, so the checkout stays clean), as in any installed Python.
    Without it (``PYTHONDONTWRITEBYTECODE=1``) every run recompiles paceplan from source and the
    build looks ~150 ms slower than it is, while the dependencies keep their installed .pyc."""
    env = dict(os.environ)
    env["PYTHONPATH"] = str(ROOT / "src") + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("SOURCE_DATE_EPOCH", None)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(_PYCACHE)
    return env


# --------------------------------------------------------------------------- (a) one workout

def twenty_step_workout() -> Any:
    """A realistic 20-message session: warm-up, five repeat blocks, steady running, cool-down."""
    from paceplan.model import LAP_BUTTON, Intensity, Repeat, Step, Workout
    from paceplan.units import Distance, Duration, PaceRange

    def work(length: Any, pace: str) -> Step:
        return Step(intensity=Intensity.INTERVAL, length=length, target=PaceRange.parse(pace))

    def jog(length: Any) -> Step:
        return Step(intensity=Intensity.RECOVERY, length=length)

    return Workout(name="20 steps", steps=(
        Step(intensity=Intensity.WARMUP, length=Duration.minutes(15)),
        Repeat(count=6, steps=(work(Distance(400), "4:00-4:10/km"), jog(Distance(200)))),
        Step(intensity=Intensity.ACTIVE, length=Duration.minutes(10), target=PaceRange.parse("4:30-4:40/km")),
        Repeat(count=4, steps=(work(Distance(800), "4:05-4:15/km"), jog(Distance(400)))),
        Repeat(count=3, steps=(work(Distance(1000), "4:10-4:20/km"),
                               Step(intensity=Intensity.REST, length=Duration.minutes(2)))),
        Step(intensity=Intensity.ACTIVE, length=Distance(2000), target=PaceRange.parse("4:40-4:50/km")),
        Repeat(count=8, steps=(work(Distance(200), "3:50-4:00/km"), jog(Distance(200)))),
        Repeat(count=2, steps=(work(Distance(1609.344), "4:15-4:25/km"), jog(Duration.minutes(3)))),
        Step(intensity=Intensity.RECOVERY, length=Duration.minutes(5)),
        Step(intensity=Intensity.COOLDOWN, length=LAP_BUTTON)))


def raw_messages(workout: Any) -> list[tuple[str, list[tuple[int, Any]]]]:
    """The exact raw messages paceplan writes for ``workout`` (what the peers are fed)."""
    from paceplan.writers import fit

    steps: list[Any] = []
    fit._flatten(workout.steps, steps)
    ident = fit.FitIdentity(serial=SERIAL, time_created=T_CREATED)
    return fit._workout_fields(workout, steps, ident)


_STEP_NAMES = {254: "message_index", 0: "wkt_step_name", 1: "duration_type", 2: "duration_value",
               3: "target_type", 4: "target_value", 5: "custom_target_value_low",
               6: "custom_target_value_high", 7: "intensity", 8: "notes"}


def garmin_encoder(messages: list[tuple[str, list[tuple[int, Any]]]]) -> Callable[[], bytes]:
    """Garmin's Encoder writing the same messages (raw main fields; reference section 11)."""
    from garmin_fit_sdk import Encoder, Profile

    nums = Profile["mesg_num"]
    wkt_names = {4: "sport", 6: "num_valid_steps", 8: "wkt_name", 11: "sub_sport", 17: "wkt_description"}
    fid_names = {0: "type", 1: "manufacturer", 2: "product", 3: "serial_number", 4: "time_created"}
    enums = {("file_id", 0): {5: "workout"}, ("workout", 4): {1: "running"}, ("workout", 11): {0: "generic"}}
    dur = {0: "time", 1: "distance", 5: "open", 6: "repeat_until_steps_cmplt"}
    tgt = {0: "speed", 2: "open"}
    inten = {0: "active", 1: "rest", 2: "warmup", 3: "cooldown", 4: "recovery", 5: "interval"}
    prepared: list[tuple[int, dict[str, Any]]] = []
    for kind, fields in messages:
        if kind == "file_id":
            prepared.append((nums["FILE_ID"], {fid_names[f]: enums.get((kind, f), {}).get(v, v) for f, v in fields}))
        elif kind == "workout":
            prepared.append((nums["WORKOUT"], {wkt_names[f]: enums.get((kind, f), {}).get(v, v) for f, v in fields}))
        else:
            values = {}
            for f, v in fields:
                name = _STEP_NAMES[f]
                values[name] = {1: dur, 3: tgt, 7: inten}.get(f, {}).get(v, v) if f in (1, 3, 7) else v
            prepared.append((nums["WORKOUT_STEP"], values))

    def encode() -> bytes:
        encoder = Encoder()
        for num, values in prepared:
            encoder.on_mesg(num, dict(values))
        return bytes(encoder.close())

    return encode


def fit_tool_documented(messages: list[tuple[str, list[tuple[int, Any]]]]) -> Callable[[], bytes]:
    """fit-tool's documented path (its example and README): message objects through their
    property setters, ``FitFileBuilder(auto_define=True)``, a 14-byte header, ``to_bytes``."""
    from fit_tool.fit_file_builder import FitFileBuilder
    from fit_tool.fit_file_header import FitFileHeader
    from fit_tool.profile.messages.file_id_message import FileIdMessage
    from fit_tool.profile.messages.workout_message import WorkoutMessage
    from fit_tool.profile.messages.workout_step_message import WorkoutStepMessage
    from fit_tool.profile.profile_type import (
        FileType,
        Intensity,
        Manufacturer,
        Sport,
        SubSport,
        WorkoutStepDuration,
        WorkoutStepTarget,
    )

    steps = [dict(fields) for kind, fields in messages if kind == "workout_step"]
    name = dict(messages[1][1])[8]

    def encode() -> bytes:
        fid = FileIdMessage()
        fid.type = FileType.WORKOUT
        fid.manufacturer = Manufacturer.DEVELOPMENT.value
        fid.product = 0
        fid.serial_number = SERIAL
        fid.time_created = T_CREATED * 1000  # fit-tool takes Unix ms
        wkt = WorkoutMessage()
        wkt.workout_name = name
        wkt.sport = Sport.RUNNING
        wkt.sub_sport = SubSport.GENERIC
        wkt.num_valid_steps = len(steps)
        out = []
        for raw in steps:
            s = WorkoutStepMessage()
            s.message_index = raw[254]
            if 0 in raw:
                s.workout_step_name = raw[0]
            kind = raw[1]
            if kind == 6:
                s.duration_type = WorkoutStepDuration.REPEAT_UNTIL_STEPS_CMPLT
                s.duration_step = raw[2]
                s.target_type = WorkoutStepTarget.OPEN
                s.target_repeat_steps = raw[4]
            else:
                s.intensity = Intensity(raw[7])
                if kind == 0:
                    s.duration_type = WorkoutStepDuration.TIME
                    s.duration_time = raw[2] / 1000
                elif kind == 1:
                    s.duration_type = WorkoutStepDuration.DISTANCE
                    s.duration_distance = raw[2] / 100
                else:
                    s.duration_type = WorkoutStepDuration.OPEN
                if raw[3] == 0:
                    s.target_type = WorkoutStepTarget.SPEED
                    s.target_value = 0
                    s.custom_target_speed_low = raw[5] / 1000
                    s.custom_target_speed_high = raw[6] / 1000
                else:
                    s.target_type = WorkoutStepTarget.OPEN
            out.append(s)
        builder = FitFileBuilder(auto_define=True, min_string_size=0)
        builder.add(fid)
        builder.add(wkt)
        builder.add_all(out)
        fit_file = builder.build()
        fit_file.header = FitFileHeader(records_size=fit_file.header.records_size, gen_crc=True)
        return bytes(fit_file.to_bytes())

    return encode


def pace2fit_encoder(workout: Any) -> Callable[[], bytes]:
    """pace2fit (PyPI, also on fit-tool) encoding the same session from its own model."""
    from pace2fit import encoder, model

    from paceplan.model import LapButton, Repeat
    from paceplan.units import Distance, Duration

    intensity = {"warmup": model.IntensityType.WARMUP, "cooldown": model.IntensityType.COOLDOWN,
                 "rest": model.IntensityType.REST, "recovery": model.IntensityType.RECOVERY}

    def step(s: Any) -> Any:
        if isinstance(s.length, Duration):
            kind, value = model.DurationType.TIME, s.length.seconds
        elif isinstance(s.length, Distance):
            kind, value = model.DurationType.DISTANCE, s.length.metres
        else:
            assert isinstance(s.length, LapButton)
            kind, value = model.DurationType.OPEN, None
        target = None
        if s.target is not None:
            target = model.PaceTarget(low=1000 / s.target.slow.seconds_per_km, high=1000 / s.target.fast.seconds_per_km)
        return model.WorkoutStep(duration_type=kind, duration_value=value, target=target,
                                 intensity=intensity.get(s.intensity.value, model.IntensityType.ACTIVE))

    steps = [model.RepeatStep(count=int(n.count), steps=[step(x) for x in n.steps])  # type: ignore[arg-type]
             if isinstance(n, Repeat) else step(n) for n in workout.steps]
    theirs = model.Workout(name=workout.name, steps=steps)
    return lambda: encoder.encode(theirs)


def _decoded_steps(data: bytes) -> int:
    from garmin_fit_sdk import Decoder, Stream

    messages, errors = Decoder(Stream.from_byte_array(bytearray(data))).read()
    if errors:
        raise RuntimeError(f"decoder errors: {errors}")
    return len(messages.get("workout_step_mesgs", []))


def bench_fit(quick: bool) -> dict[str, Any]:
    from paceplan.writers import fit, fit_records

    workout = twenty_step_workout()
    messages = raw_messages(workout)
    types = {"file_id": fit_records.FILE_ID, "workout": fit_records.WORKOUT, "workout_step": fit_records.WORKOUT_STEP}
    candidates: dict[str, Callable[[], Any]] = {
        "paceplan": lambda: fit.encode_workout(workout, serial=SERIAL, time_created=T_CREATED, cache=False).value,
        "paceplan (records only)": lambda: fit_records.encode_file([(types[k], f) for k, f in messages]),
        "paceplan (fit-tool engine)": lambda: fit.encode_workout(workout, serial=SERIAL, time_created=T_CREATED,
                                                                 engine="fit-tool", cache=False).value,
    }
    missing: dict[str, str] = {}
    for name, factory in (("pace2fit", lambda: pace2fit_encoder(workout)),
                          ("fit-tool (documented)", lambda: fit_tool_documented(messages)),
                          ("garmin-fit-sdk Encoder", lambda: garmin_encoder(messages))):
        try:
            candidates[name] = factory()
        except ImportError as exc:
            missing[name] = f"not installed ({exc.name})"
    repeats, number = (5, 10) if quick else (15, 30)
    results: dict[str, Any] = {}
    for name, fn in candidates.items():
        data = fn()
        results[name] = {"median_ms": median_ms(fn, repeats=repeats, number=number), "bytes": len(data),
                         "steps": _decoded_steps(data)}
    ours = results["paceplan"]["median_ms"]
    ratios = {}
    if "pace2fit" in results:
        ratios["pace2fit / paceplan (target >= 2)"] = results["pace2fit"]["median_ms"] / ours
    if "garmin-fit-sdk Encoder" in results:
        ratios["paceplan / garmin Encoder (target <= 2)"] = ours / results["garmin-fit-sdk Encoder"]["median_ms"]
    if "fit-tool (documented)" in results:
        ratios["fit-tool documented / paceplan"] = results["fit-tool (documented)"]["median_ms"] / ours
    ratios["paceplan fit-tool engine / paceplan"] = results["paceplan (fit-tool engine)"]["median_ms"] / ours
    same = fit.encode_workout(workout, serial=SERIAL, time_created=T_CREATED, cache=False).value == \
        fit.encode_workout(workout, serial=SERIAL, time_created=T_CREATED, cache=False, engine="fit-tool").value
    return {"workout_steps": len(messages) - 2, "results": results, "ratios": ratios, "missing": missing,
            "byte_identical_to_fit_tool_engine": same, "repeats": repeats, "calls_per_repeat": number}


# --------------------------------------------------------------------------- (n) notation

def mile_plan_cells() -> list[str]:
    """The text of every session of the shipped mile plan, as its cells say it."""
    from paceplan.readers.plan import read_plan
    from paceplan.templates import template_path

    plan = read_plan(template_path("mile-8wk")).plan
    cells: list[str] = []
    for week in plan.weeks:
        for day in week.days:
            cells += [session.text for session in day.sessions if session.text]
    return cells


def bench_notation(quick: bool) -> dict[str, Any]:
    """Reading the mile plan's cells, beside the floor of folding and tokenising them: the ratio
    says what the grammar costs on top of the lexer, on the same machine in the same run."""
    from paceplan.paces.refs import _parse_cached
    from paceplan.readers.notation import read_notation_result
    from paceplan.readers.notation.lexer import fold, tokenize

    cells = mile_plan_cells()

    def read_all() -> None:
        _parse_cached.cache_clear()  # every call pays for its pace labels, as a fresh process does
        for text in cells:
            read_notation_result(text)

    def lex_all() -> None:
        for text in cells:
            tokenize(fold(text))
    repeats, number = (5, 5) if quick else (15, 20)
    results = {"read_notation (every cell)": {"median_ms": median_ms(read_all, repeats=repeats, number=number)},
               "fold + tokenize only (floor)": {"median_ms": median_ms(lex_all, repeats=repeats, number=number)}}
    ratio = results["read_notation (every cell)"]["median_ms"] / results["fold + tokenize only (floor)"]["median_ms"]
    return {"cells": len(cells), "results": results, "ratios": {"read / tokenize floor": ratio},
            "repeats": repeats, "calls_per_repeat": number}


# --------------------------------------------------------------------------- (b) the mile plan

# The same build with os.fsync made a no-op: shows how much of the build is the disk flush
# that write_outputs does for every file (a diagnostic row, not a way to run paceplan).
_NO_FSYNC = ("import os, runpy, sys\nos.fsync = lambda fd: None\nsys.argv[0] = 'paceplan'\n"
             "runpy.run_module('paceplan', run_name='__main__')")


def bench_build(quick: bool) -> dict[str, Any]:
    env = _env()
    repeats = 5 if quick else 11
    tmp = Path(tempfile.mkdtemp(prefix="paceplan-bench-"))
    try:
        imports = "import " + ", ".join(DEPS)
        rows = median_processes({
            "python -c pass": [PY, "-c", "pass"],
            "import floor (" + ", ".join(DEPS) + ")": [PY, "-c", imports],
            "paceplan build (mile plan)": [PY, "-m", "paceplan", "build", "--race", "mile=6:00", "--start", START,
                                           "-o", str(tmp / "out")],
            "paceplan build, os.fsync stubbed (diagnostic)": [
                PY, "-c", _NO_FSYNC, "build", "--race", "mile=6:00", "--start", START, "-o", str(tmp / "out2")],
            "paceplan --help": [PY, "-m", "paceplan", "--help"],
        }, repeats=repeats, env=env)
        probe = ("import sys\nfrom paceplan.cli import main\n"
                 "try:\n    main(['--help'], prog_name='paceplan')\nexcept SystemExit:\n    pass\n"
                 f"print('LOADED:' + ','.join(m for m in {HEAVY!r} if m in sys.modules))\n")
        out = subprocess.run([PY, "-c", probe], capture_output=True, text=True, env=env, check=True)
        marker = out.stdout.rsplit("LOADED:", 1)[-1].strip()
        loaded = [m for m in marker.split(",") if m]
        files = sorted(p.relative_to(tmp / "out").as_posix() for p in (tmp / "out").rglob("*") if p.is_file())
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    floor = rows["import floor (" + ", ".join(DEPS) + ")"]["median_ms"]
    ratios = {"build / import floor (target <= 1.5)": rows["paceplan build (mile plan)"]["median_ms"] / floor,
              "build without fsync / import floor": rows["paceplan build, os.fsync stubbed (diagnostic)"]["median_ms"]
              / floor,
              "--help / python -c pass": rows["paceplan --help"]["median_ms"] / rows["python -c pass"]["median_ms"]}
    return {"results": rows, "ratios": ratios, "help_loads_heavy_modules": loaded, "files_written": len(files)}


# --------------------------------------------------------------------------- (c) team builds

def write_roster(path: Path, n: int, *, distinct: bool = True) -> None:
    """``n`` athletes with mile times from 5:00 to 7:59 (180 different results when ``distinct``;
    else cycling through five results, as a squad of similar runners)."""
    lines = ["name,race"]
    for i in range(n):
        seconds = 300 + (i * 37) % 180 if distinct else 330 + 15 * (i % 5)
        lines.append(f"Athlete {i + 1:04d},mile={seconds // 60}:{seconds % 60:02d}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def bench_team(quick: bool) -> dict[str, Any]:
    env = _env()
    sizes = (10, 40) if quick else (10, 100, 1000)
    tmp = Path(tempfile.mkdtemp(prefix="paceplan-bench-team-"))
    rows: dict[str, Any] = {}
    try:
        for n in sizes:
            roster = tmp / f"roster-{n}.csv"
            write_roster(roster, n)
            cmds = {f"{n} athletes, {jobs} job{'s' if jobs > 1 else ''}": [
                PY, "-m", "paceplan", "build", "--roster", str(roster), "--start", START, "-o", str(tmp / f"out-{jobs}"),
                "--jobs", str(jobs), "--quiet"] for jobs in (1, 2)}
            # Every run starts from an empty folder; the 2-job run follows the 1-job run at once.
            def clean(_name: str, tmp: Path = tmp) -> None:
                for j in (1, 2):
                    shutil.rmtree(tmp / f"out-{j}", ignore_errors=True)

            measured = median_processes(cmds, repeats=1 if quick or n >= 1000 else 3, warm=False, env=env,
                                        before=clean)
            for name, row in measured.items():
                jobs = 1 if name.endswith("1 job") else 2
                rows[name] = {"athletes": n, "jobs": jobs, **row, "ms_per_athlete": row["median_ms"] / n}
        # Diagnostic: the middle size again with os.fsync stubbed (the disk flush's share).
        n = sizes[1]
        out = tmp / "out-nofsync"
        cmd = [PY, "-c", _NO_FSYNC, "build", "--roster", str(tmp / f"roster-{n}.csv"), "--start", START,
               "-o", str(out), "--jobs", "2", "--quiet"]
        t, code, rss = run_process(cmd, env=env)
        shutil.rmtree(out, ignore_errors=True)
        rows[f"{n} athletes, 2 jobs, os.fsync stubbed (diagnostic)"] = {
            "athletes": n, "jobs": 2, "median_ms": t * 1000, "ms_per_athlete": t * 1000 / n,
            "peak_rss_kib": rss, "runs": 1, "cores_used": _LAST_CPU[-1] / t, "exit_codes": [code]}
        cache = _cache_effect(tmp, 20 if quick else 50)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    ratios: dict[str, float] = {}
    for n in sizes:
        one, two = rows[f"{n} athletes, 1 job"], rows[f"{n} athletes, 2 jobs"]
        ratios[f"speed-up, {n} athletes, 2 jobs vs 1 (target >= 1.6)"] = one["median_ms"] / two["median_ms"]
    small, large = sizes[1], sizes[-1]
    if small != large:
        ratios[f"ms/athlete {large} vs {small}, 2 jobs (linear = 1)"] = (
            rows[f"{large} athletes, 2 jobs"]["ms_per_athlete"] / rows[f"{small} athletes, 2 jobs"]["ms_per_athlete"])
    ratios[f"peak RSS {sizes[-1]} vs {sizes[0]} athletes, 2 jobs (flat = 1)"] = (
        rows[f"{sizes[-1]} athletes, 2 jobs"]["peak_rss_kib"] / rows[f"{sizes[0]} athletes, 2 jobs"]["peak_rss_kib"])
    return {"results": rows, "ratios": ratios, "fit_cache": cache, "cpu_count": os.cpu_count()}


def _cache_effect(tmp: Path, n: int) -> dict[str, Any]:
    """In this process: compile and render the FIT files (no disk) for ``n`` athletes sharing
    five race results, with the FIT cache and without it."""
    from paceplan.build import compile_plan, render
    from paceplan.compiled import BuildOptions
    from paceplan.paces import Runner
    from paceplan.readers.plan import read_plan
    from paceplan.roster import read_roster
    from paceplan.templates import template_path
    from paceplan.writers import fit

    roster_path = tmp / "roster-shared.csv"
    write_roster(roster_path, n, distinct=False)
    team = read_roster(roster_path)
    plan_file = read_plan(template_path("mile-8wk"))
    timings: dict[str, float] = {}
    original = fit._encode_cached
    try:
        for label, cached in (("without cache", False), ("with cache", True)):
            fit._encode_cached = original if cached else fit._encode  # type: ignore[assignment]
            original.cache_clear()
            t0 = time.perf_counter()
            for athlete in team.athletes:
                opts = BuildOptions(start=dt.date.fromisoformat(START), formats=("fit",), athlete=athlete.folder)
                render(compile_plan(plan_file, Runner.from_options(race=athlete.race), opts))
            timings[label] = (time.perf_counter() - t0) * 1000
        info = original.cache_info()
    finally:
        fit._encode_cached = original
    return {"athletes": n, "distinct_results": 5, "formats": "fit, compile + render, no disk", "ms": timings,
            "speed-up": timings["without cache"] / timings["with cache"], "hits": info.hits, "misses": info.misses}


# --------------------------------------------------------------------------- report

def _table(title: str, rows: dict[str, dict[str, Any]], cols: list[tuple[str, str, str]]) -> list[str]:
    lines = [f"\n== {title}", f"{'':44}" + "".join(f"{h:>14}" for h, _, _ in cols)]
    for name, row in rows.items():
        cells = []
        for _, key, fmt in cols:
            value = row.get(key)
            cells.append(f"{format(value, fmt) if isinstance(value, (int, float)) else '-':>14}")
        lines.append(f"{name:44}" + "".join(cells))
    return lines


def _load_line(section: dict[str, Any]) -> str:
    load = section.get("load_average") or {}
    return f"  load average (1 min) before/after: {load.get('before')} / {load.get('after')}"


def report(results: dict[str, Any]) -> str:
    lines = [f"paceplan benchmarks: Python {platform.python_version()} on {platform.machine()}, "
             f"{os.cpu_count()} CPUs, {results['machine']['processor'] or 'unknown CPU'}"]
    if "fit" in results:
        r = results["fit"]
        lines += _table(f"one {r['workout_steps']}-step workout to FIT bytes (median per call)", r["results"],
                        [("ms", "median_ms", ".3f"), ("bytes", "bytes", "d"), ("steps", "steps", "d")])
        lines += [f"  missing: {k}: {v}" for k, v in r["missing"].items()]
        lines.append(f"  byte-identical to the fit-tool engine: {r['byte_identical_to_fit_tool_engine']}")
        lines += [f"  {k:60} {v:8.2f}" for k, v in r["ratios"].items()]
        lines.append(_load_line(r))
    if "notation" in results:
        r = results["notation"]
        lines += _table(f"reading the mile plan's {r['cells']} cells (median per pass)", r["results"],
                        [("ms", "median_ms", ".3f")])
        lines += [f"  {k:60} {v:8.2f}" for k, v in r["ratios"].items()]
        lines.append(_load_line(r))
    if "build" in results:
        r = results["build"]
        rows = {k: {**v, "peak_rss_mib": v["peak_rss_kib"] / 1024} for k, v in r["results"].items()}
        lines += _table("mile plan build vs the import floor (median wall time per process)", rows,
                        [("ms", "median_ms", ".1f"), ("peak RSS MiB", "peak_rss_mib", ".1f")])
        lines += [f"  {k:60} {v:8.2f}" for k, v in r["ratios"].items()]
        lines.append(_load_line(r))
        lines.append(f"  paceplan --help loads: {', '.join(r['help_loads_heavy_modules']) or 'none of ' + ', '.join(HEAVY)}")
    if "team" in results:
        r = results["team"]
        rows = {k: {**v, "peak_rss_mib": v["peak_rss_kib"] / 1024} for k, v in r["results"].items()}
        lines += _table("team builds (paceplan build --roster)", rows,
                        [("ms", "median_ms", ".0f"), ("ms/athlete", "ms_per_athlete", ".1f"),
                         ("cores used", "cores_used", ".2f"), ("peak RSS MiB", "peak_rss_mib", ".1f")])
        lines += [f"  {k:60} {v:8.2f}" for k, v in r["ratios"].items()]
        lines.append(_load_line(r))
        c = r["fit_cache"]
        lines.append(f"  FIT cache, {c['athletes']} athletes sharing {c['distinct_results']} results (compile + "
                     "render FIT, no disk): "
                     f"{c['ms']['without cache']:.0f} ms -> {c['ms']['with cache']:.0f} ms "
                     f"(x{c['speed-up']:.2f}; {c['hits']} hits, {c['misses']} misses)")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="smaller counts and fewer repeats")
    parser.add_argument("--only", default="fit,notation,build,team",
                        help="sections: fit, notation, build, team (comma-separated)")
    parser.add_argument("--json", type=Path, help="write the results here as JSON")
    args = parser.parse_args(argv)
    sections = [s.strip() for s in args.only.split(",") if s.strip()]
    unknown = set(sections) - {"fit", "notation", "build", "team"}
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    results: dict[str, Any] = {"machine": {"python": platform.python_version(), "implementation":
                                           platform.python_implementation(), "platform": platform.platform(),
                                           "processor": _cpu_name(), "cpu_count": os.cpu_count()},
                               "quick": args.quick}
    for name, fn in (("fit", bench_fit), ("notation", bench_notation), ("build", bench_build), ("team", bench_team)):
        if name in sections:
            before = _load()
            results[name] = fn(args.quick)
            # The 1-minute load average around each section: on a shared machine, other work
            # competes for the cores and the disk, and the ratios say less.
            results[name]["load_average"] = {"before": before, "after": _load()}
    print(report(results))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(results, indent=1, default=str) + "\n", encoding="utf-8")
    return 0


def _load() -> float | None:
    try:
        return round(os.getloadavg()[0], 2)
    except OSError:
        return None


def _cpu_name() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor()


if __name__ == "__main__":
    raise SystemExit(main())
