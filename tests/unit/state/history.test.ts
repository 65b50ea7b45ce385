// The History screen's state on a real (fake-indexeddb) database per test: pages newest first,
// delete and undo put back exactly what was there, and storage failures become messages.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { DB_VERSION, openDatabase } from '../../../src/storage/db';
import {
  LOG_RECORD_VERSION,
  WorkoutLogRepository,
  exerciseKeys,
  roundId,
  type RoundRecord,
  type SessionRecord,
} from '../../../src/storage/log';
import {
  History,
  SessionDetail,
  plannedRounds,
  sessionDurationMs,
  statusWords,
} from '../../../src/state/history.svelte';
import { block, circuit, step } from '../fixtures';

let dbCount = 0;
const START = 1_700_000_000_000;
const MINUTE = 60_000;

const testCircuit = circuit([block([step('Rows', { id: 'rows' }), step('Plank', { id: 'plank' })], { rounds: 3 })], {
  id: 'tuesday',
  name: 'Tuesday rows',
});

function session(n: number, over: Partial<SessionRecord> = {}): SessionRecord {
  return {
    recordVersion: LOG_RECORD_VERSION,
    id: `s${n}`,
    circuitId: testCircuit.id,
    circuit: structuredClone({ ...testCircuit, name: `Workout ${n}` }),
    startedAt: START + n * MINUTE,
    endedAt: null,
    status: 'running',
    run: { events: [], lastKnownMs: 0 },
    updatedAt: START,
    ...over,
  };
}

function round(sessionId: string, n: number): RoundRecord {
  const exercises: RoundRecord['exercises'] = [
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
      stepId: 'plank',
      exerciseId: null,
      name: 'Plank',
      perSide: false,
      plannedWorkMs: null,
      workMs: 42_000,
      plannedRestMs: 0,
      restMs: 0,
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
    rounds: 3,
    exercises,
    exerciseKeys: exerciseKeys(exercises),
    completedAt: START + n * 40_000,
    reps: n === 1 ? 12 : null,
    loadKg: null,
    rpe: n === 1 ? 7.5 : null,
  };
}

/** A fresh database holding `count` sessions (s1 oldest), each closed and with `rounds` rounds. */
async function logWith(count: number, rounds = 2) {
  const name = `history-${++dbCount}`;
  const db = openDatabase(name);
  const log = new WorkoutLogRepository(db);
  for (let n = 1; n <= count; n++) {
    const s = session(n);
    await log.startSession(s);
    for (let r = 1; r <= rounds; r++) await log.addRound(round(s.id, r));
    await log.closeSession(s.id, n % 2 ? 'completed' : 'abandoned', s.startedAt + 30 * MINUTE, s.run);
  }
  return { db, log, open: () => db, raw: () => openDB(name, DB_VERSION) };
}

/** Every stored record as it is, sessions and rounds. */
async function everything(raw: () => ReturnType<typeof openDB>) {
  const db = await raw();
  const all = { sessions: await db.getAll('sessions'), rounds: await db.getAll('rounds') };
  db.close();
  return all;
}

