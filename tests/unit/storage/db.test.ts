// The database schema and its migrations: a fresh database at the latest version, and every
// upgrade from a database that an earlier version left full of real data.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDB, type IDBPDatabase } from 'idb';
import { DB_VERSION, openDatabase, type Database } from '../../../src/storage/db';
import { CircuitRepository } from '../../../src/storage/circuits';
import { loadSoundSettings } from '../../../src/storage/settings';
import { WorkoutLogRepository } from '../../../src/storage/log';
import { findPreset } from '../../../src/data/presets';
import type { Circuit } from '../../../src/engine/model';
import { block, circuit, step } from '../fixtures';

let dbCount = 0;
const freshName = (what: string) => `${what}-${++dbCount}`;

/** Circuits as a person of version 1 had them: a copy of a preset and one of their own. */
function version1Circuits(): Circuit[] {
  const preset = findPreset('metabolic-back-beginner');
  if (!preset) throw new Error('the preset is missing');
  const copy: Circuit = {
    ...structuredClone(preset.circuit),
    id: 'copy-of-metabolic',
    name: 'Metabolic back (mine)',
    presetId: preset.circuit.id,
    createdAt: 1_700_000_000_000,
    updatedAt: 1_700_000_500_000,
  };
  const own = circuit(
    [
      block([step('Rows', { workSeconds: 40, restSeconds: 20 }), step('Plank', { mode: 'reps', reps: 12 })], {
        rounds: 3,
        restBetweenRoundsSeconds: 60,
      }),
    ],
    { id: 'own-1', name: 'Friday back', prepSeconds: 10, createdAt: 1_700_000_100_000, updatedAt: 1_700_000_900_000 },
  );
  return [copy, own];
}

/** Version 1's schema exactly as it shipped. */
function upgradeToVersion1(db: IDBPDatabase) {
  const circuits = db.createObjectStore('circuits', { keyPath: 'id' });
  circuits.createIndex('by-updated', 'updatedAt');
}

/** Version 2's step exactly as it shipped. */
function upgradeToVersion2(db: IDBPDatabase) {
  db.createObjectStore('settings');
}

/** Version 3's step exactly as it shipped: the workout log. */
function upgradeToVersion3(db: IDBPDatabase) {
  const sessions = db.createObjectStore('sessions', { keyPath: 'id' });
  sessions.createIndex('by-started', 'startedAt');
  sessions.createIndex('by-status', 'status');
  sessions.createIndex('by-circuit', 'circuitId');
  const rounds = db.createObjectStore('rounds', { keyPath: 'id' });
  rounds.createIndex('by-session', 'sessionId');
  rounds.createIndex('by-completed', 'completedAt');
  rounds.createIndex('by-exercise', 'exerciseKeys', { multiEntry: true });
}

/** Sound settings as version 2 saved them: changed from the defaults, so a reset would show. */
const version2Sound = {
  volume: 0.4,
  beeps: true,
  cues: { phaseTones: true, countdown: false, halfway: true, lastRound: true, finish: true },
  voice: false,
  voiceName: 'Daniel',
  voiceRate: 1.25,
  vibration: false,
};
const version2Persistence = { askedAt: 1_700_000_950_000, granted: true };

/** The stores and indexes of the latest version, as names and the options that matter. */
function describeSchema(db: Database) {
  const stores = [...db.objectStoreNames].sort();
  const tx = db.transaction(stores);
  return Object.fromEntries(
    stores.map((name) => {
      const store = tx.objectStore(name);
      const indexes = [...store.indexNames].sort().map((i) => {
        const index = store.index(i);
        return { name: i, keyPath: index.keyPath, multiEntry: index.multiEntry, unique: index.unique };
      });
      return [name, { keyPath: store.keyPath, indexes }];
    }),
  );
}

