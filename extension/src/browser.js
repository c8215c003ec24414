// Package browser is the only module that touches chrome.* / browser.*: every other
// module asks it, so the rest of the extension stays testable in plain Node and the
// differences between Chromium and Firefox live in one place.

/** The extension API namespace: Firefox's promise-based `browser`, else Chromium's `chrome`. */
function ns() {
  const b = globalThis.browser ?? globalThis.chrome;
  if (!b?.runtime) throw new Error('Sufler: extension API is not available in this context');
  return b;
}

/** True when running as a Firefox extension (it has runtime.getBrowserInfo). */
export function isFirefox() {
  return typeof globalThis.browser?.runtime?.getBrowserInfo === 'function';
}

/** True when the extension API exists here (false in Node unit tests and plain pages). */
export function available() {
  return Boolean((globalThis.browser ?? globalThis.chrome)?.runtime?.id);
}

// ---- runtime messaging ----

/** Sends a message to the extension's other contexts and resolves with the first answer. */
export function sendMessage(msg) {
  return ns().runtime.sendMessage(msg);
}

/**
 * Listens to runtime messages. The handler returns undefined when the message is not
 * for it (another listener may answer), or a value / promise that becomes the reply.
 * Listening stops when `signal` aborts.
 */
export function onMessage(handler, signal) {
  const listener = (msg, sender, sendResponse) => {
    let out;
    try {
      out = handler(msg, sender);
    } catch (err) {
      sendResponse({ status: 500, body: { error: String(err?.message ?? err) } });
      return false;
    }
    if (out === undefined) return false;
    Promise.resolve(out).then(sendResponse, (err) =>
      sendResponse({ status: 500, body: { error: String(err?.message ?? err) } }));
    return true; // keep the channel open for the async reply (Chromium and Firefox)
  };
  ns().runtime.onMessage.addListener(listener);
  signal?.addEventListener('abort', () => ns().runtime.onMessage.removeListener(listener), { once: true });
}

/** Sends a message to a tab's content scripts (one frame when frameId is given). */
export function sendToTab(tabId, msg, frameId) {
  const opts = frameId === undefined ? undefined : { frameId };
  return ns().tabs.sendMessage(tabId, msg, opts);
}

/** The active tab of the current window, or undefined. Its url is present only under activeTab. */
export async function activeTab() {
  const [tab] = await ns().tabs.query({ active: true, currentWindow: true });
  return tab;
}

/** Opens a URL in a new tab (used for the browser's own shortcut settings page). */
export function openTab(url) {
  return ns().tabs.create({ url });
}

/** Full URL of a file packaged in the extension. */
export function getURL(path) {
  return ns().runtime.getURL(path);
}

/** The extension id. */
export function extensionId() {
  return ns().runtime.id;
}

/** Opens the options page. */
export function openOptionsPage() {
  return ns().runtime.openOptionsPage();
}

/** Runs cb when the extension is installed or updated. */
export function onInstalled(cb) {
  ns().runtime.onInstalled.addListener(cb);
}

/** Runs cb when the browser profile starts. */
export function onStartup(cb) {
  ns().runtime.onStartup.addListener(cb);
}

// ---- toolbar icon ----

/** Sets the toolbar icon's badge text and tooltip for one tab ('' text and title: back to the defaults). */
export async function setActionBadge(tabId, text, title) {
  const b = ns();
  await b.action.setBadgeText({ tabId, text });
  await b.action.setTitle({ tabId, title: title || b.i18n.getMessage('actionTitle') });
}

// ---- storage ----

/** Reads keys (array, or null for everything) from storage.local. */
export function storageGet(keys) {
  return ns().storage.local.get(keys);
}

/** Removes top-level keys from storage.local. */
export function storageRemove(keys) {
  return ns().storage.local.remove(keys);
}

/** Writes an object of top-level keys to storage.local. */
export function storageSet(items) {
  return ns().storage.local.set(items);
}

const sessionFallback = {}; // where storage.session is missing, memory stands in for it

/** Reads keys from storage.session (memory until the browser closes; not readable by content scripts). */
export async function sessionGet(keys) {
  const area = ns().storage.session;
  if (!area) return Object.fromEntries(keys.filter((k) => k in sessionFallback).map((k) => [k, structuredClone(sessionFallback[k])]));
  return area.get(keys);
}

/** Writes an object of top-level keys to storage.session. */
export async function sessionSet(items) {
  const area = ns().storage.session;
  if (!area) {
    for (const [k, v] of Object.entries(items)) sessionFallback[k] = structuredClone(v);
    return undefined;
  }
  return area.set(items);
}

