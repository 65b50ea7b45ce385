// A whole preset offline, with its sound: after one visit the network goes off, the app starts from
// the service worker's cache and runs Tabata to the finish screen, and the instrumented audio graph
// shows the cues of every part placed on the audio clock at their instants. Nine minutes in real time
// would be too slow for every run of the suite, so the person presses Skip through the middle: a skip
// is a boundary, and the next part's tone sounds at once. The get-ready and the last work interval
// run out in real time, so their pips, halfway chime and closing tones are checked to the millisecond.
import { expect, test, type Page } from '@playwright/test';
import { heardCues, installProbe, readProbe } from './cue-probe';
import { openLibrary, timerFace } from './flows';

/** Waits until the service worker is active, i.e. every file of the build is in its cache. */
async function waitUntilOfflineReady(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.ready;
    if (!registration.active) throw new Error('no active service worker');
  });
}

/** The run's skips, as ms from Start. */
function skipsOf(page: Page): Promise<number[]> {
  return page.evaluate(() => {
    const run = window.__circuitTimer!.run as { startedAt: number; events: { type: string; at: number }[] };
    return run.events.filter((e) => e.type === 'skip').map((e) => e.at - run.startedAt);
  });
}

/**
 * How far the audio clock runs ahead of what is being heard (output latency and the device's buffer),
 * ms, the most of a few readings: a sound started "now" is heard this much later.
 */
function audioLead(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const context = (window as unknown as { __probe: { contexts: AudioContext[] } }).__probe.contexts[0]!;
    let most = 0;
    for (let i = 0; i < 20; i++) {
      const stamp = context.getOutputTimestamp();
      most = Math.max(most, (context.currentTime - stamp.contextTime!) * 1000);
      await new Promise((resolve) => setTimeout(resolve, 23));
    }
    return most;
  });
}

/** Cues that stood (not cancelled), by sound, at ms from Start (unrounded, to compare with the skips). */
async function heard(page: Page): Promise<{ sound: string; at: number }[]> {
  const probe = await readProbe(page);
  // Howler unlocks the output on the first tap after Start (here, the first Skip) with a silent
  // one-sample buffer started "now" (start(0)); the app's cues are always placed at an instant.
  const cues = probe.cues.filter((c) => !c.stopped && c.when > 0);
  return heardCues(cues, probe.startedAt).map((c, i) => ({ sound: c.sound, at: cues[i]!.heardAt - probe.startedAt }));
}

test('after one visit, the app starts offline, sounds its cues and runs a whole preset to the finish', async ({
  page,
  context,
}) => {
  test.setTimeout(60_000);
  await page.addInitScript(installProbe);
  await openLibrary(page);
  await waitUntilOfflineReady(page);

  await context.setOffline(true);
  const fromNetwork: string[] = [];
  // Made in the page (data: and blob: URLs), served by the service worker, or a second request for a file the
  // page already holds (a module preloaded and imported at once: the page's memory cache answers the second,
  // and Playwright reports that answer as not from the worker): nothing else may answer. Read from the
  // DevTools protocol, which tells the memory cache apart.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  const fromMemory = new Set<string>();
  cdp.on('Network.requestServedFromCache', ({ requestId }) => fromMemory.add(requestId));
  const answers: { id: string; url: string; fromServiceWorker: boolean }[] = [];
  cdp.on('Network.responseReceived', ({ requestId, response }) =>
    answers.push({ id: requestId, url: response.url, fromServiceWorker: !!response.fromServiceWorker }),
  );
  const networkAnswers = () =>
    answers
      .filter((a) => !a.fromServiceWorker && !fromMemory.has(a.id) && !/^(data|blob):/.test(a.url))
      .map((a) => a.url);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Circuits' })).toBeVisible();

  // Tabata, beginner: 10 s get-ready, 3 min warm-up, 8 × (20 s work, 10 s rest, none after the last), 2 min cool-down.
  await page.goto('/#/run/tabata-beginner');
  await page.getByRole('button', { name: 'Start' }).click();
  const count = async () => (await heard(page)).length;
  /** The phase shown: a part's tone is placed a moment (the look-ahead) before the part begins. */
  const phase = (word: string) => expect(timerFace(page).getByText(word, { exact: true })).toBeVisible();

  // The get-ready runs out: pips at 7, 8 and 9 s, and the warm-up's tone at 10 s.
  await expect.poll(count, { timeout: 15_000 }).toBe(4);
  await phase('Warm-up');
  // Skip through the warm-up, seven work intervals and seven rests: each part's tone sounds at its skip.
  const skip = page.getByRole('button', { name: 'Skip' });
  for (let part = 1; part <= 15; part++) {
    await skip.click();
    await expect.poll(count).toBe(4 + part);
  }
  await expect(page.getByText('Round 8/8')).toBeVisible();
  // The last work interval runs out: its halfway chime at 10 s, pips at 17, 18 and 19 s, and the
  // cool-down's tone at 20 s. Then the cool-down is skipped, which ends the workout. (Ended by a skip,
  // a run places no finish sound: that sounds only when the last part's time runs out, as cues.spec.ts
  // checks. Running out this cool-down would take two minutes.)
  await expect.poll(count, { timeout: 25_000 }).toBe(4 + 15 + 5);
  await phase('Cool-down');
  await skip.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Workout complete' })).toBeVisible();
  await page.waitForTimeout(300);

  const cues = await heard(page);
  const skips = await skipsOf(page);
  const lead = await audioLead(page);
  expect(skips).toHaveLength(16);
  const lastWork = skips[14]!;
  // Skip k leaves the warm-up (k = 0), then work, rest, work…: the next part is work after even skips;
  // the work after the 15th is round 8 of 8, marked by the last-round sound.
  const toneAfter = (k: number) => (k === 14 ? 'lastRound' : k % 2 === 0 ? 'workStart' : 'restStart');
  const ideal: [string, number][] = [
    ['pip', 7000],
    ['pip', 8000],
    ['pip', 9000],
    ['restStart', 10_000],
    ...skips.slice(0, 15).map((at, k): [string, number] => [toneAfter(k), at]),
    ['halfway', lastWork + 10_000],
    ['pip', lastWork + 17_000],
    ['pip', lastWork + 18_000],
    ['pip', lastWork + 19_000],
    ['restStart', lastWork + 20_000],
  ];
  expect(cues.map((c) => c.sound)).toEqual(ideal.map(([sound]) => sound));
  for (const [i, [sound, at]] of ideal.entries()) {
    const late = cues[i]!.at - at;
    const what = `${sound} #${i + 1}, due ${Math.round(at)} ms after Start`;
    if (i >= 4 && i < 19) {
      // A skip: due the instant it is pressed, already past on the audio clock, so started at once,
      // heard as early as the output allows (its lead), not a tick later.
      expect(late, what).toBeGreaterThanOrEqual(-2);
      expect(late, `${what} (the audio clock leads by ${Math.round(lead)} ms)`).toBeLessThanOrEqual(lead + 5);
    } else expect(Math.abs(late), what).toBeLessThanOrEqual(2);
  }
  expect((await readProbe(page)).contextStates).toEqual(['running']);
  fromNetwork.push(...networkAnswers());
  expect(answers.length, 'the protocol saw the answers').toBeGreaterThan(10);
  expect(fromNetwork, 'everything came from the service worker').toEqual([]);
});
