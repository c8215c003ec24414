// Drives the wasm engine through sufler.mjs, the loader the extension uses, and compares every
// answer byte for byte with the native server's. Run by `make test-js`.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import path from 'node:path';
import { requestMix } from './requests.mjs';

const wasmDir = process.env.SUFLER_WASM_DIR ?? path.resolve(import.meta.dirname, '../../build/wasm');
const serveBin = process.env.SUFLER_SERVE ?? path.resolve(import.meta.dirname, '../../build/sufler-serve');

let engine;
let server;
let base;

before(async () => {
  await import(path.join(wasmDir, 'wasm_exec.js'));
  const { startEngine } = await import(path.join(wasmDir, 'sufler.mjs'));
  engine = await startEngine({ wasm: path.join(wasmDir, 'sufler.wasm') });

  server = spawn(serveBin, ['-addr', '127.0.0.1:0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  for await (const chunk of server.stdout) {
    out += chunk;
    const m = out.match(/listening on (http:\/\/127\.0\.0\.1:\d+)/);
    if (m) { base = m[1]; break; }
  }
  assert.ok(base, 'the native server printed its address');
});

/** Waits (yielding to timers, as a page would) until the wasm engine's search index is built. */
async function indexed() {
  for (let i = 0; i < 600; i++) {
    const h = await (await engine.fetch(new Request('http://sufler/v1/health'))).json();
    if (h.ready) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  assert.fail('the wasm engine never finished indexing the default packs');
}

after(async () => {
  server?.kill();
  if (server) await once(server, 'exit');
});

async function both({ method, path: p, body }) {
  // The native server takes bodies only as JSON (a page cannot send that cross-site); the
  // wasm engine, reached only through the extension, does not look.
  const json = body !== undefined || method === 'POST' || method === 'PUT';
  const init = { method, body: body === undefined ? undefined : body, headers: json ? { 'content-type': 'application/json' } : {} };
  const [w, d, n] = await Promise.all([
    engine.fetch(new Request('http://sufler' + p, init)),
    // PUT and DELETE change the engine: sent twice, the second would answer for a changed state.
    method === 'GET' || method === 'POST' ? engine.call(method, p, body) : null,
    fetch(base + p, init),
  ]);
  return {
    wasm: { status: w.status, body: Buffer.from(await w.arrayBuffer()) },
    direct: d && { status: d.status, body: Buffer.from(d.text) },
    native: { status: n.status, body: Buffer.from(await n.arrayBuffer()) },
  };
}

/** Asserts that the HTTP path (fetch) and the direct path (call) of the wasm engine answer as the native server. */
function same(req, { wasm, direct, native }) {
  const what = `${req.method} ${req.path} ${req.body ?? ''}`;
  assert.equal(wasm.status, native.status, `${what}: status`);
  assert.ok(wasm.body.equals(native.body), `${what}:\nwasm   ${wasm.body}\nnative ${native.body}`);
  if (!direct) return;
  assert.equal(direct.status, native.status, `${what}: status through call`);
  assert.ok(direct.body.equals(native.body), `${what}:\ncall   ${direct.body}\nnative ${native.body}`);
}

test('check answers while the default packs are still being indexed', async () => {
  const first = await engine.fetch(new Request('http://sufler/v1/health'));
  const health = await first.json();
  // A search waits for the index: through the direct path its handler blocks on a goroutine while the build goes on.
  const search = engine.call('GET', '/v1/search?q=' + encodeURIComponent('задержали груз'));
  const res = await engine.fetch(new Request('http://sufler/v1/check', { method: 'POST', body: JSON.stringify({ text: 'Я не знаю' }) }));
  assert.equal(res.status, 200);
  assert.ok((await res.json()).findings.length > 0);
  const direct = await engine.call('POST', '/v1/check', JSON.stringify({ text: 'Я не знаю' }));
  assert.equal(direct.status, 200);
  assert.ok(JSON.parse(direct.text).findings.length > 0);
  const found = await search;
  assert.equal(found.status, 200, found.text);
  assert.ok(JSON.parse(found.text).hits.length > 0, found.text);
  // Only meaningful when the index was not built yet; report which case this run saw.
  console.log(`# health at start: ready=${health.ready}`);
  await indexed();
});

test('the issue example through wasm cuts out exactly the flagged words, with corporate replacements', async () => {
  const text = 'Я не знаю, но мы гарантируем 100% прохождение таможни 🙂';
  const res = await engine.fetch(new Request('http://sufler/v1/check', { method: 'POST', body: JSON.stringify({ text, segment: 'corporate' }) }));
  assert.equal(res.status, 200);
  const { findings } = await res.json();
  assert.ok(findings.length >= 2, `findings: ${JSON.stringify(findings)}`);
  for (const f of findings) {
    assert.equal(text.slice(f.start, f.end), f.match, `${f.rule} offsets cut out its match`);
    assert.ok(f.replacements.length > 0, `${f.rule} has a replacement for corporate`);
  }
  const cut = findings.map((f) => text.slice(f.start, f.end)).join(' | ');
  assert.match(cut, /не знаю/);
  assert.match(cut, /гарантируем/);
});

test('1,000+ sequential requests to one wasm instance answer byte-identically to the native server, by fetch and by call', async () => {
  await indexed();
  const mix = requestMix(1200);
  let compared = 0;
  for (const req of mix) {
    same(req, await both(req));
    compared++;
  }
  assert.equal(compared, 1200);
});

test('requests in flight together each get their own answer, as the native server gives it', async () => {
  await indexed();
  // The engine reads each body from JS chunk by chunk and answers in one piece: while one
  // request waits on its body, the others must neither stall nor get its answer.
  const mix = requestMix(240).slice(0, 120);
  const wasm = await Promise.all(mix.map(async (req) => {
    const init = { method: req.method, body: req.body, headers: req.body === undefined ? {} : { 'content-type': 'application/json' } };
    const res = await engine.fetch(new Request('http://sufler' + req.path, init));
    return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
  }));
  const direct = await Promise.all(mix.map(async (req) => {
    if (req.method !== 'GET' && req.method !== 'POST') return null;
    const res = await engine.call(req.method, req.path, req.body);
    return { status: res.status, body: Buffer.from(res.text) };
  }));
  for (const [i, req] of mix.entries()) {
    const { native } = await both(req);
    same(req, { wasm: wasm[i], direct: direct[i], native });
  }
});

test('a body over 1 MiB gets 413 and the engine keeps serving', async () => {
  const big = JSON.stringify({ text: 'а'.repeat(600 * 1024) });
  const { wasm, native } = await both({ method: 'POST', path: '/v1/check', body: big });
  assert.equal(wasm.status, 413);
  assert.ok(wasm.body.equals(native.body));
  const ok = await engine.fetch(new Request('http://sufler/v1/health'));
  assert.equal(ok.status, 200);
  assert.equal((await ok.json()).ok, true);
});

test('bodies that are missing, endless, failing or nested too deep get an error, and the engine keeps serving', async () => {
  // No body: the same 400 as the native server.
  let { wasm, native } = await both({ method: 'POST', path: '/v1/check' });
  assert.equal(wasm.status, 400);
  assert.ok(wasm.body.equals(native.body), `no body:\nwasm   ${wasm.body}\nnative ${native.body}`);
  // Ten thousand brackets: encoding/json's depth limit, not a stack overflow in the engine.
  ({ wasm, native } = await both({ method: 'POST', path: '/v1/check', body: '{"text":' + '['.repeat(20000) }));
  assert.equal(wasm.status, 400);
  assert.ok(wasm.body.equals(native.body), `deep:\nwasm   ${wasm.body}\nnative ${native.body}`);
  // A stream that never ends: refused once it passes the limit, and cancelled.
  let pulled = 0;
  let cancelled = false;
  const endless = new ReadableStream({
    pull(c) { pulled += 65536; c.enqueue(new Uint8Array(65536).fill(0x20)); },
    cancel() { cancelled = true; },
  });
  let res = await engine.fetch(new Request('http://sufler/v1/check', { method: 'POST', body: endless, duplex: 'half' }));
  assert.equal(res.status, 413);
  assert.match((await res.json()).error, /larger than 1048576 bytes/);
  assert.ok(pulled < 4 << 20, `read ${pulled} bytes of an endless body`);
  assert.ok(cancelled, 'the endless body was cancelled');
  // A stream that fails with undefined: 400 with the reason, not a dead engine.
  const failing = new ReadableStream({ start(c) { c.error(undefined); } });
  res = await engine.fetch(new Request('http://sufler/v1/check', { method: 'POST', body: failing, duplex: 'half' }));
  assert.equal(res.status, 400);
  assert.match((await res.json()).error, /cannot read the request body: undefined/);
  const ok = await engine.fetch(new Request('http://sufler/v1/check', { method: 'POST', body: '{"text":"Я не знаю"}' }));
  assert.equal(ok.status, 200);
  assert.ok((await ok.json()).findings.length > 0);
});

// Firefox's Request has no .body (undefined, not a stream): every request with a body answered 500 "syscall/js: call
// of Value.Call on undefined" there (issue 11). A Request without .body must answer as one with it does.
function withoutBodyStream(req) {
  Object.defineProperty(req, 'body', { get: () => undefined });
  return req;
}

test('requests whose Request has no body stream (Firefox) answer exactly like the native server', async () => {
  await indexed();
  const pack = JSON.stringify({ id: 'tiny-shop', version: '1', title: 'Лавка', language: 'ru', segments: [{ id: 'retail', title: 'Розница' }], templates: [], cases: [], rules: [] });
  const reqs = [
    { method: 'POST', path: '/v1/check', body: JSON.stringify({ text: 'Я не знаю, но мы гарантируем 100% прохождение таможни' }) },
    { method: 'POST', path: '/v1/suggest', body: JSON.stringify({ text: 'Здравствуйте! ', limit: 2 }) },
    { method: 'POST', path: '/v1/segment', body: JSON.stringify({ text: 'Груз стоит на таможне третий день' }) },
    { method: 'POST', path: '/v1/check' },
    { method: 'PUT', path: '/v1/packs/tiny-shop', body: pack },
    { method: 'DELETE', path: '/v1/packs/tiny-shop' },
  ];
  for (const { method, path: p, body } of reqs) {
    // The native server wants JSON's Content-Type on every POST and PUT (415 otherwise), the empty POST too.
    const init = { method, body, headers: method === 'POST' || method === 'PUT' ? { 'content-type': 'application/json' } : {} };
    const w = await engine.fetch(withoutBodyStream(new Request('http://sufler' + p, init)));
    const n = await fetch(base + p, init);
    const [wb, nb] = [Buffer.from(await w.arrayBuffer()), Buffer.from(await n.arrayBuffer())];
    assert.equal(w.status, n.status, `${method} ${p}: ${wb}`);
    assert.ok(wb.equals(nb), `${method} ${p}:\nwasm   ${wb}\nnative ${nb}`);
  }
  // The engine itself refuses a body that is no stream with a clear error, not a panic.
  const odd = { url: 'http://sufler/v1/check', method: 'POST', headers: new Headers(), body: 42 };
  const res = await engine.fetch(odd);
  assert.equal(res.status, 400);
  assert.match((await res.json()).error, /cannot read the request body: the request body is not a ReadableStream \(it is number\)/);
});

test('a bad pack is refused with its problems and the loaded packs keep answering', async () => {
  const before = await (await engine.fetch(new Request('http://sufler/v1/packs'))).text();
  const bad = { id: 'acme', version: '9', title: 'x', language: 'ru', segments: [{ id: 'corporate', title: '' }], templates: [], cases: [], rules: [] };
  const res = await engine.fetch(new Request('http://sufler/v1/packs/acme', { method: 'PUT', body: JSON.stringify(bad) }));
  assert.equal(res.status, 400);
  const body = await res.json();
  assert.ok(body.problems.length > 0);
  assert.ok(body.problems.every((p) => typeof p.path === 'string' && p.problem));
  const after = await (await engine.fetch(new Request('http://sufler/v1/packs'))).text();
  assert.equal(after, before);
});

test('a built-in pack is neither replaced nor dropped by accident, the same in wasm and natively', async () => {
  const before = await (await engine.fetch(new Request('http://sufler/v1/packs'))).text();
  const empty = { id: 'prove-customs', version: '9', title: 'x', language: 'ru', segments: [{ id: 'x', title: 'x' }], templates: [], cases: [], rules: [] };
  let { wasm, native } = await both({ method: 'PUT', path: '/v1/packs/prove-customs', body: JSON.stringify(empty) });
  assert.equal(wasm.status, 409);
  assert.ok(wasm.body.equals(native.body), `PUT:\nwasm   ${wasm.body}\nnative ${native.body}`);
  assert.match(JSON.parse(wasm.body).error, /pack "prove-customs" is built in and cannot be replaced/);
  ({ wasm, native } = await both({ method: 'DELETE', path: '/v1/packs/prove-customs' }));
  assert.equal(wasm.status, 409);
  assert.ok(wasm.body.equals(native.body));
  assert.equal(await (await engine.fetch(new Request('http://sufler/v1/packs'))).text(), before);
});

test('a long reply answers with at most 500 findings and "truncated", byte for byte as natively', async () => {
  // 64 KB: thousands of findings, yet far inside a check's time budget in both engines, so
  // no rule is skipped and the answers must be the same bytes.
  const text = 'Я не знаю, но мы гарантируем 100% прохождение таможни!! '.repeat(600);
  const { wasm, native } = await both({ method: 'POST', path: '/v1/check', body: JSON.stringify({ text }) });
  assert.equal(wasm.status, 200);
  const out = JSON.parse(wasm.body);
  assert.equal(out.findings.length, 500);
  assert.equal(out.truncated, true);
  assert.equal(out.skipped, undefined);
  assert.ok(wasm.body.equals(native.body), 'the same answer natively');
});

test('issue 12\'s 860 KB reply answers in bounded size, and names any rule it had no time for', async () => {
  const sentence = 'Я не знаю, но мы гарантируем 100% прохождение таможни!! ';
  const text = sentence.repeat(Math.floor((860 << 10) / Buffer.byteLength(sentence)));
  const t0 = performance.now();
  const { wasm, native } = await both({ method: 'POST', path: '/v1/check', body: JSON.stringify({ text }) });
  const ms = performance.now() - t0;
  const ids = new Set();
  for (const p of JSON.parse((await both({ method: 'GET', path: '/v1/packs' })).wasm.body).packs) ids.add(p.id);
  for (const [name, res] of [['wasm', wasm], ['native', native]]) {
    assert.equal(res.status, 200, name);
    const out = JSON.parse(res.body);
    assert.equal(out.findings.length, 500, name);
    assert.equal(out.truncated, true, name);
    assert.ok(res.body.length < 512 << 10, `${name}: answer of ${res.body.length} bytes (11.6 MB before the cap)`);
    // Past the check's time budget (2 s of wall time; wasm is slower than native) the rules
    // not yet run are skipped and named: the answer is partial, never late.
    for (const id of out.skipped ?? []) assert.match(id, /^[a-z0-9-]+$/, `${name}: skipped ${id}`);
    console.log(`# 860 KB reply, ${name}: ${out.findings.length} findings, ${res.body.length >> 10} KB, ${(out.skipped ?? []).length} rules skipped`);
  }
  if (!JSON.parse(wasm.body).skipped && !JSON.parse(native.body).skipped) assert.ok(wasm.body.equals(native.body));
  console.log(`# both engines answered in ${ms.toFixed(0)} ms`);
});

test('the stalling pack of issue 12 is refused in wasm at once, and checks stay quick', async () => {
  const alt = '(?:[а-я ,]?){999}[0-9a-z]{40}';
  const rule = (regex) => ({ id: 'slow', kind: 'regex', category: 'tone', severity: 'hint', message: 'Тон.', why: 'Политика, §1', regex,
    examples: { flag: ['ааа 0123456789012345678901234567890123456789'], pass: ['Добрый день'] } });
  const pack = (regex) => JSON.stringify({ id: 'evil', version: '1', title: 'Пакет', segments: [{ id: 'evil-seg', title: 'Все' }], rules: [rule(regex)] });
  for (const [regex, want] of [[`${alt}|`.repeat(700) + 'ъъъъ', /a regex may be at most 1024/], [alt, /compiles to about 2040 instructions/]]) {
    const { wasm, native } = await both({ method: 'PUT', path: '/v1/packs/evil', body: pack(regex) });
    assert.equal(wasm.status, 400);
    assert.ok(wasm.body.equals(native.body));
    const body = JSON.parse(wasm.body);
    assert.equal(body.problems[0].path, 'rules[0].regex');
    assert.match(body.problems[0].problem, want);
  }
  const packs = JSON.parse(await (await engine.fetch(new Request('http://sufler/v1/packs'))).text()).packs;
  assert.ok(!packs.some((p) => p.id === 'evil'));
});

test('call reads a path as a Request would: raw Cyrillic, spaces, dot segments and percent signs answer as by fetch', async () => {
  await indexed();
  const paths = ['/v1/search?q=груз на таможне&limit=2', '/v1/x/../search?q=выплата', '/v1/./health', '/v1/search?q=100%&limit=1',
    '/v1/search?q=%D0%B3%D1%80%D1%83%D0%B7#frag', '/v1/search?q=a"b<c>', '/v1/sea%72ch?q=груз'];
  for (const p of paths) {
    const w = await engine.fetch(new Request('http://sufler' + p));
    const d = await engine.call('GET', p);
    const wb = Buffer.from(await w.arrayBuffer());
    assert.equal(d.status, w.status, `${p}: ${d.text}`);
    assert.ok(Buffer.from(d.text).equals(wb), `${p}:\ncall  ${d.text}\nfetch ${wb}`);
  }
});
