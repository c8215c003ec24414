// Package placement: where a card, a strip or a badge goes so that it never covers the caret or the flagged words.
// Pure.

/**
 * Place returns the top-left for a box of `size` next to `anchor` (the flagged words or the caret line): below it
 * when it fits in the viewport, else above, shifted left to stay inside; it never overlaps any of `avoid` (the
 * caret, the anchor) vertically.
 * @param {{left:number, top:number, right:number, bottom:number}} anchor
 * @param {{width:number, height:number}} size
 * @param {{width:number, height:number}} viewport
 * @param {{gap?:number, prefer?:'below'|'above'}} [o]
 * @returns {{left:number, top:number, side:'below'|'above'}}
 */
export function place(anchor, size, viewport, o = {}) {
  const gap = o.gap ?? 6;
  const below = anchor.bottom + gap;
  const above = anchor.top - gap - size.height;
  const fitsBelow = below + size.height <= viewport.height;
  const fitsAbove = above >= 0;
  let side = o.prefer === 'above' ? (fitsAbove || !fitsBelow ? 'above' : 'below') : (fitsBelow || !fitsAbove ? 'below' : 'above');
  // When neither side fits, keep the side with more room; the box may then be cut, but the caret stays visible.
  if (!fitsBelow && !fitsAbove) side = viewport.height - anchor.bottom >= anchor.top ? 'below' : 'above';
  const top = side === 'below' ? below : above;
  let left = anchor.left;
  if (left + size.width > viewport.width - 4) left = viewport.width - 4 - size.width;
  if (left < 4) left = 4;
  return { left, top, side };
}

/**
 * Corner returns the badge's top-left inside the bottom-right corner of a field's visible box, moved to the top
 * corner when the caret's line sits in the bottom corner's way.
 * @param {{left:number, top:number, right:number, bottom:number}} field
 * @param {{width:number, height:number}} size
 * @param {{left:number, top:number, right:number, bottom:number}|null} caret
 * @param {number} [inset]
 */
export function corner(field, size, caret, inset = 4) {
  const bottom = { left: field.right - size.width - inset, top: field.bottom - size.height - inset };
  const top = { left: bottom.left, top: field.top + inset };
  if (caret && overlaps(caret, { ...bottom, right: bottom.left + size.width, bottom: bottom.top + size.height })) {
    return top;
  }
  return bottom;
}

/** Overlaps is true when two boxes share any area. */
export function overlaps(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/**
 * Clear places a box next to an anchor like place(), but never over any rect in `avoid` (the caret's line, the
 * flagged words): it tries below and above the anchor, then below and above the avoided rects, and takes the first
 * spot inside the viewport that covers none of them.
 * @param {{left:number, top:number, right:number, bottom:number}} anchor
 * @param {{width:number, height:number}} size
 * @param {{width:number, height:number}} viewport
 * @param {{left:number, top:number, right:number, bottom:number}[]} avoid
 * @param {{gap?: number, prefer?: 'below'|'above'}} [o]
 */
export function clear(anchor, size, viewport, avoid, o = {}) {
  const gap = o.gap ?? 6;
  const rects = avoid.filter(Boolean);
  const lowest = Math.max(anchor.bottom, ...rects.map((r) => r.bottom));
  const highest = Math.min(anchor.top, ...rects.map((r) => r.top));
  const left = Math.min(Math.max(4, anchor.left), Math.max(4, viewport.width - 4 - size.width));
  const below = [anchor.bottom + gap, lowest + gap];
  const above = [anchor.top - gap - size.height, highest - gap - size.height];
  const tops = o.prefer === 'above' ? [above[0], below[0], above[1], below[1]] : [below[0], above[0], below[1], above[1]];
  for (const top of tops) {
    const box = { left, top, right: left + size.width, bottom: top + size.height };
    if (top < 0 || box.bottom > viewport.height) continue;
    if (rects.some((r) => overlaps(box, inflate(r, 1)))) continue;
    return { left, top, side: top >= anchor.bottom ? 'below' : 'above' };
  }
  // Nothing fits: below everything we must not cover, even if the viewport cuts the box.
  return { left, top: lowest + gap, side: 'below' };
}

function inflate(r, d) {
  return { left: r.left - d, top: r.top - d, right: r.right + d, bottom: r.bottom + d };
}
