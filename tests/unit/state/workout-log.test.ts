import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../src/storage/db';
import { FakeClock } from '../../../src/engine/clock';
import { Workout } from '../../../src/state/workout.svelte';
import { WorkoutLogWriter, endRetries, endingWriter } from '../../../src/state/workout-log.svelte';
import { WorkoutLogRepository, type RoundRecord, type SessionRecord, type StoredRun } from '../../../src/storage/log';
import { block, circuit, step } from '../fixtures';

/** A repository in memory that can be made to fail, recording what reached it. */
function fakeRepository() {
  const state = {
    sessions: new Map<string, SessionRecord>(),
    rounds: new Map<string, RoundRecord>(),
    writes: 0,
    failWith: null as DOMException | null,
    /** Only round writes fail (a connection reopening, say), while the session's own writes go through. */
    roundsFailWith: null as DOMException | null,
  };
  const fail = () => {
    if (state.failWith) throw state.failWith;
    state.writes++;
  };
  const repo = {
    async startSession(s: SessionRecord) {
      fail();
      state.sessions.set(s.id, structuredClone(s));
    },
    async addRound(r: RoundRecord) {
      fail();
      if (state.roundsFailWith) throw state.roundsFailWith;
      if (state.rounds.has(r.id)) return false;
      state.rounds.set(r.id, structuredClone(r));
      return true;
    },
    async saveProgress(id: string, run: StoredRun) {
      fail();
      const s = state.sessions.get(id);
      if (s && s.status === 'running') s.run = structuredClone(run);
    },
    async closeSession(id: string, status: 'completed' | 'abandoned', endedAt: number, run: StoredRun) {
      fail();
      const s = state.sessions.get(id)!;
      Object.assign(s, { status, endedAt, run: structuredClone(run) });
    },
  } as unknown as WorkoutLogRepository;
  return { repo, state };
}

/** 1 s get-ready, 3 rounds of rows 3 s / rest 2 s: rounds complete at 4, 9 and 14 s. */
function setUp(resumed: { sessionId: string; roundIds: string[] } | null = null) {
  const clock = new FakeClock(100_000);
  const c = circuit(
    [block([step('Rows', { id: 'rows', workSeconds: 3, restSeconds: 2 })], { id: 'main', rounds: 3 })],
    { id: 'quick', prepSeconds: 1 },
  );
  const workout = new Workout(c, clock);
  const { repo, state } = fakeRepository();
  let wall = 1_700_000_000_000;
  const asks = { afterSave: 0 };
  const writer = new WorkoutLogWriter(
    workout,
    () => repo,
    clock,
    resumed,
    () => wall,
    async () => void asks.afterSave++,
  );
  const advance = (ms: number) => {
    clock.advance(ms);
    wall += ms;
  };
  return { clock, workout, writer, state, advance, asks, wallNow: () => wall };
}

