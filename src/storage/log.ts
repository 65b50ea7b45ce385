// The workout log in IndexedDB: a session per run and a record per completed round, each write its
// own short transaction so that what has happened survives a crash, and every record checked on the
// way in and out so that damaged ones are reported, never used and never overwritten.
import type { Circuit } from '../engine/model';
import type { ExerciseOutcome } from '../engine/rounds';
import type { IDBPIndex } from 'idb';
import type { CircuitTimerDB, Database, StoredRecord } from './db';
import type { DamagedRecord } from './circuits';
import { parseRound, parseRoundEntry, parseRun, parseSession } from './log-schema';
import { WeekChanges } from './week-totals';

export { LOG_RECORD_VERSION, roundId } from './log-schema';

export type SessionStatus = 'running' | 'completed' | 'abandoned';

/** A run's log relative to its start, so it survives a reload (performance.now() restarts at 0). */
export interface StoredRun {
  /** Pause/resume/skip/back/extend/done events, `at` = ms since Start on the run's clock. */
  events: {
    type: 'pause' | 'resume' | 'skip' | 'back' | 'extend' | 'done';
    at: number;
    /** For 'extend': the time it added (the engine needs it to replay the run). */
    ms?: number;
  }[];
  /** The last instant known to have happened, ms since Start (saved every few seconds and at every event). */
  lastKnownMs: number;
}

export interface SessionRecord {
  recordVersion: 1;
  id: string;
  circuitId: string;
  /** The circuit exactly as it was run (a snapshot: later edits or deletion don't change history). */
  circuit: Circuit;
  /** Wall clock, Date.now() at Start. */
  startedAt: number;
  /** Wall clock at finish or abandon; null while running. */
  endedAt: number | null;
  status: SessionStatus;
  run: StoredRun;
  /** Wall clock of the last write (set by the repository). */
  updatedAt: number;
}

/**
 * One exercise of a logged round, as the engine derives it from the run, with the reps and load the
 * person entered for it afterwards (left out, or null, when not entered).
 */
export type RoundExercise = ExerciseOutcome & ExerciseEntry;

/** Reps and load entered for one exercise of a round: each exercise of a round has its own. */
export interface ExerciseEntry {
  reps?: number | null;
  loadKg?: number | null;
}

export interface RoundRecord {
  recordVersion: 1;
  /** `${sessionId}/${blockIndex}/${round}`: a round can be written only once. */
  id: string;
  sessionId: string;
  blockIndex: number;
  blockId: string;
  blockName: string;
  /** 1-based. */
  round: number;
  rounds: number;
  exercises: RoundExercise[];
  /** For the by-exercise index: exercise ids, or `name:<lower-case name>` for custom ones (deduplicated). */
  exerciseKeys: string[];
  /** Wall clock. */
  completedAt: number;
  /**
   * Reps and load entered for the round as a whole, as the first versions stored them: an exercise with
   * none of its own shows these (exerciseEntry). New entries go on each exercise. Null when not entered.
   */
  reps: number | null;
  loadKg: number | null;
  /** Effort of the whole round, 1–10 (RPE). */
  rpe: number | null;
}

/**
 * What a person enters for a round afterwards; a field left out stays as it is. `exercises` lines up with
 * the round's exercises: reps and load for each (null or a hole: that exercise stays as it is).
 */
export interface RoundEntry {
  reps?: number | null;
  loadKg?: number | null;
  rpe?: number | null;
  exercises?: (ExerciseEntry | null | undefined)[];
}

/** The reps and load that hold for exercise `index` of a round: its own, else what was entered for the round. */
export function exerciseEntry(round: RoundRecord, index: number): { reps: number | null; loadKg: number | null } {
  const own = round.exercises[index];
  return { reps: own?.reps ?? round.reps, loadKg: own?.loadKg ?? round.loadKg };
}

/** A deleted session with everything that went with it, for undo. */
export interface RemovedSession {
  session: SessionRecord;
  rounds: RoundRecord[];
  /** Rounds that failed the checks, exactly as they were stored, so that undo puts them back too. */
  damagedRounds?: unknown[];
}

export class LogWriteError extends Error {
  override name = 'LogWriteError';
}

