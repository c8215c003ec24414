// E2E: a helpdesk flow shaped like Request Tracker's (test/fixtures/helpdesk/): a ticket page, separate reply pages
// whose editor opens with the customer's message quoted (a blockquote in the rich editor, `>` lines in the plain
// one), and a reply box in a cross-origin iframe. From a fresh profile, without choosing anything:
//   - the agent's taboo sentence is flagged at once («all packs»); the quoted customer words are not flagged nor
//     counted, and are taken as the customer's message (the segment is guessed from them);
//   - a message marked on the ticket page reaches its reply page and the iframe's field; a segment chosen for one
//     ticket does not leak to another;
//   - a template joins the draft without gluing and without a second greeting;
//   - the segment menu fits inside the iframe and its last option is reachable by mouse.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startEditors, waitMarks, marks, waitPanel, normal, inOverlay, waitOverlay } from './content-helpers.mjs';

const TABOO = 'Не переживайте, мы гарантируем 100% прохождение таможни.';
let h;
let segs;

before(async () => {
  h = await startEditors();
  segs = (await h.engineCall('GET', '/v1/segments')).body.segments;
});

after(async () => {
  await h?.close();
  h?.network.assertLocalOnly();
});

const url = (page, query) => `${h.fixturesURL}helpdesk/${page}.html?${query}`;

async function open(page, query) {
  const p = await h.newPage();
  await p.goto(url(page, query));
  await p.waitForFunction(() => window.fixture?.ready === true, null, { timeout: 30_000 });
  return p;
}

// Badge reads the field's badge in a frame: {segment, how, text, count}.
function badge(frame) {
  return inOverlay(frame, (roots) => {
    // Panel text is generated content (attr(data-t)): read it the way it is shown.
    const shown = (x) => { let s = ''; const w = x.ownerDocument.createTreeWalker(x, 5); for (let n = w.currentNode; n; n = w.nextNode()) s += n.nodeType === 3 ? n.data : (n.dataset?.t ?? ''); return s; };
    for (const root of roots) {
      const b = root.querySelector('[data-sufler-badge]');
      if (b && !b.hidden) {
        const c = b.querySelector('.count');
        return { segment: b.dataset.segment, how: b.dataset.how, text: shown(b), count: Number(c ? shown(c) : 0) };
      }
    }
    return null;
  });
}

async function waitBadge(frame, pred, arg = null) {
  const deadline = Date.now() + 10_000;
  let b = null;
  while (Date.now() < deadline) {
    b = await badge(frame);
    if (b && pred(b, arg)) return b;
    await new Promise((r) => setTimeout(r, 50));
  }
  assert.fail(`badge never matched ${pred}: last ${JSON.stringify(b)}`);
}

// CaretAtStart clicks the very start of the reply field (above the quote), as the agent does: the click is the
// agent's trusted input, which Sufler waits for before it shows knowledge. The caret is then pinned to offset 0, since
// where a click lands in a field's padding differs by browser.
async function caretAtStart(page) {
  const at = await page.evaluate(() => {
    const f = window.fixture.field();
    const b = f.getBoundingClientRect();
    return { x: b.left + 6, y: b.top + 6 };
  });
  await page.mouse.click(at.x, at.y);
  await page.evaluate(() => {
    const f = window.fixture.field();
    f.focus();
    if (f.setSelectionRange) f.setSelectionRange(0, 0);
    else {
      const r = document.createRange();
      r.setStart(f.firstElementChild, 0);
      r.collapse(true);
      getSelection().removeAllRanges();
      getSelection().addRange(r);
    }
  });
}

async function remembered() {
  return h.extensionEval(async () => Object.keys((await chrome.storage.local.get('conversations')).conversations ?? {}).length);
}

async function forget() {
  await h.extensionEval(() => chrome.storage.local.remove(['conversations']));
}

