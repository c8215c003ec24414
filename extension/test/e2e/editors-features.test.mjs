// E2E: the in-page features around the editors — stale answers are dropped, pages and fields can opt out, secret
// fields are never read, the keyboard reaches every panel (finding card, inline search, segment menu), ignores work,
// and the popup can insert into the field the agent left.
//
// Run one file at a time: node --test test/e2e/editors-features.test.mjs (needs npm run build and the wasm engine).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { shot } from './shots.mjs';
import { applyRemoval } from '../../src/content/edits.js';
import { join } from '../../src/content/seam.js';
import { DELAY } from '../../src/content/flags.js';
import { startEditors, SENTENCE, openFixture, marks, waitMarks, drawnExactly, drawnKeys, waitPanel, clickPanel, panelBox, wordRects, normal, inOverlay, waitOverlay } from './content-helpers.mjs';

let h;

before(async () => {
  h = await startEditors();
});

after(async () => {
  await h?.close();
  h?.network.assertLocalOnly();
});

// ResetSettings forgets what earlier tests taught this site (ignored rules, chosen segments, sites switched off).
async function resetSettings() {
  const ext = await h.extensionPage('popup.html');
  await ext.evaluate(() => chrome.storage.local.remove(['ignores', 'conversations', 'sites']));
  await ext.close();
}

async function check(text, segment) {
  const r = await h.engineCall('POST', '/v1/check', { text, segment });
  assert.equal(r.status, 200);
  return r.body.findings;
}

async function badge(page) {
  return inOverlay(page.mainFrame(), (roots) => {
    for (const root of roots) {
      const b = root.querySelector('[data-sufler-badge]');
      const shown = (x) => { let s = ''; const w = x.ownerDocument.createTreeWalker(x, 5); for (let n = w.currentNode; n; n = w.nextNode()) s += n.nodeType === 3 ? n.data : (n.dataset?.t ?? ''); return s; };
      if (b && !b.hidden) return { segment: b.dataset.segment, how: b.dataset.how, text: shown(b), label: b.getAttribute('aria-label') };
    }
    return null;
  });
}

async function waitBadge(page, pred = (b) => !!b?.how, arg = null) {
  await waitOverlay(page.mainFrame(), (roots, [s, a]) => {
    const p = new Function(`return (${s})`)();
    for (const root of roots) {
      const b = root.querySelector('[data-sufler-badge]');
      const shown = (x) => { let s = ''; const w = x.ownerDocument.createTreeWalker(x, 5); for (let n = w.currentNode; n; n = w.nextNode()) s += n.nodeType === 3 ? n.data : (n.dataset?.t ?? ''); return s; };
      if (b && !b.hidden && p({ segment: b.dataset.segment, how: b.dataset.how, text: shown(b) }, a)) return true;
    }
    return false;
  }, [pred.toString(), arg], 10_000);
  return badge(page);
}

