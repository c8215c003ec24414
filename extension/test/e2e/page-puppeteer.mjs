// Package page-puppeteer gives a puppeteer page (Firefox over WebDriver BiDi) the small subset of Playwright's
// Page API the e2e tests use, so one test body drives both browsers. HARNESS.md (repo worktree) lists the subset;
// anything outside it throws "not in the cross-browser page API" instead of silently doing something else.
//
// Semantics follow Playwright where the tests rely on them: waitForSelector waits for a visible element unless
// {state}, click() waits for the element and clicks its middle with the mouse, key names may be chords
// ('ControlOrMeta+a', 'Alt+Shift+M'), waitForFunction(fn, arg, {timeout, polling}) takes ONE argument.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const frames = new WeakMap(); // puppeteer Frame → wrapper (stable, so frame === page.mainFrame() works)

/** Splits a Playwright chord into puppeteer key names: 'ControlOrMeta+a' → ['Control', 'a']. */
export function chord(key) {
  const parts = key === '+' ? ['+'] : key.split(/\+(?!$)/);
  return parts.map((k) => (k === 'ControlOrMeta' ? 'Control' : k));
}

function keyboardOf(pp) {
  const kb = pp.keyboard;
  return {
    type: (text, opts = {}) => kb.type(text, { delay: opts.delay ?? 0 }),
    async press(key, opts = {}) {
      const keys = chord(key);
      for (const k of keys.slice(0, -1)) await kb.down(k);
      await kb.press(keys.at(-1), { delay: opts.delay ?? 0 });
      for (const k of keys.slice(0, -1).reverse()) await kb.up(k);
    },
    down: (k) => kb.down(chord(k)[0]),
    up: (k) => kb.up(chord(k)[0]),
    insertText: (text) => kb.sendCharacter(text),
  };
}

// Probe runs in the page (self-contained: extension pages' CSP forbids building functions from strings there). It
// finds the element a chain of [{sel, hasText}] steps names — as in Playwright, CSS pierces open shadow roots and
// 'a >> b' looks for b inside a — and answers for the state: the element ('attached', 'visible') or true.
function probe(steps, state) {
  const deep = (scope, sel) => {
    const out = [...scope.querySelectorAll(sel)];
    if (scope.shadowRoot) out.push(...deep(scope.shadowRoot, sel));
    for (const el of scope.querySelectorAll('*')) if (el.shadowRoot) out.push(...deep(el.shadowRoot, sel));
    return out;
  };
  let scope = [document];
  for (const { sel, hasText } of steps) {
    const parts = sel.split(/\s*>>\s*/);
    parts.forEach((part, i) => {
      const next = [];
      for (const s of scope) {
        for (const el of deep(s, part)) if (i < parts.length - 1 || !hasText || el.textContent.includes(hasText)) next.push(el);
      }
      scope = next;
    });
  }
  const el = scope[0] ?? null;
  let shown = false;
  if (el && el.isConnected) {
    const r = el.getBoundingClientRect();
    shown = r.width > 0 && r.height > 0 && getComputedStyle(el).visibility !== 'hidden';
  }
  if (state === 'attached') return el;
  if (state === 'detached') return !el;
  if (state === 'hidden') return !shown;
  return shown ? el : false;
}

/** Wraps a puppeteer ElementHandle: contentFrame() gives a wrapped frame; the rest has Playwright's signatures. */
export function wrapHandle(el) {
  if (!el) return null;
  return {
    raw: el,
    contentFrame: async () => wrapFrame(await el.contentFrame()),
    boundingBox: () => el.boundingBox(),
    evaluate: (fn, arg) => el.evaluate(fn, arg),
    click: () => el.click(),
    focus: () => el.focus(),
    textContent: () => el.evaluate((e) => e.textContent),
    getAttribute: (n) => el.evaluate((e, a) => e.getAttribute(a), n),
    dispose: () => el.dispose(),
  };
}

async function waitState(ppFrame, steps, state = 'visible', timeout = 30_000) {
  const h = await ppFrame.waitForFunction(probe, { timeout, polling: 50 }, steps, state);
  return state === 'attached' || state === 'visible' ? h.asElement() : null;
}

