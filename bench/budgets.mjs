// Size and offline start budgets: weighs, in the production build, the JavaScript the first screen needs and
// everything the service worker precaches, then times the library's start served by the service worker alone,
// offline, in headless Chromium (a reload, and a new tab with the service worker stopped).
// Env: BENCH_QUICK=1 (3 repetitions instead of 7), BENCH_REPS, BENCH_CPU_SLOWDOWN (e.g. 4, as Lighthouse's
// mobile profile; default 1: this machine's speed).
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { cell, launchVisible, median, plain, round1 } from './browser.mjs';

export const title = 'Size and offline start budgets';

// bench/run.mjs builds here (bench/out/dist) and serves this directory.
const distDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out', 'dist');

// Sizes are in KiB (1024 bytes), the unit Vite and vite-plugin-pwa print.
const KIB = 1024;
const TARGET_INITIAL_JS_GZIP = 40 * KIB;
const TARGET_PRECACHE = 400 * KIB;
/** Median time to the usable library, offline from the service worker, on this machine (no CPU slowdown). */
const TARGET_OFFLINE_MEDIAN_MS = 1000;
/** What the library shows once it can be used: its heading and a preset's "Run …" link. */
const LIBRARY_HEADING = 'Circuits';
/** The JS the library has loaded "when idle": every script response up to the load event plus this much. */
const IDLE_AFTER_LOAD_MS = 3000;
/** A phone-sized viewport (Lighthouse's mobile profile). */
const VIEWPORT = { width: 412, height: 823 };

function config() {
  const quick = process.env.BENCH_QUICK === '1';
  const reps = Number(process.env.BENCH_REPS ?? (quick ? 3 : 7));
  const cpuSlowdown = Number(process.env.BENCH_CPU_SLOWDOWN ?? 1);
  if (!Number.isInteger(reps) || reps < 1 || reps > 50) throw new Error(`BENCH_REPS must be 1…50, got ${reps}`);
  if (!(cpuSlowdown >= 1 && cpuSlowdown <= 20)) throw new Error(`BENCH_CPU_SLOWDOWN must be 1…20, got ${cpuSlowdown}`);
  return { quick, reps, cpuSlowdown, gzipLevel: 9, kib: KIB };
}

// ---- Files of the build ---------------------------------------------------------------------------

const gzipBytes = (buffer) => gzipSync(buffer, { level: 9 }).length;
const kib = (bytes) => (bytes === null || bytes === undefined ? '–' : `${(bytes / KIB).toFixed(1)} KiB`);

/** A file of the build by its URL path ("/assets/x.js"), with its raw and gzip (level 9) sizes. */
async function weigh(urlPath) {
  const file = decodeURIComponent(urlPath.replace(/^\//, ''));
  const buffer = await readFile(path.join(distDir, file));
  return { file, raw: buffer.length, gzip: gzipBytes(buffer) };
}

async function listFiles(dir, prefix = '') {
  const out = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listFiles(path.join(dir, entry.name), rel)));
    else out.push(rel);
  }
  return out;
}

