// Cues in a real browser: every AudioBufferSourceNode the app starts is recorded (the audio graph
// is instrumented before the app loads) and checked against the segment boundaries it belongs to.
import { expect, test } from '@playwright/test';
import {
  CUE_CHECK_IDEAL,
  contextStates,
  expectCueCheckOnTime,
  heardCues,
  insertCueCheck,
  installProbe,
  readProbe,
  resumeContextAt,
  suspendContext,
} from './cue-probe';
import { openLibrary, startPreset } from './flows';

test.beforeEach(async ({ page }) => {
  await page.addInitScript(installProbe);
});

test('every cue of a run is placed on the audio clock at its boundary', async ({ page }) => {
  await openLibrary(page);
  await insertCueCheck(page);
  await page.goto('/#/run/cue-check');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Workout complete' })).toBeVisible({ timeout: 25_000 });
  // Let the finish sound be placed and heard.
  await page.waitForTimeout(300);

  const probe = await readProbe(page);
  expectCueCheckOnTime(heardCues(probe.cues, probe.startedAt));
  // The signal that keeps the output from going silent (and its clock from stepping) played during the run,
  // inaudibly low, and was let go with the run screen.
  expect(probe.constants).toHaveLength(1);
  expect(probe.constants[0]!.offset).toBeGreaterThan(0);
  expect(probe.constants[0]!.offset).toBeLessThan(1e-5);
  expect(probe.constants[0]!.playing).toBe(false);
});

test('the sound stays on through a long run: nothing suspends the audio context', async ({ page }) => {
  await page.clock.install();
  await page.goto('/#/run/metabolic-back-beginner');
  await page.getByRole('button', { name: 'Start' }).click();
  const contextState = () => contextStates(page);
  await expect.poll(contextState).toEqual(['running']);
  // Past howler's 30-second auto-suspend, which would silence the cues it does not play itself.
  await page.clock.runFor(90_000);
  expect(await contextState()).toEqual(['running']);
  await expect(page.getByRole('button', { name: 'Restore sound' })).toHaveCount(0);
});

test('the sound settings reach the run: beeps off places no sounds, and the volume is applied', async ({ page }) => {
  await page.addInitScript(() => {
    const gains: number[] = [];
    (window as unknown as { __gains: number[] }).__gains = gains;
    const set = AudioParam.prototype.setValueAtTime;
    AudioParam.prototype.setValueAtTime = function (value: number, time: number) {
      gains.push(value);
      return set.call(this, value, time);
    };
  });
  await openLibrary(page);
  await insertCueCheck(page);
  const beeps = page.getByRole('switch', { name: 'Beeps' });
  /** Runs the first 2.5 s of "Cue check" (its get-ready pips are at 1 and 2 s); returns what started. */
  const runBriefly = async () => {
    await page.goto('/#/run/cue-check');
    await page.getByRole('button', { name: 'Start' }).click();
    await page.waitForTimeout(2500);
    return page.evaluate(() => ({
      started: (window as unknown as { __probe: { cues: unknown[] } }).__probe.cues.length,
      gains: (window as unknown as { __gains: number[] }).__gains,
    }));
  };

  await page.goto('/#/settings');
  await page.getByLabel('Volume', { exact: true }).fill('40');
  await beeps.uncheck();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  const quiet = await runBriefly();
  expect(quiet.started).toBe(0);
  expect(quiet.gains).toContain(0.4);

  // The same run with beeps on does place its pips: the check above could have failed.
  await page.goto('/#/settings');
  await beeps.check();
  await expect(page.getByRole('status').filter({ hasText: 'Saved' })).toBeVisible();
  expect((await runBriefly()).started).toBeGreaterThanOrEqual(2);
});

test('when the browser suspends the sound, the run says so and one tap restores it', async ({ page }) => {
  await startPreset(page, 'metabolic-back-beginner'); // on a held clock
  await page.clock.runFor(500);
  await expect(page.getByRole('timer', { name: 'Time remaining' })).toHaveText('0:10');
  const states = () => contextStates(page);
  await expect.poll(states).toEqual(['running']);
  // As a phone call or iOS would: the context is suspended behind the page's back.
  await suspendContext(page);
  const alert = page.getByRole('alert').filter({ hasText: 'The browser has paused the sound; the timer keeps time.' });
  await expect(alert).toBeVisible();
  await page.clock.runFor(3000);
  await expect(page.getByRole('timer', { name: 'Time remaining' })).toHaveText('0:07'); // time went on
  await alert.getByRole('button', { name: 'Restore sound' }).click();
  await expect.poll(states).toEqual(['running']);
  await expect(alert).toBeHidden();
});

test('after the browser suspends the sound and it is restored, every cue lands on its boundary', async ({ page }) => {
  await openLibrary(page);
  await insertCueCheck(page);
  await page.goto('/#/run/cue-check');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect.poll(async () => (await readProbe(page)).cues.length).toBeGreaterThanOrEqual(1); // the first pip
  const { startedAt } = await readProbe(page);
  const until = (ms: number) =>
    page.evaluate((t) => new Promise((resolve) => setTimeout(resolve, t - performance.now())), startedAt + ms);
  // Suspended from between the get-ready pips through the work tone (4 s), and restored (timed in the page: a
  // click's round trip varies too much) just after the pip at 5 s comes due for placing, while the clock stood.
  await until(1500);
  const suspendedAt = await suspendContext(page);
  const alert = page.getByRole('alert').filter({ hasText: 'The browser has paused the sound; the timer keeps time.' });
  await expect(alert).toBeVisible();
  await resumeContextAt(page, startedAt + 4830);
  await expect(alert).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'Workout complete' })).toBeVisible({ timeout: 25_000 });
  await page.waitForTimeout(300);

  const probe = await readProbe(page);
  const heard = heardCues(probe.cues, probe.startedAt);
  const restoredAt = probe.states.find((s) => s.state === 'running' && s.at > suspendedAt)?.at ?? NaN;
  const [suspended, restored] = [suspendedAt - probe.startedAt, restoredAt - probe.startedAt];
  expect(restored - suspended, 'suspended across the work tone').toBeGreaterThan(2000);
  // Nothing stands that was placed on the standing clock: it would sound late by the whole suspension.
  expect(heard.filter((h) => h.state !== 'running')).toEqual([]);
  // Each cue due after the restore and a tick (25 ms) is placed afresh and heard on its boundary, the pip at
  // 5 s too: planned while the clock stood, it used to be cancelled as it passed.
  const due = CUE_CHECK_IDEAL.filter(([, at]) => at > restored + 30);
  expect(due[0], `restored at ${Math.round(restored)} ms, before the pip at 5 s`).toEqual(['pip', 5000]);
  const after = heard.filter((h) => h.at > restored + 25);
  expect(after.map((h) => h.sound)).toEqual(due.map(([sound]) => sound));
  for (const [i, [, at]] of due.entries()) {
    expect(Math.abs(after[i]!.at - at), `${after[i]!.sound} at ${at}`).toBeLessThanOrEqual(2);
    // Ahead of the context's clock, and by no more than the look-ahead: a stale pairing would put it later.
    expect(after[i]!.lead, `${after[i]!.sound} at ${at} placed ahead`).toBeGreaterThan(0);
    expect(after[i]!.lead, `${after[i]!.sound} at ${at} placed ahead`).toBeLessThan(0.5);
  }
});
