// Runs a timeline: the whole state at any instant is derived from the clock, the start instant and
// the log of pauses, skips and extensions. Nothing counts ticks, so nothing can drift.
import type { Clock } from './clock';
import type { Segment, Timeline } from './timeline';

export type RunEventType = 'pause' | 'resume' | 'skip' | 'back' | 'extend' | 'done';

export interface RunEvent {
  type: RunEventType;
  /** Clock instant, ms. */
  at: number;
  /** For 'extend': how much time was added. */
  ms?: number;
}

/** Everything needed to rebuild a run: plain data, so it can be stored and resumed. */
export interface RunLog {
  /** Clock instant of the start; it may lie ahead (a class scheduled for a set time): the run is ready until then. */
  startedAt: number | null;
  events: RunEvent[];
}

export type RunStatus = 'ready' | 'running' | 'paused' | 'finished';

export interface RunState {
  status: RunStatus;
  /** Index of the current segment; equals the segment count once finished. */
  index: number;
  segment: Segment | null;
  /** Time spent in the current segment, ms (active time: pauses excluded). */
  elapsedMs: number;
  /** Length of the current segment including any extension, or null while it waits for a tap. */
  durationMs: number | null;
  remainingMs: number | null;
  extendedMs: number;
  /** Active time since the start (pauses excluded), ms. */
  activeMs: number;
  pausedMs: number;
  /** Time left in the whole workout, ms, not counting segments that wait for a tap. */
  totalRemainingMs: number;
  next: Segment | null;
  nextWork: Segment | null;
  /** Clock instant the workout finished at, once finished. */
  finishedAt: number | null;
  /**
   * Clock instant the current segment began (exact, as logged), while running — or the instant it
   * will begin, while a scheduled start is still ahead; null otherwise.
   */
  segmentStartedAt: number | null;
  /** Time until a start scheduled in the future (a class link), ms; null when none is ahead. */
  startsInMs: number | null;
}

/** Within this much of a segment's start, "back" goes to the previous segment; later, it restarts this one. */
export const BACK_RESTART_MS = 3000;
export const EXTEND_MS = 10_000;

/** How a segment was left: its time ran out, it was skipped, marked done, or stepped back from. */
export type LeaveReason = 'time' | 'skip' | 'done' | 'back';

/** Called for each segment the replay leaves, with active times (ms) it was entered and left at. */
/** `enteredAt` and `leftAt` are active time (pauses excluded) since Start; `clockAt` is the clock instant it was left. */
export type LeaveHook = (index: number, enteredAt: number, leftAt: number, how: LeaveReason, clockAt: number) => void;

interface Cursor {
  onLeave?: LeaveHook;
  index: number;
  /** Active time at which the current segment began. */
  segStart: number;
  extra: number;
  pausedAt: number | null;
  pausedTotal: number;
  finishedAt: number | null;
}

function activeAt(log: RunLog, c: Cursor, t: number): number {
  const pausedNow = c.pausedAt !== null ? t - c.pausedAt : 0;
  return t - (log.startedAt ?? t) - c.pausedTotal - pausedNow;
}

interface Index {
  /** Nominal end of each segment (open segments count as 0 long, as in `start`). */
  ends: Float64Array;
  /** For each segment, the index of the first open-ended segment at or after it (n when none). */
  nextOpen: Int32Array;
}

const indexes = new WeakMap<Timeline, Index>();

function indexOf(timeline: Timeline): Index {
  let idx = indexes.get(timeline);
  if (!idx) {
    const n = timeline.segments.length;
    const ends = new Float64Array(n);
    const nextOpen = new Int32Array(n + 1).fill(n);
    timeline.segments.forEach((seg, i) => (ends[i] = seg.start + (seg.duration ?? 0)));
    for (let i = n - 1; i >= 0; i--) nextOpen[i] = timeline.segments[i]!.duration === null ? i : nextOpen[i + 1]!;
    idx = { ends, nextOpen };
    indexes.set(timeline, idx);
  }
  return idx;
}

