// Valid data to mutate: a device with circuits (a preset copy among them), a workout log and settings
// written through the app's own repositories, and a dump of every store to tell whether anything changed.
import 'fake-indexeddb/auto';
import { openDatabase, type Database } from '../../../src/storage/db';
import { CircuitRepository } from '../../../src/storage/circuits';
import { LOG_RECORD_VERSION, WorkoutLogRepository, exerciseKeys, roundId } from '../../../src/storage/log';
import type { RoundRecord, SessionRecord } from '../../../src/storage/log';
import { GOALS_KEY, saveSoundSettings } from '../../../src/storage/settings';
import { DEFAULT_SOUND_SETTINGS } from '../../../src/audio/settings';
import { findPreset } from '../../../src/data/presets';
import type { Circuit } from '../../../src/engine/model';

export const START = 1_764_000_000_000;

let dbCount = 0;
/** A database name no other case has used. */
export const freshName = (what: string) => `fuzz-${what}-${++dbCount}`;

export function ownCircuits(): Circuit[] {
  const preset = findPreset('metabolic-back-beginner')!.circuit;
  return [
    { ...structuredClone(preset), id: 'mine-1', name: 'Back (mine)', presetId: preset.id },
    {
      schemaVersion: 1,
      id: 'mine-2',
      name: 'Friday back',
      description: 'Rows and crawls',
      prepSeconds: 10,
      warmUpSeconds: 0,
      coolDownSeconds: 60,
      switchSidesSeconds: 5,
      blocks: [
        {
          id: 'main',
          name: 'Main',
          rounds: 3,
          restBetweenRoundsSeconds: 60,
          restAfterSeconds: 0,
          pace: null,
          steps: [
            {
              id: 'rows',
              exercise: { id: null, name: 'Rows', perSide: false, tips: ['Pull to the hip'] },
              mode: 'time',
              workSeconds: 30,
              reps: 12,
              restSeconds: 10,
            },
            {
              id: 'crawl',
              exercise: { id: null, name: 'Bear crawl', perSide: true, tips: [] },
              mode: 'reps',
              workSeconds: 30,
              reps: 10,
              restSeconds: 0,
            },
          ],
        },
      ],
    },
  ];
}

export function session(id: string, circuit: Circuit, over: Partial<SessionRecord> = {}): SessionRecord {
  return {
    recordVersion: LOG_RECORD_VERSION,
    id,
    circuitId: circuit.id,
    circuit: structuredClone(circuit),
    startedAt: START,
    endedAt: null,
    status: 'running',
    run: {
      events: [
        { type: 'pause', at: 20_000 },
        { type: 'resume', at: 25_000 },
      ],
      lastKnownMs: 30_000,
    },
    updatedAt: START,
    ...over,
  };
}

export function round(sessionId: string, n: number): RoundRecord {
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
      // Entered for this exercise (the first round); the second round has the older, whole-round entry.
      ...(n === 1 ? { reps: 10, loadKg: 25 } : {}),
    },
    {
      stepId: 'crawl',
      exerciseId: null,
      name: 'Bear crawl',
      perSide: true,
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
    reps: n === 2 ? 12 : null,
    loadKg: n === 2 ? 22.5 : null,
    rpe: n === 2 ? 7.5 : null,
  };
}

/** A device in use: 2 circuits, a finished workout of 3 rounds, one still running, sound settings, a target. */
export async function filledDb(name = freshName('filled')): Promise<Database> {
  const db = openDatabase(name);
  let wall = START;
  const [back, friday] = ownCircuits() as [Circuit, Circuit];
  await new CircuitRepository(db, () => wall).save(back);
  await new CircuitRepository(db, () => wall).save(friday);
  const log = new WorkoutLogRepository(db, () => wall++);
  await log.startSession(session('s-1', friday));
  for (let n = 1; n <= 3; n++) await log.addRound(round('s-1', n));
  await log.closeSession('s-1', 'completed', START + 300_000, { events: [], lastKnownMs: 300_000 });
  await log.startSession(session('s-2', back, { startedAt: START + 86_400_000 }));
  await log.addRound(round('s-2', 1));
  await saveSoundSettings(await db, { ...DEFAULT_SOUND_SETTINGS, volume: 0.4, voice: false });
  await (await db).put('settings', { weeklyTarget: 5 }, GOALS_KEY);
  return db;
}

/** Every record of every store, with its key, read past the checks: equal dumps mean nothing changed. */
export async function dump(db: Database): Promise<Record<string, [unknown, unknown][]>> {
  const stores = [...db.objectStoreNames].sort();
  const tx = db.transaction(stores);
  const out: Record<string, [unknown, unknown][]> = {};
  for (const name of stores) {
    const store = tx.objectStore(name);
    const [keys, values] = await Promise.all([store.getAllKeys(), store.getAll()]);
    out[name] = keys.map((key, i) => [key, values[i]]);
  }
  await tx.done;
  return out;
}
