// Package focus: follows keyboard focus through served documents and open shadow roots, and makes the focused
// eligible field the active session ('active' on the hub). Sufler's own panels never take the active role away.
import { fieldOf, deepTarget, deepActive } from './fields.js';
import { sessionFor } from './session.js';
import { state, emit, eachDocument } from './state.js';
import { adopt } from './trust.js';

/**
 * Init starts following focus.
 * @param {AbortSignal} signal
 */
export function init(signal) {
  eachDocument((doc, sig) => {
    doc.addEventListener('focusin', (e) => activate(deepTarget(e), signal), { capture: true, signal: sig });
    doc.addEventListener('focusout', () => {
      setTimeout(() => {
        if (sig.aborted || !doc.hasFocus()) return; // the window lost focus (popup, other app): keep the field
        const a = deepActive(doc);
        if (state.active && state.active.doc === doc && !(a && (state.active.el === a || state.active.el.contains(a))) && !ours(a)) {
          activate(a, signal);
        }
      }, 0);
    }, { capture: true, signal: sig });
    activate(deepActive(doc), signal);
  }, signal);
  signal.addEventListener('abort', () => {
    state.active = null;
    state.last = null;
  }, { once: true });
}

// Ours is true for elements inside Sufler's overlay.
function ours(el) {
  if (!el) return false;
  if (el.closest?.('[data-sufler-ui]')) return true;
  const root = el.getRootNode?.();
  return !!root?.host?.hasAttribute?.('data-sufler-ui');
}

function activate(target, signal) {
  if (!target || ours(target)) return;
  // Focus entering a frame shows up in the parent as focus on the frame element: the frame's own document decides.
  if (target.localName === 'iframe' || target.localName === 'frame') return;
  const field = fieldOf(target);
  const session = field ? sessionFor(field, signal) : null;
  if (state.active === session) return;
  state.active = session;
  if (session) state.last = session;
  adopt(session);
  emit('active', session);
}

/**
 * Owns is true when a session's field is where the agent's focus is in the tab: focused in its document, and its
 * frame focused in each same-origin parent (a cross-origin parent cannot be asked and counts as yes).
 * @param {import('./session.js').Session} session
 */
export function owns(session) {
  if (!session || session.signal.aborted || !session.el.isConnected) return false;
  const a = deepActive(session.doc);
  if (!(a && (a === session.el || session.el.contains(a)))) return false;
  for (let win = session.win; win && win !== win.parent; win = win.parent) {
    let frame = null;
    try {
      frame = win.frameElement;
    } catch {
      return true;
    }
    if (!frame) return true;
    if (deepActive(frame.ownerDocument) !== frame) return false;
  }
  return true;
}
