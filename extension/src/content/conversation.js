// Package conversation: this frame's view of what the background remembers for the conversation (the segment the
// agent chose, the customer's message they marked). The background names the conversation from the tab's URL
// (shared/conversation.js), so the ticket page and its reply page share it, every frame of the tab hears a change, and
// another ticket never sees it. Only trusted agent actions call remember().
import { sendMessage, onMessage } from '../browser.js';
import { MSG } from '../shared/messages.js';
import { state, on, emit, segment } from './state.js';
import { adopt } from './context.js';

let lastHref = '';

/**
 * Init asks the background for this conversation's memory (the top frame says a new page loaded) and follows
 * changes made in other frames and, for single-page helpdesks, URL changes seen when a field gets focus.
 * @param {AbortSignal} signal
 */
export function init(signal) {
  const top = window === window.top;
  sync(top ? 'hello' : 'get', signal);
  onMessage((msg) => {
    if (msg?.type !== MSG.conversationChanged) return undefined;
    if (!signal.aborted) apply(msg);
    return undefined; // a broadcast: no frame answers it
  }, signal);
  on('active', (s) => s && location.href !== lastHref && sync('get', signal), signal);
}

async function sync(op, signal) {
  lastHref = location.href;
  try {
    const reply = await sendMessage({ type: MSG.conversation, op, url: location.href });
    if (!signal.aborted && reply && !reply.error) apply(reply);
  } catch (err) {
    console.debug('Sufler: conversation memory unavailable', err);
  }
}

/**
 * Remember stores a trusted choice for this conversation: {segment} and/or {context}; null forgets it.
 * @param {{segment?: string|null, context?: string|null}} patch
 * @returns {Promise<boolean>}
 */
export async function remember(patch) {
  try {
    const reply = await sendMessage({ type: MSG.conversation, op: 'set', url: location.href, ...patch });
    if (reply && !reply.error) {
      apply(reply);
      return true;
    }
    console.debug('Sufler: could not remember', reply?.error);
  } catch (err) {
    console.debug('Sufler: could not remember', err);
  }
  return false;
}

function apply(s) {
  const before = segment().id;
  state.conversation = { segment: s.segment ?? '', context: s.context ?? '', scope: s.scope ?? 'page' };
  if (s.context && state.context?.text !== s.context) {
    adopt(s.context, 'remembered'); // guesses the segment from it and emits 'context'
  } else if (!s.context && state.context?.how === 'remembered') {
    state.context = null;
    state.guess = null;
    emit('context', null);
  }
  if (segment().id !== before) emit('segment', segment());
}
