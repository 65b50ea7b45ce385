// Consistency at a glance: weeks (Monday at midnight, local time, as people plan training weeks),
// the streak of weeks that met the weekly target, and the chart's weeks. The counting is done by
// the caller's queries (the log's totals per week), so a log of years costs no more than a new one.
import { startOfWeek } from '../storage/week-totals';

export const DEFAULT_WEEKLY_TARGET = 3;
export const CHART_WEEKS = 12;

export interface Week {
  /** Monday 00:00 local, ms. */
  start: number;
  /** Workouts started that week (completed or not). */
  workouts: number;
  rounds: number;
  /** Work time of the week's rounds. */
  workMs: number;
}

export interface WeekStats {
  target: number;
  /** Completed sessions this week. */
  thisWeek: number;
  /** Weeks in a row that met the target, ending with this week if it has, else with last week. */
  streak: number;
  /** The last CHART_WEEKS weeks, oldest first, this week last. */
  weeks: Week[];
}

/** Monday 00:00, local time, of the week holding instant `t` (the log's week totals use the same weeks). */
export { startOfWeek };

/** The Monday `n` weeks before (or after, n < 0) the week starting `weekStart` (DST-safe). */
export function weeksBefore(weekStart: number, n: number): number {
  const d = new Date(weekStart);
  d.setDate(d.getDate() - 7 * n);
  return d.getTime();
}

/** The Mondays of the chart's weeks as of `now`, oldest first. */
export function chartWeeks(now: number): number[] {
  const thisWeek = startOfWeek(now);
  return Array.from({ length: CHART_WEEKS }, (_, i) => weeksBefore(thisWeek, CHART_WEEKS - 1 - i));
}

/**
 * Completed sessions started in [from, to), counted up to `enough` at most (the streak only needs
 * to know that a week met the target, not by how much).
 */
export type CountCompleted = (from: number, to: number, enough: number) => Promise<number>;

/**
 * This week's completed sessions and the streak: weeks in a row that met the target, counting this
 * week only once it has (while it is under way, the streak runs to last week). Stops at the first
 * week that fell short, so it reads a handful of records per week of streak.
 */
export async function streakAndWeek(
  now: number,
  target: number,
  completed: CountCompleted,
): Promise<{ thisWeek: number; streak: number }> {
  const thisWeekStart = startOfWeek(now);
  const thisWeek = await completed(thisWeekStart, weeksBefore(thisWeekStart, -1), Infinity);
  let week = thisWeek >= target ? thisWeekStart : weeksBefore(thisWeekStart, 1);
  let streak = 0;
  while ((await completed(week, weeksBefore(week, -1), target)) >= target) {
    streak++;
    week = weeksBefore(week, 1);
  }
  return { thisWeek, streak };
}

/** "Week of 3 Nov": a week's label for the chart and its table. */
export function weekLabel(start: number): string {
  return `Week of ${new Date(start).toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}`;
}