test('stale answers are dropped: nothing is ever drawn for text that is gone', async () => {
  const f = await openFixture(h, 'textarea');
  try {
    // Record every state the underlines go through, with the text the field held at that moment.
    await f.locator.click();
    // The overlay exists once the field has focus; the observer gets its (closed) root from the test.
    await waitOverlay(f.frame, (roots) => roots.length > 0);
    await inOverlay(f.frame, ([root]) => {
      window.__drawn = [];
      const ta = window.fixture.field();
      new MutationObserver(() => {
        const bars = [...root.querySelectorAll('.mark')].map((m) => ({ rule: m.dataset.rule, start: +m.dataset.start, end: +m.dataset.end }));
        window.__drawn.push({ value: ta.value, bars });
      }).observe(root, { childList: true, subtree: true });
    });
    await f.page.keyboard.type('Я не знаю', { delay: 10 });
    await waitMarks(f.frame, (m) => m.length >= 1);
    // Keep typing right when a check has gone out (DELAY after the last key), so its answer comes back for text that
    // has moved on. A fast engine answers within a few ms, too soon for a key to land in between: a reply checked
    // from an extension page keeps it busy, so the field's check waits behind it — the window an agent's next key
    // falls into on a slower machine.
    let typing = true;
    const statuses = [];
    const medium = 'Я не знаю, но мы гарантируем 100% прохождение таможни. '.repeat(300);
    const busy = (async () => {
      while (typing) statuses.push((await h.engineCall('POST', '/v1/check', { text: medium })).status);
    })();
    let dropped = 0;
    try {
      for (let i = 0; i < 40 && dropped < 2; i++) {
        await f.page.waitForTimeout(DELAY - 10 + (i % 5) * 5);
        await f.page.keyboard.type(i % 2 ? ', нет' : ' и не знаю', { delay: 0 });
        dropped = await inOverlay(f.frame, ([root]) => Number(root.querySelector('[data-checks]')?.dataset.checks.split('/')[1] ?? 0));
      }
    } finally {
      typing = false;
      await busy;
    }
    assert.ok(statuses.every((s) => s === 200), `the busy checks answered: ${statuses}`);
    assert.ok(dropped >= 1, 'some answers arrived stale (and were dropped)');
    const finalText = await f.read();
    const want = await check(finalText, (await badge(f.page)).segment);
    const final = await waitMarks(f.frame, (m, n) => m.length === n, want.length);
    assert.deepEqual(final.map((b) => `${b.rule}@${b.start}-${b.end}`).sort(), want.map((w) => `${w.rule}@${w.start}-${w.end}`).sort());
    // Every intermediate drawing matched the text of its moment.
    const drawn = await f.page.evaluate(() => window.__drawn);
    const seg = (await badge(f.page)).segment;
    const cache = new Map();
    for (const d of drawn) {
      for (const b of d.bars) {
        if (!cache.has(d.value)) cache.set(d.value, await check(d.value, seg));
        const ok = cache.get(d.value).some((w) => w.rule === b.rule && w.start === b.start && w.end === b.end);
        assert.ok(ok, `bar ${b.rule}@${b.start}-${b.end} drawn for «${d.value}» is a finding of that text`);
      }
    }
  } finally {
    await f.page.close();
  }
});

test('opt-out: data-sufler="off" fields, password and card fields are never read; the control field works', async () => {
  const f = await openFixture(h, 'optout');
  try {
    const p = f.page;
    await p.click('#control');
    await p.keyboard.type(SENTENCE, { delay: 5 });
    await waitMarks(f.frame, (m) => m.length >= 1);
    const controlMarks = (await marks(f.frame)).length;
    assert.ok(await badge(p), 'the control field has a badge');
    for (const sel of ['#private', '#self-off', '#password', '#card']) {
      await p.click(sel);
      await p.keyboard.type(sel === '#card' || sel === '#password' ? '4276 5500 1234 5678 не знаю' : SENTENCE, { delay: 5 });
      await p.waitForTimeout(600);
      assert.equal((await marks(f.frame)).length, controlMarks, `${sel}: nothing flagged`);
      assert.equal(await badge(p), null, `${sel}: no badge, the field is not Sufler's`);
    }
  } finally {
    await f.page.close();
  }
});

test('opt-out: <meta name="sufler" content="off"> keeps Sufler off the whole page', async () => {
  const f = await openFixture(h, 'meta-off');
  try {
    await f.locator.click();
    await f.page.keyboard.type(SENTENCE, { delay: 5 });
    await f.page.waitForTimeout(800);
    assert.equal(await f.page.evaluate(() => document.querySelectorAll('sufler-overlay').length), 0);
  } finally {
    await f.page.close();
  }
});

