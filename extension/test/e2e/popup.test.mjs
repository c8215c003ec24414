// The toolbar popup: offline search as a person uses it — typing, keyboard, copy, insert.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';
import { shot } from './shots.mjs';

let h;
let page;

before(async () => {
  h = await launch({ lang: 'ru' });
  await h.waitForEngine();
  page = await h.newPage();
  await page.goto(`${h.demoURL}helpdesk.html`);
  await page.click('#reply');
  await page.keyboard.type('Андрей, добрый день! ');
});

after(async () => {
  await h?.close();
  h?.network.assertLocalOnly();
});

async function results(popup) {
  return popup.$$eval('#results li[role="option"]', (lis) => lis.map((li) => ({
    id: li.id,
    selected: li.getAttribute('aria-selected'),
    kind: li.querySelector('.hit-kind').textContent,
    title: li.querySelector('.hit-title').textContent,
    marks: [...li.querySelectorAll('.hit-frag mark')].map((m) => m.textContent),
  })));
}

test('finds templates for a different word form, highlighted, as you type', async () => {
  const popup = await h.openPopup(page);
  await popup.waitForSelector('#segment optgroup', { state: 'attached' });
  assert.match(await popup.textContent('footer.privacy'), /Всё работает на вашем компьютере: текст никуда не отправляется/);
  assert.equal(await popup.evaluate(() => document.activeElement.id), 'q', 'the search field has focus');
  // "груза задержаны" is in neither the titles nor the triggers as typed: the analyzer finds груз/задержали.
  await popup.keyboard.type('груза задержаны', { delay: 30 });
  await popup.waitForSelector('#results li[role="option"]');
  const hits = await results(popup);
  assert.ok(hits.length >= 3, `several hits, got ${hits.length}`);
  const marks = hits.flatMap((x) => x.marks.map((m) => m.toLowerCase()));
  assert.ok(marks.some((m) => m.startsWith('груз')), `marks: ${marks}`);
  assert.ok(marks.some((m) => m.startsWith('задерж')), `marks: ${marks}`);
  assert.ok(hits.some((x) => /задерж/i.test(x.title)), 'a delay template is among the hits');
  assert.match(await popup.textContent('#status'), /Нашл|Нашёл/);
  // the highlighted text is text, not markup: no element but <mark> inside fragments
  assert.equal(await popup.$$eval('.hit-frag *', (els) => els.filter((e) => e.tagName !== 'MARK').length), 0);
  await shot(popup, 'popup-search');
  await popup.close();
});

test('keyboard: arrows move the active option, ARIA follows, Tab order is sane', async () => {
  const popup = await h.openPopup(page);
  await popup.waitForSelector('#segment optgroup', { state: 'attached' });
  await popup.fill('#q', 'документы для таможни');
  await popup.waitForSelector('#results li[aria-selected="true"]');
  const q = popup.locator('#q');
  assert.equal(await q.getAttribute('role'), 'combobox');
  assert.equal(await q.getAttribute('aria-expanded'), 'true');
  assert.equal(await popup.getAttribute('#results', 'role'), 'listbox');
  assert.equal(await q.getAttribute('aria-activedescendant'), 'hit-0');
  await popup.keyboard.press('ArrowDown');
  await popup.keyboard.press('ArrowDown');
  assert.equal(await q.getAttribute('aria-activedescendant'), 'hit-2');
  assert.deepEqual((await results(popup)).map((x) => x.selected).slice(0, 3), ['false', 'false', 'true']);
  await popup.keyboard.press('ArrowUp');
  assert.equal(await q.getAttribute('aria-activedescendant'), 'hit-1');
  // the chosen entry shows its full text
  assert.ok((await popup.textContent('#hit-1 .hit-text')).length > 20);

  const order = [];
  for (let i = 0; i < 5; i++) {
    await popup.keyboard.press('Tab');
    order.push(await popup.evaluate(() => {
      const a = document.activeElement;
      return a.id || `${a.tagName.toLowerCase()}[${a.getAttribute('name') ?? ''}=${a.value ?? ''}]`;
    }));
  }
  assert.deepEqual(order, ['input[kind=]', 'segment', 'results', 'insert', 'copy']);
  // In the list itself: Home / End / arrows
  await popup.focus('#results');
  await popup.keyboard.press('End');
  const n = (await results(popup)).length;
  assert.equal(await popup.getAttribute('#results', 'aria-activedescendant'), `hit-${n - 1}`);
  await popup.keyboard.press('Home');
  assert.equal(await popup.getAttribute('#results', 'aria-activedescendant'), 'hit-0');
  await popup.close();
});