/** Calls cb(tabId) when a tab closes, until signal aborts. */
export function onTabRemoved(cb, signal) {
  const ev = ns().tabs?.onRemoved;
  if (!ev) return;
  const listener = (tabId) => cb(tabId);
  ev.addListener(listener);
  signal?.addEventListener('abort', () => ev.removeListener(listener), { once: true });
}

/** Calls cb(changes) on storage.local changes until signal aborts. */
export function onStorageChanged(cb, signal) {
  const listener = (changes, area) => { if (area === 'local') cb(changes); };
  ns().storage.onChanged.addListener(listener);
  signal?.addEventListener('abort', () => ns().storage.onChanged.removeListener(listener), { once: true });
}

// ---- context menus and commands ----

/** Replaces all of the extension's context menu items with the given ones. */
export async function setMenus(items) {
  const menus = ns().contextMenus;
  await menus.removeAll();
  for (const item of items) {
    await new Promise((resolve) => {
      menus.create(item, () => { void ns().runtime.lastError; resolve(); });
    });
  }
}

/** Calls cb(info, tab) when one of the extension's menu items is clicked. */
export function onMenuClicked(cb, signal) {
  ns().contextMenus.onClicked.addListener(cb);
  signal?.addEventListener('abort', () => ns().contextMenus.onClicked.removeListener(cb), { once: true });
}

/** Calls cb(command, tab) when a keyboard command fires. */
export function onCommand(cb, signal) {
  ns().commands.onCommand.addListener(cb);
  signal?.addEventListener('abort', () => ns().commands.onCommand.removeListener(cb), { once: true });
}

/** The declared commands with their current shortcuts. */
export function getCommands() {
  return ns().commands.getAll();
}

/** Opens the browser's page for editing extension shortcuts. */
export async function openShortcutSettings() {
  const b = ns();
  if (typeof b.commands.openShortcutSettings === 'function') return b.commands.openShortcutSettings();
  if (isFirefox()) return b.tabs.create({ url: 'about:addons' });
  return b.tabs.create({ url: 'chrome://extensions/shortcuts' });
}

// ---- offscreen documents (Chromium only) ----

/** True when an offscreen document of this extension exists. */
export async function offscreenExists() {
  const c = globalThis.chrome;
  if (c.runtime.getContexts) {
    const ctx = await c.runtime.getContexts({ contextTypes: ['OFFSCREEN_DOCUMENT'] });
    return ctx.length > 0;
  }
  return c.offscreen.hasDocument();
}

/** Creates the offscreen document. */
export function createOffscreen(path, reasons, justification) {
  return globalThis.chrome.offscreen.createDocument({ url: path, reasons, justification });
}

/** Closes the offscreen document; resolves even if there is none. */
export async function closeOffscreen() {
  try {
    await globalThis.chrome.offscreen.closeDocument();
  } catch { /* none open */ }
}

// ---- i18n ----

/** The browser's UI language, e.g. "ru" or "en-US". */
export function uiLanguage() {
  try {
    return ns().i18n.getUILanguage();
  } catch {
    return globalThis.navigator?.language ?? 'en';
  }
}

// ---- team hub: enterprise policy and alarms ----

/**
 * Reads keys from storage.managed: the administrator's policy (Chromium: managed_schema;
 * Firefox: policies.json "3rdparty"). Resolves {} where there is no policy (Firefox throws
 * then) or no managed storage at all.
 */
export async function managedGet(keys) {
  try {
    return (await ns().storage.managed?.get(keys)) ?? {};
  } catch {
    return {};
  }
}

/** Calls cb(changes, area) on storage.local and storage.managed changes until signal aborts. */
export function onLocalOrManagedChanged(cb, signal) {
  const listener = (changes, area) => { if (area === 'local' || area === 'managed') cb(changes, area); };
  ns().storage.onChanged.addListener(listener);
  signal?.addEventListener('abort', () => ns().storage.onChanged.removeListener(listener), { once: true });
}

/** Creates (or replaces) a repeating alarm: it wakes the background even after it was stopped. */
export function alarmCreate(name, periodInMinutes) {
  return ns().alarms.create(name, { delayInMinutes: periodInMinutes, periodInMinutes });
}

/** Clears an alarm; resolves even when there is none. */
export async function alarmClear(name) {
  try { await ns().alarms.clear(name); } catch { /* none */ }
}

/** Calls cb() when the named alarm fires, until signal aborts. */
export function onAlarm(name, cb, signal) {
  const listener = (alarm) => { if (alarm?.name === name) cb(); };
  ns().alarms.onAlarm.addListener(listener);
  signal?.addEventListener('abort', () => ns().alarms.onAlarm.removeListener(listener), { once: true });
}
