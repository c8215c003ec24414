// The options page: importing packs (bad ones change nothing), turning packs off and on
// without a browser restart, sites and language.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from './harness.mjs';
import { shot } from './shots.mjs';

const packs = join(dirname(fileURLToPath(import.meta.url)), 'packs');
const GOOD = readFileSync(join(packs, 'flower-shop.json'), 'utf8');
const BROKEN = readFileSync(join(packs, 'flower-shop-broken.json'), 'utf8');
const Q = `/v1/search?q=${encodeURIComponent('букеты завяли')}&limit=5`;

let h;
let options;

before(async () => {
  h = await launch({ lang: 'ru' });
  await h.waitForEngine();
  options = await h.extensionPage('options.html');
  await options.waitForSelector('#pack-list li');
});

after(async () => {
  await h?.close();
  h?.network.assertLocalOnly();
});

async function importText(text) {
  await options.fill('#import-text', text);
  await options.click('#import-go');
  await options.waitForSelector('#import-result.ok, #import-result.bad');
}

// CustomPacks reads the extension's IndexedDB pack store from an extension page: {id: pack JSON}.
async function customPacks() {
  const recs = await packRecords();
  return Object.fromEntries(Object.entries(recs).map(([id, r]) => [id, typeof r === 'string' ? r : r.json]));
}

// PackRecords reads the store's records as they are: {id: {json, image, on, info}} (image as its size in bytes).
function packRecords() {
  return options.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open('sufler', 1);
    req.onupgradeneeded = () => req.result.createObjectStore('packs');
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const tx = req.result.transaction('packs', 'readonly');
      const keys = tx.objectStore('packs').getAllKeys();
      const values = tx.objectStore('packs').getAll();
      const out = (v) => (v && typeof v === 'object' ? { ...v, image: v.image ? v.image.byteLength : null } : v);
      tx.oncomplete = () => { resolve(Object.fromEntries(keys.result.map((k, i) => [k, out(values.result[i])]))); req.result.close(); };
    };
  }));
}

function flowerHits(r) {
  return (r.body.hits ?? []).filter((x) => x.pack === 'flower-shop');
}

test('a good pack becomes searchable at once and survives an engine restart', async () => {
  assert.equal(flowerHits(await h.engineCall('GET', Q)).length, 0, 'not there before');
  await importText(GOOD);
  assert.match(await options.textContent('#import-result'), /Пакет «Цветочная мастерская «Флокс»» загружен/);
  const hits = flowerHits(await h.engineCall('GET', Q));
  assert.equal(hits[0]?.id, 'wilted-bouquet');
  const row = options.locator('#pack-list li[data-pack="flower-shop"]');
  await row.waitFor();
  assert.match(await row.textContent(), /свой/);
  assert.match(await row.textContent(), /2 шаблона · 1 кейс · 1 правило/);
  assert.equal((await customPacks())['flower-shop'], GOOD, 'saved byte for byte, in the extension\'s IndexedDB');
  // storage.local is readable by content scripts: no pack text there.
  const stored = await h.storage();
  assert.deepEqual(stored.packs?.custom ?? {}, {});
  assert.ok(!JSON.stringify(stored).includes('Флокс'), 'storage.local holds nothing of the pack');
  // The engine's index of the pack is kept with it, so the next start need not index it again.
  const t0 = Date.now();
  while (!(await packRecords())['flower-shop'].image) {
    assert.ok(Date.now() - t0 < 30_000, 'the pack\'s index image is stored');
    await options.waitForTimeout(100);
  }
  // Restart the engine: the custom pack is applied again from the store, from its image.
  const rep = await h.sendMessage({ type: 'sufler:reload' });
  assert.equal(rep.ok, true);
  assert.deepEqual(rep.applied.map((a) => [a.id, a.ok, a.image]), [['flower-shop', true, true]]);
  assert.equal(flowerHits(await h.engineCall('GET', Q))[0]?.id, 'wilted-bouquet');
});

test('a bad import lists every problem with its path and changes nothing', async () => {
  const before = await h.storage();
  const direct = await h.engineCall('PUT', '/v1/packs/flower-shop', BROKEN);
  assert.equal(direct.status, 400);
  assert.ok(direct.body.problems.length >= 3);
  await importText(BROKEN);
  const shown = await options.$$eval('#import-result .problems li', (lis) => lis.map((li) => ({
    path: li.querySelector('code').textContent,
    text: li.textContent,
  })));
  assert.deepEqual(shown.map((p) => p.path), direct.body.problems.map((p) => p.path), 'every problem, in order');
  for (const [i, p] of direct.body.problems.entries()) assert.ok(shown[i].text.includes(p.problem), p.problem);
  for (const path of ['templates[0].variants', 'templates[1].title', 'cases[0].templates[0]', 'rules[0].severity']) {
    assert.ok(shown.some((p) => p.path === path), `shows ${path}`);
  }
  assert.match(await options.textContent('#import-result'), /Пакет не загружен: \d+ ошиб/);
  assert.match(await options.textContent('#import-result'), /Ничего не изменилось/);
  await shot(options, 'options-bad-import', { fullPage: true });
  assert.deepEqual(await h.storage(), before, 'settings untouched');
  // The previous version still answers, and still is version 1.0.0.
  assert.equal(flowerHits(await h.engineCall('GET', Q))[0]?.id, 'wilted-bouquet');
  const p = (await h.engineCall('GET', '/v1/packs')).body.packs.find((x) => x.id === 'flower-shop');
  assert.equal(p.version, '1.0.0');
});

