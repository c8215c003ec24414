// browser.js wrappers, the api() client and the background's menu/command forwarding, run
// against a fake chrome.* so no browser is needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { installFakeChrome } from './fake-browser.mjs';
import { onMessage } from '../../src/browser.js';
import { api, query, EngineUnavailable } from '../../src/shared/api.js';
import { init as initMenus, createMenus, MENU_MARK_CUSTOMER } from '../../src/background/menus.js';
import { MSG, COMMANDS } from '../../src/shared/messages.js';

const fake = installFakeChrome();
const listeners = { message: [], menu: [], command: [] };
const sentToTabs = [];
const menus = [];
chrome.runtime.onMessage = { addListener: (l) => listeners.message.push(l), removeListener: (l) => { listeners.message = listeners.message.filter((x) => x !== l); } };
chrome.contextMenus = {
  removeAll: async () => { menus.length = 0; },
  create: (item, cb) => { menus.push(item); cb?.(); },
  onClicked: { addListener: (l) => listeners.menu.push(l), removeListener() {} },
};
chrome.commands = { onCommand: { addListener: (l) => listeners.command.push(l), removeListener() {} } };
chrome.tabs = {
  sendMessage: async (tabId, msg, opts) => { sentToTabs.push({ tabId, msg, opts }); if (tabId === 666) throw new Error('no receiver'); return { ok: true }; },
  query: async () => [{ id: 42 }],
};

function deliver(msg, sender = {}) {
  return new Promise((resolve) => {
    let kept = false;
    const responded = new Promise((r) => {
      for (const l of listeners.message) kept = l(msg, sender, r) || kept;
    });
    if (!kept) resolve({ kept, reply: undefined });
    else responded.then((reply) => resolve({ kept, reply }));
  });
}

test('onMessage: undefined means "not mine", values and promises become replies, throws become 500', async () => {
  const ctrl = new AbortController();
  onMessage((msg) => {
    if (msg.type === 'sync') return { n: 1 };
    if (msg.type === 'async') return Promise.resolve({ n: 2 });
    if (msg.type === 'reject') return Promise.reject(new Error('nope'));
    if (msg.type === 'throw') throw new Error('bad');
    return undefined;
  }, ctrl.signal);
  assert.deepEqual(await deliver({ type: 'other' }), { kept: false, reply: undefined });
  assert.deepEqual(await deliver({ type: 'sync' }), { kept: true, reply: { n: 1 } });
  assert.deepEqual(await deliver({ type: 'async' }), { kept: true, reply: { n: 2 } });
  assert.deepEqual((await deliver({ type: 'reject' })).reply, { status: 500, body: { error: 'nope' } });
  assert.equal(listeners.message.length, 1);
  ctrl.abort();
  assert.equal(listeners.message.length, 0, 'removed on abort');
});

test('api() sends sufler:api and passes HTTP errors through; transport failures throw EngineUnavailable', async () => {
  const sent = [];
  chrome.runtime.sendMessage = async (m) => { sent.push(m); return { status: 400, body: { error: 'unknown segment' } }; };
  assert.deepEqual(await api('POST', '/v1/check', { text: 'x' }), { status: 400, body: { error: 'unknown segment' } });
  assert.deepEqual(sent[0], { type: MSG.api, method: 'POST', path: '/v1/check', body: { text: 'x' } });
  chrome.runtime.sendMessage = async () => { throw new Error('Extension context invalidated.'); };
  await assert.rejects(api('GET', '/v1/health'), EngineUnavailable);
  chrome.runtime.sendMessage = async () => undefined;
  await assert.rejects(api('GET', '/v1/health'), /no answer/);
  assert.equal(query({ q: 'груз', kind: '', segment: undefined, limit: 5 }), '?q=%D0%B3%D1%80%D1%83%D0%B7&limit=5');
  assert.equal(query({}), '');
});

test('the context menu item exists in the UI language and forwards the selection to its frame', async () => {
  await createMenus();
  assert.deepEqual(menus.map((m) => [m.id, m.contexts]), [[MENU_MARK_CUSTOMER, ['selection']]]);
  initMenus();
  listeners.menu[0]({ menuItemId: MENU_MARK_CUSTOMER, selectionText: 'груз точно пройдёт?', frameId: 3 }, { id: 7 });
  listeners.menu[0]({ menuItemId: 'someone-else', selectionText: 'x', frameId: 0 }, { id: 7 });
  await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(sentToTabs.shift(), { tabId: 7, msg: { type: MSG.command, command: COMMANDS.markCustomer, selectionText: 'груз точно пройдёт?' }, opts: { frameId: 3 } });
  assert.equal(sentToTabs.length, 0);
});

test('commands go to every frame of the tab; unknown ones and dead tabs are ignored', async () => {
  await listeners.command[0]('open-search', { id: 9 });
  await listeners.command[0]('toggle-site', undefined); // no tab given: the active one
  await listeners.command[0]('_execute_action', { id: 9 });
  await listeners.command[0]('mark-customer', { id: 666 }); // a tab without a content script
  await new Promise((r) => setTimeout(r, 5));
  assert.deepEqual(sentToTabs.splice(0), [
    { tabId: 9, msg: { type: MSG.command, command: 'open-search' }, opts: undefined },
    { tabId: 42, msg: { type: MSG.command, command: 'toggle-site' }, opts: undefined },
    { tabId: 666, msg: { type: MSG.command, command: 'mark-customer' }, opts: undefined },
  ]);
});

test('build.mjs stops with a clear message when the engine is not built', () => {
  const ext = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
  const r = spawnSync(process.execPath, ['build.mjs', '--no-zip'], {
    cwd: ext, env: { ...process.env, SUFLER_WASM_DIR: '/nonexistent/sufler-wasm' }, encoding: 'utf8',
  });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /sufler-wasm is missing sufler\.wasm, wasm_exec\.js, sufler\.mjs — build the engine first: \(cd .* && make wasm\)/);
});
