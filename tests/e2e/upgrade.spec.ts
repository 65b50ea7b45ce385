// The upgrade from database version 3 to 4 in a real browser: a log written by version 3 is totalled
// by week as the app opens it, shown by History as it was, kept record for record, and added to after.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { holdClock, readLog } from './flows';

const MINUTE = 60_000;
/** "Now" for these tests: Wednesday 19 November 2025 at noon, local time. */
const NOW = new Date(2025, 10, 19, 12, 0);
const at = (month: number, day: number, hours: number, minutes = 0) =>
  new Date(2025, month - 1, day, hours, minutes).getTime();

interface StepSpec {
  id: string;
  name: string;
  /** Seconds of work, or null for a step held until Done is tapped. */
  workSeconds: number | null;
  restSeconds: number;
}

/** A saved circuit as version 3 stored it, and as a session keeps a snapshot of it: one block of 2 rounds. */
function circuitOf(id: string, name: string, blockName: string, steps: StepSpec[]) {
  return {
    schemaVersion: 1,
    id,
    name,
    description: '',
    prepSeconds: 1,
    warmUpSeconds: 0,
    coolDownSeconds: 0,
    switchSidesSeconds: 5,
    updatedAt: at(5, 30, 9),
    blocks: [
      {
        id: `${id}-block`,
        name: blockName,
        rounds: 2,
        restBetweenRoundsSeconds: 0,
        restAfterSeconds: 0,
        pace: null,
        steps: steps.map((s) => ({
          id: s.id,
          exercise: { id: null, name: s.name, perSide: false, tips: [] },
          mode: s.workSeconds === null ? 'reps' : 'time',
          workSeconds: s.workSeconds ?? 30,
          reps: s.workSeconds === null ? 1 : null,
          restSeconds: s.restSeconds,
        })),
      },
    ],
  };
}

type Circuit = ReturnType<typeof circuitOf>;

/** Rows on time, then a plank held until Done. */
const backDay = circuitOf('back-day', 'Back day', 'Main', [
  { id: 'rows', name: 'Rows', workSeconds: 30, restSeconds: 15 },
  { id: 'plank', name: 'Plank', workSeconds: null, restSeconds: 0 },
]);
/** All timed and short, so that it is also run to its end after the upgrade. */
const coreFinisher = circuitOf('core-finisher', 'Core finisher', 'Core', [
  { id: 'dead-bug', name: 'Dead bug', workSeconds: 10, restSeconds: 5 },
  { id: 'hollow', name: 'Hollow hold', workSeconds: 10, restSeconds: 0 },
]);

function sessionOf(id: string, circuit: Circuit, startedAt: number, status: 'completed' | 'abandoned') {
  return {
    recordVersion: 1,
    id,
    circuitId: circuit.id,
    circuit,
    startedAt,
    endedAt: startedAt + 10 * MINUTE,
    status,
    run: {
      events: [
        { type: 'pause', at: 60_000 },
        { type: 'resume', at: 75_000 },
      ],
      lastKnownMs: 10 * MINUTE,
    },
    updatedAt: startedAt + 10 * MINUTE,
  };
}

type Session = ReturnType<typeof sessionOf>;

/** Round `n` of a session, each step worked for `workMs` (in step order); round 1 has reps, load and effort. */
function roundOf(session: Session, n: number, completedAt: number, workMs: number[]) {
  const block = session.circuit.blocks[0]!;
  const exercises = block.steps.map((step, i) => ({
    stepId: step.id,
    exerciseId: null,
    name: step.exercise.name,
    perSide: false,
    plannedWorkMs: step.mode === 'time' ? step.workSeconds * 1000 : null,
    workMs: workMs[i]!,
    plannedRestMs: step.restSeconds * 1000,
    restMs: step.restSeconds * 1000,
    outcome: 'done',
  }));
  return {
    recordVersion: 1,
    id: `${session.id}/0/${n}`,
    sessionId: session.id,
    blockIndex: 0,
    blockId: block.id,
    blockName: block.name,
    round: n,
    rounds: block.rounds,
    exercises,
    exerciseKeys: exercises.map((e) => `name:${e.name.toLowerCase()}`),
    completedAt,
    reps: n === 1 ? 12 : null,
    loadKg: n === 1 ? 20 : null,
    rpe: n === 1 ? 7.5 : null,
  };
}

