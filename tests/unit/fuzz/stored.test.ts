// Fuzzing data read back from storage: a database left by each older version (and by this one) full
// of valid records, records mutated field by field, and records of any shape, is opened by this
// version and everything is listed and read. Nothing throws, nothing is changed by reading, each
// damaged record is reported with its reason, and every valid one comes back intact.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { openDB, type IDBPDatabase } from 'idb';
import { DB_VERSION, openDatabase, type Database } from '../../../src/storage/db';
import { CircuitRepository, CircuitSaveError } from '../../../src/storage/circuits';
import { LogReadError, WorkoutLogRepository } from '../../../src/storage/log';
import { GOALS_KEY, SOUND_SETTINGS_KEY, loadSoundSettings } from '../../../src/storage/settings';
import { exportBackup } from '../../../src/storage/backup';
import { DEFAULT_SOUND_SETTINGS } from '../../../src/audio/settings';
import { PRESETS } from '../../../src/data/presets';
import { TIMEOUT, anyData, expectMessage, fuzz, mutationsOf, runsOf } from './arbitraries';
import { dump, freshName, ownCircuits, round, session } from './records';

const EDGE = 'stored data of older versions';

/** Each version's schema step exactly as it shipped (as in db.test.ts): history is never edited. */
const SCHEMA_STEPS: ((db: IDBPDatabase) => void)[] = [
  (db) => db.createObjectStore('circuits', { keyPath: 'id' }).createIndex('by-updated', 'updatedAt'),
  (db) => db.createObjectStore('settings'),
  (db) => {
    const sessions = db.createObjectStore('sessions', { keyPath: 'id' });
    sessions.createIndex('by-started', 'startedAt');
    sessions.createIndex('by-status', 'status');
    sessions.createIndex('by-circuit', 'circuitId');
    const rounds = db.createObjectStore('rounds', { keyPath: 'id' });
    rounds.createIndex('by-session', 'sessionId');
    rounds.createIndex('by-completed', 'completedAt');
    rounds.createIndex('by-exercise', 'exerciseKeys', { multiEntry: true });
  },
];
/** The older versions this test can build; every later one must be added here with its step. */
const OLDER = SCHEMA_STEPS.map((_, i) => i + 1).filter((v) => v < DB_VERSION);

/** A stored record: valid as written (kept is true), mutated, or of any shape at all. */
interface Written {
  value: unknown;
  valid: boolean;
}

function record(valid: fc.Arbitrary<unknown>): fc.Arbitrary<Written> {
  return fc.oneof(
    { arbitrary: valid.map((value) => ({ value, valid: true })), weight: 2 },
    { arbitrary: mutationsOf(valid).map((value) => ({ value, valid: false })), weight: 4 },
    { arbitrary: anyData.map((value) => ({ value, valid: false })), weight: 1 },
  );
}

const circuits = fc.constantFrom(
  ...ownCircuits(),
  ...PRESETS.slice(0, 4).map((p, i) => ({ ...structuredClone(p.circuit), id: `copy-${i}`, presetId: p.circuit.id })),
);
const sessions = fc.constantFrom(
  session('s-1', ownCircuits()[1]!, { status: 'completed', endedAt: 1_764_000_300_000 }),
  session('s-2', ownCircuits()[0]!),
);
const rounds = fc.constantFrom(round('s-1', 1), round('s-1', 2), round('s-2', 1));

const contents = fc.record({
  version: fc.constantFrom(...OLDER, DB_VERSION),
  circuits: fc.array(record(circuits), { maxLength: 6 }),
  sound: fc.option(record(fc.constant(structuredClone(DEFAULT_SOUND_SETTINGS)))),
  goals: fc.option(record(fc.constant({ weeklyTarget: 4 }))),
  sessions: fc.array(record(sessions), { maxLength: 4 }),
  rounds: fc.array(record(rounds), { maxLength: 6 }),
});
type Contents = typeof contents extends fc.Arbitrary<infer T> ? T : never;

const isKey = (k: unknown) => (typeof k === 'string' && k.length > 0) || (typeof k === 'number' && !Number.isNaN(k));

