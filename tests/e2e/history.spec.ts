// History: a finished workout is listed with its rounds, the list is newest first a page at a time,
// a workout's details show each round's exercises, and a delete is undone at once or is for good.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { expectNoAxeViolations, openLibrary } from './flows';

const MINUTE = 60_000;
/** A fixed past day, so dates and times read the same on every run. */
const DAY = new Date(2025, 10, 18, 7, 30).getTime();

interface SessionSpec {
  id: string;
  name: string;
  startedAt: number;
  status?: 'completed' | 'abandoned' | 'running';
  minutes?: number;
}

/** A circuit as a session keeps it: one block of timed rows, then a plank held until Done. */
function circuitOf(name: string, rounds = 2) {
  return {
    schemaVersion: 1,
    id: `circuit-${name.toLowerCase().replace(/\W+/g, '-')}`,
    name,
    description: '',
    prepSeconds: 1,
    warmUpSeconds: 0,
    coolDownSeconds: 0,
    switchSidesSeconds: 5,
    updatedAt: DAY,
    blocks: [
      {
        id: 'main',
        name: 'Main',
        rounds,
        restBetweenRoundsSeconds: 0,
        restAfterSeconds: 0,
        pace: null,
        steps: [
          {
            id: 'rows',
            exercise: { id: null, name: 'Rows', perSide: false, tips: [] },
            mode: 'time',
            workSeconds: 30,
            reps: null,
            restSeconds: 15,
          },
          {
            id: 'plank',
            exercise: { id: null, name: 'Plank', perSide: false, tips: [] },
            mode: 'reps',
            workSeconds: 30,
            reps: 1,
            restSeconds: 0,
          },
        ],
      },
    ],
  };
}

function sessionRecord({ id, name, startedAt, status = 'completed', minutes = 12 }: SessionSpec) {
  const circuit = circuitOf(name);
  return {
    recordVersion: 1,
    id,
    circuitId: circuit.id,
    circuit,
    startedAt,
    endedAt: status === 'running' ? null : startedAt + minutes * MINUTE,
    status,
    run: { events: [], lastKnownMs: minutes * MINUTE },
    updatedAt: startedAt,
  };
}

/** Round `n` of 2: rows done on time; the plank held for 42 s in round 1 and skipped in round 2. */
function roundRecord(sessionId: string, startedAt: number, n: number) {
  return {
    recordVersion: 1,
    id: `${sessionId}/0/${n}`,
    sessionId,
    blockIndex: 0,
    blockId: 'main',
    blockName: 'Main',
    round: n,
    rounds: 2,
    exercises: [
      {
        stepId: 'rows',
        exerciseId: null,
        name: 'Rows',
        perSide: false,
        plannedWorkMs: 30_000,
        workMs: 30_000,
        plannedRestMs: 15_000,
        restMs: 15_000,
        outcome: 'done',
      },
      {
        stepId: 'plank',
        exerciseId: null,
        name: 'Plank',
        perSide: false,
        plannedWorkMs: null,
        workMs: n === 1 ? 42_000 : 1_000,
        plannedRestMs: 0,
        restMs: 0,
        outcome: n === 1 ? 'done' : 'skipped',
      },
    ],
    exerciseKeys: ['name:rows', 'name:plank'],
    completedAt: startedAt + n * 2 * MINUTE,
    reps: n === 1 ? 12 : null,
    loadKg: n === 1 ? 20 : null,
    rpe: n === 1 ? 7.5 : null,
  };
}

/**
 * Puts records into the log as they are, with the raw IndexedDB API (the app has made the database),
 * then totals the log by week as the app's upgrade to version 4 does (storage/week-totals.ts).
 */
