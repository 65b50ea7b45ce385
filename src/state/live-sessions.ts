// Which logged workouts are running in some tab right now, so that no other tab offers them as
// interrupted: the tab running one holds a Web Lock named after it for as long as it runs it (the
// browser lets go when the tab closes or crashes). Without Web Locks, a workout whose progress was
// saved in the last few seconds counts as running (progress is saved twice a second).
import type { SessionRecord } from '../storage/log';

export const SESSION_LOCK_PREFIX = 'circuit-timer-session:';
/** Without Web Locks: progress saved this recently means a tab is still running the workout. */
export const LIVE_PROGRESS_MS = 5000;

/** The part of the Web Locks API (navigator.locks) used here. */
export interface SessionLocks {
  request(name: string, callback: () => Promise<void>): Promise<unknown>;
  query(): Promise<{ held?: { name?: string }[] }>;
}

const browserLocks = (): SessionLocks | null =>
  typeof navigator !== 'undefined' && navigator.locks ? navigator.locks : null;

export class LiveSessions {
  constructor(
    private readonly locks: SessionLocks | null = browserLocks(),
    private readonly now: () => number = Date.now,
  ) {}

  /** Holds the session's lock until the returned function is called. */
  hold(sessionId: string): () => void {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    void this.locks?.request(SESSION_LOCK_PREFIX + sessionId, () => held).catch(() => {});
    return release;
  }

  /** The open sessions that no tab is running: those a person can resume or end. */
  async leftOpen(sessions: SessionRecord[]): Promise<SessionRecord[]> {
    if (!this.locks) return sessions.filter((s) => this.now() - s.updatedAt >= LIVE_PROGRESS_MS);
    const { held = [] } = await this.locks.query();
    const running = new Set(held.map((lock) => lock.name));
    return sessions.filter((s) => !running.has(SESSION_LOCK_PREFIX + s.id));
  }
}

export const liveSessions = new LiveSessions();
