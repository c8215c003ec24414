// E2E: a hostile page. Its scripts try every attack of issue 12 with synthetic events, DOM access and URL changes
// only (test/fixtures/hostile.js); the test then asserts, from the extension's side, that the page read no pack
// content, got nothing inserted and changed no stored state — and that the agent's own typing still works.
//
// Run: node --test test/e2e/hostile.test.mjs (needs a built extension). SUFLER_EXTENSION_DIR runs it against another
// build (e.g. main's, to see it fail).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, BROWSER } from './harness.mjs';
import { waitOverlay, inOverlay } from './overlay.mjs';

const DRAFT = 'Добрый день! Груз задерживается на таможне, пришлём документы по выпуску';
const TABOO = 'Я не знаю, но мы гарантируем 100% прохождение таможни';
const QUERY = 'таможня';

let h;
before(async () => {
  h = await launch({ lang: 'ru' });
  await h.waitForEngine();
});
after(async () => {
  await h?.close();
});

// Knowledge collects, from the extension's side, what the packs would show on this page: segment titles, template
// titles and texts, rule messages, why and replacements. Each long string gives a few 20-character needles.
async function knowledge(pageText) {
  const strings = [];
  const segs = await h.engineCall('GET', '/v1/segments');
  for (const s of segs.body.segments ?? []) strings.push(s.title);
  for (const seg of [...(segs.body.segments ?? []).map((s) => s.id), '']) {
    const sug = await h.engineCall('POST', '/v1/suggest', { text: DRAFT, context: '', segment: seg, limit: 5 });
    for (const s of sug.body.suggestions ?? []) strings.push(s.title, s.text);
    const found = await h.engineCall('GET', `/v1/search?q=${encodeURIComponent(QUERY)}&segment=${seg}&kind=template&limit=8`);
    for (const x of found.body.hits ?? []) strings.push(x.title, x.text);
    const chk = await h.engineCall('POST', '/v1/check', { text: TABOO, segment: seg });
    for (const f of chk.body.findings ?? []) strings.push(f.message, f.why, ...(f.replacements ?? []));
  }
  const norm = (s) => String(s ?? '').replace(/\s+/g, ' ').trim();
  const needles = new Set();
  for (const s of strings.map(norm)) {
    if (s.length < 8) continue;
    const parts = s.length <= 24 ? [s] : [s.slice(0, 20), s.slice(Math.floor(s.length / 2) - 10, Math.floor(s.length / 2) + 10)];
    for (const p of parts) if (!pageText.includes(p)) needles.add(p);
  }
  assert.ok(needles.size >= 10, `the packs give enough to look for (${needles.size})`);
  return [...needles];
}

function leaks(loot, needles) {
  const text = JSON.stringify(loot).replace(/\\n|\s+/g, ' ');
  return needles.filter((n) => text.includes(n));
}

