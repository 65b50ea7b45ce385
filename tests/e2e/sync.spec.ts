// The in-step promises, measured to the millisecond: a display window follows its presenter within a
// frame, and phones on one class link change at the same instants. They run on their own after the
// other specs (the timing project), as a busy machine delays any page's timers.
import { expect, test } from '@playwright/test';
import { encodeShare } from '../../src/share/link';
import { CLASS, phone } from './class-fixture';
import { clicksIn, lags, recordShown, shownIn } from './flows';

const displayTimer = (page: import('@playwright/test').Page) =>
  page.getByRole('region', { name: 'Display' }).getByRole('timer');

test('a display window follows the presenter within a frame through start, pause, skip, +10 s and back', async ({
  page,
}, testInfo) => {
  test.setTimeout(60_000);
  await page.goto('/#/run/tabata-beginner');
  await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
  // As an instructor sets up the room before the class: a window of its own, for the second screen (not a
  // background tab of the presenter's window, which the browser would run at a lower priority).
  const [display] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('button', { name: 'Open display window' }).click(),
  ]);
  // The display builds its face from the circuit sent before the start (its timer shows the first part).
  await expect(displayTimer(display)).toBeVisible();
  // It runs in a process of its own: neither window's work can hold the other's frames back.
  expect(await display.evaluate(() => window.opener)).toBeNull();
  // Recording from before Start: Start is a control like the others, its first part shown within a frame.
  await recordShown(page);
  await recordShown(display);

  const press = (name: string) => page.getByRole('button', { name }).click();
  await press('Start');
  await expect(displayTimer(display)).toBeVisible();
  await page.waitForTimeout(1500);
  await press('Pause');
  await expect(display.getByText('Paused', { exact: true })).toBeVisible();
  await page.waitForTimeout(700);
  await press('Resume');
  await page.waitForTimeout(600);
  await press('Skip');
  await page.waitForTimeout(600);
  await press('Add 10 seconds');
  await page.waitForTimeout(1200);
  await press('Back');
  await page.waitForTimeout(1500);

  const presenterShown = await shownIn(page);
  const displayShown = await shownIn(display);
  const pressedAt = await clicksIn(page);
  expect(pressedAt).toHaveLength(6);
  const measured = lags(presenterShown, displayShown);
  testInfo.annotations.push({ type: 'lags (ms)', description: JSON.stringify(measured) });
  // What a control changed reached the display within one frame (16.7 ms) of the presenter showing it.
  for (const [i, t] of pressedAt.entries()) {
    const shown = presenterShown.find((p) => p.t > t);
    expect(shown && shown.t - t, `control ${i + 1} shown by the presenter`).toBeLessThan(100);
    const { what, lag } = lags([presenterShown[0]!, shown!], displayShown)[0]!;
    expect(Math.abs(lag), `control ${i + 1} → ${what}`).toBeLessThanOrEqual(17);
  }
  // Every second and part in between, each window timing itself from the same log: in step too.
  expect(measured.length).toBeGreaterThanOrEqual(8);
  for (const { what, lag } of measured) expect(Math.abs(lag), what).toBeLessThanOrEqual(50);
  // And the display never showed anything the presenter did not.
  for (const d of displayShown.slice(1))
    expect(presenterShown.some((p) => p.phase === d.phase && p.timer === d.timer)).toBe(true);
});

test('two phones on the same class link show the same part and second at the same instants; a late joiner lands in step', async ({
  browser,
}, testInfo) => {
  test.setTimeout(90_000);
  const baseURL = testInfo.project.use.baseURL!;
  // Far enough ahead that both phones have loaded, and warmed up their other screens, before the start.
  const startsAt = Date.now() + 10_000;
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
  // The class's parts and seconds, from its start (the countdown before it is no part of the timeline).
  const fromStart = (shown: typeof shownA) => shown.filter((s) => s.t >= startsAt - 100);
  const apart = lags(fromStart(shownA), fromStart(shownB));
  testInfo.annotations.push({ type: 'phone B after phone A (ms)', description: JSON.stringify(apart) });
  // Every second and every part of the class (22 s after the 3 s get-ready's first).
  expect(apart.length).toBeGreaterThanOrEqual(22);
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
