// History with a log of years: fills the app's IndexedDB with 10 000 sessions and 100 000 rounds (raw API, in
// the page), then times opening the History screen until its weekly chart and the first workouts are painted
// (warm from the library, and cold by reloading on #/history), and the latency of a round write and of a
// progress save through the app's own WorkoutLogRepository (window.__circuitTimerLog) with all of that stored.
// Env: BENCH_QUICK=1 (1 000 sessions / 10 000 rounds), BENCH_HISTORY_SESSIONS, BENCH_HISTORY_WEEKS (span of
// the log, default 104: 10 000 sessions in two years are ~96 a week; 2500 gives one person's 3–5 a week),
// BENCH_OPENS (warm opens, default 7), BENCH_COLD_OPENS (reloads on #/history, default 7), BENCH_WRITES
// (default 500), BENCH_HISTORY_TRACE=<dir> (a Chromium trace of each cold open; slows it, figures not comparable).
import fs from 'node:fs';
import path from 'node:path';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { cell, launchVisible, median, plain, quantile, round1 } from './browser.mjs';

export const title = 'History with a log of years';

/** Every open, warm (library → History) and cold (a reload on History): chart and first workouts painted. */
const TARGET_OPEN_MS = 150;
/** p99 of addRound: one durable (strict) transaction per round, as a running workout writes them. */
const TARGET_WRITE_P99_MS = 20;
/** Rounds per session: 100 000 rounds for 10 000 sessions, as the issue asks. */
const ROUNDS_PER_SESSION = 10;
/** Records (sessions and rounds together) per generating transaction. */
const BATCH = 2000;
const PROGRESS_SAVES = 200;
/** Share of sessions ended early (they planned more rounds than the 10 they logged). */
const ABANDONED_SHARE = 0.08;
const LIBRARY_HEADING = 'Circuits';
/** The chart's <title> in src/components/HistoryStats.svelte. */
const CHART_TITLE = 'Rounds per week, last 12 weeks';
/** The heading of the list of sessions in src/screens/History.svelte. */
const LIST_HEADING = 'Workouts';
/** A phone-sized viewport, as in budgets.mjs: the list lays out as it would on a phone. */
const VIEWPORT = { width: 412, height: 823 };
const SEED = 20_251_125;
/** Idle on the library before the writes (after a reload), as a page would be before a workout starts. */
const SETTLE_BEFORE_WRITES_MS = 3000;

function intEnv(name, fallback, min, max) {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < min || value > max)
    throw new Error(`${name} must be a whole number from ${min} to ${max}, got ${process.env[name]}`);
  return value;
}

function config() {
  const quick = process.env.BENCH_QUICK === '1';
  const sessions = intEnv('BENCH_HISTORY_SESSIONS', quick ? 1000 : 10_000, 10, 100_000);
  return {
    quick,
    sessions,
    rounds: sessions * ROUNDS_PER_SESSION,
    roundsPerSession: ROUNDS_PER_SESSION,
    weeks: intEnv('BENCH_HISTORY_WEEKS', 104, 13, 5000),
    abandonedShare: ABANDONED_SHARE,
    batch: BATCH,
    opens: intEnv('BENCH_OPENS', 7, 1, 50),
    coldOpens: intEnv('BENCH_COLD_OPENS', 7, 1, 50),
    writes: intEnv('BENCH_WRITES', 500, 10, 2000),
    progressSaves: PROGRESS_SAVES,
    seed: SEED,
  };
}

// ---- Circuits the sessions ran ----------------------------------------------------------------------------
// Sessions keep a snapshot of their circuit, and the log's checks (src/storage/log-schema.ts) parse it with
// the circuit rules, so these have the shape of the presets in src/data/presets.ts, tips included (they are
// most of a session record's size). Each runs 10 rounds in all.

const exercise = (id, name, perSide = false) => ({
  id,
  name,
  perSide,
  tips: [
    `Set up for the ${name.toLowerCase()} with a braced trunk and your back flat before the first rep.`,
    'Breathe out as you work and in as you return; keep your neck in line with your spine.',
    'Move under control through the whole range, and stop the set if your form breaks down.',
  ],
});

const step = (blockId, i, ex, workSeconds, restSeconds, reps = null) => ({
  id: `${blockId}-s${i}`,
  exercise: ex,
  mode: 'time',
  workSeconds,
  reps,
  restSeconds,
});

function circuit(id, name, description, blocks, extra) {
  return {
    schemaVersion: 1,
    id,
    name,
    description,
    prepSeconds: 10,
    warmUpSeconds: 180,
    coolDownSeconds: 120,
    switchSidesSeconds: 5,
    blocks,
    ...extra,
  };
}

