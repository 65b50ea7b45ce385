// Writes a workout to the log as it happens: the session at Start; each round the moment it
// completes, in its own transaction; the run's progress at every check, so that a reload or crash
// can resume it within about half a second of where it was; and the end, which
// closes the session. Storage failures never stop the timer: they become a message for the run
// screen, and every write is tried again until it succeeds. A closed session is data to keep: the
// browser is asked (once) to keep it, then, and not at Start, where a prompt would interrupt the workout.
import type { Clock } from '../engine/clock';
import { completedRounds } from '../engine/rounds';
import { storeRun } from '../engine/resume';
import {
  LOG_RECORD_VERSION,
  exerciseKeys,
  roundId,
  type RoundRecord,
  type SessionRecord,
  type WorkoutLogRepository,
} from '../storage/log';
import { storageFailure } from './database';
import { persistence } from './persistence.svelte';
import type { Workout } from './workout.svelte';

/**
 * How often the writer looks for completed rounds and saves the run's progress (the run screen also
 * checks at every control, every change of part and when the page is hidden or closed). A crash or
 * a killed tab resumes at most about this much earlier: a write while the page unloads is not sure to
 * finish. A save takes about half a millisecond.
 */
export const LOG_CHECK_MS = 500;

/**
 * The waits between tries to close a session at the end: soon, then every 30 s for as long as the
 * app is open (the finish screen says it is not saved yet; a closed page leaves it to resume or end).
 */
export function* endRetries(): Generator<number, never> {
  yield* [1000, 3000, 10_000];
  for (;;) yield 30_000;
}

/** Writers whose session is ending but not closed yet, by session id: the finish screen shows why. */
// Not reactive on purpose: the finish screen looks its writer up once; the writer's problem is reactive.
const ending = new Map<string, WorkoutLogWriter>(); // eslint-disable-line svelte/prefer-svelte-reactivity

/** The writer still closing this session (its `problem` says why it is not saved), or null once it is. */
export function endingWriter(sessionId: string): WorkoutLogWriter | null {
  return ending.get(sessionId) ?? null;
}

export class WorkoutLogWriter {
  /** Why the log is not being saved right now, for a banner; null while all is written. */
  problem = $state<string | null>(null);
  /** Rounds written so far in this session. */
  roundsWritten = $state(0);
  /** The round written last, for quick logging during the rest after it, with the plan's rep goal if it has one. */
  lastRound = $state.raw<{
    id: string;
    label: string;
    /** Its exercises in order, each with the plan's rep goal (null when the step has none). */
    exercises: { name: string; key: string; plannedReps: number | null }[];
  } | null>(null);
  readonly sessionId: string;
  // Not reactive on purpose: only the count is shown.
  private readonly written = new Set<string>(); // eslint-disable-line svelte/prefer-svelte-reactivity
  private started = false;
  private closed = false;
  private busy: Promise<void> = Promise.resolve();
  /** The run is over: problems are told on the finish screen, where no timer keeps going. */
  private ended = false;

  constructor(
    private readonly workout: Workout,
    /** A repository on the shared connection, asked for at each write (it reopens after a failure). */
    private readonly repository: () => WorkoutLogRepository,
    private readonly clock: Clock,
    /** An interrupted session being resumed: its id and the rounds it already has. */
    resumed: { sessionId: string; roundIds: string[] } | null = null,
    private readonly wallClock: () => number = Date.now,
    /** Runs once the session is closed (the first time, it asks for persistent storage). */
    private readonly afterSave: () => Promise<void> = () => persistence.afterSave(),
  ) {
    this.sessionId = resumed?.sessionId ?? crypto.randomUUID();
    if (resumed) {
      this.started = true;
      for (const id of resumed.roundIds) this.written.add(id);
      this.roundsWritten = this.written.size;
    }
  }

  /** Looks for new rounds and saves progress; safe to call at any time, as often as wanted. */
  sync = (): Promise<void> => {
    this.busy = this.busy.then(async () => void (await this.write()));
    return this.busy;
  };

