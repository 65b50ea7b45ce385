import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { openDB } from 'idb';
import { DB_NAME, DB_VERSION } from '../../../src/storage/db';
import { BLOCKED_WAIT_MS, SharedDatabase, database } from '../../../src/state/database';
import { FakeClock } from '../../../src/engine/clock';
import { Workout } from '../../../src/state/workout.svelte';
import { WorkoutLogWriter } from '../../../src/state/workout-log.svelte';
import { WorkoutLogRepository } from '../../../src/storage/log';
import { block, circuit, step } from '../fixtures';

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

  it('a browser that refuses storage at once (a throw, not an error event) gives a rejection, then is tried again', async () => {
    const open = vi.spyOn(IDBFactory.prototype, 'open').mockImplementation(() => {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    });
    const shared = new SharedDatabase('refused-at-once');
    let attempt!: Promise<unknown>;
    expect(() => (attempt = shared.get())).not.toThrow();
    await expect(attempt).rejects.toMatchObject({ name: 'SecurityError' });
    open.mockRestore();
    await expect(shared.get()).resolves.toMatchObject({ name: 'refused-at-once' });
  });

  it('an older tab that will not let go: the log says so after a few seconds, and saves once that tab closes', async () => {
    const name = 'blocked-by-an-older-tab';
    // An older version's tab, as one without a versionchange handler would hold it: open, never closing.
    const older = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open(name, 1);
      request.onupgradeneeded = () => request.result.createObjectStore('circuits', { keyPath: 'id' });
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const timers: { ms: number; fire: () => void }[] = [];
    const shared = new SharedDatabase(name, (ms, fire) => timers.push({ ms, fire }));

    const clock = new FakeClock(100_000);
    const c = circuit([block([step('Rows', { workSeconds: 3, restSeconds: 2 })], { id: 'main', rounds: 3 })], {
      prepSeconds: 1,
    });
    const workout = new Workout(c, clock);
    const writer = new WorkoutLogWriter(
      workout,
      () => new WorkoutLogRepository(shared.get()),
      clock,
      null,
      () => 1_700_000_000_000 + clock.now(),
      async () => {},
    );
    workout.start();
    const first = writer.sync();
    // The open is blocked: callers are told once it has waited a few seconds, not before.
    await vi.waitFor(() => expect(timers).toHaveLength(1));
    expect(timers[0]!.ms).toBe(BLOCKED_WAIT_MS);
    expect(writer.problem).toBeNull();
    timers[0]!.fire();
    await first;
    expect(writer.problem).toBe(
      'The log is not being saved: Circuit Timer is open in another tab with an older version: close that tab to keep saving. The timer keeps going, and saving is tried again.',
    );
    // Tried again while still blocked: refused at once, the writer's queue never stalls.
    clock.advance(5000); // round 1 completes meanwhile
    await writer.sync();
    expect(writer.problem).toMatch(/older version: close that tab/);

    // The older tab closes: the waiting open upgrades, and the next try writes everything.
    older.close();
    await vi.waitFor(async () => {
      await writer.sync();
      expect(writer.problem).toBeNull();
    });
    const db = await shared.get();
    expect(db.version).toBe(DB_VERSION);
    expect((await db.getAll('sessions')).map((s) => s.id)).toEqual([writer.sessionId]);
    expect((await db.getAll('rounds')).map((r) => r.round)).toEqual([1]);
    db.close();
  });
});
