// The workout log: a round is in IndexedDB the moment it completes; a reload mid-workout offers to
// resume exactly where it was, and the finished session holds each round done exactly once.
import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  expectNoAxeViolations,
  expectNoAxeViolationsWhileTimeFlows,
  holdClock,
  openLibrary,
  putCircuit,
  readLog,
  runTimer,
} from './flows';

/**
 * "Quick rows": 1 s get-ready, then 4 rounds of rows 5 s / rest 2 s (a round ends every 7 s from 6 s),
 * then `coolDownSeconds` of cool-down.
 */
function insertQuickRows(page: Page, coolDownSeconds = 0): Promise<void> {
  return putCircuit(page, {
    schemaVersion: 1,
    id: 'quick-rows',
    name: 'Quick rows',
    description: '',
    prepSeconds: 1,
    warmUpSeconds: 0,
    coolDownSeconds,
    switchSidesSeconds: 5,
    updatedAt: Date.now(),
    blocks: [
      {
        id: 'b',
        name: 'Main',
        rounds: 4,
        restBetweenRoundsSeconds: 0,
        restAfterSeconds: 0,
        pace: null,
        steps: [
          {
            id: 's',
            exercise: { id: null, name: 'Rows', perSide: false, tips: [] },
            mode: 'time',
            workSeconds: 5,
            reps: null,
            restSeconds: 2,
          },
        ],
      },
    ],
  });
}

