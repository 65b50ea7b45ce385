// The figures at the top of History: this week against the weekly target, the streak, work time,
// and rounds per week for the chart. All of it comes from the log's totals per week (one small record
// a week, kept by the repository in step with the log), read in one transaction with the target: a
// log of years opens as fast as a new one.
import type { Database } from '../storage/db';
import { GOALS_KEY, MAX_WEEKLY_TARGET } from '../storage/settings';
import { weekOfTotals, type WeekTotals } from '../storage/week-totals';
import { DEFAULT_WEEKLY_TARGET, chartWeeks, streakAndWeek, type WeekStats } from './stats';
import { database, storageFailure } from './database';
import { persistence } from './persistence.svelte';

export { GOALS_KEY, MAX_WEEKLY_TARGET };

export class HistoryStats {
  stats = $state.raw<WeekStats | null>(null);
  /** Work time of the chart's 12 weeks and of every round ever logged. */
  recentWorkMs = $state<number | null>(null);
  totalWorkMs = $state<number | null>(null);
  target = $state(DEFAULT_WEEKLY_TARGET);
  problem = $state<string | null>(null);
  /** The totals as last read, by the local week they belong to now (replaced whole, so not reactive). */
  private weeks = new Map<number, Omit<WeekTotals, 'start'>>(); // eslint-disable-line svelte/prefer-svelte-reactivity

  constructor(
    private readonly open: () => Promise<Database> = database,
    private readonly now: () => number = Date.now,
    /** Runs after the weekly target is saved (the first save asks for persistent storage). */
    private readonly afterSave: () => Promise<void> = () => persistence.afterSave(),
  ) {}

  async load(): Promise<void> {
    try {
      const db = await this.open();
      const tx = db.transaction(['weeks', 'settings']);
      const [totals, goals] = await Promise.all([
        tx.objectStore('weeks').getAll(),
        tx.objectStore('settings').get(GOALS_KEY) as Promise<{ weeklyTarget?: unknown } | undefined>,
        tx.done,
      ]);
      const stored = goals?.weeklyTarget;
      if (typeof stored === 'number' && Number.isInteger(stored) && stored >= 1 && stored <= MAX_WEEKLY_TARGET)
        this.target = stored;
      this.weeks = byWeek(totals);
      await this.compute();
      this.problem = null;
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
      void this.afterSave().catch(() => {});
      await this.compute();
      this.problem = null;
    } catch (err) {
      this.problem = `The weekly target could not be saved: ${storageFailure(err)}.`;
    }
  }

  private async compute(): Promise<void> {
    const now = this.now();
    const none = { workouts: 0, completed: 0, rounds: 0, workMs: 0 };
    const weeks = chartWeeks(now).map((start) => {
      const { workouts, rounds, workMs } = this.weeks.get(start) ?? none;
      return { start, workouts, rounds, workMs };
    });
    const { thisWeek, streak } = await streakAndWeek(
      now,
      this.target,
      async (from) => this.weeks.get(from)?.completed ?? 0,
    );
    let total = 0;
    for (const week of this.weeks.values()) total += week.workMs;
    this.totalWorkMs = total;
    this.recentWorkMs = weeks.reduce((sum, w) => sum + w.workMs, 0);
    this.stats = { target: this.target, thisWeek, streak, weeks };
  }
}

/** Stored totals summed by the local week they belong to now (after a change of time zone, two may share one). */
function byWeek(totals: WeekTotals[]): Map<number, Omit<WeekTotals, 'start'>> {
  const weeks = new Map<number, Omit<WeekTotals, 'start'>>(); // eslint-disable-line svelte/prefer-svelte-reactivity
  for (const t of totals) {
    const start = weekOfTotals(t.start);
    const week = weeks.get(start) ?? { workouts: 0, completed: 0, rounds: 0, workMs: 0 };
    week.workouts += t.workouts;
    week.completed += t.completed;
    week.rounds += t.rounds;
    week.workMs += t.workMs;
    weeks.set(start, week);
  }
  return weeks;
}
