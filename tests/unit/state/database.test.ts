import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { DB_NAME, DB_VERSION } from '../../../src/storage/db';
import { database } from '../../../src/state/database';

describe('the shared database connection', () => {
  it('is opened once, let go when a newer version needs it, and tried again after a failed open', async () => {
    const first = database();
    expect(database()).toBe(first);
    const db = await first;
    expect(db.version).toBe(DB_VERSION);

    // A newer version in another tab: the shared connection closes and is forgotten.
    const newer = await openDB(DB_NAME, DB_VERSION + 1);
    const second = database();
    expect(second).not.toBe(first);
    // This version cannot open a newer database: the failure is reported, then forgotten.
    await expect(second).rejects.toMatchObject({ name: 'VersionError' });
    const third = database();
    expect(third).not.toBe(second);
    await expect(third).rejects.toMatchObject({ name: 'VersionError' });
    newer.close();
  });
});
