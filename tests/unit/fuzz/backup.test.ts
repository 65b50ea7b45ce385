// Fuzzing backup files: any text, a real export mutated field by field or damaged as text, and
// hostile JSON. parseBackup never throws and refuses in words; an import is all or nothing: refused,
// or failing at any write, it leaves every store byte for byte as it was.
import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../../src/storage/db';
import {
  BackupImportError,
  exportBackup,
  importBackup,
  parseBackup,
  previewImport,
  type Backup,
} from '../../../src/storage/backup';
import {
  TIMEOUT,
  anyJson,
  damagedText,
  deepJsonText,
  expectMessage,
  fuzz,
  RUNS,
  mutationsOf,
  nastyString,
  ownKey,
  runsOf,
} from './arbitraries';
import { dump, filledDb, freshName } from './records';

let valid: Backup;
let validText: string;

beforeAll(async () => {
  const db = await filledDb();
  const exported = await exportBackup(db, { app: '0.1.0', now: Date.UTC(2026, 10, 25, 9) });
  expect(exported.leftOut).toBe(0);
  valid = exported.backup;
  validText = JSON.stringify(valid, null, 2);
  db.close();
});

/** The contract of parseBackup for one file's text. */
function checkParse(text: string): Backup | null {
  const parsed = parseBackup(text);
  if (!parsed.ok) {
    expectMessage(parsed.message);
    return null;
  }
  // Accepted: what it made is a backup that reads back the same.
  const again = parseBackup(JSON.stringify(parsed.backup));
  expect(again.ok && again.backup).toEqual(parsed.backup);
  return parsed.backup;
}

const fileText = () =>
  fc.oneof(
    { arbitrary: mutationsOf(fc.constant(valid)).map((b) => JSON.stringify(b) ?? ''), weight: 4 },
    { arbitrary: damagedText(fc.constant(validText)), weight: 2 },
    { arbitrary: anyJson.map((j) => JSON.stringify(j) ?? ''), weight: 1 },
    { arbitrary: nastyString, weight: 1 },
    { arbitrary: deepJsonText, weight: 1 },
    {
      // A backup with a hostile key somewhere inside, written as JSON writes an own `__proto__`.
      arbitrary: fc.tuple(fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.nat()).map(([key, at]) => {
        const b = structuredClone(valid) as unknown as Record<string, unknown[]>;
        const list = [b.circuits, b.sessions, b.rounds][at % 3]!;
        list.push({ ...(list[0] as object), ...ownKey(key, { polluted: true }) });
        return JSON.stringify(b);
      }),
      weight: 1,
    },
  );

/** The stores of a device that the backup is imported into: empty, the same data, or some of it changed. */
async function target(kind: number): Promise<Database> {
  if (kind % 3 === 0) return openDatabase(freshName('target'));
  const db = await openDatabase(freshName('target'));
  const base = structuredClone(valid);
  if (kind % 3 === 2) {
    // Another device: a circuit and a workout of the same ids with other content, and no settings.
    base.circuits = base.circuits.map((c, i) => (i === 0 ? { ...c, name: `${c.name} (changed)` } : c));
    base.sessions = base.sessions.slice(0, 1).map((s) => ({ ...s, updatedAt: s.updatedAt + 1 }));
    base.rounds = base.rounds.filter((r) => r.sessionId === base.sessions[0]!.id).slice(0, 1);
    delete base.settings;
  }
  await importBackup(db, base);
  return db;
}

/** Makes the n-th write to any store throw, as a full disk or a clone error would. */
function failWrites(at: number | null): () => void {
  const proto = globalThis.IDBObjectStore.prototype as unknown as Record<string, (...args: unknown[]) => unknown>;
  const original = { add: proto.add!, put: proto.put! };
  let writes = 0;
  for (const method of ['add', 'put'] as const)
    proto[method] = function (this: unknown, ...args: unknown[]) {
      if (at !== null && writes++ === at) throw new DOMException('The disk is full.', 'QuotaExceededError');
      return original[method].apply(this, args);
    };
  return () => Object.assign(proto, original);
}

describe('backup files, fuzzed', () => {
  it(
    'parseBackup never throws on any file, refuses in words, and what it accepts reads back the same',
    async () => {
      await fuzz(
        'backup files',
        fc.property(fileText(), (text) => void checkParse(text)),
        RUNS,
      );
    },
    TIMEOUT,
  );

  it(
    'an import is all or nothing: refused or failing at any write, every store is as it was',
    async () => {
      const accepted = mutationsOf(fc.constant(valid))
        .map((b) => parseBackup(JSON.stringify(b) ?? ''))
        .filter((p): p is { ok: true; backup: Backup } => p.ok)
        .map((p) => p.backup);
      const backup = fc.oneof(fc.constant(null), accepted);
      await fuzz(
        'backup import',
        fc.asyncProperty(backup, fc.nat(), fc.option(fc.nat({ max: 30 })), async (mutated, kind, failAt) => {
          const file = mutated ?? structuredClone(valid);
          const db = await target(kind);
          try {
            const before = await dump(db);
            const preview = await previewImport(db, file);
            if (!preview.ok) expectMessage(preview.message);
            expect(await dump(db)).toEqual(before);

            const restore = failWrites(failAt);
            let outcome: 'imported' | 'refused' | 'failed';
            try {
              await importBackup(db, file);
              outcome = 'imported';
            } catch (err) {
              expect(err).toBeInstanceOf(Error);
              if (err instanceof BackupImportError) expectMessage(err.message);
              outcome = err instanceof BackupImportError ? 'refused' : 'failed';
            } finally {
              restore();
            }
            const after = await dump(db);
            if (outcome !== 'imported') {
              expect(after).toEqual(before);
              expect(preview.ok).toBe(outcome === 'failed');
              return;
            }
            expect(preview.ok).toBe(true);
            // Imported: no record that was here changed (the week totals are derived, and count the new ones),
            // and everything here reads back without damage.
            for (const [store, records] of Object.entries(before))
              if (store !== 'weeks')
                for (const [key, value] of records)
                  expect(after[store]!.find(([k]) => k === key)?.[1], `${store} ${String(key)}`).toEqual(value);
            const { leftOut } = await exportBackup(db, { app: 'fuzz' });
            expect(leftOut).toBe(0);
          } finally {
            db.close();
          }
        }),
        runsOf(0.5),
      );
    },
    TIMEOUT,
  );
});