/** A stored record that fails the checks was asked for by id. */
export class LogReadError extends Error {
  override name = 'LogReadError';
}

/** The keys a round is found under in the by-exercise index: library id, else the custom exercise's name. */
export function exerciseKeys(exercises: RoundExercise[]): string[] {
  return [...new Set(exercises.map((e) => e.exerciseId ?? `name:${e.name.trim().toLowerCase()}`))];
}

// History must survive a power cut, not just a reload, once the write says it is done. Progress
// saves are frequent and superseded within seconds, so they keep the browser's default.
const DURABLE: IDBTransactionOptions = { durability: 'strict' };

export class WorkoutLogRepository {
  constructor(
    private readonly db: Promise<Database>,
    private readonly now: () => number = Date.now,
  ) {}

  /** Adds a session as its run starts; refused when a session with its id exists. */
  async startSession(session: SessionRecord): Promise<void> {
    const parsed = parseSession({ ...session, updatedAt: this.now() });
    if (!parsed.ok) throw new LogWriteError(`The workout was not added to the log: ${parsed.message}`);
    if (parsed.value.status !== 'running')
      throw new LogWriteError('The workout was not added to the log: a workout is added as it starts, running.');
    const tx = (await this.db).transaction(['sessions', 'weeks'], 'readwrite', DURABLE);
    await commit(tx, async () => {
      const sessions = tx.objectStore('sessions');
      if ((await sessions.getKey(parsed.value.id)) !== undefined)
        throw new LogWriteError('The workout was not added to the log: one with the same id is there already.');
      await sessions.add(stored(parsed.value));
      await new WeekChanges().session(parsed.value, 1).apply(tx.objectStore('weeks'));
    });
  }

  /**
   * Saves a running session's progress. Does nothing when the session is missing or closed, or when
   * the stored run is further along (a late or repeated save never moves the log backwards).
   */
  async saveProgress(id: string, run: StoredRun): Promise<void> {
    const checked = parseRun(run);
    if (!checked.ok) throw new LogWriteError(`The workout’s progress was not saved: ${checked.message}`);
    const tx = (await this.db).transaction('sessions', 'readwrite');
    await commit(tx, async () => {
      const record = await tx.store.get(id);
      if (record === undefined) return;
      const session = readable(record, 'The workout’s progress was not saved');
      if (session.status !== 'running' || checked.value.lastKnownMs < session.run.lastKnownMs) return;
      await tx.store.put(stored({ ...session, run: checked.value, updatedAt: this.now() }));
    });
  }

  /**
   * Writes a completed round once: returns false, keeping the stored one (and any reps entered since),
   * when the round is there already. Refused when its session is not in the log.
   */
  async addRound(round: RoundRecord): Promise<boolean> {
    const parsed = parseRound(round);
    if (!parsed.ok) throw new LogWriteError(`The round was not added to the log: ${parsed.message}`);
    // Derived here, so the by-exercise index is right whatever the caller passed.
    const record: RoundRecord = { ...parsed.value, exerciseKeys: exerciseKeys(parsed.value.exercises) };
    const tx = (await this.db).transaction(['sessions', 'rounds', 'weeks'], 'readwrite', DURABLE);
    return commit(tx, async () => {
      if ((await tx.objectStore('sessions').getKey(record.sessionId)) === undefined)
        throw new LogWriteError('The round was not added to the log: its workout is not in the log.');
      const rounds = tx.objectStore('rounds');
      if ((await rounds.getKey(record.id)) !== undefined) return false;
      await rounds.add(stored(record));
      await new WeekChanges().round(record, 1).apply(tx.objectStore('weeks'));
      return true;
    });
  }