test("an import under a built-in pack's id is refused, says why, and the built-in pack stays", async () => {
  const before = await h.storage();
  const packsBefore = (await h.engineCall('GET', '/v1/packs')).body.packs;
  const direct = await h.engineCall('PUT', '/v1/packs/prove-customs', GOOD.replace('"id": "flower-shop"', '"id": "prove-customs"'));
  assert.equal(direct.status, 409);
  await importText(GOOD.replace('"id": "flower-shop"', '"id": "prove-customs"'));
  assert.match(await options.textContent('#import-result'), /Пакет «prove-customs» встроен в Суфлёр, заменить его нельзя/);
  assert.match(await options.textContent('#import-result'), /Ничего не изменилось/);
  assert.deepEqual(await h.storage(), before, 'settings untouched');
  assert.deepEqual((await h.engineCall('GET', '/v1/packs')).body.packs, packsBefore, 'the built-in pack still answers, as it was');
});

test('broken JSON and a bad id are refused with the engine\'s line and path', async () => {
  const before = await h.storage();
  await importText('{\n  "id": "x",\n  "title": \n}');
  assert.match(await options.textContent('#import-result .problems'), /строка 4, позиция 1/);
  await importText('{"id": "Мой пакет"}');
  assert.equal(await options.textContent('#import-result .problems code'), 'id');
  assert.deepEqual(await h.storage(), before);
});

test('a pack file can be chosen with the file picker', async () => {
  const v2 = GOOD.replace('"version": "1.0.0"', '"version": "1.1.0"').replace('Как ухаживать за гортензией', 'Уход за гортензией летом');
  await options.setInputFiles('#import-file', { name: 'flower-shop.json', mimeType: 'application/json', buffer: Buffer.from(v2) });
  await options.waitForSelector('#import-result.ok');
  assert.match(await options.textContent('#import-result'), /обновлён/);
  const r = await h.engineCall('GET', `/v1/search?q=${encodeURIComponent('гортензия летом')}&limit=3`);
  assert.equal(r.body.hits[0].title, 'Уход за гортензией летом');
  assert.equal((await customPacks())['flower-shop'], v2);
});

test('turning a built-in pack off and on reloads the engine without a restart', async () => {
  const q = `/v1/search?q=${encodeURIComponent('груз задержали на таможне')}&limit=20`;
  const packsOf = async () => new Set((await h.engineCall('GET', q)).body.hits.map((x) => x.pack));
  assert.ok((await packsOf()).has('prove-customs'));
  const box = options.locator('#pack-list li[data-pack="prove-customs"] input[role="switch"]');
  await box.uncheck();
  await options.waitForSelector('#pack-list li.pack-off[data-pack="prove-customs"]');
  assert.ok(!(await packsOf()).has('prove-customs'), 'its entries are gone');
  assert.deepEqual((await h.storage()).packs.disabled, ['prove-customs']);
  await shot(options, 'options-pack-off', { fullPage: true });
  await options.locator('#pack-list li[data-pack="prove-customs"] input[role="switch"]').check();
  await options.waitForSelector('#pack-list li[data-pack="prove-customs"]:not(.pack-off)');
  assert.ok((await packsOf()).has('prove-customs'), 'back again');
  assert.deepEqual((await h.storage()).packs.disabled, []);
});

test('exporting a custom pack downloads its JSON; removing it takes it out of the engine', async () => {
  const row = options.locator('#pack-list li[data-pack="flower-shop"]');
  const [download] = await Promise.all([options.waitForEvent('download'), row.locator('button', { hasText: 'Скачать' }).click()]);
  assert.equal(download.suggestedFilename(), 'flower-shop.json');
  const body = readFileSync(await download.path(), 'utf8');
  assert.equal(JSON.parse(body).id, 'flower-shop');
  options.once('dialog', (d) => d.accept());
  await row.locator('button', { hasText: 'Удалить' }).click();
  await options.waitForSelector('#pack-list li[data-pack="flower-shop"]', { state: 'detached' });
  assert.equal(flowerHits(await h.engineCall('GET', Q)).length, 0);
  assert.deepEqual(await customPacks(), {});
});

