// Package insert: puts text into a field through the editor's own input path, trying one strategy module after
// another (Briskine style) until the text read back is what it should be.
import * as execCommand from './exec-command.js';
import * as rangeText from './range-text.js';
import * as beforeInput from './before-input.js';
import * as paste from './paste.js';
import { choose, expected, same } from '../strategies.js';
import { boundary } from './undo-boundary.js';

/** STRATEGIES maps strategy names (strategies.js ORDER) to their modules. */
export const STRATEGIES = { [execCommand.name]: execCommand, [rangeText.name]: rangeText, [beforeInput.name]: beforeInput, [paste.name]: paste };

/**
 * Replace puts text in place of [start, end) of a field's text and confirms it by reading the text back.
 * A strategy that changed nothing is remembered as failed for the field and the next is tried; one that changed the
 * text wrongly stops the attempt (trying another would stack a second edit on the first).
 * @param {import('../session.js').Session} session
 * @param {number} start
 * @param {number} end
 * @param {string} text
 * @returns {Promise<{ok: boolean, strategy?: string, caret?: number, error?: string}>}
 */
export async function replace(session, start, end, text) {
  const s = session.surface;
  const before = s.text();
  const want = expected(before, start, end, text);
  const names = choose(session.kind, session.failedStrategies, { multiline: text.includes('\n') });
  for (const n of names) {
    const strat = STRATEGIES[n];
    if (!strat.applies(session)) continue;
    const at = n === execCommand.name ? { start, end, text } : nonEmpty(before, start, end, text);
    s.select(at.start, at.end);
    await frame(session.win); // let the editor take the new selection (selectionchange is async)
    const sel = s.selection();
    if (!sel || sel.start !== at.start || sel.end !== at.end) {
      s.select(at.start, at.end);
    }
    boundary(session);
    try {
      strat.insert(session, at.text, at);
    } catch (err) {
      session.failedStrategies.add(n);
      continue;
    }
    const after = await settle(session, before, want);
    if (same(after, want)) {
      boundary(session);
      session.refresh();
      return { ok: true, strategy: n, caret: start + text.length };
    }
    if (after !== before) {
      session.refresh();
      return { ok: false, strategy: n, error: 'changed-wrongly' };
    }
    session.failedStrategies.add(n);
  }
  return { ok: false, error: 'no-strategy' };
}

/**
 * NonEmpty turns removing [start, end) of text into replacing a range one character wider with that character, for
 * the strategies that carry text (a paste, a beforeinput): Draft.js ignores an empty paste and Slate an empty
 * insertReplacementText, so a removal did nothing there. The result is the same text, still one undo step.
 * exec-command removes with 'delete' and needs no help. A line break is never taken along (it would split blocks).
 * @returns {{start: number, end: number, text: string}}
 */
export function nonEmpty(text, start, end, ins) {
  if (ins !== '') return { start, end, text: ins };
  const right = String.fromCodePoint(text.codePointAt(end) ?? 10);
  if (end < text.length && right !== '\n') return { start, end: end + right.length, text: right };
  const left = Array.from(text.slice(Math.max(0, start - 2), start)).pop() ?? '\n';
  if (start > 0 && left !== '\n') return { start: start - left.length, end, text: left };
  return { start, end, text: ins };
}

// Settle waits until the field holds the wanted text, or stops changing (editors such as Draft.js re-render
// asynchronously), for at most ~400 ms.
async function settle(session, before, want) {
  let last = session.surface.text();
  for (let i = 0; i < 12; i++) {
    if (same(last, want)) return last;
    await frame(session.win);
    const now = session.surface.text();
    if (now !== before && now === last && i >= 3) return now;
    last = now;
  }
  return last;
}

function frame(win) {
  return new Promise((resolve) => {
    let done = false;
    const fin = () => {
      if (!done) {
        done = true;
        resolve();
      }
    };
    win.requestAnimationFrame(fin);
    setTimeout(fin, 40); // background tabs do not run animation frames
  });
}
