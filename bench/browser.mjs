// Shared by the benchmarks in bench/ (not a benchmark itself): Chromium launched as in the end-to-end tests,
// or spawned with background throttling left on so that a tab can really be hidden; the bench circuit put in
// the app's IndexedDB; the run as the app exposes it; clocks, statistics and report helpers.
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { chromium } from '@playwright/test';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The same flags as playwright.config.ts. Playwright's launch() adds the flags that turn off background
// throttling; the hidden run spawns Chromium itself so that throttling stays on, as on a real phone.
export const BASE_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--autoplay-policy=no-user-gesture-required',
];

/** Chromium as Playwright launches it (background throttling off): for runs that stay visible. */
export function launchVisible() {
  return chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: BASE_ARGS });
}

// ---- A tab that can be hidden -----------------------------------------------------------------------

/** Starts Chromium with a DevTools port and reads its WebSocket address from stderr. */
function spawnChromium(userDataDir) {
  const proc = spawn(
    CHROMIUM_PATH,
    [...BASE_ARGS, '--headless', '--remote-debugging-port=0', `--user-data-dir=${userDataDir}`, 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const wsUrl = new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('Chromium did not print its DevTools address in 20 s')), 20_000);
    proc.stderr.on('data', (chunk) => {
      buffer += chunk;
      const m = /DevTools listening on (ws:\/\/\S+)/.exec(buffer);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    proc.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Chromium exited (${code}) before listening:\n${buffer.slice(-2000)}`));
    });
  });
  return { proc, wsUrl };
}

async function stopProcess(proc) {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  const exited = new Promise((resolve) => proc.once('exit', resolve));
  proc.kill('SIGTERM');
  const done = await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]);
  if (!done) {
    proc.kill('SIGKILL');
    await exited;
  }
}

async function devToolsGet(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
}

/**
 * Chromium spawned without the anti-throttling flags, driven over CDP, whose first tab can be sent behind
 * another one. Playwright keeps every page it drives focused and visible, so `hide()` lets go of the browser
 * and `bringBack()` uses DevTools' HTTP endpoints before reconnecting. Always `close()` it.
 */
export async function launchHideable() {
  const userDataDir = await mkdtemp(path.join(os.tmpdir(), 'bench-chromium-'));
  const { proc, wsUrl: wsPromise } = spawnChromium(userDataDir);
  const cleanUp = async () => {
    await stopProcess(proc);
    // Chromium's helper processes may still be writing the profile for a moment after it exits.
    await rm(userDataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 }).catch((error) =>
      console.warn(`could not remove the Chromium profile ${userDataDir}: ${error.message}`),
    );
  };
  let wsUrl;
  let browser;
  try {
    wsUrl = await wsPromise;
    browser = await chromium.connectOverCDP(wsUrl);
  } catch (error) {
    await cleanUp();
    throw error;
  }
  const context = browser.contexts()[0];
  const page = context.pages()[0] ?? (await context.newPage());
  const http = new URL(wsUrl);
  let tabId = null;
  let otherTab = null;
  return {
    page,
    /** Notes the DevTools id of the page's tab, to bring it back without Playwright. */
    async rememberTab() {
      const session = await context.newCDPSession(page);
      const { targetInfo } = await session.send('Target.getTargetInfo');
      await session.detach();
      tabId = targetInfo.targetId;
    },
    /** Opens another tab in front of the page's, in the same window, and disconnects: the page turns hidden. */
    async hide() {
      if (tabId === null) await this.rememberTab();
      const cdp = await browser.newBrowserCDPSession();
      ({ targetId: otherTab } = await cdp.send('Target.createTarget', { url: 'about:blank', newWindow: false }));
      await cdp.detach();
      await browser.close();
    },
    /** Brings the page's tab back to front, closes the other, reconnects and returns the page whose URL matches. */
    async bringBack(urlIncludes) {
      await devToolsGet(`http://${http.host}/json/activate/${tabId}`);
      await devToolsGet(`http://${http.host}/json/close/${otherTab}`);
      await sleep(1000);
      browser = await chromium.connectOverCDP(wsUrl);
      const back = browser
        .contexts()
        .flatMap((c) => c.pages())
        .find((p) => p.url().includes(urlIncludes));
      if (!back) throw new Error('the app tab was not found after reconnecting');
      return back;
    },
    version: () => browser.version(),
    /** Disconnects if connected, ends Chromium and removes its profile. */
    async close() {
      try {
        if (browser.isConnected()) await browser.close();
      } finally {
        await cleanUp();
      }
    },
  };
}

