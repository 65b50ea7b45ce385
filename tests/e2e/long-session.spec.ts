// A 3-hour workout on the fake clock, 30 s at a time: the shown time never drifts from the timeline,
// the page does not grow (JS heap, DOM nodes, listeners) and the log holds every round as it is done.
import { expect, test, type CDPSession, type Page } from '@playwright/test';
import { encodeShare } from '../../src/share/link';
import type { Circuit } from '../../src/engine/model';
import { holdClock, runTimer, stat } from './flows';

const STEP_MS = 30_000;
/** Every 3 rounds: each sample finds the same screen (the rest after a round, 10 s after it was done). */
const SAMPLE_EVERY_MS = 9 * 60_000;
const HEAP_BOUND_BYTES = 2 * 1024 * 1024;

const exercise = (id: string, name: string) => ({
  id,
  exercise: { id: null, name, perSide: false, tips: [] },
  mode: 'time' as const,
  workSeconds: 40,
  reps: null,
  restSeconds: 20,
});

/** 10 s get-ready, 60 rounds of three 40 s/20 s exercises without the last rest, 10 s cool-down: 3:00:00. */
const circuit: Circuit = {
  schemaVersion: 1,
  id: 'three-hours',
  name: 'Three hours',
  description: '',
  prepSeconds: 10,
  warmUpSeconds: 0,
  coolDownSeconds: 10,
  switchSidesSeconds: 0,
  blocks: [
    {
      id: 'b',
      name: 'Main',
      rounds: 60,
      restBetweenRoundsSeconds: 0,
      restAfterSeconds: 0,
      pace: null,
      steps: [exercise('a', 'Squat'), exercise('b', 'Push-up'), exercise('c', 'Row')],
    },
  ],
};

interface RunView {
  startedAt: number;
  segments: { kind: string; start: number; duration: number }[];
}

// Independent of the app's format.ts on purpose: a second is shown until it has fully passed.
const clockText = (seconds: number) => {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
};

function expectedText(run: RunView, elapsed: number): string | null {
  const seg = run.segments.find((s) => elapsed >= s.start && elapsed < s.start + s.duration);
  return seg ? clockText(Math.ceil((seg.start + seg.duration - elapsed) / 1000)) : null;
}

const roundsDone = (run: RunView, elapsed: number) =>
  Math.floor(run.segments.filter((s) => s.kind === 'work' && s.start + s.duration <= elapsed).length / 3);

/** Rounds in the log (a fresh context holds only this workout's) and the sessions' status. */
function readLog(): Promise<{ rounds: number; statuses: string[] }> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open('circuit-timer');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const tx = req.result.transaction(['sessions', 'rounds']);
      const rounds = tx.objectStore('rounds').count();
      const sessions = tx.objectStore('sessions').getAll();
      tx.oncomplete = () => {
        req.result.close();
        resolve({ rounds: rounds.result, statuses: sessions.result.map((s: { status: string }) => s.status) });
      };
    };
  });
}

/** Counts the page's IndexedDB transactions in flight (installed before the app loads). */
function countTransactions() {
  const open = IDBDatabase.prototype.transaction;
  const w = window as unknown as { __inFlight: number };
  w.__inFlight = 0;
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args: Parameters<typeof open>) {
    const tx = open.apply(this, args);
    w.__inFlight++;
    const done = () => void w.__inFlight--;
    tx.addEventListener('complete', done);
    tx.addEventListener('abort', done);
    return tx;
  } as typeof open;
}

/**
 * Waits, in real time with the page's clock held, until the log's writes have gone quiet: the fake clock
 * outpaces the real IndexedDB, and racing on would queue writes no real workout makes (and count them as growth).
 */
async function logQuiet(page: Page): Promise<void> {
  let quietSince: number | null = null;
  await expect
    .poll(
      async () => {
        const inFlight = await page.evaluate(() => (window as unknown as { __inFlight: number }).__inFlight);
        quietSince = inFlight === 0 ? (quietSince ?? Date.now()) : null;
        return quietSince !== null && Date.now() - quietSince >= 60;
      },
      { timeout: 10_000, intervals: [10] },
    )
    .toBe(true);
}

async function measure(cdp: CDPSession) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  return { heap: m.JSHeapUsedSize!, nodes: m.Nodes!, listeners: m.JSEventListeners!, documents: m.Documents! };
}

test('a 3-hour circuit ends with no drift, no growth of the page and every round in the log', async ({
  page,
}, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'three hours of workout: once is enough');
  test.setTimeout(300_000);
  await page.clock.install();
  await page.addInitScript(countTransactions);
  await page.goto(`/#/shared/${await encodeShare({ circuit })}`);
  await page.getByRole('button', { name: 'Save to my circuits' }).click();
  await page.getByRole('link', { name: 'Run Three hours' }).click();
  await expect(page.getByRole('button', { name: 'Start' })).toBeVisible();
  await holdClock(page);
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(runTimer(page)).toHaveText('0:10');
  const run = (await page.evaluate(() => window.__circuitTimer?.run)) as RunView;
  const total = Math.max(...run.segments.map((s) => s.start + s.duration));
  expect(total).toBe(3 * 60 * 60_000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');

  const samples: Awaited<ReturnType<typeof measure>>[] = [];
  for (let elapsed = STEP_MS; elapsed < total; elapsed += STEP_MS) {
    await page.clock.runFor(STEP_MS);
    const shown = await page.evaluate(() => ({
      at: performance.now(),
      text: document.querySelector('[role="timer"]')?.textContent?.trim() ?? null,
    }));
    expect(shown.at - run.startedAt).toBe(elapsed);
    expect(shown.text, `the time shown ${elapsed / 1000} s in`).toBe(expectedText(run, elapsed));
    await logQuiet(page);
    if (elapsed % SAMPLE_EVERY_MS === 0) {
      const done = roundsDone(run, elapsed);
      expect((await page.evaluate(readLog)).rounds, `rounds in the log at ${elapsed / 60_000} min`).toBe(done);
      samples.push(await measure(cdp));
    }
  }
  // The last second is on screen until the very end, and the finish screen from the very end.
  await page.clock.runFor(STEP_MS - 1);
  await expect(runTimer(page)).toHaveText('0:01');
  await page.clock.runFor(1);
  await expect(page.getByRole('heading', { level: 1, name: 'Workout complete' })).toBeVisible();
  expect(await page.evaluate(() => performance.now())).toBe(run.startedAt + total);
  await expect(stat(page, 'Time')).toHaveText('3:00:00');
  await expect
    .poll(async () => await page.evaluate(readLog), { timeout: 10_000 })
    .toEqual({
      rounds: 60,
      statuses: ['completed'],
    });

  // After the first sample (9 minutes in, the warm-up), the page stays within a small fixed bound.
  expect(samples).toHaveLength(19);
  const [first] = samples;
  for (const s of samples) {
    expect(s.heap - first!.heap).toBeLessThanOrEqual(HEAP_BOUND_BYTES);
    expect(s.nodes).toBe(first!.nodes);
    expect(s.listeners).toBe(first!.listeners);
    expect(s.documents).toBe(first!.documents);
  }
});
