// Package listbox: an ARIA listbox of options with one active option (aria-activedescendant), used by the
// suggestions strip, the inline search and the segment menu.
import { h } from './panel.js';

let nextId = 1;

/**
 * Listbox builds a listbox.
 * @template T
 * @param {Document} doc
 * @param {object} o
 * @param {string} o.label accessible name
 * @param {(item: T) => (Node|string)[]} o.render an option's content
 * @param {(item: T, index: number, e?: Event) => void} o.onPick a click or pick(), with the event that did it
 * @param {Element} [o.owner] the element that holds focus and points at the active option (a combobox input);
 *   the listbox itself otherwise
 */
export function listbox(doc, o) {
  const id = `sufler-lb-${nextId++}`;
  const el = h(doc, 'div', { role: 'listbox', id, 'aria-label': o.label });
  let items = [];
  let index = -1;
  const owner = () => o.owner ?? el;
  const paint = () => {
    Array.from(el.children).forEach((c, i) => c.setAttribute('aria-selected', String(i === index)));
    if (index >= 0 && el.children[index]) {
      owner().setAttribute('aria-activedescendant', el.children[index].id);
      el.children[index].scrollIntoView?.({ block: 'nearest' });
    } else {
      owner().removeAttribute('aria-activedescendant');
    }
  };
  const api = {
    el,
    get items() {
      return items;
    },
    get index() {
      return index;
    },
    /** Update replaces the options; the first becomes active. */
    update(list) {
      items = list;
      index = list.length ? 0 : -1;
      el.replaceChildren(...list.map((it, i) => h(doc, 'div', {
        role: 'option', id: `${id}-${i}`, class: 'opt', 'aria-selected': 'false',
        onmousedown: (e) => e.preventDefault(),
        onclick: (e) => o.onPick(it, i, e),
      }, ...o.render(it))));
      paint();
    },
    /** Move makes the next (d=1) or previous (d=-1) option active, wrapping. */
    move(d) {
      if (!items.length) return;
      index = (index + d + items.length) % items.length;
      paint();
    },
    /** Set makes option i active. */
    set(i) {
      index = Math.max(-1, Math.min(i, items.length - 1));
      paint();
    },
    /** Pick picks the active option; e is the key event that picked it, if any. */
    pick(e) {
      if (index >= 0) o.onPick(items[index], index, e);
    },
  };
  return api;
}

/**
 * Fragment turns an engine search fragment ("text with <mark>hit</mark>", everything else HTML-escaped) into
 * nodes, without ever parsing page-controlled HTML.
 * @param {Document} doc
 * @param {string} s
 */
export function fragment(doc, s) {
  const out = [];
  const unescape = (x) => x.replace(/&(lt|gt|amp|quot|#39|#34|apos);/g, (m, e) => ({ lt: '<', gt: '>', amp: '&', quot: '"', '#39': "'", '#34': '"', apos: "'" })[e]);
  const parts = String(s).split(/(<mark>[\s\S]*?<\/mark>)/);
  for (const p of parts) {
    if (!p) continue;
    const m = /^<mark>([\s\S]*)<\/mark>$/.exec(p);
    if (m) out.push(h(doc, 'mark', {}, unescape(m[1])));
    else out.push(unescape(p));
  }
  return out;
}
