import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/storage/db';
import { WorkoutLogRepository, roundId, type RoundRecord, type SessionRecord } from '../../../src/storage/log';
import { RoundEntries } from '../../../src/state/round-entries.svelte';
import { block, circuit, step } from '../fixtures';

let dbCount = 0;

async function setUp() {
  const repo = new WorkoutLogRepository(openDatabase(`round-entries-${++dbCount}`));
  const c = circuit([block([step('Rows', { id: 'rows' })], { id: 'main', rounds: 2 })]);
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
      ],
      exerciseKeys: ['name:rows'],
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
  it('lists a session’s rounds and saves effort, reps and load, saying what was saved', async () => {
    const { repo, entries } = await setUp();
    await entries.load('sess');
    expect(entries.rounds.map((r) => r.label)).toEqual(['Main, round 1 of 2', 'Main, round 2 of 2']);
    const id = roundId('sess', 0, 2);
    await entries.save(id, 'Main, round 2 of 2', { rpe: 8 });
    await entries.save(id, 'Main, round 2 of 2', { reps: 12, loadKg: 20 });
    expect(entries.entryFor(id)).toEqual({ rpe: 8, reps: 12, loadKg: 20 });
    expect(entries.status).toBe('Main, round 2 of 2: 12 reps, 20 kg saved.');
    expect((await repo.getSession('sess'))!.rounds[1]).toMatchObject({ rpe: 8, reps: 12, loadKg: 20 });
  });

  it('offers the plan’s rep goal for a first round, then the reps and load last entered', async () => {
    const { entries } = await setUp();
    expect(entries.suggestion(10)).toEqual({ reps: 10, loadKg: null });
    expect(entries.suggestion(null)).toEqual({ reps: null, loadKg: null });
    await entries.save(roundId('sess', 0, 1), 'Main, round 1 of 2', { reps: 11, loadKg: 22.5 });
    expect(entries.suggestion(10)).toEqual({ reps: 11, loadKg: 22.5 });
    await entries.save(roundId('sess', 0, 2), 'Main, round 2 of 2', { reps: 9, loadKg: null });
    // Load left out of the last round: the last load entered is still the one offered.
    expect(entries.suggestion(10)).toEqual({ reps: 9, loadKg: 22.5 });
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
