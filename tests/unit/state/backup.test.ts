// The "Your data" steps: export hands a file to the browser; a chosen backup is checked and previewed
// before anything is written; Import adds only what is new; Cancel and refusals change nothing.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { Decoder, Stream } from '@garmin/fitsdk';
import { openDatabase, type Database } from '../../../src/storage/db';
import { CircuitRepository } from '../../../src/storage/circuits';
import { LOG_RECORD_VERSION, WorkoutLogRepository, exerciseKeys, roundId } from '../../../src/storage/log';
import type { ImportPreview } from '../../../src/storage/backup';
import { BackupTransfer, describeImport, downloadFit } from '../../../src/state/backup.svelte';
import { block, circuit, step } from '../fixtures';

let dbCount = 0;
const START = new Date(2026, 10, 25, 7, 30).getTime();
const friday = circuit([block([step('Rows', { id: 'rows' })], { id: 'main' })], { id: 'friday', name: 'Friday' });

async function device(withData: boolean) {
  const db = openDatabase(`backup-state-${++dbCount}`);
  if (withData) {
    await new CircuitRepository(db, () => START).save(friday);
    const log = new WorkoutLogRepository(db, () => START);
    await log.startSession({
      recordVersion: LOG_RECORD_VERSION,
      id: 's-1',
      circuitId: 'friday',
      circuit: friday,
      startedAt: START,
      endedAt: null,
      status: 'running',
      run: { events: [], lastKnownMs: 0 },
      updatedAt: START,
    });
    const exercises = [
      {
        stepId: 'rows',
        exerciseId: null,
        name: 'Rows',
        perSide: false,
        plannedWorkMs: 30_000,
        workMs: 30_000,
        plannedRestMs: 10_000,
        restMs: 10_000,
        outcome: 'done' as const,
      },
    ];
    await log.addRound({
      recordVersion: LOG_RECORD_VERSION,
      id: roundId('s-1', 0, 1),
      sessionId: 's-1',
      blockIndex: 0,
      blockId: 'main',
      blockName: 'Main',
      round: 1,
      rounds: 1,
      exercises,
      exerciseKeys: exerciseKeys(exercises),
      completedAt: START + 40_000,
      reps: 10,
      loadKg: null,
      rpe: null,
    });
    await log.closeSession('s-1', 'completed', START + 60_000, { events: [], lastKnownMs: 60_000 });
  }
  const saved: { name: string; blob: Blob }[] = [];
  const transfer = new BackupTransfer(
    () => db,
    (name, blob) => saved.push({ name, blob }),
    () => START,
  );
  return { db, transfer, saved };
}

async function counts(db: Promise<Database>) {
  const d = await db;
  return [await d.count('circuits'), await d.count('sessions'), await d.count('rounds')];
}

describe('BackupTransfer', () => {
  it('exports a JSON backup and the rounds CSV as files, and says what they hold', async () => {
    const { transfer, saved } = await device(true);
    await transfer.exportJson();
    expect(saved[0]!.name).toBe('circuit-timer-backup-2026-11-25.json');
    expect(transfer.status).toBe(
      'Backup ready: circuit-timer-backup-2026-11-25.json, with 1 circuit, 1 workout and 1 round.',
    );
    const backup = JSON.parse(await saved[0]!.blob.text());
    expect(backup).toMatchObject({ format: 'circuit-timer-backup', version: 1, circuits: [{ id: 'friday' }] });

    await transfer.exportCsv();
    expect(saved[1]!.name).toBe('circuit-timer-rounds-2026-11-25.csv');
    const csv = await saved[1]!.blob.text();
    expect(csv.split('\r\n')[1]).toBe('2026-11-25,07:30,Friday,completed,Main,1,Rows,30,30,10,10,done,10,,');
    expect(transfer.error).toBeNull();
  });

  it('previews a chosen backup, writes nothing until Import, then adds it', async () => {
    const from = await device(true);
    await from.transfer.exportJson();
    const file = new File([await from.saved[0]!.blob.text()], 'mine.json', { type: 'application/json' });

    const to = await device(false);
    await to.transfer.choose(file);
    expect(to.transfer.error).toBeNull();
    expect(to.transfer.fileName).toBe('mine.json');
    expect(to.transfer.summary).toBe('Adds 1 circuit, 1 workout and 1 round.');
    expect(await counts(to.db)).toEqual([0, 0, 0]);

    await to.transfer.confirm();
    expect(to.transfer.status).toBe('Imported 1 circuit, 1 workout and 1 round.');
    expect(to.transfer.preview).toBeNull();
    expect(await counts(to.db)).toEqual([1, 1, 1]);

    // The same file again: all of it is here.
    await to.transfer.choose(file);
    expect(to.transfer.summary).toBe('Adds nothing new; 3 already here are skipped.');
    await to.transfer.confirm();
    expect(to.transfer.status).toMatch(/^Nothing was imported: everything in the file is here already/);
  });

  it('Cancel drops the chosen backup and writes nothing', async () => {
    const from = await device(true);
    await from.transfer.exportJson();
    const to = await device(false);
    await to.transfer.choose(new File([await from.saved[0]!.blob.text()], 'mine.json'));
    to.transfer.cancel();
    expect(to.transfer.preview).toBeNull();
    await to.transfer.confirm();
    expect(await counts(to.db)).toEqual([0, 0, 0]);
    expect(to.transfer.status).toBe('Import cancelled: nothing was changed.');
  });

  it('a file that is not a backup, or too large, is an error and writes nothing', async () => {
    const { db, transfer } = await device(false);
    await transfer.choose(new File(['{"format":"circuit-timer-backup","version":1,"circ'], 'cut.json'));
    expect(transfer.error).toBe('This file is not a backup: it is not valid JSON (it may be cut short).');
    expect(transfer.preview).toBeNull();

    const huge = new File(['{}'], 'huge.json');
    Object.defineProperty(huge, 'size', { value: 80_000_000 });
    await transfer.choose(huge);
    expect(transfer.error).toBe(
      '“huge.json” is too large to be a backup (80 MB; backups are at most 50 MB). Choose a file exported with “Export backup (JSON)”.',
    );
    expect(await counts(db)).toEqual([0, 0, 0]);
  });

  it('a storage failure says so, with what to do', async () => {
    const failing = new BackupTransfer(
      () => Promise.reject(Object.assign(new Error('full'), { name: 'QuotaExceededError' })),
      () => {},
    );
    await failing.exportJson();
    expect(failing.error).toBe(
      'The backup could not be made: this device is out of storage space: free some space, then try again.',
    );
  });
});

