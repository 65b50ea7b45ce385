// The one IndexedDB database: its typed schema and every migration, version by version.
// Later stores (sessions, rounds) join here as new versions; history is never edited.
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';

export const DB_NAME = 'circuit-timer';
export const DB_VERSION = 2;

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
}

export type Database = IDBPDatabase<CircuitTimerDB>;

/**
 * Opens the database. `onClosed` is called when this connection closes itself so that a newer
 * version in another tab can upgrade: the caller should stop using it.
 */
export function openDatabase(name: string = DB_NAME, onClosed: () => void = () => {}): Promise<Database> {
  return openDB<CircuitTimerDB>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
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
      }
    },
    blocking(_current, _blocked, event) {
      // A newer version of the app wants to upgrade in another tab: let it.
      (event.target as IDBDatabase).close();
      onClosed();
    },
  });
}
