// Privacy is tested, not promised: the built extension asks for no remote access, its code
// names no remote endpoint, and a whole session of real use sends nothing off this machine.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, CHROMIUM_DIR, BROWSER, skipIn } from './harness.mjs';
import { isLocal } from './network.mjs';
import { CSP } from '../../manifest.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const BUILDS = [CHROMIUM_DIR, join(CHROMIUM_DIR, '..', 'firefox')];

function files(dir, ext) {
  const out = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...files(p, ext));
    else if (ext.some((e) => name.endsWith(e))) out.push(p);
  }
  return out;
}

test('manifests: no host permissions, no remote URLs, strict CSP', () => {
  for (const dir of BUILDS) {
    const m = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    assert.equal(m.host_permissions, undefined, dir);
    assert.equal(m.optional_host_permissions, undefined, dir);
    assert.equal(m.web_accessible_resources, undefined, dir);
    assert.equal(m.externally_connectable, undefined, dir);
    assert.equal(m.update_url, undefined, dir);
    const csp = m.content_security_policy.extension_pages;
    assert.equal(csp, CSP);
    assert.match(csp, /^default-src 'none'; /);
    // The CSP's loopback sources are for a team hub on this computer (README, "Team hub").
    const urls = JSON.stringify({ ...m, content_security_policy: undefined }).match(/[a-z-]+:\/\/[^"\s]*/gi) ?? [];
    assert.deepEqual(urls.filter((u) => !/^https?:\/\/\*\/\*$/.test(u)), [], `remote URLs in ${dir}/manifest.json`);
    for (const cs of m.content_scripts) assert.deepEqual(cs.matches, ['http://*/*', 'https://*/*']);
  }
});

test('the built code fetches nothing remote (static scan of every bundle and page)', () => {
  const offenders = [];
  // Calls that could reach the network, with a literal that is not relative.
  const calls = /\b(fetch|importScripts|sendBeacon|EventSource|WebSocket|open)\s*\(\s*(['"`])([a-z][a-z0-9+.-]*:|\/\/)/gi;
  // Any absolute URL literal at all: only the engine's in-process request host and XML namespaces may appear.
  const urls = /(['"`])((?:https?|wss?|ftp):\/\/[^'"`\s]*)/gi;
  const allowed = [/^http:\/\/sufler(\/|\$\{|$)/, /^http:\/\/www\.w3\.org\//, /^http:\/\/\*\/\*$/, /^https:\/\/\*\/\*$/];
  for (const dir of BUILDS) {
    for (const f of files(dir, ['.js', '.mjs', '.html', '.css', '.json'])) {
      const text = readFileSync(f, 'utf8');
      for (const m of text.matchAll(calls)) offenders.push(`${f}: ${m[0]}`);
      for (const m of text.matchAll(urls)) if (!allowed.some((re) => re.test(m[2]))) offenders.push(`${f}: ${m[2]}`);
      if (/\bnew\s+XMLHttpRequest\b/.test(text)) offenders.push(`${f}: XMLHttpRequest`);
    }
  }
  assert.deepEqual(offenders, []);
});

test('the recorder catches leaks from the service worker, offscreen document and workers', skipIn('firefox', 'Chromium’s service worker and offscreen document; the Firefox recorder has its own leak test below'), async () => {
  // A deliberately leaky extension: if the recorder missed these, the privacy test could not fail.
  const h = await launch({ lang: 'ru', extensionDir: join(here, 'leaky') });
  try {
    await h.serviceWorker.evaluate(() => self.leak());
    const deadline = Date.now() + 15_000;
    const seen = () => new Set(h.network.records.filter((r) => r.url.startsWith('https://leak.example/')).map((r) => r.url));
    while (seen().size < 3 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  } finally {
    await h.close();
  }
  assert.throws(() => h.network.assertLocalOnly(), (err) => {
    for (const where of ['from-service-worker', 'from-offscreen', 'from-worker']) assert.match(err.message, new RegExp(where));
    return true;
  });
  // Chromium's NetLog is browser-wide, so it must see every leak on its own. The DevTools
  // sources attach to targets asynchronously and may miss a request fired at start-up, so
  // they only have to confirm the NetLog, not each see everything.
  const leaks = h.network.records.filter((r) => r.url.includes('leak.example'));
  const by = (source) => new Set(leaks.filter((r) => r.source === source).map((r) => new URL(r.url).pathname));
  assert.equal(by('netlog').size, 3, `NetLog saw ${[...by('netlog')]}`);
  assert.ok(by('cdp').size + by('playwright').size > 0, 'a DevTools source confirms the NetLog');
});

test('the Firefox recorder catches leaks from the event page, its Worker and an extension page', skipIn('chromium', 'a Firefox extension (event page); Chromium’s leak test is above'), async () => {
  // A deliberately leaky extension: the recording proxy every Firefox request goes through must see them all. HTTPS
  // reaches the proxy as CONNECT host:443 (the path is encrypted), so each context leaks to its own host.
  const hosts = ['event-page.leak.example', 'worker.leak.example', 'extension-page.leak.example'];
  const h = await launch({ lang: 'ru', extensionDir: join(here, 'leaky-firefox') });
  const seen = () => new Set(h.network.records.filter((r) => r.source === 'proxy' && r.method === 'CONNECT').map((r) => new URL(r.url).hostname));
  try {
    assert.deepEqual(await h.sendMessage({ leak: true }), { ok: true });
    const page = await h.extensionPage('page.html');
    const deadline = Date.now() + 15_000;
    while (!hosts.every((x) => seen().has(x)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    await page.close();
  } finally {
    await h.close();
  }
  assert.deepEqual(hosts.filter((x) => !seen().has(x)), [], 'the proxy saw the leak of every context');
  assert.throws(() => h.network.assertLocalOnly(), (err) => {
    for (const x of hosts) assert.match(err.message, new RegExp(x.replace(/\./g, '\\.')));
    return true;
  });
});

test('a whole session of real use stays on this machine', async () => {
  const h = await launch({ lang: 'ru' });
  try {
    await h.waitForEngine();
    // An agent answers a ticket: types a draft with taboo wording, searches, inserts, opens settings.
    const page = await h.newPage();
    await page.goto(`${h.demoURL}helpdesk.html`);
    await page.click('#reply');
    await page.keyboard.type('Андрей, добрый день! Гарантируем 100% прохождение таможни, не переживайте. ', { delay: 15 });
    await page.waitForTimeout(1500);
    const popup = await h.openPopup(page);
    await popup.fill('#q', 'какие документы нужны для таможни');
    await popup.waitForSelector('#results li[aria-selected="true"]');
    await popup.keyboard.press('Enter');
    await popup.waitForFunction(() => /Вставлено/.test(document.getElementById('action-note').textContent));
    const options = await h.extensionPage('options.html');
    await options.waitForSelector('#pack-list li');
    // Restart the engine mid-session (Chromium: its offscreen document; Firefox: a reload of its Worker).
    if (h.serviceWorker) await h.serviceWorker.evaluate(() => chrome.offscreen.closeDocument());
    else assert.equal((await h.sendMessage({ type: 'sufler:reload' })).ok, true);
    assert.equal((await h.engineCall('GET', '/v1/health')).status, 200);
    await page.bringToFront();
    await page.keyboard.type('Документы пришлю сегодня.', { delay: 15 });
    await page.waitForTimeout(1000);
  } finally {
    await h.close();
  }
  h.network.assertLocalOnly();
  // The log really covers the engine's own contexts (so "nothing left" means something):
  const recs = h.network.records;
  if (BROWSER === 'chromium') {
    assert.ok(recs.some((r) => r.source === 'cdp' && /^worker /.test(r.target ?? '') && r.url.endsWith('/engine/sufler.wasm')), 'the engine Worker fetching its wasm was seen');
    assert.ok(recs.some((r) => r.source === 'netlog' && r.url.startsWith(h.demoURL)), 'NetLog was read');
    assert.ok(recs.some((r) => r.source === 'playwright' && r.url.startsWith(h.demoURL)), 'page requests were seen');
  } else {
    // moz-extension: loads (the engine's wasm) never touch the network; the leak tests above prove the proxy sees
    // the event page, Workers and extension pages. Here: it saw this session's pages, and so did BiDi.
    assert.ok(recs.some((r) => r.source === 'proxy' && r.url.startsWith(h.demoURL)), 'the recording proxy saw the helpdesk page');
    assert.ok(recs.some((r) => r.source === 'bidi' && r.url.startsWith(h.demoURL)), 'BiDi saw the helpdesk page');
  }
  assert.ok(recs.every((r) => isLocal(r.url, h.extensionId) || h.network.classify().browserNoise.includes(r)));
});
