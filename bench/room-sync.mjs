// Room sync: how closely the windows and phones of a room show the same thing. A presenter window drives a
// display window of the same browser through ~40 controls; two phones open one class link, and a third joins
// late. Every page logs, from its first paint, each change of (phase word, timer text) on the shared scale
// performance.timeOrigin + performance.now(), and the report compares the logs.
// Env: BENCH_QUICK=1 (≈10 s of controls, a 25 s class), BENCH_PARTS=room,class.
import os from 'node:os';
import path from 'node:path';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { cell, launchVisible, median, plain, quantile, round1 } from './browser.mjs';

export const title = 'Room sync';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
/** One frame at 60 Hz: a display that changes within it changes "in the same frame" as the presenter. */
const TARGET_ROOM_MAX_MS = 16.7;
const TARGET_CLASS_MAX_MS = 50;
/** A change this long after a control's click was not caused by it (a click's DOM update runs in its task). */
const CAUSED_WITHIN_MS = 100;
/** Two windows showing the same (phase, time) this far apart are not showing the same change. */
const SAME_CHANGE_WITHIN_MS = 1000;
const PRESET = 'tabata-beginner';
const VIEWPORT = { width: 1280, height: 800 };

function config() {
  const quick = process.env.BENCH_QUICK === '1';
  const parts = (process.env.BENCH_PARTS ?? 'room,class').split(',').map((p) => p.trim());
  return {
    quick,
    parts,
    controlSeconds: quick ? 10 : 60,
    // Up to this many, 0.5–1.5 s apart; the room runs on with only its per-second changes to controlSeconds.
    maxControls: quick ? 10 : 40,
    classRounds: quick ? 2 : 5,
    classLeadSeconds: 6,
    lateJoinSeconds: quick ? 8 : 20,
  };
}

// ---- In every page, before the app runs -----------------------------------------------------------------

/**
 * Logs each change of (phase word, timer text) — the first `.badge` and `[role="timer"]`, as
 * tests/e2e/flows.ts recordShown reads them — and each click on a button, with
 * performance.timeOrigin + performance.now(). Installed as an init script: the log starts at the first paint.
 */
function installRecorder() {
  const shown = [];
  const clicks = [];
  const now = () => performance.timeOrigin + performance.now();
  const read = () => ({
    phase: document.querySelector('.badge')?.textContent?.trim() ?? '',
    timer: document.querySelector('[role="timer"]')?.textContent?.trim() ?? '',
  });
  let last = null;
  const note = () => {
    const s = read();
    const key = `${s.phase}|${s.timer}`;
    if (key === last) return;
    last = key;
    shown.push({ t: now(), ...s });
  };
  new MutationObserver(note).observe(document, { subtree: true, childList: true, characterData: true });
  // Capture phase: logged before the app's handler runs, so the change it causes comes after.
  document.addEventListener(
    'click',
    (e) => {
      const button = e.target instanceof Element ? e.target.closest('button') : null;
      if (button)
        clicks.push({ t: now(), name: button.getAttribute('aria-label') ?? button.textContent?.trim() ?? '' });
    },
    true,
  );
  // Main-thread tasks over 50 ms, to tell a page's own stalls from a busy machine's.
  const longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries())
      longTasks.push({
        start: performance.timeOrigin + e.startTime,
        end: performance.timeOrigin + e.startTime + e.duration,
      });
  }).observe({ type: 'longtask' });
  window.__roomShown = shown;
  window.__roomClicks = clicks;
  window.__roomLongTasks = longTasks;
}

const collect = (page) =>
  page.evaluate(() => ({ shown: window.__roomShown, clicks: window.__roomClicks, longTasks: window.__roomLongTasks }));

// ---- Analysis (in Node) ---------------------------------------------------------------------------------

const keyOf = (s) => `${s.phase}|${s.timer}`;
const describe = (s) => `${s.phase || '–'} ${s.timer || '–'}`.trim();