  /** Ends a running session; a session closed already stays as it is. Refused when there is no such session. */
  async closeSession(id: string, status: 'completed' | 'abandoned', endedAt: number, run: StoredRun): Promise<void> {
    const what = 'The workout could not be ended in the log';
    if (status !== 'completed' && status !== 'abandoned')
      throw new LogWriteError(`${what}: it can end completed or abandoned, not “${String(status)}”.`);
    const checked = parseRun(run);
    if (!checked.ok) throw new LogWriteError(`${what}: ${checked.message}`);
    const tx = (await this.db).transaction(['sessions', 'weeks'], 'readwrite', DURABLE);
    await commit(tx, async () => {
      const record = await tx.objectStore('sessions').get(id);
      if (record === undefined) throw new LogWriteError(`${what}: it is not in the log.`);
      const session = readable(record, what);
      if (session.status !== 'running') return;
      const closed = parseSession({
        ...session,
        status,
        endedAt,
        run: checked.value.lastKnownMs >= session.run.lastKnownMs ? checked.value : session.run,
        updatedAt: this.now(),
      });
      if (!closed.ok) throw new LogWriteError(`${what}: ${closed.message}`);
      await tx.objectStore('sessions').put(stored(closed.value));
      if (status === 'completed') await new WeekChanges().completed(session.startedAt).apply(tx.objectStore('weeks'));
    });
  }

  /** Sessions still running (interrupted by a reload or a crash, or running in another tab), newest first. */
  async openSessions(): Promise<SessionRecord[]> {
    const records = await (await this.db).getAllFromIndex('sessions', 'by-status', 'running');
    const sessions: SessionRecord[] = [];
    for (const record of records) {
      const parsed = parseSession(record);
      if (parsed.ok && parsed.value.status === 'running') sessions.push(parsed.value);
    }
    return sessions.sort((a, b) => b.startedAt - a.startedAt);
  }

  /**
   * A page of sessions, newest first, started before `before` (the previous page's `nextBefore`).
   * Damaged sessions take their place in the page and are reported. Sessions that started in the same
   * millisecond stay on one page, so a page can hold a few more than `limit`. Sessions without a usable
   * start time are in no page (the index cannot order them): unorderedSessions() finds those.
   * With `countRounds`, each session's logged rounds (damaged ones included) are counted in the same
   * transaction, asked for the moment the page is read: `rounds[i]` is `sessions[i]`'s.
   */
  async listSessions(options: {
    before?: number;
    limit: number;
    countRounds: true;
  }): Promise<SessionPage & { rounds: number[] }>;
  async listSessions(options: { before?: number; limit: number; countRounds?: false }): Promise<SessionPage>;
  async listSessions({
    before,
    limit,
    countRounds = false,
  }: {
    before?: number;
    limit: number;
    countRounds?: boolean;
  }): Promise<SessionPage & { rounds?: number[] }> {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`A page holds 1 or more sessions, not ${limit}.`);
    if (before !== undefined && Number.isNaN(before)) throw new RangeError('A page cannot start before NaN.');
    const db = await this.db;
    const stores: ('sessions' | 'rounds')[] = countRounds ? ['sessions', 'rounds'] : ['sessions'];
    const tx = db.transaction(stores);
    const index = tx.objectStore('sessions').index('by-started');
    const sessions: SessionRecord[] = [];
    const damaged: DamagedRecord[] = [];
    const take = (record: StoredRecord) => {
      const parsed = parseSession(record);
      if (parsed.ok) sessions.push(parsed.value);
      else damaged.push(damagedSession(record, parsed.message));
    };

