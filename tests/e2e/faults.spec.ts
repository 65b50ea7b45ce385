// What real devices do to a running workout: sleep with the screen off, a crash, a closed or reloaded
// tab, storage that is full, refused or held by an older tab. The run keeps to the workout the person
// is really doing, loses no round, and says what happened. (Sound suspended mid-workout: cues.spec.ts;
// a new version arriving mid-workout: update.spec.ts.)
import { expect, test, type Page } from '@playwright/test';
import { expectPart, openLibrary, openRun, putCircuit, readLog, runTimer, startPreset } from './flows';

/** A round is in the log this soon after it ends (a write after the end instant, and its commit). */
const ROUND_SAVED_WITHIN_MS = 250;

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

/** A seeded pseudo-random generator (mulberry32): the same seed gives the same faults, to replay a failure. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

/** "Fault rows": 1 s get-ready, then 6 rounds of rows 3 s / rest 1 s (round r ends at 4r s), then 2 s of cool-down. */
function insertFaultRows(page: Page): Promise<void> {
  return putCircuit(page, {
    schemaVersion: 1,
    id: 'fault-rows',
    name: 'Fault rows',
    description: '',
    prepSeconds: 1,
    warmUpSeconds: 0,
    coolDownSeconds: 2,
    switchSidesSeconds: 5,
    updatedAt: Date.now(),
    blocks: [
      {
        id: 'b',
        name: 'Main',
        rounds: 6,
        restBetweenRoundsSeconds: 0,
        restAfterSeconds: 0,
        pace: null,
        steps: [
          {
            id: 's',
            exercise: { id: null, name: 'Rows', perSide: false, tips: [] },
            mode: 'time',
            workSeconds: 3,
            reps: null,
            restSeconds: 1,
          },
        ],
      },
    ],
  });
}

interface StoredRun {
  events: { type: string; at: number }[];
  lastKnownMs: number;
}
interface LoggedSession {
  id: string;
  status: string;
  run: StoredRun;
}

/** A stored run's active time (pauses left out) at its last known instant. */
function activeAt({ events, lastKnownMs }: StoredRun): number {
  let paused = 0;
  let pausedAt: number | null = null;
  for (const e of events) {
    if (e.type === 'pause' && pausedAt === null) pausedAt = e.at;
    else if (e.type === 'resume' && pausedAt !== null) {
      paused += e.at - pausedAt;
      pausedAt = null;
    }
  }
  if (pausedAt !== null) paused += lastKnownMs - pausedAt;
  return lastKnownMs - paused;
}
interface LoggedRound {
  id: string;
  sessionId: string;
  blockIndex: number;
  round: number;
}

/** What the log holds, read with the raw IndexedDB API. */
const readFaultLog = (page: Page) => readLog<LoggedSession, LoggedRound>(page);

/**
 * Waits in the page until the run's active time (pauses left out) reaches `targetMs`, and returns it
 * then, so the test can fault the page at once. With no target, returns the active time now.
 */
function activeTime(page: Page, targetMs = -Infinity): Promise<number> {
  return page.evaluate(
    (target) =>
      new Promise<number>((resolve) => {
        const active = () => {
          const run = window.__circuitTimer!.run as { startedAt: number; events: { type: string; at: number }[] };
          const now = performance.now();
          let paused = 0;
          let pausedAt: number | null = null;
          for (const e of run.events) {
            if (e.type === 'pause' && pausedAt === null) pausedAt = e.at;
            else if (e.type === 'resume' && pausedAt !== null) {
              paused += e.at - pausedAt;
              pausedAt = null;
            }
          }
          if (pausedAt !== null) paused += now - pausedAt;
          return now - run.startedAt - paused;
        };
        const check = () => {
          const t = active();
          if (t >= target) resolve(t);
          else setTimeout(check, Math.min(20, Math.max(1, target - t - 2)));
        };
        check();
      }),
    targetMs,
  );
}

type Fault = 'close' | 'crash' | 'reload';