function benchCircuits() {
  const row = exercise('barbell-bent-over-row', 'Barbell bent-over row');
  const facePull = exercise('cable-face-pull', 'Cable face pull');
  const birdDog = exercise('bird-dog', 'Bird-dog', true);
  const swing = exercise('kettlebell-swing', 'Kettlebell swing');
  const pullApart = exercise('band-pull-apart', 'Band pull-apart');
  const dbRow = exercise('single-arm-dumbbell-row', 'Single-arm dumbbell row', true);
  const bandRow = exercise('resistance-band-row', 'Resistance band row');
  const plank = exercise('plank', 'Plank');
  const carry = exercise(null, 'Sandbag carry');
  const extension = exercise('back-extension', 'Back extension');
  const rower = exercise('rowing-machine', 'Rowing machine');
  const ropes = exercise('battle-ropes', 'Battle ropes');
  const p = (id, level) => ({ presetId: id, level });
  return [
    circuit(
      'metabolic-back-intermediate',
      'Metabolic back circuit — Intermediate',
      'Bent-over rows, cable face pulls and bird-dogs back to back with little rest: 10 rounds of 30 s work and 15 s rest per exercise.',
      [
        {
          id: 'metabolic-back-intermediate-b0',
          name: 'Rows, face pulls, bird-dogs',
          steps: [row, facePull, birdDog].map((ex, i) => step('metabolic-back-intermediate-b0', i, ex, 30, 15)),
          rounds: 10,
          restBetweenRoundsSeconds: 60,
          restAfterSeconds: 0,
          pace: { ratio: '2:1', intervalSeconds: 45 },
        },
      ],
      p('metabolic-back-intermediate', 'intermediate'),
    ),
    circuit(
      'emom-intermediate',
      'EMOM — Intermediate',
      'Start a set at the top of every minute, alternating 15 kettlebell swings and 15 band pull-aparts inside 40 s.',
      [
        {
          id: 'emom-intermediate-b0',
          name: 'Every minute on the minute',
          steps: [
            step('emom-intermediate-b0', 0, swing, 40, 20, 15),
            step('emom-intermediate-b0', 1, pullApart, 40, 20, 15),
          ],
          rounds: 10,
          restBetweenRoundsSeconds: 0,
          restAfterSeconds: 0,
          pace: { ratio: '2:1', intervalSeconds: 60 },
        },
      ],
      p('emom-intermediate', 'intermediate'),
    ),
    circuit(
      '4b1f6a52-93c1-4d0e-9a57-2f0c8e6d1b11',
      'Back and core at home',
      'My own: rows first, then core with the sandbag.',
      [
        {
          id: 'b-pulls',
          name: 'Pulls',
          steps: [step('b-pulls', 0, dbRow, 40, 20), step('b-pulls', 1, bandRow, 40, 20)],
          rounds: 5,
          restBetweenRoundsSeconds: 60,
          restAfterSeconds: 90,
          pace: null,
        },
        {
          id: 'b-core',
          name: 'Core',
          steps: [
            step('b-core', 0, plank, 45, 15),
            step('b-core', 1, carry, 40, 20),
            step('b-core', 2, extension, 40, 20),
          ],
          rounds: 5,
          restBetweenRoundsSeconds: 60,
          restAfterSeconds: 0,
          pace: null,
        },
      ],
      { createdAt: Date.UTC(2023, 0, 8), updatedAt: Date.UTC(2023, 4, 2) },
    ),
    circuit(
      'cardio-strength-advanced',
      'Cardio-strength hybrid — Advanced',
      'Rowing machine, battle ropes and kettlebell swings to train your back while your heart rate stays up: 10 rounds of 45 s work and 15 s rest per exercise.',
      [
        {
          id: 'cardio-strength-advanced-b0',
          name: 'Row, ropes, swings',
          steps: [rower, ropes, swing].map((ex, i) => step('cardio-strength-advanced-b0', i, ex, 45, 15)),
          rounds: 10,
          restBetweenRoundsSeconds: 45,
          restAfterSeconds: 0,
          pace: { ratio: '3:1', intervalSeconds: 60 },
        },
      ],
      p('cardio-strength-advanced', 'advanced'),
    ),
  ];
}

// ---- In the page: generating the log -------------------------------------------------------------------

/**
 * Writes the log with the raw IndexedDB API into the database the app created (never creating it in its
 * place), `batch` records per transaction. Deterministic for a seed, relative to today: sessions on every
 * day of the last `weeks` weeks up to yesterday, 3 to 5 parts busy a week, one after another from early
 * morning, each with `roundsPerSession` rounds timed from its circuit; some with reps, load and effort.
 */
