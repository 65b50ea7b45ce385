// The workout log's repository and checks, on a real (fake-indexeddb) database per test: every write
// is durable on its own, history is never moved backwards, and damaged records are reported, not lost.
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDB } from 'idb';
import { DB_VERSION, openDatabase, type Database } from '../../../src/storage/db';
import {
  LOG_RECORD_VERSION,
  LogReadError,
  LogWriteError,
  WorkoutLogRepository,
  exerciseEntry,
  exerciseKeys,
  roundId,
  type RoundEntry,
  type RoundExercise,
  type RoundRecord,
  type SessionRecord,
  type StoredRun,
} from '../../../src/storage/log';
import { parseRound, parseSession } from '../../../src/storage/log-schema';
import { block, circuit, step } from '../fixtures';

let dbCount = 0;
const START = 1_700_000_000_000;

function freshLog() {
  const name = `log-${++dbCount}`;
  let wall = 2_000_000_000_000;
  const db = openDatabase(name);
  return {
    name,
    db,
    log: new WorkoutLogRepository(db, () => wall++),
    /** A second connection that reads and writes records as they are, past the checks. */
    raw: () => openDB(name, DB_VERSION),
  };
}

const testCircuit = circuit(
  [
    block([step('Rows', { id: 'rows-step' }), step('Bear crawl', { id: 'crawl-step' })], { id: 'main', rounds: 3 }),
    block([step('Plank', { id: 'plank-step' })], { id: 'finisher', name: 'Finisher', rounds: 2 }),
  ],
  { id: 'friday', name: 'Friday back' },
);

function session(over: Partial<SessionRecord> = {}): SessionRecord {
  return {
    recordVersion: LOG_RECORD_VERSION,
    id: 'session-1',
    circuitId: testCircuit.id,
    circuit: structuredClone(testCircuit),
    startedAt: START,
    endedAt: null,
    status: 'running',
    run: { events: [], lastKnownMs: 0 },
    updatedAt: START,
    ...over,
  };
}

const rows: RoundExercise = {
  stepId: 'rows-step',
  exerciseId: 'bent-over-row',
  name: 'Rows',
  perSide: false,
  plannedWorkMs: 30_000,
  workMs: 30_000,
  plannedRestMs: 10_000,
  restMs: 10_000,
  outcome: 'done',
};
const crawl: RoundExercise = {
  ...rows,
  stepId: 'crawl-step',
  exerciseId: null,
  name: 'Bear Crawl',
  plannedWorkMs: null,
  workMs: 41_500.5,
  outcome: 'done',
};

function round(sessionId: string, blockIndex: number, n: number, over: Partial<RoundRecord> = {}): RoundRecord {
  const exercises = over.exercises ?? [rows, crawl];
  return {
    recordVersion: LOG_RECORD_VERSION,
    id: roundId(sessionId, blockIndex, n),
    sessionId,
    blockIndex,
    blockId: blockIndex === 0 ? 'main' : 'finisher',
    blockName: blockIndex === 0 ? 'Main' : 'Finisher',
    round: n,
    rounds: 3,
    exercises,
    exerciseKeys: exerciseKeys(exercises),
    completedAt: START + blockIndex * 1_000_000 + n * 60_000,
    reps: null,
    loadKg: null,
    rpe: null,
    ...over,
  };
}

const run = (lastKnownMs: number, events: StoredRun['events'] = []): StoredRun => ({ events, lastKnownMs });

async function everything(db: Promise<Database>) {
  const d = await db;
  return { sessions: await d.getAll('sessions'), rounds: await d.getAll('rounds') };
}

