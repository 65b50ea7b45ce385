// The screen stays on through a workout (Screen Wake Lock), comes back on after the page was hidden,
// and the run screen says so plainly where the browser cannot keep it on. Fullscreen by button and key.
import { expect, test } from '@playwright/test';
import { expectNoAxeViolationsWhileTimeFlows, startPreset } from './flows';

interface Lock {
  released: boolean;
  sentinel: WakeLockSentinel;
}

test.describe('with a wake lock', () => {
  test.beforeEach(async ({ page }) => {
    // Every lock the page asks for, from the real API.
    await page.addInitScript(() => {
      const locks: Lock[] = [];
      (window as unknown as { __locks: Lock[] }).__locks = locks;
      const request = WakeLock.prototype.request;
      WakeLock.prototype.request = async function (type?: WakeLockType) {
        const sentinel = await request.call(this, type);
        const lock = { released: false, sentinel };
        sentinel.addEventListener('release', () => (lock.released = true));
        locks.push(lock);
        return sentinel;
      };
    });
  });

  const held = (page: import('@playwright/test').Page) =>
    page.evaluate(() => (window as unknown as { __locks: Lock[] }).__locks.map((l) => !l.released));

  test('the screen is kept on from Start to the end, paused included, and again after the page was hidden', async ({
    page,
  }) => {
    await startPreset(page, 'metabolic-back-beginner');
    await expect.poll(() => held(page)).toEqual([true]);
    await page.getByRole('button', { name: 'Pause' }).click();
    expect(await held(page)).toEqual([true]);
    await page.getByRole('button', { name: 'Resume' }).click();

    // The browser lets go of the lock when the page is hidden; the run asks again when it is back.
    await page.evaluate(async () => {
      await (window as unknown as { __locks: Lock[] }).__locks[0]!.sentinel.release();
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect.poll(() => held(page)).toEqual([false, true]);
    await expect(page.getByRole('note')).toHaveCount(0);

    await page.getByRole('button', { name: 'End workout' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'End workout' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Workout ended early' })).toBeVisible();
    expect(await held(page)).toEqual([false, false]);
  });

  test('nothing holds the screen on before Start', async ({ page }) => {
    await page.goto('/#/run/tabata-beginner');
    await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
    expect(await held(page)).toEqual([]);
  });
});

test('where the browser cannot keep the screen on, the run screen says so', async ({ page }) => {
  await page.addInitScript(() => {
    delete (Navigator.prototype as unknown as { wakeLock?: unknown }).wakeLock;
  });
  await startPreset(page, 'metabolic-back-beginner');
  await expect(page.getByRole('note')).toHaveText(
    'This browser can’t keep the screen on: it may dim or lock. The sounds and voice carry on with the screen off.',
  );
  await expectNoAxeViolationsWhileTimeFlows(page);
});

test('where the browser refuses the wake lock, the run screen says so', async ({ page }) => {
  await page.addInitScript(() => {
    WakeLock.prototype.request = () => Promise.reject(new DOMException('Battery saver', 'NotAllowedError'));
  });
  await startPreset(page, 'metabolic-back-beginner');
  await expect(page.getByRole('note')).toContainText('The browser would not keep the screen on (battery saver?)');
});

test('fullscreen by the button and by the F key, and back', async ({ page }) => {
  await startPreset(page, 'metabolic-back-beginner');
  const isFullscreen = () => page.evaluate(() => document.fullscreenElement !== null);
  await page.getByRole('button', { name: 'Fullscreen' }).click();
  await expect.poll(isFullscreen).toBe(true);
  await page.keyboard.press('f');
  await expect.poll(isFullscreen).toBe(false);
  await page.keyboard.press('F');
  await expect.poll(isFullscreen).toBe(true);
});
