// Per-exercise history: every exercise in the log, and for the one chosen, its rounds newest first
// with reps, load and effort, to see progress (a heavier row, more reps at the same effort).
import { findExercise } from '../data/exercises';
import { exerciseEntry, type RoundRecord } from '../storage/log';
import type { Database } from '../storage/db';
import { database, storageFailure } from './database';
import { workoutLog } from './log-repository';

export interface ExerciseOption {
  key: string;
  name: string;
}

export interface ExerciseRound {
  id: string;
  completedAt: number;
  circuitRound: string;
  workMs: number;
  reps: number | null;
  loadKg: number | null;
  rpe: number | null;
}

/** How many of an exercise's rounds are listed (the newest). */
export const EXERCISE_ROUNDS_SHOWN = 50;

/** The name to show for an index key: the library's name, or a custom exercise's own (stored lower-case). */
export function exerciseName(key: string): string {
  if (key.startsWith('name:')) {
    const name = key.slice(5);
    return name.charAt(0).toUpperCase() + name.slice(1);
  }
  return findExercise(key)?.name ?? key;
}

export class ExerciseHistory {
  options = $state.raw<ExerciseOption[]>([]);
  chosen = $state<string | null>(null);
  rounds = $state.raw<ExerciseRound[]>([]);
  problem = $state<string | null>(null);

  constructor(
    private readonly open: () => Promise<Database> = database,
    private readonly repository = workoutLog,
  ) {}

  /**
   * Every exercise in the log, by name, read from the index's keys only: one new cursor per exercise,
   * opened just past the last one's key. Chromium walks every round on the way when a cursor steps over
   * them ('nextunique', or continue() to a key): tens of milliseconds per exercise with a log of years,
   * where opening a cursor at a key is a seek.
   */
  async load(): Promise<void> {
    try {
      const index = (await this.open()).transaction('rounds').store.index('by-exercise');
      const keys: string[] = [];
      // Keys are strings: a damaged round's other keys sort apart, and are left out.
      let cursor = await index.openKeyCursor(IDBKeyRange.lowerBound(''));
      while (cursor && typeof cursor.key === 'string') {
        keys.push(cursor.key);
        cursor = await index.openKeyCursor(IDBKeyRange.lowerBound(cursor.key, true));
      }
      this.options = keys.map((key) => ({ key, name: exerciseName(key) })).sort((a, b) => a.name.localeCompare(b.name));
      this.problem = null;
    } catch (err) {
      this.problem = `The exercises cannot be read: ${storageFailure(err)}.`;
    }
  }

  async choose(key: string | null): Promise<void> {
    this.chosen = key;
    if (key === null) {
      this.rounds = [];
      return;
    }
    try {
      const records = await this.repository().roundsForExercise(key);
      this.rounds = records
        .slice(-EXERCISE_ROUNDS_SHOWN)
        .reverse()
        .map((r) => toRow(r, key));
      this.problem = null;
    } catch (err) {
      this.problem = `That exercise’s rounds cannot be read: ${storageFailure(err)}.`;
    }
  }
}

function toRow(r: RoundRecord, key: string): ExerciseRound {
  const matches = (e: RoundRecord['exercises'][number]) =>
    key.startsWith('name:') ? `name:${e.name.trim().toLowerCase()}` === key : e.exerciseId === key;
  const entries = r.exercises.flatMap((e, i) => (matches(e) ? [exerciseEntry(r, i)] : []));
  return {
    id: r.id,
    completedAt: r.completedAt,
    circuitRound: `${r.blockName}, round ${r.round} of ${r.rounds}`,
    workMs: r.exercises.filter(matches).reduce((sum, e) => sum + e.workMs, 0),
    // The exercise's own entry (else the round's); twice in a round: its reps added, its heaviest load.
    reps: sumOrNull(entries.map((e) => e.reps)),
    loadKg: maxOrNull(entries.map((e) => e.loadKg)),
    rpe: r.rpe,
  };
}

function sumOrNull(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : known.reduce((a, b) => a + b, 0);
}

function maxOrNull(values: (number | null)[]): number | null {
  const known = values.filter((v): v is number => v !== null);
  return known.length === 0 ? null : Math.max(...known);
}
