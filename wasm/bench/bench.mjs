// bench.mjs — `make bench`: Sufler's engine as wasm in Node (through sufler.mjs, as the
// extension runs it) and natively, beside FlexSearch and MiniSearch with a Russian stemmer, on
// one generated Russian knowledge base. Prints a table against the budget and writes every
// figure to $BENCH_JSON (README.md in this folder lists the keys).
//
// Each engine runs in its own process, one after another, BENCH_RUNS times per size; figures
// are medians over the runs. Nothing here asserts a figure: the run fails (exit 1) only when a
// stage fails (a build is missing, a request is refused, a process dies).
//
// Environment:
//   BENCH_SIZES    entries per generated pack, comma-separated (default 1000,10000)
//   BENCH_RUNS     runs per size and engine (default 3)
//   BENCH_QUERIES  queries per size (default 300)
//   BENCH_ENGINES  which to run (default wasm,native,flexsearch,minisearch)
//   BENCH_JSON     where to write the figures (default build/bench.json)
//   BENCH_WASM_DIR the engine build (default build/wasm: sufler.wasm, sufler.mjs, wasm_exec.js)
//   BENCH_NATIVE   the native measuring program (default: built with `go build` into build/bench/)
//   BENCH_CHECKS   timed /v1/check (and /v1/health) requests per run (default 200)
//   BENCH_SEED     corpus seed (default 1)
//   BENCH_BROWSERS browsers whose engine start-up is measured, BENCH_RUNS times each in a freshly
//                  launched browser (default chromium,firefox; empty: none). See browser.mjs.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeCorpus } from './corpus.mjs';
import { BUDGET, browserBudget, budget, figures } from './report.mjs';

const here = import.meta.dirname;
const root = path.resolve(here, '../..');
const env = process.env;
const sizes = (env.BENCH_SIZES ?? '1000,10000').split(',').map(Number).filter((n) => n > 0);
const runs = Math.max(1, +(env.BENCH_RUNS ?? 3));
const nQueries = Math.max(1, +(env.BENCH_QUERIES ?? 300));
const engines = (env.BENCH_ENGINES ?? 'wasm,native,flexsearch,minisearch').split(',').map((s) => s.trim()).filter(Boolean);
const jsonPath = path.resolve(root, env.BENCH_JSON ?? 'build/bench.json');
const wasmDir = path.resolve(root, env.BENCH_WASM_DIR ?? 'build/wasm');
const outDir = path.join(root, 'build/bench');
const seed = +(env.BENCH_SEED ?? 1);
const nChecks = Math.max(1, +(env.BENCH_CHECKS ?? 200));
const browsers = (env.BENCH_BROWSERS ?? 'chromium,firefox').split(',').map((s) => s.trim()).filter(Boolean);
const extModules = path.join(root, 'extension/node_modules');

function fail(msg) {
  console.error(`bench: ${msg}`);
  process.exit(1);
}

/** Runs one measuring process and returns the JSON object it prints. */
function measure(label, cmd, args, extraEnv = {}) {
  let stdout;
  try {
    stdout = execFileSync(cmd, args, {
      cwd: root, encoding: 'utf8', maxBuffer: 64 << 20, timeout: 15 * 60 * 1000,
      stdio: ['ignore', 'pipe', 'inherit'], env: { ...env, ...extraEnv },
    });
  } catch (e) {
    fail(`${label} failed (${e.status != null ? `exit ${e.status}` : e.signal ?? e.message})`);
  }
  const line = stdout.trim().split('\n').at(-1);
  try {
    return JSON.parse(line);
  } catch {
    fail(`${label} printed no JSON: ${stdout.slice(0, 500)}`);
  }
}

function nativeBinary() {
  if (env.BENCH_NATIVE) return path.resolve(root, env.BENCH_NATIVE);
  const bin = path.join(outDir, 'native');
  try {
    execFileSync('go', ['build', '-trimpath', '-o', bin, './wasm/bench/native'], { cwd: root, stdio: 'inherit' });
  } catch {
    fail('go build ./wasm/bench/native failed');
  }
  return bin;
}

function preflight() {
  if (sizes.length === 0) fail('BENCH_SIZES names no size');
  const unknown = engines.filter((e) => !['wasm', 'native', 'flexsearch', 'minisearch'].includes(e));
  if (unknown.length) fail(`unknown engine(s) in BENCH_ENGINES: ${unknown.join(', ')}`);
  const unknownBrowser = browsers.filter((b) => !['chromium', 'firefox'].includes(b));
  if (unknownBrowser.length) fail(`unknown browser(s) in BENCH_BROWSERS: ${unknownBrowser.join(', ')} (chromium, firefox, or empty for none)`);
  for (const b of browsers) {
    const pkg = b === 'chromium' ? 'playwright-core' : 'puppeteer-core';
    if (!existsSync(path.join(extModules, pkg, 'package.json'))) {
      fail(`extension/node_modules has no ${pkg} (it drives ${b}): run \`npm ci\` in extension/ (make bench does), or set BENCH_BROWSERS= to skip the browsers`);
    }
    const exe = b === 'chromium' ? env.SUFLER_CHROMIUM ?? '/usr/bin/chromium' : env.SUFLER_FIREFOX ?? '/usr/bin/firefox-esr';
    if (!existsSync(exe)) fail(`no ${b} at ${exe}: .ci/install-${b === 'chromium' ? 'chromium' : 'firefox'} installs it, or set BENCH_BROWSERS= to skip the browsers`);
  }
  if (engines.includes('wasm') || browsers.length) {
    for (const f of ['sufler.wasm', 'sufler.mjs', 'wasm_exec.js']) {
      if (!existsSync(path.join(wasmDir, f))) fail(`${path.join(wasmDir, f)} is missing: run \`make wasm\` first`);
    }
  }
  if ((engines.includes('flexsearch') || engines.includes('minisearch')) && !existsSync(path.join(here, 'node_modules/flexsearch'))) {
    fail('wasm/bench/node_modules is missing: run `npm ci` in wasm/bench (make bench does)');
  }
}