/** Moves the cursor over every boundary passed by active time `a` (binary search: long runs stay cheap). */
function advance(timeline: Timeline, log: RunLog, c: Cursor, a: number): void {
  const n = timeline.segments.length;
  if (c.index < n) {
    const { ends, nextOpen } = indexOf(timeline);
    const stop = nextOpen[c.index]!;
    // Segments after the current one follow it back to back at their nominal lengths.
    const base = c.segStart + c.extra - timeline.segments[c.index]!.start;
    const endOf = (j: number) => base + ends[j]!;
    // First segment in [index, stop) whose end is still ahead of `a`; `stop` when all have passed.
    let lo = c.index;
    let hi = stop;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (endOf(mid) > a) hi = mid;
      else lo = mid + 1;
    }
    if (lo > c.index) {
      if (c.onLeave)
        for (let j = c.index; j < lo; j++)
          c.onLeave(
            j,
            j === c.index ? c.segStart : endOf(j - 1),
            endOf(j),
            'time',
            (log.startedAt ?? 0) + c.pausedTotal + endOf(j),
          );
      c.segStart = endOf(lo - 1);
      c.index = lo;
      c.extra = 0;
    }
  }
  if (c.index >= n && c.finishedAt === null) c.finishedAt = (log.startedAt ?? 0) + c.pausedTotal + c.segStart;
}

function apply(timeline: Timeline, log: RunLog, c: Cursor, e: RunEvent): void {
  const a = activeAt(log, c, e.at);
  switch (e.type) {
    case 'pause':
      if (c.pausedAt === null) c.pausedAt = e.at;
      return;
    case 'resume':
      if (c.pausedAt !== null) {
        c.pausedTotal += e.at - c.pausedAt;
        c.pausedAt = null;
      }
      return;
    case 'skip':
    case 'done':
      c.onLeave?.(c.index, c.segStart, a, e.type, e.at);
      c.index++;
      c.segStart = a;
      c.extra = 0;
      if (c.index >= timeline.segments.length) {
        // Skipping past the end while paused ends the pause too: the run is over at this instant.
        if (c.pausedAt !== null) {
          c.pausedTotal += e.at - c.pausedAt;
          c.pausedAt = null;
        }
        advance(timeline, log, c, a);
      }
      return;
    case 'back':
      c.onLeave?.(c.index, c.segStart, a, 'back', e.at);
      if (a - c.segStart <= BACK_RESTART_MS && c.index > 0) c.index--;
      c.segStart = a;
      c.extra = 0;
      return;
    case 'extend':
      c.extra += e.ms ?? EXTEND_MS;
      return;
  }
}

/** The state of a run at clock instant `now`: a pure function of timeline, log and instant. */
export function deriveState(timeline: Timeline, log: RunLog, now: number, onLeave?: LeaveHook): RunState {
  const c: Cursor = { onLeave, index: 0, segStart: 0, extra: 0, pausedAt: null, pausedTotal: 0, finishedAt: null };
  if (log.startedAt !== null && now < log.startedAt) return scheduledState(timeline, log.startedAt, now);
  if (log.startedAt !== null) {
    for (const e of log.events) {
      if (e.at > now) break;
      advance(timeline, log, c, activeAt(log, c, e.at));
      if (c.finishedAt !== null) break;
      apply(timeline, log, c, e);
    }
    if (c.finishedAt === null) advance(timeline, log, c, activeAt(log, c, now));
  }
  return stateFrom(timeline, log, c, now);
}

/** Before a start that lies ahead: ready, at the first segment, counting down to the start. */
function scheduledState(timeline: Timeline, startsAt: number, now: number): RunState {
  const segment = timeline.segments[0] ?? null;
  return {
    status: 'ready',
    index: 0,
    segment,
    elapsedMs: 0,
    durationMs: segment?.duration ?? null,
    remainingMs: segment ? segment.duration : 0,
    extendedMs: 0,
    activeMs: 0,
    pausedMs: 0,
    totalRemainingMs: timeline.totalMs,
    next: timeline.segments[1] ?? null,
    nextWork: segment?.nextWork != null ? (timeline.segments[segment.nextWork] ?? null) : null,
    finishedAt: null,
    segmentStartedAt: startsAt,
    startsInMs: startsAt - now,
  };
}

