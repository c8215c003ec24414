// Package fields: finds the fields the agent writes in (textarea, text input, contenteditable, rich editors) through
// open shadow roots and same-origin frames, names the editor behind each, and keeps Sufler out of the places it must
// never read: password and payment-card fields, hidden fields, and anything a page opted out with data-sufler="off".
//
// Page opt-out (documented in docs/extension.md): `data-sufler="off"` on a field or any ancestor (through shadow
// hosts and frame elements) turns Sufler off for it; `<meta name="sufler" content="off">` turns it off for the page.

import { editorOf } from './editors/index.js';

/** OPT_OUT is the attribute a page sets to "off" to keep Sufler out of a field or a subtree. */
export const OPT_OUT = 'data-sufler';

const TEXT_INPUT_TYPES = new Set(['text', 'search', '']);

/**
 * Kind names the editor behind an editing host, which decides how text is read and how replacements go in; each rich
 * editor is recognised by its own module in editors/.
 * @param {Element} host a textarea, an input, or the root of a contenteditable region
 * @returns {string}
 */
export function kindOf(host) {
  const tag = host.localName;
  if (tag === 'textarea') return 'textarea';
  if (tag === 'input') return 'input';
  return editorOf(host)?.kind ?? 'contenteditable';
}

/**
 * EditingHost returns the field an element belongs to: the textarea or text input itself, or the outermost
 * contenteditable element around it (rich editors nest contenteditable=false islands and true holes). Null when the
 * element is not editable text.
 * @param {Element|null} el
 * @returns {Element|null}
 */
export function editingHost(el) {
  if (!el || el.nodeType !== 1) return null;
  const tag = el.localName;
  if (tag === 'textarea') return el;
  if (tag === 'input') return TEXT_INPUT_TYPES.has((el.getAttribute('type') || '').toLowerCase()) ? el : null;
  if (!el.isContentEditable) return null;
  let host = el;
  for (let p = parentElement(host); p && p.isContentEditable; p = parentElement(p)) host = p;
  return host;
}

// ParentElement steps out of shadow roots too: a contenteditable host can be a shadow host's child only in light DOM,
// but its ancestors for opt-out and clipping include the hosts.
function parentElement(el) {
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode?.();
  return root && root.host ? root.host : null;
}

/**
 * Composed ancestors: the element, its ancestors, shadow hosts, and the frame elements of same-origin parents.
 * @param {Element} el
 */
export function* ancestors(el) {
  for (let e = el; e; ) {
    yield e;
    const p = parentElement(e);
    if (p) {
      e = p;
      continue;
    }
    let frame = null;
    try {
      frame = e.ownerDocument?.defaultView?.frameElement ?? null;
    } catch {
      frame = null; // cross-origin parent: its opt-out is its own frame's business
    }
    e = frame;
  }
}

/**
 * OptedOut is true when the page asked Sufler to stay away from el: data-sufler="off" on it or an ancestor, or
 * <meta name="sufler" content="off"> in its document or a same-origin parent document.
 * @param {Element} el
 */
export function optedOut(el) {
  for (const a of ancestors(el)) {
    // Sufler's own UI stays out even where the agent overrode the page's opt-out.
    if ((a.getAttribute?.(OPT_OUT) || '').toLowerCase() === 'off' && (optOut.honoured || a.hasAttribute('data-sufler-ui'))) return true;
  }
  for (let doc = el.ownerDocument; doc && optOut.honoured; ) {
    if (pageOptedOut(doc)) return true;
    let frame = null;
    try {
      frame = doc.defaultView?.frameElement ?? null;
    } catch {
      frame = null;
    }
    doc = frame?.ownerDocument ?? null;
  }
  return false;
}

/** OptOut.honoured is false on a host where the agent or an admin overrode the page's opt-out (settings sites.force). */
export const optOut = { honoured: true };

/**
 * PageOptedOut is true when a document's head carries <meta name="sufler" content="off">. Only the head counts: a
 * meta inside the body may be a customer's message the helpdesk rendered, and a customer must not switch Sufler off.
 * @param {Document} doc
 */