function generateLogInPage({ circuits, sessions: total, roundsPerSession, weeks, abandonedShare, batch, seed }) {
  let state = seed >>> 0;
  // mulberry32
  const random = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const between = (a, b) => a + (b - a) * random();
  const jitter = (ms, spread) => Math.round(ms * between(1 - spread, 1 + spread));
  const MIN = 60_000;
  const LOADED = new Set([
    'barbell-bent-over-row',
    'kettlebell-swing',
    'single-arm-dumbbell-row',
    'cable-face-pull',
    'back-extension',
  ]);
  const keysOf = (exercises) => [
    ...new Set(exercises.map((e) => e.exerciseId ?? `name:${e.name.trim().toLowerCase()}`)),
  ];

  // Sessions per week (weights 3…5, scaled to the total), then per day of the week.
  const weights = Array.from({ length: weeks }, () => between(3, 5));
  const sum = weights.reduce((a, b) => a + b, 0);
  const perWeek = weights.map((w) => Math.floor((total * w) / sum));
  const remainder = total - perWeek.reduce((a, b) => a + b, 0);
  for (let i = 0; i < remainder; i++) perWeek[weeks - 1 - (i % weeks)]++;
  const perDay = perWeek.flatMap((n) => {
    const days = Array(7).fill(Math.floor(n / 7));
    for (let extra = n % 7; extra > 0; extra--) days[Math.floor(random() * 7)]++;
    return days;
  });

  const today = new Date();
  today.setHours(0, 0, 0, 0);
  // What the chart reads (src/state/stats.ts): from Monday 00:00, 11 weeks before this week's.
  const chartFrom = new Date(today);
  chartFrom.setDate(chartFrom.getDate() - ((chartFrom.getDay() + 6) % 7) - 7 * 11);
  const inChart = { sessions: 0, rounds: 0 };
  const statuses = { completed: 0, abandoned: 0 };
  let withEntries = 0;
  // The log's totals per local week, as the app keeps them beside the log (src/storage/week-totals.ts).
  const weekTotals = new Map();
  const totals = (t, change) => {
    const d = new Date(t);
    d.setHours(0, 0, 0, 0);
    d.setDate(d.getDate() - ((d.getDay() + 6) % 7));
    const start = d.getTime();
    const week = weekTotals.get(start) ?? { start, workouts: 0, completed: 0, rounds: 0, workMs: 0 };
    for (const [key, n] of Object.entries(change)) week[key] += n;
    weekTotals.set(start, week);
  };
  let first = Infinity;
  let last = -Infinity;

  function* records() {
    for (let d = 0; d < perDay.length; d++) {
      const day = new Date(today);
      day.setDate(day.getDate() - perDay.length + d); // the last day is yesterday
      let t = day.getTime() + 6 * 60 * MIN + Math.round(between(0, 90)) * MIN;
      for (let k = 0; k < perDay[d]; k++) {
        const planned = circuits[Math.floor(random() * circuits.length)];
        const abandoned = random() < abandonedShare;
        // An abandoned session planned more rounds than it logged: two more in its last block.
        const circuit = abandoned
          ? {
              ...planned,
              blocks: planned.blocks.map((b, i) =>
                i === planned.blocks.length - 1 ? { ...b, rounds: b.rounds + 2 } : b,
              ),
            }
          : planned;
        const id = `bench-${d}-${k}-${Math.floor(random() * 1e9).toString(36)}`;
        const startedAt = t;
        let at = startedAt + (circuit.prepSeconds + circuit.warmUpSeconds) * 1000 + jitter(20_000, 0.5);
        const rounds = [];
        circuit.blocks.forEach((block, blockIndex) => {
          const logged = abandoned && blockIndex === circuit.blocks.length - 1 ? block.rounds - 2 : block.rounds;
          for (let round = 1; round <= logged; round++) {
            const exercises = block.steps.map((s, i) => {
              const plannedWorkMs = s.workSeconds * 1000 * (s.exercise.perSide ? 2 : 1);
              const lastStep = i === block.steps.length - 1;
              const plannedRestMs =
                (lastStep && block.restBetweenRoundsSeconds ? block.restBetweenRoundsSeconds : s.restSeconds) * 1000;
              const skipped = random() < 0.02;
              const workMs = skipped ? Math.round(plannedWorkMs * between(0.1, 0.6)) : jitter(plannedWorkMs, 0.02);
              const restMs = jitter(plannedRestMs, 0.05) + (s.exercise.perSide ? circuit.switchSidesSeconds * 1000 : 0);
              at += workMs + (lastStep ? 0 : restMs);
              return {
                stepId: s.id,
                exerciseId: s.exercise.id,
                name: s.exercise.name,
                perSide: s.exercise.perSide,
                plannedWorkMs,
                workMs,
                plannedRestMs,
                restMs,
                outcome: skipped ? 'skipped' : 'done',
              };
            });
            const completedAt = at;
            at += exercises.at(-1).restMs;
            const entered = random() < 0.35;
            if (entered) withEntries++;
            const loadedId = exercises.find((e) => LOADED.has(e.exerciseId))?.exerciseId;
            rounds.push({
              recordVersion: 1,
              id: `${id}/${blockIndex}/${round}`,
              sessionId: id,
              blockIndex,
              blockId: block.id,
              blockName: block.name,
              round,
              rounds: block.rounds,
              exercises,
              exerciseKeys: keysOf(exercises),
              completedAt,
              reps: entered ? 8 + Math.floor(random() * 13) : null,
              loadKg: entered && loadedId ? 2.5 * (4 + Math.floor(random() * 28)) : null,
              rpe: entered ? 6 + 0.5 * Math.floor(random() * 8) : null,
            });
          }
        });
        if (rounds.length !== roundsPerSession)
          throw new Error(`circuit ${circuit.id} logs ${rounds.length} rounds, not ${roundsPerSession}`);
        const endedAt = abandoned
          ? rounds.at(-1).completedAt + jitter(3 * MIN, 0.6)
          : at + circuit.coolDownSeconds * 1000 + jitter(15_000, 0.5);
        const paused = random() < 0.2;
        const pauseAt = Math.round((endedAt - startedAt) * between(0.2, 0.8));
        const session = {
          recordVersion: 1,
          id,
          circuitId: circuit.id,
          circuit,
          startedAt,
          endedAt,
          status: abandoned ? 'abandoned' : 'completed',
          run: {
            events: paused
              ? [
                  { type: 'pause', at: pauseAt },
                  { type: 'resume', at: pauseAt + jitter(MIN, 0.8) },
                ]
              : [],
            lastKnownMs: endedAt - startedAt,
          },
          updatedAt: endedAt,
        };
        totals(startedAt, { workouts: 1, completed: abandoned ? 0 : 1 });
        for (const r of rounds)
          totals(r.completedAt, { rounds: 1, workMs: r.exercises.reduce((sum, e) => sum + e.workMs, 0) });
        statuses[session.status]++;
        if (startedAt >= chartFrom.getTime()) inChart.sessions++;
        inChart.rounds += rounds.filter((r) => r.completedAt >= chartFrom.getTime()).length;
        first = Math.min(first, startedAt);
        last = Math.max(last, startedAt);
        yield ['sessions', session];
        for (const r of rounds) yield ['rounds', r];
        t = endedAt + Math.round(between(5, 40)) * MIN;
      }
    }
  }

  return new Promise((resolve, reject) => {
    const req = indexedDB.open('circuit-timer');
    req.onupgradeneeded = () => req.transaction.abort(); // the app has not created it yet: not in its place
    req.onerror = () => reject(new Error(`open circuit-timer: ${req.error?.name ?? 'error'}`));
    req.onsuccess = async () => {
      const db = req.result;
      try {
        if (!['sessions', 'rounds', 'weeks'].every((store) => db.objectStoreNames.contains(store)))
          throw new Error('the circuit-timer database has no sessions/rounds/weeks stores');
        const started = performance.now();
        const it = records();
        let transactions = 0;
        let written = 0;
        for (;;) {
          const chunk = [];
          for (let n = it.next(); !n.done; n = it.next()) {
            chunk.push(n.value);
            if (chunk.length >= batch) break;
          }
          if (chunk.length === 0) break;
          await new Promise((ok, fail) => {
            const tx = db.transaction(['sessions', 'rounds'], 'readwrite');
            const stores = { sessions: tx.objectStore('sessions'), rounds: tx.objectStore('rounds') };
            for (const [store, record] of chunk) stores[store].put(record);
            tx.oncomplete = ok;
            tx.onerror = () => fail(tx.error);
            tx.onabort = () => fail(tx.error ?? new Error('a generating transaction was aborted'));
          });
          transactions++;
          written += chunk.length;
        }
        await new Promise((ok, fail) => {
          const tx = db.transaction('weeks', 'readwrite');
          tx.objectStore('weeks').clear();
          for (const week of weekTotals.values()) tx.objectStore('weeks').put(week);
          tx.oncomplete = ok;
          tx.onerror = () => fail(tx.error);
        });
        transactions++;
        resolve({
          ms: performance.now() - started,
          transactions,
          records: written,
          sessions: statuses.completed + statuses.abandoned,
          rounds: written - statuses.completed - statuses.abandoned,
          statuses,
          roundsWithEntries: withEntries,
          inChart,
          firstStartedAt: first,
          lastStartedAt: last,
        });
      } catch (error) {
        reject(error);
      } finally {
        db.close();
      }
    };
  });
}

