// Tests for src/content/mirror-math.js: the textarea mirror's style and the geometry of underlines.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mirrorStyle, toField, clip, lines, split, MIRROR_PROPS } from '../../src/content/mirror-math.js';

test('mirror copies the layout styles and sizes its content box to the client width', () => {
  const cs = { fontSize: '15px', fontFamily: 'serif', paddingLeft: '10px', paddingRight: '6px', lineHeight: '20px', letterSpacing: '1px', tabSize: '' };
  const st = mirrorStyle((p) => cs[p], { clientWidth: 316, multiline: true });
  assert.equal(st.fontSize, '15px');
  assert.equal(st.letterSpacing, '1px');
  assert.equal(st.width, '300px', 'clientWidth minus horizontal padding (scrollbar already excluded)');
  assert.equal(st.whiteSpace, 'pre-wrap');
  assert.equal(st.overflowWrap, 'break-word');
  assert.equal(st.boxSizing, 'content-box');
  assert.equal(st.visibility, 'hidden');
  assert.ok(!('tabSize' in st), 'empty values are not copied');
  assert.ok(MIRROR_PROPS.includes('textTransform'));
});

test('single-line mirror never wraps', () => {
  const st = mirrorStyle(() => '0px', { clientWidth: 200, multiline: false });
  assert.equal(st.whiteSpace, 'pre');
  assert.equal(st.width, 'auto');
});

test('toField moves mirror rects onto the field and applies its scroll', () => {
  const rects = [{ left: -99900, top: 40, right: -99850, bottom: 60 }];
  const mirror = { left: -99999, top: 0, right: -99699, bottom: 200 };
  const field = { left: 100, top: 300, right: 400, bottom: 400 };
  const out = toField(rects, mirror, field, { scrollLeft: 0, scrollTop: 25 });
  assert.deepEqual(out, [{ left: 199, top: 315, right: 249, bottom: 335 }]);
});

test('clip keeps the visible part and drops what is scrolled away', () => {
  const box = { left: 0, top: 0, right: 100, bottom: 50 };
  assert.deepEqual(clip({ left: 90, top: 10, right: 130, bottom: 30 }, box), { left: 90, top: 10, right: 100, bottom: 30 });
  assert.equal(clip({ left: 10, top: 60, right: 20, bottom: 80 }, box), null);
  assert.equal(clip({ left: 100, top: 10, right: 120, bottom: 20 }, box), null, 'touching the edge is not visible');
});

test('lines merges per-inline rects into one per visual line, in reading order', () => {
  const out = lines([
    { left: 50, top: 20, right: 80, bottom: 38 }, // line 2, second piece
    { left: 10, top: 0, right: 40, bottom: 18 }, // line 1
    { left: 40, top: 1, right: 90, bottom: 17 }, // line 1, nested inline (shorter)
    { left: 0, top: 20, right: 50, bottom: 38 }, // line 2, first piece
    { left: 5, top: 40, right: 5, bottom: 58 }, // zero width: dropped
  ]);
  assert.deepEqual(out, [
    { left: 10, top: 0, right: 90, bottom: 18 },
    { left: 0, top: 20, right: 80, bottom: 38 },
  ]);
});

test('lines keeps rects of adjacent lines apart even when line boxes touch', () => {
  const out = lines([{ left: 0, top: 0, right: 10, bottom: 20 }, { left: 0, top: 19, right: 10, bottom: 39 }]);
  assert.equal(out.length, 2);
});

test('split marks the range and keeps trailing newlines measurable', () => {
  assert.deepEqual(split('ab\n', 1, 2), { before: 'a', mark: 'b', after: '\n\u200b' });
  assert.deepEqual(split('abc', 3, 3), { before: 'abc', mark: '\u200b', after: '\u200b' });
  assert.deepEqual(split('abc', 5, 1), { before: 'abc', mark: '\u200b', after: '\u200b' }, 'clamped');
});