for (const plain of [false, true]) {
  const kind = plain ? 'plain text, > lines' : 'rich editor, blockquote';
  test(`reply page (${kind}): the taboo sentence is flagged with no segment chosen; the quoted customer words are not, and guess the segment`, async () => {
    const p = await open('Update', `id=7${plain ? '&plain=1' : ''}`);
    try {
      await caretAtStart(p);
      const b0 = await waitBadge(p.mainFrame(), (b) => !!b.how);
      await p.keyboard.type(TABOO, { delay: 5 });
      const text = await p.evaluate(() => window.fixture.read());
      const quoteAt = text.indexOf('Гарантируете');
      assert.ok(quoteAt > 0, 'the quote is in the field');
      // The engine would flag the quote: the page must not.
      const all = (await h.engineCall('POST', '/v1/check', { text, segment: '' })).body.findings;
      assert.ok(all.some((f) => f.start >= quoteAt), 'the engine flags the customer\'s «Гарантируете…» when asked about the whole text');
      assert.ok(all.filter((f) => f.end <= TABOO.length).length >= 2, 'the taboo sentence has findings in every pack');
      // What the page draws is the engine's answer for the segment it guessed from the quote (below): that pack's rules.
      const guessed = await waitBadge(p.mainFrame(), (x) => x.how === 'guessed');
      const want = (await h.engineCall('POST', '/v1/check', { text, segment: guessed.segment })).body.findings.filter((f) => f.end <= TABOO.length);
      assert.ok(want.length >= 2, `the taboo sentence has findings in the guessed segment's pack: ${JSON.stringify(want.map((f) => f.rule))}`);
      const got = await waitMarks(p.mainFrame(), (m, n) => m.length === n, want.length);
      assert.deepEqual(got.map((m) => m.rule).sort(), want.map((f) => f.rule).sort());
      for (const m of got) assert.ok(m.end <= TABOO.length + 1, `no underline in the quote: ${m.rule}@${m.start}`);
      const b = await waitBadge(p.mainFrame(), (x, n) => x.count === n, want.length);
      // The quote is the customer's message: the segment is guessed from it (customs: «Груз», «таможне»).
      assert.equal(b.how, 'guessed', `guessed from the quote (before typing: ${JSON.stringify(b0)})`);
      assert.equal(segs.find((s) => s.id === b.segment)?.pack, 'prove-customs');
      await p.waitForTimeout(400);
      assert.equal((await marks(p.mainFrame())).length, want.length, 'nothing more is drawn later');
    } finally {
      await p.close();
      await forget();
    }
  });
}