/** Through the app's own code: the first sessions and one session's rounds read back without damage. */
async function checkLogInPage() {
  const log = await window.__circuitTimerLog();
  const page = await log.listSessions({ limit: 50 });
  const first = page.sessions[0];
  const detail = first ? await log.getSession(first.id) : null;
  return {
    listed: page.sessions.length,
    damaged: page.damaged.map((d) => d.reason).slice(0, 3),
    damagedCount: page.damaged.length,
    firstRounds: detail?.rounds.length ?? 0,
    damagedRounds: detail?.damaged.map((d) => d.reason).slice(0, 3) ?? [],
  };
}

async function storageInPage() {
  const e = await navigator.storage.estimate();
  return { usage: e.usage ?? null, quota: e.quota ?? null, indexedDB: e.usageDetails?.indexedDB ?? null };
}

// ---- In the page: opening History ----------------------------------------------------------------------

/**
 * Watches for History to be usable — the chart's svg (with its bars) and a session of the list in the DOM,
 * then the next frame painted (a message posted from requestAnimationFrame runs after that frame) — noting
 * performance.now() at each step, and afterwards when the all-time work time has been summed. 'warm': called
 * on the library, starts the open by setting the hash, resolves once painted. 'cold': installed at document
 * start by addInitScript, where it stays dormant unless the reload was asked for; t0 is navigation start.
 */
function watchHistoryInPage({ mode, chartTitle, listHeading, timeoutMs, totalTimeoutMs }) {
  const FLAG = 'bench-history-cold';
  if (mode === 'cold') {
    if (location.hash !== '#/history' || sessionStorage.getItem(FLAG) !== '1') return undefined;
    sessionStorage.removeItem(FLAG);
  }
  const t0 = mode === 'cold' ? 0 : performance.now();
  const marks = { t0, chart: null, list: null, ready: null, painted: null, total: null, onScreen: null, error: null };
  const longTasks = [];
  let longTaskObserver = null;
  try {
    longTaskObserver = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) longTasks.push({ start: e.startTime, duration: e.duration });
    });
    longTaskObserver.observe({ type: 'longtask', buffered: mode === 'cold' });
  } catch {
    // No long task timing here: reported as none.
  }
  const byText = (selector, text) =>
    [...document.querySelectorAll(selector)].find((el) => el.textContent.trim() === text) ?? null;
  const findChart = () =>
    [...document.querySelectorAll('svg[role="img"]')].find(
      (svg) => svg.querySelector('title')?.textContent.trim() === chartTitle && svg.querySelector('rect'),
    ) ?? null;
  const findSession = () => byText('h2', listHeading)?.closest('section')?.querySelector('ul > li') ?? null;
  const workTime = () => byText('dt', 'Work time')?.nextElementSibling?.textContent ?? '';
  const facts = () => ({
    thisWeek: byText('dt', 'This week')?.nextElementSibling?.textContent.replace(/\s+/g, ' ').trim() ?? null,
    streak: byText('dt', 'Streak')?.nextElementSibling?.textContent.replace(/\s+/g, ' ').trim() ?? null,
    workTime: workTime().replace(/\s+/g, ' ').trim() || null,
    sessionsListed: byText('h2', listHeading)?.closest('section')?.querySelectorAll('ul > li').length ?? 0,
    problems: [...document.querySelectorAll('[role="alert"], [role="note"]')].map((el) => el.textContent.trim()),
  });
  /** For the cold open: when the document's own scripts had run, and when History's chunk (loaded on demand) arrived. */
  const boot = () => {
    if (mode !== 'cold') return null;
    const nav = performance.getEntriesByType('navigation')[0];
    const chunk = performance
      .getEntriesByType('resource')
      .find((e) => /\/History-[^/]*\.js$/.test(new URL(e.name).pathname));
    return { domContentLoaded: nav?.domContentLoadedEventEnd ?? null, historyChunk: chunk?.responseEnd ?? null };
  };
  const result = () => ({
    marks: { ...marks },
    boot: boot(),
    longTasks: longTasks.filter((t) => t.start >= t0 && (marks.painted === null || t.start < marks.painted)),
    facts: facts(),
    controlled: navigator.serviceWorker?.controller != null,
  });

  let resolvePainted;
  let resolveTotal;
  const painted = new Promise((resolve) => (resolvePainted = resolve));
  const total = new Promise((resolve) => (resolveTotal = resolve));
  let observer = null;
  const finishTotal = () => {
    observer?.disconnect();
    longTaskObserver?.disconnect();
    resolveTotal(result());
  };
  const check = () => {
    const now = performance.now();
    if (marks.chart === null && findChart()) marks.chart = now;
    if (marks.list === null && findSession()) marks.list = now;
    if (marks.ready === null && marks.chart !== null && marks.list !== null) {
      marks.ready = now;
      requestAnimationFrame(() => {
        // Laid out by now (the frame is about to paint): both have a box, even if the list is below the fold.
        marks.onScreen = [findChart(), findSession()].every((el) => el && el.getBoundingClientRect().height > 0);
        const channel = new MessageChannel();
        channel.port1.onmessage = () => {
          marks.painted = performance.now();
          resolvePainted(result());
        };
        channel.port2.postMessage(null);
      });
    }
    if (marks.total === null && / in all/.test(workTime())) {
      marks.total = now;
      if (marks.painted !== null) finishTotal();
      else painted.then(finishTotal);
    }
  };
  observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, characterData: true });
  setTimeout(() => {
    if (marks.painted !== null) return;
    marks.error = `History was not usable within ${timeoutMs} ms`;
    resolvePainted(result());
    finishTotal();
  }, timeoutMs);
  setTimeout(() => {
    if (marks.total !== null) return;
    marks.error = `the all-time work time was not shown within ${totalTimeoutMs} ms`;
    finishTotal();
  }, totalTimeoutMs);
  window.__benchHistory = { painted, total };
  if (mode === 'warm') {
    location.hash = '#/history';
    return painted;
  }
  check();
  return undefined;
}