test('keyboard only: Alt+Shift+F opens the card at the caret, Enter takes the replacement', async () => {
  const f = await openFixture(h, 'contenteditable');
  try {
    await f.locator.click();
    await f.page.keyboard.type(SENTENCE, { delay: 5 });
    const seg = (await waitBadge(f.page)).segment;
    const want = await check(SENTENCE, seg);
    await waitMarks(f.frame, drawnExactly, drawnKeys(want));
    await f.page.keyboard.press('Home');
    await f.page.keyboard.press('Alt+Shift+F');
    const card = await waitPanel(f.page, '.card');
    const first = want[0];
    assert.ok(card.text.includes(first.message), 'the card of the first finding after the caret');
    const focused = await inOverlay(f.page.mainFrame(), (roots) => roots.find((r) => r.activeElement)?.activeElement?.dataset.action ?? null);
    assert.equal(focused, first.replacements.length ? 'replace' : 'ignore-here', 'focus is on the card’s first button');
    await f.page.keyboard.press('Enter');
    const expect = SENTENCE.slice(0, first.start) + first.replacements[0] + SENTENCE.slice(first.end);
    await f.page.waitForFunction((w) => window.fixture.read() === w, expect, { timeout: 5000 }).catch(() => {});
    assert.equal(normal(await f.read()), expect);
  } finally {
    await f.page.close();
  }
});

test('ignore here hides one occurrence; ignore on this site hides the rule after a reload', async () => {
  const f = await openFixture(h, 'textarea');
  try {
    await f.locator.click();
    const seg = (await waitBadge(f.page)).segment;
    const text = `${SENTENCE}. Честно, не знаю.`;
    const want = await check(text, seg);
    // The same rule twice: "here" means this occurrence only.
    const twice = want.find((w) => want.filter((x) => x.rule === w.rule).length >= 2) ?? assert.fail(`a rule flagged twice in ${JSON.stringify(want)}`);
    await f.page.keyboard.type(text, { delay: 5 });
    let m = await waitMarks(f.frame, drawnExactly, drawnKeys(want));
    const first = m.find((b) => b.rule === twice.rule && Number(b.start) === twice.start);
    await f.page.mouse.click((first.left + first.right) / 2, first.top - 5);
    await clickPanel(f.page, '.card [data-action=ignore-here]');
    m = await waitMarks(f.frame, (x, n) => x.length === n, want.length - 1);
    await f.page.keyboard.type(' Спасибо.', { delay: 5 });
    await f.page.waitForTimeout(700);
    m = await marks(f.frame);
    assert.ok(!m.some((b) => b.rule === twice.rule && Number(b.start) === twice.start), 'the ignored occurrence stays hidden after more typing');
    const second = m.find((b) => b.rule === twice.rule);
    assert.ok(second, 'the other occurrence of the rule is still flagged');

    await f.page.mouse.click((second.left + second.right) / 2, second.top - 5);
    await clickPanel(f.page, '.card [data-action=ignore-site]');
    await waitMarks(f.frame, (x, r) => !x.some((b) => b.rule === r), twice.rule);
    await f.page.reload();
    await f.page.waitForFunction(() => window.fixture?.ready);
    await f.page.click('#reply');
    await f.page.keyboard.type(text, { delay: 5 });
    await waitMarks(f.frame, (x, n) => x.length === n, want.filter((w) => w.rule !== twice.rule).length);
    await f.page.waitForTimeout(500);
    assert.ok(!(await marks(f.frame)).some((b) => b.rule === twice.rule), `${twice.rule} is ignored on this site`);
  } finally {
    await f.page.close();
    await resetSettings();
  }
});

