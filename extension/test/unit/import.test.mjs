// Tests for src/options/import.js: the page refuses only what it need not send (empty, over
// the engine's own limit) and shows what the engine host answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { precheck, importPack } from '../../src/options/import.js';

const msg = (key, vars) => (vars ? `${key} ${JSON.stringify(vars)}` : key);
const limits = async () => ({ packMaxBytes: 100 });

test('precheck: empty and too big (by the engine\'s limit, in UTF-8 bytes) stop here; JSON is the engine\'s to judge', () => {
  assert.equal(precheck('  ', 100, msg)[0].problem, 'importEmpty');
  assert.equal(precheck('x'.repeat(101), 100, msg)[0].problem, 'importTooBig');
  assert.equal(precheck('я'.repeat(51), 100, msg)[0].problem, 'importTooBig', '102 bytes, 51 characters');
  assert.deepEqual(precheck('{not json', 100, msg), [], 'broken JSON goes to the engine, which says where');
});

test('importPack sends the text to the host and passes its answer on', async () => {
  const sent = [];
  const packs = async (op) => { sent.push(op); return { ok: true, pack: { id: 'a', title: 'A' }, replaced: false }; };
  const r = await importPack('{"id":"a"}', { packs, limits, msg });
  assert.deepEqual(sent, [{ op: 'import', text: '{"id":"a"}' }]);
  assert.deepEqual(r, { ok: true, pack: { id: 'a', title: 'A' }, replaced: false });
  const big = await importPack('x'.repeat(200), { packs, limits, msg });
  assert.equal(big.ok, false);
  assert.equal(sent.length, 1, 'a file over the limit is not sent');
});

test('importPack: the engine\'s problems, a built-in id and a too-large answer read as the agent needs', async () => {
  const answer = (r) => async () => r;
  const problems = [{ path: '', problem: 'invalid JSON at line 3, column 12 (byte 30): invalid character' }];
  let r = await importPack('{', { packs: answer({ ok: false, status: 400, error: 'pack was not loaded', problems }), limits, msg });
  assert.deepEqual(r.problems, [{ path: '', problem: 'importBadJSONAt {"line":3,"col":12,"error":"invalid character"}' }], 'the engine\'s line and column, in the page\'s language');
  r = await importPack('{}', { packs: answer({ ok: false, status: 409, error: 'pack "prove-customs" is built in and cannot be replaced', problems: [] }), limits, msg });
  assert.equal(r.error, 'importBuiltIn {"id":"prove-customs"}');
  r = await importPack('{}', { packs: answer({ ok: false, status: 413, error: 'too big', problems: [] }), limits, msg });
  assert.equal(r.error, 'importTooBig');
});