/** Attributes of every `<tag …>` in the HTML (enough for Vite's own output; not a general HTML parser). */
function tags(html, tag) {
  const attrs = (text) =>
    Object.fromEntries(
      [...text.matchAll(/([\w:-]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)].map((m) => [
        m[1].toLowerCase(),
        m[2] ?? m[3] ?? m[4] ?? '',
      ]),
    );
  return [...html.matchAll(new RegExp(`<${tag}\\b([^>]*)>`, 'gi'))].map((m) => attrs(m[1]));
}

/**
 * The specifiers of a minified ES module's static imports and re-exports (`import{a}from"./x.js"`,
 * `import"./x.js"`, `export*from"./x.js"`). Dynamic `import("./x.js")` is left out: a screen loaded later.
 */
function staticImports(code) {
  const specs = [];
  const fromClause =
    /(?:^|[^\w$.])(?:import|export)\s*(?:\{[^}]*\}|\*\s*as\s+[\w$]+|\*|[\w$]+(?:\s*,\s*(?:\{[^}]*\}|\*\s*as\s+[\w$]+))?)\s*from\s*(["'])([^"']+)\1/g;
  const bare = /(?:^|[^\w$.])import\s*(["'])([^"']+)\1/g;
  for (const m of code.matchAll(fromClause)) specs.push(m[2]);
  for (const m of code.matchAll(bare)) specs.push(m[2]);
  return specs;
}

/** The entry script, its modulepreloads, and any module they import statically that is not preloaded. */
async function initialJs(html) {
  const entries = tags(html, 'script')
    .filter((a) => a.type === 'module' && a.src)
    .map((a) => ({ url: a.src, how: 'entry script' }));
  const preloads = tags(html, 'link')
    .filter((a) => (a.rel ?? '').split(/\s+/).includes('modulepreload') && a.href)
    .map((a) => ({ url: a.href, how: 'modulepreload' }));
  if (entries.length === 0) throw new Error('bench/out/dist/index.html has no <script type="module" src>');
  const queue = [...entries, ...preloads].map((e) => ({ ...e, url: new URL(e.url, 'http://app/').pathname }));
  const seen = new Set(queue.map((e) => e.url));
  const files = [];
  while (queue.length) {
    const item = queue.shift();
    const weighed = await weigh(item.url);
    files.push({ ...weighed, how: item.how });
    const code = await readFile(path.join(distDir, weighed.file), 'utf8');
    for (const spec of staticImports(code)) {
      if (!/^[./]/.test(spec)) continue;
      const url = new URL(spec, new URL(item.url, 'http://app/')).pathname;
      if (seen.has(url)) continue;
      seen.add(url);
      queue.push({ url, how: `static import of ${weighed.file}, not preloaded` });
    }
  }
  return { files, raw: sum(files, 'raw'), gzip: sum(files, 'gzip') };
}

const sum = (items, key) => items.reduce((s, x) => s + (x[key] ?? 0), 0);

async function allBuildJs() {
  const files = (await listFiles(distDir)).filter((f) => f.endsWith('.js'));
  const weighed = await Promise.all(files.map((f) => weigh(`/${f}`)));
  return { count: weighed.length, raw: sum(weighed, 'raw'), gzip: sum(weighed, 'gzip') };
}

// ---- The precache ---------------------------------------------------------------------------------

/** The array literal that starts at `start` ("["), up to its matching "]", skipping strings. */
function arrayLiteral(code, start) {
  let depth = 0;
  let quote = null;
  for (let i = start; i < code.length; i++) {
    const c = code[i];
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '[') depth++;
    else if (c === ']' && --depth === 0) return code.slice(start, i + 1);
  }
  throw new Error('sw.js: the precache manifest array is not closed');
}

/** The `{url, revision}` entries of `precacheAndRoute([...])` in the generated sw.js, as listed. */
function precacheManifest(swCode) {
  const at = swCode.indexOf('precacheAndRoute(');
  if (at === -1)
    throw new Error('bench/out/dist/sw.js has no precacheAndRoute([...]): is vite-plugin-pwa (generateSW) configured?');
  const array = arrayLiteral(swCode, swCode.indexOf('[', at));
  const field = (obj, key) => {
    const m = new RegExp(`["']?${key}["']?\\s*:\\s*(?:null|(["'])(.*?)\\1)`).exec(obj);
    return m ? (m[2] ?? null) : undefined;
  };
  return [...array.matchAll(/\{[^{}]*\}/g)].map((m) => ({
    url: field(m[0], 'url'),
    revision: field(m[0], 'revision'),
  }));
}

/** The scripts sw.js loads (workbox's runtime): `define(["./workbox-…"], …)` or `importScripts("…")`. */
function swImports(swCode) {
  const out = [];
  const define = /define\(\s*\[([^\]]*)\]/.exec(swCode);
  if (define)
    for (const m of define[1].matchAll(/(["'])([^"']+)\1/g))
      if (m[2] !== 'require' && m[2] !== 'exports' && m[2] !== 'module')
        out.push(m[2].endsWith('.js') ? m[2] : `${m[2]}.js`);
  for (const m of swCode.matchAll(/importScripts\(\s*(["'])([^"']+)\1/g)) out.push(m[2]);
  return [...new Set(out)];
}

async function precache() {
  const swCode = await readFile(path.join(distDir, 'sw.js'), 'utf8').catch((error) => {
    throw new Error(`bench/out/dist/sw.js not found: the build has no service worker (${error.code})`);
  });
  const listed = precacheManifest(swCode);
  if (listed.length === 0) throw new Error('sw.js: the precache manifest is empty');
  // Workbox keeps one copy per URL; vite-plugin-pwa may list a URL twice (the manifest's icons and the glob).
  const byUrl = new Map();
  for (const e of listed) if (!byUrl.has(e.url)) byUrl.set(e.url, e);
  const duplicates = [...new Set(listed.map((e) => e.url).filter((u, i, all) => all.indexOf(u) !== i))];
  const missing = [];
  const entries = [];
  for (const { url, revision } of byUrl.values()) {
    const urlPath = new URL(url, 'http://app/sw.js').pathname;
    try {
      const w = await weigh(urlPath);
      entries.push({ url, revision, bytes: w.raw, gzip: w.gzip });
    } catch {
      missing.push(url);
    }
  }
  entries.sort((a, b) => b.bytes - a.bytes);
  const runtime = [];
  for (const file of ['sw.js', ...swImports(swCode).map((s) => new URL(s, 'http://app/sw.js').pathname.slice(1))]) {
    const s = await stat(path.join(distDir, file)).catch(() => null);
    runtime.push({ file, bytes: s ? s.size : null });
  }
  return {
    listed: listed.length,
    count: entries.length,
    duplicates,
    missing,
    bytes: sum(entries, 'bytes'),
    gzip: sum(entries, 'gzip'),
    entries,
    runtime,
    runtimeBytes: sum(runtime, 'bytes'),
  };
}

// ---- In the page --------------------------------------------------------------------------------

/**
 * Installed in every document of the context before its scripts: notes the instant (performance.now(), from
 * this document's navigation start) the library is usable — its heading shown and a preset's "Run" link in the
 * page — and the next animation frame.
 */
function watchLibraryInPage(heading) {
  const state = { matchedAt: null, frameAt: null };
  window.__benchStart = state;
  const usable = () => {
    const link = document.querySelector('a[aria-label^="Run "][href*="/run/"]');
    if (!link) return false;
    const h1 = [...document.getElementsByTagName('h1')].find((h) => h.textContent.trim() === heading);
    return !!h1 && h1.checkVisibility() && h1.getBoundingClientRect().height > 0;
  };
  const observer = new MutationObserver(() => {
    if (state.matchedAt !== null || !usable()) return;
    state.matchedAt = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => (state.frameAt = performance.now()));
  });
  observer.observe(document, { childList: true, subtree: true, characterData: true });
}

/** Waits for the active, activated service worker (install, i.e. the precache, is over) and reads Cache Storage. */
async function serviceWorkerReadyInPage(timeoutMs) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no activated service worker within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const reg = await Promise.race([navigator.serviceWorker.ready, timeout]);
    const sw = reg.active;
    if (sw.state !== 'activated')
      await Promise.race([
        new Promise((resolve) => sw.addEventListener('statechange', () => sw.state === 'activated' && resolve())),
        timeout,
      ]);
    const stored = [];
    for (const name of await caches.keys()) {
      const cache = await caches.open(name);
      const requests = await cache.keys();
      let bytes = 0;
      for (const request of requests) bytes += (await (await cache.match(request)).blob()).size;
      stored.push({ name, entries: requests.length, bytes });
    }
    return { scriptURL: sw.scriptURL, state: sw.state, caches: stored };
  } finally {
    clearTimeout(timer);
  }
}

function readStartInPage() {
  const nav = performance.getEntriesByType('navigation')[0];
  const resources = performance.getEntriesByType('resource');
  return {
    interactiveMs: window.__benchStart?.matchedAt ?? null,
    frameMs: window.__benchStart?.frameAt ?? null,
    navType: nav.type,
    responseStartMs: nav.responseStart,
    domContentLoadedMs: nav.domContentLoadedEventEnd,
    loadMs: nav.loadEventEnd,
    transferSize: nav.transferSize,
    deliveryType: nav.deliveryType ?? null,
    resourceTransferSize: resources.reduce((s, r) => s + r.transferSize, 0),
    online: navigator.onLine,
    controlled: navigator.serviceWorker.controller !== null,
  };
}

// ---- Driving the browser -------------------------------------------------------------------------------

/** Runs `go` (a navigation) and returns the start figures of the document it loads, with its responses. */
async function measureLoad(page, go) {
  const responses = [];
  const failed = [];
  const onResponse = (r) => responses.push({ url: r.url(), status: r.status(), fromSW: r.fromServiceWorker() });
  const onFailed = (r) => failed.push({ url: r.url(), error: r.failure()?.errorText ?? 'failed' });
  page.on('response', onResponse);
  page.on('requestfailed', onFailed);
  try {
    await go();
    await page.waitForFunction(
      () => window.__benchStart?.frameAt != null && performance.getEntriesByType('navigation')[0]?.loadEventEnd > 0,
      null,
      { timeout: 20_000 },
    );
    // Requests made just after the load event (the service worker's registration code) are counted too.
    await sleep(500);
    return { ...(await page.evaluate(readStartInPage)), responses, failed };
  } finally {
    page.off('response', onResponse);
    page.off('requestfailed', onFailed);
  }
}

/** Why a load does not count as an offline start from the service worker (empty: it does). */
function offlineProblems(m) {
  const problems = [];
  if (m.online) problems.push('navigator.onLine was true');
  if (!m.controlled) problems.push('the page was not controlled by the service worker');
  if (m.responses.length === 0) problems.push('no response was seen');
  const notFromSW = m.responses.filter((r) => !r.fromSW && !/^(data|blob):/.test(r.url));
  if (notFromSW.length)
    problems.push(`not from the service worker: ${notFromSW.map((r) => `${r.url} (${r.status})`).join(', ')}`);
  if (m.failed.length) problems.push(`failed: ${m.failed.map((r) => `${r.url} (${r.error})`).join(', ')}`);
  return problems;
}

/**
 * Slows the page's CPU. The DevTools session stays attached (the slowdown ends with it) and, with its own
 * network conditions left at the default, would put the page back online: it says offline too.
 */
async function slowCpu(context, page, rate) {
  if (rate === 1) return;
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: true,
    latency: 0,
    downloadThroughput: -1,
    uploadThroughput: -1,
  });
}

/** Stops the context's service workers, so the next navigation has to start one (as after a while unused). */
async function stopServiceWorkers(context, page) {
  const cdp = await context.newCDPSession(page);
  const running = new Map();
  cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
    for (const v of versions) running.set(v.versionId, v.runningStatus);
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  const deadline = Date.now() + 3000;
  // The worker's status comes in events after ServiceWorker.enable: wait for them, then for 'stopped'.
  while (Date.now() < deadline && (running.size === 0 || [...running.values()].some((s) => s !== 'stopped')))
    await sleep(50);
  const stopped = running.size > 0 && [...running.values()].every((s) => s === 'stopped');
  await cdp.send('ServiceWorker.disable').catch(() => {});
  await cdp.detach();
  return stopped;
}

/** One repetition in a fresh context: online first visit, then offline reload, then offline new tab. */
async function repetition(browser, baseURL, cfg, first) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript(watchLibraryInPage, LIBRARY_HEADING);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(plain(e.message)));
    const scripts = [];
    page.on('response', (r) => {
      if (new URL(r.url()).pathname.endsWith('.js')) scripts.push(new URL(r.url()).pathname);
    });

    const firstVisit = await measureLoad(page, () => page.goto(`${baseURL}/`, { waitUntil: 'load' }));
    if (first) {
      const sinceLoad = await page.evaluate(
        () => performance.now() - performance.getEntriesByType('navigation')[0].loadEventEnd,
      );
      await sleep(Math.max(0, IDLE_AFTER_LOAD_MS - sinceLoad));
    }
    const idleScripts = [...new Set(scripts)];
    const sw = await page.evaluate(serviceWorkerReadyInPage, 30_000);

    await context.setOffline(true);
    await slowCpu(context, page, cfg.cpuSlowdown);
    const reload = await measureLoad(page, () => page.reload({ waitUntil: 'load' }));
    reload.problems = offlineProblems(reload);

    // The first tab closed, the service worker stopped: opening the app again, offline, from cold.
    await page.close();
    const tab = await context.newPage();
    tab.on('pageerror', (e) => errors.push(plain(e.message)));
    const swStopped = await stopServiceWorkers(context, tab);
    await slowCpu(context, tab, cfg.cpuSlowdown);
    const newTab = await measureLoad(tab, () => tab.goto(`${baseURL}/`, { waitUntil: 'load' }));
    newTab.problems = offlineProblems(newTab);
    newTab.swStopped = swStopped;

    return { firstVisit, idleScripts, sw, reload, newTab, errors };
  } finally {
    await context.close();
  }
}

async function measureOfflineStart(baseURL, cfg, precached, log) {
  const browser = await launchVisible();
  const reps = [];
  try {
    for (let i = 0; i < cfg.reps; i++) {
      const r = await repetition(browser, baseURL, cfg, i === 0);
      log(
        `  ${i + 1}/${cfg.reps}: first visit ${round1(r.firstVisit.interactiveMs)} ms, offline reload` +
          ` ${round1(r.reload.interactiveMs)} ms, offline new tab ${round1(r.newTab.interactiveMs)} ms`,
      );
      reps.push(r);
    }
    return { chromium: browser.version(), reps, summary: summarise(reps, precached) };
  } finally {
    await browser.close();
  }
}

function summariseLoads(loads) {
  const pick = (key) => loads.map((l) => l[key]).filter((x) => typeof x === 'number');
  const problems = loads.flatMap((l, i) => (l.problems ?? []).map((p) => `repetition ${i + 1}: ${p}`));
  const interactive = pick('interactiveMs');
  return {
    n: loads.length,
    interactiveMs: interactive.map(round1),
    medianMs: round1(median(interactive)),
    maxMs: round1(interactive.length ? Math.max(...interactive) : null),
    medianFrameMs: round1(median(pick('frameMs'))),
    medianResponseStartMs: round1(median(pick('responseStartMs'))),
    medianDomContentLoadedMs: round1(median(pick('domContentLoadedMs'))),
    medianLoadMs: round1(median(pick('loadMs'))),
    responses: loads.map((l) => l.responses.length),
    fromServiceWorker: loads.map((l) => l.responses.filter((r) => r.fromSW).length),
    navTransferSize: [...new Set(loads.map((l) => l.transferSize))],
    deliveryTypes: [...new Set(loads.map((l) => l.deliveryType))],
    verified: problems.length === 0 && loads.every((l) => l.interactiveMs !== null),
    problems,
  };
}

function summarise(reps, precached) {
  const cacheNotes = [];
  for (const [i, r] of reps.entries()) {
    const pre = r.sw.caches.find((c) => c.name.includes('precache'));
    if (!pre) cacheNotes.push(`repetition ${i + 1}: no precache in Cache Storage (${r.sw.caches.map((c) => c.name)})`);
    else if (pre.entries !== precached.count)
      cacheNotes.push(
        `repetition ${i + 1}: ${pre.entries} entries in Cache Storage, ${precached.count} in the manifest`,
      );
  }
  const pre0 = reps[0]?.sw.caches.find((c) => c.name.includes('precache')) ?? null;
  return {
    firstVisit: summariseLoads(reps.map((r) => r.firstVisit)),
    reload: summariseLoads(reps.map((r) => r.reload)),
    newTab: summariseLoads(reps.map((r) => r.newTab)),
    swStopped: reps.map((r) => r.newTab.swStopped),
    cacheStorage: pre0 && { name: pre0.name, entries: pre0.entries, bytes: pre0.bytes },
    cacheNotes,
    pageErrors: [...new Set(reps.flatMap((r) => r.errors))],
    idleScripts: reps[0]?.idleScripts ?? [],
  };
}

// ---- Report -------------------------------------------------------------------------------------

const bytes = (n) => (n === null || n === undefined ? '–' : n.toLocaleString('en-GB'));

function startRow(label, s) {
  const all = s.responses.every((n, i) => n === s.fromServiceWorker[i]);
  return (
    `| ${label} | ${s.n} | ${cell(s.medianMs)} | ${cell(s.maxMs)} | ${cell(s.medianFrameMs)} |` +
    ` ${cell(s.medianResponseStartMs)} | ${cell(s.medianDomContentLoadedMs)} | ${cell(s.medianLoadMs)} |` +
    ` ${Math.min(...s.responses)}–${Math.max(...s.responses)}${all ? ', all' : ''} |` +
    ` ${s.verified === null ? '– (online)' : s.verified ? 'yes' : '**no**'} |`
  );
}

function markdown(cfg, sizes, offline) {
  const { initial, idle, allJs, precached } = sizes;
  const lines = [
    'Sizes are read from the build in `bench/out/dist`; gzip is zlib level 9 on each file; 1 KiB = 1024 bytes.',
    "Initial JavaScript = index.html's entry module script, its `modulepreload`s, and any module they import",
    'statically that is not preloaded (dynamic `import()`s are screens loaded later, left out).',
    '',
    '| initial JS file | how | raw | gzip |',
    '| --- | --- | --- | --- |',
    ...initial.files.map((f) => `| ${f.file} | ${f.how} | ${bytes(f.raw)} B | ${bytes(f.gzip)} B |`),
    `| **total** | ${initial.files.length} files | ${kib(initial.raw)} | **${kib(initial.gzip)}** |`,
    '',
  ];
  if (idle)
    lines.push(
      `Informational: JS the library had loaded ${IDLE_AFTER_LOAD_MS / 1000} s after its load event (first visit,` +
        ` page responses): ${idle.files.length} files, ${kib(idle.raw)} raw, ${kib(idle.gzip)} gzip` +
        (idle.extra.length ? ` (beyond the initial JS: ${idle.extra.join(', ')})` : '') +
        `. All JS in the build (${allJs.count} files, sw.js and the workbox runtime included): ${kib(allJs.raw)}` +
        ` raw, ${kib(allJs.gzip)} gzip.`,
      '',
    );
  lines.push(
    "Precache = the unique URLs of sw.js's `precacheAndRoute([...])` manifest, weighed as files on disk, i.e." +
      ' uncompressed, as Cache Storage keeps them' +
      (precached.duplicates.length
        ? ` (the manifest lists ${precached.listed} entries: ${precached.duplicates.length} URLs twice —` +
          ` ${precached.duplicates.join(', ')} — stored once)`
        : '') +
      `. Total ${bytes(precached.bytes)} B = **${kib(precached.bytes)}** in ${precached.count} entries` +
      ` (${kib(precached.gzip)} if gzip-compressed). The service worker itself, not in the precache:` +
      ` ${precached.runtime.map((r) => `${r.file} ${bytes(r.bytes)} B`).join(', ')} (${kib(precached.runtimeBytes)}).`,
  );
  if (offline?.summary?.cacheStorage) {
    const c = offline.summary.cacheStorage;
    lines.push(
      `In the browser after install, Cache Storage "${c.name}" held ${c.entries} entries, ${bytes(c.bytes)} B of bodies.`,
    );
  }
  if (precached.missing.length) lines.push('', `**Listed but not in the build:** ${precached.missing.join(', ')}.`);
  lines.push(
    '',
    '| largest precache entries | bytes | share |',
    '| --- | --- | --- |',
    ...precached.entries
      .slice(0, 8)
      .map((e) => `| ${e.url} | ${bytes(e.bytes)} | ${Math.round((100 * e.bytes) / precached.bytes)} % |`),
  );

  lines.push(
    '',
    `Offline start: ${cfg.reps} repetitions, each in a fresh browser context of headless Chromium (viewport` +
      ` ${VIEWPORT.width}×${VIEWPORT.height}, ${cfg.cpuSlowdown === 1 ? 'no CPU slowdown' : `CPU slowed ${cfg.cpuSlowdown}×`}):` +
      ' a first visit online, a wait until the service worker is activated (its install, i.e. the precache, done),' +
      ' then the context set offline and (1) the page reloaded; (2) the tab closed, the service worker stopped' +
      ' (DevTools `ServiceWorker.stopAllWorkers`) and the app opened in a new tab. Interactive = the first DOM' +
      ` change after which the \`<h1>${LIBRARY_HEADING}</h1>\` is rendered visible and a preset's "Run …" link is in the` +
      ' page (MutationObserver), in ms from the navigation start; first frame = the animation frame after it.' +
      ' A load counts as offline from the service worker only if `navigator.onLine` was false, the page was' +
      ' controlled and every response Playwright saw came from the service worker (`response.fromServiceWorker()`).' +
      ` Target: median ≤ ${TARGET_OFFLINE_MEDIAN_MS} ms on this machine (a phone may be several times slower;` +
      ' `BENCH_CPU_SLOWDOWN=4` approximates one).',
    '',
  );
  if (offline?.summary) {
    const s = offline.summary;
    lines.push(
      '| load | n | interactive median (ms) | interactive max (ms) | first frame median (ms) | response start median (ms) | DOMContentLoaded median (ms) | load median (ms) | responses (from SW) | offline from SW |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      startRow('first visit, online (informational)', { ...s.firstVisit, verified: null }),
      startRow('reload, offline', s.reload),
      startRow('new tab, offline, service worker stopped', s.newTab),
      '',
      `Interactive per repetition (ms): reload ${s.reload.interactiveMs.join(', ')}; new tab ${s.newTab.interactiveMs.join(', ')}.` +
        ` Document transfer size offline: ${s.reload.navTransferSize.join('/')} B (reload), ${s.newTab.navTransferSize.join('/')} B (new tab).`,
    );
    if (s.swStopped.some((x) => !x))
      lines.push(
        '',
        `Note: the service worker was not confirmed stopped before ${s.swStopped.filter((x) => !x).length} new-tab load(s).`,
      );
    for (const p of [...s.reload.problems.map((p) => `reload: ${p}`), ...s.newTab.problems.map((p) => `new tab: ${p}`)])
      lines.push('', `**Not a clean offline start** (${p}).`);
    for (const note of s.cacheNotes) lines.push('', `Note: ${note}.`);
    if (s.pageErrors.length) lines.push('', `Page errors: ${s.pageErrors.join('; ')}.`);
  }
  if (offline?.error) lines.push('', `**Offline start failed:** ${offline.error}`);
  return lines.join('\n');
}

/** Called by bench/run.mjs with the address of a preview server of the production build. */
export async function run({ baseURL, log = console.log }) {
  const cfg = config();
  const html = await readFile(path.join(distDir, 'index.html'), 'utf8');
  // The sizes are those of the build the server serves: the same entry script in both.
  const served = await (await fetch(`${baseURL}/`)).text();
  const entryOf = (h) => tags(h, 'script').find((a) => a.type === 'module')?.src;
  if (entryOf(served) !== entryOf(html))
    throw new Error(`${baseURL} does not serve bench/out/dist (entry ${entryOf(served)} vs ${entryOf(html)})`);

  const initial = await initialJs(html);
  const allJs = await allBuildJs();
  const precached = await precache();
  log(`  initial JS ${kib(initial.gzip)} gzip; precache ${kib(precached.bytes)} in ${precached.count} entries`);

  let offline;
  try {
    offline = await measureOfflineStart(baseURL, cfg, precached, log);
  } catch (error) {
    offline = { error: plain(error.message) };
  }

  let idle = null;
  if (offline.summary) {
    const files = await Promise.all(offline.summary.idleScripts.map((p) => weigh(p).catch(() => null)));
    const found = files.filter(Boolean);
    const initialFiles = new Set(initial.files.map((f) => f.file));
    idle = {
      files: found.map((f) => f.file),
      raw: sum(found, 'raw'),
      gzip: sum(found, 'gzip'),
      extra: found.map((f) => f.file).filter((f) => !initialFiles.has(f)),
    };
  }
  const sizes = { initial, idle, allJs, precached };

  const s = offline.summary;
  const startTarget = (label, load) => ({
    name: `offline start, ${label}: median time to a usable library`,
    target: `≤ ${TARGET_OFFLINE_MEDIAN_MS} ms, offline from the SW`,
    actual: load
      ? `${cell(load.medianMs)} ms (max ${cell(load.maxMs)} ms)${load.verified ? '' : ', not a clean offline start'}`
      : 'failed',
    pass: !!load && load.verified && load.medianMs !== null && load.medianMs <= TARGET_OFFLINE_MEDIAN_MS,
  });
  const targets = [
    {
      name: 'initial JavaScript (gzip)',
      target: `≤ ${kib(TARGET_INITIAL_JS_GZIP)}`,
      actual: `${kib(initial.gzip)} (${initial.files.length} files)`,
      pass: initial.gzip <= TARGET_INITIAL_JS_GZIP,
    },
    {
      name: 'precache total (uncompressed)',
      target: `≤ ${kib(TARGET_PRECACHE)}`,
      actual: `${kib(precached.bytes)} (${precached.count} entries)`,
      pass: precached.bytes <= TARGET_PRECACHE && precached.missing.length === 0,
    },
    startTarget('reload', s?.reload),
    startTarget('new tab, SW stopped', s?.newTab),
  ];

  return {
    name: 'budgets',
    title,
    config: { ...cfg, viewport: VIEWPORT, idleAfterLoadMs: IDLE_AFTER_LOAD_MS },
    results: {
      initialJs: initial,
      idleJs: idle,
      allJs,
      precache: { ...precached, entries: precached.entries.map(({ url, bytes }) => ({ url, bytes })) },
      offlineStart: offline.summary ? { chromium: offline.chromium, ...offline.summary } : { error: offline.error },
    },
    targets,
    markdown: markdown(cfg, sizes, offline),
  };
}
