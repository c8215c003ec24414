// E2E: Sufler in every kind of field, driven as an agent would: type a reply with forbidden wording, see the
// underline exactly under those words, take the replacement from the card, undo it, mark the customer's message and
// accept a suggested template. Prints keystroke→underline latency (p50/p95), never asserts on time.
//
// Run one file at a time: node --test test/e2e/editors.test.mjs (needs npm run build and the wasm engine).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from '../../src/content/seam.js';
import { BROWSER } from './harness.mjs';
import {
  startEditors, SENTENCE, FIXTURES, openFixture, marks, waitMarks, drawnExactly, drawnKeys, wordRects, waitPanel, clickPanel, panelBox, frameOffset,
  percentile, normal, inOverlay, waitOverlay, waitSelected,
} from './content-helpers.mjs';

let h;
const latencies = [];

before(async () => {
  h = await startEditors();
});

after(async () => {
  await h?.close();
  if (latencies.length) {
    console.log(`${BROWSER}: keystroke→underline over ${latencies.length} samples: p50 ${percentile(latencies, 50).toFixed(0)} ms, p95 ${percentile(latencies, 95).toFixed(0)} ms (includes the ${180} ms typing pause)`);
  }
  h?.network.assertLocalOnly();
});

// Expected findings for a text, from the engine itself (through the extension), in the segment the badge shows.
async function findings(text, segment) {
  const r = await h.engineCall('POST', '/v1/check', { text, segment });
  assert.equal(r.status, 200, JSON.stringify(r.body));
  return r.body.findings;
}

async function badgeSegment(page) {
  const seg = await inOverlay(page.mainFrame(), (roots) => {
    for (const root of roots) {
      const b = root.querySelector('[data-sufler-badge]');
      if (b) return b.dataset.segment;
    }
    return null;
  });
  return seg;
}

// Types text at the end of the field and returns ms from the last keystroke until `pred` holds for the marks.
async function typeAndTime(f, text, pred, arg) {
  await f.page.keyboard.type(text, { delay: 12 });
  const t0 = Date.now();
  const m = await waitMarks(f.frame, pred, arg);
  return { ms: Date.now() - t0, marks: m };
}

// MarkCustomer selects the customer's words with the mouse, from the first letter to the last, and marks them with
// the in-page shortcut; returns the toast's text.
async function markCustomer(page) {
  const ends = await page.evaluate(() => {
    const t = document.getElementById('customer').lastChild;
    const r = document.createRange();
    r.setStart(t, 0);
    r.setEnd(t, 1);
    const a = r.getBoundingClientRect();
    r.setStart(t, t.length - 1);
    r.setEnd(t, t.length);
    const b = r.getBoundingClientRect();
    return { x0: a.left + 1, y0: (a.top + a.bottom) / 2, x1: b.right, y1: (b.top + b.bottom) / 2 };
  });
  await page.mouse.move(ends.x0, ends.y0);
  await page.mouse.down();
  await page.mouse.move(ends.x1, ends.y1, { steps: 8 });
  await page.mouse.up();
  await page.keyboard.press('Alt+Shift+M');
  const toast = await waitPanel(page, '[data-sufler-toast]');
  await clickPanel(page, '[data-sufler-toast] button:last-child'); // «Закрыть»
  return toast.text;
}

// ClickField clicks into the field as an agent clicks into an empty reply box: on a spot of the field that no Sufler
// panel covers (once the customer's message is marked, the suggestions strip may already sit under the caret).
async function clickField(f) {
  const off = await frameOffset(f.page, f.frame);
  const r = await f.frame.evaluate(() => {
    const b = window.fixture?.field?.().getBoundingClientRect() ?? document.body.getBoundingClientRect();
    return { left: b.left, right: Math.min(b.right, window.innerWidth), top: b.top, bottom: Math.min(b.bottom, window.innerHeight) };
  });
  const spots = [[r.left + 12, r.bottom - 12], [r.right - 12, r.bottom - 12], [r.right - 12, r.top + 12]]
    .map(([x, y]) => [off.x + x, off.y + y]);
  const [x, y] = await inOverlay(f.page.mainFrame(), (roots, pts) => {
    const boxes = roots
      .flatMap((root) => [...root.querySelectorAll('[data-sufler-strip], [data-sufler-toast], .card')])
      .map((e) => e.getBoundingClientRect());
    return pts.find(([px, py]) => !boxes.some((b) => px >= b.left && px <= b.right && py >= b.top && py <= b.bottom)) ?? pts[0];
  }, spots);
  await f.page.mouse.click(x, y);
}

