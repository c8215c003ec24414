// Tests for the small pure content modules: placeholders, placement, shortcuts, listbox fragments.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { find, next, typed } from '../../src/content/placeholders.js';
import { place, corner, clear, overlaps } from '../../src/content/placement.js';
import { parse, matches, resolve, DEFAULTS } from '../../src/content/shortcuts.js';

test('placeholders are found with UTF-16 offsets, Cyrillic names included', () => {
  const s = '😀 {{customer_name}}, срок — {{ срок }}.';
  const p = find(s);
  assert.deepEqual(p.map((x) => x.name), ['customer_name', 'срок']);
  assert.equal(s.slice(p[0].start, p[0].end), '{{customer_name}}');
  assert.equal(s.slice(p[1].start, p[1].end), '{{ срок }}');
});

test('next walks forward, wraps, walks back, and stays inside the template window', () => {
  const s = '{{a}} x {{b}} y {{c}} | {{outside}}';
  const hi = s.indexOf(' |');
  assert.equal(next(s, 0, 0, hi).name, 'a');
  assert.equal(next(s, 5, 0, hi).name, 'b');
  assert.equal(next(s, 14, 0, hi).name, 'c');
  assert.equal(next(s, 21, 0, hi).name, 'a', 'wraps to the first');
  assert.equal(next(s, 8, 0, hi, true).name, 'a');
  assert.equal(next(s, 0, 0, hi, true).name, 'c', 'back from the first wraps to the last');
  assert.equal(next('plain', 0, 0, 5), null);
});

test('place prefers below, flips above at the bottom, stays inside horizontally', () => {
  const vp = { width: 800, height: 600 };
  assert.deepEqual(place({ left: 10, top: 100, right: 50, bottom: 120 }, { width: 300, height: 100 }, vp), { left: 10, top: 126, side: 'below' });
  assert.equal(place({ left: 10, top: 550, right: 50, bottom: 570 }, { width: 300, height: 100 }, vp).side, 'above');
  assert.equal(place({ left: 700, top: 10, right: 750, bottom: 30 }, { width: 300, height: 100 }, vp).left, 496);
});

test('clear never covers the caret', () => {
  const vp = { width: 800, height: 600 };
  const anchor = { left: 100, top: 300, right: 200, bottom: 320 };
  const caret = { left: 150, top: 322, right: 151, bottom: 340 }; // the line right below the flagged words
  const size = { width: 300, height: 120 };
  const p = clear(anchor, size, vp, [caret]);
  const box = { left: p.left, top: p.top, right: p.left + size.width, bottom: p.top + size.height };
  assert.ok(!overlaps(box, caret));
  assert.ok(!overlaps(box, anchor));
  assert.equal(p.side, 'above');
});

test('clear goes below the caret when above does not fit', () => {
  const vp = { width: 800, height: 600 };
  const anchor = { left: 100, top: 10, right: 200, bottom: 30 };
  const caret = { left: 150, top: 32, right: 151, bottom: 50 };
  const p = clear(anchor, { width: 300, height: 100 }, vp, [caret]);
  assert.ok(p.top >= 50);
});

test('corner moves the badge up when the caret is in the bottom corner', () => {
  const field = { left: 0, top: 0, right: 400, bottom: 200 };
  const size = { width: 80, height: 22 };
  assert.deepEqual(corner(field, size, null), { left: 316, top: 174 });
  assert.deepEqual(corner(field, size, { left: 350, top: 180, right: 351, bottom: 196 }), { left: 316, top: 4 });
});

test('shortcuts parse and match by physical key, so a Russian layout works', () => {
  const sc = parse('Alt+Shift+S');
  const ev = { altKey: true, shiftKey: true, ctrlKey: false, metaKey: false, key: 'Ы', code: 'KeyS' };
  assert.ok(matches(ev, sc));
  assert.ok(!matches({ ...ev, shiftKey: false }, sc));
  assert.ok(matches({ altKey: true, shiftKey: false, ctrlKey: false, metaKey: false, key: 'ArrowDown', code: 'ArrowDown' }, parse('Alt+ArrowDown')));
  assert.equal(parse('Alt+'), null);
  assert.equal(parse('Alt+S+D'), null);
  const r = resolve({ search: 'Ctrl+K', finding: 'nonsense+++' });
  assert.deepEqual(r.search, { alt: false, shift: false, ctrl: true, meta: false, key: 'K' });
  assert.deepEqual(r.finding, parse(DEFAULTS.finding), 'malformed entries fall back to the default');
});

test('typed follows the letters typed over a placeholder, and nothing else', () => {
  const t = 'Здравствуйте, {{name}}! Срок — {{deadline}}.';
  const slot = { start: 14, end: 22 };
  assert.equal(t.slice(slot.start, slot.end), '{{name}}');
  // The first letter replaces the placeholder: the caret belongs after it.
  let a = t.replace('{{name}}', 'А');
  assert.deepEqual(typed(slot, t, a), { slot: { start: 14, end: 15 }, caret: 15 });
  // The next letters go on from there, even one equal to its neighbour (common prefix and tail overlap).
  const b = a.replace('А!', 'Ан!');
  assert.deepEqual(typed({ start: 14, end: 15 }, a, b), { slot: { start: 14, end: 16 }, caret: 16 });
  const c = b.replace('Ан!', 'Анн!');
  assert.deepEqual(typed({ start: 14, end: 16 }, b, c), { slot: { start: 14, end: 17 }, caret: 17 });
  // Backspace inside the slot shrinks it.
  assert.deepEqual(typed({ start: 14, end: 17 }, c, b), { slot: { start: 14, end: 16 }, caret: 16 });
  // A «{» typed over «{{name}}» shares a prefix with it: still the slot's edit.
  a = t.replace('{{name}}', '{');
  assert.deepEqual(typed(slot, t, a), { slot: { start: 14, end: 15 }, caret: 15 });
  // Letters that went to the template's end, or to the greeting, are not typing into the slot.
  assert.equal(typed(slot, t, t + 'нна'), null);
  assert.equal(typed(slot, t, 'Добрый день' + t.slice(12)), null);
  // No edit: the slot stays.
  assert.deepEqual(typed(slot, t, t), { slot, caret: 22 });
});
