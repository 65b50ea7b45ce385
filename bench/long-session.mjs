// Long session: a 3-hour circuit run in headless Chromium on Playwright's fake clock (the page's timers,
// animation frames and performance.now() move only when the bench moves them), 30 s at a time. At every step
// the shown time must equal the time left by the timeline (zero drift); every 9 minutes (3 rounds) the
// bench forces a garbage collection and reads CDP Performance.getMetrics, so a leak shows as growth of the JS
// heap, DOM nodes, listeners or documents; the log must hold as many rounds as were done.
// Env: BENCH_QUICK=1 (1 hour instead of 3), BENCH_LONG_MINUTES (30…180, a multiple of 3).
import { setTimeout as sleep } from 'node:timers/promises';
import { cell, launchVisible, plain, readRunInPage, round1, storeCircuit } from './browser.mjs';

export const title = 'Long session (3 h on the fake clock)';

const STEP_MS = 30_000;
/** Every 3 rounds, so that every sample finds the same screen: the rest after a round, 10 s after it was done. */
const WARM_UP_MS = 9 * 60_000;
const SAMPLE_EVERY_MS = 9 * 60_000;
/**
 * The log writes to the real IndexedDB while the fake clock races ahead: after each step the bench waits (in
 * real time, the page's clock held) until no IndexedDB transaction has been in flight for LOG_QUIET_MS, at
 * most LOG_SETTLE_MS. Racing on would queue thousands of writes that no real workout makes, and measure that
 * queue as heap growth.
 */
const LOG_QUIET_MS = 60;
const LOG_SETTLE_MS = 10_000;
/** 10 s get-ready and 10 s cool-down round the rounds' 179:40 to exactly 3:00:00, and keep every sample off a round's end. */
const PREP_SECONDS = 10;
const COOL_DOWN_SECONDS = 10;
const TARGET_HEAP_GROWTH_BYTES = 2 * 1024 * 1024;
const TARGET_NODES_GROWTH = 10;
const TARGET_LISTENERS_GROWTH = 5;

function config() {
  const quick = process.env.BENCH_QUICK === '1';
  const minutes = Number(process.env.BENCH_LONG_MINUTES ?? (quick ? 60 : 180));
  if (!Number.isInteger(minutes) || minutes < 30 || minutes > 180 || minutes % 3 !== 0)
    throw new Error(`BENCH_LONG_MINUTES must be a multiple of 3 from 30 to 180, got ${minutes}`);
  return { quick, minutes, rounds: minutes / 3, stepMs: STEP_MS, warmUpMs: WARM_UP_MS, sampleEveryMs: SAMPLE_EVERY_MS };
}

function longCircuit(rounds) {
  const now = Date.now();
  const step = (id, name) => ({
    id,
    exercise: { id: null, name, perSide: false, tips: [] },
    mode: 'time',
    workSeconds: 40,
    reps: null,
    restSeconds: 20,
  });
  return {
    schemaVersion: 1,
    id: 'bench-long-session',
    name: `Bench ${rounds * 3} min`,
    description: '',
    prepSeconds: PREP_SECONDS,
    warmUpSeconds: 0,
    coolDownSeconds: COOL_DOWN_SECONDS,
    switchSidesSeconds: 5,
    createdAt: now,
    updatedAt: now,
    blocks: [
      {
        id: 'b0',
        name: 'Main',
        rounds,
        restBetweenRoundsSeconds: 0,
        restAfterSeconds: 0,
        pace: null,
        steps: [step('s0', 'Squat'), step('s1', 'Push-up'), step('s2', 'Row')],
      },
    ],
  };
}

// ---- Expected display (mirrors src/engine/format.ts on purpose: independent of the app) -------------------

const displaySeconds = (remainingMs) => Math.max(0, Math.ceil(remainingMs / 1000 - 1e-9));
const formatClock = (seconds) => {
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
};

/** The timer text due `elapsed` ms after the start, or null once the run has ended. */
function expectedText(segments, elapsed) {
  for (const seg of segments)
    if (elapsed >= seg.start && elapsed < seg.start + seg.duration)
      return formatClock(displaySeconds(seg.start + seg.duration - elapsed));
  return null;
}

