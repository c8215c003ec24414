// Tests for src/content/text-model.js: plain text of rich fields and UTF-16 offset ↔ DOM position mapping, on a
// tiny fake DOM (no browser needed).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { build, BLOCK_TAGS } from '../../src/content/text-model.js';

const txt = (s) => ({ nodeType: 3, value: s });
const el = (tag, ...kids) => ({ nodeType: 1, tag: tag.toUpperCase(), kids, attrs: {} });
const tree = {
  isText: (n) => n.nodeType === 3,
  textOf: (n) => n.value,
  children: (n) => n.kids ?? [],
  isBlock: (n) => n.nodeType === 1 && BLOCK_TAGS.has(n.tag),
  isBreak: (n) => n.nodeType === 1 && n.tag === 'BR',
  isSkipped: (n) => n.nodeType === 1 && (n.tag === 'SCRIPT' || n.skip === true),
};

test('paragraphs are separated by exactly one newline', () => {
  const root = el('div', el('p', txt('Здравствуйте,')), el('p', txt('груз в пути.')), el('p', txt('Ждите.')));
  assert.equal(build(root, tree).text, 'Здравствуйте,\nгруз в пути.\nЖдите.');
});

test('nested blocks never double the newline', () => {
  const root = el('div', el('ul', el('li', el('p', txt('один'))), el('li', el('p', txt('два')))), el('p', txt('три')));
  assert.equal(build(root, tree).text, 'один\nдва\nтри');
});

test('inline formatting does not split words', () => {
  const root = el('div', el('p', txt('мы '), el('strong', txt('гаран'), el('em', txt('тируем'))), txt(' 100%')));
  assert.equal(build(root, tree).text, 'мы гарантируем 100%');
});

test('a <br> inside a line is a newline, a trailing <br> is not', () => {
  const root = el('div', el('p', txt('a'), el('br'), txt('b'), el('br')), el('p', el('br')), el('p', txt('c')));
  assert.equal(build(root, tree).text, 'a\nb\nc');
});

test('skipped nodes contribute nothing', () => {
  const root = el('div', el('p', txt('видно'), el('script', txt('alert(1)')), txt(' тоже')));
  assert.equal(build(root, tree).text, 'видно тоже');
});

test('empty field', () => {
  const root = el('div', el('p', el('br')));
  const m = build(root, tree);
  assert.equal(m.text, '');
  assert.deepEqual(m.point(0), { node: root, offset: 0 });
});

test('offsets are UTF-16 code units: emoji count two, ё counts one', () => {
  const a = txt('Привет 😀 ');
  const b = txt('всё ок');
  const root = el('div', el('p', a, el('b', b)));
  const m = build(root, tree);
  assert.equal(m.text, 'Привет 😀 всё ок');
  const i = m.text.indexOf('всё');
  assert.equal(i, 10); // 7 letters+space, 2 units for 😀, 1 space
  assert.deepEqual(m.point(i), { node: b, offset: 0 });
  assert.deepEqual(m.point(i + 3, 'backward'), { node: b, offset: 3 });
  assert.equal(m.text.slice(i, i + 3), 'всё');
  assert.equal(m.offset(b, 2), i + 2);
});

test('points at a block boundary: forward goes to the next line, backward stays on the previous', () => {
  const a = txt('первая');
  const b = txt('вторая');
  const root = el('div', el('p', a), el('p', b));
  const m = build(root, tree);
  // offset 6 is the end of "первая"; offset 7 is the start of "вторая" (6 is the separator "\n").
  assert.deepEqual(m.point(6, 'backward'), { node: a, offset: 6 });
  assert.deepEqual(m.point(6, 'forward'), { node: b, offset: 0 });
  assert.deepEqual(m.point(7, 'forward'), { node: b, offset: 0 });
  assert.deepEqual(m.point(7, 'backward'), { node: a, offset: 6 });
  assert.deepEqual(m.point(13, 'backward'), { node: b, offset: 6 });
  assert.deepEqual(m.point(99, 'forward'), { node: b, offset: 6 }, 'clamped to the end');
});

test('a range of words spanning formatting maps to the right nodes', () => {
  const a = txt('Я не ');
  const b = txt('знаю');
  const c = txt(', но мы гарантируем');
  const root = el('div', el('p', a, el('em', b), c));
  const m = build(root, tree);
  const s = m.text.indexOf('не знаю');
  const e = s + 'не знаю'.length;
  assert.deepEqual(m.point(s, 'forward'), { node: a, offset: 2 });
  assert.deepEqual(m.point(e, 'backward'), { node: b, offset: 4 });
});

test('DOM positions map back to offsets, element positions included', () => {
  const a = txt('ab');
  const b = txt('cd');
  const p1 = el('p', a);
  const p2 = el('p', b);
  const root = el('div', p1, p2);
  const m = build(root, tree);
  assert.equal(m.text, 'ab\ncd');
  assert.equal(m.offset(a, 1), 1);
  assert.equal(m.offset(b, 0), 3);
  assert.equal(m.offset(root, 1), 3, '(root, 1) is before the second paragraph');
  assert.equal(m.offset(root, 2), 5, '(root, 2) is the end');
  assert.equal(m.offset(p2, 0), 3);
  assert.equal(m.offset(txt('stranger'), 0), -1);
});

test('round trip: every offset maps to a point and back', () => {
  const root = el('div', el('p', txt('Да, '), el('b', txt('ёлки 😀')), txt('!')), el('p', txt('Ещё')), el('p', el('br')), el('p', txt('x')));
  const m = build(root, tree);
  for (let i = 0; i <= m.text.length; i++) {
    if (m.text[i - 1] === '\n' || (i > 0 && m.text.charCodeAt(i - 1) >= 0xd800 && m.text.charCodeAt(i - 1) < 0xdc00)) continue;
    const p = m.point(i, 'backward');
    assert.equal(m.offset(p.node, p.offset), i, `offset ${i}`);
  }
});
