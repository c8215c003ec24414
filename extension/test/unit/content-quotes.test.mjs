// Tests for content/quotes.js: the customer's message a helpdesk quotes into the reply is found (so it is not flagged
// and can be the context), in plain `>` text and in rich blockquotes, and nothing the agent wrote is taken for it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { plainQuoted, quotedText, outsideQuotes, maskQuotes, merge, quotedRanges } from '../../src/content/quotes.js';

const slices = (text, rs) => rs.map((r) => text.slice(r.start, r.end));

test('plain text: > lines with their attribution line are quoted, the agent\'s lines are not', () => {
  const cases = [
    ['Добрый день!\n\nВ пятницу, 12 мая 2025, Иван Петров писал(а):\n> Гарантируете, что выпустят завтра?\n> Очень нужно.\n',
      ['В пятницу, 12 мая 2025, Иван Петров писал(а):\n> Гарантируете, что выпустят завтра?\n> Очень нужно.']],
    ['Клиент пишет:\n\n> где груз\nОтвет ниже', ['Клиент пишет:\n\n> где груз']],
    ['On Mon, Anna wrote:\n>> nested\n> one', ['On Mon, Anna wrote:\n>> nested\n> one']],
    ['> первая\nмой ответ\n> вторая', ['> первая', '> вторая']],
    ['Я писал(а) вам вчера: > это не цитата', []],
    ['a > b', []],
    ['', []],
  ];
  for (const [text, want] of cases) assert.deepEqual(slices(text, plainQuoted(text)), want, JSON.stringify(text));
});

test('quotedText strips > marks and attribution lines', () => {
  const text = 'Здравствуйте!\n\nИван писал(а):\n> Гарантируете, что выпустят завтра?\n>  Груз на СВХ.';
  assert.equal(quotedText({ text, surface: {} }), 'Гарантируете, что выпустят завтра?\n Груз на СВХ.');
  assert.equal(quotedText({ text: 'просто ответ', surface: {} }), '');
});

test('outsideQuotes drops findings that touch a quote, keeps the rest', () => {
  const ranges = [{ start: 10, end: 20 }];
  const f = [{ start: 0, end: 5 }, { start: 8, end: 11 }, { start: 12, end: 14 }, { start: 19, end: 25 }, { start: 20, end: 22 }];
  assert.deepEqual(outsideQuotes(f, ranges), [{ start: 0, end: 5 }, { start: 20, end: 22 }]);
  assert.equal(outsideQuotes(f, []), f);
});

test('maskQuotes keeps offsets and line breaks', () => {
  const text = 'Ок.\n> где\n> груз\nДа';
  const m = maskQuotes(text, plainQuoted(text));
  assert.equal(m.length, text.length);
  assert.equal(m, 'Ок.\n     \n      \nДа');
});

test('merge joins overlapping ranges', () => {
  assert.deepEqual(merge([{ start: 5, end: 9 }, { start: 0, end: 3 }, { start: 3, end: 6 }, { start: 7, end: 7 }]), [{ start: 0, end: 9 }]);
});

test('rich fields: a blockquote (from the text model) and its attribution line are quoted', () => {
  const text = 'Добрый день!\nАнна писал(а):\nГарантируете, что выпустят завтра?';
  const bq = { nodeType: 1, matches: (s) => s.includes('blockquote'), parentElement: null };
  const p = { nodeType: 1, matches: () => false, parentElement: null };
  const model = { text, spans: new Map([[p, { start: 0, end: 12 }], [bq, { start: 28, end: text.length }]]) };
  const session = { text, surface: { model: () => model } };
  assert.deepEqual(slices(text, quotedRanges(session)), ['Анна писал(а):\nГарантируете, что выпустят завтра?']);
  assert.equal(quotedText(session), 'Гарантируете, что выпустят завтра?');
});
