// Consistency at a glance, as pure functions of the log: sessions this week against a weekly target,
// the streak of weeks that met it, work time, and rounds per week for the chart. Weeks start on
// Monday at midnight, local time (how people plan training weeks).

export const DEFAULT_WEEKLY_TARGET = 3;
export const CHART_WEEKS = 12;

/** The fields the stats need: any session or round record has them. */
export interface SessionLike {
  startedAt: number;
  status: 'running' | 'completed' | 'abandoned';
}
export interface RoundLike {
  completedAt: number;
  exercises: readonly { workMs: number }[];
}

export interface Week {
  /** Monday 00:00 local, ms. */
  start: number;
  sessions: number;
  rounds: number;
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
  workMs: number;
}

/** Monday 00:00, local time, of the week holding instant `t`. */
export function startOfWeek(t: number): number {
  const d = new Date(t);
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return d.getTime();
}

/** The Monday `n` weeks before (or after, n < 0) the week starting `weekStart` (DST-safe). */
export function weeksBefore(weekStart: number, n: number): number {
  const d = new Date(weekStart);
  d.setDate(d.getDate() - 7 * n);
  return d.getTime();
}

/** A session counts towards the target once it is completed (ended early or unfinished ones don't). */
const counts = (s: SessionLike) => s.status === 'completed';

/**
 * Stats as of `now` from the sessions (any period: the more weeks back, the longer a streak can be
 * seen) and the rounds of at least the last CHART_WEEKS weeks.
 */
export function weekStats(
  sessions: readonly SessionLike[],
  rounds: readonly RoundLike[],
  target: number,
  now: number,
): WeekStats {
  const thisWeekStart = startOfWeek(now);
  const starts = Array.from({ length: CHART_WEEKS }, (_, i) => weeksBefore(thisWeekStart, CHART_WEEKS - 1 - i));
  const weeks: Week[] = starts.map((start) => ({ start, sessions: 0, rounds: 0, workMs: 0 }));
  const byStart = new Map(weeks.map((w) => [w.start, w]));

  const perWeek = new Map<number, number>();
  for (const s of sessions) {
    if (!counts(s)) continue;
    const week = startOfWeek(s.startedAt);
    perWeek.set(week, (perWeek.get(week) ?? 0) + 1);
    const w = byStart.get(week);
    if (w) w.sessions++;
  }
  let workMs = 0;
  for (const r of rounds) {
    const w = byStart.get(startOfWeek(r.completedAt));
    const work = r.exercises.reduce((sum, e) => sum + e.workMs, 0);
    workMs += work;
    if (!w) continue;
    w.rounds++;
    w.workMs += work;
  }

  const thisWeek = perWeek.get(thisWeekStart) ?? 0;
  // This week still counts towards the streak while it is under way: it starts from last week then.
  let week = thisWeek >= target ? thisWeekStart : weeksBefore(thisWeekStart, 1);
  let streak = 0;
  while ((perWeek.get(week) ?? 0) >= target) {
    streak++;
    week = weeksBefore(week, 1);
  }
  return { target, thisWeek, streak, weeks, workMs };
}

/** "Week of 3 Nov": a week's label for the chart and its table. */
export function weekLabel(start: number): string {
  return `Week of ${new Date(start).toLocaleDateString(undefined, { day: 'numeric', month: 'short' })}`;
}
