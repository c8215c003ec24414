// wasm.mjs — one run of Sufler's wasm engine in Node, through the module the extension uses
// (startEngine from build/wasm/sufler.mjs after build/wasm/wasm_exec.js): one long-lived
// instance from instantiate to the last query. bench.mjs runs it once per run and size, each in
// a fresh process so start-up and memory figures are the engine's own:
//
//   node --expose-gc wasm/bench/wasm.mjs --wasm-dir build/wasm --corpus P --queries Q
//
// and reads one JSON object from stdout. Any failed request ends the process non-zero.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cpuNow, memory, now, recallAt5, summarize } from './stats.mjs';

const ORIGIN = 'http://sufler';

/**
 * Sends a request and returns the parsed JSON answer; anything but 200 throws. It takes the path the extension's
 * engine Worker takes: engine.call (the direct entry) for small bodies, a Request (syumai/workers) for a pack's bytes.
 */
async function call(engine, method, p, body) {
  if (engine.call && !(body instanceof Uint8Array)) {
    const res = await engine.call(method, p, body === undefined || typeof body === 'string' ? body : JSON.stringify(body));
    if (res.status !== 200) throw new Error(`${method} ${p.split('?')[0]}: ${res.status} ${res.text.slice(0, 500)}`);
    return JSON.parse(res.text);
  }
  return fetchCall(engine, method, p, body);
}

/** Call through a Request and a Response: syumai/workers' HTTP path. */
async function fetchCall(engine, method, p, body) {
  const init = { method };
  if (body !== undefined) {
    init.body = typeof body === 'string' || body instanceof Uint8Array ? body : JSON.stringify(body);
    init.headers = { 'content-type': 'application/json' };
  }
  const res = await engine.fetch(new Request(ORIGIN + p, init));
  const text = await res.text();
  if (res.status !== 200) throw new Error(`${method} ${p.split('?')[0]}: ${res.status} ${text.slice(0, 500)}`);
  return JSON.parse(text);
}

/** Polls /v1/health until the engine says its search is ready (every pack indexed). */
async function untilReady(engine, timeoutMs = 120000) {
  const t = now();
  for (;;) {
    const h = await call(engine, 'GET', '/v1/health');
    if (h.ready !== false) return;
    if (now() - t > timeoutMs) throw new Error('health: not ready after 120 s');
    await new Promise((r) => setTimeout(r, 1));
  }
}

/** Wraps Go.prototype._resume (every entry into Go: timers, callbacks, calls) to sum the time spent inside Go. */
export function timeInGo(Go) {
  const sum = { ms: 0 };
  const resume = Go.prototype._resume;
  let depth = 0;
  Go.prototype._resume = function () {
    const s = depth++ === 0 ? now() : 0;
    try {
      return resume.call(this);
    } finally {
      if (--depth === 0) sum.ms += now() - s;
    }
  };
  return sum;
}

// Hits of other packs (the default ones) count as misses: Recall@5 reads the first five of all.
const ids = (hits, pack) => hits.map((h) => (h.pack === pack ? `${h.kind}/${h.id}` : `${h.pack}:${h.kind}/${h.id}`));

