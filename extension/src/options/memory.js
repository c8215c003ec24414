// Package memory is the options page's "what Sufler remembers": the conversations the background keeps (segment and
// customer's message per ticket, background/conversations.js) and the rules ignored per site, each listed with a way
// to forget it, and all at once.
import { sendMessage } from '../browser.js';
import { MSG } from '../shared/messages.js';
import { engine } from '../shared/api.js';
import { load, save } from '../shared/settings.js';
import { t } from '../shared/i18n.js';

function li(kids) {
  const el = document.createElement('li');
  el.append(...kids);
  return el;
}

function span(text) {
  const el = document.createElement('span');
  el.textContent = text;
  return el;
}

function button(label, aria, onClick) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = label;
  if (aria) b.setAttribute('aria-label', aria);
  b.addEventListener('click', onClick);
  return b;
}

/** Wires the section; render() re-reads both lists. */
export function init() {
  const err = document.getElementById('memory-error');
  const convUl = document.getElementById('conversations');
  const ignUl = document.getElementById('ignores');
  let titles = new Map(); // segment id → title, once the engine answers

  const call = async (msg) => {
    err.textContent = '';
    const reply = await sendMessage({ type: MSG.conversation, ...msg }).catch((e) => ({ error: e.message }));
    if (!reply || reply.error) err.textContent = reply?.error ?? 'no answer';
    return reply ?? {};
  };

  async function renderConversations() {
    const { conversations = [], max = 0 } = await call({ op: 'list' });
    document.getElementById('conversations-h').textContent = t('memoryConversations', { n: conversations.length, max });
    convUl.dataset.empty = t('memoryConversationsEmpty');
    convUl.replaceChildren(...conversations.map((c) => {
      const when = new Date(c.at).toLocaleString();
      const what = [c.segment ? t('memorySegment', { segment: titles.get(c.segment) ?? c.segment }) : t('memoryNoSegment')];
      if (c.context) what.push(t('memoryMessage', { text: c.context.length > 60 ? `${c.context.slice(0, 59)}…` : c.context }));
      const item = li([span(`${when} · ${what.join(' · ')}`), button(t('memoryForget'), null, async () => {
        await call({ op: 'forget', key: c.key });
        renderConversations();
      })]);
      item.dataset.key = c.key;
      return item;
    }));
    document.getElementById('conversations-forget').disabled = !conversations.length;
  }

  async function renderIgnores() {
    const { ignores } = await load();
    const rows = Object.entries(ignores).flatMap(([host, ids]) => ids.map((rule) => ({ host, rule })));
    ignUl.dataset.empty = t('memoryIgnoresEmpty');
    ignUl.replaceChildren(...rows.map(({ host, rule }) => li([span(`${host} · ${rule}`),
      button(t('memoryIgnoreRestore'), t('memoryIgnoreRestoreRule', { rule, host }), async () => {
        const cur = (await load()).ignores;
        const left = (cur[host] ?? []).filter((x) => x !== rule);
        const next = { ...cur, [host]: left };
        if (!left.length) delete next[host];
        await save({ ignores: next });
        renderIgnores();
      })])));
    document.getElementById('ignores-clear').disabled = !rows.length;
  }

  document.getElementById('conversations-forget').addEventListener('click', async () => {
    await call({ op: 'forget' });
    renderConversations();
  });
  document.getElementById('ignores-clear').addEventListener('click', async () => {
    await save({ ignores: {} });
    renderIgnores();
  });

  async function render() {
    await Promise.all([renderConversations(), renderIgnores()]);
  }
  engine.segments().then((segments) => {
    titles = new Map(segments.map((s) => [s.id, s.title]));
    renderConversations();
  }).catch(() => {});
  render();
  return { render };
}
