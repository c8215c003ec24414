import { test } from 'node:test';
import assert from 'node:assert/strict';
import { applyRemoval, removal } from '../../src/content/edits.js';

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