test('inline search: Alt+Shift+S, a query, Enter inserts the template where the caret was', async () => {
  const f = await openFixture(h, 'tiptap');
  try {
    await f.locator.click();
    await f.page.keyboard.type('Добрый день! ', { delay: 5 });
    const seg = (await waitBadge(f.page)).segment;
    // A question this segment's pack can answer.
    let q = null;
    let hit = null;
    for (const cand of ['где груз', 'полис', 'оплата', 'возврат', 'сроки']) {
      const res = await h.engineCall('GET', `/v1/search?q=${encodeURIComponent(cand)}&segment=${seg}&kind=template&limit=8`);
      hit = res.body.hits?.find((x) => x.text);
      if (hit) {
        q = cand;
        break;
      }
    }
    assert.ok(hit, `the ${seg} pack answers one of the questions`);
    await f.page.keyboard.press('Alt+Shift+S');
    await waitPanel(f.page, '[data-sufler-search] input');
    await f.page.keyboard.type(q, { delay: 20 });
    await waitPanel(f.page, '[data-sufler-search] [role=option]');
    const opt = await panelBox(f.page, '[data-sufler-search] [role=option]');
    assert.ok(opt.text.includes(hit.title), `first option is «${hit.title}»`);
    const active = await inOverlay(f.page.mainFrame(), (roots) => {
      for (const root of roots) {
        const input = root.querySelector('[data-sufler-search] input');
        if (input) return { owner: input.getAttribute('aria-activedescendant'), first: root.querySelector('[role=option]').id, focused: root.activeElement === input };
      }
      return null;
    });
    assert.equal(active.owner, active.first, 'aria-activedescendant points at the active option');
    assert.ok(active.focused, 'focus is in the query box');
    await f.page.keyboard.press('Enter');
    const expect = `Добрый день! ${join('Добрый день! ', '', hit.text)}`; // the template's own greeting goes
    await f.page.waitForFunction((w) => window.fixture.read().startsWith(w.slice(0, 40)), expect, { timeout: 5000 });
    assert.equal(normal(await f.read()), normal(expect));
  } finally {
    await f.page.close();
  }
});

test('segment badge: «all packs» on a fresh profile; the menu changes the segment, remembered for this ticket only', async () => {
  const f = await openFixture(h, 'textarea?id=7');
  const pages = [f.page];
  try {
    await f.locator.click();
    const b0 = await waitBadge(f.page, (b) => b.how === 'all' && b.text.includes('Все пакеты'));
    assert.equal(b0.segment, '', 'no segment: every pack\'s rules');
    const segs = (await h.engineCall('GET', '/v1/segments')).body.segments;
    const other = segs[1];
    await f.page.keyboard.press('Alt+Shift+G');
    await waitPanel(f.page, '[data-sufler-menu] [role=option]');
    // The first option is «all packs», then the segments in engine order.
    for (let i = 0; i < 2; i++) await f.page.keyboard.press('ArrowDown');
    await f.page.keyboard.press('Enter');
    const b1 = await waitBadge(f.page, (b, id) => b.segment === id, other.id);
    assert.equal(b1.how, 'chosen');
    await f.page.reload();
    await f.page.waitForFunction(() => window.fixture?.ready);
    await f.page.click('#reply');
    const b2 = await waitBadge(f.page, (b, id) => b.segment === id, other.id);
    assert.equal(b2.how, 'chosen', 'remembered for ticket 7 after a reload');
    // Another ticket, same page: nothing leaks.
    const g = await openFixture(h, 'textarea?id=8');
    pages.push(g.page);
    await g.locator.click();
    await g.page.keyboard.type('Гарантируем', { delay: 5 });
    const b3 = await waitBadge(g.page);
    await g.page.waitForTimeout(300);
    assert.equal((await badge(g.page)).how, 'all', `ticket 8 starts on all packs, got ${JSON.stringify(b3)}`);
    // A page with no ticket identity remembers for its page load only.
    const n = await openFixture(h, 'textarea');
    pages.push(n.page);
    await n.locator.click();
    await waitBadge(n.page);
    await n.page.keyboard.press('Alt+Shift+G');
    await waitPanel(n.page, '[data-sufler-menu] [role=option]');
    await n.page.keyboard.press('ArrowDown');
    await n.page.keyboard.press('Enter');
    await waitBadge(n.page, (b, id) => b.segment === id, segs[0].id);
    await n.page.reload();
    await n.page.waitForFunction(() => window.fixture?.ready);
    await n.page.click('#reply');
    await n.page.waitForTimeout(300);
    assert.equal((await waitBadge(n.page)).how, 'all', 'forgotten after the reload');
  } finally {
    for (const p of pages) await p.close();
    await resetSettings();
  }
});

