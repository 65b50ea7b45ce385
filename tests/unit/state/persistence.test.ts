import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/storage/db';
import {
  PERSISTENCE_KEY,
  StoragePersistence,
  formatBytes,
  type StorageApi,
} from '../../../src/state/persistence.svelte';

let dbCount = 0;

function fakeStorage({ persisted = false, grant = true } = {}) {
  const state = { persisted, asked: 0 };
  const api: StorageApi = {
    persisted: async () => state.persisted,
    persist: async () => {
      state.asked++;
      state.persisted = grant;
      return grant;
    },
    estimate: async () => ({ usage: 52_000, quota: 10_000_000_000 }),
  };
  return { api, state };
}

function setUp(options?: { persisted?: boolean; grant?: boolean }) {
  const db = openDatabase(`persistence-${++dbCount}`);
  const { api, state } = fakeStorage(options);
  return { persistence: new StoragePersistence(api, () => db), state, db };
}

describe('StoragePersistence', () => {
  it('asks the browser once, after the first save, and remembers that it asked', async () => {
    const { persistence, state, db } = setUp({ grant: false });
    await persistence.afterSave();
    expect(state.asked).toBe(1);
    expect(persistence.persisted).toBe(false);
    await persistence.afterSave();
    expect(state.asked).toBe(1); // not at every save: some browsers show a prompt
    expect(await (await db).get('settings', PERSISTENCE_KEY)).toMatchObject({ granted: false });
    // A new page (same database) does not ask again either.
    const again = new StoragePersistence(fakeStorage().api, () => db);
    await again.afterSave();
    expect(state.asked).toBe(1);
  });

  it('saves close together share one ask: the browser is asked once', async () => {
    const { persistence, state } = setUp();
    await Promise.all([persistence.afterSave(), persistence.afterSave(), persistence.afterSave()]);
    expect(state.asked).toBe(1);
    await persistence.afterSave();
    expect(state.asked).toBe(1);
  });

  it('does not ask when the data is already kept', async () => {
    const { persistence, state } = setUp({ persisted: true });
    await persistence.afterSave();
    expect(state.asked).toBe(0);
    expect(persistence.persisted).toBe(true);
  });

  it('asks on request from the settings screen, and reads the figures', async () => {
    const { persistence, state } = setUp();
    await persistence.refresh();
    expect(persistence).toMatchObject({ persisted: false, usage: 52_000, quota: 10_000_000_000 });
    expect(await persistence.request()).toBe(true);
    expect(state.asked).toBe(1);
    expect(persistence.persisted).toBe(true);
  });

  it('does nothing where the browser has no storage manager', async () => {
    const persistence = new StoragePersistence(null, () => Promise.reject(new Error('unused')));
    expect(persistence.supported).toBe(false);
    await persistence.afterSave();
    await persistence.refresh();
    expect(await persistence.request()).toBe(false);
    expect(persistence.persisted).toBeNull();
  });
});

describe('formatBytes', () => {
  it('reads as browsers count (1 KB = 1000 bytes), with one decimal below 10', () => {
    expect(formatBytes(0)).toBe('0 bytes');
    expect(formatBytes(999)).toBe('999 bytes');
    expect(formatBytes(1000)).toBe('1 KB');
    expect(formatBytes(1234)).toBe('1.2 KB');
    expect(formatBytes(52_000)).toBe('52 KB');
    expect(formatBytes(1_250_000)).toBe('1.3 MB');
    expect(formatBytes(10_000_000_000)).toBe('10 GB');
  });
});
