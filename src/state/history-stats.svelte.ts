// The figures at the top of History: this week against the weekly target, the streak, work time,
// and rounds per week for the chart. Reads only what it needs through the indexes (the last weeks
// of sessions and rounds), so a log of years opens as fast as a new one; the all-time work time is
// summed afterwards, off the first paint.
import type { Database } from '../storage/db';
import { CHART_WEEKS, DEFAULT_WEEKLY_TARGET, startOfWeek, weekStats, weeksBefore } from './stats';
import type { RoundLike, SessionLike, WeekStats } from './stats';
import { database, storageFailure } from './database';

/** Where the settings store keeps the weekly target. */
export const GOALS_KEY = 'goals';
export const MAX_WEEKLY_TARGET = 14;

const isSession = (r: unknown): r is SessionLike =>
  typeof r === 'object' &&
  r !== null &&
  Number.isFinite((r as SessionLike).startedAt) &&
  ['running', 'completed', 'abandoned'].includes((r as SessionLike).status);

const isRound = (r: unknown): r is RoundLike =>
  typeof r === 'object' &&
  r !== null &&
  Number.isFinite((r as RoundLike).completedAt) &&
  Array.isArray((r as RoundLike).exercises) &&
  (r as RoundLike).exercises.every((e) => Number.isFinite(e?.workMs));

/** The records that have the fields the stats read (damaged ones are named on the History list). */
function usable<T>(records: readonly unknown[], guard: (r: unknown) => r is T): T[] {
  const out: T[] = [];
  for (const r of records) if (guard(r)) out.push(r);
  return out;
}

const roundWork = (r: RoundLike) => r.exercises.reduce((sum, e) => sum + e.workMs, 0);

export class HistoryStats {
  stats = $state.raw<WeekStats | null>(null);
  /** Work time of every round ever logged; null while it is being summed. */
  totalWorkMs = $state<number | null>(null);
  target = $state(DEFAULT_WEEKLY_TARGET);
  problem = $state<string | null>(null);

  constructor(
    private readonly open: () => Promise<Database> = database,
    private readonly now: () => number = Date.now,
  ) {}

  async load(): Promise<void> {
    try {
      const db = await this.open();
      const goals = (await db.get('settings', GOALS_KEY)) as { weeklyTarget?: unknown } | undefined;
      const stored = goals?.weeklyTarget;
      if (typeof stored === 'number' && Number.isInteger(stored) && stored >= 1 && stored <= MAX_WEEKLY_TARGET)
        this.target = stored;
      await this.compute(db);
      this.problem = null;
      void this.sumWork(db);
    } catch (err) {
      this.problem = `Your history cannot be read: ${storageFailure(err)}.`;
    }
  }

  /** Changes the weekly target (1–14 sessions), remembered on this device. */
  async setTarget(target: number): Promise<void> {
    if (!Number.isInteger(target) || target < 1 || target > MAX_WEEKLY_TARGET)
      throw new Error(`The weekly target must be a whole number of sessions from 1 to ${MAX_WEEKLY_TARGET}.`);
    this.target = target;
    try {
      const db = await this.open();
      await db.put('settings', { weeklyTarget: target }, GOALS_KEY);
      await this.compute(db);
      this.problem = null;
    } catch (err) {
      this.problem = `The weekly target could not be saved: ${storageFailure(err)}.`;
    }
  }

  private async compute(db: Database): Promise<void> {
    const now = this.now();
    const chartStart = weeksBefore(startOfWeek(now), CHART_WEEKS - 1);
    const rounds = usable(
      await db.getAllFromIndex('rounds', 'by-completed', IDBKeyRange.lowerBound(chartStart)),
      isRound,
    );
    // Sessions as far back as the streak needs: a year more each time it reaches the start of what was read.
    let from = chartStart;
    for (;;) {
      const sessions = usable(
        await db.getAllFromIndex('sessions', 'by-started', IDBKeyRange.lowerBound(from)),
        isSession,
      );
      const stats = weekStats(sessions, rounds, this.target, now);
      const weeksRead = Math.round((startOfWeek(now) - from) / (7 * 24 * 3600 * 1000));
      // The streak broke inside what was read, or nothing older exists: it is known.
      const older = await db.countFromIndex('sessions', 'by-started', IDBKeyRange.upperBound(from, true));
      if (stats.streak < weeksRead || older === 0) {
        this.stats = stats;
        return;
      }
      from = weeksBefore(from, 52);
    }
  }

  private async sumWork(db: Database): Promise<void> {
    let total = 0;
    let cursor = await db.transaction('rounds').store.openCursor();
    while (cursor) {
      if (isRound(cursor.value)) total += roundWork(cursor.value);
      cursor = await cursor.continue();
    }
    this.totalWorkMs = total;
  }
}
