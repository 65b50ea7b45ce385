// The app's one connection to IndexedDB, shared by the state classes: opened on first use, and
// opened again after it closes for a newer version in another tab or after a failed open.
import { openDatabase, type Database } from '../storage/db';

let connection: Promise<Database> | null = null;

/** The shared connection; rejects when storage cannot be used (the next call tries again). */
export function database(): Promise<Database> {
  if (connection) return connection;
  const opening: Promise<Database> = openDatabase(undefined, () => forget(opening)).catch((err: unknown) => {
    forget(opening); // the failure may pass (a blocked upgrade, say)
    throw err;
  });
  connection = opening;
  return opening;
}

function forget(closed: Promise<Database>): void {
  if (connection === closed) connection = null;
}

/** Why storage failed, as the end of a sentence a person can act on. */
export function storageFailure(err: unknown): string {
  const name = err instanceof Error ? err.name : '';
  if (name === 'VersionError') return 'a newer version of Circuit Timer is open in another tab: reload this page';
  if (name === 'QuotaExceededError') return 'this device is out of storage space: free some space, then try again';
  if (name === 'InvalidStateError' || name === 'SecurityError' || typeof indexedDB === 'undefined')
    return 'this browser does not allow saving here (a private window?)';
  return `the browser’s storage failed: ${err instanceof Error ? err.message : String(err)}`;
}
