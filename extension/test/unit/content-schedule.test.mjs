// Tests for src/content/schedule.js: debounce and latest-wins cancellation of checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { latest, debounce } from '../../src/content/schedule.js';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('debounce calls once with the last arguments', async () => {
  const calls = [];
  const d = debounce((x) => calls.push(x), 20);
  d(1);
  d(2);
  d(3);
  await sleep(50);
  assert.deepEqual(calls, [3]);
  d(4);
  d.cancel();
  await sleep(40);
  assert.deepEqual(calls, [3]);
});

test('bursts of input run the work once, for the last input', async () => {
  const runs = [];
  const results = [];
  const p = latest({ delay: 20, run: async (x) => (runs.push(x), x.toUpperCase()), onResult: (r) => results.push(r) });
  for (const s of ['я', 'я н', 'я не']) p.push(s);
  await sleep(60);
  assert.deepEqual(runs, ['я не']);
  assert.deepEqual(results, ['Я НЕ']);
});

test('an answer that arrives after a newer push is dropped, and its signal aborted', async () => {
  const results = [];
  const signals = [];
  let release;
  const p = latest({
    delay: 5,
    run: (x, signal) => {
      signals.push(signal);
      if (x === 'old') return new Promise((r) => (release = () => r('old answer')));
      return Promise.resolve('new answer');
    },
    onResult: (r) => results.push(r),
  });
  p.push('old');
  await sleep(20); // 'old' is running now
  p.push('new');
  assert.equal(signals[0].aborted, true, 'the older run is aborted at once');
  release(); // the stale answer arrives while 'new' waits for its debounce
  await sleep(30);
  assert.deepEqual(results, ['new answer']);
  assert.equal(p.stats.dropped, 1);
  assert.equal(p.stats.delivered, 1);
});

test('a stale failure is not reported', async () => {
  const errors = [];
  let fail;
  const p = latest({
    delay: 1,
    run: (x) => (x === 'a' ? new Promise((_, rej) => (fail = () => rej(new Error('boom')))) : Promise.resolve(x)),
    onResult: () => {},
    onError: (e) => errors.push(e),
  });
  p.push('a');
  await sleep(10);
  p.push('b');
  fail();
  await sleep(20);
  assert.deepEqual(errors, []);
});

test('a current failure is reported', async () => {
  const errors = [];
  const p = latest({ delay: 1, run: async () => { throw new Error('engine down'); }, onResult: () => {}, onError: (e) => errors.push(e.message) });
  p.push('x');
  await sleep(20);
  assert.deepEqual(errors, ['engine down']);
});

test('aborting the owner signal cancels pending work', async () => {
  const ctrl = new AbortController();
  const runs = [];
  const p = latest({ delay: 10, signal: ctrl.signal, run: async (x) => runs.push(x), onResult: () => {} });
  p.push('x');
  ctrl.abort();
  p.push('y');
  await sleep(30);
  assert.deepEqual(runs, []);
  assert.equal(p.busy, false);
});

test('cancel drops a running answer', async () => {
  const results = [];
  const p = latest({ delay: 1, run: () => sleep(15).then(() => 'late'), onResult: (r) => results.push(r) });
  p.push('x');
  await sleep(5);
  p.cancel();
  await sleep(30);
  assert.deepEqual(results, []);
});

test('push with an explicit wait of 0 runs on the next tick', async () => {
  const results = [];
  const p = latest({ delay: 1000, run: async (x) => x, onResult: (r) => results.push(r) });
  p.push('now', 0);
  await sleep(10);
  assert.deepEqual(results, ['now']);
});
