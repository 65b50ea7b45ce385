import { describe, expect, it } from 'vitest';
import {
  CHART_WEEKS,
  startOfWeek,
  weekStats,
  weeksBefore,
  type RoundLike,
  type SessionLike,
} from '../../../src/state/stats';

// Wednesday 19 November 2025, 18:00 local time.
const NOW = new Date(2025, 10, 19, 18, 0).getTime();
const day = (daysAgo: number, hour = 9) => {
  const d = new Date(NOW);
  d.setDate(d.getDate() - daysAgo);
  d.setHours(hour, 0, 0, 0);
  return d.getTime();
};
const session = (t: number, status: SessionLike['status'] = 'completed'): SessionLike => ({ startedAt: t, status });
const round = (t: number, workMs = 60_000): RoundLike => ({ completedAt: t, exercises: [{ workMs }] });

describe('weeks', () => {
  it('start on Monday at midnight, local time', () => {
    expect(new Date(startOfWeek(NOW))).toEqual(new Date(2025, 10, 17, 0, 0));
    expect(startOfWeek(new Date(2025, 10, 17, 0, 0).getTime())).toBe(new Date(2025, 10, 17).getTime());
    expect(startOfWeek(new Date(2025, 10, 23, 23, 59).getTime())).toBe(new Date(2025, 10, 17).getTime());
    // Across the change to winter time (26 October 2025 in Europe): still a Monday at midnight.
    expect(new Date(weeksBefore(startOfWeek(NOW), 4))).toEqual(new Date(2025, 9, 20));
  });
});

describe('weekStats', () => {
  it('counts completed sessions this week against the target; ended early ones do not count', () => {
    const s = weekStats([session(day(0)), session(day(1)), session(day(1), 'abandoned'), session(day(3))], [], 3, NOW);
    // day(3) is the Sunday before: last week.
    expect(s.thisWeek).toBe(2);
    expect(s.target).toBe(3);
  });

  it('a streak counts the weeks in a row that met the target, this week only once it has', () => {
    // Today is a Wednesday: the week n weeks ago runs from 7n + 2 down to 7n − 4 days ago.
    const threeA = (weeksAgo: number) => [0, 1, 2].map((d) => session(day(7 * weeksAgo + d)));
    // Weeks 1, 2 and 3 ago met 3; week 4 ago had 2; this week has 1 so far.
    const sessions = [...threeA(1), ...threeA(2), ...threeA(3), session(day(25)), session(day(26)), session(day(0))];
    expect(weekStats(sessions, [], 3, NOW).streak).toBe(3);
    // Two more today: this week has met it too.
    expect(weekStats([...sessions, session(day(0, 7)), session(day(0, 8))], [], 3, NOW).streak).toBe(4);
    // Nothing last week: no streak, however good the weeks before.
    expect(weekStats([...threeA(2), ...threeA(3)], [], 3, NOW).streak).toBe(0);
  });

  it('rounds and work time per week for the last 12 weeks, oldest first, this week last', () => {
    const s = weekStats([], [round(day(0)), round(day(1)), round(day(8), 30_000), round(day(7 * 20))], 3, NOW);
    expect(s.weeks).toHaveLength(CHART_WEEKS);
    expect(s.weeks.at(-1)).toMatchObject({ start: startOfWeek(NOW), rounds: 2, workMs: 120_000 });
    expect(s.weeks.at(-2)).toMatchObject({ rounds: 1, workMs: 30_000 });
    expect(s.weeks.slice(0, -2).every((w) => w.rounds === 0)).toBe(true);
    // Work time counts every round given, also those older than the chart.
    expect(s.workMs).toBe(60_000 * 3 + 30_000);
  });
});
