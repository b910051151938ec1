"""Team builds: one plan, a roster of athletes (:mod:`paceplan.roster_csv`), a folder of outputs
per athlete, the work spread over the machine's cores.

::

    roster.csv --read_roster--> Roster --build_roster--> out/ada-lovelace/{fit/, *.ics, plan.html}
                                          (a process pool)   out/roger-bannister/...

- Each athlete is an ordinary :func:`paceplan.build.build` into ``out/<folder>/`` with the
  athlete's race result (and goal, and start date when the row has one) and
  ``BuildOptions.athlete`` set to the folder name, so every athlete's calendar UIDs differ.
- Work runs in a :class:`~concurrent.futures.ProcessPoolExecutor` (``jobs`` processes, default
  one per core; ``jobs=1`` builds in this process). Each worker reads the plan once. An athlete's
  files depend only on the plan, the options and their own row, so the output is byte-identical
  whatever the number of jobs.
- Identical workouts (same paces, same session, so the same FIT identity) are encoded once per
  worker: :func:`paceplan.writers.fit.encode_workout` keeps a small cache.
- A row that fails (a bad cell found while reading, or a build error for that athlete) is
  reported with its line and never stops the others; :attr:`RosterReport.ok` says whether all
  rows were built. Memory stays flat: workers return small reports, warnings are de-duplicated
  as they arrive.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, replace
from pathlib import Path

from .build import build
from .compiled import BuildOptions
from .errors import Diagnostic, PlanError
from .paces import Runner
from .readers.plan import PlanFile, read_plan
from .roster_csv import Athlete, Roster, read_roster, read_roster_text

__all__ = [
    "MAX_KEPT_WARNINGS",
    "Athlete",
    "AthleteReport",
    "PlanRef",
    "Roster",
    "RosterReport",
    "build_roster",
    "default_jobs",
    "read_roster",
    "read_roster_text",
]

MAX_KEPT_WARNINGS = 200
"""Distinct warnings a roster build keeps (the rest are only counted)."""


@dataclass(frozen=True, slots=True, kw_only=True)
class PlanRef:
    """Where a worker process reads the plan from (a parsed plan does not cross processes)."""

    path: Path
    name: str | None = None
    """Shown in diagnostics instead of the path (``templates/mile-8wk.yaml``)."""

    def load(self) -> PlanFile:
        return read_plan(self.path, name=self.name)


@dataclass(frozen=True, slots=True, kw_only=True)
class AthleteReport:
    """What one athlete's build did."""

    athlete: Athlete
    files: int = 0
    """Files written into the athlete's folder (0 when the build failed)."""
    warnings: int = 0
    """Warnings and notes met (the distinct ones are on :attr:`RosterReport.warnings`)."""
    errors: tuple[Diagnostic, ...] = ()
    """Why the athlete was not built; empty when built."""

    @property
    def ok(self) -> bool:
        return not self.errors


@dataclass(frozen=True, slots=True, kw_only=True)
class RosterReport:
    """What a roster build did, athletes in roster order."""

    out_dir: Path
    athletes: tuple[AthleteReport, ...]
    """Every good roster row, built or failed."""
    errors: tuple[Diagnostic, ...]
    """Bad roster rows, then athletes whose build failed, in line order."""
    warnings: tuple[Diagnostic, ...] = ()
    """Distinct warnings and notes over all athletes (at most :data:`MAX_KEPT_WARNINGS`)."""
    more_warnings: int = 0
    """Warnings met after :data:`MAX_KEPT_WARNINGS` distinct ones were kept (not kept, counted)."""
    rows: int = 0
    """Athlete rows in the roster."""

    @property
    def built(self) -> tuple[AthleteReport, ...]:
        return tuple(a for a in self.athletes if a.ok)

    @property
    def failed_rows(self) -> int:
        """Rows not built: bad rows plus failed builds."""
        return self.rows - len(self.built)

    @property
    def ok(self) -> bool:
        return self.failed_rows == 0


# Modules each output format loads on first use (see paceplan.outputs), imported before forking.
_FORMAT_MODULES: dict[str, tuple[str, ...]] = {
    "fit": ("paceplan.writers.fit", "paceplan.writers.fit_records"),
    "ics": ("paceplan.writers.ics",),
    "html": ("paceplan.writers.html",),
    "garmin-json": ("paceplan.writers.garmin_connect",),
    "intervals": ("paceplan.writers.intervals_icu",),
}


