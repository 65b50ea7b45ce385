// A run kept across a reload or a crash. performance.now() starts again at 0 in a new page, so a
// run is stored relative to its start, with the last instant known to have happened; resuming puts
// it back on the new page's clock, paused at that instant.
import type { RunEvent, RunLog } from './runner';

export interface StoredRun {
  /** The run's events, `at` in ms since Start. */
  events: RunEvent[];
  /** The last instant known to have happened, ms since Start. */
  lastKnownMs: number;
}

/** The run as of clock instant `now`, relative to its start. */
export function storeRun(log: RunLog, now: number): StoredRun {
  if (log.startedAt === null) throw new Error('storeRun: the run has not started');
  const start = log.startedAt;
  const lastEvent = log.events.at(-1)?.at ?? start;
  return {
    events: log.events.map((e) => ({ ...e, at: e.at - start })),
    lastKnownMs: Math.max(now, lastEvent) - start,
  };
}

/**
 * The stored run on a clock that reads `now`: everything as it was `lastKnownMs` after Start, with a
 * pause at that instant (unless it was paused already), so no time passes while nobody was there.
 */
export function resumeRun(stored: StoredRun, now: number): RunLog {
  const startedAt = now - stored.lastKnownMs;
  const events: RunEvent[] = stored.events
    .filter((e) => e.at <= stored.lastKnownMs)
    .map((e) => ({ ...e, at: e.at + startedAt }));
  let paused = false;
  for (const e of events) {
    if (e.type === 'pause') paused = true;
    else if (e.type === 'resume') paused = false;
  }
  if (!paused) events.push({ type: 'pause', at: now });
  return { startedAt, events };
}