// ---- Clocks -------------------------------------------------------------------------------------------

/** Offset from Node's performance.now() to the page's (both monotonic; only their origins differ). */
async function pageClockOffset(page) {
  const n0 = performance.now();
  const p = await page.evaluate(() => performance.now());
  const n1 = performance.now();
  return p - (n0 + n1) / 2;
}

/**
 * A sleep until an instant of the page's performance.now(), that keeps working while Playwright is
 * disconnected from the page (the clock offset is measured once, now).
 */
export async function pageSleeper(page) {
  const offset = await pageClockOffset(page);
  return async (pageT) => {
    const wait = pageT - offset - performance.now();
    if (wait > 0) await sleep(wait);
  };
}

/** Sleeps until the page's performance.now() reaches pageT (to within a few ms). */
export async function sleepUntilPageTime(page, pageT) {
  const pageNow = await page.evaluate(() => performance.now());
  const wait = pageT - pageNow;
  if (wait > 0) await sleep(wait);
}

// ---- The app --------------------------------------------------------------------------------------------

/** Puts the circuit with the raw IndexedDB API, once the app has created its database. */
function putCircuitInPage(record) {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open('circuit-timer');
    req.onupgradeneeded = () => {
      // The app has not created its database yet: do not create it in its place.
      req.transaction.abort();
    };
    req.onerror = () => reject(new Error(`open circuit-timer: ${req.error?.name ?? 'error'}`));
    req.onsuccess = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains('circuits')) {
        db.close();
        reject(new Error('the circuit-timer database has no "circuits" store'));
        return;
      }
      const tx = db.transaction('circuits', 'readwrite');
      tx.objectStore('circuits').put(record);
      tx.oncomplete = () => {
        db.close();
        resolve(true);
      };
      tx.onerror = () => reject(tx.error);
    };
  });
}

/** Opens the app and stores `circuit` (a record in the app's format) in its database. */
export async function storeCircuit(page, baseURL, circuit) {
  await page.goto(`${baseURL}/#/`);
  await page.getByRole('heading', { level: 1 }).first().waitFor({ timeout: 15_000 });
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      await page.evaluate(putCircuitInPage, circuit);
      break;
    } catch (error) {
      if (Date.now() > deadline)
        throw new Error(`could not store the bench circuit: ${error.message}`, { cause: error });
      await sleep(200);
    }
  }
}

/** The run as the app exposes it (window.__circuitTimer.run), or null before one starts. */
export function readRunInPage() {
  const run = window.__circuitTimer?.run;
  if (!run) return null;
  return {
    startedAt: run.startedAt,
    events: (run.events ?? []).map((e) => ({ type: e.type, at: e.at })),
    segments: (run.segments ?? []).map((s) => ({ kind: s.kind, start: s.start, duration: s.duration })),
  };
}

/** The page instant the run ends, with no pauses or skips. */
export function runEnd(run) {
  return run.startedAt + Math.max(...run.segments.map((s) => s.start + (s.duration ?? 0)));
}

export function checkNoInterruptions(run, notes) {
  const moves = run.events.filter((e) => e.type !== 'done');
  if (moves.length > 0) notes.push(`the run log has ${moves.length} pause/skip events: ideal instants assume none`);
}

// ---- Statistics and report ----------------------------------------------------------------------------

export const round1 = (x) => (x === null || x === undefined || Number.isNaN(x) ? null : Math.round(x * 10) / 10);

/** Linear interpolation between the closest ranks. */
export function quantile(values, q) {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  return s[lo] + (s[Math.min(lo + 1, s.length - 1)] - s[lo]) * (pos - lo);
}

export const median = (values) => quantile(values, 0.5);

// eslint-disable-next-line no-control-regex -- strips terminal colours from Playwright's messages
export const plain = (text) => text.replace(/\u001b\[[0-9;]*m/g, '');
export const cell = (v) => (v === null || v === undefined ? '–' : String(v));
