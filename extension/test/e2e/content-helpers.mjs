// Helpers for the in-page e2e tests (editors*.test.mjs): open a fixture, find the field (in its frame), read
// Sufler's underlines and panels from the overlay's closed shadow root (overlay.mjs hands the test each root, as a
// page script could not), and measure where words really are — with
// code written independently of the content script, so a wrong mapping in Sufler cannot agree with itself.

import { launch } from './harness.mjs';
import { buildFixtures } from '../fixtures/build.mjs';
import { inOverlay, waitOverlay } from './overlay.mjs';

export { inOverlay, waitOverlay };

/**
 * StartEditors builds the fixture editors, launches Chromium with the extension and waits for the engine.
 * SUFLER_EXTENSION_DIR runs the suites against another build of the extension (e.g. a private copy).
 */
export async function startEditors() {
  await buildFixtures();
  const h = await launch({ lang: 'ru' });
  await h.waitForEngine();
  return h;
}

/** The taboo sentence every editor test types. */
export const SENTENCE = 'Я не знаю, но мы гарантируем 100% прохождение таможни';

/**
 * FIXTURES lists the fixture pages with one reply field each: plain fields, then every editor the README's table
 * names that is on npm (each a real editor from npm, pinned in package.json). SUFLER_FIXTURES=a,b narrows a run to
 * some of them while developing.
 */
export const ALL_FIXTURES = [
  'textarea', 'contenteditable', 'shadow', 'quill', 'tinymce', 'ckeditor5', 'tiptap', 'prosemirror', 'gravity', 'gravity?mode=markup', 'draftjs',
  'lexical', 'slate', 'summernote', 'trix', 'froala', 'ckeditor4',
];
export const FIXTURES = process.env.SUFLER_FIXTURES
  ? ALL_FIXTURES.filter((n) => process.env.SUFLER_FIXTURES.split(',').includes(n))
  : ALL_FIXTURES;

/**
 * OpenFixture opens a fixture page and waits for its editor. Returns the page, the frame holding the field, a
 * locator for clicking into it, and read() for the editor's own model.
 */
export async function openFixture(h, name) {
  const page = await h.newPage();
  const [file, query] = name.split('?'); // 'textarea?id=7': the same page as another ticket's
  await page.goto(`${h.fixturesURL}${file}.html${query ? `?${query}` : ''}`);
  await page.waitForFunction(() => window.fixture?.ready === true, null, { timeout: 30_000 });
  const { selector, frame: frameSel } = await page.evaluate(() => ({ selector: window.fixture.selector, frame: window.fixture.frame ?? null }));
  let frame = page.mainFrame();
  let locator = page.locator(selector);
  if (frameSel) {
    const handle = await page.waitForSelector(frameSel);
    frame = await handle.contentFrame();
    locator = page.frameLocator(frameSel).locator(selector);
  }
  return {
    page,
    frame,
    locator,
    read: () => page.evaluate(() => window.fixture.read()),
  };
}

/** Marks returns the underline bars drawn in a frame: [{rule, start, end, severity, left, top, right, bottom}]. */
export function marks(frame) {
  return inOverlay(frame, (roots) => {
    const out = [];
    for (const root of roots) {
      for (const m of root.querySelectorAll('.mark')) {
        const r = m.getBoundingClientRect();
        out.push({ ...m.dataset, left: r.left, top: r.top, right: r.right, bottom: r.bottom });
      }
    }
    return out;
  });
}

/**
 * WaitMarks waits (polling every animation frame) until pred(marks, arg) holds in a frame; returns the marks.
 * pred runs in the page: it sees only its arguments.
 */
/**
 * DrawnExactly is a waitMarks predicate: the marks drawn are exactly the findings' (rule and start, one or more
 * bars each). Counting marks is not enough: the marks of a check of a shorter prefix can be as many, elsewhere.
 * Its argument is drawnKeys(findings).
 */
export const drawnExactly = (ms, want) => [...new Set(ms.map((m) => `${m.rule}@${m.start}`))].sort().join() === want.join();

/** DrawnKeys turns the engine's findings into drawnExactly's argument. */
export const drawnKeys = (findings) => [...new Set(findings.map((x) => `${x.rule}@${x.start}`))].sort();

export async function waitMarks(frame, pred, arg = null, timeout = 10_000) {
  return waitOverlay(frame, (roots, [s, a]) => {
    const p = new Function(`return (${s})`)();
    const out = [];
    for (const root of roots) {
      for (const m of root.querySelectorAll('.mark')) {
        const r = m.getBoundingClientRect();
        out.push({ ...m.dataset, left: r.left, top: r.top, right: r.right, bottom: r.bottom });
      }
    }
    return p(out, a) ? out : null;
  }, [pred.toString(), arg], timeout);
}

/**
 * WordRects measures where the n-th occurrence of `words` is drawn in the field, one rect per line, independently of
 * Sufler: for contenteditable with a Range over the text nodes, for a textarea with its own copy of every computed
 * style.
 */
