// Package session: one focused-at-least-once field and what Sufler knows about it — its text, findings and ignored
// occurrences kept attached to their words while the agent edits — plus the observers that tell features when the
// text changed ('change') or the field moved ('layout').
import { surfaceFor } from './surface.js';
import { overlayFor } from './overlay.js';
import { shadowRoots } from './fields.js';
import { rebase } from './spans.js';
import { BY_KIND } from './editors/index.js';

const sessions = new WeakMap();
let nextId = 1;

/**
 * SessionFor returns the session of a field, creating it on first use.
 * @param {{el: Element, kind: string}} field
 * @param {AbortSignal} signal the content script's lifetime
 * @returns {Session}
 */
export function sessionFor(field, signal) {
  let s = sessions.get(field.el);
  if (!s || s.signal.aborted) {
    s = new Session(field, signal);
    sessions.set(field.el, s);
  }
  return s;
}

/**
 * Session is one field's state. Events: 'change' (text changed), 'layout' (redraw needed), 'dispose'.
 * It holds an EventTarget rather than extending one: in a Firefox content script EventTarget is the page's
 * constructor seen through an Xray wrapper, and super() returns a page object without Session's methods
 * ("this.observe is not a function" on every focus).
 */
export class Session {
  constructor(field, signal) {
    this.events = new EventTarget();
    this.id = `f${nextId++}`;
    this.el = field.el;
    this.kind = field.kind;
    this.doc = this.el.ownerDocument;
    this.win = this.doc.defaultView;
    this.overlay = overlayFor(this.doc);
    this.surface = surfaceFor(field, () => this.overlay.measure);
    this.ctrl = new AbortController();
    this.signal = AbortSignal.any([signal, this.ctrl.signal]);
    /** text as last read */
    this.text = this.surface.text();
    /** findings for `text`: engine findings rebased through the agent's edits */
    this.findings = [];
    /** occurrences the agent chose to ignore here: {rule, start, end, match} */
    this.ignored = [];
    /** strategies that failed on this field, skipped next time */
    this.failedStrategies = new Set();
    this.frame = 0;
    this.observe();
    this.signal.addEventListener('abort', () => {
      this.overlay.clear(this.id);
      this.surface.dispose();
      this.dispatchEvent(new Event('dispose'));
    }, { once: true });
  }

  /** AddEventListener listens to the session's events (same arguments as EventTarget's). */
  addEventListener(type, fn, opts) {
    this.events.addEventListener(type, fn, opts);
  }

  /** RemoveEventListener stops listening. */
  removeEventListener(type, fn, opts) {
    this.events.removeEventListener(type, fn, opts);
  }

  /** DispatchEvent sends an event to the session's listeners. */
  dispatchEvent(ev) {
    return this.events.dispatchEvent(ev);
  }

  observe() {
    const opts = { signal: this.signal };
    const refresh = () => this.refresh();
    this.el.addEventListener('input', refresh, opts);
    // Editors also change their DOM without input events (undo, collaboration, programmatic setContent).
    if (this.kind !== 'textarea' && this.kind !== 'input') {
      const mo = new MutationObserver(refresh);
      mo.observe(this.el, { subtree: true, childList: true, characterData: true });
      this.signal.addEventListener('abort', () => mo.disconnect(), { once: true });
      BY_KIND[this.kind]?.attach?.(this); // what an editor needs beyond the common observers (editors/*.js)
    }
    const layout = () => this.layout();
    const capture = { capture: true, passive: true, signal: this.signal };
    this.win.addEventListener('scroll', layout, capture);
    this.win.addEventListener('resize', layout, { passive: true, signal: this.signal });
    // Scroll events inside shadow roots do not reach the window.
    for (const root of shadowRoots(this.el)) root.addEventListener('scroll', layout, capture);
    this.el.addEventListener('scroll', layout, { passive: true, signal: this.signal });
    this.win.visualViewport?.addEventListener('resize', layout, { passive: true, signal: this.signal });
    const ro = new this.win.ResizeObserver(layout);
    ro.observe(this.el);
    this.signal.addEventListener('abort', () => ro.disconnect(), { once: true });
  }

  /** Refresh re-reads the text; on a change it rebases findings and ignores and emits 'change'. */
  refresh() {
    if (!this.el.isConnected) {
      this.ctrl.abort();
      return;
    }
    const t = this.surface.text();
    if (t !== this.text) {
      const before = this.text;
      this.findings = rebase(this.findings, before, t);
      this.ignored = rebase(this.ignored, before, t);
      this.text = t;
      this.dispatchEvent(new CustomEvent('change', { detail: { before, text: t } }));
    }
    this.layout();
  }

  /** Layout asks features to redraw on the next animation frame (many scroll events make one redraw). */
  layout() {
    if (this.frame) return;
    this.frame = this.win.requestAnimationFrame(() => {
      this.frame = 0;
      if (this.signal.aborted) return;
      if (!this.el.isConnected) {
        this.ctrl.abort();
        return;
      }
      this.dispatchEvent(new Event('layout'));
    });
  }

  /** Ignore hides one occurrence of a rule in this field. */
  ignore(f) {
    this.ignored.push({ rule: f.rule, start: f.start, end: f.end, match: f.match });
    this.findings = this.findings.filter((x) => x !== f);
  }

  /** IsIgnored is true for a finding the agent ignored in this field. */
  isIgnored(f) {
    return this.ignored.some((i) => i.rule === f.rule && i.start === f.start && i.end === f.end);
  }

  /** Dispose stops observing the field. */
  dispose() {
    this.ctrl.abort();
  }
}
