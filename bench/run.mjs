// Runs every benchmark in bench/ against a production build served on 127.0.0.1:4174 (built and served only when
// a chosen benchmark needs it), prints a Markdown report and writes bench/out/results.{json,md}. Exits non-zero
// when a target is missed or a benchmark fails.
// Usage: npm run bench [-- name…]   (BENCH_QUICK=1 for a short smoke run)
import { spawn, execFileSync } from 'node:child_process';
import { mkdir, readdir, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const benchDir = path.join(root, 'bench');
const outDir = path.join(benchDir, 'out');
// A build of its own, so a bench never replaces the dist/ that an end-to-end run may be serving.
const distDir = path.join(outDir, 'dist');
const PORT = 4174;
const baseURL = `http://127.0.0.1:${PORT}`;
const viteBin = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Modules in bench/ that are not benchmarks: this runner and the helpers the benchmarks share. */
const NOT_BENCHMARKS = new Set(['run.mjs', 'browser.mjs']);

function runToEnd(command, args) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
    child.on('error', reject);
    child.on('exit', (code, signal) =>
      code === 0 ? resolve() : reject(new Error(`${path.basename(args[0] ?? command)} failed (${code ?? signal})`)),
    );
  });
}

async function startPreview() {
  // Another server on the port would answer the readiness check below before this one fails on --strictPort.
  const taken = await fetch(baseURL).then(
    () => true,
    () => false,
  );
  if (taken) throw new Error(`${baseURL} is already served by another process: wait until it is free`);
  const child = spawn(
    process.execPath,
    [viteBin, 'preview', '--host', '127.0.0.1', '--port', String(PORT), '--strictPort', '--outDir', distDir],
    { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`vite preview exited (${child.exitCode}):\n${output}`);
    try {
      const res = await fetch(baseURL);
      if (res.ok) return child;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  child.kill('SIGKILL');
  throw new Error(`vite preview did not answer on ${baseURL} within 30 s:\n${output}`);
}

async function stopPreview(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  if (!(await Promise.race([exited.then(() => true), sleep(5000).then(() => false)]))) {
    child.kill('SIGKILL');
    await exited;
  }
}

function machine() {
  const cpus = os.cpus();
  let chromium = 'unknown';
  try {
    chromium = execFileSync(chromiumPath, ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    // Reported as unknown.
  }
  return {
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
    node: process.version,
    chromium,
  };
}

async function findBenchmarks(only) {
  const files = (await readdir(benchDir)).filter((f) => f.endsWith('.mjs') && !NOT_BENCHMARKS.has(f)).sort();
  const picked = only.length ? files.filter((f) => only.includes(f.replace(/\.mjs$/, ''))) : files;
  if (only.length && picked.length !== only.length) throw new Error(`unknown benchmark in: ${only.join(', ')}`);
  return picked;
}

function targetsTable(benchmarks) {
  const lines = ['| benchmark | target | goal | actual | result |', '| --- | --- | --- | --- | --- |'];
  for (const b of benchmarks) {
    if (b.error) lines.push(`| ${b.name} | runs to the end | – | ${b.error.split('\n')[0]} | **FAIL** |`);
    for (const t of b.targets ?? [])
      lines.push(`| ${b.name} | ${t.name} | ${t.target} | ${t.actual} | ${t.pass ? 'pass' : '**FAIL**'} |`);
  }
  return lines.join('\n');
}

function withoutMarkdown(benchmark) {
  const copy = { ...benchmark };
  delete copy.markdown;
  return copy;
}

async function main() {
  const only = process.argv.slice(2);
  const files = await findBenchmarks(only);
  const date = new Date().toISOString();
  const host = machine();

  const modules = new Map();
  for (const file of files)
    modules.set(
      file,
      await import(pathToFileURL(path.join(benchDir, file)).href).catch((importError) => ({ importError })),
    );
  // A benchmark that exports `needsServer = false` (fuzz.mjs) runs without the build and the server.
  const needsServer = [...modules.values()].some((mod) => mod.needsServer !== false);

  let server = null;
  if (needsServer) {
    console.log(`Building into ${path.relative(root, distDir)}…`);
    await runToEnd(process.execPath, [viteBin, 'build', '--outDir', distDir, '--emptyOutDir']);
    server = await startPreview();
  }
  const stop = () => {
    server?.kill('SIGTERM');
    process.exit(130);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  const benchmarks = [];
  try {
    for (const file of files) {
      const name = file.replace(/\.mjs$/, '');
      console.log(`\nRunning ${name}…`);
      const started = Date.now();
      try {
        const mod = modules.get(file);
        if (mod.importError) throw mod.importError;
        const result = await mod.run({ baseURL, log: (line) => console.log(line) });
        benchmarks.push({ ...result, seconds: Math.round((Date.now() - started) / 1000) });
      } catch (error) {
        benchmarks.push({ name, title: name, error: error.stack ?? String(error), targets: [] });
      }
    }
  } finally {
    await stopPreview(server);
  }

  host.loadAverageAtEnd = os.loadavg().map((x) => Math.round(x * 100) / 100);
  const missed = benchmarks.filter((b) => b.error || b.targets.some((t) => !t.pass));
  const md = [
    `# Benchmarks`,
    '',
    `${date} — ${host.os}; ${host.cpu}, ${host.cores} cores, ${host.memoryGB} GB; Node ${host.node}; ${host.chromium}.`,
    `Load average (1, 5, 15 min) at start ${host.loadAverageAtStart.join(', ')}, at end ${host.loadAverageAtEnd.join(', ')}.`,
    ...benchmarks.flatMap((b) => [
      '',
      `## ${b.title}`,
      '',
      b.error ? `**Failed:** \n\n\`\`\`\n${b.error}\n\`\`\`` : b.markdown,
    ]),
    '',
    '## Targets',
    '',
    targetsTable(benchmarks),
    '',
    missed.length ? `**${missed.length} benchmark(s) missed a target or failed.**` : 'All targets met.',
    '',
  ].join('\n');

  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, 'results.md'), md);
  await writeFile(
    path.join(outDir, 'results.json'),
    JSON.stringify({ date, machine: host, benchmarks: benchmarks.map(withoutMarkdown) }, null, 2) + '\n',
  );
  console.log(`\n${md}`);
  console.log(`Written: ${path.relative(root, path.join(outDir, 'results.md'))}, results.json`);
  process.exitCode = missed.length ? 1 : 0;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
