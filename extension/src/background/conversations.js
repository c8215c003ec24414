// Package conversations is the background's memory of what the agent chose per conversation: the segment and the
// customer's message. It lives here, not in the page, for three reasons:
//   - every frame of a tab shares it, so a reply box in a cross-origin iframe gets the message marked and the
//     segment chosen in the top page;
//   - the conversation is named from the tab's URL, which a page cannot forge, and only trusted agent actions
//     write (a content script sends `set` only after a trusted click or key), so a page that changes its URL forty
//     times writes nothing;
//   - the stored keys are hashes of "host|ticket id" (shared/conversation.js): storage holds no URL, ticket number or
//     e-mail address, and at most MAX_REMEMBERED entries (least recently used go first).
// A page whose URL names no ticket gets a memory for this page load only (storage.session, per tab).
import { MSG } from '../shared/messages.js';
import { ticketIdentity, hashKey } from '../shared/conversation.js';

/** MAX_REMEMBERED caps the remembered conversations; the least recently set is dropped first. */
export const MAX_REMEMBERED = 100;
/** MAX_CONTEXT caps a remembered customer message (characters). */
export const MAX_CONTEXT = 4000;
/** STORE is the storage.local key of the remembered conversations. */
export const STORE = 'conversations';
const TABS = 'sufler-tabs'; // storage.session: {tabId: {url, segment, context}} for pages with no ticket identity

const SEGMENT = /^[a-z0-9-]{1,64}$/;

/**
 * Creates the store. `io` gives {localGet, localSet, sessionGet, sessionSet, sendToTab, extensionOrigin, now}:
 * browser.js in production, fakes in unit tests. extensionOrigin ("chrome-extension://id/") tells the extension's own
 * pages (options, popup — which may well sit in a tab) from content scripts.
 */