describe('WorkoutLogRepository: sessions', () => {
  it('starts a session, stamping when it was written, and reads it back', async () => {
    const { log } = freshLog();
    await log.startSession(session());
    const found = await log.getSession('session-1');
    expect(found).toEqual({ session: session({ updatedAt: 2_000_000_000_000 }), rounds: [], damaged: [] });
    expect(await log.getSession('nobody')).toBeNull();
  });

  it('refuses a second session with the same id and leaves the first as it was', async () => {
    const { log, db } = freshLog();
    await log.startSession(session());
    const before = await everything(db);
    await expect(log.startSession(session({ circuitId: 'other' }))).rejects.toThrow(LogWriteError);
    await expect(log.startSession(session())).rejects.toThrow(/same id is there already/);
    expect(await everything(db)).toEqual(before);
  });

  it('refuses a session that is not valid or not running, writing nothing', async () => {
    const { log, db } = freshLog();
    await expect(log.startSession(session({ startedAt: Number.NaN }))).rejects.toThrow(/“startedAt”: the start/);
    await expect(log.startSession(session({ status: 'completed', endedAt: START + 1 }))).rejects.toThrow(
      /added as it starts/,
    );
    const badCircuit = session({ circuit: { ...testCircuit, blocks: [] } });
    await expect(log.startSession(badCircuit)).rejects.toThrow(/The circuit of this workout cannot be read/);
    expect(await everything(db)).toEqual({ sessions: [], rounds: [] });
  });

  it('saves progress forwards only, keeping the extend times the engine needs', async () => {
    const { log } = freshLog();
    await log.startSession(session());
    const events: StoredRun['events'] = [
      { type: 'pause', at: 5000 },
      { type: 'resume', at: 9000 },
      { type: 'extend', at: 12_000, ms: 30_000 },
    ];
    await log.saveProgress('session-1', run(15_000, events));
    expect((await log.getSession('session-1'))?.session.run).toEqual(run(15_000, events));

    // A late save from before: ignored, so nothing already stored is lost.
    await log.saveProgress('session-1', run(10_000, events.slice(0, 2)));
    expect((await log.getSession('session-1'))?.session.run).toEqual(run(15_000, events));

    await log.saveProgress('session-1', run(15_000, [...events, { type: 'skip', at: 15_000 }]));
    const saved = (await log.getSession('session-1'))?.session;
    expect(saved?.run.events).toHaveLength(4);
    expect(saved?.updatedAt).toBe(2_000_000_000_002);
  });

  it('saves no progress for a missing or closed session, and refuses a run that is not valid', async () => {
    const { log, db } = freshLog();
    await log.saveProgress('nobody', run(1000));
    await log.startSession(session());
    await log.closeSession('session-1', 'completed', START + 60_000, run(60_000, [{ type: 'done', at: 60_000 }]));
    const closed = await everything(db);
    await log.saveProgress('session-1', run(90_000));
    expect(await everything(db)).toEqual(closed);

    await log.startSession(session({ id: 'session-2' }));
    await expect(log.saveProgress('session-2', run(-1))).rejects.toThrow(LogWriteError);
    await expect(log.saveProgress('session-2', run(5, [{ type: 'jump' as 'skip', at: 1 }]))).rejects.toThrow(
      /an event is not one of pause, resume/,
    );
    expect((await log.getSession('session-2'))?.session.run).toEqual(run(0));
  });

  it('closes a session once: a second close changes nothing and does not throw', async () => {
    const { log } = freshLog();
    await log.startSession(session());
    const final = run(60_000, [{ type: 'done', at: 60_000 }]);
    await log.closeSession('session-1', 'completed', START + 61_000, final);
    const closed = await log.getSession('session-1');
    expect(closed?.session).toMatchObject({ status: 'completed', endedAt: START + 61_000, run: final });
    await log.closeSession('session-1', 'abandoned', START + 99_000, run(99_000));
    expect(await log.getSession('session-1')).toEqual(closed);
  });

  it('closes with the run that went furthest, and refuses to close what is not there', async () => {
    const { log } = freshLog();
    await log.startSession(session());
    await log.saveProgress('session-1', run(30_000, [{ type: 'pause', at: 30_000 }]));
    await log.closeSession('session-1', 'abandoned', START + 31_000, run(20_000));
    expect((await log.getSession('session-1'))?.session).toMatchObject({
      status: 'abandoned',
      run: run(30_000, [{ type: 'pause', at: 30_000 }]),
    });
    await expect(log.closeSession('nobody', 'completed', START, run(0))).rejects.toThrow(/not in the log/);
    await expect(log.closeSession('session-1', 'running' as 'completed', START, run(0))).rejects.toThrow(LogWriteError);
  });

  it('offers the running sessions to resume, newest first, leaving out closed and damaged ones', async () => {
    const { log, raw } = freshLog();
    await log.startSession(session({ id: 'old', startedAt: START }));
    await log.startSession(session({ id: 'new', startedAt: START + 5000 }));
    await log.startSession(session({ id: 'done', startedAt: START + 9000 }));
    await log.closeSession('done', 'completed', START + 10_000, run(1000));
    const db = await raw();
    await db.put('sessions', { ...session({ id: 'broken' }), run: 'lost' });
    expect((await log.openSessions()).map((s) => s.id)).toEqual(['new', 'old']);
    db.close();
  });
});