describe('WorkoutLogWriter', () => {
  it('writes nothing before Start, then the session, then each round once, at the instant it completed', async () => {
    const { workout, writer, state, advance, wallNow } = setUp();
    await writer.sync();
    expect(state.sessions.size).toBe(0);
    workout.start();
    const startWall = wallNow();
    await writer.sync();
    expect([...state.sessions.values()].map((s) => [s.status, s.startedAt, s.circuitId])).toEqual([
      ['running', startWall, 'quick'],
    ]);
    advance(4000);
    await writer.sync();
    advance(1000); // checked again later: the round is not written twice
    await writer.sync();
    expect([...state.rounds.values()].map((r) => [r.round, r.completedAt])).toEqual([[1, startWall + 4000]]);
    advance(10_000);
    await writer.sync();
    expect([...state.rounds.values()].map((r) => r.round)).toEqual([1, 2, 3]);
    expect(writer.roundsWritten).toBe(3);
  });

  it('saves the progress at every check, however soon after the last, so a crash resumes from there', async () => {
    const { workout, writer, state, advance } = setUp();
    workout.start();
    await writer.sync();
    const session = () => [...state.sessions.values()][0]!;
    // A check that comes a little early (timers jitter) still saves: skipping it left up to a second unsaved.
    advance(490);
    await writer.sync();
    expect(session().run.lastKnownMs).toBe(490);
    advance(10); // a control, or a change of part, right after
    await writer.sync();
    expect(session().run.lastKnownMs).toBe(500);
  });

  it('a storage failure becomes a message, the writes are tried again, and nothing is lost', async () => {
    const { workout, writer, state, advance } = setUp();
    workout.start();
    state.failWith = new DOMException('full', 'QuotaExceededError');
    await writer.sync();
    advance(9000); // two rounds complete while storage is failing
    await writer.sync();
    expect(writer.problem).toMatch(/^The log is not being saved: this device is out of storage space/);
    expect(state.rounds.size).toBe(0);
    state.failWith = null;
    await writer.sync();
    expect(writer.problem).toBeNull();
    expect(state.sessions.size).toBe(1);
    expect([...state.rounds.values()].map((r) => r.round)).toEqual([1, 2]);
  });

  it('the end closes the session once, completed, after writing the last rounds', async () => {
    const { workout, writer, state, advance } = setUp();
    workout.start();
    advance(14_000);
    await writer.end('completed', []);
    await writer.end('completed', []);
    const [session] = [...state.sessions.values()];
    expect(session!.status).toBe('completed');
    expect(state.rounds.size).toBe(3);
  });

  it('asks for persistent storage once the session is closed, not while the workout runs', async () => {
    const { workout, writer, state, advance, asks } = setUp();
    workout.start();
    advance(9000);
    await writer.sync(); // the session, two rounds and the progress: a prompt now would interrupt the workout
    expect(state.rounds.size).toBe(2);
    expect(asks.afterSave).toBe(0);
    state.failWith = new DOMException('full', 'QuotaExceededError');
    await writer.end('completed', [0]);
    expect(asks.afterSave).toBe(0); // not closed: nothing to keep yet
    state.failWith = null;
    await writer.end('completed', []);
    expect([...state.sessions.values()][0]!.status).toBe('completed');
    expect(asks.afterSave).toBe(1);
    await writer.end('completed', []);
    expect(asks.afterSave).toBe(1);
  });

  it('a failed save at the end is said on the finish screen and tried again until it succeeds, however long that takes', async () => {
    const { workout, writer, state, advance } = setUp();
    workout.start();
    advance(9000);
    await writer.sync();
    advance(5000); // the last round completes as the workout ends
    state.failWith = new DOMException('full', 'QuotaExceededError');
    let tries = 0;
    const problems = new Set<string | null>();
    // Waits of 0 ms stand for the real ones; storage comes back on the 20th try, long past any fixed number.
    function* waits() {
      for (;;) {
        problems.add(writer.problem);
        if (++tries === 20) state.failWith = null;
        yield 0;
      }
    }
    const closing = writer.end('completed', waits());
    expect(endingWriter(writer.sessionId)).toBe(writer);
    await closing;
    expect(tries).toBe(20);
    expect([...problems]).toEqual([
      'This workout is not saved in the log yet: this device is out of storage space: free some space, then try again. Saving is tried again while the app is open.',
    ]);
    expect(writer.problem).toBeNull();
    expect([...state.sessions.values()][0]!.status).toBe('completed');
    expect(state.rounds.size).toBe(3);
    expect(endingWriter(writer.sessionId)).toBeNull();
  });

  it('never closes the session over a round it could not write: the end waits until the round is in', async () => {
    const { workout, writer, state, advance } = setUp();
    workout.start();
    advance(9000);
    await writer.sync();
    advance(5000); // the last round completes as the workout ends
    state.roundsFailWith = new DOMException('closing', 'InvalidStateError');
    let tries = 0;
    function* waits() {
      for (;;) {
        // Until the round can be written, the session stays open, whatever the session's own writes do.
        expect([...state.sessions.values()][0]!.status).toBe('running');
        if (++tries === 3) state.roundsFailWith = null;
        yield 0;
      }
    }
    await writer.end('completed', waits());
    expect(tries).toBe(3);
    expect(state.rounds.size).toBe(3);
    expect([...state.sessions.values()][0]!.status).toBe('completed');
  });

  it('by default the end is tried again soon, then every 30 s without a last try', () => {
    const waits = endRetries();
    const first = Array.from({ length: 100 }, () => waits.next());
    expect(first.every((w) => !w.done)).toBe(true);
    expect(first.slice(0, 5).map((w) => w.value)).toEqual([1000, 3000, 10_000, 30_000, 30_000]);
    expect(first.at(-1)!.value).toBe(30_000);
  });

  it('offers the round just written for quick logging, with the plan’s rep goal', async () => {
    const { workout, writer, advance } = setUp();
    expect(writer.lastRound).toBeNull();
    workout.start();
    advance(4000);
    await writer.sync();
    expect(writer.lastRound).toEqual({
      id: `${writer.sessionId}/0/1`,
      label: 'Main, round 1 of 3',
      exercises: [{ name: 'Rows', key: 'name:rows', plannedReps: null }],
    });
  });

  it('a resumed session keeps its id and does not write its earlier rounds again', async () => {
    const { workout, writer, state, advance } = setUp({ sessionId: 'earlier', roundIds: ['earlier/0/1'] });
    workout.start();
    advance(9000);
    await writer.sync();
    expect([...state.rounds.keys()]).toEqual(['earlier/0/2']);
    expect(state.sessions.size).toBe(0); // it exists already: not created again
  });
});

describe('WorkoutLogWriter on the real repository', () => {
  it('a full device: the banner says so, the round is tried again, and it is written once when space is back', async () => {
    const clock = new FakeClock(100_000);
    const c = circuit(
      [block([step('Rows', { id: 'rows', workSeconds: 3, restSeconds: 2 })], { id: 'main', rounds: 3 })],
      {
        id: 'quick',
        prepSeconds: 1,
      },
    );
    const workout = new Workout(c, clock);
    const db = openDatabase('writer-quota');
    const writer = new WorkoutLogWriter(
      workout,
      () => new WorkoutLogRepository(db),
      clock,
      null,
      () => 1_700_000_000_000 + clock.now(),
      async () => {},
    );
    workout.start();
    await writer.sync();
    // The disk fills up: IndexedDB refuses to add anything more.
    const add = IDBObjectStore.prototype.add;
    IDBObjectStore.prototype.add = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    try {
      clock.advance(4000); // round 1 completes
      await writer.sync();
      expect(writer.problem).toBe(
        'The log is not being saved: this device is out of storage space: free some space, then try again. The timer keeps going, and saving is tried again.',
      );
      await writer.sync();
      expect(writer.problem).toMatch(/out of storage space/);
      expect(await (await db).count('rounds')).toBe(0);
    } finally {
      IDBObjectStore.prototype.add = add;
    }
    await writer.sync();
    expect(writer.problem).toBeNull();
    expect((await (await db).getAll('rounds')).map((r) => r.id)).toEqual([`${writer.sessionId}/0/1`]);
    (await db).close();
  });
});
