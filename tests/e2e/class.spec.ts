// A class link: every phone that opens it runs the same timeline from the instant the instructor
// set, with no server. Two fresh browser profiles stand in for two phones; a third joins late.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { encodeShare } from '../../src/share/link';
import type { Circuit } from '../../src/engine/model';
import { expectNoAxeViolations, lags, openLibrary, recordShown, shownIn, yourCircuits } from './flows';

function exercise(name: string) {
  return { id: null, name, perSide: false, tips: [] };
}

/** 4 s / 2 s of rows and face pulls, two rounds: 22 s of changes every second and every part. */
const CLASS: Circuit = {
  schemaVersion: 1,
  id: 'class-circuit',
  name: 'Thursday back class',
  description: '',
  prepSeconds: 3,
  warmUpSeconds: 0,
  coolDownSeconds: 0,
  switchSidesSeconds: 0,
  blocks: [
    {
      id: 'b1',
      name: 'Main',
      rounds: 2,
      restBetweenRoundsSeconds: 0,
      restAfterSeconds: 0,
      pace: null,
      steps: [
        { id: 's1', exercise: exercise('Rows'), mode: 'time', workSeconds: 4, reps: null, restSeconds: 2 },
        { id: 's2', exercise: exercise('Face pulls'), mode: 'time', workSeconds: 4, reps: null, restSeconds: 2 },
      ],
    },
  ],
};

/** A phone of its own: a fresh browser profile, opened on the link. */
async function phone(browser: Browser, baseURL: string, link: string): Promise<Page> {
  const context = await browser.newContext({ baseURL });
  const page = await context.newPage();
  await page.goto(link);
  return page;
}

test('two phones on the same class link show the same part and second at the same instants; a late joiner lands in step', async ({
  browser,
}, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'runs 25 s in real time: once is enough');
  test.setTimeout(90_000);
  const baseURL = testInfo.project.use.baseURL!;
  const startsAt = Date.now() + 6000;
  const link = `/#/class/${await encodeShare({ circuit: CLASS, classStartsAt: startsAt })}`;

  const a = await phone(browser, baseURL, link);
  const b = await phone(browser, baseURL, link);
  for (const page of [a, b]) {
    await expect(page.getByRole('timer', { name: 'Time until the start' })).toBeVisible();
    await expect(page.getByText('Starts in', { exact: true })).toBeVisible();
    await recordShown(page);
  }

  // Seven seconds into the class, a third phone opens the link.
  await a.waitForTimeout(startsAt + 7000 - Date.now());
  const late = await phone(browser, baseURL, link);
  await expect(
    late.getByRole('region', { name: 'Display' }).getByRole('timer', { name: 'Time remaining' }),
  ).toBeVisible();
  await recordShown(late);
  await expect(a.getByText('Workout complete', { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(late.getByText('Workout complete', { exact: true })).toBeVisible();

  const shownA = await shownIn(a);
  const shownB = await shownIn(b);
  const shownLate = await shownIn(late);
  const apart = lags(shownA, shownB);
  testInfo.annotations.push({ type: 'phone B after phone A (ms)', description: JSON.stringify(apart) });
  // Every second and every part of the class: the countdown's and the run's (3 + 22 s).
  expect(apart.length).toBeGreaterThanOrEqual(25);
  for (const { what, lag } of apart) expect(Math.abs(lag), what).toBeLessThanOrEqual(50);

  // The first thing the late phone showed is what phone A showed at that instant...
  const first = shownLate[0]!;
  const atThatInstant = shownA.filter((s) => s.t <= first.t).at(-1)!;
  expect(first.phase).toBe(atThatInstant.phase);
  expect(first.timer).toBe(atThatInstant.timer);
  expect(first.phase).not.toBe('');
  // ...and from then on it changes with phone A, within 50 ms.
  const lateLags = lags(
    shownA.filter((s) => s.t > first.t - 1),
    shownLate,
  );
  expect(lateLags.length).toBeGreaterThanOrEqual(10);
  for (const { what, lag } of lateLags) expect(Math.abs(lag), what).toBeLessThanOrEqual(50);
});

test('a class link shows its start time, the clock caveat, and can be saved; no axe violations', async ({ page }) => {
  const startsAt = Date.now() + 60 * 60_000;
  await page.goto(`/#/class/${await encodeShare({ circuit: CLASS, classStartsAt: startsAt })}`);
  await expect(page.getByRole('timer', { name: 'Time until the start' })).toHaveText(/^(59:5\d|1:00:00)$/);
  await expect(page.getByText("kept in step by this phone's clock")).toBeVisible();
  await expect(page.getByText('First: Get ready')).toBeVisible();
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Save this circuit' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'is saved in your circuits' })).toBeVisible();
  await openLibrary(page);
  await expect(yourCircuits(page).getByRole('heading', { name: 'Thursday back class' })).toBeVisible();
});

test('a broken or unsuitable class link says why and changes nothing stored', async ({ page }) => {
  const tapWhenDone = structuredClone(CLASS);
  tapWhenDone.blocks[0]!.steps[0]!.mode = 'reps';
  tapWhenDone.blocks[0]!.steps[0]!.reps = 12;
  const cases: [string, RegExp][] = [
    ['not-a-payload!', /./],
    [(await encodeShare({ circuit: CLASS })).slice(0, 20), /./],
    [await encodeShare({ circuit: CLASS }), /schedules no class/],
    [await encodeShare({ circuit: tapWhenDone, classStartsAt: Date.now() + 60_000 }), /wait for a tap/],
    [await encodeShare({ circuit: CLASS, classStartsAt: Date.now() - 3 * 24 * 3600_000 }), /is over/],
  ];
  await openLibrary(page);
  const before = await yourCircuits(page).textContent();
  for (const [payload, reason] of cases) {
    await page.goto(`/#/class/${payload}`);
    await expect(page.getByRole('heading', { level: 1, name: "Can't join this class" })).toBeVisible();
    await expect(page.getByRole('alert')).toHaveText(reason);
  }
  await expectNoAxeViolations(page);
  await openLibrary(page);
  expect(await yourCircuits(page).textContent()).toBe(before);
});