// ---- In the page: writes through the app's repository ------------------------------------------------

/**
 * Starts a running session through window.__circuitTimerLog() (the app's WorkoutLogRepository on its shared
 * connection), then adds `writes` rounds one after another (each its own strict-durability transaction, with
 * the app's checks) and saves progress `progressSaves` times, timing each call with performance.now().
 */
async function writeRoundsInPage({ circuit, writes, progressSaves }) {
  const log = await window.__circuitTimerLog();
  const id = `bench-write-${Date.now().toString(36)}`;
  const startedAt = Date.now();
  const tStart = performance.now();
  await log.startSession({
    recordVersion: 1,
    id,
    circuitId: circuit.id,
    circuit,
    startedAt,
    endedAt: null,
    status: 'running',
    run: { events: [], lastKnownMs: 0 },
    updatedAt: startedAt,
  });
  const startSessionMs = performance.now() - tStart;
  const block = circuit.blocks[0];
  // 500 rounds do not fit one block (99 rounds at most): 20 blocks of 25, as far as the record's checks go.
  const perBlock = 25;
  const roundMs = [];
  for (let i = 0; i < writes; i++) {
    const blockIndex = Math.floor(i / perBlock);
    const round = (i % perBlock) + 1;
    const exercises = block.steps.map((s) => ({
      stepId: s.id,
      exerciseId: s.exercise.id,
      name: s.exercise.name,
      perSide: s.exercise.perSide,
      plannedWorkMs: s.workSeconds * 1000 * (s.exercise.perSide ? 2 : 1),
      workMs: s.workSeconds * 1000 * (s.exercise.perSide ? 2 : 1) + (i % 7) * 13,
      plannedRestMs: s.restSeconds * 1000,
      restMs: s.restSeconds * 1000 - (i % 5) * 11,
      outcome: 'done',
    }));
    const record = {
      recordVersion: 1,
      id: `${id}/${blockIndex}/${round}`,
      sessionId: id,
      blockIndex,
      blockId: `${block.id}-${blockIndex}`,
      blockName: block.name,
      round,
      rounds: perBlock,
      exercises,
      exerciseKeys: [],
      completedAt: startedAt + (i + 1) * 135_000,
      reps: null,
      loadKg: null,
      rpe: null,
    };
    const t = performance.now();
    const added = await log.addRound(record);
    roundMs.push(performance.now() - t);
    if (!added) throw new Error(`round ${record.id} was there already`);
  }
  const progressMs = [];
  for (let i = 0; i < progressSaves; i++) {
    const t = performance.now();
    await log.saveProgress(id, { events: [], lastKnownMs: (writes + i + 1) * 1000 });
    progressMs.push(performance.now() - t);
  }
  await log.closeSession(id, 'completed', Date.now(), { events: [], lastKnownMs: (writes + progressSaves) * 1000 });
  return { sessionId: id, startSessionMs, roundMs, progressMs };
}

// ---- Driving it -----------------------------------------------------------------------------------------

async function waitForLibrary(page) {
  await page.getByRole('heading', { level: 1, name: LIBRARY_HEADING }).waitFor({ timeout: 30_000 });
}

async function backToLibrary(page) {
  await page.evaluate(() => {
    location.hash = '#/';
  });
  await waitForLibrary(page);
}

/** Generates the log, retrying while the app has not created its database yet. */
async function generate(page, cfg, circuits) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    try {
      return await page.evaluate(generateLogInPage, {
        circuits,
        sessions: cfg.sessions,
        roundsPerSession: cfg.roundsPerSession,
        weeks: cfg.weeks,
        abandonedShare: cfg.abandonedShare,
        batch: cfg.batch,
        seed: cfg.seed,
      });
    } catch (error) {
      // Only "not created yet" is worth waiting for; anything else is a real failure.
      if (Date.now() > deadline || !/open circuit-timer|no sessions\/rounds/.test(error.message)) throw error;
      await sleep(300);
    }
  }
}

const watchArgs = (mode) => ({
  mode,
  chartTitle: CHART_TITLE,
  listHeading: LIST_HEADING,
  timeoutMs: 30_000,
  totalTimeoutMs: 180_000,
});

