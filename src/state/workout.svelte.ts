// A workout being run: the runner's state as reactive values for the run screen, its controls,
// and what happens when it ends. All timing comes from the engine and the clock.
import { ClockJumpDetector, monotonicClock, type Clock } from '../engine/clock';
import { displaySeconds, formatClock, formatSpoken } from '../engine/format';
import type { Circuit } from '../engine/model';
import { Runner, type RunLog, type RunState } from '../engine/runner';
import { summarizeRun, type RunSummary } from '../engine/summary';
import { compileCircuit, type Segment, type Timeline } from '../engine/timeline';

export const PHASE_WORD: Record<Segment['kind'], string> = {
  prep: 'Get ready',
  warmup: 'Warm-up',
  work: 'Work',
  rest: 'Rest',
  roundRest: 'Rest',
  switch: 'Switch sides',
  cooldown: 'Cool-down',
};

export interface FinishedWorkout {
  circuit: Circuit;
  summary: RunSummary;
  /** The session in the workout log, and the promise of its last writes (quick logging waits for it). */
  log?: { sessionId: string; written: Promise<void> };
}

export class Workout {
  readonly timeline: Timeline;
  readonly runner: Runner;
  private now = $state(0);
  /** Bumped by every control, which may move the boundaries the display is aimed at. */
  revision = $state(0);
  state: RunState = $derived.by(() => {
    void this.revision; // controls change the log, which is not reactive by itself
    return this.runner.state(this.now);
  });
  running: boolean = $derived(this.state.status === 'running');
  /** The timer counts down, or up while a step waits for a tap. */
  countsUp: boolean = $derived(this.state.segment !== null && this.state.remainingMs === null);
  shownSeconds: number = $derived(
    this.countsUp ? Math.floor(this.state.elapsedMs / 1000) : displaySeconds(this.state.remainingMs ?? 0),
  );
  timerText: string = $derived(formatClock(this.shownSeconds));
  /** What a screen reader hears when the phase changes (politely, once per segment or pause). */
  announcement: string = $derived(announce(this.state));

  constructor(
    readonly circuit: Circuit,
    private readonly clock: Clock = monotonicClock,
    private readonly onFinish: (result: FinishedWorkout) => void = () => {},
    /** A run to carry on (one resumed after a reload); a new one otherwise. */
    log?: RunLog,
    /** The wall clock, only to notice the monotonic clock stalling while the device slept. */
    private readonly wall: () => number = Date.now,
  ) {
    this.timeline = compileCircuit(circuit);
    this.runner = new Runner(this.timeline, clock, log);
    this.now = clock.now();
    exposeForMeasurement(this);
  }

  /** Said once when the run caught up after the device slept (the monotonic clock had stalled). */
  clockNote = $state<string | null>(null);
  private readonly jumps = new ClockJumpDetector();

  /** Re-reads the clock; hands over to the finish screen once the last segment has ended. */
  tick = (): void => {
    const missed = this.jumps.check(this.clock.now(), this.wall());
    if (missed > 0 && this.runner.state().status === 'running') {
      this.runner.reanchor(missed);
      this.clockNote = `The device slept for ${formatSpoken(Math.round(missed / 1000))}: the timer has caught up with the workout.`;
      this.revision++;
      this.afterControl?.();
    }
    this.now = this.clock.now();
    if (this.state.status === 'finished') this.finish();
  };

  /** Whole seconds until a start scheduled ahead (a class link), null when none is ahead. */
  startsInSeconds: number | null = $derived(
    this.state.startsInMs === null ? null : displaySeconds(this.state.startsInMs),
  );

  nextChangeIn = (): number | null => {
    const s = this.state;
    if (s.startsInMs !== null) {
      // Counting down to a scheduled start: the shown second changes, then the run begins.
      const fresh = this.runner.state(this.clock.now());
      if (fresh.startsInMs === null) return 0;
      return fresh.startsInMs - (displaySeconds(fresh.startsInMs) - 1) * 1000;
    }
    if (s.status !== 'running' || !s.segment) return null;
    const fresh = this.runner.state(this.clock.now());
    if (fresh.remainingMs === null) return 1000 - (fresh.elapsedMs % 1000);
    // The shown second changes when the remaining time falls to the next whole second below.
    return fresh.remainingMs - (displaySeconds(fresh.remainingMs) - 1) * 1000;
  };

  /** Called after every control, e.g. to re-plan the cues placed ahead on the audio clock. */
  afterControl: (() => void) | null = null;

  private act(action: () => void): void {
    action();
    this.revision++;
    this.tick();
    this.afterControl?.();
  }

  start = () => this.act(() => this.runner.start());
  togglePause = () => this.act(() => this.runner.togglePause());
  skip = () => this.act(() => this.runner.skip());
  back = () => this.act(() => this.runner.back());
  extend = () => this.act(() => this.runner.extend());
  done = () => this.act(() => this.runner.done());
  restart = () => this.act(() => this.runner.restart());
  /** Follows another window's run of the same circuit (a mirrored display): its latest log. */
  adopt = (log: RunLog) => this.act(() => this.runner.adopt(log));

  /** Ends the workout now, finished or not, and shows what was done. */
  finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.onFinish({
      circuit: this.circuit,
      summary: summarizeRun(this.timeline, this.runner.runLog, this.clock.now()),
    });
  }
  private finished = false;
}

function announce(s: RunState): string {
  if (s.status === 'finished') return 'Workout complete.';
  if (!s.segment) return '';
  if (s.status === 'paused')
    return s.remainingMs === null
      ? `Paused at ${formatSpoken(Math.floor(s.elapsedMs / 1000))} into ${s.segment.label}.`
      : `Paused. ${formatSpoken(displaySeconds(s.remainingMs))} left in ${s.segment.label}.`;
  if (s.status === 'ready') return '';
  const seg = s.segment;
  const round = seg.position ? ` Round ${seg.position.round} of ${seg.position.rounds}.` : '';
  const length = seg.duration === null ? ' Tap done when finished.' : ` ${formatSpoken(seg.duration / 1000)}.`;
  if (seg.kind === 'work') return `Work: ${seg.label}.${length}${round}`;
  const next = s.nextWork ? ` Next: ${s.nextWork.label}.` : '';
  return `${PHASE_WORD[seg.kind]}.${length}${next}${round}`;
}

declare global {
  interface Window {
    /** Read-only view of the current run, for benchmarks and end-to-end tests. */
    __circuitTimer?: { readonly run: unknown };
  }
}

function exposeForMeasurement(workout: Workout): void {
  if (typeof window === 'undefined') return;
  window.__circuitTimer = {
    get run() {
      const log = workout.runner.runLog;
      return {
        startedAt: log.startedAt,
        events: log.events,
        segments: workout.timeline.segments.map(({ kind, start, duration, label }) => ({
          kind,
          start,
          duration,
          label,
        })),
      };
    },
  };
}
