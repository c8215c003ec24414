// Package mirror-math: the arithmetic behind the textarea mirror and underline geometry. Pure (no DOM globals), so
// Node tests cover it; mirror.js does the DOM half.

/** MIRROR_PROPS are the computed styles that decide where a textarea's characters wrap and land. */
export const MIRROR_PROPS = [
  'direction', 'boxSizing',
  'borderTopWidth', 'borderRightWidth', 'borderBottomWidth', 'borderLeftWidth',
  'borderTopStyle', 'borderRightStyle', 'borderBottomStyle', 'borderLeftStyle',
  'paddingTop', 'paddingRight', 'paddingBottom', 'paddingLeft',
  'fontStyle', 'fontVariant', 'fontWeight', 'fontStretch', 'fontSize', 'fontSizeAdjust', 'lineHeight', 'fontFamily',
  'fontKerning', 'fontFeatureSettings', 'fontVariationSettings',
  'textAlign', 'textTransform', 'textIndent', 'textDecoration', 'textRendering',
  'letterSpacing', 'wordSpacing', 'tabSize', 'MozTabSize', 'hyphens', 'wordBreak',
];

/**
 * MirrorStyle returns the inline style for a mirror of a field with the given computed style and client width.
 * The mirror is content-box sized to the field's client area (without its scrollbar), so lines wrap where the
 * field's do.
 * @param {(prop: string) => string} get reads one computed style property (camelCase)
 * @param {{clientWidth: number, multiline: boolean}} field
 * @returns {Record<string, string>}
 */
export function mirrorStyle(get, field) {
  const out = {};
  for (const p of MIRROR_PROPS) {
    const v = get(p);
    if (v !== undefined && v !== null && v !== '') out[p] = v;
  }
  const px = (p) => parseFloat(get(p)) || 0;
  const width = Math.max(0, field.clientWidth - px('paddingLeft') - px('paddingRight'));
  Object.assign(out, {
    position: 'absolute', top: '0px', left: '-99999px', visibility: 'hidden', overflow: 'hidden',
    boxSizing: 'content-box', height: 'auto', width: `${width}px`,
    whiteSpace: field.multiline ? 'pre-wrap' : 'pre',
    overflowWrap: field.multiline ? 'break-word' : 'normal',
  });
  if (!field.multiline) out.width = 'auto';
  return out;
}

/**
 * @typedef {{left:number, top:number, right:number, bottom:number}} Box
 */

/**
 * ToField maps rects measured inside a mirror onto the field: same offset from the border box, minus the field's
 * scroll position.
 * @param {Box[]} rects rects of the marked span in the mirror, viewport coordinates
 * @param {Box} mirror the mirror's border box
 * @param {Box} field the field's border box
 * @param {{scrollLeft:number, scrollTop:number}} scroll
 * @returns {Box[]}
 */
export function toField(rects, mirror, field, scroll) {
  const dx = field.left - mirror.left - scroll.scrollLeft;
  const dy = field.top - mirror.top - scroll.scrollTop;
  return rects.map((r) => ({ left: r.left + dx, top: r.top + dy, right: r.right + dx, bottom: r.bottom + dy }));
}

/**
 * Clip intersects a rect with a clip box; null when nothing is left (the text is scrolled out of view).
 * @param {Box} r
 * @param {Box} clip
 * @returns {Box|null}
 */
export function clip(r, clip) {
  const out = {
    left: Math.max(r.left, clip.left), top: Math.max(r.top, clip.top),
    right: Math.min(r.right, clip.right), bottom: Math.min(r.bottom, clip.bottom),
  };
  if (out.right - out.left < 0.5 || out.bottom - out.top < 0.5) return null;
  return out;
}

/**
 * Lines merges the client rects of a range into one rect per visual line: browsers report one rect per inline box
 * (and sometimes duplicates for nested inlines), and an underline per fragment would look broken.
 * @param {Box[]} rects
 * @returns {Box[]} in reading order
 */
export function lines(rects) {
  const sorted = rects
    .filter((r) => r.right - r.left >= 0.5 && r.bottom - r.top >= 0.5)
    .map((r) => ({ left: r.left, top: r.top, right: r.right, bottom: r.bottom }))
    .sort((a, b) => a.top - b.top || a.left - b.left);
  const out = [];
  for (const r of sorted) {
    const line = out.find((l) => sameLine(l, r));
    if (line) {
      line.left = Math.min(line.left, r.left);
      line.right = Math.max(line.right, r.right);
      line.top = Math.min(line.top, r.top);
      line.bottom = Math.max(line.bottom, r.bottom);
    } else {
      out.push(r);
    }
  }
  return out.sort((a, b) => a.top - b.top || a.left - b.left);
}

// Two rects share a line when their vertical spans overlap by more than half of the shorter one.
function sameLine(a, b) {
  const overlap = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
  return overlap > 0.5 * Math.min(a.bottom - a.top, b.bottom - b.top);
}

/**
 * Split cuts the field's text at a range, for filling a mirror: before, the marked part, after. A mirror needs a
 * character after a trailing newline or the last empty line has no height, hence the zero-width space.
 * @param {string} text
 * @param {number} start
 * @param {number} end
 */
export function split(text, start, end) {
  start = Math.max(0, Math.min(start, text.length));
  end = Math.max(start, Math.min(end, text.length));
  const mark = text.slice(start, end);
  return { before: text.slice(0, start), mark: mark === '' ? '\u200b' : mark, after: text.slice(end) + '\u200b' };
}
