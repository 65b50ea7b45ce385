// Per-week totals of the workout log — workouts started, workouts completed, rounds and their work
// time, by the local week (Monday 00:00) they fall in — so that History's figures read a record per
// week instead of every session and round. Kept up to date in the same transaction as every write to
// sessions and rounds, and built from the log by the upgrade to version 4. Counted like the indexes
// count: any stored record with a usable time, damaged or not, so totals and lists always agree.
import type { IDBPObjectStore, IDBPTransaction, StoreNames } from 'idb';
import type { CircuitTimerDB } from './db';

export interface WeekTotals {
  /** Monday 00:00, local time when it was written, ms. */
  start: number;
  /** Sessions started that week, whatever their status. */
  workouts: number;
  /** Sessions started that week that ended completed. */
  completed: number;
  rounds: number;
  workMs: number;
}

type Counts = Omit<WeekTotals, 'start'>;
const DAY = 24 * 3600 * 1000;

/** Monday 00:00, local time, of the week holding instant `t`. */
export function startOfWeek(t: number): number {
  const d = new Date(t);
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return d.getTime();
}

/**
 * The local week a stored total belongs to now. Its key is the week's Monday as it was when written;
 * after a change of time zone that Monday is a few hours off, and the middle of its week is still in it.
 */
export function weekOfTotals(start: number): number {
  return startOfWeek(start + 3.5 * DAY);
}

/** Changes to the totals, by week, collected over a transaction's records and applied together. */
export class WeekChanges {
  private readonly weeks = new Map<number, Counts>();

  /** A session record added (`sign` 1) or removed (-1); one without a usable start time counts nowhere. */
  session(record: unknown, sign: 1 | -1): this {
    const { startedAt, status } = (record ?? {}) as { startedAt?: unknown; status?: unknown };
    if (typeof startedAt !== 'number' || !Number.isFinite(startedAt)) return this;
    return this.add(startedAt, { workouts: sign, completed: status === 'completed' ? sign : 0 });
  }

  /** A session started at `startedAt` became completed. */
  completed(startedAt: number): this {
    return this.add(startedAt, { completed: 1 });
  }

  /** A round record added (`sign` 1) or removed (-1). */
  round(record: unknown, sign: 1 | -1): this {
    const { completedAt } = (record ?? {}) as { completedAt?: unknown };
    if (typeof completedAt !== 'number' || !Number.isFinite(completedAt)) return this;
    return this.add(completedAt, { rounds: sign, workMs: sign * roundWork(record) });
  }

  /** Adds the changes to the stored totals (a get and a put per week touched). */
  async apply(
    store: IDBPObjectStore<
      CircuitTimerDB,
      ArrayLike<StoreNames<CircuitTimerDB>>,
      'weeks',
      'readwrite' | 'versionchange'
    >,
  ): Promise<void> {
    for (const [start, change] of this.weeks) {
      const stored = (await store.get(start)) ?? { start, workouts: 0, completed: 0, rounds: 0, workMs: 0 };
      await store.put({
        start,
        workouts: stored.workouts + change.workouts,
        completed: stored.completed + change.completed,
        rounds: stored.rounds + change.rounds,
        workMs: stored.workMs + change.workMs,
      });
    }
  }

  private add(t: number, change: Partial<Counts>): this {
    const start = startOfWeek(t);
    // An instant past what a Date holds (a damaged record's 1e308) is in no week, and NaN is no key.
    if (Number.isNaN(start)) return this;
    const week = this.weeks.get(start) ?? { workouts: 0, completed: 0, rounds: 0, workMs: 0 };
    week.workouts += change.workouts ?? 0;
    week.completed += change.completed ?? 0;
    week.rounds += change.rounds ?? 0;
    week.workMs += change.workMs ?? 0;
    this.weeks.set(start, week);
    return this;
  }
}

/** The work time of a stored round, 0 when its record has none readable. */
export function roundWork(record: unknown): number {
  const exercises = (record as { exercises?: unknown } | null)?.exercises;
  if (!Array.isArray(exercises)) return 0;
  let sum = 0;
  for (const e of exercises) if (Number.isFinite(e?.workMs)) sum += e.workMs;
  return sum;
}

/** Builds the totals from every session and round, replacing what is there (the upgrade to version 4). */
export async function buildWeekTotals(
  tx: IDBPTransaction<CircuitTimerDB, ArrayLike<StoreNames<CircuitTimerDB>>, 'versionchange' | 'readwrite'>,
): Promise<void> {
  const changes = new WeekChanges();
  for (let c = await tx.objectStore('sessions').openCursor(); c; c = await c.continue()) changes.session(c.value, 1);
  for (let c = await tx.objectStore('rounds').openCursor(); c; c = await c.continue()) changes.round(c.value, 1);
  const weeks = tx.objectStore('weeks');
  await weeks.clear();
  await changes.apply(weeks);
}
