// The History screen's state: the logged workouts a page at a time, newest first, each with its
// rounds counted, and one workout with its rounds for the detail screen. A delete keeps what it
// removed, so that it can be undone until the next delete or until the screen is left.
import type { Database } from '../storage/db';
import type { DamagedRecord } from '../storage/circuits';
import {
  LogReadError,
  LogWriteError,
  WorkoutLogRepository,
  type RemovedSession,
  type RoundRecord,
  type SessionRecord,
  type SessionStatus,
} from '../storage/log';
import { database, storageFailure } from './database';

export { exerciseEntry } from '../storage/log';

/** Sessions read at a time: a few screenfuls on a phone, so that a log of years opens as fast as a new one. */
export const HISTORY_PAGE = 20;

export interface HistoryEntry {
  session: SessionRecord;
  /** Rounds logged for it, damaged ones included: they were done all the same. */
  rounds: number;
}

/** A delete that can still be undone. */
export interface Undoable {
  name: string;
  removed: RemovedSession;
}

const STATUS_WORDS: Record<SessionStatus, string> = {
  completed: 'Completed',
  abandoned: 'Ended early',
  running: 'Not finished',
};

export function statusWords(status: SessionStatus): string {
  return STATUS_WORDS[status];
}

/**
 * As toLocaleDateString/toLocaleTimeString would say it, in the person's language; made once, not per row,
 * and not before a date is shown: a page's first Intl formatter loads its locale data (100–140 ms on a
 * 2-core VM), and made when this module loads, that stalled every window warming its screens up, a room's
 * display and the phones of a class among them.
 */