/** One open's figures, relative to its start (the hash change, or navigation start for the cold one). */
function openFigures(painted, total) {
  const m = total.marks;
  const rel = (t) => (t === null ? null : round1(t - m.t0));
  const tasks = painted.longTasks;
  return {
    paintedMs: rel(painted.marks.painted),
    chartMs: rel(m.chart),
    listMs: rel(m.list),
    allTimeWorkMs: rel(m.total),
    onScreen: m.onScreen,
    longTasks: tasks.length,
    longTaskMs: round1(tasks.reduce((s, t) => s + t.duration, 0)),
    longestTaskMs: round1(Math.max(0, ...tasks.map((t) => t.duration))),
    controlled: painted.controlled,
    domContentLoadedMs: rel(painted.boot?.domContentLoaded ?? null),
    historyChunkMs: rel(painted.boot?.historyChunk ?? null),
    error: painted.marks.error ?? m.error,
  };
}

async function measureOpens(page, cfg, log, trace) {
  const warm = [];
  let facts = null;
  for (let i = 0; i < cfg.opens; i++) {
    // Settled on the library first: idle, with nothing of the previous visit still reading.
    await sleep(500);
    const painted = await page.evaluate(watchHistoryInPage, watchArgs('warm'));
    const total = await page.evaluate(() => window.__benchHistory.total);
    const figures = openFigures(painted, total);
    if (figures.error) throw new Error(`warm open ${i + 1}: ${figures.error}`);
    warm.push(figures);
    facts = total.facts;
    log(
      `  warm open ${i + 1}: painted ${figures.paintedMs} ms (chart ${figures.chartMs}, list ${figures.listMs}); ` +
        `all-time work time after ${figures.allTimeWorkMs} ms`,
    );
    await backToLibrary(page);
  }

  // Cold: reloads straight onto #/history, each timed from navigation start by the script installed at document
  // start, with the library reloaded and idle between them (nothing of the last visit still reading).
  const cold = [];
  let coldFacts = null;
  for (let i = 0; i < cfg.coldOpens; i++) {
    await sleep(500);
    // The address changes without a hashchange: setting location.hash made the library open History (a warm
    // open, reading the log) just as the reload began, so the old page's reads and teardown fell inside the
    // measured open.
    await page.evaluate(() => {
      sessionStorage.setItem('bench-history-cold', '1');
      history.replaceState(history.state, '', '#/history');
    });
    await sleep(100);
    // No script of Playwright's may run in the page while it opens (its first evaluate injects ~8 ms of
    // script): wait from outside, then read what the page's own watcher noted.
    if (trace) await trace.start(page);
    await page.reload({ waitUntil: 'load' });
    await sleep(1500);
    if (trace) await trace.stop(i);
    await page.waitForFunction(() => window.__benchHistory !== undefined, null, { timeout: 30_000 });
    const coldPainted = await page.evaluate(() => window.__benchHistory.painted);
    const coldTotal = await page.evaluate(() => window.__benchHistory.total);
    const figures = openFigures(coldPainted, coldTotal);
    if (figures.error) throw new Error(`cold open ${i + 1}: ${figures.error}`);
    cold.push(figures);
    coldFacts = coldTotal.facts;
    log(
      `  cold open ${i + 1}: painted ${figures.paintedMs} ms after navigation start (chart ${figures.chartMs}, ` +
        `list ${figures.listMs}); all-time work time after ${figures.allTimeWorkMs} ms`,
    );
    await page.evaluate(() => {
      sessionStorage.removeItem('bench-history-cold');
      location.hash = '#/';
    });
    await page.reload();
    await waitForLibrary(page);
  }
  return { warm, cold, facts: facts ?? coldFacts };
}

const stats = (values) => ({
  n: values.length,
  p50: round1(quantile(values, 0.5)),
  p90: round1(quantile(values, 0.9)),
  p99: round1(quantile(values, 0.99)),
  max: round1(Math.max(...values)),
});

const date = (t) => new Date(t).toISOString().slice(0, 10);
const mib = (bytes) => (bytes === null || bytes === undefined ? '–' : `${(bytes / 2 ** 20).toFixed(1)} MiB`);