test('closed, crashed or reloaded at 20 random instants, the workout resumes within 1 s of where it was and logs each round once', async ({
  page,
  context,
}, testInfo) => {
  test.skip(testInfo.project.name !== 'desktop', 'runs about a minute in real time: once is enough');
  test.setTimeout(240_000);
  const seed = Number(process.env.FAULTS_SEED ?? Math.floor(Math.random() * 2 ** 32));
  testInfo.annotations.push({ type: 'seed', description: `${seed} (replay with FAULTS_SEED=${seed})` });
  const random = seeded(seed);

  // Another tab of the app stays open throughout: a crash of the workout's page must not take it down.
  const bystander = page;
  await openLibrary(bystander);
  await insertFaultRows(bystander);
  let run = await context.newPage();
  await run.goto('/#/run/fault-rows');
  await run.getByRole('button', { name: 'Start' }).click();
  const { segments } = await run.evaluate(
    () => window.__circuitTimer!.run as { segments: { kind: string; start: number; duration: number }[] },
  );
  const roundEnds = segments.filter((s) => s.kind === 'work').map((s) => s.start + s.duration);
  const last = segments.at(-1)!;
  const totalMs = last.start + last.duration;
  // One instant in each twentieth of the workout, at random within it.
  const slot = (totalMs - 600) / 20;
  const instants = Array.from({ length: 20 }, (_, i) => Math.round(300 + slot * (i + random())));
  const kinds: Fault[] = ['close', 'crash', 'reload'];
  let sessionId: string | null = null;

  for (const [i, instant] of instants.entries()) {
    const kind = kinds[i % 3]!;
    const step = `fault ${i + 1} (${kind}) at ${instant} ms, seed ${seed}`;
    const before = await activeTime(run, instant);
    // The page runs on until the fault has landed: up to this much later (a close or reload takes a moment).
    const faultStart = Date.now();
    if (kind === 'reload') {
      await run.reload({ waitUntil: 'commit' });
    } else if (kind === 'close') {
      await run.close();
    } else {
      const cdp = await context.newCDPSession(run);
      const crashed = new Promise<void>((resolve) => run.once('crash', () => resolve()));
      void cdp.send('Page.crash').catch(() => {}); // never answers: the renderer is gone
      await crashed;
    }
    const gone = before + (Date.now() - faultStart);
    if (kind === 'close') {
      run = await context.newPage();
      await run.goto('/#/'); // the library offers the interrupted workout
    } else if (kind === 'crash') {
      await run.close();
      expect(await bystander.evaluate(() => document.title), `${step}: the other tab lives on`).not.toBe('');
      run = await context.newPage();
      await run.goto('/#/run/fault-rows'); // the circuit's ready screen offers it too
    }

    // Back on the resume screen (a reload there), or offered the workout to resume.
    const offer = run.getByRole('region', { name: 'Interrupted workout' });
    const resumeButton = run.getByRole('button', { name: 'Resume', exact: true });
    await expect(offer.or(resumeButton), step).toBeVisible();
    const log = await readFaultLog(run);
    expect(
      log.sessions.map((s) => s.status),
      step,
    ).toEqual(['running']);
    const [open] = log.sessions;
    sessionId ??= open!.id;
    expect(open!.id, step).toBe(sessionId);
    // Where it will resume: the run's active time at its last known instant.
    const position = activeAt(open!.run);
    expect(Math.abs(position - before), `${step}: resumes within 1 s (at ${position} ms)`).toBeLessThanOrEqual(1000);
    // Each completed round exactly once; every round that ended before the fault is there.
    const logged = log.rounds.map((r) => `${r.sessionId}/${r.blockIndex}/${r.round}`);
    expect(new Set(logged).size, step).toBe(logged.length);
    expect(
      log.rounds.every((r) => r.sessionId === sessionId && r.id === `${r.sessionId}/${r.blockIndex}/${r.round}`),
      step,
    ).toBe(true);
    const rounds = log.rounds.map((r) => r.round).sort((a, b) => a - b);
    const mustHave = roundEnds.filter((end) => end <= Math.max(position, before - ROUND_SAVED_WITHIN_MS)).length;
    const mayHave = roundEnds.filter((end) => end <= gone + 5).length;
    expect(rounds.slice(0, mustHave), `${step}: rounds done by then are logged`).toEqual(
      Array.from({ length: mustHave }, (_, r) => r + 1),
    );
    expect(rounds.length, `${step}: no round logged before it ended`).toBeLessThanOrEqual(mayHave);

    if (await offer.isVisible()) await offer.getByRole('link', { name: 'Resume Fault rows' }).click();
    await expect(resumeButton, step).toBeVisible();
    await expect(run.getByText('Paused', { exact: true }).first()).toBeVisible();
    // The run is put back paused at that instant: no time passed while the page was down.
    expect(Math.abs((await activeTime(run)) - position), `${step}: paused where it was saved`).toBeLessThan(2);
    await resumeButton.click();
    await expect(run.getByRole('button', { name: 'Pause' })).toBeVisible();
  }

  await expect(run.getByRole('heading', { level: 1, name: 'Workout complete' })).toBeVisible({ timeout: 20_000 });
  await expect.poll(async () => (await readFaultLog(run)).sessions.map((s) => s.status)).toEqual(['completed']);
  const { rounds } = await readFaultLog(run);
  expect(rounds.map((r) => [r.sessionId, r.blockIndex, r.round]).sort()).toEqual(
    [1, 2, 3, 4, 5, 6].map((round) => [sessionId, 0, round]),
  );
});

/** The run screen's message when the log cannot be written. */
const logBanner = (page: Page) => page.getByRole('alert').filter({ hasText: 'The log is not being saved' });