let formats: { date: Intl.DateTimeFormat; time: Intl.DateTimeFormat } | null = null;
const dateFormats = () =>
  (formats ??= {
    date: new Intl.DateTimeFormat(undefined, { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' }),
    time: new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' }),
  });

/** Makes the formatters now, in a window that shows no live timer, while it is idle (lazy.ts). */
export function warmUpDates(): void {
  dateFormats();
}

/** "Mon, Nov 3, 2025" in the person's own language and order. */
export function sessionDate(at: number): string {
  return dateFormats().date.format(at);
}

/** "02:05 PM", or "14:05" where the person's language says so. */
export function sessionTime(at: number): string {
  return dateFormats().time.format(at);
}

/** How long it took, wall clock (pauses included); null while it is still open. */
export function sessionDurationMs(session: SessionRecord): number | null {
  return session.endedAt === null ? null : Math.max(0, session.endedAt - session.startedAt);
}

/** Rounds the circuit had planned, all blocks together. */
export function plannedRounds(session: SessionRecord): number {
  return session.circuit.blocks.reduce((sum, block) => sum + block.rounds, 0);
}

/** The list of logged workouts. One per visit to the screen, so an undo offer ends with the visit. */
export class History {
  entries = $state.raw<HistoryEntry[]>([]);
  damaged = $state.raw<DamagedRecord[]>([]);
  /** Where the next page starts; null when every session has been read. */
  nextBefore = $state<number | null>(null);
  loaded = $state(false);
  loading = $state(false);
  problem = $state<string | null>(null);
  /** The last delete, until the next one replaces it or it is undone. */
  undoable = $state.raw<Undoable | null>(null);
  /** Said once an undo has put a workout back. */
  restored = $state<string | null>(null);

  constructor(
    private readonly open: () => Promise<Database> = database,
    private readonly pageSize = HISTORY_PAGE,
  ) {}

  private repository(): WorkoutLogRepository {
    return new WorkoutLogRepository(this.open());
  }

  /** Reads the first page again, from the newest session. */
  async load(): Promise<void> {
    await this.read(undefined);
  }

  /** Reads the next page of older sessions and adds it to the list. */
  async loadMore(): Promise<void> {
    if (this.nextBefore === null) return;
    await this.read(this.nextBefore);
  }

  private async read(before: number | undefined): Promise<void> {
    if (this.loading) return;
    this.loading = true;
    try {
      const page = await this.repository().listSessions({ before, limit: this.pageSize, countRounds: true });
      const entries = page.sessions.map((session, i) => ({ session, rounds: page.rounds[i]! }));
      this.entries = before === undefined ? entries : [...this.entries, ...entries];
      this.damaged = before === undefined ? page.damaged : [...this.damaged, ...page.damaged];
      this.nextBefore = page.nextBefore;
      this.problem = null;
      // After the first page is on screen: finding them counts the whole log.
      if (before === undefined) await this.readUnordered();
    } catch (err) {
      this.problem = `Your workouts cannot be read: ${storageFailure(err)}.`;
    } finally {
      this.loaded = true;
      this.loading = false;
    }
  }

  /** Workouts whose start time cannot be ordered (damaged ones, in practice): listed after the first page. */
  private async readUnordered(): Promise<void> {
    this.loaded = true;
    const { sessions, damaged } = await this.repository().unorderedSessions();
    if (sessions.length > 0) {
      const counts = await this.repository().countRounds(sessions);
      this.entries = [...this.entries, ...sessions.map((session, i) => ({ session, rounds: counts[i]! }))];
    }
    if (damaged.length > 0) this.damaged = [...this.damaged, ...damaged];
  }

  /** Deletes a workout and its rounds; it can be put back with undo() until the next delete. */
  async remove(id: string): Promise<void> {
    try {
      const removed = await this.repository().deleteSession(id);
      this.entries = this.entries.filter((e) => e.session.id !== id);
      this.restored = null;
      // Null when it was gone already (deleted in another tab): nothing to undo.
      this.undoable = removed && { name: removed.session.circuit.name, removed };
      this.problem = null;
    } catch (err) {
      this.problem = failure('That workout was not deleted', err);
    }
  }

  /** Puts the last deleted workout back, exactly as it was, in its place in the list. */
  async undo(): Promise<string | null> {
    const last = this.undoable;
    if (!last) return null;
    try {
      await this.repository().restoreSession(last.removed);
    } catch (err) {
      this.problem = failure('That workout could not be put back', err);
      return null;
    }
    const { session, rounds, damagedRounds = [] } = last.removed;
    const entry = { session, rounds: rounds.length + damagedRounds.length };
    // Back in the list only when it falls within what has been read; else "Show older" reaches it.
    const withinRead = this.nextBefore === null || session.startedAt >= this.nextBefore;
    if (withinRead)
      this.entries = [...this.entries.filter((e) => e.session.id !== session.id), entry].sort(
        (a, b) => b.session.startedAt - a.session.startedAt,
      );
    this.undoable = null;
    this.restored = last.name;
    this.problem = null;
    return session.id;
  }

  /** Deletes a workout that cannot be read, for good (there is nothing readable to put back). */
  async removeDamaged(id: string): Promise<void> {
    try {
      await this.repository().deleteDamagedSession(id);
      this.damaged = this.damaged.filter((d) => d.id !== id);
      this.problem = null;
    } catch (err) {
      this.problem = failure('That workout was not deleted', err);
    }
  }
}

export type DetailState =
  | { kind: 'loading' }
  | { kind: 'found'; session: SessionRecord; rounds: RoundRecord[]; damaged: DamagedRecord[] }
  | { kind: 'missing' }
  /** The session's own record fails the checks: it can only be deleted, from the list. */
  | { kind: 'unreadable'; reason: string }
  | { kind: 'failed'; message: string }
  | { kind: 'deleted'; undoable: Undoable };

/** One logged workout with its rounds, for the detail screen; a delete can be undone while it is open. */
export class SessionDetail {
  state = $state.raw<DetailState>({ kind: 'loading' });
  /** A delete or undo that failed; the workout stays as it was. */
  problem = $state<string | null>(null);
  /** The name of the workout an undo has just put back. */
  restored = $state<string | null>(null);
  private id = '';

  constructor(private readonly open: () => Promise<Database> = database) {}

  private repository(): WorkoutLogRepository {
    return new WorkoutLogRepository(this.open());
  }

  async load(id: string = this.id): Promise<void> {
    this.id = id;
    try {
      const found = await this.repository().getSession(id);
      this.state = found ? { kind: 'found', ...found } : { kind: 'missing' };
    } catch (err) {
      this.state =
        err instanceof LogReadError
          ? { kind: 'unreadable', reason: err.message }
          : { kind: 'failed', message: `This workout cannot be read: ${storageFailure(err)}.` };
    }
  }

  async remove(): Promise<void> {
    if (this.state.kind !== 'found') return;
    const name = this.state.session.circuit.name;
    try {
      const removed = await this.repository().deleteSession(this.id);
      this.state = removed ? { kind: 'deleted', undoable: { name, removed } } : { kind: 'missing' };
      this.problem = null;
      this.restored = null;
    } catch (err) {
      this.problem = failure('This workout was not deleted', err);
    }
  }

  async undo(): Promise<void> {
    if (this.state.kind !== 'deleted') return;
    const { name, removed } = this.state.undoable;
    try {
      await this.repository().restoreSession(removed);
      this.problem = null;
    } catch (err) {
      this.problem = failure('This workout could not be put back', err);
      return;
    }
    this.restored = name;
    await this.load();
  }
}

/** The log's own errors say what was not done and why already; the browser's are worded here. */
function failure(what: string, err: unknown): string {
  if (err instanceof LogWriteError || err instanceof LogReadError) return err.message;
  return `${what}: ${storageFailure(err)}.`;
}
