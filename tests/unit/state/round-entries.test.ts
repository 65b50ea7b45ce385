import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/storage/db';
import { WorkoutLogRepository, roundId, type RoundRecord, type SessionRecord } from '../../../src/storage/log';
import { RoundEntries } from '../../../src/state/round-entries.svelte';
import { block, circuit, step } from '../fixtures';

let dbCount = 0;

async function setUp() {
  const repo = new WorkoutLogRepository(openDatabase(`round-entries-${++dbCount}`));
  const c = circuit([
    block([step('Rows', { id: 'rows' }), step('Face pulls', { id: 'pulls' })], { id: 'main', rounds: 2 }),
  ]);
  const session: SessionRecord = {
    recordVersion: 1,
    id: 'sess',
    circuitId: c.id,
    circuit: c,
    startedAt: 1_700_000_000_000,
    endedAt: null,
    status: 'running',
    run: { events: [], lastKnownMs: 0 },
    updatedAt: 1_700_000_000_000,
  };
  await repo.startSession(session);
  for (const r of [1, 2]) {
    const round: RoundRecord = {
      recordVersion: 1,
      id: roundId('sess', 0, r),
      sessionId: 'sess',
      blockIndex: 0,
      blockId: 'main',
      blockName: 'Main',
      round: r,
      rounds: 2,
      exercises: [
        {
          stepId: 'rows',
          exerciseId: null,
          name: 'Rows',
          perSide: false,
          plannedWorkMs: 30_000,
          workMs: 30_000,
          plannedRestMs: 10_000,
          restMs: 10_000,
          outcome: 'done',
        },
        {
          stepId: 'pulls',
          exerciseId: 'cable-face-pull',
          name: 'Face pulls',
          perSide: false,
          plannedWorkMs: 30_000,
          workMs: 30_000,
          plannedRestMs: 10_000,
          restMs: 10_000,
          outcome: 'done',
        },
      ],
      exerciseKeys: ['name:rows', 'cable-face-pull'],
      completedAt: 1_700_000_040_000 * r,
      reps: null,
      loadKg: null,
      rpe: null,
    };
    await repo.addRound(round);
  }
  const asks = { afterSave: 0 };
  return {
    repo,
    asks,
    entries: new RoundEntries(
      () => repo,
      async () => void asks.afterSave++,
    ),
  };
}

