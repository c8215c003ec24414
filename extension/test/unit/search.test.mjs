import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createSearch, searchPath } from '../../src/popup/search.js';

function deferred() {
  let resolve;
  const promise = new Promise((r) => { resolve = r; });
  return { promise, resolve };
}

test('searchPath encodes the query and skips empty filters', () => {
  assert.equal(searchPath({ q: ' груз задержали ', kind: '', segment: '' }), '/v1/search?q=%D0%B3%D1%80%D1%83%D0%B7+%D0%B7%D0%B0%D0%B4%D0%B5%D1%80%D0%B6%D0%B0%D0%BB%D0%B8&limit=20');
  assert.equal(searchPath({ q: 'a&b', kind: 'case', segment: 'smb', limit: 5 }), '/v1/search?q=a%26b&kind=case&segment=smb&limit=5');
});

test('typing is debounced into one request', async () => {
  const calls = [];
  const results = [];
  const s = createSearch({ call: async (p) => { calls.push(p); return { status: 200, body: { hits: [] } }; }, onResult: (r) => results.push(r.q), debounceMs: 20 });
  for (const q of ['г', 'гр', 'гру', 'груз']) s.update({ q, kind: '', segment: '' });
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(calls.length, 1);
  assert.match(calls[0], /q=%D0%B3%D1%80%D1%83%D0%B7&/);
  assert.deepEqual(results, ['груз']);
});

test('an answer that arrives after a newer query is dropped', async () => {
  const pending = [];
  const results = [];
  const s = createSearch({
    call: () => { const d = deferred(); pending.push(d); return d.promise; },
    onResult: (r) => results.push(r.q),
    debounceMs: 0,
  });
  const first = s.now({ q: 'груз', kind: '', segment: '' });
  const second = s.now({ q: 'груз задержали', kind: '', segment: '' });
  pending[1].resolve({ status: 200, body: { hits: [] } });
  await second;
  pending[0].resolve({ status: 200, body: { hits: [] } }); // the slow, stale one
  await first;
  assert.deepEqual(results, ['груз задержали']);
});

test('clearing the query clears at once and cancels the pending search', async () => {
  const calls = [];
  const results = [];
  const s = createSearch({ call: async (p) => { calls.push(p); return { status: 200, body: { hits: [1] } }; }, onResult: (r) => results.push(r), debounceMs: 20 });
  s.update({ q: 'груз', kind: '', segment: '' });
  s.update({ q: '  ', kind: '', segment: '' });
  await new Promise((r) => setTimeout(r, 50));
  assert.equal(calls.length, 0);
  assert.deepEqual(results, [{ q: '', status: 200, body: { total: 0, hits: [] } }]);
});

test('a failing call becomes a result with status 0, not an exception', async () => {
  const results = [];
  const s = createSearch({ call: async () => { throw new Error('background gone'); }, onResult: (r) => results.push(r), debounceMs: 0 });
  await s.now({ q: 'x', kind: '', segment: '' });
  assert.equal(results[0].status, 0);
  assert.equal(results[0].body.error, 'background gone');
});