/** Rounds whose three work segments have all ended `elapsed` ms after the start. */
function roundsDoneAt(segments, elapsed) {
  const worksEnded = segments.filter((s) => s.kind === 'work' && s.start + s.duration <= elapsed).length;
  return Math.floor(worksEnded / 3);
}

// ---- In the page ------------------------------------------------------------------------------------------

function readShownInPage() {
  const timer = document.querySelector('[role="timer"][aria-label="Time remaining"]');
  return { now: performance.now(), text: timer ? (timer.textContent ?? '').trim() : null };
}

/** The log as stored: rounds written, the session's status and last save (a fresh context holds only this run). */
function readLogInPage() {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open('circuit-timer');
    req.onerror = () => reject(new Error(`open circuit-timer: ${req.error?.name ?? 'error'}`));
    req.onsuccess = () => {
      const db = req.result;
      const tx = db.transaction(['sessions', 'rounds'], 'readonly');
      const rounds = tx.objectStore('rounds').count();
      const sessions = tx.objectStore('sessions').getAll();
      tx.oncomplete = () => {
        db.close();
        resolve({
          rounds: rounds.result,
          sessions: sessions.result.map((s) => ({ status: s.status })),
        });
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

// ---- Driving the app --------------------------------------------------------------------------------------

async function metrics(cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(list.map((x) => [x.name, x.value]));
  return {
    heap: m.JSHeapUsedSize,
    nodes: m.Nodes,
    listeners: m.JSEventListeners,
    documents: m.Documents,
    frames: m.Frames,
  };
}

/** Counts the page's IndexedDB transactions in flight (installed before the app loads). */
function countTransactionsInPage() {
  const open = IDBDatabase.prototype.transaction;
  window.__benchIdb = { inFlight: 0, last: 0 };
  IDBDatabase.prototype.transaction = function (...args) {
    const tx = open.apply(this, args);
    const idb = window.__benchIdb;
    idb.inFlight++;
    const done = () => {
      idb.inFlight--;
      idb.last = performance.timeOrigin + performance.now();
    };
    tx.addEventListener('complete', done);
    tx.addEventListener('abort', done);
    return tx;
  };
}

/** The log as stored once it is quiet: `rounds` written and no write in flight, or the session closed at the end. */
async function logSettled(page, rounds, ended = false) {
  const started = Date.now();
  let quietSince = null;
  for (;;) {
    const log = await page.evaluate(readLogInPage);
    const inFlight = await page.evaluate(() => window.__benchIdb.inFlight);
    const waitedMs = Date.now() - started;
    const session = log.sessions[0];
    // The bench's own read is the one transaction in flight while it reads.
    quietSince = inFlight === 0 ? (quietSince ?? Date.now()) : null;
    const quiet = quietSince !== null && Date.now() - quietSince >= LOG_QUIET_MS;
    const closed = !ended || session?.status === 'completed';
    if ((log.rounds >= rounds && quiet && closed) || waitedMs > LOG_SETTLE_MS) return { ...log, waitedMs };
    await sleep(10);
  }
}

async function measure(baseURL, cfg, log) {
  const browser = await launchVisible();
  const circuit = longCircuit(cfg.rounds);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.clock.install();
    await page.addInitScript(countTransactionsInPage);
    await storeCircuit(page, baseURL, circuit);
    await page.goto(`${baseURL}/#/run/${circuit.id}`);
    await page.getByRole('button', { name: 'Start' }).waitFor({ timeout: 15_000 });
    const now = await page.evaluate(() => Date.now());
    await page.clock.pauseAt(now + 1000);
    await page.getByRole('button', { name: 'Start' }).click();
    await page.getByRole('timer', { name: 'Time remaining' }).waitFor({ timeout: 5000 });
    const run = await page.evaluate(readRunInPage);
    const total = Math.max(...run.segments.map((s) => s.start + s.duration));
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    log(`  ${formatClock(total / 1000)} circuit started on the fake clock`);

    const mismatches = [];
    const samples = [];
    const logChecks = [];
    let checks = 0;
    const logWaits = [];
    const started = Date.now();
    let elapsed = 0;
    const check = async () => {
      const shown = await page.evaluate(readShownInPage);
      const at = shown.now - run.startedAt;
      const expected = expectedText(run.segments, at);
      checks++;
      if (shown.text !== expected) mismatches.push({ atMs: round1(at), shown: shown.text, expected });
      return at;
    };
    // Runs to 1 ms before the end: the last second must still be on screen.
    while (elapsed < total - 1) {
      const step = Math.min(cfg.stepMs, total - 1 - elapsed);
      await page.clock.runFor(step);
      elapsed += step;
      const at = await check();
      if (Math.abs(at - elapsed) > 0.5)
        throw new Error(`the page's clock is at ${at} ms, the bench's at ${elapsed} ms`);
      const expectedRounds = roundsDoneAt(run.segments, elapsed);
      const stored = await logSettled(page, expectedRounds);
      logWaits.push(stored.waitedMs);
      if (elapsed >= cfg.warmUpMs && (elapsed - cfg.warmUpMs) % cfg.sampleEveryMs === 0) {
        logChecks.push({
          atMin: elapsed / 60_000,
          written: stored.rounds,
          done: expectedRounds,
          waitedMs: stored.waitedMs,
        });
        samples.push({ atMin: elapsed / 60_000, ...(await metrics(cdp)) });
        log(
          `  ${elapsed / 60_000} min: heap ${mb(samples.at(-1).heap)}, ${samples.at(-1).nodes} nodes, ` +
            `${samples.at(-1).listeners} listeners; ${stored.rounds}/${expectedRounds} rounds in the log ` +
            `(${Math.round((Date.now() - started) / 1000)} s so far)`,
        );
      }
    }
    const lastText = (await page.evaluate(readShownInPage)).text;
    await page.clock.runFor(1);
    const heading = page.getByRole('heading', { level: 1 });
    await heading.filter({ hasText: 'Workout complete' }).waitFor({ timeout: 5000 });
    const finishedAfterMs = (await page.evaluate(() => performance.now())) - run.startedAt;
    const shownTotal = await page
      .getByRole('term')
      .filter({ hasText: /^Time$/ })
      .locator('xpath=following-sibling::dd[1]')
      .textContent();
    const final = await logSettled(page, cfg.rounds, true);
    const finalSample = await metrics(cdp);
    const runAfter = await page.evaluate(readRunInPage);
    const seconds = (Date.now() - started) / 1000;
    return {
      chromium: browser.version(),
      totalMs: total,
      checks,
      mismatches,
      lastText,
      finishedAfterMs,
      shownTotal: shownTotal?.trim() ?? null,
      expectedTotal: formatClock(total / 1000),
      interruptions: runAfter.events.filter((e) => e.type !== 'done').length,
      samples,
      logChecks,
      finalLog: { ...final, done: cfg.rounds },
      logWaitMs: { total: logWaits.reduce((a, b) => a + b, 0), max: Math.max(...logWaits) },
      finalSample,
      seconds: round1(seconds),
      speedUp: Math.round(total / 1000 / seconds),
    };
  } finally {
    await browser.close();
  }
}

// ---- Report -----------------------------------------------------------------------------------------------

function growth(samples, key) {
  if (samples.length < 2) return null;
  const first = samples[0][key];
  return { first, last: samples.at(-1)[key], max: Math.max(...samples.map((s) => s[key] - first)) };
}

const mb = (bytes) => (bytes === null || bytes === undefined ? '–' : `${(bytes / 1024 / 1024).toFixed(2)} MB`);

function markdown(cfg, r) {
  const lines = [
    `Circuit: ${PREP_SECONDS} s get-ready, ${cfg.rounds} rounds × 3 × (40 s work + 20 s rest) without the last rest, ` +
      `${COOL_DOWN_SECONDS} s cool-down = ` +
      `${formatClock(r.totalMs / 1000)}, run on Playwright's fake clock in ${r.seconds} s (${r.speedUp}× speed).`,
    `The shown time was checked against the timeline every ${cfg.stepMs / 1000} s (${r.checks} checks); after a ` +
      `${cfg.warmUpMs / 60_000}-minute warm-up, CDP Performance.getMetrics after a forced GC every ` +
      `${cfg.sampleEveryMs / 60_000} minutes (3 rounds: the same point of a round each time). After every step the` +
      ` clock waited for the log's IndexedDB writes to catch up (no transaction for ${LOG_QUIET_MS} ms):` +
      ` ${round1(r.logWaitMs.total / 1000)} s in all, at most ${r.logWaitMs.max} ms.`,
    '',
    '| at (min) | JS heap used | DOM nodes | JS listeners | documents | rounds in the log / done (real ms to catch up) |',
    '| --- | --- | --- | --- | --- | --- |',
    ...r.samples.map((s, i) => {
      const l = r.logChecks[i];
      return `| ${s.atMin} | ${mb(s.heap)} | ${s.nodes} | ${s.listeners} | ${s.documents} | ${l.written} / ${l.done} (${l.waitedMs}) |`;
    }),
    `| finish screen | ${mb(r.finalSample.heap)} | ${r.finalSample.nodes} | ${r.finalSample.listeners} | ${r.finalSample.documents} | ${r.finalLog.rounds} / ${r.finalLog.done} |`,
    '',
    `Last second on screen 1 ms before the end: ${cell(r.lastText)}; the finish screen appeared ` +
      `${round1(r.finishedAfterMs - r.totalMs)} ms after the timeline's end and shows Time ${cell(r.shownTotal)} ` +
      `(timeline ${r.expectedTotal}). Log at the end: ${r.finalLog.rounds} / ${r.finalLog.done} rounds, session ` +
      `${r.finalLog.sessions.map((s) => s.status).join(', ') || 'missing'}.`,
  ];
  if (r.mismatches.length)
    lines.push(
      '',
      `Shown time wrong at ${r.mismatches.length} checks: ` +
        r.mismatches
          .slice(0, 10)
          .map((m) => `${m.atMs / 1000} s showed ${cell(m.shown)} for ${cell(m.expected)}`)
          .join('; ') +
        '.',
    );
  if (r.interruptions) lines.push('', `Note: the run log has ${r.interruptions} pause/skip events.`);
  return lines.join('\n');
}

/** Called by bench/run.mjs with the address of a preview server of the production build. */
export async function run({ baseURL, log = console.log }) {
  const cfg = config();
  let r;
  try {
    r = await measure(baseURL, cfg, log);
  } catch (error) {
    return {
      name: 'long-session',
      title,
      config: cfg,
      error: plain(error.stack ?? String(error)),
      targets: [],
    };
  }
  const heap = growth(r.samples, 'heap');
  const nodes = growth(r.samples, 'nodes');
  const listeners = growth(r.samples, 'listeners');
  const documents = growth(r.samples, 'documents');
  const logOk = r.logChecks.every((l) => l.written === l.done) && r.finalLog.rounds === r.finalLog.done;
  const targets = [
    {
      name: 'zero drift: shown time = timeline at every check, finish at the end',
      target: '0 wrong, finish at +0 ms',
      actual: `${r.mismatches.length} wrong of ${r.checks}, finish at +${round1(r.finishedAfterMs - r.totalMs)} ms, Time ${cell(r.shownTotal)}`,
      pass:
        r.mismatches.length === 0 &&
        r.lastText === '0:01' &&
        r.finishedAfterMs === r.totalMs &&
        r.shownTotal === r.expectedTotal,
    },
    {
      name: 'JS heap growth after warm-up (max over samples)',
      target: `≤ ${mb(TARGET_HEAP_GROWTH_BYTES)}`,
      actual: heap ? `${mb(heap.max)} (${mb(heap.first)} → ${mb(heap.last)})` : 'no samples',
      pass: !!heap && heap.max <= TARGET_HEAP_GROWTH_BYTES,
    },
    {
      name: 'DOM nodes · listeners · documents growth after warm-up',
      target: `≤ ${TARGET_NODES_GROWTH} · ${TARGET_LISTENERS_GROWTH} · 0`,
      actual: nodes ? `${nodes.max} · ${listeners.max} · ${documents.max}` : 'no samples',
      pass:
        !!nodes && nodes.max <= TARGET_NODES_GROWTH && listeners.max <= TARGET_LISTENERS_GROWTH && documents.max <= 0,
    },
    {
      name: 'rounds in the log = rounds done, at every sample and the end',
      target: 'equal',
      actual: `${r.finalLog.rounds} / ${r.finalLog.done} at the end${logOk ? '' : ', a sample differed'}`,
      pass: logOk,
    },
  ];
  return {
    name: 'long-session',
    title,
    config: cfg,
    results: r,
    targets,
    markdown: markdown(cfg, r),
  };
}