/** What a log showed at instant t (the last change at or before it), or null before its first entry. */
function stateAt(log, t) {
  let found = null;
  for (const s of log) {
    if (s.t > t) break;
    found = s;
  }
  return found;
}

/** Whether `log` showed the key of `change` at some instant within ± SAME_CHANGE_WITHIN_MS of it. */
function showedNear(log, change) {
  const from = change.t - SAME_CHANGE_WITHIN_MS;
  const to = change.t + SAME_CHANGE_WITHIN_MS;
  const before = stateAt(log, from);
  if (before && keyOf(before) === keyOf(change)) return true;
  return log.some((s) => s.t > from && s.t <= to && keyOf(s) === keyOf(change));
}

/**
 * Pairs each change of `lead` with the same change of `follower` (same phase and time, nearest in time within
 * SAME_CHANGE_WITHIN_MS, each used once): lag = follower's instant − lead's (< 0: the follower was first).
 */
function pairChanges(lead, follower) {
  const used = new Set();
  return lead.map((p) => {
    let best = -1;
    for (const [i, d] of follower.entries()) {
      if (used.has(i) || keyOf(d) !== keyOf(p) || Math.abs(d.t - p.t) >= SAME_CHANGE_WITHIN_MS) continue;
      if (best === -1 || Math.abs(d.t - p.t) < Math.abs(follower[best].t - p.t)) best = i;
    }
    if (best !== -1) used.add(best);
    return { ...p, lag: best === -1 ? null : follower[best].t - p.t };
  });
}

/** Whether a long task of either page overlaps the span between a pair's two instants. */
const duringLongTask = (p, longTasks) =>
  longTasks.some((lt) => lt.start < Math.max(p.t, p.t + p.lag) && lt.end > Math.min(p.t, p.t + p.lag));

function lagStats(pairs, target, longTasks = []) {
  const abs = pairs.filter((p) => p.lag !== null).map((p) => Math.abs(p.lag));
  const worst = pairs.reduce((w, p) => (p.lag !== null && (!w || Math.abs(p.lag) > Math.abs(w.lag)) ? p : w), null);
  return {
    count: pairs.length,
    paired: abs.length,
    unpaired: pairs.length - abs.length,
    medianMs: round1(median(abs)),
    p95Ms: round1(quantile(abs, 0.95)),
    maxMs: round1(abs.length ? Math.max(...abs) : null),
    worst: worst && `${describe(worst)} (${round1(worst.lag)} ms)`,
    over: pairs
      .filter((p) => p.lag !== null && Math.abs(p.lag) > target)
      .map((p) => `${describe(p)} ${round1(p.lag)}${duringLongTask(p, longTasks) ? ' (during a long task)' : ''}`),
  };
}

/** Changes of `log` that `other` never showed near them, each with what `other` and the controls did around it. */
/** A state replaced sooner than this was never painted: a frame is the least a person can see. */
const FRAME_MS = 1000 / 60;

function shownOnly(log, other, since, clicks = []) {
  return (
    log
      .filter((c) => c.timer !== '' && !showedNear(other, c))
      // A control that lands within a millisecond of a second's change can race it: the window that
      // heard of it late shows the new second for a moment. Not painted, it is no disagreement.
      .filter((c) => {
        const next = log[log.indexOf(c) + 1];
        return !next || next.t - c.t >= FRAME_MS;
      })
      .map((c) => {
        const near = clicks.filter((k) => Math.abs(k.t - c.t) < SAME_CHANGE_WITHIN_MS);
        const around = other.filter((o) => Math.abs(o.t - c.t) < SAME_CHANGE_WITHIN_MS).map(describe);
        const controls = near.length
          ? `; controls: ${near.map((k) => `${k.name} ${round1(k.t - c.t)} ms`).join(', ')}`
          : '';
        return `${describe(c)} at ${round1((c.t - since) / 1000)} s (the other: ${around.join(' → ') || 'no change'}${controls})`;
      })
  );
}

