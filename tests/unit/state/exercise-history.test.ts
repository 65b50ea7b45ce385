import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/storage/db';
import { WorkoutLogRepository } from '../../../src/storage/log';
import { ExerciseHistory, exerciseName } from '../../../src/state/exercise-history.svelte';

let dbCount = 0;

/** Raw rounds with the fields the index and the rows read. */
async function setUp() {
  const name = `exercise-history-${++dbCount}`;
  const db = await openDatabase(name);
  const round = (
    id: string,
    n: number,
    completedAt: number,
    exercises: { exerciseId: string | null; name: string; workMs: number }[],
    reps: number | null,
  ) => ({
    recordVersion: 1,
    id,
    sessionId: 's',
    blockIndex: 0,
    blockId: 'b',
    blockName: 'Main',
    round: n,
    rounds: 3,
    exercises: exercises.map((e) => ({
      ...e,
      stepId: 'x',
      perSide: false,
      plannedWorkMs: e.workMs,
      plannedRestMs: 0,
      restMs: 0,
      outcome: 'done',
    })),
    exerciseKeys: [...new Set(exercises.map((e) => e.exerciseId ?? `name:${e.name.toLowerCase()}`))],
    completedAt,
    reps,
    loadKg: null,
    rpe: null,
  });
  await db.put(
    'rounds',
    round(
      's/0/1',
      1,
      1000,
      [{ exerciseId: 'bent-over-row', name: 'Barbell bent-over row', workMs: 30_000 }],
      10,
    ) as never,
  );
  await db.put(
    'rounds',
    round(
      's/0/2',
      2,
      2000,
      [
        { exerciseId: 'bent-over-row', name: 'Barbell bent-over row', workMs: 30_000 },
        { exerciseId: null, name: 'Bear crawl', workMs: 20_000 },
      ],
      12,
    ) as never,
  );
  return {
    db,
    history: new ExerciseHistory(
      async () => db,
      () => new WorkoutLogRepository(Promise.resolve(db)),
    ),
  };
}

describe('ExerciseHistory', () => {
  it('lists every exercise in the log by name, and one exercise’s rounds newest first with its own work time', async () => {
    const { history } = await setUp();
    await history.load();
    expect(history.options.map((o) => o.key)).toEqual(['name:bear crawl', 'bent-over-row']);
    await history.choose('bent-over-row');
    expect(history.rounds.map((r) => [r.id, r.reps, r.workMs])).toEqual([
      ['s/0/2', 12, 30_000],
      ['s/0/1', 10, 30_000],
    ]);
    await history.choose('name:bear crawl');
    expect(history.rounds.map((r) => [r.id, r.workMs])).toEqual([['s/0/2', 20_000]]);
  });

  it('shows each exercise’s own reps and load; twice in a round, its reps added and its heaviest load', async () => {
    const { db, history } = await setUp();
    const exercise = (name: string, reps: number | null, loadKg: number | null) => ({
      stepId: name,
      exerciseId: 'bent-over-row',
      name: 'Barbell bent-over row',
      perSide: false,
      plannedWorkMs: 30_000,
      workMs: 30_000,
      plannedRestMs: 0,
      restMs: 0,
      outcome: 'done',
      reps,
      loadKg,
    });
    await db.put('rounds', {
      recordVersion: 1,
      id: 's/0/3',
      sessionId: 's',
      blockIndex: 0,
      blockId: 'b',
      blockName: 'Main',
      round: 3,
      rounds: 3,
      exercises: [exercise('a', 8, 40), exercise('b', 6, 45)],
      exerciseKeys: ['bent-over-row'],
      completedAt: 3000,
      reps: null,
      loadKg: null,
      rpe: 9,
    } as never);
    await history.choose('bent-over-row');
    expect(history.rounds.map((r) => [r.id, r.reps, r.loadKg, r.rpe])).toEqual([
      ['s/0/3', 14, 45, 9],
      // Older rounds: what was entered for the whole round.
      ['s/0/2', 12, null, null],
      ['s/0/1', 10, null, null],
    ]);
  });

  it('lists each exercise once however many rounds it has, next to keys it begins, and leaves damaged keys out', async () => {
    const { db, history } = await setUp();
    const raw = (id: string, exerciseKeys: unknown[]) =>
      db.put('rounds', { id, sessionId: 's', completedAt: 3000, exerciseKeys } as never);
    for (let i = 0; i < 30; i++) await raw(`row-${i}`, ['name:row', 'name:rows']);
    await raw('row-space', ['name:row ']);
    await raw('damaged', [7, ['array'], new Date(0)]);
    await history.load();
    expect(history.problem).toBeNull();
    expect(history.options.map((o) => o.key)).toEqual([
      'name:bear crawl',
      'bent-over-row',
      'name:row',
      'name:row ',
      'name:rows',
    ]);
  });

  it('names custom exercises from their key', () => {
    expect(exerciseName('name:bear crawl')).toBe('Bear crawl');
  });
});