describe('describeImport', () => {
  const preview = (over: Partial<ImportPreview>): ImportPreview => ({
    add: { circuits: 3, sessions: 12, rounds: 40, settings: false, goals: false },
    same: 2,
    conflicts: [{ kind: 'circuit', id: 'x', name: 'X' }],
    leftOut: 0,
    settingsKept: false,
    goalsKept: false,
    ...over,
  });

  it('says what is added, skipped and kept, in one sentence', () => {
    expect(describeImport(preview({}))).toBe(
      'Adds 3 circuits, 12 workouts and 40 rounds; 2 already here are skipped; 1 conflict kept as it is here.',
    );
    expect(
      describeImport(
        preview({
          add: { circuits: 0, sessions: 1, rounds: 0, settings: true, goals: false },
          same: 1,
          conflicts: [],
          leftOut: 2,
          settingsKept: false,
        }),
      ),
    ).toBe(
      'Adds 1 workout and your sound settings; 1 already here is skipped; 2 rounds of a conflicting workout are left out.',
    );
    expect(
      describeImport(
        preview({
          add: { circuits: 0, sessions: 0, rounds: 0, settings: false, goals: false },
          same: 0,
          settingsKept: true,
        }),
      ),
    ).toBe('Adds nothing new; 1 conflict kept as it is here; this device keeps its own sound settings.');
    expect(
      describeImport(
        preview({
          add: { circuits: 1, sessions: 0, rounds: 0, settings: true, goals: true },
          conflicts: [],
          same: 0,
        }),
      ),
    ).toBe('Adds 1 circuit, your sound settings and your weekly target.');
    expect(
      describeImport(
        preview({
          add: { circuits: 0, sessions: 0, rounds: 0, settings: false, goals: false },
          conflicts: [],
          same: 0,
          settingsKept: true,
          goalsKept: true,
        }),
      ),
    ).toBe('Adds nothing new; this device keeps its own sound settings and weekly target.');
  });
});

describe('downloadFit', () => {
  it('saves the workout as a FIT file named after its date and circuit', async () => {
    const { db, saved } = await device(true);
    await downloadFit(
      's-1',
      () => db,
      (name, blob) => saved.push({ name, blob }),
    );
    expect(saved[0]!.name).toBe('circuit-timer-2026-11-25-friday.fit');
    const bytes = new Uint8Array(await saved[0]!.blob.arrayBuffer());
    const decoder = new Decoder(Stream.fromByteArray([...bytes]));
    expect(decoder.checkIntegrity()).toBe(true);
    expect(decoder.read().messages.lapMesgs).toHaveLength(1);
  });

  it('says when the workout is gone or cannot be read', async () => {
    const { db } = await device(false);
    await expect(
      downloadFit(
        'nope',
        () => db,
        () => {},
      ),
    ).rejects.toThrow('This workout is no longer in the log, so there is nothing to export.');
    const broken = openDatabase(`backup-state-${++dbCount}`);
    await (await broken).put('sessions', { id: 'bad', status: 'exploded' });
    await expect(
      downloadFit(
        'bad',
        () => broken,
        () => {},
      ),
    ).rejects.toThrow(/^This workout cannot be exported: /);
  });
});