function stateFrom(timeline: Timeline, log: RunLog, c: Cursor, now: number): RunState {
  const segments = timeline.segments;
  const segment = segments[c.index] ?? null;
  const finished = c.finishedAt !== null;
  const active = log.startedAt === null ? 0 : finished ? c.segStart : activeAt(log, c, now);
  const elapsedMs = segment ? active - c.segStart : 0;
  const durationMs = segment && segment.duration !== null ? segment.duration + c.extra : null;
  const remainingMs = !segment ? 0 : durationMs === null ? null : durationMs - elapsedMs;
  // Nominal starts are cumulative, so what follows the current segment is the total minus its end.
  const after = segment ? timeline.totalMs - segment.start - (segment.duration ?? 0) : 0;
  const pausedNow = c.pausedAt !== null ? now - c.pausedAt : 0;
  return {
    status: log.startedAt === null ? 'ready' : finished ? 'finished' : c.pausedAt !== null ? 'paused' : 'running',
    index: c.index,
    segment,
    elapsedMs,
    durationMs,
    remainingMs,
    extendedMs: c.extra,
    activeMs: active,
    pausedMs: c.pausedTotal + pausedNow,
    totalRemainingMs: after + (remainingMs ?? 0),
    next: segments[c.index + 1] ?? null,
    nextWork: segment?.nextWork != null ? (segments[segment.nextWork] ?? null) : null,
    finishedAt: c.finishedAt,
    segmentStartedAt:
      log.startedAt !== null && !finished && c.pausedAt === null ? log.startedAt + c.pausedTotal + c.segStart : null,
    startsInMs: null,
  };
}

/** Holds a run's log and turns controls into logged events; state is always derived. */
export class Runner {
  private log: RunLog;

  constructor(
    readonly timeline: Timeline,
    private readonly clock: Clock,
    log: RunLog = { startedAt: null, events: [] },
  ) {
    this.log = { startedAt: log.startedAt, events: [...log.events] };
  }

  /** A copy of the log, for storing or resuming the run. */
  get runLog(): RunLog {
    return { startedAt: this.log.startedAt, events: this.log.events.map((e) => ({ ...e })) };
  }

  state(now: number = this.clock.now()): RunState {
    return deriveState(this.timeline, this.log, now);
  }

  start(): void {
    if (this.log.startedAt === null) this.log.startedAt = this.clock.now();
  }

  pause(): void {
    if (this.state().status === 'running') this.record('pause');
  }

  resume(): void {
    if (this.state().status === 'paused') this.record('resume');
  }

  togglePause(): void {
    const { status } = this.state();
    if (status === 'ready') this.start();
    else if (status === 'running') this.record('pause');
    else if (status === 'paused') this.record('resume');
  }

  skip(): void {
    if (this.isLive()) this.record('skip');
  }

  /** Goes back to the previous segment, or to the start of this one when more than 3 s into it. */
  back(): void {
    if (this.isLive()) this.record('back');
  }

  extend(ms: number = EXTEND_MS): void {
    const s = this.state();
    if ((s.status === 'running' || s.status === 'paused') && s.durationMs !== null) this.record('extend', ms);
  }

  /** Ends a "tap when done" segment (or any segment) because the work is done. */
  done(): void {
    if (this.isLive()) this.record('done');
  }

  restart(): void {
    this.log = { startedAt: this.clock.now(), events: [] };
  }

  /**
   * Moves the whole run `ms` earlier on the clock, as if the clock had not missed that time: after
   * the device slept, the workout carried on, so the run catches up with it. Nothing else changes.
   */
  reanchor(ms: number): void {
    if (this.log.startedAt === null || ms <= 0) return;
    this.log = {
      startedAt: this.log.startedAt - ms,
      events: this.log.events.map((e) => ({ ...e, at: e.at - ms })),
    };
  }

  /** Takes another copy of this run's log as its own (a display window following its presenter). */
  adopt(log: RunLog): void {
    this.log = { startedAt: log.startedAt, events: log.events.map((e) => ({ ...e })) };
  }

  private isLive(): boolean {
    const { status } = this.state();
    return status === 'running' || status === 'paused';
  }

  private record(type: RunEventType, ms?: number): void {
    const at = this.clock.now();
    const last = this.log.events.at(-1);
    // Events must stay in clock order for the replay; a clock cannot go back, but be safe.
    const event: RunEvent = { type, at: last && last.at > at ? last.at : at };
    if (ms !== undefined) event.ms = ms;
    this.log.events.push(event);
  }
}
