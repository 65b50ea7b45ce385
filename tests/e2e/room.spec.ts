// Leading a room: the presenter's window drives a display window of the same browser, display mode
// fills a wall tablet with the time, and keys and clicker buttons drive the workout.
import { expect, test, type Page } from '@playwright/test';
import { encodeShare } from '../../src/share/link';
import type { Circuit } from '../../src/engine/model';
import { expectNoAxeViolations, holdClock, openLibrary } from './flows';

const displayTimer = (page: Page) => page.getByRole('region', { name: 'Display' }).getByRole('timer');

test('closing and reopening either window brings the display back in step', async ({ context, page }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'two windows in real time: once is enough');
  test.setTimeout(60_000);
  await openLibrary(page);
  await page.goto('/#/run/tabata-beginner');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.waitForTimeout(1200);

  // A display opened after the start asks, and lands on the presenter's second.
  let display = await context.newPage();
  await display.goto('/#/display');
  await expect(displayTimer(display)).toBeVisible();
  await page.getByRole('button', { name: 'Pause' }).click();
  const pausedAt = await page.getByRole('timer', { name: 'Time remaining' }).textContent();
  await expect(displayTimer(display)).toHaveText(pausedAt!);

  // Closed and opened again: the same.
  await display.close();
  display = await context.newPage();
  await display.goto('/#/display');
  await expect(displayTimer(display)).toHaveText(pausedAt!);
  await expect(display.getByText('Paused', { exact: true })).toBeVisible();

  // The presenter reloads (a crash, a closed tab): the display says so and keeps the last plan...
  await page.getByRole('button', { name: 'Resume' }).click();
  await page.waitForTimeout(1500); // past a progress save
  await page.reload();
  await expect(display.getByRole('status').filter({ hasText: 'The presenter window is closed' })).toBeVisible();
  // ...and follows again once the presenter resumes the workout.
  await page
    .getByRole('region', { name: 'Interrupted workout' })
    .getByRole('link', { name: /^Resume/ })
    .click();
  await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
  const resumedAt = await page.getByRole('timer', { name: 'Time remaining' }).textContent();
  await expect(displayTimer(display)).toHaveText(resumedAt!);
  await expect(display.getByText('Paused', { exact: true })).toBeVisible();
  await expect(display.getByText('The presenter window is closed')).toHaveCount(0);
});

test('keys pressed on the display window drive the presenter', async ({ context, page }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'two windows in real time: once is enough');
  const display = await context.newPage();
  await display.goto('/#/display');
  await page.goto('/#/run/tabata-beginner');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(displayTimer(display)).toBeVisible();
  await display.keyboard.press('b'); // a clicker's "blank screen" button
  await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
  await expect(display.getByText('Paused', { exact: true })).toBeVisible();
  await display.keyboard.press('PageDown'); // into the 3-minute warm-up, still paused
  await expect(page.getByRole('timer', { name: 'Time remaining' })).toHaveText('3:00');
  await expect(page.getByRole('region', { name: 'Timer' }).getByText('Paused', { exact: true })).toBeVisible();
  await expect(displayTimer(display)).toHaveText('3:00');
});

test('display mode on a wall tablet: digits over 40 % of the height, phase in words, no axe violations', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 800 }); // a 10" tablet, landscape
  await page.goto('/#/run/tabata-beginner');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.keyboard.press('d');
  const face = page.getByRole('region', { name: 'Display' });
  await expect(face.getByRole('timer', { name: 'Time remaining' })).toBeVisible();
  await expect(face.getByText('Get ready', { exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Display mode', pressed: true })).toBeVisible();

  // The height of the digits' ink, from the font the timer really uses.
  const share = await page.evaluate(() => {
    const timer = document.querySelector('[role="timer"]')!;
    const style = getComputedStyle(timer);
    const ctx = document.createElement('canvas').getContext('2d')!;
    ctx.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const m = ctx.measureText('0123456789');
    return (m.actualBoundingBoxAscent + m.actualBoundingBoxDescent) / innerHeight;
  });
  expect(share).toBeGreaterThanOrEqual(0.4);
  // Nothing is cut off: the whole display and its controls fit the screen.
  const overflow = await page.evaluate(() => document.documentElement.scrollHeight - innerHeight);
  expect(overflow).toBeLessThanOrEqual(0);
  for (const button of await page.getByRole('navigation', { name: 'Workout controls' }).getByRole('button').all()) {
    const box = (await button.boundingBox())!;
    expect(Math.min(box.width, box.height)).toBeGreaterThanOrEqual(64);
  }
  await expectNoAxeViolations(page);
  await page.getByRole('button', { name: 'Pause' }).click();
  await expect(face.getByText('Paused', { exact: true })).toBeVisible();
  await expectNoAxeViolations(page);

  await page.getByRole('button', { name: 'Display mode', pressed: true }).click();
  await expect(page.getByRole('region', { name: 'Timer' })).toBeVisible();
});

test('display mode respects reduced motion', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.goto('/#/run/tabata-beginner');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.keyboard.press('d');
  const face = page.getByRole('region', { name: 'Display' });
  await expect(face).toBeVisible();
  expect(await face.evaluate((el) => getComputedStyle(el).transitionDuration)).toBe('0s');
});

