// The database schema and its migrations: a fresh database at the latest version, and every
// upgrade from a database that an earlier version left full of real data.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { DB_VERSION, openDatabase } from '../../../src/storage/db';
import { CircuitRepository } from '../../../src/storage/circuits';
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

describe('database schema', () => {
  it('a new database is created at the latest version with every store and index', async () => {
    const db = await openDatabase(freshName('schema'));
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(['circuits', 'settings']);
    expect([...db.transaction('circuits').store.indexNames]).toEqual(['by-updated']);
    db.close();
  });

  it('version 1 → 2 keeps every circuit unchanged and readable, and adds the settings store (every later version keeps such a test)', async () => {
    const name = freshName('from-v1');
    // Version 1's schema exactly as it shipped, filled with real data.
    const v1 = await openDB(name, 1, {
      upgrade(db) {
        const circuits = db.createObjectStore('circuits', { keyPath: 'id' });
        circuits.createIndex('by-updated', 'updatedAt');
      },
    });
    const stored = version1Circuits();
    for (const c of stored) await v1.put('circuits', c);
    v1.close();

    const db = await openDatabase(name);
    expect(db.version).toBe(2);
    expect([...db.objectStoreNames].sort()).toEqual(['circuits', 'settings']);
    expect([...db.transaction('circuits').store.indexNames]).toEqual(['by-updated']);
    expect(await db.getAll('circuits')).toEqual([...stored].sort((a, b) => a.id.localeCompare(b.id)));
    expect(await db.getAllKeysFromIndex('circuits', 'by-updated')).toEqual(['copy-of-metabolic', 'own-1']);
    expect(await db.count('settings')).toBe(0);

    const { circuits, damaged } = await new CircuitRepository(Promise.resolve(db)).list();
    expect(damaged).toEqual([]);
    expect(circuits).toEqual([stored[1], stored[0]]); // newest first
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