/** Median of each numeric leaf over runs; other leaves from the first run. */
function median(list) {
  const first = list[0];
  if (typeof first === 'number') {
    const s = list.filter((x) => typeof x === 'number').sort((a, b) => a - b);
    const m = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    return Math.round(m * 1000) / 1000;
  }
  if (first && typeof first === 'object' && !Array.isArray(first)) {
    return Object.fromEntries(Object.keys(first).map((k) => [k, median(list.map((x) => x?.[k]))]));
  }
  return first;
}

async function main() {
  preflight();
  const started = new Date();
  const loadStart = loadavg().map((x) => Math.round(x * 100) / 100);
  const native = engines.includes('native') ? nativeBinary() : null;
  const meta = { date: started.toISOString(), node: process.version, runs, sizes, queries: nQueries, checks: nChecks, seed, engines,
    browsers, wasmDir: path.relative(root, wasmDir) || '.' };
  const raw = { wasmFile: null, sizes: {}, browsers: {} };
  let firstQueries = null;

  if (engines.includes('wasm')) {
    const bytes = readFileSync(path.join(wasmDir, 'sufler.wasm'));
    raw.wasmFile = {
      rawBytes: bytes.length,
      gzipBytes: gzipSync(bytes, { level: 9 }).length, // what the extension's zip (deflate) costs, about
    };
  }
  for (const size of sizes) {
    const { packPath, queriesPath, bytes } = writeCorpus({ size, seed, queries: nQueries, out: outDir });
    firstQueries ??= queriesPath;
    console.error(`bench: ${size} entries (${(bytes / 1048576).toFixed(1)} MiB pack), ${runs} run(s)`);
    const per = Object.fromEntries(engines.map((e) => [e, []]));
    for (let r = 0; r < runs; r++) {
      for (const e of engines) {
        const label = `${e} (${size} entries, run ${r + 1})`;
        console.error(`bench:   ${label}`);
        if (e === 'wasm') {
          per.wasm.push(measure(label, process.execPath, ['--expose-gc', path.join(here, 'wasm.mjs'),
            '--wasm-dir', wasmDir, '--corpus', packPath, '--queries', queriesPath, '--checks', String(nChecks)]));
        } else if (e === 'native') {
          per.native.push(measure(label, native, ['-corpus', packPath, '-queries', queriesPath, '-checks', String(nChecks)]));
        } else {
          per[e].push(measure(label, process.execPath, ['--expose-gc', path.join(here, 'peers.mjs'),
            '--engine', e, '--corpus', packPath, '--queries', queriesPath]));
        }
      }
    }
    raw.sizes[size] = { packBytes: bytes, runs: per, median: Object.fromEntries(Object.entries(per).map(([e, l]) => [e, median(l)])) };
  }

  // Start-up in browsers: a fresh browser per run, the browsers taking turns so that a busy
  // moment of the shared machine does not land on one of them only.
  if (browsers.length) console.error(`bench: start-up in ${browsers.join(', ')}, ${runs} run(s), a fresh browser each`);
  for (let r = 0; r < runs; r++) {
    for (const b of browsers) {
      const label = `${b} start-up (run ${r + 1})`;
      console.error(`bench:   ${label}`);
      (raw.browsers[b] ??= []).push(measure(label, process.execPath, [path.join(here, 'browser.mjs'),
        '--browser', b, '--wasm-dir', wasmDir, '--queries', firstQueries]));
    }
  }
  meta.browserVersions = Object.fromEntries(Object.entries(raw.browsers).map(([b, l]) => [b, l[0]?.version ?? null]));
  meta.loadAverage = { start: loadStart, end: loadavg().map((x) => Math.round(x * 100) / 100) };

  const figs = figures(raw, sizes);
  const checks = budget(figs, sizes);
  const shown = browserBudget(figs);
  const table = (await import('./report.mjs')).table(figs, checks, meta, sizes, engines, shown);
  console.log(table);
  mkdirSync(path.dirname(jsonPath), { recursive: true });
  writeFileSync(jsonPath, JSON.stringify({ meta, figures: figs, budget: checks, browserBudget: shown, limits: BUDGET, raw }, null, 1) + '\n');
  console.error(`bench: figures written to ${path.relative(root, jsonPath)}`);
}

await main();
