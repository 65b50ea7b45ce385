import { describe, expect, it } from 'vitest';
import { CHART_WEEKS, chartWeeks, startOfWeek, streakAndWeek, weeksBefore } from '../../../src/state/stats';

// Wednesday 19 November 2025, 18:00 local time.
const NOW = new Date(2025, 10, 19, 18, 0).getTime();
const day = (daysAgo: number, hour = 9) => {
  const d = new Date(NOW);
  d.setDate(d.getDate() - daysAgo);
  d.setHours(hour, 0, 0, 0);
  return d.getTime();
};

/** Completed sessions at these instants, counted as the app's query does, recording what was asked. */
function counter(completedAt: number[]) {
  const asked: number[] = [];
  const count = async (from: number, to: number, enough: number) => {
    asked.push(from);
    return Math.min(enough, completedAt.filter((t) => t >= from && t < to).length);
  };
  return { count, asked };
}

describe('weeks', () => {
  it('start on Monday at midnight, local time', () => {
    expect(new Date(startOfWeek(NOW))).toEqual(new Date(2025, 10, 17, 0, 0));
    expect(startOfWeek(new Date(2025, 10, 17, 0, 0).getTime())).toBe(new Date(2025, 10, 17).getTime());
    expect(startOfWeek(new Date(2025, 10, 23, 23, 59).getTime())).toBe(new Date(2025, 10, 17).getTime());
    // Across the change to winter time (26 October 2025 in Europe): still a Monday at midnight.
    expect(new Date(weeksBefore(startOfWeek(NOW), 4))).toEqual(new Date(2025, 9, 20));
  });

  it('the chart shows the last 12 weeks, oldest first, this week last', () => {
    const weeks = chartWeeks(NOW);
    expect(weeks).toHaveLength(CHART_WEEKS);
    expect(weeks.at(-1)).toBe(startOfWeek(NOW));
    expect(weeks[0]).toBe(weeksBefore(startOfWeek(NOW), 11));
  });
});

describe('streakAndWeek', () => {
  // Today is a Wednesday: the week n weeks ago runs from 7n + 2 down to 7n − 4 days ago.
  const threeIn = (weeksAgo: number) => [0, 1, 2].map((d) => day(7 * weeksAgo + d));

  it('counts this week’s completed sessions, and the weeks in a row that met the target', async () => {
    // Weeks 1, 2 and 3 ago met 3; week 4 ago had 2; this week has 1 so far.
    const sessions = [...threeIn(1), ...threeIn(2), ...threeIn(3), day(25), day(26), day(0)];
    expect(await streakAndWeek(NOW, 3, counter(sessions).count)).toEqual({ thisWeek: 1, streak: 3 });
    // Two more today: this week has met it too.
    expect(await streakAndWeek(NOW, 3, counter([...sessions, day(0, 7), day(0, 8)]).count)).toEqual({
      thisWeek: 3,
      streak: 4,
    });
  });

  it('nothing last week means no streak, however good the weeks before', async () => {
    expect((await streakAndWeek(NOW, 3, counter([...threeIn(2), ...threeIn(3)]).count)).streak).toBe(0);
  });

  it('asks about each week of the streak once, and stops at the first week that fell short', async () => {
    const sessions = Array.from({ length: 60 }, (_, w) => threeIn(w + 1)).flat();
    const { count, asked } = counter(sessions);
    expect((await streakAndWeek(NOW, 3, count)).streak).toBe(60);
    expect(asked).toHaveLength(1 + 61); // this week, 60 weeks that met it, and the one that did not
  });
});