test('insert from the popup goes into the field the agent left, at the caret', async () => {
  const f = await openFixture(h, 'quill');
  try {
    await f.locator.click();
    await f.page.keyboard.type('Здравствуйте! ', { delay: 5 });
    await waitBadge(f.page);
    const ext = await h.extensionPage('popup.html');
    // As the popup does: send to the page's tab (without the tabs permission tab URLs are hidden, so try each).
    const reply = await ext.evaluate(async () => {
      const self = await chrome.tabs.getCurrent();
      const replies = [];
      for (const tab of await chrome.tabs.query({})) {
        if (tab.id === self.id) continue;
        replies.push(await chrome.tabs.sendMessage(tab.id, { type: 'sufler:insert', text: 'Груз на таможне, {{customer_name}}.' }).catch(() => null));
      }
      return replies.filter(Boolean);
    });
    await ext.close();
    assert.deepEqual(reply, [{ ok: true }], 'exactly one frame answered');
    await f.page.bringToFront();
    assert.equal(normal(await f.read()), 'Здравствуйте! Груз на таможне, {{customer_name}}.');
  } finally {
    await f.page.close();
  }
});

test('suggestions strip: Alt+↓ enters it, arrows choose, Enter inserts the chosen template, Esc hides it', async () => {
  const f = await openFixture(h, 'contenteditable');
  try {
    await f.locator.click();
    const seg = (await waitBadge(f.page)).segment;
    const draft = 'Здравствуйте! ';
    await f.page.keyboard.type(draft, { delay: 8 });
    await waitPanel(f.page, '[data-sufler-strip] [role=option]');
    const sug = (await h.engineCall('POST', '/v1/suggest', { text: draft, context: '', segment: seg, limit: 3 })).body.suggestions;
    assert.ok(sug.length >= 2, 'two suggestions to choose from');
    await f.page.keyboard.press('Escape');
    await waitOverlay(f.page.mainFrame(), (roots) => !roots.some((r) => r.querySelector('[data-sufler-strip]')));
    assert.equal(normal(await f.read()).trimEnd(), draft.trimEnd(), 'Esc only hid the strip');
    await f.page.keyboard.type('Добрый день. ', { delay: 8 });
    await waitPanel(f.page, '[data-sufler-strip] [role=option]');
    const text = normal(await f.read()); // the draft as the content script sends it: ends with the typed space
    const sug2 = (await h.engineCall('POST', '/v1/suggest', { text, context: '', segment: seg, limit: 3 })).body.suggestions;
    await f.page.keyboard.press('Alt+ArrowDown'); // enter the strip: the first option is active
    await f.page.keyboard.press('ArrowDown'); // the second
    const state = await inOverlay(f.page.mainFrame(), (roots) => {
      for (const root of roots) {
        const lb = root.querySelector('[data-sufler-strip] [role=listbox]');
        if (lb) return { active: lb.getAttribute('aria-activedescendant'), second: lb.children[1]?.id, engaged: lb.parentElement.dataset.engaged };
      }
      return null;
    });
    assert.equal(state.engaged, 'true');
    assert.equal(state.active, state.second, 'aria-activedescendant follows the arrows');
    await f.page.keyboard.press('Enter');
    const want = `${text}${join(text, '', sug2[1].text)}`; // joined to the draft: no second greeting
    await f.page.waitForFunction((w) => window.fixture.read().includes(w.slice(-25)), want, { timeout: 5000 });
    assert.equal(normal(await f.read()), normal(want), 'the second template went in, with no newline from Enter');
  } finally {
    await f.page.close();
  }
});

test('per-site switch: a site turned off in settings gets no underlines until it is back on', async () => {
  await resetSettings();
  const f = await openFixture(h, 'textarea');
  const ext = await h.extensionPage('popup.html');
  try {
    const host = new URL(h.fixturesURL).host; // settings key sites by host:port
    await ext.evaluate((x) => chrome.storage.local.set({ sites: { mode: 'all', listed: [], off: [x] } }), host);
    await f.page.bringToFront();
    await f.locator.click();
    await f.page.keyboard.type(SENTENCE, { delay: 5 });
    await f.page.waitForTimeout(800);
    assert.equal((await marks(f.frame)).length, 0, 'off: nothing drawn');
    await ext.evaluate(() => chrome.storage.local.set({ sites: { mode: 'all', listed: [], off: [] } }));
    await f.page.bringToFront();
    await f.page.keyboard.type(' ', { delay: 5 });
    await waitMarks(f.frame, (m) => m.length >= 1);
  } finally {
    await ext.evaluate(() => chrome.storage.local.remove('sites')).catch(() => {});
    await ext.close();
    await f.page.close();
  }
});