class _Job:
    """One worker's state: the plan read once, the options, the output folder."""

    def __init__(self, plan: PlanRef, options: BuildOptions, out_dir: Path, plan_file: PlanFile | None = None) -> None:
        self.plan = plan
        self.plan_file = plan_file if plan_file is not None else plan.load()
        self.options = options
        self.out_dir = out_dir

    def warm(self) -> None:
        """Compile the plan once for the default runner and import the writers of the chosen
        formats, writing nothing: forked workers then share these modules instead of each
        importing them again (the writers and icalendar take ~100 ms to import)."""
        import importlib

        from .build import compile_plan

        for fmt in self.options.formats:
            for module in _FORMAT_MODULES.get(fmt, ()):
                importlib.import_module(module)
        try:
            compile_plan(self.plan_file, Runner.default(), self.options)
        except PlanError:
            pass  # an athlete's build will report it, with that athlete's name

    def run(self, athlete: Athlete) -> tuple[AthleteReport, tuple[Diagnostic, ...]]:
        opts = replace(self.options, athlete=athlete.folder)
        if athlete.start is not None:
            opts = replace(opts, start=athlete.start, race_date=None)
        try:
            runner = Runner.from_options(race=athlete.race, goal=athlete.goal)
            report = build(self.plan_file, runner, opts, out_dir=self.out_dir / athlete.folder)
        except PlanError as exc:
            first = Diagnostic(f"line {athlete.line}: {athlete.name} was not built",
                               hint="fix the problem below and build again; the other athletes were built",
                               code="roster-athlete")
            errors = (first, *(Diagnostic(f"{athlete.name}: {d.message}", d.severity, d.span, d.hint, d.code)
                               for d in exc.diagnostics))
            return AthleteReport(athlete=athlete, errors=errors), ()
        return AthleteReport(athlete=athlete, files=len(report.files), warnings=len(report.warnings)), report.warnings


_WORKER_JOB: _Job | None = None


def _init_worker(plan: PlanRef, options: BuildOptions, out_dir: Path) -> None:
    global _WORKER_JOB
    inherited = _WORKER_JOB  # the parent's job, when this worker was forked from it
    if inherited is not None and (inherited.plan, inherited.options, inherited.out_dir) == (plan, options, out_dir):
        return  # the plan is already read (and the writers imported): no need to do it again
    _WORKER_JOB = _Job(plan, options, out_dir)


def _run_in_worker(athlete: Athlete) -> tuple[AthleteReport, tuple[Diagnostic, ...]]:
    assert _WORKER_JOB is not None, "worker not initialised"
    return _WORKER_JOB.run(athlete)


def default_jobs() -> int:
    """One job per core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def build_roster(plan: PlanRef, roster: Roster, options: BuildOptions | None = None, *,
                 out_dir: str | os.PathLike[str], jobs: int | None = None,
                 progress: Callable[[AthleteReport], None] | None = None,
                 plan_file: PlanFile | None = None) -> RosterReport:
    """Build ``plan`` for every good athlete of ``roster`` into ``out_dir/<folder>/``.

    ``options`` apply to everyone (a row's start date replaces ``start``/``race_date``);
    ``options.athlete`` is replaced by each athlete's folder name. ``jobs``: worker processes
    (default: one per core; 1 builds in this process). ``progress`` is called in this process
    once per athlete as each finishes (in completion order). ``plan_file``: ``plan`` already
    read, to save reading it again in this process. Raises only for a plan that cannot be read;
    everything about single athletes is on the report.
    """
    base = options or BuildOptions()
    out = Path(out_dir)
    athletes = roster.athletes
    n_jobs = max(1, min(jobs if jobs is not None else default_jobs(), len(athletes) or 1))
    results: list[AthleteReport | None] = [None] * len(athletes)
    seen: dict[tuple[str, str | None], Diagnostic] = {}
    more = 0

    def collect(index: int, done: tuple[AthleteReport, tuple[Diagnostic, ...]]) -> None:
        nonlocal more
        report, warnings = done
        results[index] = report
        for d in warnings:
            key = (d.message, d.span.location() if d.span is not None else None)
            if key in seen:
                continue
            if len(seen) < MAX_KEPT_WARNINGS:
                seen[key] = d
            else:
                more += 1
        if progress is not None:
            progress(report)

    if n_jobs == 1:
        job = _Job(plan, base, out, plan_file)
        for index, athlete in enumerate(athletes):
            collect(index, job.run(athlete))
    else:
        global _WORKER_JOB
        job = _Job(plan, base, out, plan_file)  # a plan that cannot be read fails here, once
        job.warm()
        # Forked workers inherit this job (plan read, writers imported); spawned ones read the
        # plan themselves in _init_worker.
        previous, _WORKER_JOB = _WORKER_JOB, job
        try:
            with ProcessPoolExecutor(max_workers=n_jobs, initializer=_init_worker,
                                     initargs=(plan, base, out)) as pool:
                futures = {pool.submit(_run_in_worker, athlete): index for index, athlete in enumerate(athletes)}
                for future in as_completed(futures):
                    # Pop, so each finished future (and its warnings) can be freed: memory stays flat.
                    collect(futures.pop(future), future.result())
        finally:
            _WORKER_JOB = previous
    reports = tuple(r for r in results if r is not None)
    # Errors grouped by roster line: bad rows (found while reading) and failed builds.
    grouped: list[tuple[int, tuple[Diagnostic, ...]]] = [
        (d.span.line if d.span is not None else 0, (d,)) for d in roster.errors]
    grouped.extend((r.athlete.line, r.errors) for r in reports if r.errors)
    grouped.sort(key=lambda item: item[0])
    errors = tuple(d for _, diags in grouped for d in diags)
    return RosterReport(out_dir=out, athletes=reports, errors=errors, warnings=tuple(seen.values()),
                        more_warnings=more, rows=roster.rows)