function analyseRoom(presenterLog, displayLog, controls, startedAt) {
  const presenter = presenterLog.shown.filter((c) => c.t >= startedAt);
  const display = displayLog.shown.filter((c) => c.t >= startedAt);
  const clicks = presenterLog.clicks.filter((c) => c.t >= startedAt);
  // The change each control's click caused in the presenter: the first one after it, in the same task.
  const caused = new Map();
  const controlRows = clicks.map((click) => {
    const change = presenter.find((c) => c.t >= click.t);
    const isCaused = change && change.t - click.t <= CAUSED_WITHIN_MS;
    if (isCaused) caused.set(change, click.name);
    return { control: click.name, at: click.t, change: isCaused ? change : null };
  });
  const pairs = pairChanges(presenter, display);
  const longTasks = [...presenterLog.longTasks, ...displayLog.longTasks];
  const byControl = pairs.filter((_, i) => caused.has(presenter[i]));
  // The worst |lag| of each kind of control (Start included: the issue names it).
  const perControl = {};
  pairs.forEach((pair, i) => {
    const name = caused.get(presenter[i]);
    if (!name || pair.lag === null) return;
    const row = (perControl[name] ??= { n: 0, maxMs: 0 });
    row.n++;
    row.maxMs = Math.max(row.maxMs, round1(Math.abs(pair.lag)));
  });
  const perSecond = pairs.filter((_, i) => !caused.has(presenter[i]));
  const presenterOnly = shownOnly(presenter, displayLog.shown, startedAt, clicks);
  const displayOnly = shownOnly(display, presenterLog.shown, startedAt, clicks);
  const counts = {};
  for (const c of controls) counts[c] = (counts[c] ?? 0) + 1;
  return {
    controlsPressed: controls.length,
    controlsSeconds: clicks.length ? (clicks[clicks.length - 1].t - startedAt) / 1000 : 0,
    controlCounts: counts,
    clicksLogged: clicks.length,
    controlsWithoutVisibleChange: controlRows.filter((r) => !r.change).map((r) => r.control),
    byControl: lagStats(byControl, TARGET_ROOM_MAX_MS, longTasks),
    perControl,
    perSecond: lagStats(perSecond, TARGET_ROOM_MAX_MS, longTasks),
    presenterOnly,
    displayOnly,
    longTasks: { presenter: presenterLog.longTasks.length, display: displayLog.longTasks.length },
    presenterChanges: presenter.length,
    displayChanges: display.length,
  };
}

/** Median and max of (instant − the whole second of class time nearest it): how late a phone changed. */
function offTheSecond(changes, startsAt) {
  const devs = changes.map((c) => c.t - startsAt - Math.round((c.t - startsAt) / 1000) * 1000);
  return { medianMs: round1(median(devs)), maxMs: round1(devs.length ? Math.max(...devs) : null) };
}