function markdown(cfg, r) {
  const g = r.generation;
  const w = r.opens.warm;
  const c = r.opens.cold;
  const warmPainted = w.map((o) => o.paintedMs);
  const coldPainted = c.map((o) => o.paintedMs);
  const list = (key, opens = w) => opens.map((o) => cell(o[key])).join(', ');
  const row = (label, key, opens, bold = false) => {
    const mid = `${cell(round1(median(opens.map((o) => o[key]))))} ms`;
    return `| ${label} | ${bold ? `**${mid}**` : mid} | ${cell(round1(Math.max(...opens.map((o) => o[key]))))} ms | ${list(key, opens)} |`;
  };
  const verdict = (ms) => (ms <= TARGET_OPEN_MS ? `within ${TARGET_OPEN_MS} ms` : `**over ${TARGET_OPEN_MS} ms**`);
  return [
    `Method: headless Chromium (viewport ${VIEWPORT.width}×${VIEWPORT.height}), a fresh profile. Once the app has ` +
      `created its database, the page writes ${g.sessions.toLocaleString('en')} sessions and ` +
      `${g.rounds.toLocaleString('en')} rounds (${cfg.roundsPerSession} per session, 2–3 exercises each, ` +
      `${Math.round(cfg.abandonedShare * 100)} % ended early) with the raw IndexedDB API, ${cfg.batch} records per ` +
      `transaction: every day from ${date(g.firstStartedAt)} to ${date(g.lastStartedAt)} (${cfg.weeks} weeks, ` +
      `${round1(g.sessions / cfg.weeks)} sessions a week on average, each week weighted 3 to 5 as for someone ` +
      `who trains 3 to 5 times a week), sessions one after another from the morning, as the app's records (each session ` +
      `keeps its circuit) that pass the log's checks (checked through the app: ${r.check.listed} listed, ` +
      `${r.check.damagedCount} damaged). ` +
      `**An open** runs from setting \`location.hash = '#/history'\` on the library until the chart's ` +
      `\`svg[role=img]\` ("${CHART_TITLE}", with its bars) and the first item of the "${LIST_HEADING}" list are ` +
      `both in the DOM (a MutationObserver) and the next frame has been painted (a message posted from ` +
      `requestAnimationFrame), timed in the page with performance.now(); ${cfg.opens} opens, back to the library ` +
      `and idle between them. **A cold open** reloads the page on #/history and is timed from navigation start ` +
      `(${c.every((o) => o.controlled) ? 'served by the service worker' : 'not always controlled by the service worker'}); ` +
      `${cfg.coldOpens} of them, each after a reload on the library. ` +
      `**Writes** go through \`window.__circuitTimerLog()\` (the app's WorkoutLogRepository): one running ` +
      `session, then ${cfg.writes} \`addRound\` calls one after another (each its own strict-durability ` +
      `transaction, with the app's checks), then ${cfg.progressSaves} \`saveProgress\`, each timed in the page.`,
    '',
    `History's figures come from the log's totals per week (the \`weeks\` store, a record a week, kept by the ` +
      `repository in the same transaction as each write; the page writes them beside the generated log as the ` +
      `upgrade to version 4 would), read in one transaction with the weekly target; the list reads its first page ` +
      `of sessions. With ${g.sessions.toLocaleString('en')} sessions in ${cfg.weeks} weeks the chart holds ` +
      `${g.inChart.rounds.toLocaleString('en')} rounds and the streak is ` +
      `${cell(r.opens.facts.streak?.match(/^\d+/)?.[0])} weeks; BENCH_HISTORY_WEEKS=2500 spreads the same log at ` +
      `about 4 a week.`,
    '',
    `Load average (1, 5, 15 min) at the start of this benchmark ${r.loadAverage.start.join(', ')}, at its end ` +
      `${r.loadAverage.end.join(', ')}; the machine is shared.`,
    '',
    '| log | figure |',
    '| --- | --- |',
    `| sessions / rounds | ${g.sessions.toLocaleString('en')} (${g.statuses.completed} completed, ${g.statuses.abandoned} ended early) / ${g.rounds.toLocaleString('en')} (${g.roundsWithEntries.toLocaleString('en')} with reps, load or effort) |`,
    `| generation | ${(g.ms / 1000).toFixed(1)} s in ${g.transactions} transactions (${Math.round(g.records / (g.ms / 1000)).toLocaleString('en')} records/s) |`,
    `| storage after generation (navigator.storage.estimate) | ${mib(r.storage.usage)} in all, IndexedDB ${mib(r.storage.indexedDB)} |`,
    `| in the chart's 12 weeks | ${g.inChart.sessions.toLocaleString('en')} sessions, ${g.inChart.rounds.toLocaleString('en')} rounds |`,
    `| what History shows | this week: ${cell(r.opens.facts.thisWeek)}; streak: ${cell(r.opens.facts.streak)}; ${r.opens.facts.sessionsListed} workouts listed |`,
    '',
    '| History open | median | max | every open (ms) |',
    '| --- | --- | --- | --- |',
    row('warm: chart and first workouts painted', 'paintedMs', w, true),
    row('warm: chart in the DOM', 'chartMs', w),
    row('warm: first workout in the DOM', 'listMs', w),
    row('warm: long tasks until painted (sum)', 'longTaskMs', w),
    row('warm: all-time work time shown (after the paint)', 'allTimeWorkMs', w),
    row('cold (reload on #/history, from navigation start): chart and first workouts painted', 'paintedMs', c, true),
    row('cold: DOMContentLoaded', 'domContentLoadedMs', c),
    row("cold: History's chunk loaded", 'historyChunkMs', c),
    row('cold: chart in the DOM', 'chartMs', c),
    row('cold: first workout in the DOM', 'listMs', c),
    row('cold: long tasks until painted (sum)', 'longTaskMs', c),
    '',
    `The ${TARGET_OPEN_MS} ms target applies to every open: the slowest warm open took ` +
      `${cell(round1(Math.max(...warmPainted)))} ms (${verdict(Math.max(...warmPainted))}), the slowest cold open ` +
      `${cell(round1(Math.max(...coldPainted)))} ms (${verdict(Math.max(...coldPainted))}).`,
    '',
    '| write (with the log above stored) | n | p50 | p90 | p99 | max |',
    '| --- | --- | --- | --- | --- | --- |',
    `| addRound | ${r.writes.round.n} | ${cell(r.writes.round.p50)} ms | ${cell(r.writes.round.p90)} ms | **${cell(r.writes.round.p99)} ms** | ${cell(r.writes.round.max)} ms |`,
    `| saveProgress (informational) | ${r.writes.progress.n} | ${cell(r.writes.progress.p50)} ms | ${cell(r.writes.progress.p90)} ms | ${cell(r.writes.progress.p99)} ms | ${cell(r.writes.progress.max)} ms |`,
    '',
    `addRound calls over ${TARGET_WRITE_P99_MS} ms: ${r.writes.roundsOver} of ${r.writes.round.n}. The first took ` +
      `${cell(r.writes.firstRoundMs)} ms; startSession ${cell(r.writes.startSessionMs)} ms. The writes start ` +
      `${SETTLE_BEFORE_WRITES_MS / 1000} s after a reload on the library, so that nothing of History's reading is ` +
      `still going on.`,
  ].join('\n');
}

/**
 * BENCH_HISTORY_TRACE=<dir>: a Chromium trace of each cold open (cold-<n>.json, for chrome://tracing or
 * Perfetto), to see where an open's time goes. Tracing slows the page, so its figures are not comparable.
 */
