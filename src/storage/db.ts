// The one IndexedDB database: its typed schema and every migration, version by version.
// New stores join as new versions; history is never edited.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { buildWeekTotals, type WeekTotals } from './week-totals';

export const DB_NAME = 'circuit-timer';
export const DB_VERSION = 4;

/** A record as read back: only its key is certain, the rest is validated before use (it may be damaged or older). */
export type StoredRecord = { id: string } & Record<string, unknown>;

export interface CircuitTimerDB extends DBSchema {
  circuits: {
    key: string;
    /** Read back as unknown: stored data is validated before use (it may be from an older version). */
    value: { id: string; updatedAt?: number } & Record<string, unknown>;
    indexes: { 'by-updated': number };
  };
  /** Since version 2: small records under fixed keys ('sound'), read back as unknown and validated. */
  settings: {
    key: string;
    value: unknown;
  };
  /** Since version 3: one record per workout run (storage/log.ts), validated before use. */
  sessions: {
    key: string;
    value: StoredRecord;
    indexes: { 'by-started': number; 'by-status': string; 'by-circuit': string };
  };
  /** Since version 3: one record per completed round of a session, written once as it completes. */
  rounds: {
    key: string;
    value: StoredRecord;
    /** `by-exercise` is multiEntry: a round is found under each of its exercise keys. */
    indexes: { 'by-session': string; 'by-completed': number; 'by-exercise': string };
  };
  /**
   * Since version 4: the log's totals per local week (storage/week-totals.ts), by the week's Monday,
   * changed in the same transaction as every write to sessions and rounds.
   */
  weeks: {
    key: number;
    value: WeekTotals;
  };
}

export type Database = IDBPDatabase<CircuitTimerDB>;

/**
 * Opens the database. `onClosed` is called when this connection closes itself so that a newer
 * version in another tab can upgrade: the caller should stop using it. `onBlocked` is called when
 * this open has to upgrade but another tab holds an older version open and does not let go: the
 * open then waits, and succeeds once that tab closes.
 */
export function openDatabase(
  name: string = DB_NAME,
  onClosed: () => void = () => {},
  onBlocked: () => void = () => {},
): Promise<Database> {
  return openDB<CircuitTimerDB>(name, DB_VERSION, {
    upgrade(db, oldVersion, _newVersion, transaction) {
      // Each case moves one version forward and falls through to the next.
      switch (oldVersion) {
        case 0: {
          const circuits = db.createObjectStore('circuits', { keyPath: 'id' });
          circuits.createIndex('by-updated', 'updatedAt');
        }
        // falls through
        case 1: {
          db.createObjectStore('settings');
        }
        // falls through
        case 2: {
          const sessions = db.createObjectStore('sessions', { keyPath: 'id' });
          sessions.createIndex('by-started', 'startedAt');
          sessions.createIndex('by-status', 'status');
          sessions.createIndex('by-circuit', 'circuitId');
          const rounds = db.createObjectStore('rounds', { keyPath: 'id' });
          rounds.createIndex('by-session', 'sessionId');
          rounds.createIndex('by-completed', 'completedAt');
          rounds.createIndex('by-exercise', 'exerciseKeys', { multiEntry: true });
        }
        // falls through
        case 3: {
          db.createObjectStore('weeks', { keyPath: 'start' });
          // Within the upgrade's transaction: if the totals cannot be built, the upgrade is undone.
          buildWeekTotals(transaction).catch(() => transaction.abort());
        }
      }
    },
    blocked() {
      onBlocked();
    },
    blocking(_current, _blocked, event) {
      // A newer version of the app wants to upgrade in another tab: let it.
      (event.target as IDBDatabase).close();
      onClosed();
    },
  });
}