const LATEST_SCHEMA = {
  circuits: {
    keyPath: 'id',
    indexes: [{ name: 'by-updated', keyPath: 'updatedAt', multiEntry: false, unique: false }],
  },
  rounds: {
    keyPath: 'id',
    indexes: [
      { name: 'by-completed', keyPath: 'completedAt', multiEntry: false, unique: false },
      { name: 'by-exercise', keyPath: 'exerciseKeys', multiEntry: true, unique: false },
      { name: 'by-session', keyPath: 'sessionId', multiEntry: false, unique: false },
    ],
  },
  sessions: {
    keyPath: 'id',
    indexes: [
      { name: 'by-circuit', keyPath: 'circuitId', multiEntry: false, unique: false },
      { name: 'by-started', keyPath: 'startedAt', multiEntry: false, unique: false },
      { name: 'by-status', keyPath: 'status', multiEntry: false, unique: false },
    ],
  },
  settings: { keyPath: null, indexes: [] },
  weeks: { keyPath: 'start', indexes: [] },
};

describe('database schema', () => {
  it('a new database is created at the latest version with every store and index', async () => {
    const db = await openDatabase(freshName('schema'));
    expect(db.version).toBe(DB_VERSION);
    expect(DB_VERSION).toBe(4);
    expect(describeSchema(db)).toEqual(LATEST_SCHEMA);
    db.close();
  });

  it('version 1 → latest keeps every circuit unchanged and readable, and adds the later stores empty (every later version keeps such a test)', async () => {
    const name = freshName('from-v1');
    // Version 1's schema exactly as it shipped, filled with real data.
    const v1 = await openDB(name, 1, { upgrade: (db) => upgradeToVersion1(db) });
    const stored = version1Circuits();
    for (const c of stored) await v1.put('circuits', c);
    v1.close();

    const db = await openDatabase(name);
    expect(db.version).toBe(DB_VERSION);
    expect(describeSchema(db)).toEqual(LATEST_SCHEMA);
    expect(await db.getAll('circuits')).toEqual([...stored].sort((a, b) => a.id.localeCompare(b.id)));
    expect(await db.getAllKeysFromIndex('circuits', 'by-updated')).toEqual(['copy-of-metabolic', 'own-1']);
    expect(await db.count('settings')).toBe(0);
    expect(await db.count('sessions')).toBe(0);
    expect(await db.count('rounds')).toBe(0);
    expect(await db.count('weeks')).toBe(0);

    const { circuits, damaged } = await new CircuitRepository(Promise.resolve(db)).list();
    expect(damaged).toEqual([]);
    expect(circuits).toEqual([stored[1], stored[0]]); // newest first
    db.close();
  });

  it('version 2 → latest keeps every circuit and the settings unchanged and adds sessions and rounds', async () => {
    const name = freshName('from-v2');
    // Version 2 exactly as it shipped (version 1's step, then its own), filled with real data.
    const v2 = await openDB(name, 2, {
      upgrade(db, oldVersion) {
        if (oldVersion < 1) upgradeToVersion1(db);
        upgradeToVersion2(db);
      },
    });
    const stored = version1Circuits();
    for (const c of stored) await v2.put('circuits', c);
    await v2.put('settings', version2Sound, 'sound');
    await v2.put('settings', version2Persistence, 'storage-persistence');
    v2.close();

    const db = await openDatabase(name);
    expect(db.version).toBe(DB_VERSION);
    expect(describeSchema(db)).toEqual(LATEST_SCHEMA);
    expect(await db.getAll('circuits')).toEqual([...stored].sort((a, b) => a.id.localeCompare(b.id)));
    expect(await db.getAllKeysFromIndex('circuits', 'by-updated')).toEqual(['copy-of-metabolic', 'own-1']);
    expect(await db.getAllKeys('settings')).toEqual(['sound', 'storage-persistence']);
    expect(await db.get('settings', 'sound')).toEqual(version2Sound);
    expect(await db.get('settings', 'storage-persistence')).toEqual(version2Persistence);
    expect(await db.count('sessions')).toBe(0);
    expect(await db.count('rounds')).toBe(0);

    // Still read by the repositories of this version, and the new log works beside them.
    const { circuits, damaged } = await new CircuitRepository(Promise.resolve(db)).list();
    expect(damaged).toEqual([]);
    expect(circuits).toEqual([stored[1], stored[0]]);
    expect(await loadSoundSettings(db)).toEqual({ settings: version2Sound, problem: null });
    const log = new WorkoutLogRepository(Promise.resolve(db));
    expect(await log.openSessions()).toEqual([]);
    expect(await log.listSessions({ limit: 10 })).toEqual({ sessions: [], damaged: [], nextBefore: null });
    db.close();
  });

  it('version 3 → 4 keeps the log unchanged and totals it by week: workouts, completed, rounds and work time', async () => {
    const name = freshName('from-v3');
    const v3 = await openDB(name, 3, {
      upgrade(db, oldVersion) {
        if (oldVersion < 1) upgradeToVersion1(db);
        if (oldVersion < 2) upgradeToVersion2(db);
        upgradeToVersion3(db);
      },
    });
    // A log as version 3 wrote it: two weeks of workouts (completed, ended early, one still running),
    // their rounds with reps and effort entered, and a session damaged since, with its round.
    const monday = new Date(2025, 10, 17).getTime(); // Monday 17 November 2025, local time
    const DAY = 24 * 3600 * 1000;
    const c = version1Circuits()[1]!;
    const sessionAt = (id: string, startedAt: number, status: string) => ({
      recordVersion: 1,
      id,
      circuitId: c.id,
      circuit: c,
      startedAt,
      endedAt: status === 'running' ? null : startedAt + 600_000,
      status,
      run: {
        events: [
          { type: 'pause', at: 1000 },
          { type: 'resume', at: 5000 },
        ],
        lastKnownMs: 600_000,
      },
      updatedAt: startedAt + 600_000,
    });
    const roundOf = (sessionId: string, n: number, completedAt: number, workMs: number[]) => {
      const exercises = workMs.map((ms, i) => ({
        stepId: `step-${i}`,
        exerciseId: i === 0 ? 'seated-cable-row' : null,
        name: i === 0 ? 'Seated cable row' : 'Plank',
        perSide: false,
        plannedWorkMs: 40_000,
        workMs: ms,
        plannedRestMs: 20_000,
        restMs: 20_000,
        outcome: 'done',
      }));
      return {
        recordVersion: 1,
        id: `${sessionId}/0/${n}`,
        sessionId,
        blockIndex: 0,
        blockId: c.blocks[0]!.id,
        blockName: c.blocks[0]!.name,
        round: n,
        rounds: 3,
        exercises,
        exerciseKeys: [...new Set(exercises.map((e) => e.exerciseId ?? `name:${e.name.toLowerCase()}`))],
        completedAt,
        reps: n === 1 ? 12 : null,
        loadKg: n === 1 ? 20 : null,
        rpe: n === 1 ? 8 : null,
      };
    };
    const sessions = [
      sessionAt('last-week-1', monday - 6 * DAY, 'completed'), // last Tuesday
      sessionAt('last-week-2', monday - 2 * DAY, 'completed'), // last Saturday
      sessionAt('last-week-3', monday - 1 * DAY + 3600_000, 'abandoned'), // last Sunday, 01:00
      sessionAt('this-week-1', monday + 8 * 3600_000, 'completed'),
      sessionAt('this-week-2', monday + DAY, 'running'),
      { ...sessionAt('damaged', monday + 2 * DAY, 'completed'), status: 'exploded' },
    ];
    const rounds = [
      roundOf('last-week-1', 1, monday - 6 * DAY + 120_000, [40_000, 30_000]),
      roundOf('last-week-1', 2, monday - 6 * DAY + 240_000, [40_000, 30_000]),
      roundOf('last-week-2', 1, monday - 2 * DAY + 120_000, [41_000, 29_000]),
      // Ended early on Sunday night: its round completed after midnight, in this week.
      roundOf('last-week-3', 1, monday + 60_000, [40_000]),
      roundOf('this-week-1', 1, monday + 8 * 3600_000 + 120_000, [39_500, 30_500]),
      roundOf('this-week-2', 1, monday + DAY + 120_000, [40_000, 30_000]),
      roundOf('damaged', 1, monday + 2 * DAY + 120_000, [40_000, 30_000]),
    ];
    for (const r of sessions) await v3.put('sessions', r as never);
    for (const r of rounds) await v3.put('rounds', r as never);
    const before = { sessions: await v3.getAll('sessions'), rounds: await v3.getAll('rounds') };
    v3.close();

    const db = await openDatabase(name);
    expect(db.version).toBe(DB_VERSION);
    expect(describeSchema(db)).toEqual(LATEST_SCHEMA);
    // The log itself is untouched, record for record.
    expect({ sessions: await db.getAll('sessions'), rounds: await db.getAll('rounds') }).toEqual(before);
    const lastMonday = monday - 7 * DAY;
    expect(await db.getAll('weeks')).toEqual([
      { start: lastMonday, workouts: 3, completed: 2, rounds: 3, workMs: 210_000 },
      // The damaged session counts as a workout, not as completed: as the indexes count it.
      { start: monday, workouts: 3, completed: 1, rounds: 4, workMs: 250_000 },
    ]);

    // From here on the repository keeps the totals in step with the log.
    const log = new WorkoutLogRepository(Promise.resolve(db));
    await log.addRound(roundOf('this-week-2', 2, monday + DAY + 240_000, [40_000]) as never);
    await log.closeSession('this-week-2', 'completed', monday + DAY + 600_000, { events: [], lastKnownMs: 600_000 });
    const removed = await log.deleteSession('last-week-1');
    expect(await db.getAll('weeks')).toEqual([
      { start: lastMonday, workouts: 2, completed: 1, rounds: 1, workMs: 70_000 },
      { start: monday, workouts: 3, completed: 2, rounds: 5, workMs: 290_000 },
    ]);
    await log.restoreSession(removed!);
    expect((await db.getAll('weeks'))[0]).toEqual({
      start: lastMonday,
      workouts: 3,
      completed: 2,
      rounds: 3,
      workMs: 210_000,
    });
    expect(await log.deleteDamagedSession('damaged')).toBe(true);
    expect((await db.getAll('weeks'))[1]).toEqual({
      start: monday,
      workouts: 2,
      completed: 2,
      rounds: 4,
      workMs: 220_000,
    });
    db.close();
  });

  it('version 3 → 4 opens with records whose times no Date holds, counting them in no week (found by fuzzing)', async () => {
    const name = freshName('from-v3-damaged');
    const v3 = await openDB(name, 3, {
      upgrade(db) {
        upgradeToVersion1(db);
        upgradeToVersion2(db);
        upgradeToVersion3(db);
      },
    });
    // Finite, so they pass a finiteness check, but past 8.64e15 ms: startOfWeek gives NaN, which is not a key.
    await v3.put('sessions', { id: 'far', startedAt: 1e308, status: 'completed' });
    await v3.put('rounds', { id: 'far/0/1', sessionId: 'far', completedAt: 8.64e15 + 1, exercises: [] });
    v3.close();
    const db = await openDatabase(name);
    expect(await db.getAll('weeks')).toEqual([]);
    expect(await db.count('sessions')).toBe(1);
    expect(await db.count('rounds')).toBe(1);
    db.close();
  });

  it('closes itself and says so when a newer version wants to upgrade in another tab', async () => {
    const name = freshName('blocking');
    let closed = false;
    const old = await openDatabase(name, () => (closed = true));
    // Would stay blocked forever if the old connection did not close on versionchange.
    const newer = await openDB(name, DB_VERSION + 1);
    expect(newer.version).toBe(DB_VERSION + 1);
    expect(closed).toBe(true);
    newer.close();
    old.close();
  });
});