    let rounds: number[] | undefined;
    const nextBefore = await commit(tx, async () => {
      const next = await readPage(index, before, limit, take);
      // Asked for at once, in this transaction: a count waits on nothing else the page is doing meanwhile.
      if (countRounds) rounds = await countBySession(tx.objectStore('rounds').index('by-session'), sessions);
      return next;
    });
    return rounds ? { sessions, damaged, nextBefore, rounds } : { sessions, damaged, nextBefore };
  }

  /**
   * Sessions the by-started index leaves out because their start time is not a usable key (damaged ones,
   * in practice), so that they can be seen and deleted. It counts the whole store, tens of milliseconds
   * for a log of years, so History asks only once its first page is shown; one pass over the keys when
   * the counts differ.
   */
  /** Each session's logged rounds (damaged ones included), in one transaction: no round record is read. */
  async countRounds(sessions: readonly { id: string }[]): Promise<number[]> {
    return countBySession((await this.db).transaction('rounds').store.index('by-session'), sessions);
  }

  async unorderedSessions(): Promise<{ sessions: SessionRecord[]; damaged: DamagedRecord[] }> {
    const tx = (await this.db).transaction('sessions');
    const index = tx.store.index('by-started');
    const sessions: SessionRecord[] = [];
    const damaged: DamagedRecord[] = [];
    await commit(tx, async () => {
      const everyNumber = IDBKeyRange.upperBound(Infinity);
      const [all, ordered] = await Promise.all([tx.store.count(), index.count(everyNumber)]);
      if (all === ordered) return;
      const keys = new Set(await index.getAllKeys(everyNumber));
      for (const key of await tx.store.getAllKeys()) {
        if (keys.has(key)) continue;
        const record = await tx.store.get(key);
        if (record === undefined) continue;
        const parsed = parseSession(record);
        if (parsed.ok) sessions.push(parsed.value);
        else damaged.push(damagedSession(record, parsed.message));
      }
    });
    return { sessions, damaged };
  }

  /**
   * A session with its rounds in the order they were run (damaged rounds reported apart), or null
   * when there is no such session. Throws a LogReadError when the session itself is damaged.
   */
  async getSession(
    id: string,
  ): Promise<{ session: SessionRecord; rounds: RoundRecord[]; damaged: DamagedRecord[] } | null> {
    const tx = (await this.db).transaction(['sessions', 'rounds']);
    const [record, roundRecords] = await Promise.all([
      tx.objectStore('sessions').get(id),
      tx.objectStore('rounds').index('by-session').getAll(id),
      tx.done,
    ]);
    if (record === undefined) return null;
    const parsed = parseSession(record);
    if (!parsed.ok) throw new LogReadError(parsed.message);
    const { rounds, damaged } = splitRounds(roundRecords);
    return { session: parsed.value, rounds, damaged: damaged.map(([r, reason]) => damagedRound(r, reason)) };
  }

  /**
   * Deletes a session and its rounds together and returns them for undo; null when there is no such
   * session. A damaged session is refused (nothing is deleted): deleteDamagedSession removes it.
   */
  async deleteSession(id: string): Promise<RemovedSession | null> {
    const tx = (await this.db).transaction(['sessions', 'rounds', 'weeks'], 'readwrite', DURABLE);
    return commit(tx, async () => {
      const sessions = tx.objectStore('sessions');
      const roundStore = tx.objectStore('rounds');
      const record = await sessions.get(id);
      if (record === undefined) return null;
      const session = readable(record, 'The workout was not deleted');
      const roundRecords = await roundStore.index('by-session').getAll(id);
      const { rounds, damaged } = splitRounds(roundRecords);
      await Promise.all([
        sessions.delete(id),
        ...rounds.map((r) => roundStore.delete(r.id)),
        ...damaged.map(([r]) => roundStore.delete(r.id)),
      ]);
      const changes = new WeekChanges().session(record, -1);
      for (const r of roundRecords) changes.round(r, -1);
      await changes.apply(tx.objectStore('weeks'));
      const removed: RemovedSession = { session, rounds };
      if (damaged.length > 0) removed.damagedRounds = damaged.map(([r]) => r);
      return removed;
    });
  }

  /** Deletes a session that cannot be read, and its rounds, for good; returns whether there was one. */
  async deleteDamagedSession(id: string): Promise<boolean> {
    const tx = (await this.db).transaction(['sessions', 'rounds', 'weeks'], 'readwrite', DURABLE);
    return commit(tx, async () => {
      const sessions = tx.objectStore('sessions');
      const rounds = tx.objectStore('rounds');
      const record = await sessions.get(id);
      if (record === undefined) return false;
      const roundRecords = await rounds.index('by-session').getAll(id);
      await Promise.all([sessions.delete(id), ...roundRecords.map((r) => rounds.delete(r.id))]);
      const changes = new WeekChanges().session(record, -1);
      for (const r of roundRecords) changes.round(r, -1);
      await changes.apply(tx.objectStore('weeks'));
      return true;
    });
  }

  /** Undoes deleteSession: puts the session and its rounds back, exactly as they were, together. */
  async restoreSession(removed: RemovedSession): Promise<void> {
    const what = 'The workout could not be put back';
    const session = parseSession(removed.session);
    if (!session.ok) throw new LogWriteError(`${what}: ${session.message}`);
    const rounds: RoundRecord[] = [];
    for (const round of removed.rounds) {
      const parsed = parseRound(round);
      if (!parsed.ok) throw new LogWriteError(`${what}: ${parsed.message}`);
      if (parsed.value.sessionId !== session.value.id)
        throw new LogWriteError(`${what}: one of its rounds belongs to another workout.`);
      rounds.push(parsed.value);
    }
    const tx = (await this.db).transaction(['sessions', 'rounds', 'weeks'], 'readwrite', DURABLE);
    await commit(tx, async () => {
      const sessions = tx.objectStore('sessions');
      const roundStore = tx.objectStore('rounds');
      // Put back in place of whatever took its id meanwhile, which leaves the totals then.
      const changes = new WeekChanges().session(await sessions.get(session.value.id), -1).session(session.value, 1);
      // One at a time: a record that cannot be stored throws before later requests are made.
      await sessions.put(stored(session.value));
      for (const r of [...rounds, ...((removed.damagedRounds ?? []) as StoredRecord[])]) {
        changes.round(await roundStore.get(String((r as { id?: unknown }).id)), -1).round(r, 1);
        // As they were: damaged is how they were found, and they are the person's data still.
        await roundStore.put(r as StoredRecord);
      }
      await changes.apply(tx.objectStore('weeks'));
    });
  }

  /** Saves what the person entered for a round (fields left out stay); invalid values write nothing. */
  async updateRoundEntry(id: string, entry: RoundEntry): Promise<RoundRecord> {
    const checked = parseRoundEntry(entry);
    if (!checked.ok) throw new LogWriteError(`${checked.message} Nothing was saved.`);
    const changes = Object.fromEntries(Object.entries(checked.value).filter(([, value]) => value !== undefined));
    const tx = (await this.db).transaction('rounds', 'readwrite', DURABLE);
    return commit(tx, async () => {
      const record = await tx.store.get(id);
      if (record === undefined) throw new LogWriteError('Not saved: this round is no longer in the log.');
      const parsed = parseRound(record);
      if (!parsed.ok) throw new LogWriteError(`Not saved, and the round is left as it is: ${parsed.message}`);
      const { exercises: perExercise, ...roundChanges } = changes as RoundEntry;
      if (perExercise && perExercise.length > parsed.value.exercises.length)
        throw new LogWriteError(
          `Not saved: the round has ${parsed.value.exercises.length} exercises, not ${perExercise.length}.`,
        );
      const exercises = parsed.value.exercises.map((e, i) => {
        const entry = perExercise?.[i];
        if (!entry) return e;
        const own = Object.fromEntries(Object.entries(entry).filter(([, value]) => value !== undefined));
        return { ...e, ...own };
      });
      const updated: RoundRecord = { ...parsed.value, ...roundChanges, exercises };
      await tx.store.put(stored(updated));
      return updated;
    });
  }

  /** Every readable round that has the exercise (an id, or `name:<lower-case name>`), oldest first. */
  async roundsForExercise(key: string): Promise<RoundRecord[]> {
    const records = await (await this.db).getAllFromIndex('rounds', 'by-exercise', key);
    const { rounds } = splitRounds(records);
    return rounds.sort((a, b) => a.completedAt - b.completedAt || a.id.localeCompare(b.id));
  }
}