test('the disk fills up mid-workout: the timer keeps going, the run says why, and the rounds are written once there is space', async ({
  page,
}) => {
  // Every write fails while the page says the disk is full, as IndexedDB does when the quota is exceeded.
  await page.addInitScript(() => {
    const store = IDBObjectStore.prototype;
    const failing = <A extends unknown[], R>(write: (this: IDBObjectStore, ...args: A) => R) =>
      function (this: IDBObjectStore, ...args: A): R {
        if ((window as unknown as { diskFull?: boolean }).diskFull)
          throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
        return write.apply(this, args);
      };
    Object.assign(store, { put: failing(store.put), add: failing(store.add) });
  });
  await openLibrary(page);
  await insertFaultRows(page);
  await openRun(page, 'fault-rows');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.clock.runFor(5000); // round 1 ends at 4 s
  await expect.poll(async () => (await readFaultLog(page)).rounds.map((r) => r.round)).toEqual([1]);

  await page.evaluate(() => Object.assign(window, { diskFull: true }));
  await page.clock.runFor(4000); // round 2 ends at 8 s
  await expect(logBanner(page)).toHaveText(
    'The log is not being saved: this device is out of storage space: free some space, then try again. The timer keeps going, and saving is tried again.',
  );
  await expectPart(page, { phase: 'Work', round: '3/6', timer: '0:03' }); // 9 s in: round 3's work began at 9 s
  await page.clock.runFor(4000);
  await expectPart(page, { phase: 'Work', round: '4/6', timer: '0:03' });
  const during = await readFaultLog(page);
  expect(during.rounds.map((r) => r.round)).toEqual([1]);
  const savedBefore = during.sessions[0]!.run.lastKnownMs;
  expect(savedBefore).toBeLessThan(5500);

  // Space is freed: the next check writes the rounds missed, once each, and the progress; the message goes.
  await page.evaluate(() => Object.assign(window, { diskFull: false }));
  await page.clock.runFor(500);
  await expect(logBanner(page)).toHaveCount(0);
  await expect.poll(async () => (await readFaultLog(page)).rounds.map((r) => r.round).sort()).toEqual([1, 2, 3]);
  const [after] = (await readFaultLog(page)).sessions;
  expect(after!.run.lastKnownMs).toBeGreaterThan(13_000);
});

test('IndexedDB refused at Start: the timer keeps going, the run says why, and the log catches up once it opens', async ({
  page,
}) => {
  // As in a private window that refuses storage, until the page says it is allowed.
  await page.addInitScript(() => {
    const w = window as unknown as { storageRefused: boolean };
    w.storageRefused = true;
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = function (this: IDBFactory, ...args: Parameters<IDBFactory['open']>) {
      if (w.storageRefused)
        throw new DOMException('The user denied permission to access the database.', 'SecurityError');
      return open.apply(this, args);
    };
  });
  await openRun(page, 'tabata-beginner');
  await page.getByRole('button', { name: 'Start' }).click();
  await expect(logBanner(page)).toContainText('this browser does not allow saving here');
  await page.clock.runFor(5000);
  await expectPart(page, { phase: 'Get ready', timer: '0:05' });

  await page.evaluate(() => Object.assign(window, { storageRefused: false }));
  await page.clock.runFor(1000);
  await expect(logBanner(page)).toHaveCount(0);
  await expect.poll(async () => (await readFaultLog(page)).sessions.map((s) => s.status)).toEqual(['running']);
  const [session] = (await readFaultLog(page)).sessions;
  expect(session!.run.lastKnownMs).toBeGreaterThanOrEqual(5500);
});

test('an older version open in another tab blocks the upgrade: the timer keeps going, the run says which tab to close, and saving resumes once it is closed', async ({
  page,
  context,
}) => {
  // The older tab: version 1 of the database (circuits only), held open with no versionchange handler.
  const older = await context.newPage();
  await older.goto('/favicon.svg'); // same origin, none of the app's code
  await older.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const request = indexedDB.open('circuit-timer', 1);
        request.onupgradeneeded = () =>
          request.result.createObjectStore('circuits', { keyPath: 'id' }).createIndex('by-updated', 'updatedAt');
        request.onsuccess = () => {
          Object.assign(window, { olderConnection: request.result });
          resolve();
        };
        request.onerror = () => reject(request.error);
      }),
  );

  await openRun(page, 'tabata-beginner');
  await page.getByRole('button', { name: 'Start' }).click();
  await page.clock.runFor(4000); // the app waits 3 s for the older tab before saying so
  await expect(logBanner(page)).toHaveText(
    'The log is not being saved: Circuit Timer is open in another tab with an older version: close that tab to keep saving. The timer keeps going, and saving is tried again.',
  );
  await expectPart(page, { phase: 'Get ready', timer: '0:06' });
  await page.clock.runFor(3000);
  await expectPart(page, { phase: 'Get ready', timer: '0:03' });

  // The older tab closes its connection: the waiting upgrade runs, and the next check saves the workout.
  await older.evaluate(() => (window as unknown as { olderConnection: IDBDatabase }).olderConnection.close());
  // The upgrade takes a moment of its own: a check before it is done is refused as before, the next one saves.
  await expect
    .poll(async () => {
      await page.clock.runFor(500);
      return logBanner(page).count();
    })
    .toBe(0);
  await expect.poll(async () => (await readFaultLog(page)).sessions.map((s) => s.status)).toEqual(['running']);
  const [session] = (await readFaultLog(page)).sessions;
  expect(session!.run.lastKnownMs).toBeGreaterThanOrEqual(7000);
});