async function insert(page: Page, records: { sessions?: unknown[]; rounds?: unknown[]; circuits?: unknown[] }) {
  await page.evaluate(
    ({ sessions = [], rounds = [], circuits = [] }) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('circuit-timer');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction(['sessions', 'rounds', 'circuits', 'weeks'], 'readwrite');
          for (const s of sessions) tx.objectStore('sessions').put(s);
          for (const r of rounds) tx.objectStore('rounds').put(r);
          for (const c of circuits) tx.objectStore('circuits').put(c);
          type Totals = { start: number; workouts: number; completed: number; rounds: number; workMs: number };
          const weeks = new Map<number, Totals>();
          const week = (t: number) => {
            const d = new Date(t);
            d.setHours(0, 0, 0, 0);
            d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
            const start = d.getTime();
            if (!weeks.has(start)) weeks.set(start, { start, workouts: 0, completed: 0, rounds: 0, workMs: 0 });
            return weeks.get(start)!;
          };
          const allSessions = tx.objectStore('sessions').getAll();
          const allRounds = tx.objectStore('rounds').getAll();
          allRounds.onsuccess = () => {
            for (const s of allSessions.result as { startedAt: number; status: string }[]) {
              week(s.startedAt).workouts++;
              if (s.status === 'completed') week(s.startedAt).completed++;
            }
            for (const r of allRounds.result as { completedAt: number; exercises: { workMs: number }[] }[]) {
              week(r.completedAt).rounds++;
              week(r.completedAt).workMs += r.exercises.reduce((sum, e) => sum + e.workMs, 0);
            }
            tx.objectStore('weeks').clear();
            for (const w of weeks.values()) tx.objectStore('weeks').put(w);
          };
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    records,
  );
}

/** Sessions with two rounds each, from specs. */
async function insertSessions(page: Page, specs: SessionSpec[]) {
  await insert(page, {
    sessions: specs.map(sessionRecord),
    rounds: specs.flatMap((s) => [1, 2].map((n) => roundRecord(s.id, s.startedAt, n))),
  });
}

/** What the log holds, read with the raw API. */
function readLog(page: Page) {
  return page.evaluate(
    () =>
      new Promise<{ sessions: { id: string; status: string }[]; rounds: { id: string; sessionId: string }[] }>(
        (resolve, reject) => {
          const open = indexedDB.open('circuit-timer');
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const db = open.result;
            const tx = db.transaction(['sessions', 'rounds']);
            const sessions = tx.objectStore('sessions').getAll();
            const rounds = tx.objectStore('rounds').getAll();
            tx.oncomplete = () => (db.close(), resolve({ sessions: sessions.result, rounds: rounds.result }));
          };
        },
      ),
  );
}

async function openHistory(page: Page) {
  await page.goto('/#/history');
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  await expect(page.getByText('Loading…')).toHaveCount(0);
}

function workouts(page: Page): Locator {
  return page.getByRole('region', { name: 'Workouts' });
}

/** The list item of a workout, by its heading. */
function entry(page: Page, name: string): Locator {
  return workouts(page)
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { level: 3, name, exact: true }) });
}

/** The value next to a term ("Rounds" → "2 of 2") within a part of the page. */
function fact(scope: Locator, term: string): Locator {
  return scope
    .getByRole('term')
    .filter({ hasText: new RegExp(`^${term}$`) })
    .locator('xpath=following-sibling::dd[1]');
}

test('a workout run to the end is in History with its rounds', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'runs in real time: once is enough');
  await openLibrary(page);
  // 1 s get-ready, then 2 rounds of rows 2 s / rest 1 s.
  const circuit = circuitOf('Quick pair');
  circuit.blocks[0]!.steps = [{ ...circuit.blocks[0]!.steps[0]!, workSeconds: 2, restSeconds: 1 }];
  await insert(page, { circuits: [circuit] });
  await page.goto(`/#/run/${circuit.id}`);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Workout complete' })).toBeVisible({ timeout: 15_000 });
  await expect.poll(async () => (await readLog(page)).sessions.map((s) => s.status)).toEqual(['completed']);

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'History' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  const item = entry(page, 'Quick pair');
  await expect(fact(item, 'Status')).toHaveText('Completed');
  await expect(fact(item, 'Rounds')).toHaveText('2 of 2');
  await expect(fact(item, 'Duration')).toHaveText(/^0:0\d$/);

  await item.getByRole('link', { name: /^Details for Quick pair on / }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Quick pair' })).toBeVisible();
  for (const n of [1, 2]) {
    const table = page.getByRole('table', { name: `Exercises in Main: Round ${n} of 2` });
    await expect(table.getByRole('row', { name: /Rows/ })).toContainText('0:02 / 0:02');
    await expect(table.getByRole('row', { name: /Rows/ })).toContainText('Done');
  }
});