type Round = ReturnType<typeof roundOf>;

// A log of version 3: one workout in June, then the last four weeks (Mondays 27 Oct, 3, 10 and 17 Nov),
// one ended early, and one started on Sunday night whose second round completed after midnight.
const jun02 = sessionOf('jun-02', backDay, at(6, 2, 7, 30), 'completed');
const oct31 = sessionOf('oct-31', coreFinisher, at(10, 31, 18), 'completed');
const nov05 = sessionOf('nov-05', backDay, at(11, 5, 7, 30), 'completed');
const nov07 = sessionOf('nov-07', coreFinisher, at(11, 7, 18), 'abandoned');
const nov10 = sessionOf('nov-10', backDay, at(11, 10, 7, 30), 'completed');
const nov16 = sessionOf('nov-16', backDay, at(11, 16, 23, 50), 'completed');
const nov18 = sessionOf('nov-18', backDay, at(11, 18, 7, 30), 'completed');
const SESSIONS = [jun02, oct31, nov05, nov07, nov10, nov16, nov18];

/** Both rounds of a workout, 3 and 6 minutes in: Back day's work 75 s then 70 s, Core finisher's 20 s each. */
const bothRounds = (s: Session) =>
  s.circuit.id === backDay.id
    ? [
        roundOf(s, 1, s.startedAt + 3 * MINUTE, [30_000, 45_000]),
        roundOf(s, 2, s.startedAt + 6 * MINUTE, [30_000, 40_000]),
      ]
    : [
        roundOf(s, 1, s.startedAt + 3 * MINUTE, [10_000, 10_000]),
        roundOf(s, 2, s.startedAt + 6 * MINUTE, [10_000, 10_000]),
      ];

const ROUNDS = [
  ...[jun02, oct31, nov05, nov10, nov18].flatMap(bothRounds),
  bothRounds(nov07)[0]!, // ended early, after round 1
  roundOf(nov16, 1, at(11, 16, 23, 56), [30_000, 45_000]), // Sunday night
  roundOf(nov16, 2, at(11, 17, 0, 2), [30_000, 40_000]), // Monday, just past midnight: this week's
];

/** Settings as version 3 kept them: a weekly target of 2 (not the default 3), and sound settings. */
const SETTINGS: [string, unknown][] = [
  ['goals', { weeklyTarget: 2 }],
  [
    'sound',
    {
      volume: 0.4,
      beeps: true,
      cues: { phaseTones: true, countdown: false, halfway: true, lastRound: true, finish: true },
      voice: false,
      voiceName: 'Daniel',
      voiceRate: 1.25,
      vibration: false,
    },
  ],
];

interface Version3Data {
  circuits: Circuit[];
  sessions: Session[];
  rounds: Round[];
  settings: [string, unknown][];
}

const VERSION_3: Version3Data = {
  circuits: [backDay, coreFinisher],
  sessions: SESSIONS,
  rounds: ROUNDS,
  settings: SETTINGS,
};

/**
 * Creates the database as version 3 shipped it, with the raw IndexedDB API, from a page of the app's
 * origin that does not run the app (which would open and upgrade the database at once), and fills it.
 */
