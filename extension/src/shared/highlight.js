// Package highlight turns the engine's search fragments ("…<mark>груз</mark>…", everything
// else HTML-escaped) into DOM nodes without ever assigning HTML: text stays text.

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

/** Decodes the HTML character references the engine's escaping produces. */
export function unescapeHTML(s) {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, ref) => {
    if (ref[0] === '#') {
      const code = ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[ref.toLowerCase()] ?? m;
  });
}

/**
 * Splits a fragment into [{text, mark}] parts. Only <mark> and </mark> are markup; any
 * other tag-like text is kept literally (it cannot come from the engine, which escapes).
 */
export function parseFragment(fragment) {
  const parts = [];
  let mark = false;
  for (const piece of String(fragment).split(/(<mark>|<\/mark>)/)) {
    if (piece === '<mark>') mark = true;
    else if (piece === '</mark>') mark = false;
    else if (piece) parts.push({ text: unescapeHTML(piece), mark });
  }
  return parts;
}

/** Appends a fragment to a DOM element as text nodes and <mark> elements. */
export function renderFragment(doc, parent, fragment) {
  for (const { text, mark } of parseFragment(fragment)) {
    if (mark) {
      const m = doc.createElement('mark');
      m.textContent = text;
      parent.append(m);
    } else {
      parent.append(doc.createTextNode(text));
    }
  }
  return parent;
}