test('History lists workouts newest first, and the details show every round and exercise', async ({ page }) => {
  await openLibrary(page);
  await insertSessions(page, [
    { id: 'old', name: 'Monday legs', startedAt: DAY - 2 * 24 * 60 * MINUTE, status: 'abandoned', minutes: 5 },
    { id: 'new', name: 'Wednesday back', startedAt: DAY, minutes: 12.5 },
    { id: 'open', name: 'Thursday core', startedAt: DAY + 24 * 60 * MINUTE, status: 'running' },
  ]);
  await openHistory(page);

  await expect(workouts(page).getByRole('heading', { level: 3 })).toHaveText([
    'Thursday core',
    'Wednesday back',
    'Monday legs',
  ]);
  await expect(fact(entry(page, 'Thursday core'), 'Status')).toHaveText('Not finished');
  await expect(fact(entry(page, 'Thursday core'), 'Duration')).toHaveText('—not known yet');
  await expect(fact(entry(page, 'Monday legs'), 'Status')).toHaveText('Ended early');
  await expect(fact(entry(page, 'Monday legs'), 'Duration')).toHaveText('5:00');
  await expect(fact(entry(page, 'Wednesday back'), 'Rounds')).toHaveText('2 of 2');
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: /^Details for Wednesday back on / }).click();
  await expect(page).toHaveURL(/#\/session\/new$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Wednesday back' })).toBeVisible();
  await expect(fact(page.locator('main'), 'Status')).toHaveText('Completed');
  await expect(fact(page.locator('main'), 'Duration')).toHaveText('12:30');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(['Main: Round 1 of 2', 'Main: Round 2 of 2']);

  const first = page.getByRole('table', { name: 'Exercises in Main: Round 1 of 2' });
  // Reps and load entered for the whole round (as older versions did) show on each of its exercises.
  await expect(first.getByRole('row')).toHaveText([
    'ExerciseWorkRestOutcomeReps Load',
    'Rows0:30 / 0:300:15 / 0:15Done12 20 kg',
    'Plank0:42 (tap)—Done12 20 kg',
  ]);
  await expect(page.getByRole('region', { name: 'Main: Round 1 of 2' })).toContainText('Effort (RPE): 7.5');
  const second = page.getByRole('table', { name: 'Exercises in Main: Round 2 of 2' });
  await expect(second.getByRole('row', { name: /Plank/ })).toContainText('Skipped');
  await expect(page.getByRole('region', { name: 'Main: Round 2 of 2' })).not.toContainText('Reps');
  await expectNoAxeViolations(page);

  await page.getByRole('link', { name: 'Back to History' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
});

test('older workouts come a page at a time', async ({ page }) => {
  await openLibrary(page);
  await insertSessions(
    page,
    Array.from({ length: 25 }, (_, i) => ({ id: `s${i + 1}`, name: `Workout ${i + 1}`, startedAt: DAY + i * MINUTE })),
  );
  await openHistory(page);
  const headings = workouts(page).getByRole('heading', { level: 3 });
  await expect(headings).toHaveCount(20);
  await expect(headings.first()).toHaveText('Workout 25');
  await expect(headings.last()).toHaveText('Workout 6');

  await page.getByRole('button', { name: 'Show older' }).click();
  await expect(headings).toHaveCount(25);
  await expect(headings.last()).toHaveText('Workout 1');
  await expect(page.getByRole('button', { name: 'Show older' })).toHaveCount(0);
  // Focus moves to the first of the workouts just shown, not back to the start of the page.
  await expect(page.getByRole('link', { name: /^Details for Workout 5 on / })).toBeFocused();
});

test('a delete is undone with Undo, and without it is gone for good', async ({ page }) => {
  await openLibrary(page);
  await insertSessions(page, [
    { id: 'a', name: 'Morning rows', startedAt: DAY },
    { id: 'b', name: 'Evening core', startedAt: DAY + 10 * 60 * MINUTE },
  ]);
  const before = await readLog(page);
  await openHistory(page);

  // Deleted at once, no question asked; focus is on Undo, so the keyboard alone undoes it.
  await page.getByRole('button', { name: /^Delete Morning rows on / }).click();
  await expect(entry(page, 'Morning rows')).toHaveCount(0);
  const status = page.getByRole('status').filter({ hasText: 'Deleted Morning rows.' });
  await expect(status).toBeVisible();
  await expect.poll(async () => (await readLog(page)).sessions.map((s) => s.id)).toEqual(['b']);
  await expect(status.getByRole('button', { name: 'Undo' })).toBeFocused();
  await expectNoAxeViolations(page);
  await page.keyboard.press('Enter');

  await expect(workouts(page).getByRole('heading', { level: 3 })).toHaveText(['Evening core', 'Morning rows']);
  await expect(page.getByRole('status').filter({ hasText: 'Put back Morning rows.' })).toBeVisible();
  await expect(page.getByRole('link', { name: /^Details for Morning rows on / })).toBeFocused();
  expect(await readLog(page)).toEqual(before);

  // The next delete replaces the offer; leaving it and reloading keeps the workout deleted.
  await page.getByRole('button', { name: /^Delete Morning rows on / }).click();
  await page.getByRole('button', { name: /^Delete Evening core on / }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Deleted Evening core.' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Undo' })).toHaveCount(1);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  await expect(page.getByText(/No workouts yet/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Undo' })).toHaveCount(0);
  expect(await readLog(page)).toEqual({ sessions: [], rounds: [] });
});

test('a workout deleted from its details can be undone there, or left for History', async ({ page }) => {
  await openLibrary(page);
  await insertSessions(page, [{ id: 'x', name: 'Friday mix', startedAt: DAY }]);
  await page.goto('/#/session/x');
  await page.getByRole('button', { name: /^Delete Friday mix on / }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Workout deleted' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Deleted Friday mix.');
  await expect(page.getByRole('button', { name: 'Undo' })).toBeFocused();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Friday mix' })).toBeFocused();
  await expect(page.getByRole('table')).toHaveCount(2);

  await page.getByRole('button', { name: /^Delete Friday mix on / }).click();
  await page.getByRole('link', { name: 'Back to History' }).click();
  await expect(page.getByText(/No workouts yet/)).toBeVisible();
  await page.goto('/#/session/x');
  await expect(page.getByRole('heading', { level: 1, name: 'Workout not found' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to History' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
});

test('an empty History says how to fill it and has no accessibility violations', async ({ page }) => {
  await openHistory(page);
  await expect(page.getByText(/No workouts yet/)).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('link', { name: 'Pick a circuit to run' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Circuits' })).toBeVisible();
});

test('an unreadable workout is listed with why, and can be deleted', async ({ page }) => {
  await openLibrary(page);
  await insert(page, {
    sessions: [{ ...sessionRecord({ id: 'bad', name: 'Broken', startedAt: DAY }), status: 'finished' }],
  });
  await openHistory(page);
  const note = page.getByRole('note').filter({ hasText: 'One logged workout' });
  await expect(note).toContainText('“Broken”');
  page.once('dialog', (dialog) => void dialog.accept());
  await note.getByRole('button', { name: 'Delete unreadable workout Broken' }).click();
  await expect(note).toHaveCount(0);
  await expect(page.getByText(/No workouts yet/)).toBeVisible();
});

test('the header keeps the brand, History and Settings on one line', async ({ page }, testInfo) => {
  await openHistory(page);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'History' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('link', { name: 'Settings' })).not.toHaveAttribute('aria-current', /.*/);
  const noSidewaysScroll = async () =>
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
      page.viewportSize()!.width,
    );
  const oneLine = async () => {
    const boxes = await Promise.all(
      [
        page.getByRole('link', { name: 'Circuit Timer' }),
        nav.getByRole('link', { name: 'History' }),
        nav.getByRole('link', { name: 'Settings' }),
      ].map((l) => l.boundingBox()),
    );
    const middles = boxes.map((b) => b!.y + b!.height / 2);
    for (const m of middles) expect(Math.abs(m - middles[0]!)).toBeLessThan(2);
    await noSidewaysScroll();
  };
  await oneLine();
  if (testInfo.project.name === 'phone') {
    // The narrowest phones in common use.
    await page.setViewportSize({ width: 360, height: 780 });
    await oneLine();
    await page.setViewportSize({ width: 412, height: 915 });
  }
  // The browser's install offer (Chromium sends it only when installable: pretend it did) is made at
  // the end of the library, not in the header: the header never changes after the first paint.
  await page.evaluate(() => dispatchEvent(new Event('beforeinstallprompt')));
  await page.goto('/#/');
  await page.evaluate(() => dispatchEvent(new Event('beforeinstallprompt')));
  await expect(page.getByRole('complementary', { name: 'Install Circuit Timer' })).toBeVisible();
  await expect(nav.getByRole('button')).toHaveCount(0);
  await oneLine();
});

test('a workout exports as a FIT file for Strava or Garmin Connect', async ({ page }) => {
  await openLibrary(page);
  await insertSessions(page, [{ id: 'fit', name: 'Wednesday back', startedAt: DAY, minutes: 12 }]);
  await page.goto('/#/session/fit');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export FIT file' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.fit$/);
  const bytes = await readFile((await file.path())!);
  // A FIT file: a 14-byte header whose bytes 8–11 say ".FIT", and a data size matching the file.
  expect(bytes[0]).toBe(14);
  expect(bytes.subarray(8, 12).toString('latin1')).toBe('.FIT');
  expect(bytes.readUInt32LE(4)).toBe(bytes.length - 14 - 2);
  await expect(page.getByRole('status').filter({ hasText: 'FIT file' })).toHaveText(
    'The FIT file is downloaded: upload it to Strava or Garmin Connect.',
  );
});

test('the consistency figures: the chart is described and tabled, the weekly target counts and is remembered', async ({
  page,
}) => {
  // Wednesday 19 November 2025: this week has 2 workouts, the two before it 3 each, a month ago 1 ended early.
  const at = (day: number, month = 10) => new Date(2025, month, day, 7, 30).getTime();
  await page.clock.setFixedTime(new Date(2025, 10, 19, 12, 0));
  await openLibrary(page);
  await insertSessions(page, [
    { id: 'w0-a', name: 'Monday back', startedAt: at(17) },
    { id: 'w0-b', name: 'Tuesday back', startedAt: at(18) },
    ...[10, 12, 14, 3, 5, 7].map((day) => ({ id: `w-${day}`, name: 'Back', startedAt: at(day) })),
    { id: 'w3', name: 'Cut short', startedAt: at(29, 9), status: 'abandoned' as const },
  ]);
  await openHistory(page);
  const stats = page.getByRole('region', { name: 'Consistency' });
  await expect(fact(stats, 'This week')).toHaveText('2 of 3 sessions');
  await expect(fact(stats, 'Streak')).toHaveText('2 weeks in a row meeting the target');

  const chart = stats.getByRole('img', { name: 'Rounds per week, last 12 weeks', exact: true });
  await expect(chart).toHaveAccessibleDescription(
    '18 rounds in 12 weeks; 4 this week; at most 6 in a week. The table below has every week.',
  );
  await stats.getByText('Rounds per week as a table').click();
  const rows = stats.getByRole('table').getByRole('row');
  await expect(rows).toHaveCount(13); // the header and 12 weeks
  const weeks = await rows.evaluateAll((trs) =>
    trs.slice(1).map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => Number(td.textContent))),
  );
  expect(weeks).toEqual([...Array.from({ length: 8 }, () => [0, 0]), [1, 2], [3, 6], [3, 6], [2, 4]]);
  await expect(rows.nth(12).getByRole('rowheader')).toHaveText(
    `Week of ${new Date(at(17)).toLocaleDateString('en-US', { day: 'numeric', month: 'short' })}`,
  );

  // A target of 2: this week meets it, and the streak runs from this week back to the one that fell short.
  await stats.getByLabel('Weekly target').selectOption({ label: '2 sessions a week' });
  await expect(fact(stats, 'This week')).toHaveText('2 of 2 sessions · target met');
  await expect(fact(stats, 'Streak')).toHaveText('3 weeks in a row meeting the target');
  await page.reload();
  await expect(stats.getByLabel('Weekly target')).toHaveValue('2');
  await expect(fact(stats, 'This week')).toHaveText('2 of 2 sessions · target met');

  // Each exercise's rounds, newest first, with what was entered.
  const byExercise = page.getByRole('region', { name: 'By exercise' });
  await byExercise.getByLabel('Exercise').selectOption({ label: 'Rows' });
  const table = byExercise.getByRole('table', { name: 'Rows: the last 18 rounds' });
  await expect(table.getByRole('row')).toHaveCount(19);
  await expect(table.getByRole('row').nth(1).getByRole('cell')).toHaveText([
    'Main, round 2 of 2',
    '0:30',
    '–',
    '–',
    '–',
  ]);
  await expect(table.getByRole('row').nth(2).getByRole('cell')).toHaveText([
    'Main, round 1 of 2',
    '0:30',
    '12',
    '20 kg',
    '7.5/10',
  ]);
  await expectNoAxeViolations(page);
});
