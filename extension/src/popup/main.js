// Package popup is the toolbar popup: offline search of the knowledge base (templates and
// cases) as you type, Copy, and Insert into the reply field last focused in the page.
import { activeTab, sendToTab, openOptionsPage } from '../browser.js';
import { api } from '../shared/api.js';
import { MSG } from '../shared/messages.js';
import { load, save, siteEnabled, withSite, withForce, forced, hostOf } from '../shared/settings.js';
import { t, setLang, localizeDocument } from '../shared/i18n.js';
import { renderFragment } from '../shared/highlight.js';
import { createSearch } from './search.js';

const $ = (id) => document.getElementById(id);
const qEl = $('q');
const resultsEl = $('results');
const statusEl = $('status');
const segmentEl = $('segment');
const actionsEl = $('actions');
const noteEl = $('action-note');
const STATE_KEY = 'sufler.popup';

let hits = [];
let active = -1;
let targetTab = null;
// Opened as a normal tab (tests, or the user pinned it): never close the window ourselves.
const params = new URLSearchParams(location.search);
const standalone = params.has('tab');

function kind() {
  return document.querySelector('input[name="kind"]:checked')?.value ?? '';
}

function currentParams() {
  return { q: qEl.value, kind: kind(), segment: segmentEl.value };
}

function saveState() {
  try {
    localStorage.setItem(STATE_KEY, JSON.stringify({ kind: kind(), segment: segmentEl.value }));
  } catch { /* storage may be off */ }
}

function setStatus(text, isError = false) {
  statusEl.textContent = text;
  statusEl.classList.toggle('error', isError);
}

function note(text, isError = false) {
  noteEl.textContent = text;
  noteEl.classList.toggle('error', isError);
}

function renderHit(hit, i) {
  const li = document.createElement('li');
  li.id = `hit-${i}`;
  li.setAttribute('role', 'option');
  li.setAttribute('aria-selected', 'false');
  li.dataset.index = String(i);

  const head = document.createElement('div');
  head.className = 'hit-head';
  const kindEl = document.createElement('span');
  kindEl.className = 'hit-kind';
  kindEl.textContent = hit.kind === 'case' ? t('kindCase') : t('kindTemplate');
  const title = document.createElement('span');
  title.className = 'hit-title';
  title.textContent = hit.title;
  head.append(kindEl, title);
  li.append(head);

  for (const f of (hit.fragments ?? []).slice(0, 2)) {
    const p = document.createElement('p');
    p.className = 'hit-frag';
    renderFragment(document, p, f);
    li.append(p);
  }
  return li;
}

function select(i, scroll = true) {
  const items = resultsEl.children;
  if (active >= 0 && items[active]) {
    items[active].setAttribute('aria-selected', 'false');
    items[active].querySelector('.hit-full')?.remove();
  }
  active = hits.length ? Math.max(0, Math.min(i, hits.length - 1)) : -1;
  actionsEl.hidden = active < 0;
  note('');
  if (active < 0) {
    qEl.removeAttribute('aria-activedescendant');
    resultsEl.removeAttribute('aria-activedescendant');
    return;
  }
  const li = items[active];
  li.setAttribute('aria-selected', 'true');
  // The whole text of the chosen entry, so the agent sees what will be inserted.
  const full = document.createElement('div');
  full.className = 'hit-full';
  const label = document.createElement('div');
  label.className = 'hit-full-label';
  label.textContent = hits[active].kind === 'case' ? t('previewCase') : t('previewTemplate');
  const text = document.createElement('p');
  text.className = 'hit-text';
  text.textContent = hits[active].text ?? '';
  full.append(label, text);
  li.append(full);
  qEl.setAttribute('aria-activedescendant', li.id);
  resultsEl.setAttribute('aria-activedescendant', li.id);
  if (scroll) li.scrollIntoView({ block: 'nearest' });
}

function showResult({ q, status, body }) {
  resultsEl.replaceChildren();
  hits = [];
  active = -1;
  actionsEl.hidden = true;
  if (!q) {
    setStatus(t('searchHint'));
  } else if (status !== 200) {
    setStatus(status === 503 || status === 0 ? t('engineDown') : t('searchFailed', { error: body?.error ?? status }), true);
  } else {
    hits = body.hits ?? [];
    setStatus(hits.length ? t('found', { n: body.total ?? hits.length }) : t('nothingFound'));
    hits.forEach((h, i) => resultsEl.append(renderHit(h, i)));
    if (hits.length) select(0, false);
  }
  qEl.setAttribute('aria-expanded', String(hits.length > 0));
}

const search = createSearch({
  call: (path) => api('GET', path),
  onResult: showResult,
  onPending: (on) => { if (on && !hits.length && qEl.value.trim()) setStatus(t('searching')); },
});

async function copyActive() {
  if (active < 0) return;
  const text = hits[active].text ?? '';
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    const ta = document.createElement('textarea');
    ta.value = text;
    document.body.append(ta);
    ta.select();
    document.execCommand('copy');
    ta.remove();
  }
  note(t('copied'));
}

