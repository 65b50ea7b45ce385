// What real devices do to a running workout: sleep with the screen off, and more. The run keeps to
// the workout the person is really doing, and says what happened.
import { expect, test } from '@playwright/test';
import { expectPart, runTimer, startPreset } from './flows';

test('after the device slept (performance.now stalled, the wall clock moved on), the run catches up and says so', async ({
  page,
}) => {
  await startPreset(page, 'tabata-beginner'); // on a held fake clock
  await page.clock.runFor(4_000);
  await expectPart(page, { phase: 'Get ready', timer: '0:06' });
  // 42 s of sleep: the wall clock jumps, the monotonic clock (and every timer) did not run.
  const wall = await page.evaluate(() => Date.now());
  await page.clock.setSystemTime(wall + 42_000);
  await page.clock.runFor(1_000);
  // 4 + 42 + 1 s in: past the 10 s get-ready, 37 s into the 3-minute warm-up.
  await expectPart(page, { phase: 'Warm-up', timer: '2:23' });
  const note = page.getByRole('status').filter({ hasText: 'The device slept for 42 seconds' });
  await expect(note).toContainText('the timer has caught up with the workout');
  await note.getByRole('button', { name: 'OK' }).click();
  await expect(note).toBeHidden();
  await expect(runTimer(page)).toHaveText('2:23');
});
