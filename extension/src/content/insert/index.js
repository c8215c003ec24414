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
    const [a, b, put] = n === paste.name || n === beforeInput.name ? nonEmpty(before, start, end, text) : [start, end, text];
    s.select(a, b);
    await frame(session.win); // let the editor take the new selection (selectionchange is async)
    const sel = s.selection();
    if (!sel || sel.start !== a || sel.end !== b) {
      s.select(a, b);
    }
    boundary(session);
    try {
      strat.insert(session, put, { start: a, end: b });
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

// NonEmpty widens a removal (empty text) by one neighbouring character on the same line and puts that character
// back, so a paste or a beforeinput carries something: editors that apply them through their own model ignore an
// empty one (Draft.js's paste, Slate's insertReplacementText), and the strategy would then be written off for the
// field, leaving later replacements to a path that inserts at the editor's own caret. The text read back is the
// same either way.
export function nonEmpty(before, start, end, text) {
  if (text !== '') return [start, end, text];
  if (end < before.length && before[end] !== '\n') return [start, end + 1, before[end]];
  if (start > 0 && before[start - 1] !== '\n') return [start - 1, end, before[start - 1]];
  return [start, end, text];
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