test('a clicker and the keyboard drive the run; ? lists the keys', async ({ page }) => {
  await page.goto('/#/run/tabata-beginner');
  await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
  await page.locator('body').focus();
  await page.keyboard.press('Enter'); // a clicker's "go" with nothing focused
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.keyboard.press('.');
  await expect(page.getByRole('button', { name: 'Resume' })).toBeVisible();
  await page.keyboard.press('b');
  await expect(page.getByRole('button', { name: 'Pause' })).toBeVisible();
  await page.keyboard.press('PageDown');
  await expect(page.getByRole('region', { name: 'Timer' }).getByText('Warm-up', { exact: true })).toBeVisible();
  await page.keyboard.press('PageUp'); // within 3 s of its start: back to Get ready
  await expect(page.getByRole('region', { name: 'Timer' }).getByText('Get ready', { exact: true })).toBeVisible();
  await page.keyboard.press('b');
  const before = await page.getByRole('timer', { name: 'Time remaining' }).textContent();
  await page.keyboard.press('+');
  const after = await page.getByRole('timer', { name: 'Time remaining' }).textContent();
  const seconds = (t: string) => t.split(':').reduce((a, b) => a * 60 + Number(b), 0);
  expect(seconds(after!) - seconds(before!)).toBe(10);

  await page.keyboard.press('?');
  const help = page.getByRole('dialog', { name: 'Keys and clickers' });
  await expect(help).toBeVisible();
  for (const row of ['Start, pause or resume', 'Skip to the next part', 'Add 10 seconds to this part'])
    await expect(help.getByRole('row').filter({ hasText: row })).toBeVisible();
  await expect(help.getByRole('row').filter({ hasText: 'Skip' })).toContainText('Page Down');
  await expectNoAxeViolations(page);
  await help.getByRole('button', { name: 'Close' }).click();
  await expect(help).toBeHidden();
});

test('the display window before any workout: what to do, and no axe violations', async ({ page }) => {
  await page.goto('/#/display');
  await expect(page.getByRole('heading', { level: 1, name: 'Display' })).toBeVisible();
  await expect(page.getByRole('status')).toContainText('Waiting for a workout');
  await expectNoAxeViolations(page);
});

test('station rotation: the map, "rotate" and the rotations left are right through a whole circuit', async ({
  page,
}) => {
  const station = (id: string, name: string) => ({
    id,
    exercise: { id: null, name, perSide: false, tips: [] },
    mode: 'time' as const,
    workSeconds: 10,
    reps: null,
    restSeconds: 5,
  });
  const circuit: Circuit = {
    schemaVersion: 1,
    id: 'stations',
    name: 'Station class',
    description: '',
    prepSeconds: 5,
    warmUpSeconds: 0,
    coolDownSeconds: 0,
    switchSidesSeconds: 0,
    blocks: [
      {
        id: 'b',
        name: 'Stations',
        rounds: 2,
        restBetweenRoundsSeconds: 20,
        restAfterSeconds: 0,
        pace: null,
        stations: true,
        steps: [station('a', 'Bent-over rows'), station('b', 'Face pulls'), station('c', 'Bird-dog')],
      },
    ],
  };
  // Shared as a link, saved, then run in display mode on a held clock.
  await page.clock.install();
  await page.goto(`/#/shared/${await encodeShare({ circuit })}`);
  await page.getByRole('button', { name: 'Save to my circuits' }).click();
  await page.getByRole('link', { name: 'Run Station class' }).click();
  await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
  await holdClock(page);
  await page.getByRole('button', { name: 'Start' }).click();
  await page.keyboard.press('d');
  const face = page.getByRole('region', { name: 'Display' });
  const map = face.getByRole('list', { name: 'Stations' });

  await page.clock.runFor(5_000 + 500); // get-ready over: interval 1 of 6
  for (let interval = 1; interval <= 6; interval++) {
    const left = 6 - interval;
    const count = `Interval ${interval}/6 · ${left === 0 ? 'last interval' : `${left} ${left === 1 ? 'rotation' : 'rotations'} left`}`;
    // Working: every station and its exercise, no "rotate".
    await expect(face.getByText('Work', { exact: true })).toBeVisible();
    await expect(map.getByRole('listitem')).toHaveText(['1 Bent-over rows', '2 Face pulls', '3 Bird-dog']);
    await expect(face).toContainText(count);
    await expect(face.getByText(/Rotate/)).toHaveCount(0);
    await expect(face).toContainText(`Round ${interval <= 3 ? 1 : 2}/2`);
    if (interval === 6) break;
    // The rest after it: rotate, with the same count of rotations still to come.
    await page.clock.runFor(10_000);
    await expect(face.getByText('Rest', { exact: true })).toBeVisible();
    await expect(face.getByText('Rotate → next station')).toBeVisible();
    await expect(face).toContainText(count);
    await page.clock.runFor(interval === 3 ? 20_000 : 5_000); // the round rest after station 3
  }
  await page.clock.runFor(10_000);
  await expect(page.getByRole('heading', { level: 1, name: 'Workout complete' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Rounds' })).toContainText('Stations: 2 of 2 rounds');
});

test('every button on the run screen is at least 64 px for sweaty hands, in both views', async ({ page }) => {
  await page.goto('/#/run/tabata-beginner');
  await page.getByRole('button', { name: 'Start' }).click();
  const expectBig = async () => {
    const buttons = await page.getByRole('main').getByRole('button').all();
    expect(buttons.length).toBeGreaterThanOrEqual(5);
    for (const button of buttons) {
      const box = await button.boundingBox();
      if (!box) continue; // not shown in this view
      expect(Math.min(box.width, box.height), `“${await button.textContent()}”`).toBeGreaterThanOrEqual(64);
    }
  };
  await expectBig();
  await page.getByRole('button', { name: 'Display mode' }).click();
  await expect(page.getByRole('region', { name: 'Display' })).toBeVisible();
  await expectBig();
});
