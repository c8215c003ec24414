// Package flags: checks the reply while the agent types and draws the findings as underlines in the overlay.
// Debounced; a newer keystroke makes older answers stale (latest-wins), and nothing is drawn until the engine has
// answered about the text as it is now. Hovering or clicking an underline, or the "finding" shortcut, opens its card.
import { removal } from './edits.js';
import { t } from '../shared/i18n.js';
import { update } from '../shared/settings.js';
import { latest } from './schedule.js';
import { rebase } from './spans.js';
import { engine } from '../shared/api.js';
import { state, on, emit, segment, ignoredRules, host, eachDocument } from './state.js';
import * as card from './card.js';
import { replace } from './insert/index.js';
import { deepTarget } from './fields.js';
import { uiFor, shift } from './overlay.js';
import * as fill from './fill.js';
import { hide as hideStrip } from './strip.js';
import { outsideQuotes, quotedRanges } from './quotes.js';
import { trusted } from './trust.js';

/** DELAY is the pause in typing (ms) after which the reply is checked. */
export const DELAY = 180;

const attached = new WeakMap(); // session → pipeline
const live = new Set(); // sessions with something drawn
let fields = 0; // names each field's lane: its checks supersede each other, not another field's

/**
 * Init starts flagging in every session that gets focus.
 * @param {AbortSignal} signal
 */
export function init(signal) {
  on('active', (session) => session && attach(session, signal), signal);
  on('segment', () => recheckAll(), signal);
  on('settings', () => {
    for (const s of live) {
      s.findings = s.findings.filter((f) => visible(s, f));
      draw(s);
    }
    recheckAll();
  }, signal);
  eachDocument((doc, sig) => watchPointer(doc, sig), signal);
  signal.addEventListener('abort', () => {
    card.close();
    live.clear();
  }, { once: true });
}

/** Run opens the card of the finding at or after the caret in the active field (the "finding" shortcut). */
export function openAtCaret() {
  const s = state.active;
  if (!s || !s.findings.length) return false;
  const sel = s.surface.selection();
  const at = sel ? sel.start : 0;
  const list = [...s.findings].sort((a, b) => a.start - b.start);
  const f = list.find((x) => x.end >= at) ?? list[0];
  openCard(s, f, true);
  return true;
}

function recheckAll() {
  for (const s of live) attached.get(s)?.push(s.text, 0);
  if (state.active) attached.get(state.active)?.push(state.active.text, 0);
}

function attach(session, signal) {
  if (attached.has(session)) return;
  const lane = `check:${++fields}`;
  const p = latest({
    delay: DELAY,
    signal: AbortSignal.any([signal, session.signal]),
    run: (text, sig) => engine.check(text, segment().id, { signal: sig, lane }),
    onResult: (findings, text) => {
      state.engineDown = false;
      // The text may have moved on through an edit that did not reach us as 'change' yet: rebase, never guess.
      const now = session.surface.text();
      let list = findings.filter((f) => visible(session, f));
      if (now !== text) list = rebase(list, text, now);
      list = outsideQuotes(list, quotedRanges(session)); // the customer's quoted words are not the reply
      session.findings = list;
      session.checkedAt = performance.now();
      draw(session);
      emit('findings', session);
    },
    onError: (err) => {
      state.engineDown = true;
      session.findings = [];
      draw(session);
      emit('findings', session);
      console.debug('Sufler: check failed', err);
    },
  });
  attached.set(session, p);
  session.checks = p.stats;
  session.addEventListener('change', () => {
    p.push(session.text);
    draw(session);
  });
  session.addEventListener('layout', () => draw(session));
  session.addEventListener('dispose', () => {
    live.delete(session);
    if (card.opened()?.session === session) card.close();
  });
  p.push(session.text, 0);
}

// Visible is false for findings the agent ignored here or on this site.
function visible(session, f) {
  return !ignoredRules().has(f.rule) && !session.isIgnored(f);
}

/** Draw redraws one session's underlines and remembers their rects for hit-testing. */
export function draw(session) {
  if (session.signal.aborted) return;
  const list = session.findings;
  const geo = list.length ? session.surface.geometry(list) : [];
  const open = card.opened();
  session.drawn = list.map((f, i) => ({ finding: f, rects: geo[i] ?? [] }));
  session.overlay.draw(session.id, session.drawn.map(({ finding: f, rects }) => ({
    id: `${f.pack ? `${f.pack}/` : ''}${f.rule}@${f.start}`, // two packs may share a rule id
    severity: f.severity,
    rects,
    active: open?.finding === f,
    data: { rule: f.rule, start: String(f.start), end: String(f.end), severity: f.severity },
  })));
  // Counters for people debugging a page (and the e2e suite): how many answers came back stale and were dropped.
  session.overlay.layerOf(session.id).dataset.checks = `${session.checks?.delivered ?? 0}/${session.checks?.dropped ?? 0}`;
  if (list.length) live.add(session);
  else live.delete(session);
  if (open && open.session === session && !list.includes(open.finding)) card.close();
}

