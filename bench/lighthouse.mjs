// Lighthouse: audits the production build's first screen for performance, accessibility and best practices
// with Lighthouse's default mobile profile (the targets) and its desktop profile (informational), and lists
// every audit that costs a category points. Full reports: bench/out/lighthouse-{mobile,desktop}.json.
// Env: BENCH_QUICK=1 (mobile only), BENCH_LIGHTHOUSE_PROFILES=mobile,desktop.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROMIUM_PATH, cell, round1 } from './browser.mjs';

export const title = 'Lighthouse';

const outDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'out');
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];
/** The targets, on the mobile run. */
const TARGETS = { performance: 95, accessibility: 100, 'best-practices': 100 };
// The headless flags that work in this container (no sandbox, no GPU) and keep Chromium off the network.
const CHROME_FLAGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const METRICS = [
  ['first-contentful-paint', 'FCP'],
  ['largest-contentful-paint', 'LCP'],
  ['total-blocking-time', 'TBT'],
  ['cumulative-layout-shift', 'CLS'],
  ['speed-index', 'Speed Index'],
];
/** Audits that can cost points: the rest are informative, manual or not applicable. */
const SCORED_MODES = new Set(['binary', 'numeric', 'metricSavings']);

function config() {
  const quick = process.env.BENCH_QUICK === '1';
  const profiles = (process.env.BENCH_LIGHTHOUSE_PROFILES ?? (quick ? 'mobile' : 'mobile,desktop'))
    .split(',')
    .map((p) => p.trim());
  for (const p of profiles)
    if (p !== 'mobile' && p !== 'desktop') throw new Error(`BENCH_LIGHTHOUSE_PROFILES: unknown profile ${p}`);
  return { quick, profiles, categories: CATEGORIES, throttling: 'simulated (Lighthouse default)' };
}

/** Lighthouse and chrome-launcher, imported here so that a missing or broken install says what it is. */
async function tools() {
  try {
    const [{ default: lighthouse }, chromeLauncher, { default: desktopConfig }] = await Promise.all([
      import('lighthouse'),
      import('chrome-launcher'),
      import('lighthouse/core/config/desktop-config.js'),
    ]);
    return { lighthouse, chromeLauncher, desktopConfig };
  } catch (error) {
    throw new Error(
      `could not load lighthouse / chrome-launcher (dev dependencies; run npm install): ${error.message}`,
      { cause: error },
    );
  }
}

/** Why a category is below 100: its scored audits that did not pass, worst-weighted first. */
function failingAudits(lhr, categoryId) {
  const category = lhr.categories[categoryId];
  return category.auditRefs
    .map((ref) => ({ ref, audit: lhr.audits[ref.id] }))
    .filter(({ audit }) => audit && SCORED_MODES.has(audit.scoreDisplayMode) && audit.score !== null && audit.score < 1)
    .sort((a, b) => b.ref.weight - a.ref.weight || a.audit.score - b.audit.score)
    .map(({ ref, audit }) => ({
      id: audit.id,
      title: audit.title,
      score: audit.score,
      weight: ref.weight,
      displayValue: audit.displayValue ?? null,
      // The elements or URLs the audit points at, for the fix.
      items: (audit.details?.items ?? []).slice(0, 5).map(describeItem).filter(Boolean),
    }));
}

function describeItem(item) {
  // Insights' prose sections (e.g. "add preconnect hints") say nothing about this page.
  if (item.type === 'list-section') return null;
  if (item.node) return item.node.snippet ?? item.node.selector ?? null;
  if (typeof item.url === 'string') return item.url;
  if (typeof item.source === 'object' && item.source?.url) return item.source.url;
  if (typeof item.description === 'string') return item.description;
  return null;
}

/** One Lighthouse run in a Chromium of its own (so no cache or service worker carries over between runs). */
async function audit(url, profile, { lighthouse, chromeLauncher, desktopConfig }, log) {
  let chrome;
  try {
    chrome = await chromeLauncher.launch({ chromePath: CHROMIUM_PATH, chromeFlags: CHROME_FLAGS, logLevel: 'silent' });
  } catch (error) {
    throw new Error(`chrome-launcher could not start ${CHROMIUM_PATH} (set CHROMIUM_PATH): ${error.message}`, {
      cause: error,
    });
  }
  try {
    log(`  ${profile}: auditing ${url} (Chromium on port ${chrome.port})`);
    const flags = { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: CATEGORIES };
    const result = await lighthouse(url, flags, profile === 'desktop' ? desktopConfig : undefined);
    if (!result?.lhr) throw new Error('Lighthouse returned no report');
    const file = path.join(outDir, `lighthouse-${profile}.json`);
    await mkdir(outDir, { recursive: true });
    await writeFile(file, typeof result.report === 'string' ? result.report : JSON.stringify(result.lhr));
    return summarise(result.lhr, profile, path.relative(path.join(outDir, '..', '..'), file));
  } finally {
    await chrome.kill();
  }
}

