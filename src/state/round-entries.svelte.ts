// Quick logging: reps, load and effort (RPE) for rounds already in the log, entered in a tap or two
// during a rest or on the finish screen. Optional: a round without them is complete as it is.
import type { RoundEntry, RoundRecord } from '../storage/log';
import { storageFailure } from './database';
import { workoutLog } from './log-repository';
import { persistence } from './persistence.svelte';
import { session } from './session.svelte';

/**
 * Asks for persistent storage after an entry is saved, but not during a workout (an entry in a rest):
 * a prompt then would interrupt it, and the workout's end asks anyway.
 */
const askUnlessUnderway = (): Promise<void> => (session.underway ? Promise.resolve() : persistence.afterSave());

export interface LoggedRound {
  id: string;
  /** "Main, round 2 of 3". */
  label: string;
  entry: Required<RoundEntry>;
}

const entryOf = (r: RoundRecord): Required<RoundEntry> => ({ reps: r.reps, loadKg: r.loadKg, rpe: r.rpe });

export class RoundEntries {
  rounds = $state.raw<LoggedRound[]>([]);
  problem = $state<string | null>(null);
  /** Announced after each save ("Round 2: effort 8 saved."). */
  status = $state('');

  constructor(
    private readonly repository = workoutLog,
    /** Runs after each successful save (the first time, it asks for persistent storage). */
    private readonly afterSave: () => Promise<void> = askUnlessUnderway,
  ) {}

  /** The rounds of a logged session, in order. */
  async load(sessionId: string): Promise<void> {
    try {
      const found = await this.repository().getSession(sessionId);
      this.rounds = (found?.rounds ?? []).map((r) => ({
        id: r.id,
        label: `${r.blockName}, round ${r.round} of ${r.rounds}`,
        entry: entryOf(r),
      }));
      this.problem = null;
    } catch (err) {
      this.problem = `Your rounds cannot be read: ${storageFailure(err)}.`;
    }
  }

  /** Saves part of a round's entry; the message says what was saved, or why not. */
  async save(roundId: string, label: string, patch: RoundEntry): Promise<void> {
    try {
      const saved = await this.repository().updateRoundEntry(roundId, patch);
      const entry = entryOf(saved);
      const known = this.rounds.some((r) => r.id === roundId);
      this.rounds = known
        ? this.rounds.map((r) => (r.id === roundId ? { ...r, entry } : r))
        : [...this.rounds, { id: roundId, label, entry }];
      this.problem = null;
      const what = [
        patch.rpe !== undefined && `effort ${entry.rpe ?? 'cleared'}`,
        patch.reps !== undefined && `${entry.reps ?? 'no'} reps`,
        patch.loadKg !== undefined && `${entry.loadKg ?? 'no'} kg`,
      ].filter(Boolean);
      this.status = `${label}: ${what.join(', ')} saved.`;
      void this.afterSave().catch(() => {});
    } catch (err) {
      this.problem = err instanceof Error && err.name === 'LogWriteError' ? err.message : storageFailure(err);
    }
  }

  /**
   * What to offer for a round's reps and load before anything is entered: the last values entered for
   * a round here (the same exercises, a round ago), else the plan's rep goal and no load.
   */
  suggestion(plannedReps: number | null): { reps: number | null; loadKg: number | null } {
    const last = (field: 'reps' | 'loadKg') =>
      this.rounds.findLast((r) => r.entry[field] !== null)?.entry[field] ?? null;
    return { reps: last('reps') ?? plannedReps, loadKg: last('loadKg') };
  }

  entryFor(roundId: string): Required<RoundEntry> | null {
    return this.rounds.find((r) => r.id === roundId)?.entry ?? null;
  }
}