/** A parsed record as the store takes it: parse output is fresh plain data, so it clones into IndexedDB. */
function stored(record: SessionRecord | RoundRecord): StoredRecord {
  return record as unknown as StoredRecord;
}

/** The session in a record that is about to be changed; a damaged one is refused, so it is never overwritten. */
function readable(record: StoredRecord, what: string): SessionRecord {
  const parsed = parseSession(record);
  if (!parsed.ok) throw new LogWriteError(`${what}, and the stored one is left as it is: ${parsed.message}`);
  return parsed.value;
}

/** Readable rounds in the order they were run, and the damaged ones with why. */
function splitRounds(records: StoredRecord[]): { rounds: RoundRecord[]; damaged: [StoredRecord, string][] } {
  const rounds: RoundRecord[] = [];
  const damaged: [StoredRecord, string][] = [];
  for (const record of records) {
    const parsed = parseRound(record);
    if (parsed.ok) rounds.push(parsed.value);
    else damaged.push([record, parsed.message]);
  }
  rounds.sort((a, b) => a.blockIndex - b.blockIndex || a.round - b.round);
  return { rounds, damaged };
}

function damagedSession(record: StoredRecord, reason: string): DamagedRecord {
  const circuit = record.circuit as { name?: unknown } | null | undefined;
  return { id: String(record.id), name: readableName(circuit?.name), reason };
}

