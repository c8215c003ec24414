// Package messages names every runtime message the extension's contexts exchange,
// so senders and receivers agree on one spelling (docs/contract.md, "Messaging").

/** Message types. */
export const MSG = Object.freeze({
  /** content/popup/options → background: {type, method, path, body} → {status, body}. */
  api: 'sufler:api',
  /** any → background: restart the engine with the packs from settings → {ok, packs, problems}. */
  reload: 'sufler:reload',
  /** any → background: engine host status → {started, ready, applied:[{id, op, ok, problems}]}. */
  status: 'sufler:engine-status',
  /** popup → active tab content script: {type, text} → {ok, error?}; only the frame that owns
   *  the last focused field answers. */
  insert: 'sufler:insert',
  /** background → tab content script: {type, command, selectionText?}; command is one of COMMANDS. */
  command: 'sufler:command',
  /** background → offscreen document (Chromium): {target, type, req} → {status, body}. */
  engineRequest: 'sufler:engine-request',
  /** background → offscreen document: restart the engine → same reply as reload. */
  engineReload: 'sufler:engine-reload',
  /** background → offscreen document: host status. */
  engineStatus: 'sufler:engine-status-internal',
  /** offscreen document → background: which built-in packs are switched off → {disabled}. */
  engineConfig: 'sufler:engine-config',
  /** options → background: a pack operation {op: 'list'|'import'|'remove'|'toggle'|'export', id?, on?, text?}
   *  → {ok, ...} (src/engine/packs.js); the engine host owns the custom packs and carries it out. */
  packs: 'sufler:packs',
  /** background → offscreen document: {target, type, msg} with msg a packs operation → its answer. */
  enginePacks: 'sufler:engine-packs',
  /** content → background: the conversation's memory, op 'hello' | 'get' | 'set' {segment?, context?} →
   *  {segment, context, remembered, scope}; options → background: op 'list' | 'forget' {key?}
   *  (background/conversations.js). */
  conversation: 'sufler:conversation',
  /** background → every frame of a tab: {segment, context, remembered, scope} after a 'set'. */
  conversationChanged: 'sufler:conversation-changed',
  /** top-frame content script → background: {type, off} — the page opted out (badge "off" on the toolbar icon). */
  pageOptedOut: 'sufler:page-opted-out',
  /** popup → tab's top-frame content script: → {optedOut, forced}. */
  pageState: 'sufler:page-state',
  /** content/popup/options → background: → {packs: [{id, title}]}: the loaded packs' names and nothing else, for a
   *  content script that names the pack a guess came from (the full pack list stays for Sufler's own pages). */
  packTitles: 'sufler:pack-titles',
  /** background → offscreen document: liveness probe → {ok:true}. */
  ping: 'sufler:ping',
});

/** The `target` field of messages meant only for the offscreen document. */
export const OFFSCREEN_TARGET = 'sufler-offscreen';

/** Commands forwarded to the content script (manifest `commands` and the context menu). */
export const COMMANDS = Object.freeze({
  /** open the inline knowledge search at the focused field */
  openSearch: 'open-search',
  /** take the selected text as the customer's message (segment guess, suggestions) */
  markCustomer: 'mark-customer',
  /** switch Sufler on/off for the current site */
  toggle: 'toggle-site',
});
