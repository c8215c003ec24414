// Package quotes: the customer's words a helpdesk quotes into the reply field when the agent presses "Reply" — a
// «… писал(а):» line over a blockquote in a rich editor, or `>` lines in plain text. They are context, not the reply:
// Sufler does not flag them, and offers them as the customer's message when nothing is marked.
// plainQuoted and merge are pure; quotedRanges reads a rich field's blockquotes through its text model.

// An attribution line: «12.03.2025 10:14, Иван Петров писал(а):», «Клиент пишет:», "On Mon, Anna wrote:".
const ATTRIBUTION = /(?:писал|писала|написал|написала|писал\(а\)|написал\(а\)|пишет|wrote|writes|schrieb)\s*:\s*$/iu;
const QUOTE_LINE = /^[ \t]*>/;
const QUOTE_TAGS = 'blockquote, [type="cite"], .gmail_quote, .moz-cite-prefix';

/**
 * PlainQuoted returns the quoted parts of a plain text as UTF-16 ranges: runs of `>` lines, each with the attribution
 * line just above it (blank lines between them allowed).
 * @param {string} text
 * @returns {{start: number, end: number}[]}
 */
export function plainQuoted(text) {
  const lines = [];
  for (let at = 0; at <= text.length;) {
    const nl = text.indexOf('\n', at);
    const end = nl < 0 ? text.length : nl;
    lines.push({ start: at, end, s: text.slice(at, end) });
    if (nl < 0) break;
    at = nl + 1;
  }
  const out = [];
  for (let i = 0; i < lines.length; i++) {
    if (!QUOTE_LINE.test(lines[i].s)) continue;
    let j = i;
    while (j + 1 < lines.length && QUOTE_LINE.test(lines[j + 1].s)) j++;
    out.push({ start: lines[i].start, end: lines[j].end });
    i = j;
  }
  return withAttribution(text, out);
}

// WithAttribution stretches each quoted range up over the «… писал(а):» line right above it.
function withAttribution(text, ranges) {
  return merge(ranges.map((r) => {
    let k = r.start;
    while (k > 0 && /\s/.test(text[k - 1])) k--;
    const lineStart = text.lastIndexOf('\n', k - 1) + 1;
    const line = text.slice(lineStart, k);
    return k > 0 && ATTRIBUTION.test(line) ? { start: lineStart, end: r.end } : r;
  }));
}

/**
 * Merge sorts ranges and joins overlapping or touching ones.
 * @param {{start: number, end: number}[]} ranges
 */
export function merge(ranges) {
  const sorted = ranges.filter((r) => r.end > r.start).sort((a, b) => a.start - b.start);
  const out = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ start: r.start, end: r.end });
  }
  return out;
}

/**
 * QuotedRanges returns the quoted parts of a session's field: `>` lines, and in rich fields every blockquote (and
 * mail clients' cite blocks), each with its attribution line.
 * @param {{text: string, surface: {model?: () => any}}} session
 */
export function quotedRanges(session) {
  const text = session.text ?? '';
  const ranges = plainQuoted(text);
  const model = session.surface?.model?.();
  if (model && model.text === text) {
    const blocks = [];
    for (const [node, span] of model.spans) {
      if (node?.nodeType === 1 && node.matches?.(QUOTE_TAGS) && !node.parentElement?.closest?.(QUOTE_TAGS)) blocks.push({ ...span });
    }
    ranges.push(...withAttribution(text, blocks));
  }
  return merge(ranges);
}

/**
 * OutsideQuotes keeps the findings that touch no quoted range.
 * @template {{start: number, end: number}} F
 * @param {F[]} findings
 * @param {{start: number, end: number}[]} ranges
 * @returns {F[]}
 */
export function outsideQuotes(findings, ranges) {
  if (!ranges.length) return findings;
  return findings.filter((f) => !ranges.some((r) => f.start < r.end && f.end > r.start));
}

/**
 * QuotedText is the customer's message quoted in a session's field: the quoted parts without `>` marks and
 * attribution lines, '' when there is none.
 * @param {{text: string, surface: {model?: () => any}}} session
 */
export function quotedText(session) {
  const text = session.text ?? '';
  return quotedRanges(session)
    .map((r) => text.slice(r.start, r.end).split('\n')
      .filter((l) => !ATTRIBUTION.test(l))
      .map((l) => l.replace(/^[ \t]*(?:>[ \t]?)+/, ''))
      .join('\n').trim())
    .filter(Boolean)
    .join('\n\n');
}

/**
 * MaskQuotes blanks the quoted parts of text (letters become spaces, line breaks stay), keeping every offset: what is
 * left is what the agent wrote.
 * @param {string} text
 * @param {{start: number, end: number}[]} ranges
 */
export function maskQuotes(text, ranges) {
  let out = '';
  let at = 0;
  for (const r of ranges) {
    out += text.slice(at, r.start) + text.slice(r.start, r.end).replace(/[^\n]/g, ' ');
    at = r.end;
  }
  return out + text.slice(at);
}