describe('History', () => {
  it('pages through 50 sessions newest first, 20 at a time, with their rounds counted', async () => {
    const { open } = await logWith(50, 1);
    const history = new History(open);
    await history.load();
    expect(history.entries.map((e) => e.session.id)).toEqual(Array.from({ length: 20 }, (_, i) => `s${50 - i}`));
    expect(history.entries.every((e) => e.rounds === 1)).toBe(true);
    expect(history.nextBefore).not.toBeNull();

    await history.loadMore();
    expect(history.entries).toHaveLength(40);
    await history.loadMore();
    expect(history.entries.map((e) => e.session.id)).toEqual(Array.from({ length: 50 }, (_, i) => `s${50 - i}`));
    expect(history.nextBefore).toBeNull();
    expect(history.damaged).toEqual([]);
    expect(history.problem).toBeNull();
  });

  it('a delete can be undone, putting back the session and its rounds exactly as they were', async () => {
    const { open, raw } = await logWith(3, 3);
    const before = await everything(raw);
    const history = new History(open);
    await history.load();

    await history.remove('s2');
    expect(history.entries.map((e) => e.session.id)).toEqual(['s3', 's1']);
    expect(history.undoable?.name).toBe('Workout 2');
    const during = await everything(raw);
    expect(during.sessions.map((s) => s.id)).toEqual(['s1', 's3']);
    expect(during.rounds).toHaveLength(6);

    expect(await history.undo()).toBe('s2');
    expect(await everything(raw)).toEqual(before);
    expect(history.entries.map((e) => [e.session.id, e.rounds])).toEqual([
      ['s3', 3],
      ['s2', 3],
      ['s1', 3],
    ]);
    expect(history.undoable).toBeNull();
    expect(history.restored).toBe('Workout 2');
  });

  it('the next delete replaces the undo offer, and the first delete stays done', async () => {
    const { open, raw } = await logWith(3, 1);
    const history = new History(open);
    await history.load();
    await history.remove('s1');
    await history.remove('s3');
    expect(history.undoable?.name).toBe('Workout 3');
    await history.undo();
    expect((await everything(raw)).sessions.map((s) => s.id)).toEqual(['s2', 's3']);
    expect(await history.undo()).toBeNull();
    expect(history.entries.map((e) => e.session.id)).toEqual(['s3', 's2']);
  });

  it('lists damaged sessions apart and deletes them for good', async () => {
    const { open, raw, log } = await logWith(2, 1);
    const db = await raw();
    await db.put('sessions', { ...session(9), circuit: { name: 'Broken one' }, status: 'completed' });
    db.close();
    const history = new History(open);
    await history.load();
    expect(history.entries.map((e) => e.session.id)).toEqual(['s2', 's1']);
    expect(history.damaged).toEqual([{ id: 's9', name: 'Broken one', reason: expect.any(String) }]);
    await history.removeDamaged('s9');
    expect(history.damaged).toEqual([]);
    expect((await log.listSessions({ limit: 10 })).damaged).toEqual([]);
  });

  it('lists a workout without a usable start time after the first page, once, and deletes it for good', async () => {
    const { open, raw } = await logWith(25, 1);
    const db = await raw();
    await db.put('sessions', { ...session(90), startedAt: 'last Tuesday', status: 'completed' });
    db.close();
    const history = new History(open);
    await history.load();
    expect(history.entries).toHaveLength(20);
    expect(history.damaged).toEqual([
      { id: 's90', name: 'Workout 90', reason: expect.stringMatching(/the start must be a date/) },
    ]);
    await history.loadMore();
    expect(history.entries).toHaveLength(25);
    expect(history.damaged.map((d) => d.id)).toEqual(['s90']);
    await history.removeDamaged('s90');
    expect((await everything(raw)).sessions.map((s) => s.id)).not.toContain('s90');
  });

  it('a storage failure becomes a message, and nothing is listed', async () => {
    const history = new History(() => Promise.reject(new DOMException('no', 'SecurityError')));
    await history.load();
    expect(history.loaded).toBe(true);
    expect(history.entries).toEqual([]);
    expect(history.problem).toMatch(/^Your workouts cannot be read: this browser does not allow saving here/);
  });

  it('a delete that storage refuses keeps the workout listed and says why', async () => {
    const { db } = await logWith(1, 1);
    let broken = false;
    const history = new History(() => (broken ? Promise.reject(new DOMException('full', 'QuotaExceededError')) : db));
    await history.load();
    broken = true;
    await history.remove('s1');
    expect(history.entries).toHaveLength(1);
    expect(history.undoable).toBeNull();
    expect(history.problem).toMatch(/^That workout was not deleted: this device is out of storage space/);
  });
});

describe('SessionDetail', () => {
  it('reads a session with its rounds in order; a missing one is missing', async () => {
    const { open } = await logWith(1, 3);
    const detail = new SessionDetail(open);
    await detail.load('s1');
    const state = detail.state;
    expect(state.kind).toBe('found');
    if (state.kind !== 'found') return;
    expect(state.rounds.map((r) => r.round)).toEqual([1, 2, 3]);
    expect(state.rounds[0]).toMatchObject({ reps: 12, rpe: 7.5 });
    expect(statusWords(state.session.status)).toBe('Completed');
    expect(sessionDurationMs(state.session)).toBe(30 * MINUTE);
    expect(plannedRounds(state.session)).toBe(3);

    await detail.load('nobody');
    expect(detail.state).toEqual({ kind: 'missing' });
  });

  it('a delete can be undone while the page is open', async () => {
    const { open, raw } = await logWith(1, 2);
    const before = await everything(raw);
    const detail = new SessionDetail(open);
    await detail.load('s1');
    await detail.remove();
    expect(detail.state.kind).toBe('deleted');
    expect((await everything(raw)).sessions).toEqual([]);
    await detail.undo();
    expect(detail.state.kind).toBe('found');
    expect(detail.restored).toBe('Workout 1');
    expect(await everything(raw)).toEqual(before);
  });

  it('an unreadable session says why', async () => {
    const { open, raw } = await logWith(0);
    const db = await raw();
    await db.put('sessions', { ...session(1), status: 'finished' });
    db.close();
    const detail = new SessionDetail(open);
    await detail.load('s1');
    expect(detail.state).toEqual({ kind: 'unreadable', reason: expect.stringMatching(/status/) });
  });

  it('a running session reads as not finished, with no duration yet', () => {
    expect(statusWords('running')).toBe('Not finished');
    expect(statusWords('abandoned')).toBe('Ended early');
    expect(sessionDurationMs(session(1))).toBeNull();
  });
});