test('a reload mid-workout resumes where it was, and the log holds each round done exactly once', async ({
  page,
}, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'runs 20 s in real time: once is enough');
  test.setTimeout(60_000);
  await openLibrary(page);
  await insertQuickRows(page);
  await page.goto('/#/run/quick-rows');
  await page.getByRole('button', { name: 'Start' }).click();

  // Rounds 1 and 2 end at 6 s and 13 s: each is in the database as soon as it completes.
  await expect.poll(async () => (await readLog(page)).rounds.length, { timeout: 10_000 }).toBe(1);
  await expect.poll(async () => (await readLog(page)).rounds.length, { timeout: 10_000 }).toBe(2);
  // Into round 3's work (13–18 s), past a progress save (twice a second), then the page goes away, as a
  // crash or a closed tab would.
  await expect(page.getByText('Round 3/4')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Timer' }).getByText('Work', { exact: true })).toBeVisible();
  await page.waitForTimeout(1500);
  const elapsedBefore = await page.evaluate(() => {
    const run = window.__circuitTimer!.run as { startedAt: number };
    return performance.now() - run.startedAt;
  });
  await page.reload();

  const offer = page.getByRole('region', { name: 'Interrupted workout' });
  await expect(offer).toContainText('Quick rows');
  // The progress is saved twice a second: the page is resumed where it was, give or take that and a write.
  const [open] = (await readLog(page)).sessions as unknown as { run: { lastKnownMs: number } }[];
  expect(open!.run.lastKnownMs).toBeGreaterThan(elapsedBefore - 1100);
  expect(open!.run.lastKnownMs).toBeLessThan(elapsedBefore + 3000);
  await offer.getByRole('link', { name: 'Resume Quick rows' }).click();
  await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
  await expect(page.getByText('Paused', { exact: true }).first()).toBeVisible();
  await expect(page.getByText('Round 3/4')).toBeVisible();
  // Paused: no time passes until the person resumes.
  const shown = await page.getByRole('timer', { name: 'Time remaining' }).textContent();
  await page.waitForTimeout(1500);
  await expect(page.getByRole('timer', { name: 'Time remaining' })).toHaveText(shown!);
  await page.getByRole('button', { name: 'Resume' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Workout complete' })).toBeVisible({ timeout: 20_000 });

  await expect.poll(async () => (await readLog(page)).sessions.map((s) => s.status)).toEqual(['completed']);
  const { sessions, rounds } = await readLog(page);
  expect(rounds.map((r) => [r.sessionId, r.round]).sort()).toEqual(
    [1, 2, 3, 4].map((round) => [sessions[0]!.id, round]),
  );
  // Quick logging on the finish screen: effort in one tap, reps and load typed; all saved at once.
  const logSection = page.getByRole('region', { name: 'Log your rounds' });
  await expect(logSection.getByRole('heading', { level: 3 })).toHaveText([
    'Main, round 1 of 4',
    'Main, round 2 of 4',
    'Main, round 3 of 4',
    'Main, round 4 of 4',
  ]);
  await logSection.getByRole('button', { name: 'Effort 8 of 10 for Main, round 2 of 4' }).click();
  await expect(logSection.getByRole('button', { name: 'Effort 8 of 10 for Main, round 2 of 4' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await logSection.getByLabel('Reps for Rows in Main, round 1 of 4').fill('12');
  await logSection.getByLabel('Load in kg for Rows in Main, round 1 of 4').fill('22.5');
  await logSection.getByLabel('Load in kg for Rows in Main, round 1 of 4').blur();
  await expect(logSection.getByRole('status')).toHaveText('Main, round 1 of 4: Rows 22.5 kg saved.');
  const entries = (await readLog(page)).rounds as unknown as {
    round: number;
    exercises: { reps?: number; loadKg?: number }[];
    rpe: number;
  }[];
  const own = (r: (typeof entries)[number]) => [r.exercises[0]!.reps ?? null, r.exercises[0]!.loadKg ?? null];
  expect(entries.map((r) => [r.round, ...own(r), r.rpe]).sort()).toEqual([
    [1, 12, 22.5, null],
    [2, null, null, 8],
    [3, null, null, null],
    [4, null, null, null],
  ]);
  await expectNoAxeViolations(page);

  // Nothing is offered to resume any more.
  await openLibrary(page);
  await expect(page.getByRole('region', { name: 'Interrupted workout' })).toHaveCount(0);
});

test('ending an interrupted workout whose every round was logged records it completed, with its rounds', async ({
  page,
}) => {
  await page.clock.install();
  await openLibrary(page);
  await insertQuickRows(page, 60);
  await page.goto('/#/run/quick-rows');
  await page.getByRole('button', { name: 'Start' }).click();
  await holdClock(page);
  // Every round is done by 27 s; the page goes away during the cool-down.
  await page.clock.runFor(35_000);
  await expect(page.getByText('Cool-down', { exact: true }).first()).toBeVisible();
  await expect.poll(async () => (await readLog(page)).rounds.length).toBe(4);
  await page.reload(); // back on the circuit's ready screen, which offers its interrupted workout

  const offer = page.getByRole('region', { name: 'Interrupted workout' });
  await expect(offer).toContainText('Quick rows');
  await offer.getByRole('button', { name: 'End Quick rows' }).click();
  await expect(offer).toHaveCount(0);
  await expect.poll(async () => (await readLog(page)).sessions.map((s) => s.status)).toEqual(['completed']);
  const { sessions, rounds } = await readLog(page);
  expect(rounds.map((r) => [r.sessionId, r.round]).sort()).toEqual(
    [1, 2, 3, 4].map((round) => [sessions[0]!.id, round]),
  );
  await openLibrary(page);
  await expect(page.getByRole('region', { name: 'Interrupted workout' })).toHaveCount(0);
});

test('when the log cannot be saved, the run says why and the timer keeps going', async ({ page }) => {
  // As in a private window that refuses storage: every open of the database fails.
  await page.addInitScript(() => {
    IDBFactory.prototype.open = function () {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
  });
  await page.clock.install();
  await page.goto('/#/run/metabolic-back-beginner');
  await page.getByRole('button', { name: 'Start' }).click();
  await holdClock(page);
  await expect(page.getByRole('alert').filter({ hasText: 'The log is not being saved' })).toHaveText(
    'The log is not being saved: this browser does not allow saving here (a private window?). The timer keeps going, and saving is tried again.',
  );
  await page.clock.runFor(5000);
  await expect(runTimer(page)).not.toHaveText('0:10');
  await expectNoAxeViolationsWhileTimeFlows(page);
});

test('a save that fails at the finish is said on the finish screen and tried again until it succeeds', async ({
  page,
}) => {
  await page.clock.install();
  await openLibrary(page);
  await insertQuickRows(page);
  await page.goto('/#/run/quick-rows');
  await page.getByRole('button', { name: 'Start' }).click();
  await holdClock(page);
  await page.clock.runFor(21_000); // rounds 1–3 end at 6, 13 and 20 s; the workout at 27 s
  await expect.poll(async () => (await readLog(page)).rounds.length).toBe(3);
  // The disk fills up just before the end: every write fails.
  await page.evaluate(() => {
    const fail = () => {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
    const saved = { put: IDBObjectStore.prototype.put, add: IDBObjectStore.prototype.add };
    Object.assign(window, { restoreStorage: () => Object.assign(IDBObjectStore.prototype, saved) });
    Object.assign(IDBObjectStore.prototype, { put: fail, add: fail });
  });
  await page.clock.runFor(7000);
  await expect(page.getByRole('heading', { level: 1, name: 'Workout complete' })).toBeVisible();
  const problem = page.getByRole('alert').filter({ hasText: 'not saved in the log yet' });
  await expect(problem).toHaveText(
    'This workout is not saved in the log yet: this device is out of storage space: free some space, then try again. Saving is tried again while the app is open.',
  );
  // Long past the tries there used to be (about 44 s), it is still tried.
  await page.clock.runFor(60_000);
  await expect(problem).toBeVisible();
  expect((await readLog(page)).sessions.map((s) => s.status)).toEqual(['running']);
  await expectNoAxeViolationsWhileTimeFlows(page);

  // Space is freed: the next try saves everything, and the message goes.
  await page.evaluate(() => (window as unknown as { restoreStorage: () => void }).restoreStorage());
  await page.clock.runFor(30_000);
  await expect(problem).toHaveCount(0);
  await expect.poll(async () => (await readLog(page)).sessions.map((s) => s.status)).toEqual(['completed']);
  expect((await readLog(page)).rounds.map((r) => r.round).sort()).toEqual([1, 2, 3, 4]);
});

test('a workout running in another tab is not offered as interrupted there', async ({ page, context }) => {
  await page.goto('/#/run/metabolic-back-beginner');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect.poll(async () => (await readLog(page)).sessions.map((s) => s.status)).toEqual(['running']);

  const other = await context.newPage();
  await openLibrary(other);
  // The running tab holds the workout's lock, and the library (given time to read the log) leaves it out.
  const [running] = (await readLog(page)).sessions;
  const held = await other.evaluate(async () => (await navigator.locks.query()).held?.map((lock) => lock.name));
  expect(held).toContain(`circuit-timer-session:${running!.id}`);
  await other.waitForTimeout(1000);
  await expect(other.getByRole('region', { name: 'Interrupted workout' })).toHaveCount(0);
  await expectNoAxeViolations(other);

  // Once the tab running it is gone, the workout is interrupted, and offered.
  await page.close();
  await other.reload();
  await expect(other.getByRole('region', { name: 'Interrupted workout' })).toContainText('Metabolic');
});

test('during the rest after a round, each exercise’s reps and load are offered, changed in a tap and saved in one more', async ({
  page,
}) => {
  // "Rest rows": 1 s get-ready, then 3 rounds of rows (a goal of 10 reps) and face pulls, 5 s each, with
  // 20 s of rest between rounds: round 1 ends at 11 s, round 2 at 41 s.
  await page.clock.install();
  await openLibrary(page);
  const step = (id: string, name: string, reps: number | null) => ({
    id,
    exercise: { id: null, name, perSide: false, tips: [] },
    mode: 'time',
    workSeconds: 5,
    reps,
    restSeconds: 0,
  });
  await putCircuit(page, {
    schemaVersion: 1,
    id: 'rest-rows',
    name: 'Rest rows',
    description: '',
    prepSeconds: 1,
    warmUpSeconds: 0,
    coolDownSeconds: 0,
    switchSidesSeconds: 5,
    updatedAt: Date.now(),
    blocks: [
      {
        id: 'b',
        name: 'Main',
        rounds: 3,
        restBetweenRoundsSeconds: 20,
        restAfterSeconds: 0,
        pace: null,
        steps: [step('rows', 'Rows', 10), step('pulls', 'Face pulls', null)],
      },
    ],
  });

  await page.goto('/#/run/rest-rows');
  await page.getByRole('button', { name: 'Start' }).click();
  await holdClock(page);
  await page.clock.runFor(13_000);

  const round1 = page.getByRole('group', { name: 'Log Main, round 1 of 3' });
  const field = (round: Locator, exercise: string, what: 'Reps' | 'Load') =>
    round.getByRole('group', { name: exercise, exact: true }).getByRole('group', { name: `${what} for ${exercise}` });
  await expect(field(round1, 'Rows', 'Reps').getByRole('status')).toHaveText('10 reps'); // the plan's goal
  await expect(field(round1, 'Rows', 'Load').getByRole('status')).toHaveText('no load');
  await expect(field(round1, 'Face pulls', 'Reps').getByRole('status')).toHaveText('– reps');
  await field(round1, 'Rows', 'Reps').getByRole('button', { name: 'One rep more' }).click();
  await field(round1, 'Rows', 'Load').getByRole('button', { name: '2.5 kg more' }).click();
  await field(round1, 'Rows', 'Load').getByRole('button', { name: '2.5 kg more' }).click();
  for (let i = 0; i < 3; i++)
    await field(round1, 'Face pulls', 'Reps').getByRole('button', { name: 'One rep more' }).click();
  await expect(field(round1, 'Rows', 'Reps').getByRole('status')).toHaveText('11 reps');
  await expect(field(round1, 'Rows', 'Load').getByRole('status')).toHaveText('5 kg');
  await expect(field(round1, 'Face pulls', 'Reps').getByRole('status')).toHaveText('3 reps');
  await round1.getByRole('button', { name: 'Save reps and load' }).click();
  await expect(round1.getByRole('button', { name: 'Saved' })).toBeDisabled();
  const saved = async () =>
    (await readLog(page)).rounds
      .map((r) => r as unknown as { round: number; exercises: { reps?: number | null; loadKg?: number | null }[] })
      .map((r) => [r.round, ...r.exercises.map((e) => [e.reps ?? null, e.loadKg ?? null])])
      .sort();
  await expect.poll(saved).toEqual([[1, [11, 5], [3, null]]]);
  await expectNoAxeViolationsWhileTimeFlows(page);

  // The next rest offers what was entered last for each exercise: the same again is one tap.
  await page.clock.runFor(30_000);
  const round2 = page.getByRole('group', { name: 'Log Main, round 2 of 3' });
  await expect(field(round2, 'Rows', 'Reps').getByRole('status')).toHaveText('11 reps');
  await expect(field(round2, 'Rows', 'Load').getByRole('status')).toHaveText('5 kg');
  await expect(field(round2, 'Face pulls', 'Reps').getByRole('status')).toHaveText('3 reps');
  await round2.getByRole('button', { name: 'Save reps and load' }).click();
  await expect(round2.getByRole('button', { name: 'Saved' })).toBeDisabled();
  await expect.poll(saved).toEqual([
    [1, [11, 5], [3, null]],
    [2, [11, 5], [3, null]],
  ]);
});
