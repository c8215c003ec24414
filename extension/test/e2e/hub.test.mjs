// The team hub, end to end, in the browser SUFLER_BROWSER names: the hub Worker runs under
// `wrangler dev --local` on 127.0.0.1 (wasm/cmd/sufler-hub/test/worker.mjs, as make test-hub
// starts it), the team lead's sufler-pack builds, signs and publishes, and the extension is
// configured the way an administrator without a policy would: on the options page (a test
// cannot set storage.managed; test/unit/hub-config.test.mjs covers the policy path).
// Between the extension and the hub sits a recording proxy, so every request the hub gets
// is seen with its method, headers and body, in both browsers.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, rmSync, existsSync } from 'node:fs';
import { createServer, request as httpRequest } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launch, EXT_ROOT } from './harness.mjs';
import { openFixture, waitMarks } from './content-helpers.mjs';
import { buildFixtures } from '../fixtures/build.mjs';
import { startWorker } from '../../../wasm/cmd/sufler-hub/test/worker.mjs';

const SUFLER_PACK = process.env.SUFLER_PACK ?? resolve(EXT_ROOT, '../build/sufler-pack');
const POLL = 5; // seconds: the test's poll interval
const token = `t-${Math.random().toString(36).slice(2)}`;
let dir, worker, recorder, pub;

function pack(...args) {
  return execFileSync(SUFLER_PACK, args, { encoding: 'utf8', env: { ...process.env, SUFLER_HUB_TOKEN: token } });
}

/** The team's pack at version, with rules named in `rules` (see RULES). */
const RULES = {
  zhelezno: { id: 'team-zhelezno', patterns: ['железно'], flag: 'Железно привезём завтра.', pass: 'Привезём завтра.', message: 'Не обещайте «железно».' },
  forever: { id: 'team-forever', patterns: ['бесплатно навсегда'], flag: 'Доставка бесплатно навсегда.', pass: 'Доставка бесплатно.', message: 'Не обещайте «бесплатно навсегда».' },
};
function teamPack(version, names) {
  return {
    id: 'team-policy', version, title: 'Политика команды', language: 'ru', source: 'e2e hub',
    segments: [{ id: 'team', title: 'Клиенты команды', style: 'Коротко и по делу.', signals: ['заказ*'], source: '§0' }],
    rules: names.map((n) => ({
      id: RULES[n].id, kind: 'sequence', category: 'promise', severity: 'error', message: RULES[n].message,
      why: 'Политика команды.', patterns: RULES[n].patterns, replacements: { default: ['постараемся'] },
      examples: { flag: [RULES[n].flag], pass: [RULES[n].pass] }, source: '§1',
    })),
  };
}

/** Builds, signs (with keyName) and publishes a release; returns the build directory. */
function publish(name, version, rules, serial, keyName = 'team') {
  const src = join(dir, `${name}.json`);
  writeFileSync(src, JSON.stringify(teamPack(version, rules), null, 2));
  const out = join(dir, name);
  pack('build', '-o', out, src);
  pack('sign', '-key', join(dir, `${keyName}.key`), '-channel', 'support', '-serial', String(serial), out);
  pack('publish', '-hub', worker.url, '-channel', 'support', out);
  return out;
}

