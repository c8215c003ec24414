import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createLanes } from '../../src/engine/lanes.js';
import { createEngineHost } from '../../src/engine/host.js';
import { createRouter } from '../../src/background/router.js';
import { createClient, SUPERSEDED, EngineError } from '../../src/shared/protocol.js';
import { latest } from '../../src/content/schedule.js';
import { MSG } from '../../src/shared/messages.js';

const tick = () => new Promise((r) => setTimeout(r, 0));

test('one request per lane at a time; only the newest waits, the older waiting ones are superseded', async () => {
  const lanes = createLanes();
  assert.equal(await lanes.enter('a', 1), true, 'an idle lane starts at once');
  const seen = [];
  const two = lanes.enter('a', 2).then((ok) => seen.push(['2', ok]));
  const three = lanes.enter('a', 3).then((ok) => seen.push(['3', ok]));
  assert.equal(await lanes.enter('b', 1), true, 'another lane is not held up');
  await two;
  assert.deepEqual(seen, [['2', false]]);
  lanes.leave('a');
  await three;
  assert.deepEqual(seen, [['2', false], ['3', true]]);
  assert.equal(await lanes.enter('a', 2), false, 'an older seq arriving late never starts');
  lanes.leave('a');
  assert.equal(await lanes.enter('a', 4), true);
  assert.deepEqual(lanes.stats, { started: 4, superseded: 2 });
  assert.equal(await lanes.enter('', 0), true, 'no lane: no gate');
});

test('a cancel drops the waiting request up to its seq, and refuses those seqs later', async () => {
  const lanes = createLanes();
  await lanes.enter('a', 1);
  const waiting = lanes.enter('a', 2);
  lanes.cancel('a', 1);
  lanes.leave('a');
  assert.equal(await waiting, true, 'a cancel of an older seq leaves the newer one');
  const next = lanes.enter('a', 3);
  lanes.cancel('a', 3);
  assert.equal(await next, false);
  assert.equal(await lanes.enter('a', 3), false, 'a cancelled seq never starts');
  lanes.leave('a');
  assert.equal(await lanes.enter('a', 4), true);
});

test('idle lanes are forgotten past the bound; busy ones are kept', async () => {
  const lanes = createLanes({ max: 3 });
  await lanes.enter('busy', 1);
  for (let i = 0; i < 10; i++) { await lanes.enter(`l${i}`, 1); lanes.leave(`l${i}`); }
  assert.ok(lanes.size <= 4, `size ${lanes.size}`);
  const w = lanes.enter('busy', 2);
  lanes.leave('busy');
  assert.equal(await w, true, 'the busy lane kept its place');
});

/** A Worker stand-in whose checks take `ms` each, one after another, like the single-threaded engine. */
class SlowWorker extends EventTarget {
  constructor(log, ms) {
    super();
    this.log = log;
    this.ms = ms;
    this.busyUntil = 0;
    setTimeout(() => this.emit({ type: 'ready' }), 1);
  }
  emit(data) { this.dispatchEvent(Object.assign(new Event('message'), { data })); }
  terminate() {}
  postMessage(m) {
    assert.equal(m.type, MSG.api, 'the worker gets the envelope');
    const text = m.body ? (typeof m.body === 'string' ? JSON.parse(m.body) : m.body).text : null;
    this.log.push(text ?? `${m.method} ${m.path}`);
    const start = Math.max(Date.now(), this.busyUntil);
    this.busyUntil = start + this.ms;
    setTimeout(() => this.emit({ type: 'reply', id: m.id, status: 200, body: JSON.stringify({ findings: [{ match: text }] }) }), this.busyUntil - Date.now());
  }
}

function pipeline(ms) {
  const log = [];
  const host = createEngineHost({ spawn: () => new SlowWorker(log, ms), getConfig: async () => ({ disabled: [], custom: {} }) });
  const router = createRouter({ engine: host, getConfig: async () => ({}), origin: 'chrome-extension://abc/' });
  const sender = { url: 'https://helpdesk.example/t/1', tab: { id: 4 }, frameId: 0 };
  // structuredClone: a runtime message is a copy, as between real contexts.
  const client = createClient(async (msg) => router.handle(structuredClone(msg), sender));
  return { log, host, client, router, sender };
}

test('typing on: the checks superseded while the engine was busy never reach it', async () => {
  const { log, host, client } = pipeline(300); // long enough that a loaded machine still types faster
  await client.health(); // the engine is up
  log.length = 0;
  const answers = [];
  let prev = null;
  for (const text of ['Я', 'Я н', 'Я не', 'Я не з', 'Я не знаю']) {
    prev?.abort();
    const ctrl = new AbortController();
    prev = ctrl;
    answers.push(client.check(text, '', { lane: 'check:1', signal: ctrl.signal }).then((f) => f[0].match, (e) => e.name === 'AbortError' ? 'aborted' : e.status));
    await tick();
  }
  assert.deepEqual(await Promise.all(answers), ['aborted', 'aborted', 'aborted', 'aborted', 'Я не знаю']);
  assert.deepEqual(log, ['Я', 'Я не знаю'], 'only the check already running and the newest one ran');
  assert.equal(host.status().lanes.superseded, 3);
});

test('a superseded check without a signal gets 499, and another field\'s checks are not touched', async () => {
  const { log, client } = pipeline(300);
  await client.health();
  log.length = 0;
  const a1 = client.check('поле 1: раз', '', { lane: 'check:1' });
  const b1 = client.check('поле 2: раз', '', { lane: 'check:2' });
  await tick();
  const a2 = client.check('поле 1: два', '', { lane: 'check:1' });
  const a3 = client.check('поле 1: три', '', { lane: 'check:1' });
  await assert.rejects(a2, (e) => e instanceof EngineError && e.status === SUPERSEDED && e.body.superseded === true);
  assert.equal((await a3)[0].match, 'поле 1: три');
  assert.equal((await a1)[0].match, 'поле 1: раз');
  assert.equal((await b1)[0].match, 'поле 2: раз');
  assert.deepEqual(log.sort(), ['поле 1: раз', 'поле 1: три', 'поле 2: раз']);
});

test('the content script\'s scheduler cancels the older check on a keystroke: it never reaches the engine', async () => {
  const { log, client } = pipeline(300);
  await client.health();
  log.length = 0;
  const results = [];
  const p = latest({ delay: 0, run: (text, signal) => client.check(text, '', { lane: 'check:7', signal }), onResult: (f) => results.push(f[0].match) });
  p.push('Добрый');
  await new Promise((r) => setTimeout(r, 5));
  p.push('Добрый де'); // aborts the first: already running, it still runs, but its answer is dropped
  await new Promise((r) => setTimeout(r, 5));
  p.cancel(); // the field went away while the second waited on its lane: its cancel reaches the host first
  await new Promise((r) => setTimeout(r, 700));
  assert.deepEqual(log, ['Добрый'], 'the cancelled check never ran');
  assert.deepEqual(results, []);
  p.push('Добрый день');
  await new Promise((r) => setTimeout(r, 700));
  assert.deepEqual(results, ['Добрый день']);
  assert.deepEqual(log, ['Добрый', 'Добрый день']);
});

test('a reloaded page (same tab and frame, seqs from 1 again) gets its checks answered', async () => {
  const { log, client, router, sender } = pipeline(5);
  for (let i = 0; i < 5; i++) await client.check(`до ${i}`, '', { lane: 'check:1' });
  const again = createClient(async (msg) => router.handle(structuredClone(msg), sender));
  assert.equal((await again.check('после', '', { lane: 'check:1' }))[0].match, 'после');
  assert.equal(log.at(-1), 'после');
});