function damagedRound(record: StoredRecord, reason: string): DamagedRecord {
  return { id: String(record.id), name: readableName(record.blockName), reason };
}

function readableName(name: unknown): string | null {
  return typeof name === 'string' && name.trim() ? name.trim().slice(0, 80) : null;
}

/**
 * Reads a page of the by-started index into `take`, newest first, and says where the next page starts.
 * Few requests, not one per session: a page opening cold waits on each while the page is busy.
 */
async function readPage(
  index: IDBPIndex<CircuitTimerDB, ('sessions' | 'rounds')[], 'sessions', 'by-started'>,
  before: number | undefined,
  limit: number,
  take: (record: StoredRecord) => void,
): Promise<number | null> {
  const range = IDBKeyRange.upperBound(before ?? Infinity, before !== undefined);
  // One request where the browser has getAllRecords: the page and one more, to see what comes after.
  const newest = await newestRecords(index, range, limit + 1);
  if (newest && (newest.length <= limit || newest[limit]!.key !== newest[limit - 1]!.key)) {
    for (const record of newest.slice(0, limit)) take(record.value as StoredRecord);
    return newest.length > limit ? (newest[limit - 1]!.key as number) : null;
  }
  // Else (or when the page's last millisecond goes on past it): a key cursor finds where the page
  // ends, one getAll reads it (oldest first), one key cursor looks for anything older.
  let cursor = await index.openKeyCursor(range, 'prev');
  if (cursor && limit > 1) cursor = await cursor.advance(limit - 1);
  // The page ends at the limit-th newest start, with every session that started in that millisecond.
  const end = cursor ? (cursor.key as number) : null;
  const page = await index.getAll(
    end === null ? range : IDBKeyRange.bound(end, before ?? Infinity, false, before !== undefined),
  );
  for (let i = page.length - 1; i >= 0; i--) take(page[i]!);
  if (end === null) return null;
  const older = await index.openKeyCursor(IDBKeyRange.upperBound(end, true), 'prev');
  return older ? end : null;
}

/** Counted through the by-session index, every count asked for at once. */
function countBySession(
  index: { count(key: string): Promise<number> },
  sessions: readonly { id: string }[],
): Promise<number[]> {
  return Promise.all(sessions.map((s) => index.count(s.id)));
}

/** A page of the log, newest first (listSessions). */
export interface SessionPage {
  sessions: SessionRecord[];
  damaged: DamagedRecord[];
  /** Where the next page starts; null when this is the last. */
  nextBefore: number | null;
}

/** A record as IndexedDB's getAllRecords gives it. */
interface IndexRecord {
  key: IDBValidKey;
  primaryKey: IDBValidKey;
  value: unknown;
}

/** An index as idb wraps it: a method of the browser's index is there, returning a promise for its result. */
type IndexWithRecords = {
  getAllRecords?: (options: {
    query: IDBKeyRange;
    count: number;
    direction: IDBCursorDirection;
  }) => Promise<IndexRecord[]>;
};

/**
 * Up to `count` records of `range`, newest first, in one request: null where the browser has no
 * getAllRecords (Chromium has it since 141; fake-indexeddb too).
 */
function newestRecords(index: object, query: IDBKeyRange, count: number): Promise<IndexRecord[]> | null {
  const getAllRecords = (index as IndexWithRecords).getAllRecords;
  if (typeof getAllRecords !== 'function') return null;
  return getAllRecords.call(index, { query, count, direction: 'prev' });
}

/**
 * Runs `work` in `tx` and resolves once the transaction has committed. When anything fails the
 * transaction is aborted, so a write is all or nothing, and the first error is the one thrown.
 */
async function commit<T>(tx: { done: Promise<void>; abort(): void }, work: () => Promise<T>): Promise<T> {
  try {
    const result = await work();
    await tx.done;
    return result;
  } catch (err) {
    tx.done.catch(() => {}); // the abort's own rejection says less than err
    try {
      tx.abort();
    } catch {
      // finished already: nothing was left to undo
    }
    throw err;
  }
}