test('ticket page → reply page: the message marked on the ticket reaches the reply (another tab, a cross-origin iframe); another ticket gets nothing', async () => {
  const t = await open('Display', 'id=8');
  const pages = [t];
  try {
    assert.equal(await remembered(), 0, 'a fresh profile remembers nothing');
    await t.evaluate(() => {
      const r = document.createRange();
      r.selectNodeContents(document.getElementById('message'));
      getSelection().removeAllRanges();
      getSelection().addRange(r);
    });
    await t.keyboard.press('Alt+Shift+M');
    await waitPanel(t, '[data-sufler-toast]');
    const deadline = Date.now() + 5000;
    while ((await remembered()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    assert.equal(await remembered(), 1, 'one conversation remembered (a trusted key marked it)');
    const raw = await h.extensionEval(async () => JSON.stringify(await chrome.storage.local.get(null)));
    assert.doesNotMatch(raw, /127\.0\.0\.1|Display|Update|id=8/, 'no URL, host or ticket id in storage');

    // The reply box in a cross-origin iframe of the same ticket: the marked message is its context.
    const f = await open('Reply-Frame', 'id=8');
    pages.push(f);
    const handle = await f.waitForSelector('#editor-frame');
    const frame = await handle.contentFrame();
    await frame.waitForFunction(() => window.fixture?.ready === true);
    await frame.locator('#reply').click();
    const b = await waitBadge(frame, (x) => x.how === 'guessed');
    assert.equal(b.segment, 'corporate', 'guessed from «тендер», «SLA» marked on the ticket page');

    // Another ticket's reply page: nothing of ticket 8.
    const o = await open('Update', 'id=9&plain=1');
    pages.push(o);
    await caretAtStart(o);
    const b9 = await waitBadge(o.mainFrame(), (x) => x.how === 'guessed');
    assert.equal(b9.segment, 'claimant', 'ticket 9 is guessed from its own quote, not from ticket 8');
  } finally {
    for (const p of pages) await p.close();
    await forget();
  }
});

test('a segment chosen for a ticket reaches its iframe reply box and does not leak to another ticket; the menu fits the iframe', async () => {
  const pages = [];
  try {
    const f = await open('Reply-Frame', 'id=7');
    pages.push(f);
    const frame = await (await f.waitForSelector('#editor-frame')).contentFrame();
    await frame.waitForFunction(() => window.fixture?.ready === true);
    await frame.locator('#reply').click();
    await waitBadge(frame, (x) => x.how === 'all' && /Все пакеты/.test(x.text));
    await f.keyboard.press('Alt+Shift+G');
    await waitOverlay(frame, (roots) => roots.some((r) => r.querySelector('[data-sufler-menu] [role=option]')));
    const box = await inOverlay(frame, (roots) => {
      const m = roots.map((r) => r.querySelector('[data-sufler-menu]')).find(Boolean);
      const r = m.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, vh: innerHeight, options: m.querySelectorAll('[role=option]').length };
    });
    assert.equal(box.options, segs.length + 1, '«all packs» and every segment');
    assert.ok(box.top >= 0 && box.bottom <= box.vh + 0.5, `the menu fits the iframe's viewport: ${JSON.stringify(box)}`);
    // The last option, scrolled to with the wheel and clicked with the mouse.
    const last = segs[segs.length - 1];
    const off = await (await frame.frameElement()).boundingBox();
    for (let i = 0; i < 10; i++) {
      const r = await inOverlay(frame, (roots) => {
        const o = roots.flatMap((root) => [...root.querySelectorAll('[data-sufler-menu] [role=option]')]).at(-1);
        const b = o.getBoundingClientRect();
        const lb = o.parentElement.getBoundingClientRect(); // the list scrolls inside the menu
        return { x: b.left + b.width / 2, y: b.top + b.height / 2, visible: b.top >= Math.max(0, lb.top) - 2 && b.bottom <= Math.min(innerHeight, lb.bottom) + 2 };
      });
      if (r.visible) {
        await f.mouse.click(off.x + r.x, off.y + r.y);
        break;
      }
      await f.mouse.move(off.x + r.x, off.y + Math.min(r.y, box.bottom - 10));
      // Playwright's wheel(dx, dy); the Firefox page shim takes {deltaX, deltaY}.
      await (h.browser === 'firefox' ? f.mouse.wheel({ deltaY: 120 }) : f.mouse.wheel(0, 120));
      await f.waitForTimeout(100);
    }
    await waitBadge(frame, (x, id) => x.segment === id && x.how === 'chosen', last.id);
    // The same ticket's rich reply page gets it.
    const u = await open('Update', 'id=7');
    pages.push(u);
    await caretAtStart(u);
    await waitBadge(u.mainFrame(), (x, id) => x.segment === id && x.how === 'chosen', last.id);
    // Another ticket does not: it is guessed from its own quote.
    const o = await open('Update', 'id=8');
    pages.push(o);
    await caretAtStart(o);
    const b8 = await waitBadge(o.mainFrame(), (x) => x.how !== 'all');
    assert.notEqual(b8.how, 'chosen', `ticket 8 has no chosen segment: ${JSON.stringify(b8)}`);
  } finally {
    for (const p of pages) await p.close();
    await forget();
  }
});

test('the seam: a template after a greeting does not greet again, after a draft it is not glued, and the quote stays', async () => {
  for (const plain of [true, false]) {
    const p = await open('Update', `id=7${plain ? '&plain=1' : ''}`);
    try {
      const insert = async (text) => {
        const replies = await h.extensionEval(async (t) => {
          const out = [];
          for (const tab of await chrome.tabs.query({})) {
            out.push(await chrome.tabs.sendMessage(tab.id, { type: 'sufler:insert', text: t }).catch(() => null));
          }
          return out.filter(Boolean);
        }, text);
        assert.deepEqual(replies, [{ ok: true }], 'one frame inserted');
      };
      await caretAtStart(p);
      await waitBadge(p.mainFrame(), (x) => !!x.how);
      await p.keyboard.type('Здравствуйте!', { delay: 5 });
      await insert('{{customer_name}}, здравствуйте! По вашему грузу: выпуск {{date}}.');
      await p.bringToFront();
      let text = normal(await p.evaluate(() => window.fixture.read()));
      assert.ok(text.startsWith('Здравствуйте! По вашему грузу: выпуск {{date}}.'), `one greeting, a space: ${JSON.stringify(text.slice(0, 80))}`);
      assert.equal((text.match(/здравствуйте/gi) ?? []).length, 1);
      assert.ok(text.includes('писал(а):') && text.includes('Гарантируете, что выпустят завтра?'), 'the quote is untouched');
      // Esc ends the placeholders; a new draft line, then a template without a greeting.
      await p.keyboard.press('Escape');
      await caretAtStart(p);
      await p.evaluate(() => {
        const f = window.fixture.field();
        if (f.setSelectionRange) { f.value = `По вашему грузу${f.value.slice(f.value.indexOf('\n'))}`; f.setSelectionRange(15, 15); f.dispatchEvent(new Event('input', { bubbles: true })); }
      });
      if (plain) {
        await insert('{{customer_name}}, проверили статус.');
        await p.bringToFront();
        text = normal(await p.evaluate(() => window.fixture.read()));
        assert.ok(text.startsWith('По вашему грузу {{customer_name}}, проверили статус.'), `not glued: ${JSON.stringify(text.slice(0, 60))}`);
      }
    } finally {
      await p.close();
    }
  }
});

test('options: «what Sufler remembers» lists the remembered conversation and the ignored rules, and forgets them', async () => {
  const u = await open('Update', 'id=8');
  try {
    await caretAtStart(u);
    await waitBadge(u.mainFrame(), (x) => !!x.how);
    await u.keyboard.press('Alt+Shift+G');
    await waitPanel(u, '[data-sufler-menu] [role=option]');
    await u.keyboard.press('ArrowDown');
    await u.keyboard.press('Enter');
    const seg = (await waitBadge(u.mainFrame(), (x) => x.how === 'chosen')).segment;
    await h.extensionEval(() => chrome.storage.local.set({ ignores: { 'desk.example.com': ['promise-100'] } }));
    const o = await h.extensionPage('options.html');
    try {
      await o.waitForFunction(() => document.querySelectorAll('#conversations li').length === 1 && document.querySelectorAll('#ignores li').length === 1);
      const row = await o.textContent('#conversations li');
      assert.ok(row.includes(segs.find((s) => s.id === seg).title), `the row names the segment: ${row}`);
      assert.ok((await o.textContent('#ignores li')).includes('promise-100'));
      await o.click('#conversations li button');
      await o.waitForFunction(() => document.querySelectorAll('#conversations li').length === 0);
      assert.equal(await remembered(), 0);
      await o.click('#ignores li button');
      await o.waitForFunction(() => document.querySelectorAll('#ignores li').length === 0);
      assert.deepEqual(await h.extensionEval(async () => (await chrome.storage.local.get('ignores')).ignores), {});
    } finally {
      await o.close();
    }
    await u.reload();
    await u.waitForFunction(() => window.fixture?.ready === true);
    await caretAtStart(u);
    const b = await waitBadge(u.mainFrame(), (x) => x.how !== 'all');
    assert.notEqual(b.how, 'chosen', 'forgotten: the ticket is back to its guess');
  } finally {
    await u.close();
    await forget();
  }
});

test('a page with no ticket id: the message marked in the top page reaches the cross-origin iframe\'s field, for this page load only', async () => {
  const f = await open('Reply-Frame', 'from=inbox'); // no id: identity unknown
  try {
    await f.evaluate(() => {
      const r = document.createRange();
      r.selectNodeContents(document.getElementById('message'));
      getSelection().removeAllRanges();
      getSelection().addRange(r);
    });
    await f.keyboard.press('Alt+Shift+M');
    await waitPanel(f, '[data-sufler-toast]');
    const frame = await (await f.waitForSelector('#editor-frame')).contentFrame();
    await frame.waitForFunction(() => window.fixture?.ready === true);
    await frame.locator('#reply').click();
    const b = await waitBadge(frame, (x) => x.how === 'guessed');
    assert.equal(segs.find((s) => s.id === b.segment)?.pack, 'prove-customs', 'guessed from «Груз», «таможне» marked in the top page');
    assert.equal(await remembered(), 0, 'nothing persistent for a page without a ticket id');
    await f.reload();
    await f.waitForFunction(() => window.fixture?.ready === true);
    const again = await (await f.waitForSelector('#editor-frame')).contentFrame();
    await again.waitForFunction(() => window.fixture?.ready === true);
    await again.locator('#reply').click();
    await waitBadge(again, (x) => !!x.how);
    await f.waitForTimeout(500);
    assert.equal((await badge(again)).how, 'all', 'a new page load starts afresh');
  } finally {
    await f.close();
    await forget();
  }
});
