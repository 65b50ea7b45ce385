// The figures at the top of History: this week against the weekly target, the streak, work time,
// and rounds per week for the chart. Everything on first paint comes from the indexes (counts, and a
// few session records per week of streak), so a log of years opens as fast as a new one; work time
// is summed afterwards in short transactions that never hold up a write, and stops when the screen goes.
import type { Database } from '../storage/db';
import { DEFAULT_WEEKLY_TARGET, chartWeeks, streakAndWeek, weeksBefore, type WeekStats } from './stats';
import { database, storageFailure } from './database';
import { persistence } from './persistence.svelte';

/** Where the settings store keeps the weekly target. */
export const GOALS_KEY = 'goals';
export const MAX_WEEKLY_TARGET = 14;
/** Rounds read per transaction while summing work time. */
const WORK_CHUNK = 2000;

/** The work time of a stored round, 0 when its record is not readable. */
function roundWork(r: unknown): number {
  const exercises = (r as { exercises?: unknown })?.exercises;
  if (!Array.isArray(exercises)) return 0;
  let sum = 0;
  for (const e of exercises) if (Number.isFinite(e?.workMs)) sum += e.workMs;
  return sum;
}

export class HistoryStats {
  stats = $state.raw<WeekStats | null>(null);
  /** Work time of the chart's 12 weeks and of every round ever logged; null while being summed. */
  recentWorkMs = $state<number | null>(null);
  totalWorkMs = $state<number | null>(null);
  target = $state(DEFAULT_WEEKLY_TARGET);
  problem = $state<string | null>(null);
  private stopped = false;

  constructor(
    private readonly open: () => Promise<Database> = database,
    private readonly now: () => number = Date.now,
    /** Runs after the weekly target is saved (the first save asks for persistent storage). */
    private readonly afterSave: () => Promise<void> = () => persistence.afterSave(),
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
      void this.sumWork(db).catch(() => {}); // the figures stay "counting…" if it fails
    } catch (err) {
      this.problem = `Your history cannot be read: ${storageFailure(err)}.`;
    }
  }

  /** Stops the background summing (the screen is gone). */
  stop(): void {
    this.stopped = true;
  }

  /** Changes the weekly target (1–14 sessions), remembered on this device. */
  async setTarget(target: number): Promise<void> {
    if (!Number.isInteger(target) || target < 1 || target > MAX_WEEKLY_TARGET)
      throw new Error(`The weekly target must be a whole number of sessions from 1 to ${MAX_WEEKLY_TARGET}.`);
    this.target = target;
    try {
      const db = await this.open();
      await db.put('settings', { weeklyTarget: target }, GOALS_KEY);
      void this.afterSave().catch(() => {});
      await this.compute(db, this.stats?.weeks);
      this.problem = null;
    } catch (err) {
      this.problem = `The weekly target could not be saved: ${storageFailure(err)}.`;
    }
  }

  private async compute(db: Database, weeks?: WeekStats['weeks']): Promise<void> {
    const now = this.now();
    const week = (start: number) => IDBKeyRange.bound(start, weeksBefore(start, -1), false, true);
    weeks ??= await Promise.all(
      chartWeeks(now).map(async (start) => ({
        start,
        workouts: await db.countFromIndex('sessions', 'by-started', week(start)),
        rounds: await db.countFromIndex('rounds', 'by-completed', week(start)),
        workMs: null,
      })),
    );
    const { thisWeek, streak } = await streakAndWeek(now, this.target, async (from, to, enough) => {
      let count = 0;
      let cursor = await db
        .transaction('sessions')
        .store.index('by-started')
        .openCursor(IDBKeyRange.bound(from, to, false, true));
      while (cursor && count < enough) {
        if ((cursor.value as { status?: unknown }).status === 'completed') count++;
        cursor = await cursor.continue();
      }
      return count;
    });
    this.stats = { target: this.target, thisWeek, streak, weeks };
  }

  /** Sums work time, a chunk of rounds per transaction (writes go between them), stopping if the screen goes. */
  private async sumWork(db: Database): Promise<void> {
    const weeks = this.stats?.weeks;
    if (!weeks) return;
    const chartStart = weeks[0]!.start;
    const perWeek = weeks.map(() => 0);
    let total = 0;
    let recent = 0;
    let after: string | null = null;
    for (;;) {
      if (this.stopped) return;
      // By id, which is unique: no round is skipped or counted twice at a chunk's edge.
      const values: unknown[] = await db.getAll(
        'rounds',
        after === null ? undefined : IDBKeyRange.lowerBound(after, true),
        WORK_CHUNK,
      );
      for (const r of values) {
        const work = roundWork(r);
        total += work;
        const at = (r as { completedAt?: unknown }).completedAt;
        if (typeof at === 'number' && at >= chartStart) {
          recent += work;
          const i = weeks.findLastIndex((w) => w.start <= at);
          if (i >= 0) perWeek[i]! += work;
        }
      }
      if (values.length < WORK_CHUNK) break;
      after = String((values.at(-1) as { id: unknown }).id);
    }
    this.recentWorkMs = recent;
    this.totalWorkMs = total;
    if (this.stats) this.stats = { ...this.stats, weeks: weeks.map((w, i) => ({ ...w, workMs: perWeek[i]! })) };
  }
}
