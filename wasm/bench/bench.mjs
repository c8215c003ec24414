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

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { writeCorpus } from './corpus.mjs';
import { BUDGET, budget, figures } from './report.mjs';

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
  if (engines.includes('wasm')) {
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
  const native = engines.includes('native') ? nativeBinary() : null;
  const meta = { date: started.toISOString(), node: process.version, runs, sizes, queries: nQueries, checks: nChecks, seed, engines,
    wasmDir: path.relative(root, wasmDir) || '.' };
  const raw = { wasmFile: null, sizes: {} };

  if (engines.includes('wasm')) {
    const bytes = readFileSync(path.join(wasmDir, 'sufler.wasm'));
    raw.wasmFile = {
      rawBytes: bytes.length,
      gzipBytes: gzipSync(bytes, { level: 9 }).length, // what the extension's zip (deflate) costs, about
    };
  }
  for (const size of sizes) {
    const { packPath, queriesPath, bytes } = writeCorpus({ size, seed, queries: nQueries, out: outDir });
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

  const figs = figures(raw, sizes);
  const checks = budget(figs, sizes);
  const table = (await import('./report.mjs')).table(figs, checks, meta, sizes, engines);
  console.log(table);
  mkdirSync(path.dirname(jsonPath), { recursive: true });
  writeFileSync(jsonPath, JSON.stringify({ meta, figures: figs, budget: checks, limits: BUDGET, raw }, null, 1) + '\n');
  console.error(`bench: figures written to ${path.relative(root, jsonPath)}`);
}

await main();