function traceOpens(browser, log) {
  const dir = process.env.BENCH_HISTORY_TRACE;
  if (!dir) return null;
  fs.mkdirSync(dir, { recursive: true });
  return {
    start: (page) =>
      browser.startTracing(page, {
        categories: [
          'devtools.timeline',
          'disabled-by-default-devtools.timeline',
          'v8.execute',
          'blink',
          'loading',
          'IndexedDB',
          'ServiceWorker',
          'toplevel',
        ],
      }),
    async stop(i) {
      const file = path.join(dir, `cold-${i + 1}.json`);
      fs.writeFileSync(file, await browser.stopTracing());
      log(`  traced: ${file}`);
    },
  };
}

export async function run({ baseURL, log = console.log }) {
  const cfg = config();
  const circuits = benchCircuits();
  const loadStart = os.loadavg().map((x) => round1(x));
  const browser = await launchVisible();
  const pageErrors = [];
  let results;
  try {
    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.addInitScript(watchHistoryInPage, watchArgs('cold'));
    const page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(plain(error.message)));

    await page.goto(`${baseURL}/#/`);
    await waitForLibrary(page);
    log(`  generating ${cfg.sessions} sessions and ${cfg.rounds} rounds over ${cfg.weeks} weeks…`);
    const generation = await generate(page, cfg, circuits);
    if (generation.sessions !== cfg.sessions || generation.rounds !== cfg.rounds)
      throw new Error(`generated ${generation.sessions} sessions and ${generation.rounds} rounds`);
    log(
      `  generated in ${(generation.ms / 1000).toFixed(1)} s (${generation.transactions} transactions); ` +
        `${date(generation.firstStartedAt)} … ${date(generation.lastStartedAt)}`,
    );
    const check = await page.evaluate(checkLogInPage);
    if (check.damagedCount > 0 || check.damagedRounds.length > 0 || check.firstRounds !== cfg.roundsPerSession)
      throw new Error(`the generated log does not pass the app's checks: ${JSON.stringify(check)}`);
    const storage = await page.evaluate(storageInPage);
    log(`  storage: ${mib(storage.usage)} (IndexedDB ${mib(storage.indexedDB)})`);

    // A fresh document, as when the app is opened on a phone that has the log already.
    await page.reload();
    await waitForLibrary(page);
    await sleep(1000);
    const opens = await measureOpens(page, cfg, log, traceOpens(browser, log));

    // Writes on a fresh document on the library: nothing of History's reading is still going on.
    await page.goto(`${baseURL}/#/`);
    await page.reload();
    await waitForLibrary(page);
    await sleep(SETTLE_BEFORE_WRITES_MS);
    const written = await page.evaluate(writeRoundsInPage, {
      circuit: circuits[0],
      writes: cfg.writes,
      progressSaves: cfg.progressSaves,
    });
    const writes = {
      startSessionMs: round1(written.startSessionMs),
      firstRoundMs: round1(written.roundMs[0]),
      round: stats(written.roundMs),
      roundsOver: written.roundMs.filter((ms) => ms > TARGET_WRITE_P99_MS).length,
      progress: stats(written.progressMs),
      roundMs: written.roundMs.map(round1),
      progressMs: written.progressMs.map(round1),
    };
    log(
      `  addRound ×${cfg.writes}: p50 ${writes.round.p50} ms, p99 ${writes.round.p99} ms, max ${writes.round.max} ms; ` +
        `saveProgress ×${cfg.progressSaves}: p50 ${writes.progress.p50} ms, p99 ${writes.progress.p99} ms`,
    );
    if (pageErrors.length) log(`  page errors: ${pageErrors.slice(0, 3).join(' | ')}`);
    results = {
      chromium: browser.version(),
      generation,
      check,
      storage,
      opens,
      writes,
      pageErrors,
      loadAverage: { start: loadStart, end: os.loadavg().map((x) => round1(x)) },
    };
  } finally {
    await browser.close();
  }

  const warmMedian = round1(median(results.opens.warm.map((o) => o.paintedMs)));
  const warmMax = round1(Math.max(...results.opens.warm.map((o) => o.paintedMs)));
  const coldMedian = round1(median(results.opens.cold.map((o) => o.paintedMs)));
  const coldMax = round1(Math.max(...results.opens.cold.map((o) => o.paintedMs)));
  const targets = [
    {
      name: `History open with ${cfg.sessions.toLocaleString('en')} sessions: the slowest of ${cfg.opens} warm opens (chart and first workouts painted)`,
      target: `≤ ${TARGET_OPEN_MS} ms`,
      actual: `${cell(warmMax)} ms (median ${cell(warmMedian)} ms)`,
      pass: Number.isFinite(warmMax) && warmMax <= TARGET_OPEN_MS,
    },
    {
      name: `History open with ${cfg.sessions.toLocaleString('en')} sessions: the slowest of ${cfg.coldOpens} cold opens, a reload on #/history (from navigation start)`,
      target: `≤ ${TARGET_OPEN_MS} ms`,
      actual: `${cell(coldMax)} ms (median ${cell(coldMedian)} ms)`,
      pass: Number.isFinite(coldMax) && coldMax <= TARGET_OPEN_MS,
    },
    {
      name: `round write (addRound) with ${cfg.rounds.toLocaleString('en')} rounds stored: p99 of ${cfg.writes}`,
      target: `≤ ${TARGET_WRITE_P99_MS} ms`,
      actual: `${cell(results.writes.round.p99)} ms (p50 ${cell(results.writes.round.p50)} ms, max ${cell(results.writes.round.max)} ms)`,
      pass: results.writes.round.p99 !== null && results.writes.round.p99 <= TARGET_WRITE_P99_MS,
    },
  ];
  return {
    name: 'history',
    title,
    config: { ...cfg, viewport: VIEWPORT, chartTitle: CHART_TITLE },
    results,
    targets,
    markdown: markdown(cfg, results),
  };
}
