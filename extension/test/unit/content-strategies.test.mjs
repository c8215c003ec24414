// Tests for src/content/strategies.js: which insertion strategies are tried, in which order, and how the result is
// confirmed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { choose, expected, same, ORDER } from '../../src/content/strategies.js';

test('each field kind has its own order', () => {
  const cases = [
    ['textarea', ['exec-command', 'range-text']],
    ['input', ['exec-command', 'range-text']],
    ['prosemirror', ['exec-command', 'paste']],
    ['ckeditor5', ['before-input', 'exec-command', 'paste']],
    ['draftjs', ['paste', 'before-input']],
    ['slate', ['before-input', 'paste']],
    ['lexical', ['before-input', 'exec-command', 'paste']],
    ['trix', ['paste', 'before-input', 'exec-command']],
    ['ckeditor4', ['exec-command', 'paste']],
    ['froala', ['exec-command', 'paste']],
    ['no-such-editor', ORDER.contenteditable],
  ];
  for (const [kind, want] of cases) assert.deepEqual(choose(kind), want, kind);
});

test('every editor module names a kind, detects, and orders only strategies that exist', async () => {
  const { EDITORS } = await import('../../src/content/editors/index.js');
  const { STRATEGIES } = await import('../../src/content/insert/index.js');
  const kinds = new Set();
  for (const e of EDITORS) {
    assert.ok(e.kind && !kinds.has(e.kind), `a unique kind: ${e.kind}`);
    kinds.add(e.kind);
    assert.equal(typeof e.detect, 'function', e.kind);
    assert.ok(e.order.length >= 2, `${e.kind}: a fallback after the first strategy`);
    for (const s of e.order) assert.ok(STRATEGIES[s], `${e.kind}: strategy ${s} exists`);
  }
});

test('Draft.js and Trix take text as a paste: their own model and their own undo entry', () => {
  // Draft reverts DOM edits made behind its back; Trix folds execCommand edits into the agent's typing for undo.
  assert.equal(choose('draftjs')[0], 'paste');
  assert.equal(choose('trix')[0], 'paste');
});

test('undoable strategies come before setRangeText in text controls', () => {
  const o = choose('textarea');
  assert.ok(o.indexOf('exec-command') < o.indexOf('range-text'));
});

test('failed strategies are skipped, but never all of them', () => {
  assert.deepEqual(choose('textarea', ['exec-command']), ['range-text']);
  assert.deepEqual(choose('quill', ['exec-command', 'paste']), ['paste'], 'the last one stays as the fallback');
});

test('several lines go in as a paste in rich editors, not in text controls', () => {
  assert.equal(choose('prosemirror', [], { multiline: true })[0], 'paste');
  assert.equal(choose('tinymce', [], { multiline: true })[0], 'paste');
  assert.equal(choose('textarea', [], { multiline: true })[0], 'exec-command');
});

test('expected replaces exactly the range', () => {
  assert.equal(expected('Я не знаю, но', 2, 9, 'уточню'), 'Я уточню, но');
  assert.equal(expected('ab', 2, 2, '😀'), 'ab😀');
});

test('same forgives NBSP, empty paragraphs and a trailing newline, nothing else', () => {
  assert.ok(same('a\u00a0b\n', 'a b'));
  assert.ok(same('a\n\nb', 'a\nb'));
  assert.ok(!same('a b b', 'a b'), 'a duplicated word is a difference');
  assert.ok(!same('a', 'a b'), 'a lost word is a difference');
});

test('a removal goes in as one neighbouring character taken along, never a line break', async () => {
  const { nonEmpty } = await import('../../src/content/insert/index.js');
  const t = 'Документы, короче, нужны\nВсё 🙂';
  const cut = (x, a) => x.slice(0, a.start) + a.text + x.slice(a.end);
  const cases = [
    [9, 18, { start: 9, end: 19, text: ' ' }], // «, короче,» takes the space after it
    [19, 24, { start: 18, end: 24, text: ' ' }], // «нужны» before a line break takes the space before it
    [25, 31, { start: 25, end: 31, text: '' }], // a whole line between a break and the end: nothing to take
    [25, 29, { start: 25, end: 31, text: '🙂' }], // a surrogate pair is taken whole
  ];
  for (const [start, end, want] of cases) {
    const got = nonEmpty(t, start, end, '');
    assert.deepEqual(got, want, `[${start}, ${end})`);
    assert.equal(cut(t, got), t.slice(0, start) + t.slice(end), 'the same text as removing the range');
  }
  assert.deepEqual(nonEmpty(t, 0, 9, 'Бумаги'), { start: 0, end: 9, text: 'Бумаги' }, 'text to insert is left alone');
});