describe('WorkoutLogRepository: rounds', () => {
  it('writes a round once: written again, the stored one stays with the reps entered in between', async () => {
    const { log, db } = freshLog();
    await log.startSession(session());
    expect(await log.addRound(round('session-1', 0, 1))).toBe(true);
    await log.updateRoundEntry(roundId('session-1', 0, 1), { reps: 12, loadKg: 22.5, rpe: 7.5 });
    expect(await log.addRound(round('session-1', 0, 1))).toBe(false);
    const { rounds } = await everything(db);
    expect(rounds).toEqual([round('session-1', 0, 1, { reps: 12, loadKg: 22.5, rpe: 7.5 })]);
  });

  it('refuses a round for a session that is not in the log, writing nothing', async () => {
    const { log, db } = freshLog();
    await expect(log.addRound(round('ghost', 0, 1))).rejects.toThrow(LogWriteError);
    await expect(log.addRound(round('ghost', 0, 1))).rejects.toThrow(/its workout is not in the log/);
    expect((await everything(db)).rounds).toEqual([]);
  });

  it('refuses a round that is not valid, and derives the exercise keys itself', async () => {
    const { log, db } = freshLog();
    await log.startSession(session());
    await expect(log.addRound(round('session-1', 0, 4))).rejects.toThrow(/round 4 of only 3/);
    await expect(log.addRound(round('session-1', 0, 1, { id: 'session-1/0/2' }))).rejects.toThrow(/id does not match/);
    await expect(log.addRound(round('session-1', 0, 1, { exercises: [] }))).rejects.toThrow(/has no exercises/);
    await expect(log.addRound(round('session-1', 0, 1, { completedAt: Infinity }))).rejects.toThrow(LogWriteError);
    expect((await everything(db)).rounds).toEqual([]);

    expect(await log.addRound(round('session-1', 0, 1, { exerciseKeys: ['wrong'] }))).toBe(true);
    expect((await everything(db)).rounds[0]?.exerciseKeys).toEqual(['bent-over-row', 'name:bear crawl']);
  });

  it('gives a session’s rounds in the order they were run, and reports damaged ones apart', async () => {
    const { log, raw } = freshLog();
    await log.startSession(session());
    for (const [b, r] of [
      [1, 2],
      [0, 3],
      [1, 1],
      [0, 1],
      [0, 2],
    ] as const)
      await log.addRound(round('session-1', b, r));
    const db = await raw();
    await db.put('rounds', { ...round('session-1', 1, 3), blockName: 'Finisher', rpe: 42 });
    const found = await log.getSession('session-1');
    expect(found?.rounds.map((r) => r.id)).toEqual([
      'session-1/0/1',
      'session-1/0/2',
      'session-1/0/3',
      'session-1/1/1',
      'session-1/1/2',
    ]);
    expect(found?.damaged).toEqual([
      { id: 'session-1/1/3', name: 'Finisher', reason: expect.stringMatching(/“rpe”: the effort \(RPE\)/) },
    ]);
    db.close();
  });

  it('saves what the person enters for a round, a field at a time', async () => {
    const { log } = freshLog();
    await log.startSession(session());
    await log.addRound(round('session-1', 0, 1));
    const id = roundId('session-1', 0, 1);
    expect(await log.updateRoundEntry(id, { reps: 10 })).toMatchObject({ reps: 10, loadKg: null, rpe: null });
    expect(await log.updateRoundEntry(id, { loadKg: 20, rpe: 8 })).toMatchObject({ reps: 10, loadKg: 20, rpe: 8 });
    const cleared = await log.updateRoundEntry(id, { reps: null, rpe: undefined });
    expect(cleared).toMatchObject({ reps: null, loadKg: 20, rpe: 8 });
    expect((await log.getSession('session-1'))?.rounds).toEqual([cleared]);
  });

  it('saves reps and load for each exercise of a round, leaving the others and the round’s own as they are', async () => {
    const { log } = freshLog();
    await log.startSession(session());
    await log.addRound(round('session-1', 0, 1, { reps: 8 }));
    const id = roundId('session-1', 0, 1);
    const both = await log.updateRoundEntry(id, { exercises: [{ reps: 12, loadKg: 20 }, { reps: 6 }], rpe: 7 });
    expect(both).toMatchObject({ reps: 8, loadKg: null, rpe: 7 });
    expect(both.exercises.map((e) => [e.reps, e.loadKg])).toEqual([
      [12, 20],
      [6, undefined],
    ]);
    const second = await log.updateRoundEntry(id, { exercises: [null, { loadKg: 16 }] });
    expect(second.exercises.map((e) => [e.reps, e.loadKg])).toEqual([
      [12, 20],
      [6, 16],
    ]);
    // What holds for each exercise: its own entry, else the round's (an older version's whole-round reps).
    expect([0, 1].map((i) => exerciseEntry(second, i))).toEqual([
      { reps: 12, loadKg: 20 },
      { reps: 6, loadKg: 16 },
    ]);
    const cleared = await log.updateRoundEntry(id, { exercises: [{ reps: null }] });
    expect(exerciseEntry(cleared, 0)).toEqual({ reps: 8, loadKg: 20 });
    expect((await log.getSession('session-1'))?.rounds).toEqual([cleared]);
  });

  it('refuses nonsense for an exercise, or entries for exercises the round does not have, and writes nothing', async () => {
    const { log, db } = freshLog();
    await log.startSession(session());
    await log.addRound(round('session-1', 0, 1));
    const id = roundId('session-1', 0, 1);
    await log.updateRoundEntry(id, { exercises: [{ reps: 10 }] });
    const before = await everything(db);
    await expect(log.updateRoundEntry(id, { exercises: [{ reps: -1 }] })).rejects.toThrow(/whole number from 0/);
    await expect(log.updateRoundEntry(id, { exercises: [null, { loadKg: 2001 }], rpe: 8 })).rejects.toThrow(
      /load must be from 0 to 2000 kg/,
    );
    await expect(log.updateRoundEntry(id, { exercises: [null, null, { reps: 3 }] })).rejects.toThrow(
      'Not saved: the round has 2 exercises, not 3.',
    );
    await expect(log.updateRoundEntry(id, { exercises: 'lots' as unknown as RoundEntry['exercises'] })).rejects.toThrow(
      LogWriteError,
    );
    expect(await everything(db)).toEqual(before);
  });

  it('refuses an effort of 11, reps of -1 and other nonsense, and writes nothing', async () => {
    const { log, db } = freshLog();
    await log.startSession(session());
    await log.addRound(round('session-1', 0, 1, { reps: 8 }));
    const id = roundId('session-1', 0, 1);
    const before = await everything(db);
    await expect(log.updateRoundEntry(id, { rpe: 11 })).rejects.toThrow(
      'The effort (RPE) must be from 1 to 10, in steps of 0.5. Nothing was saved.',
    );
    await expect(log.updateRoundEntry(id, { reps: -1 })).rejects.toThrow(/Reps must be a whole number from 0 to/);
    await expect(log.updateRoundEntry(id, { reps: 2.5, rpe: 7 })).rejects.toThrow(LogWriteError);
    await expect(log.updateRoundEntry(id, { loadKg: Number.NaN })).rejects.toThrow(
      /The load must be from 0 to 2000 kg/,
    );
    await expect(log.updateRoundEntry(id, { loadKg: 2001 })).rejects.toThrow(LogWriteError);
    await expect(log.updateRoundEntry('session-1/0/9', { reps: 5 })).rejects.toThrow(/no longer in the log/);
    expect(await everything(db)).toEqual(before);
  });

  it('finds every round of an exercise, oldest first, by library id or by a custom exercise’s name', async () => {
    const { log } = freshLog();
    await log.startSession(session({ id: 'a', startedAt: START }));
    await log.startSession(session({ id: 'b', startedAt: START + 86_400_000 }));
    await log.addRound(round('b', 0, 1, { completedAt: START + 86_460_000 }));
    await log.addRound(round('a', 0, 2, { completedAt: START + 120_000 }));
    await log.addRound(round('a', 0, 1, { completedAt: START + 60_000 }));
    // The same custom exercise twice in a round, spelled differently: found once.
    const twice = [crawl, { ...crawl, stepId: 'crawl-again', name: '  bear crawl ' }];
    await log.addRound(round('a', 1, 1, { exercises: twice, completedAt: START + 1_000_000 }));

    const byName = await log.roundsForExercise('name:bear crawl');
    expect(byName.map((r) => r.id)).toEqual(['a/0/1', 'a/0/2', 'a/1/1', 'b/0/1']);
    expect((await log.roundsForExercise('bent-over-row')).map((r) => r.id)).toEqual(['a/0/1', 'a/0/2', 'b/0/1']);
    expect(await log.roundsForExercise('name:rows')).toEqual([]);
  });
});

