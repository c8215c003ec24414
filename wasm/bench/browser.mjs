// browser.mjs — one start-up of Sufler's wasm engine in a real browser, the way the extension
// starts it: a module Worker (extension/src/engine/worker.js) imports wasm_exec.js and
// sufler.mjs, starts the engine and calls it through engine.call. bench.mjs runs it once per
// run and browser, each in its own process with a freshly launched browser and a fresh profile,
// so nothing compiled or cached survives from one run to the next:
//
//   node wasm/bench/browser.mjs --browser chromium|firefox --wasm-dir build/wasm --queries Q
//
// and reads one JSON object from stdout. Chromium is Debian's, driven by playwright-core with
// the e2e harness's flags; Firefox is Debian's firefox-esr, driven by puppeteer-core over
// WebDriver BiDi with the harness's preferences (extension/test/e2e/{chromium,firefox}.mjs);
// both libraries come from extension/node_modules. Neither loads the extension: its own engine
// would start beside the measured one.

import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

const here = import.meta.dirname;
const e2e = path.resolve(here, '../../extension/test/e2e');
const extModules = path.resolve(here, '../../extension/node_modules');
/** How long the page waits after load before the worker starts: the fresh browser's own start-up work settles. */
export const SETTLE_MS = 1000;
const TIMEOUT_MS = 120_000;

const TYPES = { '.html': 'text/html; charset=utf-8', '.mjs': 'text/javascript', '.js': 'text/javascript', '.wasm': 'application/wasm' };

// The page starts a module Worker and hands it the reply; the worker measures and posts its figures back. With
// --thread page (a diagnostic) the page measures on its own main thread instead.
const PAGE = `<!doctype html><meta charset="utf-8"><title>sufler bench</title>
<script type="module">
window.benchRun = (reply, probe, thread) => thread === 'page'
  ? import('./measure.mjs').then((m) => m.measure({ reply, probe }))
  : new Promise((resolve) => {
  const w = new Worker('worker.mjs', { type: 'module' });
  w.onmessage = (e) => { resolve(e.data); w.terminate(); };
  w.onerror = (e) => resolve({ error: 'worker: ' + (e.message || 'failed to load') });
  w.postMessage({ reply, probe });
});
</script>`;

// The measurement, run by the worker: the extension's engine worker, timed. The module is compiled from fetched bytes
// apart from the clock (as wasm.mjs does in Node); then instantiate → startEngine resolves →
// the first /v1/check through engine.call → /v1/health ready and a search answered. With
// probe set (--probe, a diagnostic that bench.mjs never sets) the worker first waits for one
// setTimeout(0) after startEngine resolves and reports that wait as stallMs, and the part of it
// spent inside Go (index slices queued before it) as stallGoMs; in Node the rest of the same
// wait is V8's background compile jobs (README.md, "The Node stall").
const MEASURE = `import '/wasm/wasm_exec.js';
import { startEngine } from '/wasm/sufler.mjs';
const now = () => performance.now();
async function call(engine, method, p, body) {
  const res = await engine.call(method, p, body);
  if (res.status !== 200) throw new Error(method + ' ' + p.split('?')[0] + ': ' + res.status + ' ' + res.text.slice(0, 300));
  return JSON.parse(res.text);
}
// Probe only: the time spent inside Go (every timer, callback and call enters it through _resume).
const inGo = { ms: 0 };
function timeInGo() {
  const resume = Go.prototype._resume;
  let depth = 0;
  Go.prototype._resume = function () {
    const s = depth++ === 0 ? now() : 0;
    try { return resume.call(this); } finally { if (--depth === 0) inGo.ms += now() - s; }
  };
}
export async function measure({ reply, probe }) {
  try {
    const out = {};
    let t = now();
    const bytes = await (await fetch('/wasm/sufler.wasm', { cache: 'no-store' })).arrayBuffer();
    out.fetchMs = now() - t;
    t = now();
    const module = await WebAssembly.compile(bytes);
    out.compileMs = now() - t;
    if (probe) timeInGo();
    const t0 = now();
    const engine = await startEngine({ wasm: module });
    out.startMs = now() - t0;
    if (probe) {
      const go0 = inGo.ms;
      t = now();
      await new Promise((r) => setTimeout(r, 0));
      out.stallMs = now() - t;
      out.stallGoMs = inGo.ms - go0;
    }
    const first = await call(engine, 'POST', '/v1/check', JSON.stringify({ text: reply }));
    out.firstCheckMs = now() - t0;
    out.findingsPerReply = first.findings.length;
    for (;;) {
      const h = await call(engine, 'GET', '/v1/health');
      if (h.ready !== false) break;
      if (now() - t0 > 120000) throw new Error('health: not ready after 120 s');
      await new Promise((r) => setTimeout(r, 1));
    }
    await call(engine, 'GET', '/v1/search?' + new URLSearchParams({ q: 'заказ доставка', limit: '10' }));
    out.defaultReadyMs = now() - t0;
    out.defaultLinearBytes = engine.memory?.buffer.byteLength ?? null;
    return out;
  } catch (e) {
    return { error: String(e?.stack ?? e) };
  }
}`;

const WORKER = `import { measure } from './measure.mjs';
self.onmessage = async ({ data }) => self.postMessage(await measure(data));`;

