// Package search: inline knowledge search at the field (the "open-search" command, Alt+Shift+S by default):
// a query box, templates of the current segment as a listbox, Enter inserts the chosen one where the caret was.
import { t } from '../shared/i18n.js';
import { latest } from './schedule.js';
import { engine } from '../shared/api.js';
import { state, segment } from './state.js';
import { h, position, trapTab } from './panel.js';
import { uiFor, shift } from './overlay.js';
import { listbox, fragment } from './listbox.js';
import { insertTemplate, hide as hideStrip } from './strip.js';
import { trusted } from './trust.js';

let view = null;

/**
 * Open shows the search panel at the active (or last focused) field.
 * @returns {boolean} false when there is no field to insert into
 */
export function open() {
  const session = state.active ?? state.last;
  if (!session || session.signal.aborted) return false;
  close(false);
  hideStrip();
  const ui = uiFor(session.doc);
  const doc = ui.overlay.doc;
  const at = session.surface.selection() ?? { start: session.text.length, end: session.text.length };
  const caret = session.surface.focused() ? shift(session.surface.caretRect(), ui.dx, ui.dy) : null;
  const input = h(doc, 'input', {
    type: 'text', role: 'combobox', 'aria-expanded': 'true', 'aria-autocomplete': 'list',
    'aria-label': t('content.search.label'), placeholder: t('content.search.placeholder'), autocomplete: 'off', spellcheck: 'false',
  });
  const empty = h(doc, 'div', { class: 'empty', hidden: true }, t('content.search.empty'));
  const lb = listbox(doc, {
    label: t('content.search.label'),
    owner: input,
    render: (hit) => [h(doc, 'div', { class: 't' }, hit.title || hit.id),
      h(doc, 'div', { class: 'p' }, ...(hit.fragments?.length ? fragment(doc, hit.fragments[0]) : [oneLine(hit.text)]))],
    onPick: (hit) => pick(hit),
  });
  input.setAttribute('aria-controls', lb.el.id);
  const el = h(doc, 'div', { class: 'panel search', role: 'dialog', 'aria-label': t('content.search.label'), 'data-sufler-search': '' },
    input, h(doc, 'div', { class: 'results' }, lb.el, empty), h(doc, 'div', { class: 'hint' }, t('content.search.hint')));
  trapTab(el);
  ui.overlay.ui.appendChild(el);
  const anchor = caret ?? shift(session.surface.clipBox(), ui.dx, ui.dy);
  position(el, anchor, [caret]);

  const p = latest({
    delay: 150,
    run: (q, sig) => engine.search(q, segment().id, 'template', 8, { signal: sig, lane: 'search' }),
    onResult: (res) => {
      const hits = (res.hits ?? []).filter((x) => x.text);
      lb.update(hits);
      empty.hidden = hits.length > 0 || !input.value.trim();
      ui.overlay.announce(hits.length ? `${hits.length}: ${hits[0].title}` : t('content.search.empty'));
    },
    onError: () => {
      lb.update([]);
      empty.hidden = false;
      empty.textContent = t('content.engineDown');
    },
  });
  input.addEventListener('input', trusted(() => {
    if (input.value.trim()) p.push(input.value.trim());
    else {
      p.cancel();
      lb.update([]);
      empty.hidden = true;
    }
  }));
  input.addEventListener('keydown', trusted((e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      lb.move(e.key === 'ArrowDown' ? 1 : -1);
    } else if (e.key === 'Enter') {
      e.preventDefault();
      lb.pick();
    } else if (e.key === 'Escape') {
      e.preventDefault();
      close(true);
    }
    e.stopPropagation();
  }));
  const pick = async (hit) => {
    const s = view.session;
    const where = view.at;
    close(false);
    await insertTemplate(s, hit.text, where);
  };
  view = { session, el, at, p };
  // Seed the query with the selected words, if any: the agent often selects the customer's question.
  const picked = at.end > at.start ? session.text.slice(at.start, at.end).trim() : '';
  input.focus();
  if (picked && picked.length < 120) {
    input.value = picked;
    p.push(picked, 0);
  }
  return true;
}

/** Close closes the panel; with restore, focus and the selection go back to the field. */
export function close(restore) {
  if (!view) return;
  const v = view;
  view = null;
  v.p.cancel();
  v.el.remove();
  if (restore) v.session.surface.select(v.at.start, v.at.end);
}

/** Opened is true while the search panel is open. */
export function opened() {
  return !!view;
}

function oneLine(s) {
  const x = String(s ?? '').replace(/\s+/g, ' ').trim();
  return x.length > 90 ? `${x.slice(0, 89)}…` : x;
}