test('underlines follow the field’s scrolling and are hidden while their words are scrolled out of view', async () => {
  const f = await openFixture(h, 'textarea');
  try {
    await f.locator.click();
    const seg = (await waitBadge(f.page)).segment;
    const want = await check(SENTENCE, seg);
    await f.page.keyboard.type(SENTENCE, { delay: 3 });
    await waitMarks(f.frame, drawnExactly, drawnKeys(want));
    const w = want[0];
    for (let i = 0; i < 14; i++) await f.page.keyboard.press('Shift+Enter');
    await f.page.keyboard.type('Спасибо.', { delay: 3 });
    // The first line is now scrolled out of the textarea: its underline must not float over other text.
    await f.page.waitForFunction(() => window.fixture.field().scrollTop > 0);
    await waitMarks(f.frame, (m, rule) => !m.some((b) => b.rule === rule), w.rule);
    await f.page.evaluate(() => { window.fixture.field().scrollTop = 0; });
    const m = await waitMarks(f.frame, (x, rule) => x.some((b) => b.rule === rule), w.rule);
    const bar = m.find((b) => b.rule === w.rule);
    const [r] = await wordRects(f.page, w.match);
    assert.ok(Math.abs(bar.left - r.left) <= 2 && Math.abs(bar.bottom - r.bottom) <= 4, `bar back under «${w.match}» after scrolling`);
    // The page scrolls too: the bar moves with the words.
    await f.page.evaluate(() => { document.body.style.height = '3000px'; window.scrollBy(0, 60); });
    const m2 = await waitMarks(f.frame, (x, [rule, top]) => x.some((b) => b.rule === rule && Math.abs(b.top - (top - 60)) < 3), [w.rule, bar.top]);
    assert.ok(m2.length >= 1);
  } finally {
    await f.page.close();
  }
});

test('«Убрать» removes filler words with their commas, and Ctrl+Z brings them back', async () => {
  await resetSettings();
  const f = await openFixture(h, 'textarea');
  try {
    const text = 'Это, так сказать, формальность.';
    await f.locator.click();
    await f.page.keyboard.type(text, { delay: 5 });
    const seg = (await waitBadge(f.page)).segment;
    const target = (await check(text, seg)).find((x) => x.replacements.includes(''));
    assert.ok(target, `a finding whose replacement removes the words, for segment ${seg}`);
    const bars = await waitMarks(f.frame, (m, rule) => m.some((b) => b.rule === rule), target.rule);
    const bar = bars.find((b) => b.rule === target.rule);
    await f.page.mouse.click((bar.left + bar.right) / 2, bar.top - 5);
    const remove = await waitPanel(f.page, '.card button.rep.remove');
    assert.equal(remove.text, `Убрать «${target.match}»`);
    await shot(f.page, 'card-remove');
    await clickPanel(f.page, '.card button.rep.remove');
    const want = applyRemoval(text, target.start, target.end);
    assert.equal(want, 'Это формальность.');
    await f.page.waitForFunction((w) => window.fixture.read() === w, want, { timeout: 5000 }).catch(() => {});
    assert.equal(await f.read(), want, 'the words, their commas and a space are gone; nothing else changed');
    await f.page.keyboard.press('ControlOrMeta+z');
    await f.page.waitForFunction((w) => window.fixture.read() === w, text, { timeout: 5000 }).catch(() => {});
    assert.equal(await f.read(), text, 'Ctrl+Z restores the original');
  } finally {
    await f.page.close();
  }
});