/** Serves the page, the worker and the engine build (sufler.wasm, sufler.mjs, wasm_exec.js) on 127.0.0.1. */
export async function serve(wasmDir) {
  const files = {
    '/bench/index.html': () => PAGE,
    '/bench/worker.mjs': () => WORKER,
    '/bench/measure.mjs': () => MEASURE,
    ...Object.fromEntries(['sufler.wasm', 'sufler.mjs', 'wasm_exec.js'].map((f) => [`/wasm/${f}`, () => readFileSync(path.join(wasmDir, f))])),
  };
  const server = createServer((req, res) => {
    const p = new URL(req.url, 'http://x').pathname;
    const body = files[p]?.();
    if (body == null) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': TYPES[path.extname(p)], 'cache-control': 'no-store' }).end(body);
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${server.address().port}/bench/index.html`, close: () => new Promise((r) => server.close(r)) };
}

function need(pkg) {
  if (!existsSync(path.join(extModules, pkg, 'package.json'))) {
    throw new Error(`extension/node_modules has no ${pkg}: run \`npm ci\` in extension/ (make bench does), or set BENCH_BROWSERS= to skip the browsers`);
  }
}

/** Launches Debian's Chromium as the e2e harness does, without the extension and its request recorder. */
async function chromium() {
  need('playwright-core');
  const { chromiumArgs, QUIET_PREFS } = await import(path.join(e2e, 'chromium.mjs'));
  const { chromium: pw } = await import(path.join(extModules, 'playwright-core/index.mjs'));
  const exe = process.env.SUFLER_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(exe)) throw new Error(`no Chromium at ${exe} (.ci/install-chromium installs it)`);
  const tmp = mkdtempSync(path.join(tmpdir(), 'sufler-bench-'));
  const userDataDir = path.join(tmp, 'profile');
  mkdirSync(path.join(userDataDir, 'Default'), { recursive: true });
  writeFileSync(path.join(userDataDir, 'Default', 'Preferences'), JSON.stringify(QUIET_PREFS));
  const skip = /^--(load-extension|disable-extensions-except|log-net-log|net-log-capture-mode|remote-debugging-port)=/;
  const args = chromiumArgs({ extensionDir: 'none', netLogPath: 'none', lang: 'ru', userDataDir, headless: true }).filter((a) => !skip.test(a));
  const context = await pw.launchPersistentContext(userDataDir, {
    executablePath: exe, headless: false, ignoreDefaultArgs: true, args, locale: 'ru-RU',
  });
  const version = context.browser()?.version() ?? null;
  return {
    version: `Chromium ${version ?? '?'}`,
    page: context.pages()[0] ?? await context.newPage(),
    close: async () => { await context.close().catch(() => {}); rmSync(tmp, { recursive: true, force: true }); },
  };
}

/** Launches Debian's firefox-esr over WebDriver BiDi with the e2e harness's preferences, without the extension. */
async function firefox() {
  need('puppeteer-core');
  const { firefoxPrefs, ADDON_ID } = await import(path.join(e2e, 'firefox.mjs'));
  const { default: puppeteer } = await import(path.join(extModules, 'puppeteer-core/lib/puppeteer/puppeteer-core.js'));
  const exe = process.env.SUFLER_FIREFOX ?? '/usr/bin/firefox-esr';
  if (!existsSync(exe)) throw new Error(`no Firefox at ${exe} (.ci/install-firefox installs firefox-esr)`);
  const downloadDir = mkdtempSync(path.join(tmpdir(), 'sufler-bench-'));
  const prefs = firefoxPrefs({ lang: 'ru', addonId: ADDON_ID, proxyPort: 1, downloadDir });
  // The harness sends every request through its recording proxy; here nothing but 127.0.0.1 is asked.
  for (const k of Object.keys(prefs)) if (k.startsWith('network.proxy.')) delete prefs[k];
  prefs['network.proxy.type'] = 0;
  const browser = await puppeteer.launch({
    browser: 'firefox', executablePath: exe, headless: true, extraPrefsFirefox: prefs,
    env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1', MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
  });
  const version = await browser.version().catch(() => null);
  return {
    version: version ?? 'Firefox',
    page: (await browser.pages())[0] ?? await browser.newPage(),
    close: async () => { await browser.close().catch(() => {}); rmSync(downloadDir, { recursive: true, force: true }); },
  };
}

/** One start-up in a freshly launched browser → the worker's figures plus {browser, version, launchMs}. */
export async function runBrowser({ browser, wasmDir, reply, probe = false, thread = 'worker' }) {
  const server = await serve(wasmDir);
  const t = performance.now();
  let b;
  try {
    b = await (browser === 'firefox' ? firefox : chromium)();
    const launchMs = performance.now() - t;
    await b.page.goto(server.url);
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    const run = b.page.evaluate(([r, p, th]) => window.benchRun(r, p, th), [reply, probe, thread]);
    const out = await Promise.race([run, new Promise((_, no) => setTimeout(() => no(new Error(`no answer in ${TIMEOUT_MS / 1000} s`)), TIMEOUT_MS).unref())]);
    if (out?.error) throw new Error(out.error);
    return { browser, version: b.version, thread, launchMs, ...out };
  } finally {
    await b?.close();
    await server.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: {
    browser: { type: 'string', default: 'chromium' }, 'wasm-dir': { type: 'string', default: 'build/wasm' }, queries: { type: 'string' },
    probe: { type: 'boolean', default: false }, thread: { type: 'string', default: 'worker' },
  } });
  if (!['worker', 'page'].includes(values.thread)) throw new Error(`--thread ${values.thread}: use worker or page`);
  if (!['chromium', 'firefox'].includes(values.browser)) throw new Error(`--browser ${values.browser}: use chromium or firefox`);
  const { replies } = JSON.parse(readFileSync(values.queries, 'utf8'));
  const res = await runBrowser({ browser: values.browser, wasmDir: path.resolve(values['wasm-dir']), reply: replies[0], probe: values.probe,
    thread: values.thread });
  process.stdout.write(JSON.stringify(res) + '\n');
  process.exit(0);
}
