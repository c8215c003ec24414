// Package edits: how removing a finding's words (an empty replacement) is fitted into the text
// around them, so the sentence still reads — no double space, no doubled comma, and a capital
// letter where a sentence now starts. Other replacements come from the engine already fitted to
// their sentence (case, capital, seam: rules/fit.go) and go in as they stand. Pure, so it is
// tested in Node.

/**
 * Removal returns the range of text to replace, and what to put there, when text[start, end) is removed.
 * @param {string} text the field's text
 * @param {number} start UTF-16 offset of the words
 * @param {number} end UTF-16 offset just past the words
 * @returns {{start: number, end: number, text: string}}
 */
export function removal(text, start, end) {
  const before = text.slice(0, start);
  const after = text.slice(end);
  let m;
  // «Документы, короче, нужны» → «Документы нужны»; «ждём, короче.» → «ждём.»
  if ((m = /,[^\S\n]+$/.exec(before)) && /^[,.!?;:…]/.test(after)) {
    return { start: start - m[0].length, end: after[0] === ',' ? end + 1 : end, text: '' };
  }
  // «Короче, ждём инвойс» → «Ждём инвойс»: the next word now opens the sentence.
  if (/(^|[.!?…][^\S\n]+|\n[^\S\n]*)$/.test(before) && (m = /^[,;:]?[^\S\n]+(\p{L})/u.exec(after))) {
    const letter = m[1];
    const upper = letter.toUpperCase();
    if (upper !== letter) return { start, end: end + m[0].length, text: upper };
    return { start, end: end + m[0].length - letter.length, text: '' };
  }
  // «ну такой вот вопрос» → one space stays between the neighbours.
  if ((m = /^[^\S\n]+/.exec(after))) return { start, end: end + m[0].length, text: '' };
  if ((m = /[^\S\n]+$/.exec(before))) return { start: start - m[0].length, end, text: '' };
  return { start, end, text: '' };
}

/** Apply returns text with the removal applied: what the field should read afterwards. */
export function applyRemoval(text, start, end) {
  const r = removal(text, start, end);
  return text.slice(0, r.start) + r.text + text.slice(r.end);
}
