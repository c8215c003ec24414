import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseFragment, unescapeHTML, renderFragment } from '../../src/shared/highlight.js';

test('fragments split into marked and plain text', () => {
  assert.deepEqual(parseFragment('почему <mark>груз</mark> стоит на <mark>таможне</mark>'), [
    { text: 'почему ', mark: false }, { text: 'груз', mark: true }, { text: ' стоит на ', mark: false }, { text: 'таможне', mark: true },
  ]);
  assert.deepEqual(parseFragment(''), []);
});

test('escaped text is decoded to plain text, never markup', () => {
  assert.equal(unescapeHTML('a &lt;b&gt; &amp; &#34;c&#34; &#39;d&#39; &quot;e&quot; &#x41; &nbsp;'), 'a <b> & "c" \'d\' "e" A \u00a0');
  assert.equal(unescapeHTML('&bogus; &#0; &#99999999;'), '&bogus; &#0; &#99999999;');
  const parts = parseFragment('<mark>&lt;img src=x onerror=alert(1)&gt;</mark> ok');
  assert.deepEqual(parts, [{ text: '<img src=x onerror=alert(1)>', mark: true }, { text: ' ok', mark: false }]);
});

test('renderFragment builds text nodes and <mark> elements only', () => {
  // A tiny DOM stand-in: enough to see what renderFragment creates.
  const made = [];
  const doc = {
    createElement: (tag) => { const e = { tag, textContent: '' }; made.push(e); return e; },
    createTextNode: (text) => ({ tag: '#text', textContent: text }),
  };
  const parent = { children: [], append(...c) { this.children.push(...c); } };
  renderFragment(doc, parent, 'x <mark>&lt;script&gt;</mark> y');
  assert.deepEqual(parent.children.map((c) => [c.tag, c.textContent]), [['#text', 'x '], ['mark', '<script>'], ['#text', ' y']]);
  assert.deepEqual(made.map((e) => e.tag), ['mark']);
});