async function writeVersion3Database(page: Page, data: Version3Data): Promise<void> {
  await page.goto('/manifest.webmanifest');
  await page.evaluate(
    (data) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('circuit-timer', 3);
        open.onerror = () => reject(open.error);
        open.onupgradeneeded = () => {
          const db = open.result;
          db.createObjectStore('circuits', { keyPath: 'id' }).createIndex('by-updated', 'updatedAt'); // version 1
          db.createObjectStore('settings'); // version 2
          const sessions = db.createObjectStore('sessions', { keyPath: 'id' }); // version 3
          sessions.createIndex('by-started', 'startedAt');
          sessions.createIndex('by-status', 'status');
          sessions.createIndex('by-circuit', 'circuitId');
          const rounds = db.createObjectStore('rounds', { keyPath: 'id' });
          rounds.createIndex('by-session', 'sessionId');
          rounds.createIndex('by-completed', 'completedAt');
          rounds.createIndex('by-exercise', 'exerciseKeys', { multiEntry: true });
        };
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['circuits', 'settings', 'sessions', 'rounds'], 'readwrite');
          for (const c of data.circuits) tx.objectStore('circuits').put(c);
          for (const [key, value] of data.settings) tx.objectStore('settings').put(value, key);
          for (const s of data.sessions) tx.objectStore('sessions').put(s);
          for (const r of data.rounds) tx.objectStore('rounds').put(r);
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    data,
  );
}

interface WeekTotals {
  start: number;
  workouts: number;
  completed: number;
  rounds: number;
  workMs: number;
}

/** Everything in the database, read with the raw API: its version, its stores and indexes, and every record. */
function readDatabase(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{
        version: number;
        schema: Record<string, { keyPath: string | string[] | null; indexes: unknown[] }>;
        records: Record<string, unknown[]>;
        settingsKeys: IDBValidKey[];
      }>((resolve, reject) => {
        const open = indexedDB.open('circuit-timer');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const names = [...db.objectStoreNames];
          const tx = db.transaction(names);
          const schema: Record<string, { keyPath: string | string[] | null; indexes: unknown[] }> = {};
          const reads: Record<string, IDBRequest<unknown[]>> = {};
          for (const name of names) {
            const store = tx.objectStore(name);
            const indexes = [...store.indexNames].map((i) => {
              const index = store.index(i);
              return { name: i, keyPath: index.keyPath, multiEntry: index.multiEntry, unique: index.unique };
            });
            schema[name] = { keyPath: store.keyPath, indexes };
            reads[name] = store.getAll();
          }
          const settingsKeys = tx.objectStore('settings').getAllKeys();
          tx.oncomplete = () => {
            db.close();
            const records = Object.fromEntries(Object.entries(reads).map(([name, read]) => [name, read.result]));
            resolve({ version: db.version, schema, records, settingsKeys: settingsKeys.result });
          };
          tx.onerror = () => reject(tx.error);
        };
      }),
  );
}

/** Monday 00:00, local time, of the week holding instant `t`. */
function mondayOf(t: number): number {
  const d = new Date(t);
  d.setHours(0, 0, 0, 0);
  d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
  return d.getTime();
}

/**
 * The log's totals per week, as version 4 keeps them: workouts and completed ones by the week each
 * started in, rounds and their work (every exercise's work time) by the week each completed in.
 */
function weekTotalsOf(sessions: { startedAt: number; status: string }[], rounds: Round[]): WeekTotals[] {
  const weeks = new Map<number, WeekTotals>();
  const week = (t: number) => {
    const start = mondayOf(t);
    if (!weeks.has(start)) weeks.set(start, { start, workouts: 0, completed: 0, rounds: 0, workMs: 0 });
    return weeks.get(start)!;
  };
  for (const s of sessions) {
    week(s.startedAt).workouts++;
    if (s.status === 'completed') week(s.startedAt).completed++;
  }
  for (const r of rounds) {
    week(r.completedAt).rounds++;
    week(r.completedAt).workMs += r.exercises.reduce((sum, e) => sum + e.workMs, 0);
  }
  return [...weeks.values()].sort((a, b) => a.start - b.start);
}

const byId = <T extends { id: string }>(records: T[]) => [...records].sort((a, b) => a.id.localeCompare(b.id));