// Hit finds the session and finding under a point in a document.
function hit(doc, x, y) {
  for (const s of live) {
    if (s.doc !== doc) continue;
    for (const d of s.drawn ?? []) {
      if (d.rects.some((r) => x >= r.left && x <= r.right && y >= r.top - 2 && y <= r.bottom + 2)) return { session: s, finding: d.finding };
    }
  }
  return null;
}

function watchPointer(doc, signal) {
  const win = doc.defaultView;
  const opts = { passive: true, capture: true, signal };
  win.addEventListener('mousemove', trusted((e) => {
    const over = hit(doc, e.clientX, e.clientY);
    const open = card.opened();
    clearTimeout(hoverTimer);
    if (over && open?.finding === over.finding) return;
    if (!over && (!open || open.pinned)) return;
    hoverTimer = setTimeout(() => {
      if (over) openCard(over.session, over.finding, false);
      else closeUnlessHovered();
    }, over ? 250 : 400);
  }), opts);
  win.addEventListener('mouseup', trusted((e) => {
    const target = deepTarget(e);
    if (target?.closest?.('[data-sufler-ui]') || target?.getRootNode?.().host?.hasAttribute?.('data-sufler-ui')) return;
    const over = hit(doc, e.clientX, e.clientY);
    if (over) {
      clearTimeout(hoverTimer);
      const c = openCard(over.session, over.finding, false);
      if (c) c.pinned = true;
    } else if (card.opened()?.pinned && card.opened().session?.doc === doc) {
      card.close();
    }
  }), opts);
  signal.addEventListener('abort', () => clearTimeout(hoverTimer), { once: true });
}

let hoverTimer = 0;
// CloseUnlessHovered closes a card opened by hover once the pointer has left both the words and the card.
function closeUnlessHovered() {
  const open = card.opened();
  if (open && !open.pinned && !card.hovered()) card.close();
}

function openCard(session, f, focus) {
  const d = session.drawn?.find((x) => x.finding === f);
  const local = d?.rects?.length ? d.rects : session.surface.geometry([f])[0];
  if (!local.length) return null;
  const ui = uiFor(session.doc);
  hideStrip();
  const c = card.open({
    overlay: ui.overlay,
    finding: f,
    rects: local.map((r) => shift(r, ui.dx, ui.dy)),
    caret: session.surface.focused() ? shift(session.surface.caretRect(), ui.dx, ui.dy) : null,
    focus,
    onLeave: () => {
      clearTimeout(hoverTimer);
      hoverTimer = setTimeout(closeUnlessHovered, 400);
    },
    onReplace: (text) => applyReplacement(session, f, text),
    onIgnoreHere: () => {
      session.ignore(f);
      card.close();
      draw(session);
      emit('findings', session);
      session.surface.select(f.end, f.end);
    },
    onIgnoreSite: async () => {
      const h = host();
      card.close();
      session.findings = session.findings.filter((x) => x.rule !== f.rule);
      draw(session);
      emit('findings', session);
      await update('ignores', (ig) => ({ ...ig, [h]: [...new Set([...(ig[h] ?? []), f.rule])] }));
    },
    onClose: (how) => {
      draw(session);
      if (how === 'escape' && focus) {
        const sel = { start: f.end, end: f.end };
        session.surface.select(sel.start, sel.end);
      }
    },
  });
  c.session = session;
  c.pinned = focus;
  draw(session);
  return c;
}

/**
 * ApplyReplacement replaces a finding's words with a replacement through the editor, after checking that the words
 * are still where the finding says.
 */
export async function applyReplacement(session, f, text) {
  const now = session.surface.text();
  if (now.slice(f.start, f.end) !== f.match) {
    card.say(t('content.card.changed'));
    attached.get(session)?.push(now, 0);
    return { ok: false, error: 'changed' };
  }
  // The engine fitted the replacement to its sentence (case, capital, seam); it goes in as it stands.
  // Removing words ("" replacement) takes their commas and spaces along, so the sentence still reads.
  let { start, end } = f;
  if (text === '') ({ start, end, text } = removal(now, start, end));
  const res = await replace(session, start, end, text);
  if (res.ok) {
    card.close();
    session.findings = session.findings.filter((x) => x !== f);
    draw(session);
    // A replacement may carry {{variables}} to fill in, like a template.
    if (!fill.start(session, start, res.caret)) session.surface.select(res.caret, res.caret);
  } else {
    card.say(t('content.card.failed'));
  }
  return res;
}
