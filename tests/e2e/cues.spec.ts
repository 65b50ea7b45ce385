// Cues in a real browser: every AudioBufferSourceNode the app starts is recorded (the audio graph
// is instrumented before the app loads) and checked against the segment boundaries it belongs to.
import { expect, test, type Page } from '@playwright/test';
import { openLibrary, startPreset } from './flows';

interface Started {
  when: number;
  offset: number;
  /** Stopped before it played: the app moved or cancelled it. */
  stopped: boolean;
  /** performance.now() instant that `when` is heard at, from the context's output timestamp. */
  heardAt: number;
}

test.beforeEach(async ({ page }) => {
  await page.addInitScript(() => {
    const started: Started[] = [];
    (window as unknown as { __cuesStarted: Started[] }).__cuesStarted = started;
    // Every AudioContext the page makes, so a test can ask its state.
    const contexts: AudioContext[] = [];
    (window as unknown as { __contexts: AudioContext[] }).__contexts = contexts;
    window.AudioContext = class extends AudioContext {
      constructor(options?: AudioContextOptions) {
        super(options);
        contexts.push(this);
      }
    };
    const original = AudioBufferSourceNode.prototype.start;
    AudioBufferSourceNode.prototype.start = function (when = 0, offset = 0, duration?: number) {
      const stamp = this.context instanceof AudioContext ? this.context.getOutputTimestamp() : undefined;
      const heardAt =
        stamp?.performanceTime && stamp.contextTime !== undefined
          ? stamp.performanceTime + (when - stamp.contextTime) * 1000
          : NaN;
      const record = { when, offset, heardAt, stopped: false };
      started.push(record);
      const stop = this.stop.bind(this);
      this.stop = (at?: number) => {
        if (this.context.currentTime < when) record.stopped = true;
        stop(at);
      };
      return duration === undefined ? original.call(this, when, offset) : original.call(this, when, offset, duration);
    };
  });
});

/** Stores "Cue check": 4 s get-ready, then 4 s work, 3 s rest, 4 s work (15 s in all). */
async function insertCueCheck(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const step = (id: string, name: string) => ({
          id,
          exercise: { id: null, name, perSide: false, tips: [] },
          mode: 'time',
          workSeconds: 4,
          reps: null,
          restSeconds: 3,
        });
        const circuit = {
          schemaVersion: 1,
          id: 'cue-check',
          name: 'Cue check',
          description: '',
          prepSeconds: 4,
          warmUpSeconds: 0,
          coolDownSeconds: 0,
          switchSidesSeconds: 5,
          updatedAt: Date.now(),
          blocks: [
            {
              id: 'b',
              name: 'Main',
              rounds: 1,
              restBetweenRoundsSeconds: 0,
              restAfterSeconds: 0,
              pace: null,
              steps: [step('s1', 'Rows'), step('s2', 'Swings')],
            },
          ],
        };
        const open = indexedDB.open('circuit-timer');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const tx = open.result.transaction('circuits', 'readwrite');
          tx.objectStore('circuits').put(circuit);
          tx.oncomplete = () => (open.result.close(), resolve());
        };
      }),
  );
}

test('every cue of a run is placed on the audio clock at its boundary', async ({ page }) => {
  await openLibrary(page);
  await insertCueCheck(page);
  await page.goto('/#/run/cue-check');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Workout complete' })).toBeVisible({ timeout: 25_000 });
  // Let the finish sound be placed and heard.
  await page.waitForTimeout(300);

  const { started, startedAt } = await page.evaluate(() => ({
    started: (window as unknown as { __cuesStarted: Started[] }).__cuesStarted,
    startedAt: (window.__circuitTimer!.run as { startedAt: number }).startedAt,
  }));
  // Sprite offsets (ms) name the sounds: see src/audio/sprite.ts.
  const { SPRITE } = await import('../../src/audio/sprite');
  const soundAt = (offsetS: number) =>
    Object.entries(SPRITE).find(([, s]) => Math.abs(s.offsetMs / 1000 - offsetS) < 1e-6)?.[0] ?? `?${offsetS}`;
  const heard = started
    .filter((s) => !s.stopped)
    .map((s) => ({ sound: soundAt(s.offset), at: Math.round(s.heardAt - startedAt) }));

  // Ideal (ms from Start): get-ready pips at 1-2-3 s; work 4–8 s with pips at 5-6-7; rest 8–11 s
  // (pips only where they clear the rest tone: 9 and 10); work 11–15 s with pips; finish at 15 s.
  const ideal = [
    ['pip', 1000],
    ['pip', 2000],
    ['pip', 3000],
    ['workStart', 4000],
    ['pip', 5000],
    ['pip', 6000],
    ['pip', 7000],
    ['restStart', 8000],
    ['pip', 9000],
    ['pip', 10_000],
    ['workStart', 11_000],
    ['pip', 12_000],
    ['pip', 13_000],
    ['pip', 14_000],
    ['finish', 15_000],
  ] as const;
  expect(heard.map((h) => h.sound)).toEqual(ideal.map(([sound]) => sound));
  for (const [i, [, at]] of ideal.entries())
    expect(Math.abs(heard[i]!.at - at), `${heard[i]!.sound} at ${at}`).toBeLessThanOrEqual(2);
});

test('the sound stays on through a long run: nothing suspends the audio context', async ({ page }) => {
  await page.clock.install();
  await page.goto('/#/run/metabolic-back-beginner');
  await page.getByRole('button', { name: 'Start' }).click();
  const contextState = () =>
    page.evaluate(() => (window as unknown as { __contexts: AudioContext[] }).__contexts.map((c) => c.state));
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
      started: (window as unknown as { __cuesStarted: unknown[] }).__cuesStarted.length,
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
  const states = () =>
    page.evaluate(() => (window as unknown as { __contexts: AudioContext[] }).__contexts.map((c) => c.state));
  await expect.poll(states).toEqual(['running']);
  // As a phone call or iOS would: the context is suspended behind the page's back.
  await page.evaluate(() => (window as unknown as { __contexts: AudioContext[] }).__contexts[0]!.suspend());
  const alert = page.getByRole('alert').filter({ hasText: 'The browser has paused the sound; the timer keeps time.' });
  await expect(alert).toBeVisible();
  await page.clock.runFor(3000);
  await expect(page.getByRole('timer', { name: 'Time remaining' })).toHaveText('0:07'); // time went on
  await alert.getByRole('button', { name: 'Restore sound' }).click();
  await expect.poll(states).toEqual(['running']);
  await expect(alert).toBeHidden();
});