  /**
   * Closes the session (completed when something was done, abandoned otherwise) after writing what is
   * left; tried again after each of `retryMs` (by default for as long as the app is open), since the run
   * screen is gone by then and nothing else would write it.
   */
  end(status: 'completed' | 'abandoned', retryMs: Iterable<number> = endRetries()): Promise<void> {
    this.ended = true;
    if (!this.closed) ending.set(this.sessionId, this);
    this.busy = this.busy.then(async () => {
      const endedAt = this.wallClock();
      const run = this.run();
      const waits = retryMs[Symbol.iterator]();
      for (let wait = 0; ;) {
        if (wait) await new Promise((resolve) => setTimeout(resolve, wait));
        if (this.closed) break;
        // Closed only once every round is in: a session closed over a failed round write would lose it.
        if ((await this.write()) && this.started) {
          try {
            await this.repository().closeSession(this.sessionId, status, endedAt, run);
            this.closed = true;
            this.problem = null;
            void this.afterSave().catch(() => {});
            break;
          } catch (err) {
            this.problem = this.describe(err);
          }
        } // else a round, or the session itself, could not be written yet
        const next = waits.next();
        if (next.done) break;
        wait = next.value;
      }
      if (this.closed && ending.get(this.sessionId) === this) ending.delete(this.sessionId);
    });
    return this.busy;
  }

  /** What the person reads when the log cannot be written, during the run or after it. */
  private describe(err: unknown): string {
    return this.ended
      ? `This workout is not saved in the log yet: ${storageFailure(err)}. Saving is tried again while the app is open.`
      : logProblem(err);
  }

  /** The clock instant mapped to the wall clock (the page's clock restarts on reload; the wall does not). */
  private wallAt(clockAt: number): number {
    return Math.round(this.wallClock() - (this.clock.now() - clockAt));
  }

  private run() {
    return storeRun(this.workout.runner.runLog, this.clock.now());
  }

  /** Writes what is new; true when everything is written (or nothing is due), false when a write failed. */
  private async write(): Promise<boolean> {
    const log = this.workout.runner.runLog;
    if (this.closed || log.startedAt === null) return true;
    const now = this.clock.now();
    try {
      if (!this.started) {
        await this.repository().startSession(this.newSession());
        this.started = true;
      }
      for (const round of completedRounds(this.workout.circuit, this.workout.timeline, log, now)) {
        const id = roundId(this.sessionId, round.blockIndex, round.round);
        if (this.written.has(id)) continue;
        const record: RoundRecord = {
          recordVersion: LOG_RECORD_VERSION,
          id,
          sessionId: this.sessionId,
          blockIndex: round.blockIndex,
          blockId: round.blockId,
          blockName: round.blockName,
          round: round.round,
          rounds: round.rounds,
          exercises: round.exercises,
          exerciseKeys: exerciseKeys(round.exercises),
          completedAt: this.wallAt(round.completedAt),
          reps: null,
          loadKg: null,
          rpe: null,
        };
        await this.repository().addRound(record);
        this.written.add(id);
        this.roundsWritten = this.written.size;
        const steps = this.workout.circuit.blocks[round.blockIndex]?.steps ?? [];
        this.lastRound = {
          id,
          label: `${round.blockName}, round ${round.round} of ${round.rounds}`,
          exercises: round.exercises.map((e) => ({
            name: e.name,
            key: exerciseKeys([e])[0]!,
            plannedReps: steps.find((s) => s.id === e.stepId)?.reps ?? null,
          })),
        };
      }
      await this.repository().saveProgress(this.sessionId, this.run());
      this.problem = null;
      return true;
    } catch (err) {
      this.problem = this.describe(err);
      return false;
    }
  }

  private newSession(): SessionRecord {
    const wall = this.wallClock();
    return {
      recordVersion: LOG_RECORD_VERSION,
      id: this.sessionId,
      circuitId: this.workout.circuit.id,
      circuit: $state.snapshot(this.workout.circuit),
      startedAt: this.wallAt(this.workout.runner.runLog.startedAt!),
      endedAt: null,
      status: 'running',
      run: this.run(),
      updatedAt: wall,
    };
  }
}

/** What the person reads when the log cannot be written: why, and that the timer goes on. */
export function logProblem(err: unknown): string {
  return `The log is not being saved: ${storageFailure(err)}. The timer keeps going, and saving is tried again.`;
}