function summarise(lhr, profile, reportFile) {
  const scores = Object.fromEntries(
    CATEGORIES.map((id) => [id, lhr.categories[id]?.score == null ? null : Math.round(lhr.categories[id].score * 100)]),
  );
  const metrics = Object.fromEntries(
    METRICS.map(([id, label]) => {
      const a = lhr.audits[id];
      return [label, a ? { value: round1(a.numericValue), unit: a.numericUnit, display: a.displayValue } : null];
    }),
  );
  const failing = Object.fromEntries(
    CATEGORIES.filter((id) => scores[id] !== null && scores[id] < 100).map((id) => [id, failingAudits(lhr, id)]),
  );
  const s = lhr.configSettings;
  return {
    profile,
    lighthouse: lhr.lighthouseVersion,
    userAgent: lhr.environment?.hostUserAgent ?? null,
    formFactor: s.formFactor,
    throttlingMethod: s.throttlingMethod,
    throttling: s.throttling,
    finalUrl: lhr.finalDisplayedUrl ?? lhr.finalUrl,
    scores,
    metrics,
    failing,
    runtimeError: lhr.runtimeError ?? null,
    runWarnings: lhr.runWarnings ?? [],
    reportFile,
  };
}

// ---- Report -------------------------------------------------------------------------------------

function markdown(runs) {
  const lines = [
    "Lighthouse's default config (mobile: emulated phone, simulated throttling — a 4× slower CPU and a slow 4G",
    'link applied to the trace of an unthrottled load) on the first screen of the production build, in headless',
    `Chromium launched by chrome-launcher; categories ${CATEGORIES.join(', ')}. Desktop profile: informational.`,
    'The targets apply to the mobile run. Full reports: ' +
      Object.values(runs)
        .filter((r) => r.reportFile)
        .map((r) => `\`${r.reportFile}\``)
        .join(', ') +
      '.',
    '',
    '| profile | performance | accessibility | best practices | FCP | LCP | TBT | CLS | Speed Index |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const r of Object.values(runs)) {
    if (r.error) {
      lines.push(`| ${r.profile} | failed | | | | | | | |`);
      continue;
    }
    const m = (label) => cell(r.metrics[label]?.display);
    lines.push(
      `| ${r.profile} | ${cell(r.scores.performance)} | ${cell(r.scores.accessibility)} | ${cell(r.scores['best-practices'])} |` +
        ` ${m('FCP')} | ${m('LCP')} | ${m('TBT')} | ${m('CLS')} | ${m('Speed Index')} |`,
    );
  }
  for (const r of Object.values(runs)) {
    if (r.error) lines.push('', `**${r.profile} run failed:** ${r.error}`);
    if (r.runtimeError)
      lines.push('', `**${r.profile}: Lighthouse runtime error** ${r.runtimeError.code}: ${r.runtimeError.message}`);
    for (const w of r.runWarnings ?? []) lines.push('', `Warning (${r.profile}): ${w}`);
    for (const [category, audits] of Object.entries(r.failing ?? {})) {
      lines.push('', `${r.profile}, ${category} ${r.scores[category]}: audits not passed`);
      if (audits.length === 0) {
        lines.push('', '(none with a score below 1: the category score comes from metric scores alone)');
        continue;
      }
      lines.push('', '| audit | title | score | weight | value | where |', '| --- | --- | --- | --- | --- | --- |');
      for (const a of audits)
        lines.push(
          `| ${a.id} | ${a.title.replace(/\|/g, '\\|')} | ${a.score} | ${a.weight} | ${cell(a.displayValue)} |` +
            ` ${a.items.map((i) => `\`${String(i).replace(/\|/g, '\\|').replace(/`/g, "'").slice(0, 120)}\``).join('<br>') || '–'} |`,
        );
    }
  }
  return lines.join('\n');
}

/** Called by bench/run.mjs with the address of a preview server of the production build. */
export async function run({ baseURL, log = console.log }) {
  const cfg = config();
  const lib = await tools();
  const url = `${baseURL}/`;
  const runs = {};
  for (const profile of cfg.profiles) {
    try {
      runs[profile] = await audit(url, profile, lib, log);
    } catch (error) {
      runs[profile] = { profile, error: error.message };
    }
  }

  const mobile = runs.mobile;
  const targets = Object.entries(TARGETS).map(([id, goal]) => {
    const score = mobile?.scores?.[id] ?? null;
    return {
      name: `mobile: ${id} score`,
      target: goal === 100 ? '100' : `≥ ${goal}`,
      actual: mobile ? (mobile.error ? 'run failed' : cell(score)) : 'not run (mobile profile not selected)',
      pass: score !== null && score >= goal,
    };
  });

  return {
    name: 'lighthouse',
    title,
    config: cfg,
    results: runs,
    targets,
    markdown: markdown(runs),
  };
}
