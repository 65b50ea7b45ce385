// Backups: export → import gives the very same records on another device; a file that is damaged,
// foreign, newer or hostile is refused with a clear message and changes nothing; records already here
// are never overwritten; the rounds CSV opens safely in a spreadsheet.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { DB_VERSION, openDatabase, type Database } from '../../../src/storage/db';
import {
  BACKUP_VERSION,
  MAX_BACKUP_BYTES,
  csvCell,
  exportBackup,
  importBackup,
  parseBackup,
  previewImport,
  roundsCsv,
  sameData,
  type Backup,
} from '../../../src/storage/backup';
import { CircuitRepository } from '../../../src/storage/circuits';
import { LOG_RECORD_VERSION, WorkoutLogRepository, exerciseKeys, roundId } from '../../../src/storage/log';
import type { RoundRecord, SessionRecord } from '../../../src/storage/log';
import { GOALS_KEY, SOUND_SETTINGS_KEY, saveSoundSettings } from '../../../src/storage/settings';
import { DEFAULT_SOUND_SETTINGS } from '../../../src/audio/settings';
import { PRESETS } from '../../../src/data/presets';
import { block, circuit, step } from '../fixtures';

let dbCount = 0;
const START = 1_764_000_000_000;
const freshDb = () => openDatabase(`backup-${++dbCount}`);

const friday = circuit(
  [block([step('Rows', { id: 'rows' }), step('Bear crawl', { id: 'crawl' })], { id: 'main', rounds: 3 })],
  { id: 'friday', name: 'Friday back', createdAt: START, updatedAt: START },
);
const legs = circuit([block([step('Squat', { id: 'squat' })], { id: 'legs-main' })], {
  id: 'legs',
  name: 'Legs, "heavy"',
  createdAt: START,
  updatedAt: START,
});

function session(id: string, over: Partial<SessionRecord> = {}): SessionRecord {
  return {
    recordVersion: LOG_RECORD_VERSION,
    id,
    circuitId: friday.id,
    circuit: structuredClone(friday),
    startedAt: START,
    endedAt: START + 300_000,
    status: 'completed',
    run: { events: [], lastKnownMs: 300_000 },
    updatedAt: START + 300_000,
    ...over,
  };
}

function round(sessionId: string, n: number, over: Partial<RoundRecord> = {}): RoundRecord {
  const exercises: RoundRecord['exercises'] = [
    {
      stepId: 'rows',
      exerciseId: 'seated-cable-row',
      name: 'Rows',
      perSide: false,
      plannedWorkMs: 30_000,
      workMs: 30_000,
      plannedRestMs: 10_000,
      restMs: 10_000,
      outcome: 'done',
    },
    {
      stepId: 'crawl',
      exerciseId: null,
      name: 'Bear crawl',
      perSide: false,
      plannedWorkMs: null,
      workMs: 41_500,
      plannedRestMs: 0,
      restMs: 0,
      outcome: 'skipped',
    },
  ];
  return {
    recordVersion: LOG_RECORD_VERSION,
    id: roundId(sessionId, 0, n),
    sessionId,
    blockIndex: 0,
    blockId: 'main',
    blockName: 'Main',
    round: n,
    rounds: 3,
    exercises,
    exerciseKeys: exerciseKeys(exercises),
    completedAt: START + n * 80_000,
    reps: null,
    loadKg: null,
    rpe: null,
    ...over,
  };
}

/** A device with 2 circuits, 2 workouts with 3 and 1 rounds, and sound settings and a weekly target of its own. */
async function filledDb(): Promise<Database> {
  const db = freshDb();
  let wall = START;
  const circuits = new CircuitRepository(db, () => wall);
  await circuits.save(friday);
  await circuits.save(legs);
  const log = new WorkoutLogRepository(db, () => wall++);
  for (const id of ['s-1', 's-2']) {
    await log.startSession(session(id, { status: 'running', endedAt: null }));
    for (let n = 1; n <= (id === 's-1' ? 3 : 1); n++) await log.addRound(round(id, n));
    await log.closeSession(id, 'completed', START + 300_000, { events: [], lastKnownMs: 300_000 });
  }
  await log.updateRoundEntry(roundId('s-1', 0, 2), { reps: 12, loadKg: 22.5, rpe: 7.5 });
  await saveSoundSettings(await db, { ...DEFAULT_SOUND_SETTINGS, volume: 0.4, voice: false });
  await (await db).put('settings', { weeklyTarget: 5 }, GOALS_KEY);
  return await db;
}

