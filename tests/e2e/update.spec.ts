// Updates never interrupt a workout: a second build is served while a workout runs; the new version
// installs in the background, a slim note says it is ready, nothing reloads, and the notice that
// offers it shows only once the workout is over.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build, preview, type PreviewServer } from 'vite';
import { expectNoAxeViolationsWhileTimeFlows, holdClock, runTimer } from './flows';

const LABEL = 'update-test';

/** Asserts that `note` is on screen and covers none of `buttons`, as laid out in the viewport now. */
async function expectClearOf(page: Page, note: Locator, buttons: Locator): Promise<void> {
  const box = (await note.boundingBox())!;
  const viewport = page.viewportSize()!;
  expect(box.x, 'inside the screen').toBeGreaterThanOrEqual(0);
  expect(box.x + box.width, 'inside the screen').toBeLessThanOrEqual(viewport.width);
  expect(box.y + box.height, 'inside the screen').toBeLessThanOrEqual(viewport.height);
  expect(await buttons.count()).toBeGreaterThanOrEqual(5);
  for (const button of await buttons.all()) {
    const b = await button.boundingBox();
    if (!b) continue;
    const overlaps =
      b.x < box.x + box.width && box.x < b.x + b.width && b.y < box.y + box.height && box.y < b.y + b.height;
    expect(overlaps, `the note is clear of "${await button.textContent()}"`).toBe(false);
  }
}

test('a new version waits for the workout to end, then loads when the person asks', async ({ page }, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'builds and serves two versions of its own: once is enough');
  test.setTimeout(120_000);
  // The version running now is the suite's build (dist/); the next one differs only by its label.
  const nextDist = await mkdtemp(path.join(os.tmpdir(), 'next-version-'));
  process.env.BUILD_LABEL = LABEL;
  try {
    await build({ logLevel: 'error', build: { outDir: nextDist, emptyOutDir: true } });
  } finally {
    delete process.env.BUILD_LABEL;
  }
  const serve = (outDir: string, port = 0) =>
    preview({ logLevel: 'error', build: { outDir }, preview: { host: '127.0.0.1', port, strictPort: port !== 0 } });

  let server: PreviewServer = await serve('dist');
  const url = server.resolvedUrls!.local[0]!;
  const port = Number(new URL(url).port);
  try {
    await page.clock.install();
    await page.goto(url);
    await expect(page.getByRole('heading', { level: 1, name: 'Circuits' })).toBeVisible();
    await page.evaluate(() => navigator.serviceWorker.ready);
    await page.reload(); // now the service worker is in charge of the page
    let loads = 0;
    page.on('load', () => loads++);

    await page.goto(`${url}#/run/metabolic-back-beginner`);
    await holdClock(page);
    await page.getByRole('button', { name: 'Start' }).click();
    await page.clock.runFor(30_000);
    await expect(runTimer(page)).toHaveText('2:40'); // 10 s get-ready, then 30 s into the 3-minute warm-up

    const focused = await page.evaluate(() => document.activeElement?.textContent?.trim());
    expect(focused).toBe('Pause');

    // The next version goes up on the same address while the workout runs, and the app finds it.
    await server.close();
    server = await serve(nextDist, port);
    await page.evaluate(async () => {
      const registration = await navigator.serviceWorker.getRegistration();
      await registration!.update();
    });
    await expect
      .poll(() => page.evaluate(async () => !!(await navigator.serviceWorker.getRegistration())?.waiting), {
        timeout: 30_000,
      })
      .toBe(true);

    // Installed and waiting; the workout goes on, with no reload. A slim note says a new version is
    // ready, without a button, without taking the focus, and over none of the run's controls.
    await page.waitForTimeout(1500);
    await page.clock.runFor(10_000); // the live region's words come a moment after it
    await expect(runTimer(page)).toHaveText('2:30');
    const note = page.getByRole('status').filter({ hasText: 'New version ready' });
    await expect(note).toBeVisible();
    await expect(note).toHaveText('New version ready: it will be offered when the workout ends.');
    await expect(page.getByRole('complementary', { name: 'Update available' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Update now' })).toHaveCount(0);
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe(focused);
    expect(await note.evaluate((el) => getComputedStyle(el).pointerEvents)).toBe('none'); // taps go through it
    // The run's controls: the workout's own and the top bar (End workout, fullscreen).
    const controls = page
      .getByRole('navigation', { name: 'Workout controls' })
      .getByRole('button')
      .or(page.getByRole('button', { name: 'End workout' }))
      .or(page.getByRole('button', { name: 'Fullscreen' }));
    const everyButton = page.getByRole('main').getByRole('button');
    await expectClearOf(page, note, everyButton);
    // On a phone the page scrolls: the note sits at the foot of the screen, clear of the run's controls,
    // and the page ends with room for it, so nothing is left under it once scrolled to the end.
    await page.setViewportSize({ width: 412, height: 915 });
    await expectClearOf(page, note, controls);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expectClearOf(page, note, everyButton);
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.clock.runFor(10_000);
    await expect(runTimer(page)).toHaveText('2:20');
    await expect(note).toBeVisible();
    await expectNoAxeViolationsWhileTimeFlows(page);
    expect(loads).toBe(0);

    // Over: the notice offers the update, and the update is applied only when asked.
    await page.getByRole('button', { name: 'End workout' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'End workout' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Workout ended early' })).toBeVisible();
    const notice = page.getByRole('complementary', { name: 'Update available' });
    await expect(notice).toBeVisible();
    await page.clock.runFor(200); // the live region's words come a moment after it (on the page's held clock)
    await expect(page.getByRole('status').filter({ hasText: 'Update available' })).toHaveText(
      'Update available: a new version of Circuit Timer is ready.',
    );
    await expect(note).toHaveCount(0);
    expect(loads).toBe(0);
    await expectNoAxeViolationsWhileTimeFlows(page);
    await notice.getByRole('button', { name: 'Update now' }).click();
    await expect.poll(() => loads).toBe(1);

    await page.goto(`${url}#/settings`);
    await expect(page.getByRole('definition').filter({ hasText: LABEL })).toContainText(`(${LABEL})`);
  } finally {
    await server.close();
    await rm(nextDist, { recursive: true, force: true });
  }
});
