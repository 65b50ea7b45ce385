// Interrupted workouts: what the library offers to resume or end, on a real (fake-indexeddb) log.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/storage/db';
import {
  LOG_RECORD_VERSION,
  WorkoutLogRepository,
  exerciseKeys,
  roundId,
  type RoundExercise,
  type RoundRecord,
  type SessionRecord,
} from '../../../src/storage/log';
import { InterruptedWorkouts } from '../../../src/state/interrupted.svelte';
import {
  LIVE_PROGRESS_MS,
  LiveSessions,
  SESSION_LOCK_PREFIX,
  type SessionLocks,
} from '../../../src/state/live-sessions';
import { session } from '../../../src/state/session.svelte';
import { block, circuit, step } from '../fixtures';

let dbCount = 0;
const START = 1_700_000_000_000;

/** A lock manager like navigator.locks, shared by "tabs": a lock is held until its callback's promise settles. */
function fakeLocks(): SessionLocks & { names: () => string[] } {
  const held = new Map<string, number>();
  return {
    async request(name, callback) {
      if (held.has(name)) throw new Error('this fake grants each lock once');
      held.set(name, 1);
      try {
        await callback();
      } finally {
        held.delete(name);
      }
    },
    async query() {
      return { held: [...held.keys()].map((name) => ({ name })) };
    },
    names: () => [...held.keys()],
  };
}

const testCircuit = circuit([block([step('Rows', { id: 'rows' })], { id: 'main', rounds: 2 })], {
  id: 'c1',
  name: 'Back day',
});

function running(id: string, startedAt: number): SessionRecord {
  return {
    recordVersion: LOG_RECORD_VERSION,
    id,
    circuitId: testCircuit.id,
    circuit: testCircuit,
    startedAt,
    endedAt: null,
    status: 'running',
    run: { events: [], lastKnownMs: 30_000 },
    updatedAt: startedAt,
  };
}

async function freshLog(wall: () => number) {
  const log = new WorkoutLogRepository(openDatabase(`interrupted-${++dbCount}`), wall);
  await log.startSession(running('in-this-tab', START));
  await log.startSession(running('in-another-tab', START + 1000));
  await log.startSession(running('left-behind', START + 2000));
  return log;
}

describe('InterruptedWorkouts', () => {
  it('leaves out a workout another tab is running (it holds the workout’s lock), and offers it once that tab lets go', async () => {
    const log = await freshLog(() => START);
    const locks = fakeLocks();
    const otherTab = new LiveSessions(locks);
    const thisTab = new LiveSessions(locks);
    const letGo = otherTab.hold('in-another-tab');
    const interrupted = new InterruptedWorkouts(async () => log, thisTab);
    session.currentLogId = 'in-this-tab';
    try {
      await expect.poll(() => locks.names()).toEqual([SESSION_LOCK_PREFIX + 'in-another-tab']);
      await interrupted.load();
      expect(interrupted.list.map((s) => s.id)).toEqual(['left-behind']);

      letGo(); // that tab ended its workout's screen, closed or crashed
      await expect.poll(() => locks.names()).toEqual([]);
      await interrupted.load();
      expect(interrupted.list.map((s) => s.id)).toEqual(['left-behind', 'in-another-tab']);
    } finally {
      session.currentLogId = null;
    }
  });

  it('without Web Locks, a workout whose progress was saved in the last few seconds counts as running', async () => {
    let wall = START;
    const log = await freshLog(() => wall);
    const interrupted = new InterruptedWorkouts(async () => log, new LiveSessions(null, () => wall));
    wall += 60_000;
    await log.saveProgress('in-another-tab', { events: [], lastKnownMs: 90_000 }); // saved just now
    wall += LIVE_PROGRESS_MS - 1;
    await interrupted.load();
    expect(interrupted.list.map((s) => s.id)).toEqual(['left-behind', 'in-this-tab']);
    wall += 1;
    await interrupted.load();
    expect(interrupted.list.map((s) => s.id)).toEqual(['left-behind', 'in-another-tab', 'in-this-tab']);
  });
});

describe('ending an interrupted workout', () => {
  const roundOf = (sessionId: string, n: number): RoundRecord => {
    const exercises: RoundExercise[] = [
      {
        stepId: 'rows',
        exerciseId: null,
        name: 'Rows',
        perSide: false,
        plannedWorkMs: 40_000,
        workMs: 40_000,
        plannedRestMs: 20_000,
        restMs: 20_000,
        outcome: 'done',
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
      rounds: 2,
      exercises,
      exerciseKeys: exerciseKeys(exercises),
      completedAt: START + n * 60_000,
      reps: null,
      loadKg: null,
      rpe: null,
    };
  };

  it('ends it completed when every planned round is in the log, abandoned otherwise, where it was last known to be', async () => {
    const log = await freshLog(() => START);
    for (const r of [roundOf('in-another-tab', 1), roundOf('in-another-tab', 2), roundOf('left-behind', 1)])
      await log.addRound(r);
    const interrupted = new InterruptedWorkouts(async () => log, new LiveSessions(fakeLocks()));
    await interrupted.load();
    expect(interrupted.list.map((s) => s.id)).toEqual(['left-behind', 'in-another-tab', 'in-this-tab']);

    await interrupted.end('in-another-tab'); // both rounds of the one block: the page went at the very end
    await interrupted.end('left-behind'); // one round of two
    await interrupted.end('in-this-tab'); // nothing done
    expect(interrupted.problem).toBeNull();
    expect(interrupted.list).toEqual([]);
    const ended = async (id: string) => {
      const found = (await log.getSession(id))!;
      return [found.session.status, found.session.endedAt, found.rounds.map((r) => r.round)];
    };
    expect(await ended('in-another-tab')).toEqual(['completed', START + 1000 + 30_000, [1, 2]]);
    expect(await ended('left-behind')).toEqual(['abandoned', START + 2000 + 30_000, [1]]);
    expect(await ended('in-this-tab')).toEqual(['abandoned', START + 30_000, []]);
    expect(await log.openSessions()).toEqual([]);
  });
});
