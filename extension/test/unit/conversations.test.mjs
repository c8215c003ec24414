// Tests for shared/conversation.js (a ticket's identity from its URL) and background/conversations.js (the per-
// conversation memory: hashed keys, LRU cap, per-tab page-load memory, broadcast to the tab's frames, options-only
// listing and clearing).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ticketIdentity, hashKey } from '../../src/shared/conversation.js';
import { createConversations, MAX_REMEMBERED, STORE } from '../../src/background/conversations.js';
import { MSG } from '../../src/shared/messages.js';

test('ticketIdentity: the same ticket on its different pages, different tickets apart', () => {
  const same = [
    ['https://rt.example.com/Ticket/Display.html?id=42', 'https://rt.example.com/Ticket/Update.html?id=42&QuoteTransaction=7&Action=Respond'],
    ['https://desk.example.com/scp/tickets.php?id=42', 'https://desk.example.com/scp/tickets.php?id=42&a=edit#reply'],
    ['https://acme.zendesk.com/agent/tickets/42', 'https://acme.zendesk.com/agent/tickets/42/events'],
    ['https://support.example.ru/#ticket/zoom/42', 'https://support.example.ru/#ticket/zoom/42/reply'],
    ['https://chat.example.com/app/accounts/1/conversations/42', 'https://chat.example.com/app/accounts/1/conversations/42?tab=reply'],
    ['https://jira.example.com/browse/SUP-42', 'https://jira.example.com/browse/SUP-42?focusedCommentId=1'],
    ['https://www.example.com/helpdesk/conversation/42', 'https://example.com/helpdesk/conversation/42'],
  ];
  for (const [a, b] of same) {
    assert.ok(ticketIdentity(a), `identity of ${a}`);
    assert.equal(ticketIdentity(a), ticketIdentity(b), `${a} ~ ${b}`);
  }
  const apart = [
    ['https://rt.example.com/Ticket/Update.html?id=42', 'https://rt.example.com/Ticket/Update.html?id=43'],
    ['https://a.example.com/tickets/42', 'https://b.example.com/tickets/42'],
    ['https://chat.example.com/app/accounts/1/conversations/42', 'https://chat.example.com/app/accounts/1/conversations/43'],
  ];
  for (const [a, b] of apart) assert.notEqual(ticketIdentity(a), ticketIdentity(b), `${a} vs ${b}`);
  for (const none of ['https://example.com/', 'https://example.com/tickets/new', 'https://example.com/inbox', 'about:blank', 'not a url',
    'https://rt.example.com/Ticket/Update.html', 'file:///tmp/x.html?id=4']) {
    assert.equal(ticketIdentity(none), '', none);
  }
});

test('hashKey: fixed length hex, no trace of the URL', async () => {
  const id = ticketIdentity('https://desk.example.com/tickets/42?email=ivan@example.com');
  const k = await hashKey(id);
  assert.match(k, /^[0-9a-f]{32}$/);
  assert.equal(k, await hashKey(id));
  assert.notEqual(k, await hashKey(ticketIdentity('https://desk.example.com/tickets/43')));
});

function fakeIO() {
  const io = {
    local: {}, session: {}, sent: [], t: 0,
    localGet: async (keys) => Object.fromEntries(keys.filter((k) => k in io.local).map((k) => [k, structuredClone(io.local[k])])),
    localSet: async (items) => { for (const [k, v] of Object.entries(items)) io.local[k] = structuredClone(v); },
    sessionGet: async (keys) => Object.fromEntries(keys.filter((k) => k in io.session).map((k) => [k, structuredClone(io.session[k])])),
    sessionSet: async (items) => { for (const [k, v] of Object.entries(items)) io.session[k] = structuredClone(v); },
    sendToTab: async (tabId, msg) => { io.sent.push({ tabId, msg }); },
    now: () => ++io.t,
    extensionOrigin: 'chrome-extension://x/',
  };
  return io;
}
const from = (tabId, url, frameId = 0, frameUrl = url) => ({ tab: { id: tabId, url }, frameId, url: frameUrl });
const msg = (op, extra = {}) => ({ type: MSG.conversation, op, ...extra });