export function createConversations(io) {
  const now = io.now ?? (() => Date.now());
  const origin = io.extensionOrigin ?? '';
  const isExtensionPage = (sender) => !!origin && typeof sender?.url === 'string' && sender.url.startsWith(origin);
  let queue = Promise.resolve(); // writes go one at a time: two frames saving at once must not lose one

  const serial = (fn) => {
    const p = queue.then(fn, fn);
    queue = p.catch(() => {});
    return p;
  };

  async function tabs() {
    return (await io.sessionGet([TABS]))?.[TABS] ?? {};
  }

  async function remembered() {
    const v = (await io.localGet([STORE]))?.[STORE];
    return v && typeof v === 'object' && !Array.isArray(v) ? v : {};
  }

  // Where is this sender's conversation: {key} for a ticket, {tab} for a page load only, or null (no tab).
  async function whereOf(sender, msg) {
    const tabId = sender?.tab?.id;
    if (typeof tabId !== 'number') return null;
    const t = (await tabs())[tabId];
    const url = sender.tab.url || t?.url || (sender.frameId === 0 ? sender.url : '') || '';
    const identity = ticketIdentity(url);
    if (identity) return { key: await hashKey(identity), tabId };
    return { tab: String(tabId), tabId, url: url.split('#')[0] };
  }

  async function read(where) {
    if (where.key) {
      const e = (await remembered())[where.key];
      return { segment: e?.segment ?? '', context: e?.context ?? '', remembered: !!e, scope: 'ticket' };
    }
    const t = (await tabs())[where.tab];
    const same = t && t.url === where.url;
    return { segment: same ? t.segment ?? '' : '', context: same ? t.context ?? '' : '', remembered: false, scope: 'page' };
  }

  async function write(where, patch) {
    if (where.key) {
      const all = await remembered();
      const e = { ...(all[where.key] ?? {}), ...patch, at: now() };
      if (!e.segment) delete e.segment;
      if (!e.context) delete e.context;
      delete all[where.key];
      if (e.segment || e.context) all[where.key] = e;
      const keys = Object.keys(all).sort((a, b) => (all[a].at ?? 0) - (all[b].at ?? 0));
      for (const k of keys.slice(0, Math.max(0, keys.length - MAX_REMEMBERED))) delete all[k];
      await io.localSet({ [STORE]: all });
      return;
    }
    const t = await tabs();
    const cur = t[where.tab]?.url === where.url ? t[where.tab] : { url: where.url };
    t[where.tab] = { ...cur, ...patch };
    await io.sessionSet({ [TABS]: t });
  }

  function checkPatch(msg) {
    const patch = {};
    if ('segment' in msg) {
      if (msg.segment !== null && msg.segment !== '' && !(typeof msg.segment === 'string' && SEGMENT.test(msg.segment))) {
        return { error: `segment: must be a segment id or null, got ${JSON.stringify(msg.segment)}` };
      }
      patch.segment = msg.segment || '';
    }
    if ('context' in msg) {
      if (msg.context !== null && typeof msg.context !== 'string') return { error: 'context: must be a string or null' };
      patch.context = (msg.context ?? '').slice(0, MAX_CONTEXT);
    }
    if (!Object.keys(patch).length) return { error: 'set: give segment and/or context' };
    return { patch };
  }

  /** Handle answers a MSG.conversation message, or returns undefined when it is not one. */
  function handle(msg, sender) {
    if (!msg || msg.type !== MSG.conversation) return undefined;
    const ours = isExtensionPage(sender);
    const fromPage = !ours && typeof sender?.tab?.id === 'number';
    switch (msg.op) {
      case 'hello': // a top frame loaded: a page with no ticket identity starts with an empty memory
        if (!fromPage || sender.frameId !== 0) return Promise.resolve({ error: 'hello: top frames only' });
        return serial(async () => {
          const t = await tabs();
          const url = String(sender.tab.url || sender.url || msg.url || '');
          t[sender.tab.id] = { url: ticketIdentity(url) ? url : url.split('#')[0] };
          await io.sessionSet({ [TABS]: t });
          const state = await read(await whereOf(sender, msg));
          // Frames that asked before the top frame said hello hear the new page's memory.
          Promise.resolve(io.sendToTab(sender.tab.id, { type: MSG.conversationChanged, ...state })).catch(() => {});
          return state;
        });
      case 'get':
        if (!fromPage) return Promise.resolve({ error: 'get: from a tab only' });
        return whereOf(sender, msg).then(read);
      case 'set': {
        if (!fromPage) return Promise.resolve({ error: 'set: from a tab only' });
        const { patch, error } = checkPatch(msg);
        if (error) return Promise.resolve({ error });
        return serial(async () => {
          const where = await whereOf(sender, msg);
          await write(where, patch);
          const state = await read(where);
          // Every frame of the tab hears it: the reply box may be in another frame than the marked message.
          Promise.resolve(io.sendToTab(where.tabId, { type: MSG.conversationChanged, ...state })).catch(() => {});
          return state;
        });
      }
      case 'list': // options page only
        if (!ours) return undefined;
        return remembered().then((all) => ({
          conversations: Object.entries(all)
            .map(([key, e]) => ({ key, segment: e.segment ?? '', context: e.context ? e.context.slice(0, 120) : '', at: e.at ?? 0 }))
            .sort((a, b) => b.at - a.at),
          max: MAX_REMEMBERED,
        }));
      case 'forget': // options page only: one key, or every one
        if (!ours) return undefined;
        return serial(async () => {
          const all = await remembered();
          if (typeof msg.key === 'string') delete all[msg.key];
          const next = typeof msg.key === 'string' ? all : {};
          await io.localSet({ [STORE]: next });
          if (typeof msg.key !== 'string') await io.sessionSet({ [TABS]: {} }); // all: the page-load memories too
          return { ok: true, left: Object.keys(next).length };
        });
      default:
        return Promise.resolve({ error: `unknown op ${JSON.stringify(msg.op)}` });
    }
  }

  /** TabClosed forgets a closed tab's page-load memory. */
  function tabClosed(tabId) {
    return serial(async () => {
      const t = await tabs();
      if (!(tabId in t)) return;
      delete t[tabId];
      await io.sessionSet({ [TABS]: t });
    });
  }

  return { handle, tabClosed };
}