/** A loopback proxy in front of the hub that records every request: method, URL, headers, body size. */
async function startRecorder(target) {
  const seen = [];
  const server = createServer((req, res) => {
    let size = 0;
    req.on('data', (d) => { size += d.length; });
    req.on('end', () => {
      seen.push({ method: req.method, url: req.url, headers: { ...req.headers }, bodyBytes: size });
      const up = httpRequest(`${target}${req.url}`, { method: req.method, headers: { ...req.headers, host: new URL(target).host } }, (r) => {
        res.writeHead(r.statusCode, r.headers);
        r.pipe(res);
      });
      up.on('error', (e) => { res.writeHead(502); res.end(String(e)); });
      up.end();
    });
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  return { url: `http://127.0.0.1:${server.address().port}`, seen, close: () => new Promise((ok) => server.close(ok)) };
}

before(async () => {
  assert.ok(existsSync(SUFLER_PACK), `build sufler-pack first (make build/sufler-pack): ${SUFLER_PACK}`);
  await buildFixtures();
  dir = mkdtempSync(join(tmpdir(), 'sufler-hub-e2e-'));
  pack('keygen', '-o', join(dir, 'team'));
  pack('keygen', '-o', join(dir, 'rogue'));
  pub = readFileSync(join(dir, 'team.pub'), 'utf8').trim();
  // The hub itself checks no signature here: it stands for a hub an attacker took over
  // (or a leaked publishing token), so only the extension's own check stands in the way.
  worker = await startWorker({ vars: { HUB_TOKEN: token } });
  recorder = await startRecorder(worker.url);
});

after(async () => {
  await recorder?.close();
  await worker?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Sets the hub on the options page as a person would; returns the options page. */
async function configure(h, { url, keys, poll = POLL }) {
  const page = await h.extensionPage('options.html');
  await page.waitForSelector('#hub-url');
  await page.fill('#hub-url', url);
  await page.fill('#hub-channel', 'support');
  await page.fill('#hub-keys', keys);
  await page.fill('#hub-poll', String(poll));
  await page.click('#hub-save');
  await page.waitForFunction(() => document.getElementById('hub-message').textContent !== '');
  assert.equal(await page.$eval('#hub-message', (e) => e.className), '', await page.textContent('#hub-message'));
  return page;
}

const findings = async (h, text) => {
  const r = await h.engineCall('POST', '/v1/check', { text });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.findings.map((f) => f.rule);
};
const starts = async (h) => (await h.sendMessage({ type: 'sufler:engine-status' }))?.starts;

async function until(what, fn, ms) {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

async function typeInto(h, text) {
  const f = await openFixture(h, 'textarea');
  await f.locator.click();
  await f.page.keyboard.type(text, { delay: 15 });
  return f;
}

test('publish v1, v2 (hot), a tampered v3 (refused); only GETs reach the hub, nothing typed', async () => {
  publish('v1', '1.0.0', ['zhelezno'], 1);
  const h = await launch({ lang: 'ru' });
  const typed = [];
  try {
    await h.waitForEngine();
    const options = await configure(h, { url: recorder.url, keys: pub });

    // (1) v1 is picked up, and its rule flags in a page's field.
    await until('v1 in use', async () => (await findings(h, RULES.zhelezno.flag)).includes('team-zhelezno'), 20_000);
    await options.waitForFunction(() => /team-policy 1\.0\.0/.test(document.getElementById('hub-version').textContent));
    const page1 = 'Добрый день! Железно привезём завтра.';
    typed.push(page1);
    const f1 = await typeInto(h, page1);
    await waitMarks(f1.frame, (ms) => ms.some((m) => m.rule === 'team-zhelezno'));
    await f1.page.close();

    // (2) v2 adds a rule: hot-reloaded within the poll interval, the same engine.
    const before = await starts(h);
    publish('v2', '2.0.0', ['zhelezno', 'forever'], 2);
    const t0 = Date.now();
    await until('v2 in use', async () => (await findings(h, RULES.forever.flag)).includes('team-forever'), (POLL * 2 + 10) * 1000);
    const took = Date.now() - t0;
    assert.equal(await starts(h), before, 'the engine was not restarted for the update');
    await options.waitForFunction(() => /team-policy 2\.0\.0/.test(document.getElementById('hub-version').textContent));
    const page2 = 'Для вас доставка бесплатно навсегда.';
    typed.push(page2);
    const f2 = await typeInto(h, page2);
    await waitMarks(f2.frame, (ms) => ms.some((m) => m.rule === 'team-forever'));
    await f2.page.close();

    // (3) v3 signed by a key the team does not trust: refused, v2 keeps serving, options say why.
    publish('v3', '3.0.0', ['zhelezno'], 3, 'rogue');
    await options.waitForFunction(() => /trusted key/.test(document.getElementById('hub-last-error').textContent), null, { timeout: (POLL * 2 + 10) * 1000 });
    assert.ok((await findings(h, RULES.forever.flag)).includes('team-forever'), 'v2 still serves');
    assert.match(await options.textContent('#hub-version'), /team-policy 2\.0\.0/);
    const hub = await h.engineCall('GET', '/v1/hub');
    assert.equal(hub.body.serial, 2);
    // An engine restart gets v2 back from the extension's IndexedDB, verified again.
    const reload = await h.sendMessage({ type: 'sufler:reload' });
    assert.ok(reload?.ok, JSON.stringify(reload));
    assert.ok(reload.applied.some((a) => a.op === 'hub' && a.ok), JSON.stringify(reload.applied));
    assert.ok((await findings(h, RULES.forever.flag)).includes('team-forever'), 'v2 serves after a restart');
    assert.equal((await h.engineCall('GET', '/v1/hub')).body.serial, 2);

    // (4) A session of typing, suggestions and search with the hub configured.
    const session = 'Иван, ваш заказ задержан на таможне, уточню срок';
    typed.push(session);
    const f3 = await typeInto(h, session);
    await f3.page.waitForTimeout(1500);
    const popup = await h.openPopup(f3.page);
    const query = 'груз задержали';
    typed.push(query);
    await popup.fill('#q', query);
    await popup.waitForTimeout(1000);
    await popup.close();
    await f3.page.close();

    // Turned off on the options page: the hub's packs go, nothing more is asked.
    await options.fill('#hub-url', '');
    await options.click('#hub-save');
    await until('hub packs dropped', async () => !(await findings(h, RULES.forever.flag)).includes('team-forever'), 10_000);
    await options.waitForFunction(() => /не настроен/.test(document.getElementById('hub-last-check').textContent));
    const asked = recorder.seen.length;
    await options.waitForTimeout((POLL + 1) * 1000);
    assert.equal(recorder.seen.length, asked, 'no poll once the hub is off');
    await options.close();
    console.log(`v2 reached the engine ${took} ms after publishing (poll ${POLL} s)`);
  } finally {
    await h.close();
  }
  h.network.assertLocalOnly();

  // Every request the hub got: GET, no body, no cookie, nothing typed, only its own paths.
  assert.ok(recorder.seen.length >= 3, `the hub was asked (${recorder.seen.length})`);
  const words = typed.flatMap((s) => s.toLowerCase().split(/[^а-яёa-z0-9]+/).filter((w) => w.length > 3));
  for (const r of recorder.seen) {
    assert.equal(r.method, 'GET', `${r.method} ${r.url}`);
    assert.equal(r.bodyBytes, 0, r.url);
    assert.equal(r.headers.cookie, undefined, r.url);
    assert.equal(r.headers.authorization, undefined, r.url);
    assert.equal(r.headers.referer, undefined, r.url);
    assert.match(r.url, /^\/v1\/(channels\/support\/manifest\.json(\.sig)?|packs\/team-policy\/[0-9.]+\/pack\.(json|idx)(\.sig)?)$/, r.url);
    const all = decodeURIComponent(r.url + JSON.stringify(r.headers)).toLowerCase();
    for (const w of words) assert.ok(!all.includes(w), `"${w}" reached the hub in ${r.url}`);
  }
  // The manifest is asked conditionally once the browser holds it: the hub answers 304.
  assert.ok(recorder.seen.some((r) => r.headers['if-none-match']), 'a conditional GET');
  // And the browser recorded no request to the hub's port but those GETs.
  const hubPort = new URL(recorder.url).port;
  const toHub = h.network.records.filter((r) => { try { return new URL(r.url).port === hubPort; } catch { return false; } });
  for (const r of toHub) if (r.method) assert.ok(['GET', 'CONNECT'].includes(r.method), `${r.source} ${r.method} ${r.url}`);
});

test('with no hub configured, nothing at all is requested', async () => {
  const h = await launch({ lang: 'ru' });
  try {
    await h.waitForEngine();
    const f = await typeInto(h, 'Добрый день! Железно привезём завтра, заказ уже в пути.');
    await f.page.waitForTimeout(1500);
    const popup = await h.openPopup(f.page);
    await popup.fill('#q', 'груз задержали');
    await popup.waitForTimeout(1000);
    await popup.close();
    const options = await h.extensionPage('options.html');
    await options.waitForFunction(() => document.getElementById('hub-last-check').textContent !== '');
    assert.match(await options.textContent('#hub-last-check'), /не настроен/);
    await options.close();
    await f.page.close();
  } finally {
    await h.close();
  }
  h.network.assertLocalOnly();
  // Local is not enough: the only HTTP server asked is the test's own fixture server.
  const fixtures = new URL(h.fixturesURL).host;
  const noise = new Set(h.network.classify().browserNoise); // Chromium's own services (network.mjs), not the extension's
  const other = h.network.records.filter((r) => !noise.has(r) && /^(https?|wss?):/.test(r.url) && new URL(r.url).host !== fixtures && r.method !== 'CONNECT');
  assert.deepEqual(other.map((r) => `${r.source} ${r.method} ${r.url}`), []);
});