/** The value next to a term ("Rounds" → "2 of 2") within a part of the page. */
function fact(scope: Locator, term: string): Locator {
  return scope
    .getByRole('term')
    .filter({ hasText: new RegExp(`^${term}$`) })
    .locator('xpath=following-sibling::dd[1]');
}

/** "Wed, Nov 19, 2025", as History writes a workout's day. */
const dayOf = (t: number) =>
  new Date(t).toLocaleDateString('en-US', { weekday: 'short', year: 'numeric', month: 'short', day: 'numeric' });

async function openHistory(page: Page): Promise<void> {
  await page.goto('/#/history');
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
}

test('a version 3 log is upgraded to version 4: History shows it with its weekly figures, and every record is kept', async ({
  page,
}) => {
  await page.clock.setFixedTime(NOW);
  await writeVersion3Database(page, VERSION_3);
  await openHistory(page);

  // Every workout, newest first, with its status and rounds.
  const items = page.getByRole('region', { name: 'Workouts' }).getByRole('listitem');
  const newestFirst = [...SESSIONS].reverse();
  await expect(items).toHaveCount(newestFirst.length);
  for (const [i, session] of newestFirst.entries()) {
    const item = items.nth(i);
    await expect(item.getByRole('heading', { level: 3 })).toHaveText(session.circuit.name);
    await expect(item).toContainText(dayOf(session.startedAt));
    await expect(fact(item, 'Status')).toHaveText(session.status === 'completed' ? 'Completed' : 'Ended early');
    const rounds = ROUNDS.filter((r) => r.sessionId === session.id).length;
    await expect(fact(item, 'Rounds')).toHaveText(`${rounds} of 2`);
  }

  // The figures come from the totals the upgrade built: this week 1 workout completed against the stored
  // target of 2; last week met it (2 completed), the week before did not (1 completed, 1 ended early).
  const stats = page.getByRole('region', { name: 'Consistency' });
  await expect(fact(stats, 'This week')).toHaveText('1 of 2 sessions');
  await expect(fact(stats, 'Streak')).toHaveText('1 week in a row meeting the target');
  await expect(fact(stats, 'Work time')).toHaveText('13:05 in all · 10:40 in the last 12 weeks');
  await expect(
    stats.getByRole('img', { name: 'Rounds per week, last 12 weeks', exact: true }),
  ).toHaveAccessibleDescription(
    '11 rounds in 12 weeks; 3 this week; at most 3 in a week. The table below has every week.',
  );
  await stats.getByText('Rounds per week as a table').click();
  const rows = stats.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(13); // the header and 12 weeks
  const weeks = await rows.evaluateAll((trs) =>
    trs.slice(1).map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent)),
  );
  // Workouts, rounds and work time, oldest week first: the week of 27 Oct, of 3, 10 and 17 Nov.
  expect(weeks).toEqual([
    ...Array.from({ length: 8 }, () => ['0', '0', '0:00']),
    ['1', '2', '0:40'],
    ['2', '3', '2:45'],
    ['2', '3', '3:40'],
    ['1', '3', '3:35'],
  ]);

  // A workout's details show each of its rounds: the work done, and what was entered after round 1.
  await page.getByRole('link', { name: `Details for Back day on ${dayOf(nov16.startedAt)} at` }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Back day' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(['Main: Round 1 of 2', 'Main: Round 2 of 2']);
  for (const [n, plank] of [
    [1, '0:45 (tap)'],
    [2, '0:40 (tap)'],
  ] as const) {
    const table = page.getByRole('table', { name: `Exercises in Main: Round ${n} of 2` });
    await expect(table.getByRole('row', { name: /^Rows/ })).toContainText('0:30 / 0:30');
    await expect(table.getByRole('row', { name: /^Plank/ })).toContainText(plank);
  }
  const round1 = page.getByRole('region', { name: 'Main: Round 1 of 2' });
  await expect(round1).toContainText('20 kg');
  await expect(round1).toContainText('Effort (RPE): 7.5');
  await expect(page.getByRole('region', { name: 'Main: Round 2 of 2' })).not.toContainText(/kg|Effort/);

  // In the database: version 4, with the weeks store added beside the stores of version 3, unchanged.
  const db = await readDatabase(page);
  expect(db.version).toBe(4);
  expect(Object.keys(db.schema).sort()).toEqual(['circuits', 'rounds', 'sessions', 'settings', 'weeks']);
  expect(db.schema.weeks).toEqual({ keyPath: 'start', indexes: [] });
  expect(db.schema.sessions!.indexes).toEqual([
    { name: 'by-circuit', keyPath: 'circuitId', multiEntry: false, unique: false },
    { name: 'by-started', keyPath: 'startedAt', multiEntry: false, unique: false },
    { name: 'by-status', keyPath: 'status', multiEntry: false, unique: false },
  ]);
  expect(db.schema.rounds!.indexes).toEqual([
    { name: 'by-completed', keyPath: 'completedAt', multiEntry: false, unique: false },
    { name: 'by-exercise', keyPath: 'exerciseKeys', multiEntry: true, unique: false },
    { name: 'by-session', keyPath: 'sessionId', multiEntry: false, unique: false },
  ]);
  // Every record as version 3 wrote it.
  expect(db.records.sessions).toEqual(byId(SESSIONS));
  expect(db.records.rounds).toEqual(byId(ROUNDS));
  expect(db.records.circuits).toEqual(byId(VERSION_3.circuits));
  expect(db.settingsKeys).toEqual(SETTINGS.map(([key]) => key));
  expect(db.records.settings).toEqual(SETTINGS.map(([, value]) => value));
  // The totals, one record per week with a workout or a round in it: June's week, then the last four.
  const expected = weekTotalsOf(SESSIONS, ROUNDS);
  expect(expected.map((w) => w.start)).toEqual([
    at(6, 2, 0),
    at(10, 27, 0),
    at(11, 3, 0),
    at(11, 10, 0),
    at(11, 17, 0),
  ]);
  expect(db.records.weeks).toEqual(expected);
});