async function waitBadge(page) {
  await waitOverlay(page.mainFrame(), (roots) => roots.some((r) => r.querySelector('[data-sufler-badge]')?.dataset.segment), null, 10_000);
  return badgeSegment(page);
}

async function waitModel(f, want) {
  await f.page.waitForFunction(([w]) => window.fixture.read().replace(/\u00a0/g, ' ').replace(/\n+/g, '\n').replace(/\n$/, '') === w, [normal(want)], { timeout: 5000 })
    .catch(() => {});
  return normal(await f.read());
}

// KNOWN lists the steps that still fail, per browser and fixture, with what was seen: they run and report as TODO
// (not as passes) until fixed. Every other fixture must pass every step.
const KNOWN = {
  firefox: {
  },
};

for (const name of FIXTURES) {
  test(`${name}: underline under the words, replacement, undo, template`, { todo: KNOWN[BROWSER]?.[name] }, async () => {
    const f = await openFixture(h, name);
    try {
      // The agent marks the customer's message: the engine guesses the segment from its words.
      const toast = await markCustomer(f.page);
      assert.match(toast, /тендер|SLA/, 'the guess is offered with the words that led to it');

      await clickField(f);
      const segment = await waitBadge(f.page);
      const want = await findings(SENTENCE, segment);
      assert.ok(want.length >= 1, `the engine flags the sentence in ${segment}: ${JSON.stringify(want)}`);
      const typed = await typeAndTime(f, SENTENCE, drawnExactly, drawnKeys(want));
      latencies.push(typed.ms);
      assert.equal(normal(await f.read()), SENTENCE);

      const drawn = await marks(f.frame);
      assert.equal(drawn.length, want.length, 'one bar per finding (the sentence fits on one line)');
      for (const w of want) {
        const bars = drawn.filter((b) => b.rule === w.rule && Number(b.start) === w.start);
        assert.equal(bars.length, 1, `one bar for ${w.rule} «${w.match}»`);
        const [r] = await wordRects(f.page, w.match);
        assert.ok(r, `words «${w.match}» are in the field`);
        const b = bars[0];
        assert.ok(Math.abs(b.left - r.left) <= 2 && Math.abs(b.right - r.right) <= 2, `${name}: bar ${b.left}–${b.right} under «${w.match}» ${r.left}–${r.right}`);
        assert.ok(b.bottom <= r.bottom + 3 && b.bottom >= r.bottom - 4, `${name}: bar at ${b.bottom}, words end at ${r.bottom}`);
        assert.equal(b.severity, w.severity);
      }

      // More samples for the latency report: extend the reply with more flagged wording.
      let text = SENTENCE;
      for (const more of [' Гарантируем 100% успех.', ' Я не знаю.']) {
        const next = await findings(text + more, segment);
        const before = (await marks(f.frame)).length;
        text += more;
        if (next.length <= before) continue;
        const s = await typeAndTime(f, more, drawnExactly, drawnKeys(next));
        latencies.push(s.ms);
      }
      await f.page.keyboard.press('ControlOrMeta+a');
      await f.page.keyboard.press('Delete');
      await waitMarks(f.frame, (m) => m.length === 0);
      await f.page.keyboard.type(SENTENCE, { delay: 12 });
      await waitMarks(f.frame, drawnExactly, drawnKeys(want));

      // Replacement: click the underlined words, click the first replacement in the card.
      const target = want.find((w) => w.replacements?.length) ?? assert.fail('a finding with a replacement');
      const bar = (await marks(f.frame)).find((b) => b.rule === target.rule);
      const off = await frameOffset(f.page, f.frame);
      await f.page.waitForTimeout(1100); // an agent reads before clicking; Quill folds edits within 1 s into one undo step
      await f.page.mouse.click(off.x + (bar.left + bar.right) / 2, off.y + bar.top - 5);
      const card = await waitPanel(f.page, '.card');
      assert.ok(card.text.includes(target.message), 'the card shows the message');
      assert.ok(card.text.includes(target.why), 'the card shows why');
      const repBox = await panelBox(f.page, '.card button.rep');
      assert.equal(repBox.text, target.replacements[0], 'the card offers the segment replacement');
      await clickPanel(f.page, '.card button.rep');
      const replaced = SENTENCE.slice(0, target.start) + target.replacements[0] + SENTENCE.slice(target.end);
      assert.equal(await waitModel(f, replaced), normal(replaced), 'the editor model holds the replacement, nothing duplicated or lost');

      await f.page.keyboard.press('Escape'); // leave the {{variable}} the replacement may carry (Lexical: leaves the editor)
      await f.page.keyboard.press('ControlOrMeta+z');
      assert.equal(await waitModel(f, SENTENCE), SENTENCE, 'Ctrl+Z restores the original');

      // Template: clear, start the reply, accept the first suggestion with Tab.
      await f.page.keyboard.press('ControlOrMeta+a');
      await f.page.keyboard.press('Delete');
      const greeting = 'Здравствуйте! ';
      await f.page.keyboard.type(greeting, { delay: 12 });
      await waitPanel(f.page, '[data-sufler-strip] [role=option]');
      const seg2 = await badgeSegment(f.page);
      const context = await f.page.evaluate(() => document.getElementById('customer').lastChild.textContent.trim());
      const sug = await h.engineCall('POST', '/v1/suggest', { text: greeting, context, segment: seg2, limit: 3 });
      const first = sug.body.suggestions[0];
      // The strip may first show the answer for the greeting typed so far; it settles on the whole greeting's.
      await waitOverlay(f.page.mainFrame(), (roots, title) => {
        const shown = (x) => { let s = ''; const w = x.ownerDocument.createTreeWalker(x, 5); for (let n = w.currentNode; n; n = w.nextNode()) s += n.nodeType === 3 ? n.data : (n.dataset?.t ?? ''); return s; };
        return roots.some((r) => { const o = r.querySelector('[data-sufler-strip] [role=option]'); return o && shown(o).includes(title); });
      }, first.title, 5000).catch(() => {});
      const strip = await panelBox(f.page, '[data-sufler-strip] [role=option]');
      assert.ok(strip.text.includes(first.title), `the strip offers «${first.title}» first (segment ${seg2}), it shows «${strip.text}»`);
      await f.page.keyboard.press('Tab');
      const body = join(greeting, '', first.text); // joined to the draft: the template's own greeting goes
      assert.equal(await waitModel(f, greeting + body), normal(greeting + body), 'the template landed whole, after the greeting');
      // Its first {{variable}} is selected: typing fills it, Tab goes to the next.
      const vars = [...body.matchAll(/\{\{[^}]+\}\}/g)].map((m) => m[0]);
      if (vars.length) {
        await waitSelected(f.frame, vars[0]); // the agent sees it highlighted before typing over it
        await f.page.keyboard.type('Анна');
        let expect = greeting + body.replace(vars[0], 'Анна');
        assert.equal(await waitModel(f, expect), normal(expect), 'typing replaces the first placeholder');
        if (vars.length > 1) {
          await f.page.keyboard.press('Tab');
          await waitSelected(f.frame, vars[1]); // as with the first: seen highlighted, then typed over
          await f.page.keyboard.type('март');
          expect = expect.replace(vars[1], 'март');
          assert.equal(await waitModel(f, expect), normal(expect), 'Tab moves to the next placeholder');
        }
      }
    } finally {
      await f.page.close();
    }
  });
}