// Where the browser has getAllRecords (Chromium 141+) a page is one request; elsewhere, and when the page's
// last millisecond goes on past it, key cursors find it. Both ways, the same pages.
type RecordsIndex = { getAllRecords?: (...args: unknown[]) => unknown };
describe.each([
  ['with getAllRecords', true],
  ['without getAllRecords', false],
])('WorkoutLogRepository: pages of history, %s', (_way, withRecords) => {
  const proto = IDBIndex.prototype as unknown as RecordsIndex;
  const original = proto.getAllRecords!;
  let calls = 0;
  beforeEach(() => {
    calls = 0;
    proto.getAllRecords = withRecords
      ? function (this: unknown, ...args: unknown[]) {
          calls++;
          return original.apply(this, args);
        }
      : undefined;
  });
  afterEach(() => {
    proto.getAllRecords = original;
  });

  it('pages 250 sessions by 100, newest first: 100, 100 and 50 with no overlap', async () => {
    const { log } = freshLog();
    for (let i = 0; i < 250; i++) await log.startSession(session({ id: `s${i}`, startedAt: START + i * 60_000 }));
    const pages: string[][] = [];
    let before: number | undefined;
    for (;;) {
      const page = await log.listSessions({ before, limit: 100 });
      expect(page.damaged).toEqual([]);
      pages.push(page.sessions.map((s) => s.id));
      if (page.nextBefore === null) break;
      before = page.nextBefore;
    }
    expect(pages.map((p) => p.length)).toEqual([100, 100, 50]);
    expect(calls).toBe(withRecords ? 3 : 0);
    expect(pages.flat()).toEqual(Array.from({ length: 250 }, (_, i) => `s${249 - i}`));
  });

  it('keeps sessions that started in the same millisecond on one page', async () => {
    const { log } = freshLog();
    for (const [id, at] of [
      ['a', 3],
      ['b', 2],
      ['c', 2],
      ['d', 1],
    ] as const)
      await log.startSession(session({ id, startedAt: START + at }));
    const first = await log.listSessions({ limit: 2 });
    expect(first.sessions.map((s) => s.id)).toEqual(['a', 'c', 'b']);
    expect(first.nextBefore).toBe(START + 2);
    const second = await log.listSessions({ before: START + 2, limit: 2 });
    expect(second).toEqual({ sessions: [expect.objectContaining({ id: 'd' })], damaged: [], nextBefore: null });
  });

  it('ends on the last page exactly when no older session is left, whatever the page size', async () => {
    const { log } = freshLog();
    for (let i = 0; i < 4; i++) await log.startSession(session({ id: `s${i}`, startedAt: START + i }));
    expect(await log.listSessions({ limit: 4 })).toMatchObject({ nextBefore: null });
    expect((await log.listSessions({ limit: 9 })).sessions.map((s) => s.id)).toEqual(['s3', 's2', 's1', 's0']);
    const byOne: string[] = [];
    let before: number | undefined;
    for (let pages = 0; pages < 10; pages++) {
      const page = await log.listSessions({ before, limit: 1 });
      byOne.push(...page.sessions.map((s) => s.id));
      if (page.nextBefore === null) break;
      before = page.nextBefore;
    }
    expect(byOne).toEqual(['s3', 's2', 's1', 's0']);
  });

  it('counts the rounds of each listed session, damaged ones included, in the same read', async () => {
    const { log, raw } = freshLog();
    await log.startSession(session({ id: 'three', startedAt: START }));
    await log.startSession(session({ id: 'none', startedAt: START + 1000 }));
    await log.startSession(session({ id: 'two', startedAt: START + 2000 }));
    for (let n = 1; n <= 3; n++) await log.addRound(round('three', 0, n));
    await log.addRound(round('two', 0, 1));
    const db = await raw();
    // A round that no longer passes the checks was done all the same: it is counted.
    await db.put('rounds', { ...round('two', 0, 2), id: 'two:broken', completedAt: 'later' });

    const first = await log.listSessions({ limit: 2, countRounds: true });
    expect(first.sessions.map((s) => s.id)).toEqual(['two', 'none']);
    expect(first.rounds).toEqual([2, 0]);
    const second = await log.listSessions({ before: first.nextBefore!, limit: 2, countRounds: true });
    expect(second.sessions.map((s) => s.id)).toEqual(['three']);
    expect(second.rounds).toEqual([3]);
    expect(second.nextBefore).toBeNull();
    // Without asking, no counts.
    expect(await log.listSessions({ limit: 2 })).not.toHaveProperty('rounds');
  });

  it('reports damaged sessions where they fall, and those without a start time apart', async () => {
    const { log, raw } = freshLog();
    await log.startSession(session({ id: 'good-old', startedAt: START }));
    await log.startSession(session({ id: 'good-new', startedAt: START + 3000 }));
    const db = await raw();
    await db.put('sessions', { ...session({ id: 'bad-circuit', startedAt: START + 2000 }), circuit: { name: 'Legs' } });
    await db.put('sessions', { ...session({ id: 'future', startedAt: START + 1000 }), recordVersion: 2 });
    await db.put('sessions', { ...session({ id: 'no-start' }), startedAt: 'yesterday' });
    await db.put('sessions', { id: 'bare' });

    const first = await log.listSessions({ limit: 3 });
    expect(first.sessions.map((s) => s.id)).toEqual(['good-new']);
    expect(first.damaged).toEqual([
      { id: 'bad-circuit', name: 'Legs', reason: expect.stringMatching(/circuit of this workout cannot be read/) },
      {
        id: 'future',
        name: 'Friday back',
        reason: 'This workout was saved in a format this version does not know (version 2).',
      },
    ]);
    expect(first.nextBefore).toBe(START + 1000);
    const second = await log.listSessions({ before: first.nextBefore!, limit: 3 });
    expect(second).toEqual({ sessions: [expect.objectContaining({ id: 'good-old' })], damaged: [], nextBefore: null });
    expect(await log.unorderedSessions()).toEqual({
      sessions: [],
      damaged: [
        { id: 'bare', name: null, reason: expect.stringMatching(/damaged at “recordVersion”|format this version/) },
        { id: 'no-start', name: 'Friday back', reason: expect.stringMatching(/“startedAt”: the start must be a date/) },
      ],
    });
    db.close();
  });
});