function analyseClass(a, b, late, startsAt, lateOpenedAt) {
  const from = (log, t) => log.filter((c) => c.t >= t && c.timer !== '');
  // Phone A's and B's changes from the first both could show (each logs from its first paint).
  const since = Math.max(a.shown.find((c) => c.timer)?.t ?? Infinity, b.shown.find((c) => c.timer)?.t ?? Infinity);
  const countdownFrom = since + 1; // the first texts themselves are page loads, not changes
  const phones = pairChanges(from(a.shown, countdownFrom), from(b.shown, countdownFrom));
  const bOnly = shownOnly(from(b.shown, countdownFrom), a.shown, startsAt);
  const notes = [];
  if (since >= startsAt - 1000)
    notes.push(
      `the phones were not both showing the countdown a second before the start (both showed a time` +
        ` ${round1((since - startsAt) / 1000)} s after it): the load delayed the pages`,
    );

  const first = late.shown.find((c) => c.timer !== '');
  const lateResult = { firstShown: first ? describe(first) : null, phoneAThen: null, matched: false };
  if (first) {
    // A change within 50 ms either side is a change both phones make "at the same instant": either text counts.
    const candidates = [first.t - TARGET_CLASS_MAX_MS, first.t, first.t + TARGET_CLASS_MAX_MS]
      .map((t) => stateAt(a.shown, t))
      .filter(Boolean);
    const atFirst = stateAt(a.shown, first.t);
    lateResult.phoneAThen = atFirst ? describe(atFirst) : null;
    lateResult.matched = candidates.some((s) => keyOf(s) === keyOf(first)) && first.phase !== '';
    lateResult.firstShownAtClassSeconds = round1((first.t - startsAt) / 1000);
    lateResult.openedAtClassSeconds = round1((lateOpenedAt - startsAt) / 1000);
    lateResult.loadMs = round1(first.t - lateOpenedAt);
  }
  const lateLags = first ? pairChanges(from(a.shown, first.t + 1), from(late.shown, first.t + 1)) : [];
  return {
    phones: { ...lagStats(phones, TARGET_CLASS_MAX_MS, [...a.longTasks, ...b.longTasks]), bOnly },
    late: { ...lateResult, ...lagStats(lateLags, TARGET_CLASS_MAX_MS, [...a.longTasks, ...late.longTasks]) },
    // Every change of this class falls on a whole second of class time: how late each phone showed them.
    offTheSecond: {
      a: offTheSecond(from(a.shown, countdownFrom), startsAt),
      b: offTheSecond(from(b.shown, countdownFrom), startsAt),
      late: first ? offTheSecond(from(late.shown, first.t + 1), startsAt) : null,
    },
    longTasks: { a: a.longTasks.length, b: b.longTasks.length, late: late.longTasks.length },
    notes,
  };
}

// ---- Driving the app ------------------------------------------------------------------------------------

