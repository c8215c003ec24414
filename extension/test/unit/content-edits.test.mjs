import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyRemoval, removal, trailingBlanks } from '../../src/content/edits.js';

// cut removes the first occurrence of word from text, as the card's «Убрать» does.
function cut(text, word) {
  const start = text.indexOf(word);
  assert.ok(start >= 0, `${word} in ${text}`);
  return applyRemoval(text, start, start + word.length);
}

test('removing a filler word leaves a sentence that reads', () => {
  const cases = [
    ['Документы, короче, нужны до пятницы.', 'короче', 'Документы нужны до пятницы.'],
    ['Ждём инвойс, короче.', 'короче', 'Ждём инвойс.'],
    ['Короче, ждём инвойс.', 'Короче', 'Ждём инвойс.'],
    ['Спасибо. Короче, ждём инвойс.', 'Короче', 'Спасибо. Ждём инвойс.'],
    ['Это как бы не ваша вина.', 'как бы', 'Это не ваша вина.'],
    ['Всё будет готово завтра типа', 'типа', 'Всё будет готово завтра'],
    ['Типа 100% пройдёт', 'Типа', '100% пройдёт'],
    ['Ну 🙂 хорошо', '🙂', 'Ну хорошо'],
    ['Первая строка\nКороче, вторая', 'Короче', 'Первая строка\nВторая'],
    ['одно', 'одно', ''],
  ];
  for (const [text, word, want] of cases) assert.equal(cut(text, word), want, text);
});

test('a capital letter is put in through the range, not by changing text outside it', () => {
  const text = 'Короче, ждём.';
  const r = removal(text, 0, 6);
  assert.deepEqual(r, { start: 0, end: 9, text: 'Ж' });
  assert.equal(text.slice(r.start, r.end), 'Короче, ж');
});

test('removal after a long run of spaces is linear (no /[^\\S\\n]+$/ over the run)', () => {
  const run = ' '.repeat(100_000);
  const cases = [
    `ну${run}короче`, // blanks before the words
    `ну${run}а короче`, // a run inside the text before: the old regex took ~20 s here
    `${run}короче`, // nothing but blanks before
    `ждём,${run}короче.`, // a comma before the run
    `Да.${run}короче ждём`, // a sentence ends before the run
  ];
  for (const text of cases) {
    const start = text.indexOf('короче');
    const t0 = performance.now();
    for (let i = 0; i < 5; i++) removal(text, start, start + 6);
    const ms = (performance.now() - t0) / 5;
    // One pass over 100k characters takes about a millisecond; the old regex took seconds (a bound 1000x the pass,
    // so a loaded machine cannot fail it, while the quadratic regex cannot pass it).
    assert.ok(ms < 1000, `${JSON.stringify(text.slice(0, 8))}…: ${ms.toFixed(1)} ms`);
  }
  assert.deepEqual(removal(`ну${run}короче`, 100_002, 100_008), { start: 2, end: 100_008, text: '' });
  assert.deepEqual(removal(`ждём,${run}короче.`, 100_005, 100_011), { start: 4, end: 100_011, text: '' });
  assert.deepEqual(removal(`Да.${run}короче ждём`, 100_003, 100_009), { start: 100_003, end: 100_011, text: 'Ж' });
  assert.deepEqual(removal(`ну${run}а короче`, 100_004, 100_010), { start: 100_003, end: 100_010, text: '' });
  assert.equal(trailingBlanks(`a \t\u00a0${run}`), 100_003);
  assert.equal(trailingBlanks(`a\n${run}`), 100_000);
  assert.equal(trailingBlanks('a\n'), 0);
  assert.equal(trailingBlanks(''), 0);
});
