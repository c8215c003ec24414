// Tests for src/content/spans.js: findings and ignored occurrences stay on their words while the agent edits.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { edit, rebase, stretch } from '../../src/content/spans.js';

test('edit finds the single changed stretch', () => {
  assert.deepEqual(edit('abc', 'abXc'), { start: 2, removed: 0, inserted: 1 });
  assert.deepEqual(edit('abc', 'ac'), { start: 1, removed: 1, inserted: 0 });
  assert.deepEqual(edit('aaa', 'aaaa'), { start: 3, removed: 0, inserted: 1 });
  assert.deepEqual(edit('same', 'same'), { start: 4, removed: 0, inserted: 0 });
});

const text = 'Я не знаю, но мы гарантируем 100%';
const f = (word) => ({ start: text.indexOf(word), end: text.indexOf(word) + word.length, word });

test('typing before a span shifts it, typing after leaves it', () => {
  const spans = [f('не знаю'), f('гарантируем')];
  const before = rebase(spans, text, 'Ну, ' + text);
  assert.deepEqual(before.map((s) => s.start), [spans[0].start + 4, spans[1].start + 4]);
  const after = rebase(spans, text, text + '!');
  assert.deepEqual(after, spans);
});

test('an edit inside a span drops it; the others survive', () => {
  const spans = [f('не знаю'), f('гарантируем')];
  const edited = text.replace('знаю', 'знаем');
  const out = rebase(spans, text, edited);
  assert.equal(out.length, 1);
  assert.equal(edited.slice(out[0].start, out[0].end), 'гарантируем');
});

test('a letter typed right against a span extends its word and drops the span', () => {
  const s = [{ start: 0, end: 3 }];
  assert.deepEqual(rebase(s, 'abc d', 'abcx d'), []);
  assert.deepEqual(rebase(s, 'abc d', 'abc, d'), s, 'punctuation does not');
  assert.deepEqual(rebase([{ start: 2, end: 5 }], 'x abc', 'x zabc'), []);
  assert.deepEqual(rebase([{ start: 2, end: 5 }], 'x abc', 'x  abc'), [{ start: 3, end: 6 }]);
});

test('UTF-16: an emoji typed before a span shifts it by two', () => {
  const out = rebase([{ start: 2, end: 4 }], 'a bc', 'a😀 bc');
  assert.deepEqual(out, [{ start: 4, end: 6 }]);
});

test('stretch grows the template window when the agent types over a placeholder', () => {
  const before = 'Hi {{name}}, ok';
  const w = { start: 0, end: before.length };
  const after = 'Hi Анна Петровна, ok';
  assert.deepEqual(stretch(w, before, after), { start: 0, end: after.length });
});

test('stretch shifts on edits before the window and ignores edits after it', () => {
  assert.deepEqual(stretch({ start: 5, end: 10 }, '01234abcde!', 'XX01234abcde!'), { start: 7, end: 12 });
  assert.deepEqual(stretch({ start: 0, end: 5 }, 'abcde fg', 'abcde fgh'), { start: 0, end: 5 });
  assert.equal(stretch({ start: 2, end: 4 }, 'xxabyy', 'xy'), null, 'window deleted');
});