/** A small seeded generator, so every run presses the same sequence of controls. */
function seeded(seed) {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick(random, weighted) {
  const total = weighted.reduce((sum, [, w]) => sum + w, 0);
  let r = random() * total;
  for (const [name, w] of weighted) {
    r -= w;
    if (r < 0) return name;
  }
  return weighted[weighted.length - 1][0];
}

/** The next control: pause or resume, skip, back or +10 s; skips are kept a few parts ahead of backs. */
function nextControl(random, paused, ahead) {
  const choices = [
    [paused ? 'Resume' : 'Pause', paused ? 3 : 2],
    ['Skip', ahead < 6 ? 2 : 0],
    ['Back', ahead > -2 ? 2 : 0.5],
    ['Add 10 seconds', 1.5],
  ];
  return pick(random, choices);
}

const nowOn = (page) => page.evaluate(() => performance.timeOrigin + performance.now());

async function measureRoom(baseURL, cfg, log) {
  const browser = await launchVisible();
  try {
    const context = await browser.newContext({ viewport: VIEWPORT });
    await context.addInitScript(installRecorder);
    const presenter = await context.newPage();
    await presenter.goto(`${baseURL}/#/run/${PRESET}`);
    const start = presenter.getByRole('button', { name: 'Start' });
    await start.waitFor({ timeout: 15_000 });
    // Opened as an instructor opens it, with the app's button: a window of its own (a tab of the presenter's
    // window would be a background tab, which Chromium runs at a lower priority).
    const [display] = await Promise.all([
      presenter.waitForEvent('popup'),
      presenter.getByRole('button', { name: 'Open display window' }).click(),
    ]);
    // The display has built its face from the circuit sent before the start (its timer shows the first part).
    await display.getByRole('region', { name: 'Display' }).getByRole('timer').waitFor({ timeout: 5000 });

    const startedAt = await nowOn(presenter);
    const controls = ['Start'];
    await start.click();
    await display.getByRole('region', { name: 'Display' }).getByRole('timer').waitFor({ timeout: 5000 });
    log(`  room: started ${PRESET}; up to ${cfg.maxControls} controls, 0.5–1.5 s apart, for ${cfg.controlSeconds} s`);

    const random = seeded(6);
    const endAt = Date.now() + cfg.controlSeconds * 1000;
    let paused = false;
    let ahead = 0;
    let next = Date.now() + 500 + random() * 1000;
    while (next < endAt && controls.length <= cfg.maxControls) {
      await sleep(Math.max(0, next - Date.now()));
      const control = nextControl(random, paused, ahead);
      const pressed = Date.now();
      await presenter.getByRole('button', { name: control, exact: true }).click();
      controls.push(control);
      if (control === 'Pause' || control === 'Resume') paused = !paused;
      if (control === 'Skip') ahead++;
      if (control === 'Back') ahead--;
      next = pressed + 500 + random() * 1000;
    }
    await sleep(Math.max(0, endAt - Date.now()) + 1500);
    const [p, d] = await Promise.all([collect(presenter), collect(display)]);
    return { ...analyseRoom(p, d, controls, startedAt), chromium: browser.version() };
  } finally {
    await browser.close();
  }
}

/** Bundles src/share/link.ts (the app's own encoder) with Vite to a temporary module and imports it. */
async function loadEncoder() {
  const { build } = await import('vite');
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    root,
    build: {
      write: false,
      minify: false,
      lib: { entry: path.join(root, 'src/share/link.ts'), formats: ['es'], fileName: 'link' },
    },
  });
  const chunk = (Array.isArray(out) ? out[0] : out).output.find((o) => o.type === 'chunk' && o.isEntry);
  const dir = await mkdtemp(path.join(os.tmpdir(), 'bench-room-sync-'));
  try {
    const file = path.join(dir, 'link.mjs');
    await writeFile(file, chunk.code);
    return (await import(pathToFileURL(file).href)).encodeShare;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const exercise = (name) => ({ id: null, name, perSide: false, tips: [] });

/** As in tests/e2e/class.spec.ts: 3 s get ready, then rounds of 4 s / 2 s rows and face pulls. */
function classCircuit(rounds) {
  return {
    schemaVersion: 1,
    id: 'bench-class',
    name: 'Bench class',
    description: '',
    prepSeconds: 3,
    warmUpSeconds: 0,
    coolDownSeconds: 0,
    switchSidesSeconds: 0,
    blocks: [
      {
        id: 'b1',
        name: 'Main',
        rounds,
        restBetweenRoundsSeconds: 0,
        restAfterSeconds: 0,
        pace: null,
        steps: [
          { id: 's1', exercise: exercise('Rows'), mode: 'time', workSeconds: 4, reps: null, restSeconds: 2 },
          { id: 's2', exercise: exercise('Face pulls'), mode: 'time', workSeconds: 4, reps: null, restSeconds: 2 },
        ],
      },
    ],
  };
}

const classSeconds = (rounds) => 3 + rounds * 12 - 2;

async function measureClass(baseURL, cfg, log) {
  const encodeShare = await loadEncoder();
  const browser = await launchVisible();
  try {
    // Three phones: fresh browser profiles, opened before the link is made so that it starts a full lead ahead.
    const phones = [];
    for (let i = 0; i < 3; i++) {
      const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
      await context.addInitScript(installRecorder);
      phones.push(await context.newPage());
    }
    const [a, b, late] = phones;
    const startsAt = Date.now() + cfg.classLeadSeconds * 1000;
    const link = `${baseURL}/#/class/${await encodeShare({ circuit: classCircuit(cfg.classRounds), classStartsAt: startsAt })}`;
    await Promise.all([a.goto(link), b.goto(link)]);
    // The countdown, or on a slow machine already the class: the analysis notes a countdown not seen.
    for (const page of [a, b]) await page.getByRole('timer').first().waitFor({ timeout: 15_000 });
    const total = classSeconds(cfg.classRounds);
    log(`  class: ${total} s class, starting ${cfg.classLeadSeconds} s after the link was made`);

    await sleep(Math.max(0, startsAt + cfg.lateJoinSeconds * 1000 - Date.now()));
    const lateOpenedAt = Date.now();
    await late.goto(link);
    log(`  class: third phone opened the link ${round1((lateOpenedAt - startsAt) / 1000)} s into the class`);
    const done = (page) =>
      page.getByText('Workout complete', { exact: true }).waitFor({ timeout: (total + 30) * 1000 });
    await Promise.all([done(a), done(b), done(late)]);
    const [la, lb, ll] = await Promise.all([collect(a), collect(b), collect(late)]);
    return { ...analyseClass(la, lb, ll, startsAt, lateOpenedAt), classSeconds: total };
  } finally {
    await browser.close();
  }
}

// ---- Report ---------------------------------------------------------------------------------------------

const loadNow = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

function lagRow(label, s, target) {
  return `| ${label} | ${s.paired}/${s.count} | ${cell(s.medianMs)} | ${cell(s.p95Ms)} | ${cell(s.maxMs)}${s.worst ? ` (${s.worst})` : ''} | ${s.over.length} | ${target} |`;
}

function overLines(label, s, target) {
  if (!s?.over?.length) return [];
  const more = s.over.length > 12 ? `, and ${s.over.length - 12} more` : '';
  return ['', `Over ${target} ms (${label}), lag in ms: ${s.over.slice(0, 12).join('; ')}${more}.`];
}

const offText = (o) => (o ? `${cell(o.medianMs)} · ${cell(o.maxMs)} ms` : '–');

function markdown(cfg, room, klass, load) {
  const lines = [
    `Load average (1, 5, 15 min) at the start ${load.start.join(', ')}, at the end ${load.end.join(', ')}.`,
    'Instants: performance.timeOrigin + performance.now() in each page, logged by a MutationObserver from the' +
      ' first paint (an init script); a pair is the same (phase, time) shown by both within 1 s.',
    '',
    '| pair | changes paired | median (ms) | p95 (ms) | max (ms) | over target | target |',
    '| --- | --- | --- | --- | --- | --- | --- |',
  ];
  if (room?.byControl) {
    lines.push(lagRow('room: display after presenter, changes caused by a control', room.byControl, '≤ 16.7 ms'));
    lines.push(
      lagRow('room: display after presenter, per-second changes', room.perSecond, 'informational (≤ 16.7 ms)'),
    );
  }
  if (klass?.phones) {
    lines.push(lagRow('class: phone B after phone A', klass.phones, `≤ ${TARGET_CLASS_MAX_MS} ms`));
    lines.push(lagRow('class: late joiner after phone A', klass.late, `≤ ${TARGET_CLASS_MAX_MS} ms`));
  }
  if (room?.perControl)
    lines.push(
      '',
      `Worst |lag| per control (n): ${Object.entries(room.perControl)
        .map(([name, { n, maxMs }]) => `${name} ${maxMs} ms (${n})`)
        .join(', ')}.`,
    );
  if (room?.byControl) lines.push(...overLines('room, caused by a control', room.byControl, TARGET_ROOM_MAX_MS));
  if (klass?.phones) {
    lines.push(...overLines('class, phone B', klass.phones, TARGET_CLASS_MAX_MS));
    lines.push(...overLines('class, late joiner', klass.late, TARGET_CLASS_MAX_MS));
  }
  if (room?.byControl) {
    const counts = Object.entries(room.controlCounts)
      .map(([c, n]) => `${c} ${n}`)
      .join(', ');
    lines.push(
      '',
      `Room (${PRESET}, one context, two pages): ${room.controlsPressed} controls (${counts}) in the first` +
        ` ${round1(room.controlsSeconds)} of ${cfg.controlSeconds} s;` +
        ` ${room.presenterChanges} changes in the presenter, ${room.displayChanges} in the display.` +
        ` Shown by the presenter only: ${room.presenterOnly.length ? room.presenterOnly.join(', ') : 'none'};` +
        ` by the display only: ${room.displayOnly.length ? room.displayOnly.join(', ') : 'none'}.` +
        ` Long tasks (over 50 ms): presenter ${room.longTasks.presenter}, display ${room.longTasks.display}.`,
    );
    if (room.controlsWithoutVisibleChange.length)
      lines.push(
        '',
        `Controls that changed nothing shown (left out): ${room.controlsWithoutVisibleChange.join(', ')}.`,
      );
  }
  if (klass?.late) {
    const l = klass.late;
    lines.push(
      '',
      `Class (${klass.classSeconds} s, three browser contexts): the late phone opened the link ${cell(l.openedAtClassSeconds)} s` +
        ` into the class and first showed ${cell(l.firstShown)} ${cell(l.loadMs)} ms later; phone A showed` +
        ` ${cell(l.phoneAThen)} → ${l.matched ? 'matched' : 'MISMATCH'}.` +
        ` Shown by phone B and never by phone A: ${klass.phones.bOnly.length ? klass.phones.bOnly.join(', ') : 'none'}.`,
      '',
      'Each phone against the ideal instant (every change falls on a whole second of class time), median · max:' +
        ` phone A ${offText(klass.offTheSecond.a)}, phone B ${offText(klass.offTheSecond.b)},` +
        ` late joiner ${offText(klass.offTheSecond.late)}. Long tasks (over 50 ms): phone A ${klass.longTasks.a},` +
        ` phone B ${klass.longTasks.b}, late joiner ${klass.longTasks.late}.`,
    );
  }
  for (const [label, r] of [
    ['room', room],
    ['class', klass],
  ]) {
    if (r?.error) lines.push('', `**${label} failed:** ${r.error}`);
    for (const note of r?.notes ?? []) lines.push('', `Note (${label}): ${note}`);
  }
  return lines.join('\n');
}

const maxWithin = (s, target) => !!s && s.unpaired === 0 && s.maxMs !== null && s.maxMs <= target;
const maxText = (s) => (s ? `${cell(s.maxMs)} ms${s.unpaired ? `, ${s.unpaired} unpaired` : ''}` : 'failed');

/** Called by bench/run.mjs with the address of a preview server of the production build. */
export async function run({ baseURL, log = console.log }) {
  const cfg = config();
  const load = { start: loadNow() };
  let room = null;
  let klass = null;
  if (cfg.parts.includes('room')) {
    try {
      room = await measureRoom(baseURL, cfg, log);
    } catch (error) {
      room = { error: plain(error.message) };
    }
  }
  if (cfg.parts.includes('class')) {
    try {
      klass = await measureClass(baseURL, cfg, log);
    } catch (error) {
      klass = { error: plain(error.message) };
    }
  }
  load.end = loadNow();

  const targets = [];
  if (room) {
    targets.push({
      name: 'room: display after presenter, changes caused by a control, max',
      target: `≤ ${TARGET_ROOM_MAX_MS} ms`,
      actual: maxText(room.byControl),
      pass: maxWithin(room.byControl, TARGET_ROOM_MAX_MS),
    });
    const only = room.presenterOnly && room.presenterOnly.length + room.displayOnly.length;
    targets.push({
      name: 'room: changes shown by one window only',
      target: '0',
      actual: room.presenterOnly ? String(only) : 'failed',
      pass: only === 0,
    });
  }
  if (klass) {
    targets.push({
      name: 'class: phone B after phone A, max',
      target: `≤ ${TARGET_CLASS_MAX_MS} ms`,
      actual: maxText(klass.phones),
      pass: maxWithin(klass.phones, TARGET_CLASS_MAX_MS) && klass.phones.bOnly.length === 0,
    });
    targets.push({
      name: 'class: late joiner after phone A, max',
      target: `≤ ${TARGET_CLASS_MAX_MS} ms`,
      actual: maxText(klass.late),
      pass: maxWithin(klass.late, TARGET_CLASS_MAX_MS),
    });
    targets.push({
      name: "class: late joiner's first part and second",
      target: "phone A's",
      actual: klass.late ? `${cell(klass.late.firstShown)} vs ${cell(klass.late.phoneAThen)}` : 'failed',
      pass: !!klass.late?.matched,
    });
  }
  return {
    name: 'room-sync',
    title,
    config: cfg,
    loadAverage: load,
    results: { room, class: klass },
    targets,
    markdown: markdown(cfg, room, klass, load),
  };
}
