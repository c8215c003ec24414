import { test } from 'node:test';
import assert from 'node:assert/strict';
import { precheck, importPack, lineCol, jsonErrorOffset, MAX_BYTES } from '../../src/options/import.js';

const msg = (key, vars) => (vars ? `${key} ${JSON.stringify(vars)}` : key);

test('lineCol counts from 1', () => {
  assert.deepEqual(lineCol('ab\ncd', 0), { line: 1, col: 1 });
  assert.deepEqual(lineCol('ab\ncd', 4), { line: 2, col: 2 });
});

test('jsonErrorOffset finds where JSON breaks', () => {
  const cases = [
    ['{"a": 1}', -1], ['[1, 2, {"b": [true, false, null, -1.5e3, "x\\n\\u0041"]}]', -1], ['  "s"  ', -1],
    ['{"a": 1,}', 8], ['{"a" 1}', 5], ['[1 2]', 3], ['{"a": tru}', 6], ['"abc', 4], ['{"a": 01}', 7],
    ['{"a": "\\q"}', 8], ['', 0], ['{} x', 3], ['{"a": "line\nbreak"}', 11],
  ];
  for (const [text, want] of cases) {
    assert.equal(jsonErrorOffset(text), want, text);
    let parsed = true;
    try { JSON.parse(text); } catch { parsed = false; }
    assert.equal(parsed, want === -1, `agrees with JSON.parse: ${text}`);
  }
});

test('precheck: empty, too big, bad JSON with line, not an object, bad id', () => {
  assert.equal(precheck('  ', msg).problems[0].problem, 'importEmpty');
  assert.equal(precheck(`"${'x'.repeat(MAX_BYTES)}"`, msg).problems[0].problem, 'importTooBig');
  const bad = precheck('{\n  "id": "x",\n  "title": }', msg).problems[0];
  assert.equal(bad.path, '');
  assert.match(bad.problem, /^importBadJSONAt \{"line":3,"col":12,/);
  assert.equal(precheck('[1]', msg).problems[0].problem, 'importNotObject');
  const noId = precheck('{"title":"x"}', msg);
  assert.deepEqual(noId.problems.map((p) => p.path), ['id']);
  assert.equal(precheck('{"id":"Мой пакет"}', msg).problems[0].path, 'id');
  assert.deepEqual(precheck('{"id":"my-pack"}', msg), { id: 'my-pack', problems: [] });
});

function deps(reply, settings = { packs: { disabled: ['my-pack', 'other'], custom: {} } }) {
  const saved = [];
  const calls = [];
  return {
    saved,
    calls,
    api: async (method, path, body) => { calls.push([method, path, body]); return reply; },
    load: async () => structuredClone(settings),
    save: async (patch) => { saved.push(patch); },
    msg,
  };
}

test('a pack the engine rejects is not saved, and its problems come back with paths', async () => {
  const problems = [{ path: 'templates[0].variants.smb', problem: 'empty' }, { path: 'rules[2].patterns[0]', problem: 'bad gap' }];
  const d = deps({ status: 400, body: { error: 'pack my-pack has 2 problems', problems } });
  const r = await importPack('{"id":"my-pack"}', d);
  assert.equal(r.ok, false);
  assert.deepEqual(r.problems, problems);
  assert.deepEqual(d.saved, []);
  assert.deepEqual(d.calls, [['PUT', '/v1/packs/my-pack', '{"id":"my-pack"}']]);
});

test('local problems never reach the engine', async () => {
  const d = deps({ status: 200, body: {} });
  const r = await importPack('{"id": 5}', d);
  assert.equal(r.ok, false);
  assert.equal(d.calls.length, 0);
  assert.deepEqual(d.saved, []);
});

test('413 is explained', async () => {
  const d = deps({ status: 413, body: { error: 'body too large' } });
  const r = await importPack('{"id":"big"}', d);
  assert.equal(r.error, 'importTooBig');
});

test('409, an import over a built-in pack, is explained and saves nothing', async () => {
  const d = deps({ status: 409, body: { error: 'pack "prove-customs" is built in and cannot be replaced' } });
  const r = await importPack('{"id":"prove-customs"}', d);
  assert.equal(r.ok, false);
  assert.equal(r.error, 'importBuiltIn {"id":"prove-customs"}');
  assert.deepEqual(d.saved, []);
});

test('an accepted pack is saved with its exact text and taken off the disabled list', async () => {
  const text = '{ "id": "my-pack", "title": "Мой" }';
  const d = deps({ status: 200, body: { pack: { id: 'my-pack', title: 'Мой', templates: 1 } } });
  const r = await importPack(text, d);
  assert.equal(r.ok, true);
  assert.equal(r.replaced, false);
  assert.deepEqual(d.saved, [{ packs: { disabled: ['other'], custom: { 'my-pack': text } } }]);
});
