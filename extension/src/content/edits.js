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
  const blanks = trailingBlanks(before);
  if (blanks && before[before.length - blanks - 1] === ',' && /^[,.!?;:…]/.test(after)) {
    return { start: start - blanks - 1, end: after[0] === ',' ? end + 1 : end, text: '' };
  }
  // «Короче, ждём инвойс» → «Ждём инвойс»: the next word now opens the sentence.
  const prev = before[before.length - blanks - 1];
  const opens = before === '' || prev === '\n' || (blanks > 0 && /[.!?…]/.test(prev ?? ''));
  if (opens && (m = /^[,;:]?[^\S\n]+(\p{L})/u.exec(after))) {
    const letter = m[1];
    const upper = letter.toUpperCase();
    if (upper !== letter) return { start, end: end + m[0].length, text: upper };
    return { start, end: end + m[0].length - letter.length, text: '' };
  }
  // «ну такой вот вопрос» → one space stays between the neighbours.
  if ((m = /^[^\S\n]+/.exec(after))) return { start, end: end + m[0].length, text: '' };
  // Counted from the end (trailingBlanks), not with /[^\S\n]+$/: that regex retries from every blank of a long run.
  if (blanks) return { start: start - blanks, end, text: '' };
  return { start, end, text: '' };
}

/** TrailingBlanks counts the whitespace other than line breaks at the end of s, in one pass from the end. */
export function trailingBlanks(s) {
  let i = s.length;
  while (i > 0) {
    const c = s[i - 1];
    if (c === '\n' || !/\s/.test(c)) break;
    i--;
  }
  return s.length - i;
}

/** Apply returns text with the removal applied: what the field should read afterwards. */
export function applyRemoval(text, start, end) {
  const r = removal(text, start, end);
  return text.slice(0, r.start) + r.text + text.slice(r.end);
}