/** Every record of every store, with its key, read past the checks. */
async function dump(db: Database | Promise<Database>) {
  const d = await db;
  const stores = ['circuits', 'sessions', 'rounds', 'settings'] as const;
  const out: Record<string, [unknown, unknown][]> = {};
  for (const store of stores) {
    const keys = await d.getAllKeys(store);
    out[store] = await Promise.all(keys.map(async (key) => [key, await d.get(store, key)] as [unknown, unknown]));
  }
  return out;
}

async function exported(db: Database | Promise<Database>): Promise<string> {
  const { backup } = await exportBackup(await db, { app: '0.1.0', now: new Date(2026, 10, 25, 9).getTime() });
  return JSON.stringify(backup);
}

function parsed(text: string): Backup {
  const result = parseBackup(text);
  if (!result.ok) throw new Error(result.message);
  return result.backup;
}

/** Parses, previews and imports as the app does; returns the message of the first refusal, or null. */
async function tryImport(db: Database | Promise<Database>, text: string): Promise<string | null> {
  const result = parseBackup(text);
  if (!result.ok) return result.message;
  const preview = await previewImport(await db, result.backup);
  if (!preview.ok) return preview.message;
  await importBackup(await db, result.backup);
  return null;
}

describe('exportBackup', () => {
  it('holds every record, the settings, the format, version, date and app; named by the local date', async () => {
    const db = await filledDb();
    const { backup, filename, leftOut } = await exportBackup(await db, {
      app: '0.1.0',
      now: new Date(2026, 10, 25, 9).getTime(),
    });
    expect(filename).toBe('circuit-timer-backup-2026-11-25.json');
    expect(leftOut).toBe(0);
    expect(backup).toMatchObject({ format: 'circuit-timer-backup', version: 1, app: '0.1.0' });
    expect(new Date(backup.exportedAt).getTime()).toBe(new Date(2026, 10, 25, 9).getTime());
    expect(backup.circuits.map((c) => c.id).sort()).toEqual(['friday', 'legs']);
    expect(backup.sessions.map((s) => s.id)).toEqual(['s-1', 's-2']);
    expect(backup.rounds).toHaveLength(4);
    expect(backup.settings).toEqual({
      sound: { ...DEFAULT_SOUND_SETTINGS, volume: 0.4, voice: false },
      goals: { weeklyTarget: 5 },
    });
  });

  it('holds the weekly target alone when the sound settings are the defaults, and leaves a damaged one out', async () => {
    const db = await freshDb();
    await db.put('settings', { weeklyTarget: 4 }, GOALS_KEY);
    expect((await exportBackup(db, { app: '0.1.0' })).backup.settings).toEqual({ goals: { weeklyTarget: 4 } });
    await db.put('settings', { weeklyTarget: 40 }, GOALS_KEY);
    const { backup, leftOut } = await exportBackup(db, { app: '0.1.0' });
    expect(backup.settings).toBeUndefined();
    expect(leftOut).toBe(1);
  });

  it('leaves damaged records out and counts them, with the rounds of a workout left out', async () => {
    const db = await filledDb();
    const raw = await openDB(`backup-${dbCount}`, DB_VERSION);
    await raw.put('circuits', { id: 'broken', name: 'Broken', schemaVersion: 99 });
    await raw.put('sessions', { ...session('s-1'), status: 'exploded' });
    await raw.put('rounds', { id: 'junk', sessionId: 's-2' });
    raw.close();
    const { backup, leftOut } = await exportBackup(await db, { app: '0.1.0' });
    expect(backup.circuits).toHaveLength(2);
    expect(backup.sessions.map((s) => s.id)).toEqual(['s-2']);
    expect(backup.rounds.map((r) => r.sessionId)).toEqual(['s-2']);
    // The circuit, the session and its 3 rounds, the junk round.
    expect(leftOut).toBe(6);
    // What is exported imports.
    expect(parseBackup(JSON.stringify(backup)).ok).toBe(true);
  });

  it('leaves the settings out when the device has none of its own', async () => {
    const { backup } = await exportBackup(await freshDb(), { app: '0.1.0' });
    expect(backup.settings).toBeUndefined();
    expect(backup).toMatchObject({ circuits: [], sessions: [], rounds: [] });
  });
});

