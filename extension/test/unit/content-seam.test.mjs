// Tests for content/seam.js: a template joined to the agent's draft reads as one reply — never glued to the draft's
// last word, never greeting twice — over many drafts and the default packs' real openings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, hasGreeting, dropGreeting } from '../../src/content/seam.js';

const packs = ['prove-customs', 'insurance-service'].map((id) =>
  JSON.parse(readFileSync(new URL(`../../../knowledge/packs/${id}.json`, import.meta.url), 'utf8')));
const variants = packs.flatMap((p) => p.templates.flatMap((t) => Object.values(t.variants).map((v) => (typeof v === 'string' ? v : v.text))));

const GREETED = [
  'Здравствуйте!', 'Здравствуйте, Анна!', 'Добрый день.', 'Добрый вечер, Иван Петрович!', 'Доброе утро!',
  'Приветствую!', 'Здравствуй, Олег.', 'Здравствуйте! По вашему грузу', 'Добрый день! Спасибо за ожидание.',
  'Hello!', 'Добрый день,', 'ЗДРАВСТВУЙТЕ!',
];
const NOT_GREETED = [
  'По вашему грузу', 'Спасибо за ожидание.', 'Проверил статус декларации:', 'Коротко о сроках', 'Пишу по поводу выплаты,',
  '> Здравствуйте! Где мой груз?\n', 'Передаю привет коллегам', '',
];

test('hasGreeting sees the agent\'s greeting and nothing else', () => {
  for (const d of GREETED) assert.equal(hasGreeting(d), true, d);
  for (const d of NOT_GREETED) assert.equal(hasGreeting(d), false, d);
});

test('dropGreeting removes the opening greeting with the name it addresses', () => {
  const cases = [
    ['{{customer_name}}, здравствуйте! Я {{manager_name}}, помогу.', 'Я {{manager_name}}, помогу.'],
    ['{{customer_name}}, добрый день. Я {{manager_name}}.', 'Я {{manager_name}}.'],
    ['Здравствуйте, {{customer_name}}! Груз выпущен.', 'Груз выпущен.'],
    ['Добрый день! спасибо, что написали.', 'Спасибо, что написали.'],
    ['Анна Сергеевна, здравствуйте! Полис продлён.', 'Полис продлён.'],
    ['{{customer_name}}, по вашему грузу: выпуск сегодня.', '{{customer_name}}, по вашему грузу: выпуск сегодня.'],
    ['Здравствуйте!', 'Здравствуйте!'], // nothing would be left: keep it
    ['Приветствуем новых клиентов: скидка 5%.', 'Приветствуем новых клиентов: скидка 5%.'],
  ];
  for (const [tpl, want] of cases) assert.equal(dropGreeting(tpl), want, tpl);
});

test('join never glues a template to the draft, over every draft and every default template', () => {
  const drafts = [...GREETED, ...NOT_GREETED];
  let n = 0;
  for (const d of drafts) {
    for (const v of variants) {
      const out = join(d, '', v);
      const reply = d + out;
      n++;
      if (d.trim()) assert.match(reply.slice(d.length - 1, d.length + 1), /^(\s.|.\s)$/su, `glued: ${JSON.stringify(d)} + ${JSON.stringify(v.slice(0, 30))}`);
      assert.doesNotMatch(reply, /[\p{L}.,!?]\{\{/u, `a placeholder glued to a word: ${reply.slice(0, 80)}`);
      if (hasGreeting(d)) {
        const greetings = reply.match(/здравствуй|добрый (день|вечер)|доброе утро|приветствую/giu) ?? [];
        assert.ok(greetings.length <= 1 || !/^\s*(\{\{[^}]+\}\}\s*,\s*)?(здравствуй|добрый|доброе)/iu.test(v),
          `greets twice: ${reply.slice(0, 120)}`);
      }
    }
  }
  assert.ok(n > 1500, `${n} joins`);
});

test('join: the cases from the field', () => {
  const t = '{{customer_name}}, здравствуйте! По вашему грузу: выпуск {{date}}.';
  assert.equal('По вашему грузу' + join('По вашему грузу', '', '{{customer_name}}, по вашему запросу…'), 'По вашему грузу {{customer_name}}, по вашему запросу…');
  assert.equal('Здравствуйте! ' + join('Здравствуйте! ', '', t), 'Здравствуйте! По вашему грузу: выпуск {{date}}.');
  assert.equal('Здравствуйте!' + join('Здравствуйте!', '', t), 'Здравствуйте! По вашему грузу: выпуск {{date}}.');
  assert.equal('Здравствуйте!\n' + join('Здравствуйте!\n', '', t), 'Здравствуйте!\nПо вашему грузу: выпуск {{date}}.');
  assert.equal(join('', '', t), t, 'an empty field takes the template as it is');
  assert.equal(join('Спасибо.', '', 'a\nb'), '\nA\nb', 'a multi-line template after a sentence starts a new line');
  assert.equal(join('', 'Иван', 'Привет,'), 'Привет, ', 'a space before the word that follows');
  assert.equal(join('Спасибо.', '', 'ответим завтра.'), ' Ответим завтра.', 'a new sentence starts with a capital');
  assert.equal(join('Спасибо,', '', 'ответим завтра.'), ' ответим завтра.', 'after a comma the sentence goes on');
  // The customer's quoted greeting is not the agent's.
  assert.equal(join('> Здравствуйте! Где груз?\n\n', '', t), t);
});
