// Cost: the CPU time a running workout takes, visible and then hidden, against a plain reference page that
// runs a requestAnimationFrame loop writing one number. Real clock, sound on, in Chromium spawned without the
// anti-throttling flags (the tab is hidden behind another, as in display-timing). Read from CDP
// Performance.getMetrics: ThreadTime (the page's main thread CPU) and ProcessTime (its renderer process, with
// the audio and worker threads) over the whole phase, and while visible the main thread's task, script, layout
// and style time (the Performance domain counts those only while DevTools is attached).
// Env: BENCH_QUICK=1 (1 minute a phase instead of 5), BENCH_COST_MINUTES.
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { cell, launchHideable, plain, round1, storeCircuit } from './browser.mjs';

export const title = 'Cost: CPU time of a running workout';

/** Of one core, while the workout runs in a visible tab. */
const TARGET_VISIBLE_PERCENT = 2;
const REFERENCE_HTML =
  '<!doctype html><html lang="en"><title>Reference</title><main><h1>Reference</h1><p id="n">0</p></main>' +
  '<script>let i=0;const n=document.getElementById("n");' +
  'const f=()=>{n.textContent=String(++i);requestAnimationFrame(f)};requestAnimationFrame(f);</script></html>';

function config() {
  const quick = process.env.BENCH_QUICK === '1';
  const minutes = Number(process.env.BENCH_COST_MINUTES ?? (quick ? 1 : 5));
  if (!(minutes >= 0.25 && minutes <= 30)) throw new Error(`BENCH_COST_MINUTES must be 0.25…30, got ${minutes}`);
  return { quick, minutes, phaseMs: minutes * 60_000 };
}