export function wordRects(page, words, occurrence = 0) {
  return page.evaluate(([w, occ]) => {
    // Coordinates are those of the field's own frame, like the underlines drawn there.
    const field = window.fixture.field();
    const doc = field.ownerDocument;
    const win = doc.defaultView;
    const perLine = (rects) => {
      const out = [];
      for (const r of Array.from(rects).filter((x) => x.width > 0.5)) {
        const l = out.find((o) => Math.abs(o.top - r.top) < r.height / 2);
        if (l) { l.left = Math.min(l.left, r.left); l.right = Math.max(l.right, r.right); l.bottom = Math.max(l.bottom, r.bottom); }
        else out.push({ left: r.left, top: r.top, right: r.right, bottom: r.bottom });
      }
      return out;
    };
    if (field.localName === 'textarea' || field.localName === 'input') {
      const cs = win.getComputedStyle(field);
      const div = doc.createElement('div');
      for (const p of cs) div.style.setProperty(p, cs.getPropertyValue(p));
      const r = field.getBoundingClientRect();
      Object.assign(div.style, { position: 'fixed', left: `${r.left}px`, top: `${r.top}px`, visibility: 'hidden', overflow: 'hidden', whiteSpace: 'pre-wrap', overflowWrap: 'break-word', width: `${r.width}px`, height: `${r.height}px`, boxSizing: 'border-box' });
      const node = doc.createTextNode(field.value);
      div.appendChild(node);
      doc.body.appendChild(div);
      div.scrollTop = field.scrollTop;
      let at = -1;
      for (let i = 0; i <= occ; i++) at = field.value.indexOf(w, at + 1);
      const range = doc.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + w.length);
      const out = perLine(range.getClientRects());
      div.remove();
      return out;
    }
    const walker = doc.createTreeWalker(field, win.NodeFilter.SHOW_TEXT);
    const nodes = [];
    let all = '';
    for (let n = walker.nextNode(); n; n = walker.nextNode()) { nodes.push([n, all.length]); all += n.data; }
    let at = -1;
    for (let i = 0; i <= occ; i++) at = all.indexOf(w, at + 1);
    if (at < 0) return [];
    const pos = (o) => { const [n, s] = nodes.findLast(([, s0]) => s0 <= o); return [n, o - s]; };
    const range = doc.createRange();
    range.setStart(...pos(at));
    range.setEnd(...pos(at + w.length));
    return perLine(range.getClientRects());
  }, [words, occurrence]);
}

/** Panel returns the bounding box (top-level page coordinates) of an element in any Sufler overlay of the page. */
export async function panelBox(page, selector) {
  return inOverlay(page.mainFrame(), (roots, sel) => {
    for (const root of roots) {
      const el = root.querySelector(sel);
      if (el) {
        const r = el.getBoundingClientRect();
        // Panels draw their text as generated content (attr(data-t)): read it the way it is shown.
        const shown = (x) => { let s = ''; const w = x.ownerDocument.createTreeWalker(x, 5); for (let n = w.currentNode; n; n = w.nextNode()) s += n.nodeType === 3 ? n.data : (n.dataset?.t ?? ''); return s; };
        return { x: r.left, y: r.top, width: r.width, height: r.height, text: shown(el) };
      }
    }
    return null;
  }, selector);
}

/** WaitPanel waits until an element exists in a Sufler overlay of the page, and returns its box. */
export async function waitPanel(page, selector, timeout = 10_000) {
  await waitOverlay(page.mainFrame(), (roots, sel) => roots.some((r) => r.querySelector(sel)), selector, timeout);
  return panelBox(page, selector);
}

/** ClickPanel clicks the middle of an overlay element with the mouse, as a person does. */
export async function clickPanel(page, selector) {
  const b = await waitPanel(page, selector);
  await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
  return b;
}

/** FrameOffset is where a frame's viewport sits in the page (0,0 for the main frame). */
export async function frameOffset(page, frame) {
  if (frame === page.mainFrame()) return { x: 0, y: 0 };
  const el = await frame.frameElement();
  const b = await el.boundingBox();
  const inner = await el.evaluate((f) => ({ x: f.clientLeft + parseFloat(getComputedStyle(f).paddingLeft), y: f.clientTop + parseFloat(getComputedStyle(f).paddingTop) }));
  return { x: b.x + inner.x, y: b.y + inner.y };
}

/** Percentile of a list of numbers (nearest rank). */
export function percentile(xs, p) {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** Normal compares editor texts: NBSP is a space, runs of line breaks are one, no trailing newline. */
export function normal(s) {
  return String(s).replace(/\u00a0/g, ' ').replace(/\n+/g, '\n').replace(/\n$/, '');
}

/**
 * WaitSelected waits until the selection in the field's frame is exactly `text` (what the agent sees highlighted
 * before typing over it: a template's first {{variable}}), in a textarea or input, a contenteditable, or an open
 * shadow root around the field; throws after the timeout with what was selected instead.
 */
export async function waitSelected(frame, text, timeout = 5000) {
  const read = () => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    if (a && (a.tagName === 'TEXTAREA' || a.tagName === 'INPUT')) return a.value.slice(a.selectionStart, a.selectionEnd);
    const root = a?.getRootNode?.();
    const sel = root && root !== document && root.getSelection ? root.getSelection() : document.getSelection();
    return String(sel ?? '');
  };
  try {
    await frame.waitForFunction(([r, want]) => new Function(`return (${r})`)()() === want, [read.toString(), text], { timeout });
  } catch {
    const got = await frame.evaluate((r) => new Function(`return (${r})`)()(), read.toString()).catch(() => '?');
    throw new Error(`the selection is «${got}», not «${text}», ${timeout} ms after the template went in`);
  }
}