describe('WorkoutLogRepository: history', () => {
  it('never overwrites a damaged session: progress, closing and deleting are refused and it stays as it was', async () => {
    const { log, raw } = freshLog();
    const db = await raw();
    const broken = { ...session({ id: 'broken' }), run: { events: 'gone', lastKnownMs: 5 } };
    await db.put('sessions', broken);
    await db.put('rounds', round('broken', 0, 1));
    await expect(log.saveProgress('broken', run(10))).rejects.toThrow(/left as it is/);
    await expect(log.closeSession('broken', 'abandoned', START, run(10))).rejects.toThrow(LogWriteError);
    await expect(log.addRound(round('broken', 0, 1, { reps: 3 }))).resolves.toBe(false);
    await expect(log.deleteSession('broken')).rejects.toThrow(/deleted, and the stored one is left as it is/);
    await expect(log.getSession('broken')).rejects.toThrow(LogReadError);
    expect(await db.get('sessions', 'broken')).toEqual(broken);
    expect(await db.get('rounds', 'broken/0/1')).toEqual(round('broken', 0, 1));

    // The person can still remove it for good, rounds and all.
    expect(await log.deleteDamagedSession('broken')).toBe(true);
    expect(await log.deleteDamagedSession('broken')).toBe(false);
    expect(await db.count('sessions')).toBe(0);
    expect(await db.count('rounds')).toBe(0);
    db.close();
  });

  it('deletes a session with its rounds together, and undo gives back identical records', async () => {
    const { log, db, raw } = freshLog();
    await log.startSession(session({ id: 'keep' }));
    await log.addRound(round('keep', 0, 1));
    await log.startSession(session({ id: 'gone' }));
    await log.saveProgress('gone', run(120_000, [{ type: 'pause', at: 100_000 }]));
    await log.addRound(round('gone', 0, 1));
    await log.addRound(round('gone', 0, 2));
    await log.updateRoundEntry('gone/0/2', { reps: 15, rpe: 9 });
    await log.closeSession('gone', 'completed', START + 130_000, run(130_000));
    const other = await raw();
    await other.put('rounds', { ...round('gone', 1, 1), rounds: 'three' }); // damaged, still theirs
    other.close();
    const before = await everything(db);

    const removed = await log.deleteSession('gone');
    expect(removed?.session.id).toBe('gone');
    expect(removed?.rounds.map((r) => r.id)).toEqual(['gone/0/1', 'gone/0/2']);
    expect(removed?.damagedRounds).toEqual([{ ...round('gone', 1, 1), rounds: 'three' }]);
    const after = await everything(db);
    expect(after.sessions.map((s) => s.id)).toEqual(['keep']);
    expect(after.rounds.map((r) => r.id)).toEqual(['keep/0/1']);
    expect(await log.deleteSession('gone')).toBeNull();

    await log.restoreSession(removed!);
    expect(await everything(db)).toEqual(before);
  });

  it('puts nothing back when any part of an undo cannot be written', async () => {
    const { log, db } = freshLog();
    await log.startSession(session({ id: 'gone' }));
    await log.addRound(round('gone', 0, 1));
    const removed = (await log.deleteSession('gone'))!;

    await expect(log.restoreSession({ ...removed, damagedRounds: [{ noId: true }] })).rejects.toThrow();
    expect(await everything(db)).toEqual({ sessions: [], rounds: [] });
    await expect(log.restoreSession({ ...removed, rounds: [round('elsewhere', 0, 1)] })).rejects.toThrow(
      /belongs to another workout/,
    );
    expect(await everything(db)).toEqual({ sessions: [], rounds: [] });
  });
});