/** 40 s work and 20 s rest, round after round, longer than both phases: cues, voice and log writes all run. */
function costCircuit(phaseMs) {
  const rounds = Math.min(99, Math.ceil((2 * phaseMs + 120_000) / 180_000));
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
    id: 'bench-cost',
    name: 'Bench cost',
    description: '',
    prepSeconds: 5,
    warmUpSeconds: 0,
    coolDownSeconds: 0,
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

const KEYS = ['ThreadTime', 'ProcessTime', 'TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'];

/** A DevTools session on the page with the Performance domain on: it counts task times from now on. */
async function metricsSession(page) {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  return cdp;
}

/**
 * The metrics in ms. ProcessTime is the renderer process's CPU time since it started; ThreadTime and the
 * durations count only from this session's Performance.enable, so one session must span a phase.
 */
async function readMetrics(cdp) {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
  const out = { wall: performance.now() };
  for (const k of KEYS) out[k] = typeof m[k] === 'number' ? m[k] * 1000 : null;
  return out;
}

/** CPU ms per minute and % of one core for each metric between two readings. */
function rates(a, b, keys) {
  const wallMs = b.wall - a.wall;
  const out = { wallMs: Math.round(wallMs) };
  for (const k of keys) {
    const ms = a[k] === null || b[k] === null ? null : b[k] - a[k];
    out[k] = ms === null ? null : { msPerMin: round1((ms / wallMs) * 60_000), percent: (ms / wallMs) * 100 };
  }
  return out;
}

/**
 * One page, visible for a phase (DevTools attached: every metric), then hidden for a phase (detached: only
 * ThreadTime and ProcessTime, which the browser keeps itself).
 */
async function measurePage(label, cfg, log, open) {
  const chrome = await launchHideable();
  try {
    const page = chrome.page;
    await page.setViewportSize({ width: 1280, height: 800 });
    const urlPart = await open(page);
    await chrome.rememberTab();
    await sleep(2000); // the first frames and any start-up work are not part of the steady cost
    const cdp = await metricsSession(page);
    const start = await readMetrics(cdp);
    log(`  ${label}: visible for ${cfg.minutes} min`);
    await sleep(cfg.phaseMs);
    const mid = await readMetrics(cdp);
    await cdp.detach();
    log(`  ${label}: hidden for ${cfg.minutes} min`);
    const hiddenFrom = performance.now();
    await chrome.hide();
    await sleep(cfg.phaseMs);
    const hiddenWall = performance.now() - hiddenFrom;
    const back = await chrome.bringBack(urlPart);
    const endCdp = await metricsSession(back);
    const end = await readMetrics(endCdp);
    await endCdp.detach();
    const hiddenLog = await back.evaluate(() => window.__benchVisibilityLog ?? null);
    const visible = rates(start, mid, KEYS);
    // From the end of the visible phase to the reading after return (which includes ~1 s back in front).
    const hidden = rates(mid, end, ['ProcessTime']);
    return { visible, hidden, hiddenWallMs: Math.round(hiddenWall), hiddenLog };
  } finally {
    await chrome.close();
  }
}

function installVisibilityLog() {
  window.__benchVisibilityLog = [];
  document.addEventListener('visibilitychange', () =>
    window.__benchVisibilityLog.push({ t: performance.now(), state: document.visibilityState }),
  );
}

async function openApp(page, baseURL, circuit) {
  await storeCircuit(page, baseURL, circuit);
  await page.goto(`${baseURL}/#/run/${circuit.id}`);
  await page.getByRole('button', { name: 'Start' }).click({ timeout: 15_000 });
  await page.getByRole('timer', { name: 'Time remaining' }).waitFor({ timeout: 5000 });
  await page.evaluate(installVisibilityLog);
  const audio = await page.evaluate(() => {
    const ctx = window.Howler?.ctx;
    return ctx ? ctx.state : null;
  });
  return { urlPart: '#/run/', audio };
}

async function openReference(page, baseURL) {
  // Served from the same origin as the app, so that both tabs are alike but for what they run.
  await page.route(`${baseURL}/__bench-reference`, (route) =>
    route.fulfill({ status: 200, contentType: 'text/html', body: REFERENCE_HTML }),
  );
  await page.goto(`${baseURL}/__bench-reference`);
  await page.evaluate(installVisibilityLog);
  return '__bench-reference';
}

// ---- Report -----------------------------------------------------------------------------------------------

const pct = (r) => (r ? `${r.percent.toFixed(2)} %` : '–');
const perMin = (r) => (r ? `${r.msPerMin} ms` : '–');

const LABELS = {
  ThreadTime: 'main thread CPU',
  ProcessTime: 'renderer process CPU',
  TaskDuration: 'tasks',
  ScriptDuration: 'script',
  LayoutDuration: 'layout',
  RecalcStyleDuration: 'style',
};

function markdown(cfg, r) {
  const row = (label, x) =>
    `| ${label} | ${KEYS.map((k) => (x[k] ? `${perMin(x[k])} (${pct(x[k])})` : '–')).join(' | ')} |`;
  const lines = [
    `Each page ${cfg.minutes} min visible, then ${cfg.minutes} min hidden (behind another tab). App: a 40 s/20 s` +
      ` circuit with sound and voice on (AudioContext ${cell(r.app.audio)}). Reference: a page whose` +
      ' requestAnimationFrame loop writes one number. CPU ms per minute (% of one core):',
    '',
    `| page | ${KEYS.map((k) => LABELS[k]).join(' | ')} |`,
    `| --- | ${KEYS.map(() => '---').join(' | ')} |`,
    row('app, visible', r.app.visible),
    row('app, hidden', r.app.hidden),
    row('reference, visible', r.reference.visible),
    row('reference, hidden', r.reference.hidden),
    '',
    `App / reference, visible: main thread ${cell(r.ratio.thread)}×, renderer process ${cell(r.ratio.process)}×;` +
      ` hidden: renderer process ${cell(r.ratio.processHidden)}×.`,
    'Main thread CPU is CDP ThreadTime; renderer process CPU is ProcessTime, with the audio, worker, compositor and' +
      ' (no GPU here) raster threads. Tasks, script, layout and style are main-thread wall time counted while' +
      ' DevTools is attached, so only visible, and they include waits for a core on a busy machine.',
    `Load average (1, 5, 15 min) at start ${r.loadAtStart.join(', ')}, at end ${r.loadAtEnd.join(', ')}.`,
  ];
  for (const [label, x] of [
    ['app', r.app],
    ['reference', r.reference],
  ]) {
    if (!(x.hiddenLog ?? []).some((v) => v.state === 'hidden'))
      lines.push('', `Note (${label}): the page never became hidden: its hidden figures are not valid.`);
  }
  return lines.join('\n');
}

/** Called by bench/run.mjs with the address of a preview server of the production build. */
export async function run({ baseURL, log = console.log }) {
  const cfg = config();
  const loadAtStart = os.loadavg().map((x) => round1(x));
  let app;
  let reference;
  try {
    let audio = null;
    app = await measurePage('app', cfg, log, async (page) => {
      const opened = await openApp(page, baseURL, costCircuit(cfg.phaseMs));
      audio = opened.audio;
      return opened.urlPart;
    });
    app.audio = audio;
    reference = await measurePage('reference', cfg, log, (page) => openReference(page, baseURL));
  } catch (error) {
    return { name: 'cost', title, config: cfg, error: plain(error.stack ?? String(error)), targets: [] };
  }
  const loadAtEnd = os.loadavg().map((x) => round1(x));
  const ratio = (a, b) => (a && b && b.percent > 0 ? round1(a.percent / b.percent) : null);
  const r = {
    app,
    reference,
    loadAtStart,
    loadAtEnd,
    ratio: {
      thread: ratio(app.visible.ThreadTime, reference.visible.ThreadTime),
      process: ratio(app.visible.ProcessTime, reference.visible.ProcessTime),
      processHidden: ratio(app.hidden.ProcessTime, reference.hidden.ProcessTime),
    },
  };
  const visibleThread = app.visible.ThreadTime;
  const hiddenOk = (app.hiddenLog ?? []).some((v) => v.state === 'hidden');
  const targets = [
    {
      name: 'app visible: main-thread CPU, % of one core',
      target: `≤ ${TARGET_VISIBLE_PERCENT} %`,
      actual: `${pct(visibleThread)} (${perMin(visibleThread)}/min; reference ${pct(reference.visible.ThreadTime)}, ratio ${cell(r.ratio.thread)}×)`,
      pass: !!visibleThread && visibleThread.percent <= TARGET_VISIBLE_PERCENT,
    },
    {
      name: 'app hidden: the tab was really hidden (informational figures)',
      target: 'hidden',
      actual: hiddenOk
        ? `hidden; renderer process ${pct(app.hidden.ProcessTime)} (reference ${pct(reference.hidden.ProcessTime)})`
        : 'never hidden',
      pass: hiddenOk,
    },
  ];
  return { name: 'cost', title, config: cfg, results: r, targets, markdown: markdown(cfg, r) };
}