export async function runWasm({ wasmDir, corpus, queries: queriesPath, checks = 200, probe = '' }) {
  const { queries, replies, pack: packId } = JSON.parse(readFileSync(queriesPath, 'utf8'));
  const out = { engine: 'wasm' };
  const mem0 = memory();

  // Compile apart from start: a browser caches the compiled module, so instantiate → first
  // answer is the figure the agent feels on every new engine.
  const bytes = readFileSync(path.join(wasmDir, 'sufler.wasm'));
  let t = now();
  const module = await WebAssembly.compile(bytes);
  out.compileMs = now() - t;
  await import(path.resolve(wasmDir, 'wasm_exec.js'));
  const { startEngine } = await import(path.resolve(wasmDir, 'sufler.mjs'));

  // Node defines Request, Response, Headers and ReadableStream as lazy getters that load its
  // fetch implementation (undici) on first touch; syumai/workers touches them while Go's
  // packages initialise. A browser has them built in, so they are loaded before the clock
  // starts: left in, that load and its compile cost the start 110–150 ms that no agent sees.
  void [globalThis.Request, globalThis.Response, globalThis.Headers, globalThis.ReadableStream];
  const inGo = probe ? timeInGo(globalThis.Go) : null;
  const t0 = now();
  const engine = await startEngine({ wasm: module });
  out.startMs = now() - t0; // startEngine resolved: Go runs and answers requests
  if (probe) {
    // Diagnostic (--probe timeout|immediate; bench.mjs never sets it): how long the first macrotask after start
    // waits, and how much of that wait Go ran (its index slices are setTimeout(0) tasks queued before it). The rest,
    // stallMs − stallGoMs, is the event loop blocked outside the engine: in Node, V8's background compile jobs
    // drained by the platform (README.md, "The Node stall").
    const go0 = inGo.ms;
    t = now();
    await new Promise((r) => (probe === 'immediate' ? setImmediate(r) : setTimeout(r, 0)));
    out.stallMs = now() - t;
    out.stallGoMs = inGo.ms - go0;
  }
  const first = await call(engine, 'POST', '/v1/check', { text: replies[0] });
  out.firstCheckMs = now() - t0;
  out.findingsPerReply = first.findings.length;
  await untilReady(engine);
  await call(engine, 'GET', `/v1/search?${new URLSearchParams({ q: 'заказ доставка', limit: '10' })}`);
  out.defaultReadyMs = now() - t0; // the default packs answer search
  out.defaultLinearBytes = engine.memory?.buffer.byteLength ?? null;

  // The corpus: from bytes in JS to a pack that answers search. A check is sent right behind
  // the PUT: it answers before the PUT only if indexing lets other requests in.
  const pack = readFileSync(corpus);
  out.corpusBytes = pack.length;
  t = now();
  const put = call(engine, 'PUT', `/v1/packs/${packId}`, new Uint8Array(pack)).then(() => now() - t);
  const tc = now();
  const during = call(engine, 'POST', '/v1/check', { text: replies[1 % replies.length] }).then(() => now() - tc);
  const [putMs, checkDuringPutMs] = await Promise.all([put, during]);
  await untilReady(engine);
  out.readyMs = now() - t;
  out.putMs = putMs;
  out.checkDuringIndexMs = checkDuringPutMs;
  out.checkBeforePut = checkDuringPutMs < putMs;

  const mem = memory();
  out.memory = {
    linearBytes: engine.memory?.buffer.byteLength ?? null, // the Go instance's WebAssembly memory
    rssBytes: mem.rss, arrayBuffers: mem.arrayBuffers, heapUsed: mem.heapUsed,
    rssGrowthBytes: mem.rss - mem0.rss,
  };

  const lat = [];
  for (let i = 0; i < checks + 20; i++) {
    const s = now();
    await call(engine, 'POST', '/v1/check', { text: replies[i % replies.length] });
    if (i >= 20) lat.push(now() - s);
  }
  out.check = summarize(lat);

  // The bridge alone, for the cheapest endpoint: the direct entry the extension takes (method, path, body in; status
  // and text out), and the HTTP path beside it (JS Request → syumai/workers → Go handler → JS Response → text).
  const bridge = [];
  const bridgeHTTP = [];
  for (let i = 0; i < checks + 20; i++) {
    let s = now();
    await call(engine, 'GET', '/v1/health');
    if (i >= 20) bridge.push(now() - s);
    s = now();
    await fetchCall(engine, 'GET', '/v1/health');
    if (i >= 20) bridgeHTTP.push(now() - s);
  }
  out.bridge = summarize(bridge);
  out.bridgeHTTP = summarize(bridgeHTTP);

  const searchLat = [];
  const suggestLat = [];
  const searchCpu = [];
  const suggestCpu = [];
  const found = [];
  const suggested = [];
  for (let i = -20; i < queries.length; i++) {
    const q = queries[Math.max(i, 0) % queries.length];
    let s = now();
    let c = cpuNow();
    const sr = await call(engine, 'GET', `/v1/search?${new URLSearchParams({ q: q.q, limit: '10' })}`);
    const d1 = now() - s;
    const c1 = cpuNow() - c;
    s = now();
    c = cpuNow();
    const sg = await call(engine, 'POST', '/v1/suggest', { text: q.draft, context: q.context, limit: 5 });
    const d2 = now() - s;
    const c2 = cpuNow() - c;
    if (i < 0) continue;
    searchLat.push(d1);
    suggestLat.push(d2);
    searchCpu.push(c1);
    suggestCpu.push(c2);
    found.push(ids(sr.hits, packId));
    suggested.push(ids(sg.suggestions, packId));
  }
  out.search = summarize(searchLat);
  out.suggest = summarize(suggestLat);
  out.searchCpu = summarize(searchCpu);
  out.suggestCpu = summarize(suggestCpu);
  out.recall5 = recallAt5(queries, found);
  out.suggestRecall5 = recallAt5(queries, suggested);
  out.memory.linearEndBytes = engine.memory?.buffer.byteLength ?? null;
  out.memory.peakRssBytes = process.resourceUsage().maxRSS * 1024;

  // Last, as it may grow memory: the same bytes PUT under another id are read, parsed and
  // checked in full, then refused (400) before any indexing — the share of readyMs that is
  // moving the pack into Go and parsing it.
  t = now();
  const res = await engine.fetch(new Request(`${ORIGIN}/v1/packs/${packId}-parse-only`, { method: 'PUT', body: new Uint8Array(pack) }));
  await res.text();
  out.parseMs = now() - t;
  if (res.status !== 400) throw new Error(`PUT under a wrong id: want 400, got ${res.status}`);

  // An engine restart, as the extension's host does it: the pack's index image (made by
  // this engine: GET /v1/packs/{id}/image) goes back with the pack's bytes into a fresh
  // engine, which takes the index in instead of building it. Measured from the PUT to the
  // first search answered from the pack, the engine's own start not included (see startMs).
  const imgRes = await engine.fetch(new Request(`${ORIGIN}/v1/packs/${packId}/image`));
  if (imgRes.status !== 200) throw new Error(`GET image: ${imgRes.status} ${await imgRes.text()}`);
  const image = new Uint8Array(await imgRes.arrayBuffer());
  out.imageBytes = image.length;
  const again = await startEngine({ wasm: module });
  await untilReady(again);
  const q = queries[0];
  t = now();
  const framed = new Blob([`sufler-pack 1 ${pack.length}\n`, new Uint8Array(pack), image]);
  const putRes = await again.fetch(new Request(`${ORIGIN}/v1/packs/${packId}`, {
    method: 'PUT', body: framed, headers: { 'content-type': 'application/vnd.sufler.pack+image' },
  }));
  const putBody = JSON.parse(await putRes.text());
  out.restartPutMs = now() - t;
  if (putRes.status !== 200 || putBody.image?.used !== true) throw new Error(`PUT with the image: ${putRes.status} ${JSON.stringify(putBody.image ?? putBody.error)}`);
  const hit = await call(again, 'GET', `/v1/search?${new URLSearchParams({ q: q.q, limit: '10' })}`);
  out.restartReadyMs = now() - t;
  if (!hit.hits.some((x) => x.pack === packId)) throw new Error('after the restart, search finds nothing of the pack');
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: {
    'wasm-dir': { type: 'string', default: 'build/wasm' }, corpus: { type: 'string' }, queries: { type: 'string' },
    checks: { type: 'string', default: '200' }, probe: { type: 'string', default: '' },
  } });
  if (!['', 'timeout', 'immediate'].includes(values.probe)) throw new Error(`--probe ${values.probe}: use timeout or immediate`);
  // Keep a libuv handle alive for the whole run. Without one, Node resumes this script from
  // inside NodePlatform::DrainTasks (the compile promise settles there) and, whenever the
  // script next waits on a timer, blocks until every background task is done — V8's TurboFan
  // tier-up of the engine included: a 0.6–0.9 s stall no browser has (measured with perf).
  const keepAlive = setInterval(() => {}, 1 << 30);
  const res = await runWasm({ wasmDir: values['wasm-dir'], corpus: values.corpus, queries: values.queries, checks: +values.checks,
    probe: values.probe });
  process.stdout.write(JSON.stringify(res) + '\n');
  clearInterval(keepAlive);
  process.exit(0); // the Go program never exits by itself
}
