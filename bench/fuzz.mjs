// Fuzzing every input edge at bench scale: runs the property tests in tests/unit/fuzz with FUZZ_RUNS cases
// per property (10 000 by default) and reports, per edge, the cases run, the properties that failed and the
// time taken. Needs no build, server or browser. Standalone: node bench/fuzz.mjs.
// Env: BENCH_QUICK=1 (1 000 cases per property), BENCH_FUZZ_RUNS, FUZZ_SEED (replay a failure).
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const title = 'Fuzzing the input edges';
/** run.mjs builds and serves the app only for benchmarks that need it. */
export const needsServer = false;

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const vitestBin = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
const TARGET_CASES = 10_000;
/** Vitest's colours, taken out of its output before it is read. */
const ANSI = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
/** The order the edges are reported in: as the issue lists them. */
const EDGE_ORDER = [
  'circuit JSON',
  'backup files',
  'backup import',
  'share and class links',
  'routes',
  'editor fields',
  'stored data of older versions',
  'display-window messages',
];

function runVitest(env, log) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [vitestBin, 'run', 'tests/unit/fuzz'], {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const take = (chunk) => {
      output += chunk;
      for (const line of String(chunk).split('\n')) if (/Test Files|Tests |FAIL|Counterexample/.test(line)) log(line);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

export async function run({ log = console.log } = {}) {
  const quick = process.env.BENCH_QUICK === '1';
  const runs = Number(process.env.BENCH_FUZZ_RUNS ?? (quick ? 1_000 : TARGET_CASES));
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fuzz-'));
  const report = path.join(dir, 'report.jsonl');
  const started = Date.now();
  let result;
  try {
    log(`vitest run tests/unit/fuzz with FUZZ_RUNS=${runs}…`);
    result = await runVitest({ FUZZ_RUNS: String(runs), FUZZ_REPORT: report }, log);
    const lines = (await readFile(report, 'utf8').catch(() => '')).split('\n').filter(Boolean);
    const records = lines.map((line) => JSON.parse(line));
    const seconds = Math.round((Date.now() - started) / 1000);

    const edges = new Map();
    for (const r of records) {
      const e = edges.get(r.edge) ?? { edge: r.edge, properties: 0, cases: 0, failed: 0, ms: 0 };
      e.properties++;
      e.cases += r.cases;
      e.failed += r.failed ? 1 : 0;
      e.ms += r.ms;
      edges.set(r.edge, e);
    }
    const list = [...edges.values()].sort((a, b) => EDGE_ORDER.indexOf(a.edge) - EDGE_ORDER.indexOf(b.edge));
    // A run made short on purpose (BENCH_QUICK, BENCH_FUZZ_RUNS) is held to its own count.
    const target = quick || process.env.BENCH_FUZZ_RUNS ? runs : TARGET_CASES;
    const plainOutput = result.output.replace(ANSI, '');
    const failedTests = /Tests\s.*?(\d+) failed/.exec(plainOutput)?.[1] ?? '0';
    const unhandled = /(\d+) errors?/.exec(plainOutput)?.[1] ?? '0';

    const table = [
      '| edge | properties | cases | failed properties | time |',
      '| --- | --- | --- | --- | --- |',
      ...list.map(
        (e) =>
          `| ${e.edge} | ${e.properties} | ${e.cases.toLocaleString('en')} | ${e.failed} | ${(e.ms / 1000).toFixed(1)} s |`,
      ),
    ].join('\n');
    const markdown = [
      `${runs.toLocaleString('en')} cases per property, ${list.reduce((n, e) => n + e.cases, 0).toLocaleString('en')} in all, in ${seconds} s ` +
        `(vitest exit code ${result.code}; failed tests ${failedTests}; unhandled errors ${unhandled}).`,
      '',
      table,
    ].join('\n');

    const targets = [
      ...list.map((e) => ({
        name: `${e.edge}: cases per property, and properties that failed`,
        target: `≥ ${target.toLocaleString('en')} each, 0 failed`,
        actual: `${(e.cases / e.properties).toLocaleString('en')} × ${e.properties}, ${e.failed} failed`,
        pass: e.failed === 0 && e.cases / e.properties >= target,
      })),
      {
        name: 'the fuzz suite runs to the end: every test passes, no unhandled error',
        target: 'exit code 0',
        actual: `exit code ${result.code}`,
        pass: result.code === 0,
      },
    ];
    return { name: 'fuzz', title, config: { runs }, results: { seconds, edges: list }, targets, markdown };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await run();
  console.log(`\n${result.markdown}\n`);
  for (const t of result.targets) console.log(`${t.pass ? 'pass' : 'FAIL'}  ${t.name}: ${t.actual}`);
  process.exitCode = result.targets.every((t) => t.pass) ? 0 : 1;
}
