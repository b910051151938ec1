"""Matching by segmentation: a GPX track, or a FIT activity without workout laps.

See :mod:`.match` for the algorithm; the constants below are its thresholds.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..errors import Diagnostic, Severity, warning
from ..model import LAP_BUTTON, CountRange, Intensity, LengthRange, Node, Repeat, Step, Workout
from ..passes.choose import Policy, choose_count, choose_length
from ..units import Distance, Duration, PaceRange
from .segments import (Match, Segment, clock, count_text, effort_test, expected_seconds, labelled_easy,
                       metres_text, step_text, unroll)
from .track import Track

__all__ = ["Segmenter"]

MAX_EXTRA = 3
"""At most this many reps beyond the plan are looked for after a block."""
ONSET_MIN_RISE_MPS = 0.3
ONSET_MIN_RISE_FRACTION = 0.10
"""An effort's onset is a rise of mean speed of at least this much (m/s) and this share."""
MISSED_SPEED_FRACTION = 0.85
"""A rep slower than this share of the reference speed was not run as a rep."""
OPEN_MIN_S = 30.0
"""A lap-button step lasts at least this long."""
LEAD_MIN_S = 60.0
"""Running before the first step or after the last, shorter than this, is not mentioned."""
LEAD_TRIES = 10
"""Rises of speed looked at, one after the other, for the end of a warm-up the plan does not list."""
END_SLACK_S = 5.0
END_SLACK_FRACTION = 0.02
"""A file that ends this little short of a step's planned end (seconds of running, or for a
distance also this share of it) completes the step: the watch was stopped at the line, its last
sample a second early, or the GPS distance (summed positions) a little short."""
CHANGE_MIN_MPS = 0.25
CHANGE_MIN_FRACTION = 0.06
CHANGE_MIN_Z = 4.0
"""The end of a lap-button step or a length range: a change of at least this much (m/s), this
share, and this many times the speed noise expected for the windows compared."""
CHANGE_FALLBACK_RATIO = 0.6
"""Without such a change, the most prominent one is taken if it reaches this share of the bar."""
STOP_SHORT_FRACTION = 0.03
STOP_SHORT_MAX_M = 30.0
"""A distance step whose planned end falls after a stop, lacking at most this share of its length
at the stop (at least ``END_SLACK_S`` of running, at most this many metres), ended where the stop
began: summed GPS positions run a little short, and the stop is the rest after the rep."""


@dataclass(slots=True)
class _Ctx:
    """Where the walk is inside repeats: the rep, the reps run so far, and whether this
    iteration is a probe past the plan (kept only if every work rep in it is found)."""

    rep: int | None = None
    reps: str | None = None
    speeds: list[float] = field(default_factory=list)
    probing: bool = False
    extra: bool = False
    found_work: int = 0


class _Abort(Exception):
    """A work rep was not run (or a probe failed): unwind to the enclosing repeat."""


