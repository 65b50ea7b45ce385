// Updates never interrupt a workout: a second build is served while a workout runs; the new version
// installs in the background, nothing reloads, and the notice shows only once the workout is over.
import { expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { build, preview, type PreviewServer } from 'vite';
import { expectNoAxeViolationsWhileTimeFlows, holdClock, runTimer } from './flows';

const LABEL = 'update-test';

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

    // Installed and waiting; the workout goes on, with no notice and no reload.
    await page.waitForTimeout(1500);
    await expect(page.getByRole('complementary', { name: 'Update available' })).toHaveCount(0);
    await page.clock.runFor(10_000);
    await expect(runTimer(page)).toHaveText('2:30');
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
