// Package run is `make demo`: serves the bundled helpdesk page on 127.0.0.1, starts Chromium
// with the built extension on a fresh profile, types a draft with wording the policy forbids
// and waits for the underlines with no segment chosen («Все пакеты»), then marks the customer's
// message and waits for the guessed segment and the suggestion strip.
//   node demo/run.mjs [--headless] [--update-docs]
// Without a DISPLAY it runs headless and writes build/demo.png (and docs/demo.png with
// --update-docs); with one it leaves the window open until you close it or press Ctrl+C.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch } from '../test/e2e/harness.mjs';
import { inOverlay } from '../test/e2e/overlay.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const args = new Set(process.argv.slice(2));
const headless = args.has('--headless') || !process.env.DISPLAY;
const DRAFT = 'Андрей, добрый день! Не переживайте, мы гарантируем 100% прохождение таможни. '
  + 'Документы вы должны были прислать ещё вчера, короче, ждём инвойс.';

function step(msg) {
  process.stdout.write(`demo: ${msg}\n`);
}

/** Reads Sufler's overlay (its closed shadow root, through overlay.mjs): underlines and their spans, the strip, the badge's text. */
function overlayState(page) {
  return inOverlay(page.mainFrame(), (roots) => {
    let marks = 0;
    let strip = false;
    let badge = '';
    const spans = [];
    for (const root of roots) {
      const bars = root.querySelectorAll('.mark');
      marks += bars.length;
      for (const m of bars) spans.push([Number(m.dataset.start), Number(m.dataset.end)]);
      const s = root.querySelector('[data-sufler-strip]');
      if (s && !s.hidden && s.getClientRects().length) strip = true;
      // Panel text is drawn from data-t (content/panel.js), so the page's find() cannot see it.
      badge ||= root.querySelector('[data-sufler-badge] .seg [data-t]')?.dataset.t ?? root.querySelector('[data-sufler-badge] .seg')?.textContent ?? '';
    }
    return { marks, strip, badge, spans };
  });
}

async function main() {
  const h = await launch({ lang: 'ru', headless, viewport: { width: 1280, height: 860 }, browser: 'chromium' });
  let closed = false;
  const shutdown = async () => { if (!closed) { closed = true; await h.close(); } };
  process.on('SIGINT', () => { shutdown().then(() => process.exit(0)); });
  try {
    step('starting the engine…');
    await h.waitForEngine();
    const page = await h.newPage();
    await page.goto(`${h.demoURL}helpdesk.html`);
    step(`helpdesk page: ${page.url()}`);

    // A fresh profile: nothing chosen, nothing marked. The taboo sentence must be flagged at once.
    await page.click('#reply');
    await page.keyboard.type(DRAFT, { delay: 25 });
    step('draft typed; waiting for underlines (no segment chosen)…');
    const taboo = DRAFT.indexOf('гарантируем');
    let state = { marks: 0, strip: false };
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; await page.waitForTimeout(250)) {
      state = await overlayState(page);
      if (state.spans.some(([a, b]) => a <= taboo && taboo < b)) break;
    }
    if (!state.spans.some(([a, b]) => a <= taboo && taboo < b)) throw new Error(`«гарантируем 100%…» is not flagged on a fresh profile (badge: ${state.badge})`);
    step(`fresh profile, badge «${state.badge}»: ${state.marks} underlines, «гарантируем 100% прохождение таможни» among them`);

    // The agent selects the customer's message and picks «Отметить как сообщение клиента»
    // (the context menu sends this very message to the frame).
    const selection = await page.evaluate(() => {
      const body = document.querySelector('.message.customer .body');
      const range = document.createRange();
      range.selectNodeContents(body);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
      return getSelection().toString();
    });
    const tabId = await h.tabIdOf(page);
    await h.serviceWorker.evaluate(([id, text]) => chrome.tabs.sendMessage(id, { type: 'sufler:command', command: 'mark-customer', selectionText: text }, { frameId: 0 }).catch(() => null), [tabId, selection]);
    await page.waitForTimeout(800);
    await page.focus('#reply'); // the notice about the marked message may sit over the field
    await page.keyboard.press('End');
    step('customer message marked; waiting for the guessed segment and suggestions…');
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; await page.waitForTimeout(250)) {
      state = await overlayState(page);
      if (state.marks > 0 && state.strip) break;
    }
    await page.waitForTimeout(600); // let the strip finish its transition
    step(`badge «${state.badge}», underlines: ${state.marks}, suggestion strip: ${state.strip ? 'shown' : 'not shown'}`);

    const out = join(root, 'build', 'demo.png');
    mkdirSync(dirname(out), { recursive: true });
    await page.screenshot({ path: out });
    step(`screenshot: ${out}`);
    if (args.has('--update-docs')) {
      mkdirSync(join(root, 'docs'), { recursive: true });
      copyFileSync(out, join(root, 'docs', 'demo.png'));
      step('copied to docs/demo.png');
    }
    if (!state.marks) throw new Error('no underlines appeared: is the content script in the build?');
    if (!headless) {
      step('the browser stays open: close it or press Ctrl+C to finish');
      await new Promise((resolveClose) => h.context.on('close', resolveClose));
    }
  } finally {
    await shutdown();
  }
}

main().catch((err) => {
  process.stderr.write(`demo: ${err.stack ?? err}\n`);
  process.exit(1);
});