test('kind and segment filters narrow the search', async () => {
  const popup = await h.openPopup(page);
  await popup.waitForSelector('#segment optgroup', { state: 'attached' });
  const segments = await popup.$$eval('#segment option', (os) => os.map((o) => o.value).filter(Boolean));
  const engine = await h.engineCall('GET', '/v1/segments');
  assert.deepEqual(segments.sort(), engine.body.segments.map((s) => s.id).sort(), 'segments come from the engine');
  await popup.fill('#q', 'груз задержали');
  await popup.waitForSelector('#results li');
  await popup.check('input[name="kind"][value="case"]');
  await popup.waitForFunction(() => [...document.querySelectorAll('.hit-kind')].every((k) => k.textContent === 'кейс') && document.querySelectorAll('.hit-kind').length > 0);
  await popup.check('input[name="kind"][value="template"]');
  await popup.waitForFunction(() => [...document.querySelectorAll('.hit-kind')].every((k) => k.textContent === 'шаблон') && document.querySelectorAll('.hit-kind').length > 0);
  await popup.selectOption('#segment', 'newcomer');
  await popup.waitForSelector('#results li');
  const direct = await h.engineCall('GET', `/v1/search?q=${encodeURIComponent('груз задержали')}&kind=template&segment=newcomer&limit=20`);
  await popup.waitForFunction((want) => document.querySelector('.hit-title')?.textContent === want, direct.body.hits[0].title);
  assert.equal(await popup.textContent('#hit-0 .hit-text'), direct.body.hits[0].text, 'the newcomer variant is shown');
  await popup.fill('#q', 'ъъъ щщщ');
  await popup.waitForFunction(() => /Ничего не нашлось/.test(document.getElementById('status').textContent));
  assert.equal(await popup.$$eval('#results li', (l) => l.length), 0);
  // filters are remembered for the next time the popup opens
  await popup.close();
  const again = await h.openPopup(page);
  await again.waitForSelector('#segment optgroup', { state: 'attached' });
  assert.equal(await again.$eval('input[name="kind"]:checked', (r) => r.value), 'template');
  assert.equal(await again.$eval('#segment', (s) => s.value), 'newcomer');
  await again.check('input[name="kind"][value=""]');
  await again.selectOption('#segment', '');
  await again.close();
});

test('Ctrl+C copies the chosen entry; Enter inserts it into the field last focused', async () => {
  const popup = await h.openPopup(page);
  await popup.waitForSelector('#segment optgroup', { state: 'attached' });
  await popup.fill('#q', 'какие документы нужны');
  await popup.waitForSelector('#results li[aria-selected="true"]');
  await popup.keyboard.press('ArrowDown');
  const text = await popup.textContent('#hit-1 .hit-text');
  await popup.keyboard.press('Control+C');
  await popup.waitForFunction(() => /Скопировано/.test(document.getElementById('action-note').textContent));
  // Read the clipboard back from the helpdesk page (extension origins cannot get the grant).
  await h.allowClipboardRead(new URL(h.demoURL).origin);
  await page.bringToFront();
  assert.equal(await page.evaluate(() => navigator.clipboard.readText()), text);
  await popup.bringToFront();

  await popup.keyboard.press('Enter');
  await popup.waitForFunction(() => /Вставлено/.test(document.getElementById('action-note').textContent));
  const value = await page.inputValue('#reply');
  assert.equal(value, `Андрей, добрый день! ${text}`);
  await popup.close();
});

// InsertFromPopup opens the popup over a tab, searches «груз» and clicks «Вставить» on the first result.
async function insertFromPopup(tab) {
  const popup = await h.openPopup(tab);
  await popup.waitForSelector('#segment optgroup', { state: 'attached' });
  await popup.fill('#q', 'груз');
  await popup.waitForSelector('#results li[aria-selected="true"]');
  await popup.click('#insert');
  return popup;
}

test('insert on a page without a Sufler field says so', async () => {
  const blank = await h.newPage();
  await blank.goto(`${h.demoURL}nothing-here.html`).catch(() => {});
  const popup = await insertFromPopup(blank);
  await popup.waitForFunction(() => document.getElementById('action-note').classList.contains('error'));
  assert.match(await popup.textContent('#action-note'), /нет поля/);
  await popup.close();
  await blank.close();
});

test('insert goes only to a field the agent worked in, never to one a page script focused', async () => {
  const p = await h.newPage();
  await p.goto(`${h.fixturesURL}hostile.html`);
  await p.waitForFunction(() => window.fixture?.ready === true);
  await p.evaluate(() => document.getElementById('reply').after(Object.assign(document.createElement('textarea'), { id: 'trap' })));
  await p.click('#reply');
  await p.keyboard.type('Добрый день! ');
  // Right after the agent's key, as when the popup takes the window's focus: the page moves focus to its own field.
  await p.evaluate(() => document.getElementById('trap').focus());
  let popup = await insertFromPopup(p);
  await popup.waitForFunction(() => document.getElementById('action-note').classList.contains('error'));
  assert.match(await popup.textContent('#action-note'), /Кликните в поле ответа/);
  assert.equal(await p.inputValue('#trap'), '', 'the page\'s field got the template');
  await popup.close();
  // Control: once the agent clicks back into the reply, the same insert lands there.
  await p.click('#reply');
  popup = await insertFromPopup(p);
  await popup.waitForFunction(() => /Вставлено/.test(document.getElementById('action-note').textContent));
  assert.ok((await p.inputValue('#reply')).length > 'Добрый день! '.length);
  assert.equal(await p.inputValue('#trap'), '');
  await popup.close();
  await p.close();
});

test('the site switch turns Sufler off and on for the current site', async () => {
  const popup = await h.openPopup(page);
  const host = new URL(h.demoURL).host;
  await popup.waitForSelector('#site:not([hidden])');
  assert.equal(await popup.textContent('#site-label'), `Работает на ${host}`);
  assert.equal(await popup.isChecked('#site-on'), true);
  await popup.uncheck('#site-on');
  let sites;
  for (let i = 0; i < 20 && !sites?.off?.length; i++) { sites = (await h.storage()).sites; await popup.waitForTimeout(100); }
  assert.deepEqual(sites.off, [host]);
  await popup.check('#site-on');
  for (let i = 0; i < 20 && sites.off.length; i++) { sites = (await h.storage()).sites; await popup.waitForTimeout(100); }
  assert.deepEqual(sites.off, []);
  await popup.close();
});
