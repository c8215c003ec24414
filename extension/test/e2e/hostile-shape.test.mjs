// E2E: a hostile page that measures instead of reading. Sufler's overlay is a closed shadow root, but a page can
// still hit-test it (document.elementFromPoint returns the host wherever a panel or the badge takes the pointer),
// restyle its host, and move focus into a field of its own right after the agent's key. These tests hold:
//   - the badge keeps one size whatever it shows, so a page that writes text into the field learns nothing from
//     the badge's outline about whether the company's rules flagged it, nor about the segment's title;
//   - what a page sets on the host is taken back at once, and inherits nowhere meanwhile;
//   - focus moved into a field by a page's script after the agent's Tab shows no suggestions there until the agent
//     types in that field.
// Each fails on the build before these guards (SUFLER_EXTENSION_DIR runs it against another build).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './harness.mjs';
import { waitOverlay, inOverlay } from './overlay.mjs';

const CLEAN = 'Добрый день!';
const TABOO = 'Я не знаю, но мы гарантируем 100% прохождение таможни';
const DRAFT = 'Добрый день! Груз задерживается на таможне, пришлём документы по выпуску';

let h;
before(async () => {
  h = await launch({ lang: 'ru' });
  await h.waitForEngine();
});
after(async () => {
  await h?.close();
});

async function open() {
  const page = await h.newPage();
  await page.goto(`${h.fixturesURL}hostile.html`);
  await page.waitForFunction(() => window.fixture?.ready === true);
  return page;
}

// Badge reads the badge from the extension's side: its box and how many findings it counts (0 when none shown).
function badge(page) {
  return inOverlay(page.mainFrame(), (roots) => {
    for (const r of roots) {
      const b = r.querySelector('[data-sufler-badge]');
      if (!b || b.hidden) continue;
      const x = b.getBoundingClientRect();
      const c = b.querySelector('.count:not(.none)');
      return { left: x.left, top: x.top, right: x.right, bottom: x.bottom, count: c ? Number(c.querySelector('[data-t]')?.dataset.t ?? 0) : 0 };
    }
    return null;
  });
}

// Probe is the page's own measurement: along three lines through the badge's area (as a page would find it, by
// scanning), every x where elementFromPoint hits Sufler's host. restyle is applied to the host in the same task.
function probe(page, box, restyle = null) {
  return page.evaluate(([b, style]) => {
    const host = document.querySelector('sufler-overlay');
    if (style) host.setAttribute('style', style);
    const out = [];
    for (const y of [b.top + 3, (b.top + b.bottom) / 2, b.bottom - 3]) {
      const hits = [];
      for (let x = Math.max(0, Math.floor(b.left) - 120); x < b.right + 120; x++) if (document.elementFromPoint(x, y) === host) hits.push(x);
      out.push(hits.length ? `${hits[0]}..${hits.at(-1)} (${hits.length})` : 'none');
    }
    return out;
  }, [box, restyle]);
}

test('the badge keeps one outline whether or not the text a page wrote drew findings', async () => {
  const page = await open();
  await page.locator('#reply').click();
  await page.keyboard.type(CLEAN, { delay: 5 });
  await waitOverlay(page.mainFrame(), (roots) => roots.some((r) => r.querySelector('[data-sufler-badge]:not([hidden])')), null, 10_000);
  const quiet = await badge(page);
  assert.equal(quiet.count, 0, 'a clean greeting draws no findings');
  const before = await probe(page, quiet);
  assert.notDeepEqual(before, ['none', 'none', 'none'], 'the probe does hit the badge');

  // The page writes the text itself and tells the editor so, as a page script can.
  await page.evaluate((t) => {
    const ta = document.getElementById('reply');
    ta.value = t;
    ta.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: t }));
  }, TABOO);
  await waitOverlay(page.mainFrame(), (roots) => roots.some((r) => r.querySelector('[data-sufler-badge] .count:not(.none)')), null, 15_000);
  const flagged = await badge(page);
  assert.ok(flagged.count > 0, 'the engine flagged the page\'s text (the state the probe must not see)');
  assert.deepEqual(await probe(page, flagged), before, 'the page saw the badge change shape');

  // Restyled in the same task as the probe (before any guard can run): the host's inherited styles reach nothing.
  const wide = 'position:fixed;left:0;top:0;width:0;height:0;word-spacing:300px;letter-spacing:40px;font-size:60px;line-height:90px';
  assert.deepEqual(await probe(page, flagged, wide), before, 'text inside the overlay took the page\'s styles');
  await page.close();
});

test('what a page sets on the overlay\'s host is taken back before the agent could see it', async () => {
  const page = await open();
  await page.locator('#reply').click();
  await page.keyboard.type(CLEAN, { delay: 5 });
  await waitOverlay(page.mainFrame(), (roots) => roots.some((r) => r.querySelector('[data-sufler-badge]:not([hidden])')), null, 10_000);
  const own = await page.evaluate(() => {
    const host = document.querySelector('sufler-overlay');
    return host.getAttributeNames().sort().map((a) => `${a}=${host.getAttribute(a)}`);
  });
  const after = await page.evaluate(() => new Promise((resolve) => {
    const host = document.querySelector('sufler-overlay');
    host.style.setProperty('opacity', '0', 'important');
    host.setAttribute('hidden', '');
    host.setAttribute('inert', '');
    host.classList.add('gone');
    host.removeAttribute('data-sufler');
    setTimeout(() => resolve(host.getAttributeNames().sort().map((a) => `${a}=${host.getAttribute(a)}`)), 0);
  }));
  assert.deepEqual(after, own, 'the host kept the page\'s attributes');
  await page.close();
});

test('a field a page focuses right after the agent\'s Tab shows no suggestions until the agent types there', async () => {
  const page = await open();
  // A trap: a second field with a draft of the page's choosing, next in tab order.
  await page.evaluate((draft) => {
    const trap = Object.assign(document.createElement('textarea'), { id: 'trap', value: draft, rows: 4 });
    document.getElementById('reply').after(trap);
  }, DRAFT);
  await page.locator('#reply').click();
  await page.keyboard.type(CLEAN, { delay: 5 });
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'trap');
  const strip = (roots) => roots.some((r) => r.querySelector('[data-sufler-strip] [role=option]'));
  // The engine would suggest for the trap's text; two seconds is far past the strip's debounce.
  await page.waitForTimeout(2_000);
  assert.equal(await inOverlay(page.mainFrame(), strip), false, 'suggestions showed in a field the agent only tabbed into');
  // Control: once the agent types in that field, the same draft does bring suggestions.
  await page.keyboard.press('End');
  await page.keyboard.type(' ', { delay: 5 });
  await waitOverlay(page.mainFrame(), strip, null, 15_000);
  await page.close();
});
