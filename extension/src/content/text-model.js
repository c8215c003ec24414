// Package text-model: the plain text of a rich field and the mapping between its UTF-16 offsets and DOM positions.
//
// Pure: it never touches DOM globals. The caller passes a `tree` adapter that answers questions about nodes, so the
// same code runs on live DOM nodes in the page and on plain objects in Node unit tests.

/**
 * @typedef {object} Tree
 * @property {(n: any) => boolean} isText      true for text nodes
 * @property {(n: any) => string} textOf       a text node's characters
 * @property {(n: any) => any[]} children      child nodes in document order
 * @property {(n: any) => boolean} isBlock     true for elements that start a new line (p, div, li, …)
 * @property {(n: any) => boolean} isBreak     true for <br>
 * @property {(n: any) => boolean} isSkipped   true for nodes whose text is not part of the reply (hidden, UI chrome, formatting whitespace)
 */

/**
 * A piece of the model's text: either characters of one text node, or a line break the layout implies.
 * @typedef {{node: any, start: number, end: number, kind: 'text'|'break'|'block'}} Piece
 */

/** Model is the text of one field and the pieces it was built from. */
export class Model {
  /**
   * @param {string} text the field's plain text
   * @param {Piece[]} pieces text and break pieces in order
   * @param {Map<any, {start:number, end:number}>} spans each visited node's span in the text
   * @param {any} root the field's root node
   * @param {Tree} tree the adapter the model was built with
   */
  constructor(text, pieces, spans, root, tree) {
    this.text = text;
    this.pieces = pieces;
    this.spans = spans;
    this.root = root;
    this.tree = tree;
  }

  /**
   * Point returns the DOM position {node, offset} for a text offset. At a line break the position can sit at the end
   * of the previous text ('backward', for range ends) or at the start of the next ('forward', for range starts).
   * @param {number} offset UTF-16 offset into text
   * @param {'forward'|'backward'} affinity
   */
  point(offset, affinity = 'forward') {
    offset = Math.max(0, Math.min(offset, this.text.length));
    const texts = this.pieces.filter((p) => p.kind === 'text');
    if (texts.length === 0) return { node: this.root, offset: 0 };
    if (affinity === 'forward') {
      const inside = texts.find((p) => p.start <= offset && offset < p.end);
      if (inside) return { node: inside.node, offset: offset - inside.start };
      const next = texts.find((p) => p.start >= offset);
      if (next) return { node: next.node, offset: 0 };
    } else {
      const inside = texts.findLast((p) => p.start < offset && offset <= p.end);
      if (inside) return { node: inside.node, offset: offset - inside.start };
      const prev = texts.findLast((p) => p.end <= offset);
      if (prev) return { node: prev.node, offset: prev.end - prev.start };
      return { node: texts[0].node, offset: 0 };
    }
    const last = texts[texts.length - 1];
    return { node: last.node, offset: last.end - last.start };
  }

  /**
   * Offset returns the text offset of a DOM position (as a Selection reports it), or -1 if the node is not in the
   * model. Element positions (container, childIndex) map to the start of that child, or the end of the container.
   * @param {any} node
   * @param {number} offset
   */
  offset(node, offset) {
    if (this.tree.isText(node)) {
      const p = this.pieces.find((q) => q.kind === 'text' && q.node === node);
      if (p) return p.start + Math.min(offset, p.end - p.start);
      const s = this.spans.get(node);
      return s ? s.start : -1;
    }
    const s = this.spans.get(node);
    if (!s) return -1;
    const kids = this.tree.children(node);
    for (let i = offset; i < kids.length; i++) {
      const k = this.spans.get(kids[i]);
      if (k) return k.start;
    }
    return s.end;
  }
}

/**
 * Build walks the field's nodes and returns its Model. Block boundaries become one "\n" (never doubled), <br> becomes
 * "\n" unless it only closes its block (the trailing <br> editors keep in empty or last lines).
 * @param {any} root the field's editing host
 * @param {Tree} tree
 * @returns {Model}
 */
export function build(root, tree) {
  /** @type {Piece[]} */
  const pieces = [];
  const spans = new Map();
  let text = '';
  let needBreak = false; // a block ended or began: the next visible character starts a new line
  let breakNode = null;

  const emitBreak = () => {
    if (needBreak && text.length > 0 && !text.endsWith('\n')) {
      pieces.push({ node: breakNode, start: text.length, end: text.length + 1, kind: 'block' });
      text += '\n';
    }
    needBreak = false;
  };

  const walk = (node, isLastInBlock) => {
    const start = text.length;
    if (tree.isSkipped(node)) {
      spans.set(node, { start, end: start });
      return;
    }
    if (tree.isText(node)) {
      const s = tree.textOf(node);
      if (s.length > 0) {
        emitBreak();
        const at = text.length;
        pieces.push({ node, start: at, end: at + s.length, kind: 'text' });
        text += s;
        spans.set(node, { start: at, end: text.length });
        return;
      }
      spans.set(node, { start, end: start });
      return;
    }
    if (tree.isBreak(node)) {
      if (!isLastInBlock) {
        emitBreak();
        pieces.push({ node, start: text.length, end: text.length + 1, kind: 'break' });
        text += '\n';
      }
      spans.set(node, { start, end: text.length });
      return;
    }
    const block = node !== root && tree.isBlock(node);
    if (block) {
      needBreak = true;
      breakNode = node;
    }
    const kids = tree.children(node);
    // The last child that is not skipped decides whether a <br> merely closes the block.
    let last = kids.length - 1;
    while (last >= 0 && tree.isSkipped(kids[last])) last--;
    kids.forEach((k, i) => walk(k, i === last && (block || node === root || isLastInBlock)));
    if (block) {
      needBreak = true;
      breakNode = node;
    }
    spans.set(node, { start: spans.has(node) ? spans.get(node).start : start, end: text.length });
    // A block's start is where its first character landed, after any separator it caused.
    const first = kids.map((k) => spans.get(k)).find((s) => s && s.end > s.start);
    if (first) spans.get(node).start = first.start;
  };

  walk(root, true);
  spans.set(root, { start: 0, end: text.length });
  return new Model(text, pieces, spans, root, tree);
}

/** BLOCK_TAGS are the elements that begin a new line when no computed style says otherwise. */
export const BLOCK_TAGS = new Set([
  'ADDRESS', 'ARTICLE', 'ASIDE', 'BLOCKQUOTE', 'DD', 'DETAILS', 'DIV', 'DL', 'DT', 'FIELDSET', 'FIGCAPTION', 'FIGURE',
  'FOOTER', 'FORM', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'HEADER', 'HR', 'LI', 'MAIN', 'NAV', 'OL', 'P', 'PRE',
  'SECTION', 'SUMMARY', 'TABLE', 'TBODY', 'TD', 'TFOOT', 'TH', 'THEAD', 'TR', 'UL',
]);