describe('export → import', () => {
  it('a fresh device gets identical records in every store', async () => {
    const from = await filledDb();
    const to = freshDb();
    const before = await dump(from);
    expect(await tryImport(to, await exported(from))).toBeNull();
    expect(await dump(to)).toEqual(before);
    // And the log's week totals, which History reads, as the repository kept them there.
    expect(await (await to).getAll('weeks')).toEqual(await from.getAll('weeks'));
    expect(await from.getAll('weeks')).toEqual([
      expect.objectContaining({ workouts: 2, completed: 2, rounds: 4, workMs: 4 * 71_500 }),
    ]);
  });

  it('previews what it adds, then writes exactly that', async () => {
    const text = await exported(await filledDb());
    const to = freshDb();
    const preview = await previewImport(await to, parsed(text));
    expect(preview).toEqual({
      ok: true,
      preview: {
        add: { circuits: 2, sessions: 2, rounds: 4, settings: true, goals: true },
        same: 0,
        conflicts: [],
        leftOut: 0,
        settingsKept: false,
        goalsKept: false,
      },
    });
    // The preview writes nothing.
    expect(await dump(to)).toEqual({ circuits: [], sessions: [], rounds: [], settings: [] });
    const result = await importBackup(await to, parsed(text));
    expect(result).toEqual(preview.ok && preview.preview);
  });

  it('importing the same backup again skips everything and changes nothing', async () => {
    const db = await filledDb();
    const text = await exported(db);
    const before = await dump(db);
    const preview = await previewImport(await db, parsed(text));
    expect(preview.ok && preview.preview).toEqual({
      add: { circuits: 0, sessions: 0, rounds: 0, settings: false, goals: false },
      same: 8,
      conflicts: [],
      leftOut: 0,
      settingsKept: true,
      goalsKept: true,
    });
    await importBackup(await db, parsed(text));
    expect(await dump(db)).toEqual(before);
  });

  it('a record here with other content is a conflict: kept as it is, never overwritten', async () => {
    const from = await filledDb();
    const text = await exported(from);
    // The other device has its own, different "friday" and an s-1 that is still running with one round.
    const to = freshDb();
    await new CircuitRepository(to, () => START + 1).save({ ...friday, name: 'Friday back (mine)' });
    const log = new WorkoutLogRepository(to, () => START);
    await log.startSession(session('s-1', { status: 'running', endedAt: null }));
    await log.addRound(round('s-1', 1));
    await saveSoundSettings(await to, DEFAULT_SOUND_SETTINGS);
    await (await to).put('settings', { weeklyTarget: 2 }, GOALS_KEY);
    const before = await dump(to);

    const preview = await previewImport(await to, parsed(text));
    expect(preview.ok && preview.preview).toEqual({
      add: { circuits: 1, sessions: 1, rounds: 1, settings: false, goals: false },
      same: 1, // round 1 of s-1
      conflicts: [
        { kind: 'circuit', id: 'friday', name: 'Friday back' },
        { kind: 'workout', id: 's-1', name: 'Friday back' },
      ],
      leftOut: 2, // rounds 2 and 3 of s-1: they would join a workout that differs here
      settingsKept: true,
      goalsKept: true,
    });
    await importBackup(await to, parsed(text));
    const after = await dump(to);
    // What was here is unchanged, record for record; only the new ones were added.
    for (const store of ['circuits', 'sessions', 'rounds', 'settings'] as const)
      for (const entry of before[store]!) expect(after[store]).toContainEqual(entry);
    expect(after.circuits!.map(([key]) => key)).toEqual(['friday', 'legs']);
    expect(after.sessions!.map(([key]) => key)).toEqual(['s-1', 's-2']);
    expect(after.rounds!.map(([key]) => key)).toEqual(['s-1/0/1', 's-2/0/1']);
    // This device's settings stay its own.
    expect(await (await to).get('settings', GOALS_KEY)).toEqual({ weeklyTarget: 2 });
  });

  it('takes the weekly target from the file only when this device has none', async () => {
    const text = await exported(await filledDb());
    const to = await freshDb();
    await saveSoundSettings(to, DEFAULT_SOUND_SETTINGS);
    const preview = await previewImport(to, parsed(text));
    expect(preview.ok && [preview.preview.add.goals, preview.preview.settingsKept]).toEqual([true, true]);
    await importBackup(to, parsed(text));
    expect(await to.get('settings', GOALS_KEY)).toEqual({ weeklyTarget: 5 });
  });

  it('a round of a workout that is here but not in the file joins it', async () => {
    const db = await filledDb();
    const file = parsed(await exported(db));
    const onlyRound: Backup = { ...file, circuits: [], sessions: [], rounds: [round('s-2', 2)] };
    const preview = await previewImport(await db, onlyRound);
    expect(preview.ok && preview.preview.add.rounds).toBe(1);
  });

  it('two imports at once: the second finds everything there and adds nothing twice', async () => {
    const file = parsed(await exported(await filledDb()));
    const to = freshDb();
    const results = await Promise.allSettled([importBackup(await to, file), importBackup(await to, file)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(await dump(to)).toEqual(await dump(await filledDb()));
  });

  it('is all or nothing: a record the store refuses after others were added leaves nothing written', async () => {
    const file = parsed(await exported(await filledDb()));
    // Rounds are added last: this one cannot be stored, after the circuits and workouts were.
    const unstorable = { ...file.rounds[0]!, id: 's-1/0/9', round: 9, rounds: 9, oops: () => 1 } as RoundRecord;
    const db = freshDb();
    await expect(importBackup(await db, { ...file, rounds: [...file.rounds, unstorable] })).rejects.toThrow();
    expect(await dump(db)).toEqual({ circuits: [], sessions: [], rounds: [], settings: [] });
  });
});

describe('parseBackup refuses, and nothing changes', () => {
  async function expectRefused(text: string, message: RegExp | string) {
    const db = await filledDb();
    const before = await dump(db);
    const refusal = await tryImport(db, text);
    expect(refusal).not.toBeNull();
    if (typeof message === 'string') expect(refusal).toBe(message);
    else expect(refusal).toMatch(message);
    expect(await dump(db)).toEqual(before);
  }

  it('malformed JSON', async () => {
    await expectRefused(
      '{"format": "circuit-timer-backup", version: 1}',
      'This file is not a backup: it is not valid JSON (it may be cut short).',
    );
  });

  it('a file cut short', async () => {
    const text = await exported(await filledDb());
    await expectRefused(text.slice(0, Math.floor(text.length * 0.6)), /not valid JSON \(it may be cut short\)/);
  });

  it('an empty file', async () => {
    await expectRefused('  \n', /This file is empty/);
  });

  it('another kind of file', async () => {
    await expectRefused('{"circuits": []}', /not a Circuit Timer backup.*Export backup \(JSON\)/);
    await expectRefused('[1, 2, 3]', /not a Circuit Timer backup/);
    await expectRefused('"circuit-timer-backup"', /not a Circuit Timer backup/);
    await expectRefused('{"format": "something-else", "version": 1}', /not a Circuit Timer backup/);
  });

  it('a newer version: update the app first', async () => {
    await expectRefused(
      JSON.stringify({ format: 'circuit-timer-backup', version: BACKUP_VERSION + 1, circuits: [] }),
      /made by a newer version of Circuit Timer \(backup version 2; this app reads version 1\): update the app first/,
    );
  });

  it('an unknown older or nonsense version', async () => {
    for (const version of [0, -1, 1.5, '1', null, undefined])
      await expectRefused(
        JSON.stringify({ format: 'circuit-timer-backup', version }),
        /version .* is not one Circuit Timer knows/,
      );
  });

  it('a __proto__, constructor or prototype key anywhere', async () => {
    const text = await exported(await filledDb());
    await expectRefused(
      text.replace('"schemaVersion":1', '"__proto__":{"polluted":true},"schemaVersion":1'),
      /“__proto__”/,
    );
    await expectRefused(
      text.replace('"name":"Rows"', '"name":"Rows","constructor":{"prototype":{"x":1}}'),
      /“(constructor|prototype)”, which backups never have/,
    );
    // Escaped, the key is the same once parsed.
    await expectRefused(
      '{"format":"circuit-timer-backup","version":1,"\\u005f_proto__":{"isAdmin":true}}',
      /“__proto__”/,
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('deep nesting', async () => {
    const deep = '['.repeat(100_000) + ']'.repeat(100_000);
    await expectRefused(
      `{"format":"circuit-timer-backup","version":1,"circuits":[${deep}]}`,
      /nested far deeper than a backup’s/,
    );
    // Brackets inside text do not count.
    const text = await exported(await filledDb());
    const named = text.replace('"Friday back"', `"${'[{'.repeat(30)}"`);
    expect(parseBackup(named).ok).toBe(true);
  });

  it('huge arrays', async () => {
    const many = `[${Array(100_001).fill('{}').join(',')}]`;
    await expectRefused(
      `{"format":"circuit-timer-backup","version":1,"sessions":${many}}`,
      /it has 100001 workouts, more than the 100000 a backup can hold/,
    );
  });

  it('an oversized file, refused before it is parsed', async () => {
    const big = `{"format":"circuit-timer-backup","version":1,"app":"${'x'.repeat(MAX_BACKUP_BYTES)}"}`;
    await expectRefused(big, /too large to be a backup \(50 MB; backups are at most 50 MB\)/);
  });

  it('a record that fails its checks, listed with its number and name', async () => {
    await expectRefused(
      '{"format":"circuit-timer-backup","version":1,"circuits":[{"id":1}]}',
      /^This backup cannot be imported, and nothing was changed: circuit 1: This circuit was saved in a format/,
    );
    const file = JSON.parse(await exported(await filledDb())) as Backup;
    (file.rounds[2] as unknown as Record<string, unknown>).workMs = 'a lot';
    file.rounds[3]!.exercises[0]!.workMs = -5;
    file.sessions[1]!.status = 'exploded' as never;
    (file.circuits[0] as unknown as Record<string, unknown>).blocks = 'none';
    file.circuits.push({ ...friday, id: 'x', name: '' });
    await expectRefused(
      JSON.stringify(file),
      /circuit 1 \(“Friday back”\): The circuit data is damaged at “blocks”.*; circuit 3: .*; workout 2 \(“Friday back”\): .*the status must be running, completed or abandoned; and 1 more problem\. The file may have been edited or damaged/,
    );
  });

  it('a round whose workout is neither in the file nor here', async () => {
    const file = JSON.parse(await exported(await filledDb())) as Backup;
    file.sessions = file.sessions.filter((s) => s.id !== 's-1');
    const db = freshDb();
    const before = await dump(db);
    const refusal = await tryImport(db, JSON.stringify(file));
    expect(refusal).toMatch(
      /^This backup cannot be imported: 3 rounds belong to a workout that is neither in the file nor on this device \(“s-1\/0\/1”, “s-1\/0\/2”, “s-1\/0\/3”\)/,
    );
    expect(await dump(db)).toEqual(before);
  });

  it('ids that repeat within the file, or take a preset’s', async () => {
    const file = JSON.parse(await exported(await filledDb())) as Backup;
    file.circuits.push({ ...file.circuits[0]! });
    await expectRefused(JSON.stringify(file), /has the same id as an earlier circuit \(“friday”\)/);
    file.circuits.pop();
    file.circuits.push({ ...structuredClone(PRESETS[0]!.circuit) });
    await expectRefused(JSON.stringify(file), /has the id of a built-in preset/);
    // And when a backup did not come through parseBackup.
    const db = freshDb();
    await expect(
      importBackup(await db, { ...parsed(await exported(await filledDb())), circuits: [PRESETS[0]!.circuit] }),
    ).rejects.toThrow(/has the id of a built-in preset/);
    expect((await dump(db)).circuits).toEqual([]);
  });

  it('damaged sound settings', async () => {
    const file = JSON.parse(await exported(await filledDb())) as Backup;
    file.settings!.sound!.volume = 7;
    await expectRefused(JSON.stringify(file), /its sound settings are damaged \(the volume must be from 0 to 100 %\)/);
  });

  it('a damaged weekly target', async () => {
    const file = JSON.parse(await exported(await filledDb())) as Backup;
    file.settings!.goals!.weeklyTarget = 0;
    await expectRefused(
      JSON.stringify(file),
      /its weekly target is damaged \(the weekly target must be a whole number of workouts from 1 to 14\)/,
    );
  });

  it('unknown fields are dropped, never stored', async () => {
    const file = JSON.parse(await exported(await filledDb())) as Record<string, unknown> & Backup;
    (file.circuits[0] as unknown as Record<string, unknown>).evil = '<script>';
    (file.settings!.sound as unknown as Record<string, unknown>).evil = 1;
    (file.settings!.goals as unknown as Record<string, unknown>).evil = 1;
    file.extra = 'ignored';
    const db = freshDb();
    expect(await tryImport(db, JSON.stringify(file))).toBeNull();
    expect(JSON.stringify(await dump(db))).not.toContain('evil');
    expect((await (await db).get('settings', SOUND_SETTINGS_KEY)) as object).not.toHaveProperty('evil');
  });

  it('a backup with nothing but its format and version is a valid, empty one', () => {
    const result = parseBackup('{"format":"circuit-timer-backup","version":1}');
    expect(result.ok && result.backup).toMatchObject({ circuits: [], sessions: [], rounds: [] });
  });
});

describe('roundsCsv', () => {
  const s1 = session('s-1', { startedAt: new Date(2026, 10, 25, 7, 5).getTime() });
  const rounds = [round('s-1', 2, { reps: 12, loadKg: 22.5, rpe: 7.5 }), round('s-1', 1)];

  it('has a header and one row per exercise per round, rounds in order, times in seconds', () => {
    const lines = roundsCsv([s1], rounds).split('\r\n');
    expect(lines[0]).toBe(
      'Date,Time,Circuit,Workout status,Block,Round,Exercise,Planned work (s),Work (s),Planned rest (s),Rest (s),Outcome,Reps,Load (kg),RPE',
    );
    expect(lines.slice(1)).toEqual([
      '2026-11-25,07:05,Friday back,completed,Main,1,Rows,30,30,10,10,done,,,',
      '2026-11-25,07:05,Friday back,completed,Main,1,Bear crawl,,41.5,0,0,skipped,,,',
      '2026-11-25,07:05,Friday back,completed,Main,2,Rows,30,30,10,10,done,12,22.5,7.5',
      '2026-11-25,07:05,Friday back,completed,Main,2,Bear crawl,,41.5,0,0,skipped,12,22.5,7.5',
      '',
    ]);
  });

  it('gives each exercise its own reps and load where they were entered for it', () => {
    const own = round('s-1', 3, { rpe: 8 });
    own.exercises = own.exercises.map((e, i) => (i === 0 ? { ...e, reps: 10, loadKg: 40 } : { ...e, reps: 8 }));
    expect(roundsCsv([s1], [own]).split('\r\n').slice(1, 3)).toEqual([
      '2026-11-25,07:05,Friday back,completed,Main,3,Rows,30,30,10,10,done,10,40,8',
      '2026-11-25,07:05,Friday back,completed,Main,3,Bear crawl,,41.5,0,0,skipped,8,,8',
    ]);
  });

  it('quotes commas, quotes and newlines (RFC 4180)', () => {
    const named = { ...s1, circuit: { ...s1.circuit, name: 'Legs, "heavy"\nday' } };
    const csv = roundsCsv([named], [round('s-1', 1)]);
    expect(csv.split('\r\n')[1]).toBe(
      '2026-11-25,07:05,"Legs, ""heavy""\nday",completed,Main,1,Rows,30,30,10,10,done,,,',
    );
  });

  it('makes text a spreadsheet would run as a formula plain text', () => {
    for (const formula of ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tx'])
      expect(
        csvCell(formula)
          .replace(/^"|"$/g, '')
          .startsWith(`'${formula.charAt(0)}`),
      ).toBe(true);
    expect(csvCell('=1+1')).toBe("'=1+1");
    expect(csvCell('=A1,B1')).toBe(`"'=A1,B1"`);
    expect(csvCell('Rows')).toBe('Rows');
    expect(csvCell(12.5)).toBe('12.5');
    expect(csvCell(null)).toBe('');
    const hostile = round('s-1', 1);
    hostile.exercises[0]!.name = '=cmd|"/c calc"!A1';
    expect(roundsCsv([s1], [hostile]).split('\r\n')[1]).toContain(`,"'=cmd|""/c calc""!A1",`);
  });

  it('rounds of a workout that is not listed are left out', () => {
    expect(roundsCsv([], rounds).split('\r\n')).toHaveLength(2);
  });
});

describe('sameData', () => {
  it('compares plain data deeply, whatever the order of keys', () => {
    expect(sameData({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBe(true);
    expect(sameData({ a: 1, b: undefined }, { a: 1 })).toBe(true);
    expect(sameData({ a: 1 }, { a: 2 })).toBe(false);
    expect(sameData([1, 2], { 0: 1, 1: 2 })).toBe(false);
    expect(sameData([1], [1, 2])).toBe(false);
  });
});