/** A Playwright-like Locator: lazily resolved CSS steps in a frame (found again on every action). */
function locatorOf(getFrame, steps) {
  const el = async (state = 'visible', timeout) => waitState(await getFrame(), steps, state, timeout);
  return {
    locator: (sel, opts = {}) => locatorOf(getFrame, [...steps, { sel, hasText: opts.hasText }]),
    waitFor: async (opts = {}) => { await el(opts.state ?? 'visible', opts.timeout); },
    click: async (opts = {}) => (await el()).click({ count: opts.clickCount ?? 1 }),
    focus: async () => (await el('attached')).focus(),
    textContent: async () => (await el('attached')).evaluate((e) => e.textContent),
    getAttribute: async (name) => (await el('attached')).evaluate((e, n) => e.getAttribute(n), name),
    isChecked: async () => (await el('attached')).evaluate((e) => e.checked),
    check: async () => { const e = await el(); if (!(await e.evaluate((x) => x.checked))) await e.click(); },
    uncheck: async () => { const e = await el(); if (await e.evaluate((x) => x.checked)) await e.click(); },
    evaluate: async (fn, arg) => (await el('attached')).evaluate(fn, arg),
  };
}

/** Wraps a puppeteer Frame: evaluate, waitForFunction, waitForSelector, frameElement, url. */
export function wrapFrame(ppf) {
  if (!ppf) return null;
  let w = frames.get(ppf);
  if (w) return w;
  w = {
    raw: ppf,
    url: () => ppf.url(),
    evaluate: (fn, arg) => ppf.evaluate(fn, arg),
    evaluateHandle: (fn, arg) => ppf.evaluateHandle(fn, arg),
    waitForFunction: (fn, arg, opts = {}) => ppf.waitForFunction(fn, { timeout: opts.timeout ?? 30_000, polling: opts.polling === 'raf' ? 'raf' : (opts.polling ?? 50) }, arg),
    waitForSelector: async (sel, opts = {}) => wrapHandle(await waitState(ppf, [{ sel }], opts.state, opts.timeout)),
    frameElement: async () => wrapHandle(await ppf.frameElement()),
    locator: (sel) => locatorOf(async () => ppf, [{ sel }]),
  };
  frames.set(ppf, w);
  return w;
}

