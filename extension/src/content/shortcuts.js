// Package shortcuts: parses "Alt+Shift+S" style shortcuts and matches them against key events. Pure.

/** DEFAULTS are the in-page shortcuts; settings.shortcuts overrides any of them. */
export const DEFAULTS = {
  search: 'Alt+Shift+S', // open inline search of templates
  markContext: 'Alt+Shift+M', // mark the selected text as the customer's message
  finding: 'Alt+Shift+F', // open the card of the finding at (or after) the caret
  segment: 'Alt+Shift+G', // open the segment menu of the focused field
};

const KEY = /^(?:[A-Za-z0-9]|F\d{1,2}|Arrow(?:Up|Down|Left|Right)|Enter|Escape|Tab|Space|Backspace|Home|End|PageUp|PageDown|[.,;/\[\]'`=-])$/;

/**
 * Parse turns "Alt+Shift+S" into {alt, shift, ctrl, meta, key}; null for an empty or malformed string.
 * The key is matched by KeyboardEvent.code for letters and digits, so Russian layouts work too.
 * @param {string} s
 */
export function parse(s) {
  if (typeof s !== 'string' || !s.trim()) return null;
  const parts = s.split('+').map((p) => p.trim());
  if (parts.some((p) => !p)) return null;
  const out = { alt: false, shift: false, ctrl: false, meta: false, key: '' };
  for (const p of parts) {
    const l = p.toLowerCase();
    if (l === 'alt' || l === 'option') out.alt = true;
    else if (l === 'shift') out.shift = true;
    else if (l === 'ctrl' || l === 'control') out.ctrl = true;
    else if (l === 'meta' || l === 'cmd' || l === 'command') out.meta = true;
    else if (!out.key && KEY.test(p)) out.key = p.length === 1 ? p.toUpperCase() : p;
    else return null;
  }
  return out.key ? out : null;
}

/**
 * Matches is true when a keydown event (or a plain object with the same fields) is the shortcut.
 * @param {{altKey:boolean, shiftKey:boolean, ctrlKey:boolean, metaKey:boolean, key:string, code:string}} e
 * @param {ReturnType<typeof parse>} sc
 */
export function matches(e, sc) {
  if (!sc) return false;
  if (e.altKey !== sc.alt || e.shiftKey !== sc.shift || e.ctrlKey !== sc.ctrl || e.metaKey !== sc.meta) return false;
  if (sc.key.length === 1) {
    const c = sc.key;
    if (/[A-Z]/.test(c)) return e.code === `Key${c}`;
    if (/[0-9]/.test(c)) return e.code === `Digit${c}`;
    return e.key === c;
  }
  return e.key.toLowerCase() === sc.key.toLowerCase() || e.code.toLowerCase() === sc.key.toLowerCase();
}

/**
 * Resolve merges user shortcuts over the defaults, keeping defaults for missing or malformed entries.
 * @param {Record<string,string>|undefined} user
 */
export function resolve(user) {
  const out = {};
  for (const [name, def] of Object.entries(DEFAULTS)) {
    out[name] = parse(user?.[name]) ?? parse(def);
  }
  return out;
}