test('a hostile page reads no pack content, inserts nothing and changes no stored state', async () => {
  const page = await h.newPage();
  await page.goto(`${h.fixturesURL}hostile.html`);
  await page.waitForFunction(() => window.fixture?.ready === true);
  const pageText = `${await page.evaluate(() => document.documentElement.innerText)} ${DRAFT} ${TABOO} ${QUERY}`;
  const needles = await knowledge(pageText);
  const before = await h.storage();

  const out = await page.evaluate((a) => window.attack.run(a), { draft: DRAFT, taboo: TABOO, query: QUERY, segments: 40 });

  // Every attack is judged, and all that got through is reported together.
  const got = [];
  const stolen = leaks(out.loot, needles);
  if (stolen.length) got.push(`read ${stolen.length} pieces of pack text: ${stolen.slice(0, 5).join(' | ')}…`);
  if (out.caught) got.push(`caught ${out.caught} shadow roots made in the page's world`);
  for (const l of out.loot) {
    if ((l.label.startsWith('after synthetic') || l.label.startsWith('after clicking')) && ![DRAFT, TABOO].includes(l.field)) {
      got.push(`${l.label}: the field holds «${l.field.slice(0, 80)}»`);
    }
  }
  if (out.field !== TABOO) got.push(`the field ended as «${out.field.slice(0, 80)}»`);
  const afterAttack = await h.storage();
  for (const k of new Set([...Object.keys(before), ...Object.keys(afterAttack)])) {
    if (JSON.stringify(before[k]) !== JSON.stringify(afterAttack[k])) got.push(`stored ${k}: ${JSON.stringify(afterAttack[k]).slice(0, 160)}`);
  }
  assert.deepEqual(got, [], 'the hostile page got through');

  // The agent types for real: Sufler works for them, and the page still reads nothing while the strip is up.
  await page.locator('#reply').click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(DRAFT, { delay: 5 });
  await waitOverlay(page.mainFrame(), (roots) => roots.some((r) => r.querySelector('[data-sufler-strip] [role=option]')), null, 15_000);
  const read = await page.evaluate(() => {
    const el = document.querySelector('sufler-overlay');
    return { open: !!el?.shadowRoot, seen: window.attack.read('while the agent sees the strip') };
  });
  assert.equal(read.open, false, 'the overlay\'s shadow root is closed to the page');
  assert.deepEqual(leaks(read, needles), [], 'the page read the strip the agent sees');
  // A dictionary attack: the page guesses words (here: the very texts the strip shows) and asks window.find().
  const shownNow = await inOverlay(page.mainFrame(), (roots) => [...roots[0].querySelectorAll('[data-sufler-strip] [data-t]')].map((e) => e.dataset.t));
  assert.ok(shownNow.length >= 2, 'the strip shows titles and previews');
  const guessed = await page.evaluate((words) => window.attack.guess(words), [...shownNow, ...needles]);
  assert.deepEqual(guessed, [], 'window.find() confirms none of the guesses');
  // Control: in Chromium find() does search the page (and would search text in a closed root); Firefox's find()
  // finds nothing while focus is in the reply field, so there the oracle is closed anyway.
  const control = await page.evaluate(() => window.attack.guess(['Заявка #666']));
  if (BROWSER === 'chromium') assert.deepEqual(control, ['Заявка #666'], 'control: find() does find the page\'s own text');
  await page.close();
});

test('customer content cannot switch Sufler off; the page\'s owner still can', async () => {
  const page = await h.newPage();
  await page.goto(`${h.fixturesURL}hostile-meta.html`);
  await page.waitForFunction(() => window.fixture?.ready === true);
  await page.locator('#reply').click();
  await page.keyboard.type(TABOO, { delay: 5 });
  const n = await waitOverlay(page.mainFrame(), (roots) => roots.reduce((k, r) => k + r.querySelectorAll('.mark').length, 0), null, 15_000);
  assert.ok(n >= 1, 'findings are drawn although a customer message carries <meta name=sufler content=off>');
  await page.close();

  const owner = await h.newPage();
  await owner.goto(`${h.fixturesURL}meta-off.html`);
  await owner.waitForFunction(() => window.fixture?.ready === true);
  await owner.locator('#reply').click();
  await owner.keyboard.type(TABOO, { delay: 5 });
  await owner.waitForTimeout(1500);
  const drawn = await inOverlay(owner.mainFrame(), (roots) => roots.reduce((k, r) => k + r.querySelectorAll('.mark').length, 0));
  assert.equal(drawn, 0, 'a page whose head says sufler=off is left alone');
  // The toolbar icon says so, and the popup lets the agent override it for this host.
  const tabId = await h.tabIdOf(owner);
  assert.equal(await h.extensionEval((id) => chrome.action.getBadgeText({ tabId: id }), tabId), 'off');
  const popup = await h.openPopup(owner);
  await popup.waitForSelector('#optout', { state: 'visible' });
  await popup.check('#force-on');
  await owner.bringToFront();
  const host = new URL(h.fixturesURL).host;
  for (let i = 0; i < 50 && !(await h.storage()).sites?.force?.includes(host); i++) await owner.waitForTimeout(100);
  assert.deepEqual((await h.storage()).sites.force, [host]);
  await popup.close();
  await owner.locator('#reply').click();
  await owner.keyboard.type(' ', { delay: 5 });
  const forcedMarks = await waitOverlay(owner.mainFrame(), (roots) => roots.reduce((k, r) => k + r.querySelectorAll('.mark').length, 0), null, 15_000);
  assert.ok(forcedMarks >= 1, 'with the override, Sufler works on the page that opted out');
  assert.equal(await h.extensionEval((id) => chrome.action.getBadgeText({ tabId: id }), tabId), '');
  await owner.close();
});