test('sites: only listed sites, per-site switch off', async () => {
  await options.check('input[name="site-mode"][value="listed"]');
  await options.fill('#listed-input', 'https://Support.Example.ru/tickets');
  await options.press('#listed-input', 'Enter');
  await options.waitForSelector('#listed li');
  await options.fill('#off-input', 'mail.example.ru');
  await options.click('#off-add button');
  await options.waitForSelector('#off li');
  let s = await h.storage();
  assert.deepEqual(s.sites, { mode: 'listed', listed: ['support.example.ru'], off: ['mail.example.ru'], force: [] });
  await options.fill('#off-input', 'not a host!');
  await options.click('#off-add button');
  await options.waitForSelector('#sites-error:not(:empty)');
  assert.deepEqual((await h.storage()).sites, s.sites, 'a bad host changes nothing');
  await options.click('#off li button');
  await options.check('input[name="site-mode"][value="all"]');
  await options.waitForFunction(() => document.querySelectorAll('#off li').length === 0);
  s = await h.storage();
  assert.deepEqual(s.sites, { mode: 'all', listed: ['support.example.ru'], off: [], force: [] });
  // An admin's override of pages that opt out, for one helpdesk.
  await options.fill('#force-input', 'desk.example.ru');
  await options.click('#force-add button');
  await options.waitForSelector('#force li');
  assert.deepEqual((await h.storage()).sites.force, ['desk.example.ru']);
  await options.click('#force li button');
  await options.waitForFunction(() => document.querySelectorAll('#force li').length === 0);
  assert.deepEqual((await h.storage()).sites.force, []);
});

test('custom packs kept in storage.local by an earlier version move to IndexedDB', async () => {
  const legacy = GOOD.replace('"version": "1.0.0"', '"version": "0.9.0"');
  await options.evaluate((text) => chrome.storage.local.set({ packs: { disabled: [], custom: { 'flower-shop': text } } }), legacy);
  const rep = await h.sendMessage({ type: 'sufler:reload' }); // a new background would migrate on start; a reload asks the config
  assert.deepEqual(rep.applied.map((a) => [a.id, a.ok]), [['flower-shop', true]]);
  assert.equal((await customPacks())['flower-shop'], legacy);
  assert.deepEqual((await h.storage()).packs, { disabled: [], custom: {} });
  assert.equal(flowerHits(await h.engineCall('GET', Q))[0]?.id, 'wilted-bouquet', 'applied from IndexedDB');
  // Clean up for the tests after this one: the store emptied, the engine reloaded without the pack.
  await options.evaluate(() => new Promise((resolve, reject) => {
    const req = indexedDB.open('sufler', 1);
    req.onerror = () => reject(req.error);
    req.onsuccess = () => {
      const tx = req.result.transaction('packs', 'readwrite');
      tx.objectStore('packs').clear();
      tx.oncomplete = () => { req.result.close(); resolve(); };
    };
  }));
  await h.sendMessage({ type: 'sufler:reload' });
  assert.deepEqual(await customPacks(), {});
  assert.equal(flowerHits(await h.engineCall('GET', Q)).length, 0);
});

test('shortcuts: browser commands are listed, in-page keys are recorded', async () => {
  const cmds = await options.$$eval('#commands tr', (trs) => trs.map((tr) => tr.textContent));
  assert.ok(cmds.some((c) => /Открыть поиск шаблонов у поля ответа.*Alt\+Shift\+S/.test(c)), cmds.join(' | '));
  const input = options.locator('#page-keys input[data-action="segment"]');
  await input.focus();
  await options.keyboard.press('Control+Alt+KeyJ');
  await options.waitForFunction(() => document.querySelector('#page-keys input[data-action="segment"]').value === 'Ctrl+Alt+J');
  assert.equal((await h.storage()).shortcuts.segment, 'Ctrl+Alt+J');
  await options.locator('#page-keys tr:has(input[data-action="segment"]) button').click();
  await options.waitForFunction(() => document.querySelector('#page-keys input[data-action="segment"]').value === 'Alt+Shift+G');
});

test('language: switching to English relabels the page at once', async () => {
  await options.selectOption('#lang', 'en');
  await options.waitForFunction(() => document.querySelector('#packs h2').textContent === 'Knowledge packs');
  assert.equal(await options.getAttribute('html', 'lang'), 'en');
  assert.equal((await h.storage()).ui.lang, 'en');
  await shot(options, 'options-en', { fullPage: true });
  await options.selectOption('#lang', 'auto');
  await options.waitForFunction(() => document.querySelector('#packs h2').textContent === 'Пакеты знаний');
});
