// Tests for src/content/fields.js: which elements are fields, which editor is behind them, and which Sufler must
// never read (secrets, opted-out pages and subtrees), on small fake elements.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { kindOf, editingHost, optedOut, secret, pageOptedOut, optOut } from '../../src/content/fields.js';

// Doc fakes a document; meta is the content of <meta name="sufler"> in its head (bodyMeta: one in its body).
function doc(meta = null, bodyMeta = null) {
  const html = {};
  const metaEl = (content) => ({ localName: 'meta', getAttribute: (k) => (k === 'name' ? 'Sufler' : k === 'content' ? content : null) });
  const head = { parentElement: html, children: meta !== null ? [{ localName: 'title', getAttribute: () => null }, metaEl(meta)] : [] };
  return {
    documentElement: html,
    head,
    body: { children: bodyMeta !== null ? [metaEl(bodyMeta)] : [] },
    defaultView: { frameElement: null },
    querySelector: (sel) => (sel.startsWith('meta') && (meta ?? bodyMeta) !== null ? metaEl(meta ?? bodyMeta) : null),
  };
}

function el(tag, attrs = {}, { parent = null, editable = false, classes = [], d = doc(), root = null } = {}) {
  const e = {
    nodeType: 1,
    localName: tag,
    attrs,
    parentElement: parent,
    isContentEditable: editable,
    ownerDocument: d,
    classList: { contains: (c) => classes.includes(c) },
    getAttribute: (k) => (k in attrs ? attrs[k] : null),
    getRootNode: () => root ?? { host: null },
    closest: (sel) => {
      for (let x = e; x; x = x.parentElement) if (sel === '.DraftEditor-root' && x.classes?.includes('DraftEditor-root')) return x;
      return null;
    },
  };
  e.classes = classes;
  return e;
}

test('kinds of editors are recognised by their own markers', () => {
  const cases = [
    [el('textarea'), 'textarea'],
    [el('input'), 'input'],
    [el('trix-editor', {}, { editable: true }), 'trix'],
    [el('div', {}, { classes: ['ProseMirror', 'tiptap'] }), 'prosemirror'],
    [el('div', {}, { classes: ['ck', 'ck-editor__editable'] }), 'ckeditor5'],
    [el('div', {}, { classes: ['ql-editor'] }), 'quill'],
    [el('body', {}, { classes: ['mce-content-body'] }), 'tinymce'],
    [el('div', { 'data-lexical-editor': 'true' }), 'lexical'],
    [el('div', { 'data-slate-editor': 'true' }), 'slate'],
    [el('div', {}, { classes: ['public-DraftEditor-content'] }), 'draftjs'],
    [el('div', {}, { classes: ['note-editable'] }), 'summernote'],
    [el('body', {}, { classes: ['cke_editable', 'cke_editable_themed'] }), 'ckeditor4'],
    [el('div', {}, { classes: ['fr-element', 'fr-view'] }), 'froala'],
    [el('div', {}, { classes: ['DraftEditor-editorContainer'], parent: el('div', {}, { classes: ['DraftEditor-root'] }) }), 'draftjs'],
    [el('div', { contenteditable: 'true' }), 'contenteditable'],
  ];
  for (const [e, kind] of cases) assert.equal(kindOf(e), kind);
});

test('the editing host is the outermost contenteditable; inputs only of text types', () => {
  const host = el('div', {}, { editable: true });
  const p = el('p', {}, { editable: true, parent: host });
  const span = el('span', {}, { editable: true, parent: p });
  host.parentElement = el('main');
  assert.equal(editingHost(span), host);
  assert.equal(editingHost(el('input', { type: 'text' })).localName, 'input');
  assert.equal(editingHost(el('input', { type: 'search' })).localName, 'input');
  assert.equal(editingHost(el('input', { type: 'email' })), null);
  assert.equal(editingHost(el('input', { type: 'password' })), null);
  assert.equal(editingHost(el('div')), null, 'not editable');
  assert.equal(editingHost(null), null);
});

test('secret fields: passwords, hidden inputs, payment cards, one-time codes', () => {
  assert.ok(secret(el('input', { type: 'password' })));
  assert.ok(secret(el('input', { type: 'HIDDEN' })));
  assert.ok(secret(el('input', { type: 'text', autocomplete: 'cc-number' })));
  assert.ok(secret(el('input', { type: 'text', autocomplete: 'billing cc-csc' })));
  assert.ok(secret(el('textarea', { autocomplete: 'one-time-code' })));
  assert.ok(!secret(el('textarea', { autocomplete: 'off' })));
  assert.ok(!secret(el('input', { type: 'text' })));
});

test('data-sufler="off" on the field or any ancestor, through shadow hosts, opts out', () => {
  const d = doc();
  const off = el('section', { 'data-sufler': 'OFF' }, { d });
  const inner = el('div', {}, { parent: off, d });
  const field = el('textarea', {}, { parent: inner, d });
  assert.ok(optedOut(field));
  assert.ok(optedOut(el('textarea', { 'data-sufler': 'off' }, { d })));
  assert.ok(!optedOut(el('textarea', { 'data-sufler': 'on' }, { d })));
  // A field inside a shadow root whose host sits in an opted-out subtree.
  const host = el('reply-box', {}, { parent: off, d });
  const shadowField = el('div', {}, { d, root: { host } });
  assert.ok(optedOut(shadowField));
});

test('<meta name="sufler" content="off"> opts the page out', () => {
  assert.ok(pageOptedOut(doc('off')));
  assert.ok(pageOptedOut(doc(' Off ')));
  assert.ok(!pageOptedOut(doc('on')));
  assert.ok(!pageOptedOut(doc()));
  assert.ok(optedOut(el('textarea', {}, { d: doc('off') })));
});

test('a meta in the body (a customer\'s message) does not opt the page out', () => {
  assert.ok(!pageOptedOut(doc(null, 'off')));
  assert.ok(!optedOut(el('textarea', {}, { d: doc(null, 'off') })));
  const detached = doc('off');
  detached.head.parentElement = {}; // a <head> that is not the document's own
  assert.ok(!pageOptedOut(detached));
});

test('an override for the host ignores the page\'s opt-out but never Sufler\'s own UI', () => {
  const off = el('div', { 'data-sufler': 'off' });
  const ours = el('div', { 'data-sufler': 'off', 'data-sufler-ui': '' });
  ours.hasAttribute = (k) => k === 'data-sufler-ui';
  off.hasAttribute = () => false;
  optOut.honoured = false;
  try {
    assert.ok(!optedOut(el('textarea', {}, { d: doc('off') })));
    assert.ok(!optedOut(el('textarea', {}, { parent: off })));
    assert.ok(optedOut(el('input', {}, { parent: ours })));
  } finally {
    optOut.honoured = true;
  }
  assert.ok(optedOut(el('textarea', {}, { parent: off })));
});