export function pageOptedOut(doc) {
  const head = doc.head;
  if (!head || head.parentElement !== doc.documentElement) return false;
  const m = Array.from(head.children).find((e) => e.localName === 'meta' && (e.getAttribute('name') || '').toLowerCase() === 'sufler');
  return !!m && (m.getAttribute('content') || '').trim().toLowerCase() === 'off';
}

/**
 * Secret is true for fields Sufler never reads: passwords, payment cards, one-time codes, hidden inputs.
 * @param {Element} el
 */
export function secret(el) {
  if (el.localName === 'input') {
    const type = (el.getAttribute('type') || 'text').toLowerCase();
    if (type === 'password' || type === 'hidden') return true;
  }
  const ac = (el.getAttribute('autocomplete') || '').toLowerCase().split(/\s+/);
  return ac.some((t) => t.startsWith('cc-') || t === 'current-password' || t === 'new-password' || t === 'one-time-code');
}

/**
 * Hidden is true when a field is not rendered or cannot be typed in.
 * @param {Element} el
 */
export function hidden(el) {
  if (el.disabled || el.readOnly) return true;
  if (el.getAttribute('aria-hidden') === 'true') return true;
  const view = el.ownerDocument?.defaultView;
  const style = view?.getComputedStyle?.(el);
  if (style && (style.display === 'none' || style.visibility === 'hidden' || style.visibility === 'collapse')) return true;
  const r = el.getBoundingClientRect?.();
  return !r || (r.width < 1 && r.height < 1);
}

/**
 * Eligible is true when Sufler may read and flag the field.
 * @param {Element} host an editing host (see editingHost)
 */
export function eligible(host) {
  return !secret(host) && !hidden(host) && !optedOut(host);
}

/**
 * Field returns {el, kind} for an event target deep inside a page (through open shadow roots), or null when it is
 * not an eligible field.
 * @param {Element|null} target
 */
export function fieldOf(target) {
  const host = editingHost(target);
  if (!host || !eligible(host)) return null;
  return { el: host, kind: kindOf(host) };
}

/**
 * DeepTarget is the innermost element an event happened on, inside open shadow roots.
 * @param {Event} e
 */
export function deepTarget(e) {
  const path = e.composedPath?.();
  const t = path && path.length ? path[0] : e.target;
  return t && t.nodeType === 3 ? t.parentElement : t;
}

/**
 * DeepActive is the focused element of a document, inside open shadow roots.
 * @param {Document} doc
 */
export function deepActive(doc) {
  let a = doc.activeElement;
  while (a && a.shadowRoot && a.shadowRoot.activeElement) a = a.shadowRoot.activeElement;
  return a;
}

/**
 * ShadowRoots lists the open shadow roots that contain el, innermost first: scroll events inside them do not reach
 * the window, so their listeners go on each root.
 * @param {Element} el
 */
export function shadowRoots(el) {
  const out = [];
  for (let root = el.getRootNode?.(); root && root.host; root = root.host.getRootNode()) out.push(root);
  return out;
}

/**
 * Scan walks a document or shadow root, through open shadow roots and same-origin frames, and returns every
 * eligible field (used when the popup inserts and no field was ever focused: one field on the page is the target).
 * @param {Document|ShadowRoot|Element} root
 * @returns {{el: Element, kind: string}[]}
 */
export function scan(root) {
  const out = [];
  const seen = new Set();
  const visit = (r) => {
    const all = r.querySelectorAll('*');
    for (const el of all) {
      if (el.shadowRoot) visit(el.shadowRoot);
      if (el.localName === 'iframe' || el.localName === 'frame') {
        let doc = null;
        try {
          doc = el.contentDocument;
        } catch {
          doc = null;
        }
        if (doc && doc.documentElement) visit(doc);
        continue;
      }
      const host = editingHost(el);
      if (host && !seen.has(host)) {
        seen.add(host);
        if (eligible(host)) out.push({ el: host, kind: kindOf(host) });
      }
    }
    if (r.body?.isContentEditable) {
      const host = editingHost(r.body);
      if (host && !seen.has(host)) {
        seen.add(host);
        if (eligible(host)) out.push({ el: host, kind: kindOf(host) });
      }
    }
  };
  visit(root);
  return out;
}
