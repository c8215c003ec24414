// Package editors: one module per rich editor (Briskine style) — how to recognise its editable root and how text goes
// into it through the editor's own input path — each with its HTML test page in test/fixtures/. Pure: modules only
// look at the element they are given, so fields.js and strategies.js stay testable in Node.
import * as trix from './trix.js';
import * as prosemirror from './prosemirror.js';
import * as ckeditor5 from './ckeditor5.js';
import * as ckeditor4 from './ckeditor4.js';
import * as quill from './quill.js';
import * as tinymce from './tinymce.js';
import * as lexical from './lexical.js';
import * as slate from './slate.js';
import * as draftjs from './draftjs.js';
import * as summernote from './summernote.js';
import * as froala from './froala.js';

/** EDITORS in detection order: the first whose detect() holds names the field's kind. */
export const EDITORS = [trix, prosemirror, ckeditor5, ckeditor4, quill, tinymce, lexical, slate, draftjs, summernote, froala];

/** ByKind maps a kind to its editor module. */
export const BY_KIND = Object.fromEntries(EDITORS.map((e) => [e.kind, e]));

/**
 * EditorOf returns the editor module behind an editing host, or null for a plain contenteditable.
 * @param {Element} host
 */
export function editorOf(host) {
  return EDITORS.find((e) => e.detect(host)) ?? null;
}