describe('RoundEntries', () => {
  it('lists a session’s rounds and saves the effort and each exercise’s reps and load, saying what was saved', async () => {
    const { repo, entries } = await setUp();
    await entries.load('sess');
    expect(entries.rounds.map((r) => r.label)).toEqual(['Main, round 1 of 2', 'Main, round 2 of 2']);
    const id = roundId('sess', 0, 2);
    await entries.save(id, 'Main, round 2 of 2', { rpe: 8 });
    await entries.save(id, 'Main, round 2 of 2', {
      exercises: [
        { reps: 12, loadKg: 20 },
        { reps: 15, loadKg: 7.5 },
      ],
    });
    expect(entries.entryFor(id)).toMatchObject({
      rpe: 8,
      exercises: [
        { name: 'Rows', key: 'name:rows', reps: 12, loadKg: 20 },
        { name: 'Face pulls', key: 'cable-face-pull', reps: 15, loadKg: 7.5 },
      ],
    });
    expect(entries.status).toBe('Main, round 2 of 2: Rows 12 reps 20 kg, Face pulls 15 reps 7.5 kg saved.');
    const stored = (await repo.getSession('sess'))!.rounds[1]!;
    expect(stored).toMatchObject({ rpe: 8, reps: null, loadKg: null });
    expect(stored.exercises.map((e) => [e.reps, e.loadKg])).toEqual([
      [12, 20],
      [15, 7.5],
    ]);

    // One exercise's field alone (the finish screen's fields): the other exercise keeps its values.
    await entries.save(id, 'Main, round 2 of 2', { exercises: [null, { loadKg: 10 }] });
    expect(entries.entryFor(id)!.exercises.map((e) => [e.reps, e.loadKg])).toEqual([
      [12, 20],
      [15, 10],
    ]);
    expect(entries.status).toBe('Main, round 2 of 2: Face pulls 10 kg saved.');
  });

  it('shows reps and load entered for a whole round (as older versions stored them) on each of its exercises', async () => {
    const { repo, entries } = await setUp();
    await repo.updateRoundEntry(roundId('sess', 0, 1), { reps: 10, loadKg: 30 });
    await entries.load('sess');
    expect(entries.rounds[0]!.exercises.map((e) => [e.reps, e.loadKg])).toEqual([
      [10, 30],
      [10, 30],
    ]);
    // An exercise's own entry wins over the round's.
    await entries.save(roundId('sess', 0, 1), 'Main, round 1 of 2', { exercises: [{ loadKg: 35 }] });
    expect(entries.rounds[0]!.exercises.map((e) => [e.reps, e.loadKg])).toEqual([
      [10, 35],
      [10, 30],
    ]);
  });

  it('refuses entries for more exercises than the round has, saving nothing', async () => {
    const { repo, entries } = await setUp();
    await entries.load('sess');
    const id = roundId('sess', 0, 1);
    await entries.save(id, 'Main, round 1 of 2', { exercises: [{ reps: 1 }, { reps: 2 }, { reps: 3 }] });
    expect(entries.problem).toMatch(/2 exercises, not 3/);
    expect((await repo.getSession('sess'))!.rounds[0]!.exercises.map((e) => e.reps)).toEqual([undefined, undefined]);
  });

  it('offers each exercise the plan’s rep goal for a first round, then the reps and load last entered for it', async () => {
    const { entries } = await setUp();
    const round = [
      { name: 'Rows', key: 'name:rows', plannedReps: 10 },
      { name: 'Face pulls', key: 'cable-face-pull', plannedReps: null },
    ];
    expect(entries.suggestion(round)).toEqual([
      { reps: 10, loadKg: null },
      { reps: null, loadKg: null },
    ]);
    await entries.save(roundId('sess', 0, 1), 'Main, round 1 of 2', {
      exercises: [
        { reps: 11, loadKg: 22.5 },
        { reps: 14, loadKg: 5 },
      ],
    });
    expect(entries.suggestion(round)).toEqual([
      { reps: 11, loadKg: 22.5 },
      { reps: 14, loadKg: 5 },
    ]);
    await entries.save(roundId('sess', 0, 2), 'Main, round 2 of 2', { exercises: [{ reps: 9, loadKg: null }] });
    // Load left out of the last round: the last load entered for rows is still the one offered.
    expect(entries.suggestion(round)).toEqual([
      { reps: 9, loadKg: 22.5 },
      { reps: 14, loadKg: 5 },
    ]);
  });

  it('after each entry saved, runs the step that asks (once) for persistent storage; not after a refusal', async () => {
    const { entries, asks } = await setUp();
    await entries.load('sess');
    const id = roundId('sess', 0, 1);
    await entries.save(id, 'Main, round 1 of 2', { rpe: 11 });
    expect(asks.afterSave).toBe(0);
    await entries.save(id, 'Main, round 1 of 2', { rpe: 7 });
    expect(asks.afterSave).toBe(1);
  });

  it('refuses an effort out of range with the repository’s message, and keeps what was there', async () => {
    const { entries } = await setUp();
    await entries.load('sess');
    const id = roundId('sess', 0, 1);
    await entries.save(id, 'Main, round 1 of 2', { rpe: 7 });
    await entries.save(id, 'Main, round 1 of 2', { rpe: 11 });
    expect(entries.problem).toMatch(/effort/i);
    expect(entries.entryFor(id)!.rpe).toBe(7);
  });
});