describe('parseSession and parseRound', () => {
  it('accept what the repository writes and drop unknown fields', () => {
    const parsed = parseSession({ ...session(), extra: '<script>' });
    expect(parsed).toEqual({ ok: true, value: session() });
    expect(parseRound({ ...round('s', 0, 1), extra: 1 })).toEqual({ ok: true, value: round('s', 0, 1) });
  });

  it('say what is wrong in words a person can read', () => {
    for (const data of [null, 42, 'session', [], {}]) {
      const r = parseSession(data);
      expect(r.ok).toBe(false);
      expect(!r.ok && r.message.length).toBeGreaterThan(20);
    }
    expect(parseSession(session({ endedAt: START }))).toEqual({
      ok: false,
      message: 'This workout is damaged: it is still running but has an end time.',
    });
    expect(parseSession(session({ status: 'completed' }))).toEqual({
      ok: false,
      message: 'This workout is damaged: it is completed but has no end time.',
    });
    expect(parseRound({ ...round('s', 0, 1), recordVersion: 7 })).toEqual({
      ok: false,
      message: 'This round was saved in a format this version does not know (version 7).',
    });
    expect(parseRound(round('s', 0, 1, { exercises: [{ ...rows, workMs: -5 }] }))).toEqual({
      ok: false,
      message: 'This round is damaged at “exercises.0.workMs”: the work time must be a time from 0 ms to a year.',
    });
    expect(parseRound(round('s', 0, 1, { round: 0 }))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/the round must be from 1 to 99/),
    });
  });

  it('a version that is an object is refused in words, and a missing field is said to be missing (found by fuzzing)', () => {
    for (const recordVersion of [{}, Object.create(null) as object])
      expect(parseSession({ ...session(), recordVersion })).toEqual({
        ok: false,
        message: 'This workout was saved in a format this version does not know (a version that is not a number).',
      });
    const noStatus: Partial<ReturnType<typeof session>> = session();
    delete noStatus.status;
    expect(parseSession(noStatus)).toEqual({
      ok: false,
      message: 'This workout is damaged at “status”: it is missing.',
    });
  });
});