/** Records as a store with keyPath `id` can hold them: an object, with a key no other record has. */
function keyed(list: Written[], prefix: string): Map<string | number, Written> {
  const out = new Map<string | number, Written>();
  list.forEach((w, i) => {
    let value = w.value;
    const plain = typeof value === 'object' && value !== null && !Array.isArray(value);
    if (!plain) value = { junk: value };
    let id = (value as { id?: unknown }).id;
    if (!isKey(id) || out.has(id as string)) {
      id = `${prefix}-${i}`;
      value = { ...(value as object), id };
      if (w.valid) w = { value, valid: false }; // its id is not its own any more
    }
    out.set(id as string, { value, valid: w.valid });
  });
  // A valid record whose id another valid one had already is not the same record: compare only those kept.
  return out;
}

/** Writes the contents with the schema of `version`, as that version's app would have found them. */
async function olderDatabase(name: string, c: Contents) {
  const db = await openDB(name, c.version, {
    upgrade(db, oldVersion) {
      for (let v = oldVersion; v < Math.min(c.version, SCHEMA_STEPS.length); v++) SCHEMA_STEPS[v]!(db);
    },
  });
  const stores = {
    circuits: keyed(c.circuits, 'c'),
    sessions: c.version >= 3 ? keyed(c.sessions, 's') : new Map<string | number, Written>(),
    rounds: c.version >= 3 ? keyed(c.rounds, 'r') : new Map<string | number, Written>(),
  };
  for (const [store, records] of Object.entries(stores))
    for (const { value } of records.values()) await db.put(store, value);
  if (c.version >= 2) {
    if (c.sound) await db.put('settings', c.sound.value, SOUND_SETTINGS_KEY);
    if (c.goals) await db.put('settings', c.goals.value, GOALS_KEY);
  }
  db.close();
  return stores;
}

describe('data an older version left, fuzzed', () => {
  it(
    'opens and reads every record without throwing or changing any; damaged ones are reported, valid ones intact',
    async () => {
      await fuzz(
        EDGE,
        fc.asyncProperty(contents, async (c) => {
          const name = freshName('stored');
          const written = await olderDatabase(name, c);
          let db: Database | null = null;
          try {
            db = await openDatabase(name);
            const opened = await dump(db);
            const found = Promise.resolve(db);

            const list = await new CircuitRepository(found).list();
            expect(list.circuits.length + list.damaged.length).toBe(written.circuits.size);
            for (const d of list.damaged) expectMessage(d.reason);
            for (const [id, w] of written.circuits) {
              if (w.valid) expect(list.circuits.find((x) => x.id === id)).toEqual(w.value);
              await new CircuitRepository(found).get(id as string).catch((err: unknown) => {
                expect(err).toBeInstanceOf(CircuitSaveError);
                expectMessage((err as Error).message);
              });
            }

            const sound = await loadSoundSettings(db);
            if (sound.problem !== null) expectMessage(sound.problem);
            if (c.version >= 2 && c.sound?.valid) expect(sound).toEqual({ settings: c.sound.value, problem: null });

            const log = new WorkoutLogRepository(found);
            const ordered = await log.listSessions({ limit: 100 });
            // Sessions without a usable start time come apart from the pages, as History lists them.
            const unordered = await log.unorderedSessions();
            const page = {
              sessions: [...ordered.sessions, ...unordered.sessions],
              damaged: [...ordered.damaged, ...unordered.damaged],
            };
            expect(page.sessions.length + page.damaged.length).toBe(written.sessions.size);
            for (const d of page.damaged) expectMessage(d.reason);
            for (const [id, w] of written.sessions) {
              if (w.valid) expect(page.sessions.find((x) => x.id === id)).toEqual(w.value);
              const read = await log.getSession(id as string).catch((err: unknown) => {
                expect(err).toBeInstanceOf(LogReadError);
                expectMessage((err as Error).message);
                return null;
              });
              for (const d of read?.damaged ?? []) expectMessage(d.reason);
            }
            await log.openSessions();
            await log.roundsForExercise('seated-cable-row');
            await log.roundsForExercise('name:bear crawl');
            const { leftOut } = await exportBackup(db, { app: 'fuzz' });
            expect(leftOut).toBeGreaterThanOrEqual(list.damaged.length + page.damaged.length);

            // Reading changed nothing, and the upgrade kept every record as it was written.
            expect(await dump(db)).toEqual(opened);
            for (const store of ['circuits', 'sessions', 'rounds'] as const)
              for (const [key, w] of written[store])
                expect(opened[store]!.find(([k]) => k === key)?.[1], `${store} ${String(key)}`).toEqual(w.value);
          } finally {
            db?.close();
          }
        }),
        runsOf(0.25),
      );
    },
    TIMEOUT,
  );
});
