// Package undo-boundary: closes the editor's current undo step around an insertion, for editors whose own undo
// manager would otherwise fold Sufler's edit into the agent's typing (then Ctrl+Z would take back the typing too).
// Each editor that needs it says how in its module in editors/ (boundary()).
import { BY_KIND } from '../editors/index.js';

/**
 * Boundary ends the editor's current undo step, if its kind needs it.
 * @param {import('../session.js').Session} session
 */
export function boundary(session) {
  BY_KIND[session.kind]?.boundary?.(session);
}
