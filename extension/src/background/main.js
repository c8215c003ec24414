// Package background is the extension's background: it only routes messages. On Chromium
// (service worker) the engine lives in the offscreen document; on Firefox the event page
// hosts the engine itself in a Worker.
import * as browser from '../browser.js';
import { createRouter } from './router.js';
import { createOffscreenEngine } from './offscreen-engine.js';
import { createEngineHost } from '../engine/host.js';
import { createMenus, init as initMenus } from './menus.js';
import { createConversations } from './conversations.js';
import { load, onChange, update } from '../shared/settings.js';
import { packStore } from '../shared/pack-store.js';
import { setLang, t } from '../shared/i18n.js';
import { init as initHub, hubReplay } from './hub.js';

/* global __SUFLER_TARGET__ */
const TARGET = typeof __SUFLER_TARGET__ === 'string' ? __SUFLER_TARGET__ : 'chromium';

// The engine host owns the custom packs (the extension's IndexedDB, which content scripts
// cannot read); the background only tells it which built-in packs are switched off, and
// the team hub's last accepted update to replay (hub.js). The host asks before it loads
// the stored packs: packs an earlier version kept in storage.local are in IndexedDB by then.
const getConfig = async () => {
  await packStore().migrate().catch((err) => console.warn('Sufler: moving custom packs to IndexedDB failed:', err));
  return { disabled: [...(await load()).packs.disabled], hub: await hubReplay() };
};
packStore().migrate().catch((err) => console.warn('Sufler: moving custom packs to IndexedDB failed:', err));

const engine = TARGET === 'firefox'
  ? createEngineHost({ spawn: () => new Worker(browser.getURL('engine/worker.js')), getConfig, store: packStore(), log: console.warn })
  : createOffscreenEngine(browser, { log: console.warn });

const router = createRouter({
  engine,
  getConfig,
  setBuiltinOff: (id, off) => update('packs', (p) => ({ ...p, disabled: off ? [...new Set([...p.disabled, id])] : p.disabled.filter((d) => d !== id) })),
  origin: browser.getURL(''),
  offscreenURL: TARGET === 'firefox' ? '' : browser.getURL('offscreen.html'),
  setBadge: (tabId, off) => browser.setActionBadge(tabId, off ? 'off' : '', off ? t('actionPageOptedOut') : ''),
});
const conversations = createConversations({
  localGet: browser.storageGet, localSet: browser.storageSet,
  sessionGet: browser.sessionGet, sessionSet: browser.sessionSet, sendToTab: browser.sendToTab,
  extensionOrigin: browser.getURL(''),
});
// The conversation memory answers its own messages (and checks their senders itself); the
// router takes the rest.
browser.onMessage((msg, sender) => conversations.handle(msg, sender) ?? router.handle(msg, sender));
browser.onTabRemoved((tabId) => { conversations.tabClosed(tabId); });
// The team hub: nothing at all unless a hub is configured (hub.js).
initHub(new AbortController().signal, { engine, origin: browser.getURL('') });

async function refreshMenus() {
  const settings = await load();
  setLang(settings.ui.lang);
  await createMenus();
}

initMenus();
// Up to 0.1 chosen segments were kept under raw "host/path" keys in 'segments'; conversations.js replaced them.
browser.onInstalled(() => { refreshMenus(); browser.storageRemove(['segments']).catch(() => {}); });
browser.onStartup(() => { refreshMenus(); });
onChange((settings, keys) => { if (keys.includes('ui')) refreshMenus(); });