// A fresh install flags at once: nothing chosen, nothing marked, the badge on «Все пакеты», every pack's rules.
const TABOO = 'Не переживайте, мы гарантируем 100% прохождение таможни.';
for (const name of FIXTURES) {
  test(`${name}: a fresh profile flags «${TABOO}» with no segment chosen`, async () => {
    const f = await openFixture(h, name);
    try {
      await f.locator.click();
      await f.page.keyboard.type(TABOO, { delay: 8 });
      const want = await findings(TABOO, '');
      assert.ok(want.some((x) => x.rule === 'promise-guarantee'), 'the engine flags the guarantee with no segment');
      const drawn = await waitMarks(f.frame, (m, n) => m.length === n, want.length);
      assert.deepEqual(drawn.map((b) => `${b.rule}@${b.start}`).sort(), want.map((x) => `${x.rule}@${x.start}`).sort());
      const read = (roots) => {
        const shown = (x) => { let s = ''; const w = x.ownerDocument.createTreeWalker(x, 5); for (let n = w.currentNode; n; n = w.nextNode()) s += n.nodeType === 3 ? n.data : (n.dataset?.t ?? ''); return s; };
        const el = roots.map((r) => r.querySelector('[data-sufler-badge]')).find(Boolean);
        return el ? { segment: el.dataset.segment, how: el.dataset.how, text: shown(el) } : null;
      };
      const b = await inOverlay(f.frame, read) ?? await inOverlay(f.page.mainFrame(), read);
      assert.equal(b?.how, 'all', `the badge says «Все пакеты»: ${JSON.stringify(b)}`);
      assert.match(b.text, /Все пакеты/);
    } finally {
      await f.page.close();
    }
  });
}
