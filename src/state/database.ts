// The app's one connection to IndexedDB, shared by the state classes: opened on first use, and
// opened again after it closes for a newer version in another tab or after a failed open.
import { DB_NAME, openDatabase, type Database } from '../storage/db';

/**
 * How long an open may wait on an older version in another tab before callers are told: the open
 * itself goes on waiting, and succeeds once that tab lets go.
 */
export const BLOCKED_WAIT_MS = 3000;

/** This version must upgrade the database, and a tab running an older version holds it open. */
export class DatabaseBlockedError extends Error {
  override name = 'DatabaseBlockedError';
  constructor() {
    super('Circuit Timer is open in another tab with an older version: close that tab to keep saving');
  }
}

/** Calls `fn` after `ms` (setTimeout; tests pass a timer they move by hand). */
export type Timer = (ms: number, fn: () => void) => void;

interface Opening {
  /** Settles when the database opens or fails; while an older tab blocks it, not before that tab lets go. */
  open: Promise<Database>;
  /** What callers get until the open has settled: the open, or a rejection once it was blocked for a while. */
  waiting: Promise<Database>;
  settled: boolean;
}

export class SharedDatabase {
  private current: Opening | null = null;

  constructor(
    private readonly name: string = DB_NAME,
    private readonly timer: Timer = (ms, fn) => void setTimeout(fn, ms),
  ) {}

  /** The shared connection; rejects when storage cannot be used (the next call tries again). */
  get = (): Promise<Database> => {
    this.current ??= this.start();
    return this.current.settled ? this.current.open : this.current.waiting;
  };

  private start(): Opening {
    let onBlocked = () => {};
    const blocked = new Promise<never>((_, reject) => {
      onBlocked = () => this.timer(BLOCKED_WAIT_MS, () => reject(new DatabaseBlockedError()));
    });
    const opening: Opening = { open: null!, waiting: null!, settled: false };
    // A browser that refuses storage can throw at once (a private window): a rejection like any other
    // failure, never a throw out of the first caller (the app's boot).
    opening.open = new Promise<Database>((resolve) =>
      resolve(openDatabase(this.name, () => this.forget(opening), onBlocked)),
    ).then(
      (db) => {
        opening.settled = true;
        return db;
      },
      (err: unknown) => {
        opening.settled = true;
        this.forget(opening); // the failure may pass (storage freed, say)
        throw err;
      },
    );
    opening.waiting = Promise.race([opening.open, blocked]);
    // Nobody may be waiting when either settles: the next caller hears of it.
    opening.waiting.catch(() => {});
    return opening;
  }

  private forget(closed: Opening): void {
    if (this.current === closed) this.current = null;
  }
}

const shared = new SharedDatabase();

/** The app's shared connection; rejects when storage cannot be used (the next call tries again). */
export function database(): Promise<Database> {
  return shared.get();
}

/** Why storage failed, as the end of a sentence a person can act on. */
export function storageFailure(err: unknown): string {
  const name = err instanceof Error ? err.name : '';
  if (name === 'DatabaseBlockedError') return (err as Error).message;
  if (name === 'VersionError') return 'a newer version of Circuit Timer is open in another tab: reload this page';
  if (name === 'QuotaExceededError') return 'this device is out of storage space: free some space, then try again';
  if (name === 'InvalidStateError' || name === 'SecurityError' || typeof indexedDB === 'undefined')
    return 'this browser does not allow saving here (a private window?)';
  return `the browser’s storage failed: ${err instanceof Error ? err.message : String(err)}`;
}