describe('WorkoutLogRepository: two tabs at once', () => {
  it('two connections writing the same session and rounds at the same time leave one session, each round once, and the furthest progress', async () => {
    const { name, log } = freshLog();
    await log.startSession(session());
    // A second tab on its own connection (the same workout resumed there, say).
    const other = new WorkoutLogRepository(openDatabase(name), () => 3_000_000_000_000);
    const writes = [1, 2, 3].flatMap((n) => [
      log.addRound(round('session-1', 0, n)),
      other.addRound(round('session-1', 0, n)),
    ]);
    const added = await Promise.all(writes);
    expect(added.filter(Boolean)).toHaveLength(3); // each round written by exactly one of them
    await Promise.all([log.saveProgress('session-1', run(40_000)), other.saveProgress('session-1', run(25_000))]);
    const found = await log.getSession('session-1');
    expect(found!.rounds.map((r) => r.round)).toEqual([1, 2, 3]);
    expect(found!.session.run.lastKnownMs).toBe(40_000);
    // Closing from both: closed once, and still readable.
    await Promise.all([
      log.closeSession('session-1', 'completed', START + 60_000, run(60_000)),
      other.closeSession('session-1', 'completed', START + 61_000, run(61_000)),
    ]);
    const closed = await other.getSession('session-1');
    expect(closed!.session.status).toBe('completed');
    expect(closed!.rounds).toHaveLength(3);
  });
});