test('after the upgrade, a saved circuit of version 3 runs, and its workout adds to the week totals built from the log', async ({
  page,
}) => {
  await page.clock.install({ time: NOW });
  await writeVersion3Database(page, VERSION_3);

  // Core finisher: 1 s get-ready, then 2 rounds of dead bug 10 s, rest 5 s, hollow hold 10 s: done at 51 s.
  await page.goto(`/#/run/${coreFinisher.id}`);
  await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
  await holdClock(page);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.clock.runFor(55_000);
  await expect(page.getByRole('heading', { level: 1, name: 'Workout complete' })).toBeVisible();
  const isNew = (s: { id: string }) => !SESSIONS.some((old) => old.id === s.id);
  await expect
    .poll(async () => (await readLog(page)).sessions.filter(isNew).map((s) => s.status))
    .toEqual(['completed']);
  await page.clock.resume();

  const { sessions, rounds } = await readLog<Session, Round>(page);
  const added = sessions.find(isNew)!;
  expect(rounds.filter((r) => r.sessionId === added.id).map((r) => r.round)).toEqual([1, 2]);
  const db = await readDatabase(page);
  expect(db.records.weeks).toEqual(weekTotalsOf(sessions, rounds));
  // This week's: 3:35 of work migrated, then 4 × 10 s run.
  expect(db.records.weeks!.at(-1)).toEqual({
    start: at(11, 17, 0),
    workouts: 2,
    completed: 2,
    rounds: 5,
    workMs: 215_000 + 40_000,
  });

  // This week now meets the target of 2, and the streak runs from it.
  await openHistory(page);
  const stats = page.getByRole('region', { name: 'Consistency' });
  await expect(fact(stats, 'This week')).toHaveText('2 of 2 sessions · target met');
  await expect(fact(stats, 'Streak')).toHaveText('2 weeks in a row meeting the target');
  await expect(page.getByRole('region', { name: 'Workouts' }).getByRole('listitem')).toHaveCount(SESSIONS.length + 1);
});
