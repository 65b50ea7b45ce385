// Quick logging: reps and load for each exercise of a round, and the round's effort (RPE), for rounds
// already in the log, entered in a tap or two during a rest or on the finish screen. Optional: a round
// without them is complete as it is.
import { exerciseEntry, exerciseKeys, type RoundEntry, type RoundRecord } from '../storage/log';
import { storageFailure } from './database';
import { workoutLog } from './log-repository';
import { persistence } from './persistence.svelte';
import { session } from './session.svelte';

/**
 * Asks for persistent storage after an entry is saved, but not during a workout (an entry in a rest):
 * a prompt then would interrupt it, and the workout's end asks anyway.
 */
const askUnlessUnderway = (): Promise<void> => (session.underway ? Promise.resolve() : persistence.afterSave());

/** Reps and load as they hold for one exercise of a round. */
export interface ExerciseValues {
  reps: number | null;
  loadKg: number | null;
}

/** An exercise of a round, named for the person, with its by-exercise key. */
export interface RoundExerciseName {
  name: string;
  key: string;
}

export interface LoggedExercise extends RoundExerciseName, ExerciseValues {}

export interface LoggedRound {
  id: string;
  /** "Main, round 2 of 3". */
  label: string;
  rpe: number | null;
  exercises: LoggedExercise[];
}

function logged(r: RoundRecord, label: string): LoggedRound {
  const keys = r.exercises.map((e) => exerciseKeys([e])[0]!);
  return {
    id: r.id,
    label,
    rpe: r.rpe,
    exercises: r.exercises.map((e, i) => ({ name: e.name, key: keys[i]!, ...exerciseEntry(r, i) })),
  };
}

const roundLabel = (r: RoundRecord) => `${r.blockName}, round ${r.round} of ${r.rounds}`;

export class RoundEntries {
  rounds = $state.raw<LoggedRound[]>([]);
  problem = $state<string | null>(null);
  /** Announced after each save ("Main, round 2 of 3: effort 8 saved."). */
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
      this.rounds = (found?.rounds ?? []).map((r) => logged(r, roundLabel(r)));
      this.problem = null;
    } catch (err) {
      this.problem = `Your rounds cannot be read: ${storageFailure(err)}.`;
    }
  }

  /** Saves part of a round's entry; the message says what was saved, or why not. */
  async save(roundId: string, label: string, patch: RoundEntry): Promise<void> {
    try {
      const saved = logged(await this.repository().updateRoundEntry(roundId, patch), label);
      const known = this.rounds.some((r) => r.id === roundId);
      this.rounds = known ? this.rounds.map((r) => (r.id === roundId ? saved : r)) : [...this.rounds, saved];
      this.problem = null;
      const what = [patch.rpe !== undefined && `effort ${saved.rpe ?? 'cleared'}`];
      patch.exercises?.forEach((entry, i) => {
        const e = saved.exercises[i];
        if (!entry || !e) return;
        const values = [
          entry.reps !== undefined && `${e.reps ?? 'no'} reps`,
          entry.loadKg !== undefined && `${e.loadKg ?? 'no'} kg`,
        ].filter(Boolean);
        what.push(`${e.name} ${values.join(' ')}`);
      });
      this.status = `${label}: ${what.filter(Boolean).join(', ')} saved.`;
      void this.afterSave().catch(() => {});
    } catch (err) {
      this.problem = err instanceof Error && err.name === 'LogWriteError' ? err.message : storageFailure(err);
    }
  }

  /**
   * What to offer for each exercise of a round before anything is entered: the last values entered for
   * that exercise here (a round ago, say), else the plan's rep goal and no load.
   */
  suggestion(exercises: (RoundExerciseName & { plannedReps: number | null })[]): ExerciseValues[] {
    const last = (key: string, field: 'reps' | 'loadKg') => {
      for (let r = this.rounds.length - 1; r >= 0; r--) {
        const found = this.rounds[r]!.exercises.find((e) => e.key === key && e[field] !== null);
        if (found) return found[field];
      }
      return null;
    };
    return exercises.map((e) => ({ reps: last(e.key, 'reps') ?? e.plannedReps, loadKg: last(e.key, 'loadKg') }));
  }

  entryFor(roundId: string): LoggedRound | null {
    return this.rounds.find((r) => r.id === roundId) ?? null;
  }
}