class Segmenter:
    """Cuts a track into the plan's steps with a cursor on timer time (see :mod:`.match`)."""

    def __init__(self, workout: Workout, track: Track, layout: dict[tuple[int, ...], int],
                 reps: Policy, lengths: Policy) -> None:
        self.workout = workout
        self.track = track
        self.layout = layout
        self.policy = reps
        self.lengths = lengths
        self.cursor = 0.0
        self.out: list[Segment] = []
        self.warnings: list[Diagnostic] = []
        self._noise_mps: float | None = None
        # Efforts, not intensities, decide anchoring and rep counting: the notation reader writes
        # easy running ("15 min easy", a whole-run frame) as ACTIVE, a work intensity.
        self.is_effort = effort_test(workout)
        # The planned step after each step (by FIT index and rep): a warm-up ends early only
        # where an effort follows it, an easy lap-button step at a stop before a standing rest.
        entries = list(unroll(workout.steps, (), layout, reps, maximal=False))
        self._next: dict[tuple[int, int | None], Step] = {}
        for a, b in zip(entries, entries[1:]):
            self._next.setdefault((a.fit_index, a.rep), b.step)

    def run(self) -> Match:
        self.cursor = self._lead_in()
        self._nodes(self.workout.steps, (), _Ctx(), last=True, tail=True)
        segments = tuple(self._measure(s) for s in self.out)
        track = self.track
        ends = [s.end for s in self.out if s.end is not None]
        if ends and track.end - max(ends) >= LEAD_MIN_S:
            after = track.total_distance - track.dist_at(max(ends))
            self.warnings.append(Diagnostic(
                f"the recording goes on for {metres_text(after)} ({clock(track.end - max(ends))}) after the "
                "workout (a cool-down?): not part of any step", Severity.NOTE, code="compare-after"))
        return Match(segments=segments, method="segmented", warnings=tuple(self.warnings))

    def _lead_in(self) -> float:
        """Where the workout starts when it begins with an effort but the recording begins
        slower (a warm-up the plan does not list): at the first lasting rise of speed, if the
        first minute was well below the speed after it. Else at the start of the file. A plan
        that begins with easy running (``15 min easy + ...``, a whole-run frame, an easy run)
        starts with the file: that running *is* its first step."""
        first = next(iter(unroll(self.workout.steps, (), self.layout, self.policy, maximal=False)))
        if not self.is_effort(first.step) or labelled_easy(first.step):
            return 0.0
        track = self.track
        after = LEAD_MIN_S
        for _ in range(LEAD_TRIES):
            rise = self._change(0.0, after, track.end, 1)
            if rise is None:
                return 0.0
            opening = track.moving_speed(0.0, min(60.0, rise))
            if opening < MISSED_SPEED_FRACTION * track.speed_around(rise, 30.0, after=True):
                break
            # Too small a rise to end a warm-up (GPS noise on an easy jog, a slope): look on.
            after = rise + 30.0
        else:
            return 0.0
        self.warnings.append(Diagnostic(
            f"the workout starts {clock(track.elapsed_at(rise))} into the recording: the "
            f"{metres_text(track.dist_at(rise))} before it (a warm-up?) are not part of any step",
            Severity.NOTE, code="compare-before"))
        return rise

    # walking the plan

    def _nodes(self, nodes: tuple[Node, ...], prefix: tuple[int, ...], ctx: _Ctx, *, last: bool,
               tail: bool = False) -> None:
        # ``last``: the plan's final step comes in here. ``tail``: so may its final planned rep's
        # final step, after which only reps beyond the plan can follow.
        for i, node in enumerate(nodes):
            path = (*prefix, i)
            is_last = last and i == len(nodes) - 1
            at_tail = tail and i == len(nodes) - 1
            if isinstance(node, Step):
                self._step(node, path, ctx, is_last, tail=at_tail)
            else:
                self._repeat(node, path, ctx, tail=at_tail)

    def _repeat(self, node: Repeat, path: tuple[int, ...], outer: _Ctx, *, tail: bool = False) -> None:
        text = count_text(node.count)
        if isinstance(node.count, CountRange):
            planned, most = choose_count(node.count, self.policy), node.count.high
        else:
            planned = most = node.count
        speeds: list[float] = []
        done = 0
        for it in range(1, most + MAX_EXTRA + 1):
            probing = it > planned
            if probing and self.cursor >= self.track.end - 1:
                break
            snapshot = (len(self.out), self.cursor, self.out[-1] if self.out else None)
            known_speeds = len(speeds)
            ctx = _Ctx(rep=it, reps=text, speeds=speeds, probing=probing or outer.probing,
                       extra=it > most or outer.extra)
            try:
                self._nodes(node.steps, path, ctx, last=False, tail=tail and it >= planned)
                if probing and not ctx.found_work:
                    raise _Abort
            except _Abort:
                self._restore(snapshot)
                del speeds[known_speeds:]
                if outer.probing:
                    raise
                if not probing:
                    self._missed(node, path, it, planned, text)
                break
            done = it
        if done > planned:
            extra = max(0, done - most)
            what = f"{done} reps of {text}" + (f": {extra} more than planned, marked extra" if extra else "")
            self.warnings.append(warning(f"ran {what}", code="compare-extra-reps" if extra else "compare-reps"))

    def _missed(self, node: Repeat, path: tuple[int, ...], it: int, planned: int, text: str) -> None:
        for rep in range(it, planned + 1):
            for e in unroll(node.steps, path, self.layout, self.policy, maximal=False):
                self.out.append(Segment(step=e.step, fit_index=e.fit_index,
                                        rep=e.rep if e.rep is not None else rep,
                                        reps=e.reps if e.reps is not None else text, status="missed"))
        if self.cursor < self.track.end - 1:
            self.warnings.append(warning(
                f"ran {it - 1} of {planned} planned reps ({text} x): reps {it}-{planned} are marked missed"
                if it < planned else f"ran {it - 1} of {planned} planned reps ({text} x): rep {it} is marked missed",
                code="compare-missed"))

    def _restore(self, snapshot: tuple[int, float, Segment | None]) -> None:
        n, cursor, last = snapshot
        del self.out[n:]
        if last is not None and self.out:
            self.out[-1] = last
        self.cursor = cursor

    def _step(self, step: Step, path: tuple[int, ...], ctx: _Ctx, is_last: bool, *,
              tail: bool = False) -> None:
        track = self.track
        fit_index = self.layout[path]
        if self.cursor >= track.end - 1:
            if ctx.probing:
                raise _Abort
            self.out.append(Segment(step=step, fit_index=fit_index, rep=ctx.rep, reps=ctx.reps,
                                    status="not-reached"))
            return
        start = self.cursor
        onset = False
        prev = self.out[-1] if self.out else None
        if (self.is_effort(step) and prev is not None and prev.end is not None
                and not self.is_effort(prev.step) and prev.status in ("done", "extra")):
            found = self._onset(prev, step)
            if found is not None:
                start, onset = found, True
                self.out[-1] = replace(prev, end=found)
        end, how, complete = self._end(step, start, is_last, tail=tail,
                                       next_step=self._next.get((fit_index, ctx.rep)))
        if self.is_effort(step) and ctx.rep is not None:
            speed = track.moving_speed(start, end)
            # The reps already run set the bar (a runner may be off target all session). Before
            # any, the target's slow end does, but a clear onset proves the rep was run: targets
            # from an optimistic race result must not turn every rep into a missed one.
            reference = sorted(ctx.speeds)[len(ctx.speeds) // 2] if ctx.speeds else _slow_speed(step)
            too_slow = (reference is not None and reference != 0 and complete
                        and speed < MISSED_SPEED_FRACTION * reference and (bool(ctx.speeds) or not onset))
            # A rep beyond the plan starts running, not standing: an onset inside a stop is that of
            # what follows the stop (the race after standing at the line), seen through it.
            if too_slow or (ctx.probing and (not onset or not complete or self._standing_at(start))):
                raise _Abort
            if onset:
                ctx.found_work += 1
            ctx.speeds.append(speed)
        if ctx.probing and not complete:
            raise _Abort
        status = "extra" if ctx.extra else ("done" if complete else "partial")
        self.out.append(Segment(step=step, fit_index=fit_index, rep=ctx.rep, reps=ctx.reps, status=status,
                                found_by="onset" if onset else how, start=start, end=end))
        self.cursor = end

    def _end(self, step: Step, start: float, is_last: bool, *, tail: bool = False,
             next_step: Step | None = None) -> tuple[float, str, bool]:
        """Where ``step`` ends from ``start``: (timer time, how it was found, complete?).
        ``tail``: nothing is planned after the step (``4 x 20 sec strides w/ lap recovery`` ends
        the run), so a lap-button step without a change of speed runs to the end of the file as
        planned, not as a guess. ``next_step``: the step planned after it."""
        track = self.track
        length = step.length
        direction = -1 if self.is_effort(step) else 1
        if isinstance(length, (Distance, Duration)):
            if isinstance(length, Distance):
                nominal = self._distance_end(start, length.metres)
            else:
                nominal = start + length.seconds if start + length.seconds <= track.end else None
            how = "distance" if isinstance(length, Distance) else "time"
            if (step.intensity is Intensity.WARMUP and not is_last and next_step is not None
                    and self.is_effort(next_step)):
                # Warm-ups are run loosely: "2 mi warm-up" is often 2 km or 15 minutes. Within
                # half to one and a half of its length, the first lasting rise ends it -- when an
                # effort follows: before drills or another easy step, a later rise is that of a
                # later step (the race day's first stride), not the end of the warm-up.
                planned = (nominal if nominal is not None else track.end) - start
                found = self._change(start, start + 0.5 * planned, start + 1.5 * planned, 1)
                if found is not None:
                    return found, "speed change", True
            if nominal is None:
                return track.end, "end of file", self._nearly_done(step, start)
            return nominal, how, True
        if isinstance(length, LengthRange):
            lo, hi = self._range_times(start, length)
            found = self._change(start, lo, hi, direction)
            if found is not None:
                return found, "speed change", True
            chosen = choose_length(length, self.lengths)
            t = (start + chosen.seconds if isinstance(chosen, Duration)
                 else track.time_at_distance(track.dist_at(start) + chosen.metres))
            if t is None or t > track.end:
                return track.end, "end of file", False
            return t, "distance" if isinstance(chosen, Distance) else "time", True
        assert length is LAP_BUTTON
        if is_last:
            return track.end, "end of file", True
        found = self._change(start, start + OPEN_MIN_S, track.end, direction)
        if next_step is not None and next_step.intensity is Intensity.REST and not self.is_effort(step):
            # Before a standing rest (waiting at the start line) the easy step ends where the
            # runner stops: the rise a moving-time window sees is the running after the stop.
            for lo, hi in track.standing:
                if lo >= start + OPEN_MIN_S and hi - lo >= OPEN_MIN_S and (found is None or lo < found):
                    return lo, "speed change", True
        if found is None:
            if tail:
                return track.end, "end of file", True
            self.warnings.append(warning(
                f"could not find where the lap-button step '{step_text(step)}' ended: it runs to the end of the file",
                code="compare-open-step"))
            return track.end, "end of file", True
        return found, "speed change", True

    def _distance_end(self, start: float, metres: float) -> float | None:
        """Where ``metres`` from ``start`` are covered, or None past the end of the file. A stop
        reached a little short of it ends the step where the stop began (``STOP_SHORT_*``):
        summed GPS positions lose a few metres on a bend, and without this the standing rest
        after a rep would be counted into the rep and every later step pushed back by it."""
        track = self.track
        d0 = track.dist_at(start)
        nominal = track.time_at_distance(d0 + metres)
        if nominal is None:
            return None
        slack = min(STOP_SHORT_MAX_M, max(STOP_SHORT_FRACTION * metres,
                                          END_SLACK_S * track.moving_speed(start, nominal)))
        for lo, _ in track.standing:
            if start < lo < nominal and d0 + metres - track.dist_at(lo) <= slack:
                return lo
        return nominal

    def _standing_at(self, t: float) -> bool:
        """Whether the runner stands at, or within a few seconds of, timer time ``t`` (the
        standing's edges, found from noisy fixes, move by a second or two)."""
        return self.track.standing_between(t, t + 2 * END_SLACK_S) >= END_SLACK_S

    def _nearly_done(self, step: Step, start: float) -> bool:
        """Whether the file, ending inside the distance or time ``step`` begun at ``start``, lacks
        so little of it that the step counts as run (``END_SLACK_S``, ``END_SLACK_FRACTION``)."""
        track = self.track
        if isinstance(step.length, Duration):
            return start + step.length.seconds - track.end <= END_SLACK_S
        assert isinstance(step.length, Distance)
        missing = track.dist_at(start) + step.length.metres - track.total_distance
        slack = max(END_SLACK_FRACTION * step.length.metres, END_SLACK_S * track.moving_speed(start, track.end))
        return missing <= slack

    def _range_times(self, start: float, length: LengthRange) -> tuple[float, float]:
        track = self.track
        low, high = length.low, length.high
        if isinstance(low, Duration):
            assert isinstance(high, Duration)  # LengthRange keeps both ends the same kind
            return start + low.seconds, start + high.seconds
        assert isinstance(high, Distance)
        d0 = track.dist_at(start)
        lo = track.time_at_distance(d0 + low.metres)
        hi = track.time_at_distance(d0 + high.metres)
        return (lo if lo is not None else track.end), (hi if hi is not None else track.end)

    # speed changes

    def _rise(self, t: float, window: float, *, resting: bool = False) -> float:
        # Moving speeds: a stop is not a change of effort, and starting again is no onset --
        # unless the easier step was a standing rest, whose speed is its clock speed.
        before = (self.track.mean_speed(t - window, t) if resting
                  else self.track.speed_around(t, window, after=False))
        return self.track.speed_around(t, window, after=True) - before

    def _significant(self, diff: float, t: float, window: float) -> bool:
        level = max(self.track.speed_around(t, window, after=True), self.track.speed_around(t, window, after=False))
        return abs(diff) >= max(ONSET_MIN_RISE_MPS, ONSET_MIN_RISE_FRACTION * level)

    def _onset(self, prev: Segment, step: Step) -> float | None:
        """Where the effort of ``step`` begins near the end of the easier ``prev`` (see docstring)."""
        assert prev.start is not None and prev.end is not None
        prev_len = prev.end - prev.start
        expected = expected_seconds(step)
        window = max(5.0, min(30.0, prev_len / 2, expected / 2))
        before = max(20.0, prev_len / 2)
        after = max(20.0, min(prev_len / 2, 0.75 * expected))
        lo = max(prev.start + window, prev.end - before)
        hi = min(prev.end + after, self.track.end - window)
        resting = self.track.standing_between(prev.start, prev.end) > 0.5 * prev_len
        best, best_t, best_score = 0.0, None, 0.0
        t = lo
        while t <= hi:
            diff = self._rise(t, window, resting=resting)
            # Prefer the rise nearest the planned boundary: a later rep's onset can be steeper.
            reach = before if t < prev.end else after
            score = diff * (1 - 0.5 * abs(t - prev.end) / reach)
            if score > best_score:
                best, best_t, best_score = diff, t, score
            t += 1.0
        if best_t is None or not self._significant(best, best_t, window):
            return None
        if resting:
            # After a standing rest the rep sets off where the standing ends, not inside it
            # (the moving-time window after a point inside the stop sees the rep already).
            for lo, hi in self.track.standing:
                if lo <= best_t < hi:
                    return min(hi, self.track.end)
        return best_t

    def _noise(self) -> float:
        """How much the 10-second speed wanders by itself (m/s): a robust spread of speed
        differences 10 s apart, which real changes of pace, being rare, barely move."""
        if self._noise_mps is None:
            v = self.track.speed
            diffs = sorted(abs(v[k + 10] - v[k]) for k in range(0, len(v) - 10))
            mad = diffs[len(diffs) // 2] if diffs else 0.0
            self._noise_mps = 1.4826 * mad / 2 ** 0.5
        return self._noise_mps

    def _change(self, start: float, lo: float, hi: float, direction: int) -> float | None:
        """The first lasting rise (``direction`` 1) or fall (-1) of speed in ``[lo, hi]``.

        The speed after a candidate point (30 s of moving time) is set against the step's own
        speed so far (up to 2 minutes back), which is far steadier than a short window. The
        change must reach ``CHANGE_MIN_MPS`` and ``CHANGE_MIN_FRACTION``, stand
        ``CHANGE_MIN_Z`` times above what the recording's own noise would give for windows that
        long, and three quarters of it must last over the next 60 s. The boundary is then put
        where the symmetric rise peaks within the next 30 s. Without such a change, the most
        prominent one (at least ``CHANGE_FALLBACK_RATIO`` of the bar) is taken."""
        track = self.track
        window = 30.0
        noise = self._noise()
        lo = max(lo, start + 10.0)
        hi = min(hi, track.end - window)
        # A step that opens standing (a lap-button rest: waiting at the start line) is measured on
        # the clock: moving-time windows would see through the stop to the running after it.
        resting = lo > start and track.standing_between(start, lo) > 0.5 * (lo - start)
        best_ratio, fallback = 0.0, None
        t = lo
        while t <= hi:
            span = min(120.0, t - start)
            if resting:
                before = track.mean_speed(t - span, t)
                after = track.mean_speed(t, t + window)
                lasting = direction * (track.mean_speed(t, t + 2 * window) - before)
            else:
                before = track.moving_speed(t - span, t)
                after = track.speed_around(t, window, after=True)
                lasting = direction * (track.speed_around(t, 2 * window, after=True) - before)
            diff = min(direction * (after - before), lasting / 0.75)
            # GPS drift moves a window's mean speed by about noise * 10 s / window length.
            need = max(CHANGE_MIN_MPS, CHANGE_MIN_FRACTION * max(before, after),
                       CHANGE_MIN_Z * noise * ((10.0 / span) ** 2 + (10.0 / window) ** 2) ** 0.5)
            if diff >= need:
                return self._peak(start, t, lo, hi, window, direction, resting=resting)
            if diff / need > best_ratio:
                best_ratio, fallback = diff / need, t
            t += 1.0
        if fallback is not None and best_ratio >= CHANGE_FALLBACK_RATIO:
            # No clear change, but one stands out: better than running on to the end of the file.
            return self._peak(start, fallback, lo, hi, window, direction, resting=resting)
        return None

    def _peak(self, start: float, t: float, lo: float, hi: float, window: float, direction: int, *,
              resting: bool = False) -> float:
        best, best_t = -1.0, t
        u = max(lo, t - window / 2)
        while u <= min(hi, t + window):
            w = min(window, u - start)
            d = direction * (self.track.mean_speed(u, u + w) - self.track.mean_speed(u - w, u) if resting
                             else self._rise(u, w))
            if d > best:
                best, best_t = d, u
            u += 1.0
        return best_t

    def _measure(self, s: Segment) -> Segment:
        if s.start is None or s.end is None:
            return s
        track = self.track
        timer = s.end - s.start
        return replace(s, start_elapsed_s=track.elapsed_at(s.start),
                       distance_m=track.dist_at(s.end) - track.dist_at(s.start), timer_s=timer,
                       moving_s=max(0.0, timer - track.standing_between(s.start, s.end)),
                       elapsed_s=track.elapsed_at(s.end) - track.elapsed_at(s.start))


def _slow_speed(step: Step) -> float | None:
    return step.target.slow.speed_mps if isinstance(step.target, PaceRange) else None
