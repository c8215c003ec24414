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
    ['no-such-editor', ORDER.contenteditable],
  ];
  for (const [kind, want] of cases) assert.deepEqual(choose(kind), want, kind);
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