/** Wraps a puppeteer Page in the cross-browser page API (a subset of Playwright's Page). */
export function wrapPage(pp, { onClose, downloadDir } = {}) {
  const main = () => pp.mainFrame();
  const loc = (sel, opts = {}) => locatorOf(async () => main(), [{ sel, hasText: opts.hasText }]);
  const page = {
    raw: pp,
    keyboard: keyboardOf(pp),
    mouse: {
      move: (x, y, opts = {}) => pp.mouse.move(x, y, { steps: opts.steps ?? 1 }),
      down: (opts = {}) => pp.mouse.down(opts),
      up: (opts = {}) => pp.mouse.up(opts),
      click: (x, y, opts = {}) => pp.mouse.click(x, y, { count: opts.clickCount ?? 1, delay: opts.delay }),
      wheel: ({ deltaX = 0, deltaY = 0 } = {}) => pp.mouse.wheel({ deltaX, deltaY }),
    },
    async goto(url, opts = {}) {
      if (/^moz-extension:/.test(url)) return gotoExtension(pp, url, opts.timeout);
      return pp.goto(url, { waitUntil: opts.waitUntil === 'domcontentloaded' ? 'domcontentloaded' : 'load', timeout: opts.timeout ?? 30_000 });
    },
    reload: (opts = {}) => pp.reload({ waitUntil: 'load', timeout: opts.timeout ?? 30_000 }),
    async close() { if (!pp.isClosed()) await pp.close(); onClose?.(); },
    isClosed: () => pp.isClosed(),
    url: () => pp.url(),
    title: () => pp.title(),
    bringToFront: () => pp.bringToFront(),
    setViewportSize: ({ width, height }) => pp.setViewport({ width, height }),
    screenshot: (opts = {}) => pp.screenshot({ path: opts.path, fullPage: !!opts.fullPage }),
    mainFrame: () => wrapFrame(main()),
    frames: () => pp.frames().map(wrapFrame),
    evaluate: (fn, arg) => main().evaluate(fn, arg),
    evaluateHandle: (fn, arg) => main().evaluateHandle(fn, arg),
    waitForFunction: (fn, arg, opts) => wrapFrame(main()).waitForFunction(fn, arg, opts),
    waitForSelector: async (sel, opts = {}) => wrapHandle(await waitState(main(), [{ sel }], opts.state, opts.timeout)),
    waitForTimeout: (ms) => sleep(ms),
    locator: loc,
    frameLocator(frameSel) {
      const frame = async () => (await waitState(main(), [{ sel: frameSel }], 'attached')).contentFrame();
      return { locator: (sel) => locatorOf(frame, [{ sel }]) };
    },
    $: async (sel) => wrapHandle(await pp.$(sel)),
    $eval: (sel, fn, arg) => pp.$eval(sel, fn, arg),
    $$eval: (sel, fn, arg) => pp.$$eval(sel, fn, arg),
    click: (sel, opts) => loc(sel).click(opts),
    focus: (sel) => loc(sel).focus(),
    check: (sel) => loc(sel).check(),
    uncheck: (sel) => loc(sel).uncheck(),
    isChecked: (sel) => loc(sel).isChecked(),
    textContent: (sel) => loc(sel).textContent(),
    getAttribute: (sel, name) => loc(sel).getAttribute(name),
    inputValue: (sel) => loc(sel).evaluate((e) => e.value),
    async press(sel, key) { await loc(sel).focus(); await page.keyboard.press(key); },
    /** Sets an input's or textarea's value and fires input + change, as Playwright's fill does for extension pages. */
    async fill(sel, text) {
      const el = await waitState(main(), [{ sel }], 'visible');
      await el.focus();
      await el.evaluate((e, t) => {
        e.value = t;
        e.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: t }));
        e.dispatchEvent(new Event('change', { bubbles: true }));
      }, text);
    },
    async selectOption(sel, value) {
      await waitState(main(), [{ sel }], 'attached');
      return pp.select(sel, ...[].concat(value));
    },
    async setInputFiles(sel, file) {
      const el = await waitState(main(), [{ sel }], 'attached');
      let path = file;
      if (typeof file === 'object') {
        path = join(mkdtempSync(join(tmpdir(), 'sufler-upload-')), file.name);
        writeFileSync(path, file.buffer);
      }
      await el.uploadFile(path);
    },
    on: (ev, fn) => pp.on(ev, fn),
    once: (ev, fn) => pp.once(ev, fn),
    off: (ev, fn) => pp.off(ev, fn),
    /** Only 'download': resolves when a new file is complete in the profile's download folder. */
    async waitForEvent(name, opts = {}) {
      if (name !== 'download' || !downloadDir) throw new Error(`waitForEvent('${name}') is not in the cross-browser page API`);
      const before = new Set(readdirSync(downloadDir));
      const deadline = Date.now() + (opts.timeout ?? 30_000);
      for (;;) {
        const names = readdirSync(downloadDir).filter((n) => !before.has(n) && !n.endsWith('.part'));
        // Firefox writes the file next to a .part and renames it when done.
        if (names.length && !readdirSync(downloadDir).some((n) => n.endsWith('.part'))) {
          const file = join(downloadDir, names[0]);
          return { suggestedFilename: () => names[0], path: async () => file };
        }
        if (Date.now() > deadline) throw new Error(`no download in ${opts.timeout ?? 30_000} ms`);
        await sleep(50);
      }
    },
  };
  // A name outside the subset fails loudly instead of being undefined somewhere later.
  return new Proxy(page, {
    get(t, k) {
      if (k in t || typeof k === 'symbol' || k === 'then') return t[k];
      throw new Error(`page.${String(k)} is not in the cross-browser page API (HARNESS.md)`);
    },
  });
}

// Firefox's BiDi refuses to navigate to moz-extension: pages without --remote-allow-system-access, and with it the
// navigation crosses into the extension process, where puppeteer loses its load event: navigate without waiting,
// then wait for the document to be the extension page and loaded.
async function gotoExtension(pp, url, timeout = 30_000) {
  pp.goto(url, { waitUntil: 'load', timeout }).catch(() => {});
  const deadline = Date.now() + timeout;
  for (;;) {
    const ok = await pp.evaluate((u) => location.href === u && document.readyState === 'complete', url).catch(() => false);
    if (ok) return null;
    if (Date.now() > deadline) throw new Error(`extension page ${url} did not load in ${timeout} ms`);
    await sleep(50);
  }
}