async function insertActive() {
  if (active < 0) return;
  if (!targetTab?.id) { note(t('insertNoTab'), true); return; }
  const text = hits[active].text ?? '';
  let reply;
  try {
    reply = await sendToTab(targetTab.id, { type: MSG.insert, text });
  } catch {
    reply = undefined;
  }
  if (reply?.ok) {
    note(t('inserted'));
    if (!standalone) setTimeout(() => window.close(), 500);
  } else if (reply === undefined) {
    note(t('insertNoField'), true);
  } else {
    // reply.error is for the console: the agent reads the UI's own words.
    if (reply?.error) console.debug('Sufler: insert refused:', reply.error);
    note(t('insertRejected'), true);
  }
}

function onKey(e) {
  if (e.key === 'ArrowDown') { e.preventDefault(); select(active + 1); }
  else if (e.key === 'ArrowUp') { e.preventDefault(); select(active - 1); }
  else if (e.key === 'Home' && e.currentTarget === resultsEl) { e.preventDefault(); select(0); }
  else if (e.key === 'End' && e.currentTarget === resultsEl) { e.preventDefault(); select(hits.length - 1); }
  else if (e.key === 'PageDown') { e.preventDefault(); select(active + 5); }
  else if (e.key === 'PageUp') { e.preventDefault(); select(active - 5); }
  else if (e.key === 'Enter' && active >= 0) { e.preventDefault(); insertActive(); }
  else if ((e.ctrlKey || e.metaKey) && (e.key === 'c' || e.code === 'KeyC') && active >= 0) {
    // In the search field, Ctrl+C with text selected still copies that text.
    if (e.currentTarget === qEl && qEl.selectionStart !== qEl.selectionEnd) return;
    e.preventDefault();
    copyActive();
  }
}

async function loadSegments(attempt = 0) {
  const [segs, packs] = await Promise.all([api('GET', '/v1/segments'), api('GET', '/v1/packs')]).catch(() => [{ status: 0 }, { status: 0 }]);
  if (segs.status !== 200) {
    setStatus(t('engineStarting'));
    if (attempt < 40) setTimeout(() => loadSegments(attempt + 1), 500);
    return;
  }
  const titles = Object.fromEntries((packs.body?.packs ?? []).map((p) => [p.id, p.title]));
  const byPack = new Map();
  for (const s of segs.body.segments ?? []) {
    if (!byPack.has(s.pack)) byPack.set(s.pack, []);
    byPack.get(s.pack).push(s);
  }
  const keep = segmentEl.dataset.want ?? segmentEl.value;
  segmentEl.replaceChildren(new Option(t('segmentAll'), ''));
  for (const [pack, list] of byPack) {
    const group = document.createElement('optgroup');
    group.label = titles[pack] ?? pack;
    for (const s of list) group.append(new Option(s.title, s.id));
    segmentEl.append(group);
  }
  segmentEl.value = [...segmentEl.options].some((o) => o.value === keep) ? keep : '';
  if (!qEl.value.trim()) setStatus(t('searchHint'));
  else search.now(currentParams());
}

async function initSite(settings) {
  const tabId = Number(params.get('tab'));
  try {
    targetTab = tabId ? { id: tabId, url: params.get('url') ?? '' } : await activeTab();
  } catch {
    targetTab = null;
  }
  const host = hostOf(targetTab?.url ?? '');
  if (!host) return;
  const box = $('site-on');
  $('site-label').textContent = t('siteOn', { host });
  box.checked = siteEnabled(settings, host);
  $('site').hidden = false;
  box.addEventListener('change', async () => {
    const current = await load();
    await save({ sites: withSite(current.sites, host, box.checked) });
  });
  // A page that opts out says so here, with the agent's override for this host.
  const page = targetTab?.id ? await sendToTab(targetTab.id, { type: MSG.pageState }, 0).catch(() => null) : null;
  if (page?.optedOut || forced(settings, host)) {
    const force = $('force-on');
    $('force-label').textContent = t('siteForce', { host });
    force.checked = forced(settings, host);
    $('optout').hidden = false;
    force.addEventListener('change', async () => {
      const current = await load();
      await save({ sites: withForce(current.sites, host, force.checked) });
    });
  }
}

async function main() {
  const settings = await load().catch(() => null);
  setLang(settings?.ui.lang ?? 'auto');
  localizeDocument(document);
  try {
    const st = JSON.parse(localStorage.getItem(STATE_KEY) ?? '{}');
    const radio = document.querySelector(`input[name="kind"][value="${st.kind ?? ''}"]`);
    if (radio) radio.checked = true;
    if (st.segment) segmentEl.dataset.want = st.segment;
  } catch { /* first run */ }

  qEl.addEventListener('input', () => search.update(currentParams()));
  qEl.addEventListener('keydown', onKey);
  resultsEl.addEventListener('keydown', onKey);
  resultsEl.addEventListener('click', (e) => {
    const li = e.target.closest('li[role="option"]');
    if (li) select(Number(li.dataset.index), false);
  });
  resultsEl.addEventListener('dblclick', (e) => { if (e.target.closest('li[role="option"]')) insertActive(); });
  for (const r of document.querySelectorAll('input[name="kind"]')) {
    r.addEventListener('change', () => { saveState(); search.now(currentParams()); });
  }
  segmentEl.addEventListener('change', () => { delete segmentEl.dataset.want; saveState(); search.now(currentParams()); });
  $('insert').addEventListener('click', insertActive);
  $('copy').addEventListener('click', copyActive);
  $('open-options').addEventListener('click', () => openOptionsPage());

  setStatus(t('searchHint'));
  if (settings) initSite(settings);
  loadSegments();
  qEl.focus();
}

main();
