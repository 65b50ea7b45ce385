import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/storage/db';
import { GOALS_KEY, HistoryStats } from '../../../src/state/history-stats.svelte';
import { startOfWeek, weeksBefore } from '../../../src/state/stats';
import { buildWeekTotals } from '../../../src/storage/week-totals';

let dbCount = 0;
const NOW = new Date(2025, 10, 19, 18, 0).getTime(); // a Wednesday
const HOUR = 3600 * 1000;

/** Puts raw session and round records (only the fields the stats read, plus ids), and totals them as the upgrade does. */
async function fill(db: Database, sessions: { startedAt: number; status: string }[], rounds: number[]) {
  const tx = db.transaction(['sessions', 'rounds'], 'readwrite');
  sessions.forEach((s, i) => void tx.objectStore('sessions').put({ id: `s${i}`, ...s } as never));
  rounds.forEach(
    (t, i) =>
      void tx
        .objectStore('rounds')
        .put({ id: `r${String(i).padStart(5, '0')}`, completedAt: t, exercises: [{ workMs: 60_000 }] } as never),
  );
  await tx.done;
  const totals = db.transaction(['sessions', 'rounds', 'weeks'], 'readwrite');
  await buildWeekTotals(totals);
  await totals.done;
}

describe('HistoryStats', () => {
  it('reads the week, the streak (however long), the chart and the work time from the log', async () => {
    const db = await openDatabase(`history-stats-${++dbCount}`);
    const monday = startOfWeek(NOW);
    // Three completed sessions (and one ended early) on the Tuesday of each of the last 60 weeks.
    const sessions = Array.from({ length: 60 }, (_, w) =>
      [0, 1, 2, 3].map((h) => ({
        startedAt: weeksBefore(monday, w + 1) + 24 * HOUR + h * HOUR,
        status: h === 3 ? 'abandoned' : 'completed',
      })),
    ).flat();
    // 450 rounds this week, and one 30 weeks ago.
    const rounds = [...Array.from({ length: 450 }, (_, i) => monday + HOUR + i), weeksBefore(monday, 30)];
    await fill(db, [...sessions, { startedAt: monday + HOUR, status: 'completed' }], rounds);
    const stats = new HistoryStats(
      async () => db,
      () => NOW,
    );
    await stats.load();
    expect(stats.stats).toMatchObject({ thisWeek: 1, target: 3, streak: 60 });
    expect(stats.stats!.weeks.at(-1)).toEqual({ start: monday, workouts: 1, rounds: 450, workMs: 450 * 60_000 });
    expect(stats.stats!.weeks.at(-2)).toMatchObject({ workouts: 4, rounds: 0 });
    expect(stats.totalWorkMs).toBe(451 * 60_000);
    expect(stats.recentWorkMs).toBe(450 * 60_000);
  });

  it('reads totals written in another time zone into the week they fall in here', async () => {
    const db = await openDatabase(`history-stats-${++dbCount}`);
    const monday = startOfWeek(NOW);
    // Written 5 hours east and 9 hours west of here: the same week, its Monday a few hours off.
    await db.put('weeks', { start: monday - 5 * HOUR, workouts: 2, completed: 2, rounds: 4, workMs: 100 });
    await db.put('weeks', { start: monday + 9 * HOUR, workouts: 1, completed: 1, rounds: 2, workMs: 50 });
    const stats = new HistoryStats(
      async () => db,
      () => NOW,
    );
    await stats.load();
    expect(stats.stats).toMatchObject({ thisWeek: 3, streak: 1 });
    expect(stats.stats!.weeks.at(-1)).toEqual({ start: monday, workouts: 3, rounds: 6, workMs: 150 });
  });

  it('remembers the weekly target and recomputes with it; refuses a target out of range', async () => {
    const db = await openDatabase(`history-stats-${++dbCount}`);
    await fill(db, [{ startedAt: startOfWeek(NOW) + 1000, status: 'completed' }], []);
    let asks = 0;
    const stats = new HistoryStats(
      async () => db,
      () => NOW,
      async () => void asks++,
    );
    await stats.load();
    expect(stats.stats!.streak).toBe(0);
    await stats.setTarget(1);
    expect(stats.stats!.streak).toBe(1);
    expect(await db.get('settings', GOALS_KEY)).toEqual({ weeklyTarget: 1 });
    expect(asks).toBe(1); // saved: the first save asks the browser to keep the data
    const again = new HistoryStats(
      async () => db,
      () => NOW,
    );
    await again.load();
    expect(again.target).toBe(1);
    await expect(stats.setTarget(0)).rejects.toThrow(/from 1 to 14/);
    await expect(stats.setTarget(2.5)).rejects.toThrow(/whole number/);
  });

  it('a storage failure becomes a message', async () => {
    const stats = new HistoryStats(
      () => Promise.reject(new DOMException('no', 'SecurityError')),
      () => NOW,
    );
    await stats.load();
    expect(stats.problem).toMatch(/^Your history cannot be read: this browser does not allow saving here/);
  });
});
