// Package messages names every runtime message the extension's contexts exchange, so senders and receivers agree on
// one spelling. The engine's requests and answers are defined in protocol.js; the rest are the UI's own.

/** Message types. */
export const MSG = Object.freeze({
  /** any → background → engine: an ApiEnvelope (protocol.js) → Answer {status, body}. The background passes the same
   *  envelope on to the offscreen document (Chromium) or its own engine host (Firefox). */
  api: 'sufler:api',
  /** any → background → engine: a CancelEnvelope {lane, seq}: drops the lane's requests not yet started → {ok}. */
  cancel: 'sufler:cancel',
  /** extension page → background → engine: restart with the packs from settings → ReloadAnswer {ok, applied, error?}. */
  reload: 'sufler:reload',
  /** extension page → background → engine: host status → StatusAnswer {started, running, starts, applied, document?}. */
  status: 'sufler:engine-status',
  /** extension page → background → engine host: a PacksEnvelope (protocol.js) {op: 'list'|'import'|'remove'|'toggle'|
   *  'export'|'reconcile', id?, on?, text?} → PacksOpAnswer {ok, …} (src/engine/packs.js). The host owns the custom
   *  packs; the background passes the checked envelope on like an ApiEnvelope, with a longer timeout. */
  packs: 'sufler:packs',
  /** offscreen document → background: which built-in packs are switched off → {disabled}. */
  engineConfig: 'sufler:engine-config',
  /** content/popup/options → background: → {packs: [{id, title}]}: the loaded packs' names and nothing else, for a
   *  content script that names the pack a guess came from (the full pack list stays for Sufler's own pages). */
  packTitles: 'sufler:pack-titles',
  /** popup → active tab content script: {type, text} → {ok, error?}; only the frame that owns
   *  the last focused field answers. */
  insert: 'sufler:insert',
  /** background → tab content script: {type, command, selectionText?}; command is one of COMMANDS. */
  command: 'sufler:command',
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
});

/** Commands forwarded to the content script (manifest `commands` and the context menu). */
export const COMMANDS = Object.freeze({
  /** open the inline knowledge search at the focused field */
  openSearch: 'open-search',
  /** take the selected text as the customer's message (segment guess, suggestions) */
  markCustomer: 'mark-customer',
  /** switch Sufler on/off for the current site */
  toggle: 'toggle-site',
});
