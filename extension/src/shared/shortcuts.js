// Package shortcuts holds the keys Sufler suggests, in one place: the content script's
// in-page defaults (settings.js) and the manifest's browser-level commands (manifest.mjs,
// at build time) both read them, so the command and the in-page key stay the same keys.

/**
 * In-page shortcuts the content script listens for (src/content/shortcuts.js reads them
 * through the settings); search and markContext are also the browser-level commands
 * open-search and mark-customer, which the agent edits on the browser's shortcuts page.
 */
export const DEFAULT_SHORTCUTS = Object.freeze({
  search: 'Alt+Shift+S',      // inline search of templates at the focused field
  markContext: 'Alt+Shift+M', // the selected text is the customer's message
  finding: 'Alt+Shift+F',     // open the card of the finding at the caret
  segment: 'Alt+Shift+G',     // the segment menu of the focused field
});

/** Browser-level commands that have no in-page twin. */
export const COMMAND_KEYS = Object.freeze({
  popup: 'Alt+Shift+K',       // open Sufler's popup (_execute_action)
  toggleSite: 'Alt+Shift+O',  // Sufler on or off for this site
});