test('a ticket remembers across its pages and frames; another ticket does not see it', async () => {
  const io = fakeIO();
  const c = createConversations(io);
  const display = 'https://rt.example.com/Ticket/Display.html?id=42';
  const update = 'https://rt.example.com/Ticket/Update.html?id=42';
  await c.handle(msg('hello'), from(1, display));
  const set = await c.handle(msg('set', { context: 'Гарантируете, что выпустят завтра?', segment: 'smb' }), from(1, display));
  assert.deepEqual({ ...set }, { segment: 'smb', context: 'Гарантируете, что выпустят завтра?', remembered: true, scope: 'ticket' });
  assert.equal(io.sent.at(-1).tabId, 1);
  assert.equal(io.sent.at(-1).msg.type, MSG.conversationChanged);
  // The reply page in another tab, and a cross-origin frame in it (the tab's URL decides, not the frame's).
  await c.handle(msg('hello'), from(2, update));
  const got = await c.handle(msg('get'), from(2, update, 5, 'https://editor.other.com/frame'));
  assert.equal(got.segment, 'smb');
  assert.equal(got.context, 'Гарантируете, что выпустят завтра?');
  const other = await c.handle(msg('get'), from(3, 'https://rt.example.com/Ticket/Update.html?id=43'));
  assert.equal(other.segment, '');
  assert.equal(other.context, '');
  // Stored under a hash: no host, id or path.
  const raw = JSON.stringify(io.local);
  assert.doesNotMatch(raw, /rt\.example|Ticket|42/);
});

test('a page without ticket identity remembers for this page load only, per tab', async () => {
  const io = fakeIO();
  const c = createConversations(io);
  const url = 'https://helpdesk.example.com/reply';
  await c.handle(msg('hello'), from(1, url));
  await c.handle(msg('set', { segment: 'corporate' }), from(1, url));
  assert.equal((await c.handle(msg('get'), from(1, url, 3, 'https://frame.example.net/'))).segment, 'corporate', 'the tab\'s frames share it');
  assert.equal((await c.handle(msg('get'), from(2, url))).segment, '', 'another tab does not');
  assert.deepEqual(io.local, {}, 'nothing persistent');
  await c.handle(msg('hello'), from(1, url)); // reload
  assert.equal((await c.handle(msg('get'), from(1, url))).segment, '');
});

test('the memory is capped, least recently set first out; reads and URL changes write nothing', async () => {
  const io = fakeIO();
  const c = createConversations(io);
  for (let i = 0; i < MAX_REMEMBERED + 15; i++) {
    await c.handle(msg('set', { segment: 'smb' }), from(1, `https://desk.example.com/tickets/${i}`));
  }
  const all = io.local[STORE];
  assert.equal(Object.keys(all).length, MAX_REMEMBERED);
  assert.equal((await c.handle(msg('get'), from(1, 'https://desk.example.com/tickets/0'))).segment, '', 'the oldest went');
  assert.equal((await c.handle(msg('get'), from(1, `https://desk.example.com/tickets/${MAX_REMEMBERED + 14}`))).segment, 'smb');
  const before = JSON.stringify(io.local);
  for (let i = 0; i < 40; i++) {
    await c.handle(msg('hello'), from(1, `https://desk.example.com/tickets/x${i}`));
    await c.handle(msg('get'), from(1, `https://desk.example.com/tickets/y${i}`));
  }
  assert.equal(JSON.stringify(io.local), before, 'forty URLs without a set: no new entry');
});

test('bad input is refused; listing and clearing are for extension pages only', async () => {
  const io = fakeIO();
  const c = createConversations(io);
  const page = from(1, 'https://desk.example.com/tickets/1');
  assert.match((await c.handle(msg('set', { segment: '<script>' }), page)).error, /segment/);
  assert.match((await c.handle(msg('set', {}), page)).error, /give/);
  assert.match((await c.handle(msg('set', { context: 5 }), page)).error, /context/);
  await c.handle(msg('set', { segment: 'smb', context: 'x'.repeat(10000) }), page);
  assert.equal(Object.values(io.local[STORE])[0].context.length, 4000);
  assert.equal(c.handle(msg('list'), page), undefined, 'a content script cannot list');
  assert.equal(c.handle(msg('list'), { ...page, url: 'https://evil.example/chrome-extension://x/' }), undefined);
  assert.equal(c.handle(msg('forget'), page), undefined, 'nor clear');
  // The options page may sit in a tab: its URL, not the tab, says it is ours.
  const list = await c.handle(msg('list'), { tab: { id: 4, url: 'chrome-extension://x/options.html' }, url: 'chrome-extension://x/options.html' });
  assert.equal(list.conversations.length, 1);
  assert.equal(list.conversations[0].segment, 'smb');
  assert.ok(list.conversations[0].context.length <= 120);
  await c.handle(msg('forget', { key: list.conversations[0].key }), { url: 'chrome-extension://x/options.html' });
  assert.deepEqual(io.local[STORE], {});
  assert.equal(c.handle({ type: 'other' }, page), undefined);
});
