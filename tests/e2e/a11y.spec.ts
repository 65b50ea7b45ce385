// Accessibility: no axe violations on any screen or state, the workout works from the keyboard
// alone, and the run screen's controls fit and are big enough on a phone and on a tablet.
import { expect, test, type Page } from '@playwright/test';
import {
  buildCircuit,
  expectNoAxeViolations,
  expectNoAxeViolationsWhileTimeFlows,
  holdClock,
  openLibrary,
  openRun,
  runTimer,
  expectPart,
  startPreset,
  timerFace,
} from './flows';

test.describe('no axe violations', () => {
  test('on the library', async ({ page }) => {
    await openLibrary(page);
    await expect(page.getByRole('link', { name: 'Run Tabata — Beginner' })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('on the editor for a new circuit', async ({ page }) => {
    await buildCircuit(page, { name: 'Checked', steps: [{ exercise: 'Plank' }, { custom: 'Wall sit' }] });
    await page.getByRole('radio', { name: 'Ratio of an interval' }).check();
    await expect(page.getByText('40 s work / 20 s rest for every timed step')).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('on the editor with validation errors shown', async ({ page }) => {
    await buildCircuit(page, { name: '', rounds: 100, steps: [{ custom: '', work: 0, rest: -1 }] });
    await page.getByRole('button', { name: 'Save circuit' }).click();
    await expect(page.getByRole('alert')).toContainText('Not saved:');
    await expectNoAxeViolations(page);
  });

  test('on the editor for a copy of a preset', async ({ page }) => {
    await page.goto('/#/duplicate/metabolic-back-beginner');
    await expect(page.getByLabel('Name', { exact: true })).toHaveValue('Metabolic back circuit — Beginner (copy)');
    await expectNoAxeViolations(page);
  });

  test('on the run screen before the start', async ({ page }) => {
    await openRun(page, 'metabolic-back-beginner');
    await expectNoAxeViolationsWhileTimeFlows(page);
    await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
  });

  test('on the run screen during work', async ({ page }) => {
    await startPreset(page, 'metabolic-back-beginner');
    await page.clock.fastForward(190_500);
    const work = { phase: 'Work', label: 'Barbell bent-over row' };
    await expectPart(page, work);
    await expectNoAxeViolationsWhileTimeFlows(page);
    await expectPart(page, work);
  });

  test('on the run screen during rest', async ({ page }) => {
    await startPreset(page, 'metabolic-back-beginner');
    await page.clock.fastForward(210_500);
    await expectPart(page, { phase: 'Rest', round: '1/3' });
    await expectNoAxeViolationsWhileTimeFlows(page);
    await expectPart(page, { phase: 'Rest', round: '1/3' });
  });

  test('on the run screen while switching sides', async ({ page }) => {
    await startPreset(page, 'metabolic-back-beginner');
    await page.clock.fastForward(280_500);
    await expectPart(page, { phase: 'Switch sides', timer: '0:05' });
    // Five seconds is short for a scan on a slow machine: ten more keep the phase on screen.
    await page.getByRole('button', { name: 'Add 10 seconds' }).click();
    await expectNoAxeViolationsWhileTimeFlows(page);
    await expectPart(page, { phase: 'Switch sides' });
  });

  test('on the run screen while paused', async ({ page }) => {
    await startPreset(page, 'metabolic-back-beginner');
    await page.clock.fastForward(190_500);
    await page.getByRole('button', { name: 'Pause' }).click();
    await expectPart(page, { phase: 'Paused', timer: '0:20' });
    await expectNoAxeViolationsWhileTimeFlows(page);
    await expectPart(page, { phase: 'Paused', timer: '0:20' });
  });

  test('on the run screen with the End-workout dialog open', async ({ page }) => {
    await startPreset(page, 'metabolic-back-beginner');
    await page.clock.fastForward(10_500);
    await page.getByRole('button', { name: 'End workout' }).click();
    const dialog = page.getByRole('dialog', { name: 'End this workout?' });
    await expect(dialog).toBeVisible();
    await expectNoAxeViolationsWhileTimeFlows(page);
    await expect(dialog).toBeVisible();
    await expectPart(page, { phase: 'Warm-up' });
  });

  test('on the finish screen', async ({ page }) => {
    await startPreset(page, 'tabata-beginner');
    // Paused and skipped work, so the summary shows every statistic it has.
    await page.clock.fastForward(190_500);
    await page.getByRole('button', { name: 'Pause' }).click();
    await page.clock.runFor(2_000);
    await page.getByRole('button', { name: 'Skip' }).click();
    await page.getByRole('button', { name: 'End workout' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'End workout' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Workout ended early' })).toBeVisible();
    await expect(page.getByRole('term')).toHaveText(['Time', 'Work', 'Exercises done', 'Skipped', 'Paused']);
    await expectNoAxeViolationsWhileTimeFlows(page);
  });

  test('on the page-not-found screen', async ({ page }) => {
    await page.goto('/#/no-such-page');
    await expect(page.getByRole('heading', { level: 1, name: 'Page not found' })).toBeVisible();
    await expectNoAxeViolations(page);
  });

  test('on the run screen for a circuit that does not exist', async ({ page }) => {
    await page.goto('/#/run/no-such-circuit');
    await expect(page.getByRole('heading', { level: 1, name: "Can't start this workout" })).toBeVisible();
    await expectNoAxeViolations(page);
  });
});

test('a workout can be chosen, started and paused with the keyboard alone', async ({ page }) => {
  await page.clock.install();
  await openLibrary(page);
  await holdClock(page);
  const run = page.getByRole('link', { name: 'Run Tabata — Beginner' });
  for (let presses = 0; presses < 100 && !(await run.evaluate((el) => el === document.activeElement)); presses++)
    await page.keyboard.press('Tab');
  await expect(run).toBeFocused();
  await page.keyboard.press('Enter');

  await expect(page.getByRole('heading', { level: 1, name: 'Tabata — Beginner' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Start' })).toBeFocused();
  await page.keyboard.press('Space');
  await expectPart(page, { phase: 'Get ready', timer: '0:10' });
  await expect(page.getByRole('button', { name: 'Pause' })).toBeFocused();
  await page.clock.runFor(1_500);
  await expect(runTimer(page)).toHaveText('0:09');

  await page.keyboard.press('Space');
  await expectPart(page, { phase: 'Paused', timer: '0:09' });
  await expect(page.getByRole('button', { name: 'Resume' })).toBeFocused();
  await page.clock.runFor(5_000);
  await expect(runTimer(page)).toHaveText('0:09');
  await page.keyboard.press('Enter');
  await expectPart(page, { phase: 'Get ready', timer: '0:09' });
});

/** Starts a workout and checks the run screen's controls fit this viewport and are big enough to hit. */
async function expectRunControlsFit(page: Page): Promise<void> {
  await startPreset(page, 'metabolic-back-beginner');
  await page.clock.fastForward(190_500);
  await expectPart(page, { phase: 'Work', label: 'Barbell bent-over row' });
  const viewport = page.viewportSize();
  if (!viewport) throw new Error('the test needs a fixed viewport');

  const controls = [
    runTimer(page),
    page.getByRole('button', { name: 'Pause' }),
    page.getByRole('button', { name: 'Skip' }),
    page.getByRole('button', { name: 'Back' }),
  ];
  for (const control of controls) {
    await expect(control).toBeInViewport({ ratio: 1 });
    const box = await control.boundingBox();
    expect(box).not.toBeNull();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width).toBeLessThanOrEqual(viewport.width);
  }
  for (const button of controls.slice(1)) expect((await button.boundingBox())!.height).toBeGreaterThanOrEqual(64);
  await expect(timerFace(page)).toBeVisible();
  await expectNoSidewaysScrolling(page);
}

/** The page is no wider than the viewport (a phone browser would otherwise zoom out or scroll sideways). */
async function expectNoSidewaysScrolling(page: Page): Promise<void> {
  const viewport = page.viewportSize();
  if (!viewport) throw new Error('the test needs a fixed viewport');
  const widths = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth,
    window: window.innerWidth,
  }));
  // Soft, so a test that checks several screens reports every one that is too wide.
  expect.soft(widths, `widths at ${page.url()}`).toEqual({ page: viewport.width, window: viewport.width });
}

test.describe('on a phone held upright (412 × 915)', () => {
  test.use({ viewport: { width: 412, height: 915 } });
  test('the timer, Pause, Skip and Back fit the screen and are at least 64 px tall', async ({ page }) => {
    await expectRunControlsFit(page);
  });

  test('the library, the editor, the run screen and the settings fit the width with no sideways scrolling', async ({
    page,
  }) => {
    const screens = [
      ['/#/', page.getByRole('heading', { level: 1, name: 'Circuits' })],
      ['/#/new', page.getByRole('heading', { level: 1, name: 'New circuit' })],
      ['/#/duplicate/upper-back-intermediate', page.getByRole('button', { name: 'Remove step 4 of block 1' })],
      ['/#/run/metabolic-back-beginner', page.getByRole('button', { name: 'Start' })],
      ['/#/settings', page.getByRole('button', { name: 'Test sound' })],
    ] as const;
    for (const [address, shown] of screens) {
      await page.goto(address);
      await expect(shown).toBeVisible();
      await test.step(address, () => expectNoSidewaysScrolling(page));
    }
  });
});

test.describe('on a tablet held sideways (1280 × 800)', () => {
  test.use({ viewport: { width: 1280, height: 800 } });
  test('the timer, Pause, Skip and Back fit the screen and are at least 64 px tall', async ({ page }) => {
    await expectRunControlsFit(page);
  });
});
