// Package seam: where a template meets the agent's draft. Pure.
//
// A template is a whole reply: it starts with a greeting or the customer's name and ends with a full stop. Put after
// a draft, it must not be glued to it («По вашему грузу{{customer_name}}, …») nor greet twice («Здравствуйте! …
// {{customer_name}}, здравствуйте!»). Join returns the text to insert so that it reads as one reply.

// Greetings an agent opens with. \p{L} boundaries: JavaScript's \b is ASCII-only.
const GREETING = String.raw`(?:здравствуй(?:те)?|добр(?:ый|ого)\s+(?:день|дня|вечер|вечера|утро|утра|времени\s+суток)|доброе\s+утро|приветствую(?:\s+вас)?|привет|hello|hi|good\s+(?:morning|afternoon|evening))`;
const NAME = String.raw`(?:\{\{\s*[\p{L}\p{N}_.-]+\s*\}\}|[\p{Lu}][\p{L}-]*(?:\s+[\p{Lu}][\p{L}-]*){0,2})`;
// A greeting the draft already has: at the start of the draft, or of one of its lines or sentences.
const HAS_GREETING = new RegExp(String.raw`(?:^|[\n.!?]\s*)${GREETING}(?![\p{L}])`, 'iu');
// A template's opening greeting, with the name around it: «{{customer_name}}, здравствуйте!», «Здравствуйте,
// {{customer_name}}!», «Добрый день.», «Иван Петрович, добрый день!».
const OPENING = new RegExp(String.raw`^\s*(?:${NAME}\s*,\s*${GREETING}|${GREETING}(?:\s*,\s*${NAME})?)(?![\p{L}])\s*[!.,]?\s*`, 'iu');
const QUOTE_LINE = /^[ \t]*>.*$/gm;

/**
 * HasGreeting reports whether a draft already greets the customer (quoted `>` lines are the customer's, not the
 * agent's, and do not count).
 * @param {string} draft
 */
export function hasGreeting(draft) {
  return HAS_GREETING.test(String(draft).replace(QUOTE_LINE, '').trim());
}

/**
 * DropGreeting removes a template's opening greeting (and the name it addresses), and capitalises what is left.
 * The text is returned unchanged when it does not open with a greeting or when nothing would be left.
 * @param {string} template
 */
export function dropGreeting(template) {
  const m = OPENING.exec(template);
  if (!m) return template;
  const rest = template.slice(m[0].length);
  if (!rest.trim()) return template;
  return capitalise(rest);
}

function capitalise(s) {
  const i = s.search(/[\p{L}{]/u);
  if (i < 0 || s[i] === '{') return s;
  return s.slice(0, i) + s[i].toUpperCase() + s.slice(i + 1);
}

/**
 * Join returns the text to insert between before (the field's text up to the insertion point) and after (the text
 * from its end): the template without a second greeting, a space or line break where it meets the draft, and a
 * space before a word that follows it.
 * @param {string} before
 * @param {string} after
 * @param {string} template
 * @param {boolean} [greeted] whether the agent already greeted (default: hasGreeting(before)); the caller knows better
 *   when the field holds quoted customer text that is not marked with `>`
 * @returns {string}
 */
export function join(before, after, template, greeted = hasGreeting(before)) {
  let text = String(template);
  const draft = String(before);
  if (greeted) text = dropGreeting(text);
  if (draft.trim()) {
    text = text.replace(/^[ \t]+/, '');
    const last = draft[draft.length - 1];
    if (!/\s/.test(last)) {
      // After a finished sentence a multi-line template starts its own paragraph; otherwise a space joins them.
      const sentenceEnd = /[.!?…:)»"]$/u.test(draft);
      text = (sentenceEnd && text.includes('\n') ? '\n' : ' ') + text;
    }
    // Mid-sentence, the template's first letter continues that sentence only after a comma or a dash.
    if (/[.!?…]\s*$/u.test(draft) || /\n\s*$/.test(draft)) text = capitalise(text);
  }
  const next = String(after)[0];
  if (next !== undefined && /[\p{L}\p{N}{]/u.test(next) && !/\s$/.test(text)) text += ' ';
  return text;
}
