// Package conversation names the conversation a page belongs to, so what the agent chose for a ticket (its segment,
// the customer's message) follows them from the ticket page to its reply page and never to another ticket. Pure,
// except hashKey, which uses WebCrypto.
//
// A helpdesk shows one ticket on several pages: Request Tracker's /Ticket/Display.html?id=42 and
// /Ticket/Update.html?id=42, osTicket's tickets.php?id=42, Zendesk's /agent/tickets/42, Zammad's #ticket/zoom/42. The
// identity is the host plus the ticket's id, from a query parameter or a path segment; the path alone is not (every
// reply page of RT has the same path) and neither is the whole URL (the two pages differ).

/** Query parameters that carry a ticket's or conversation's id, in order of preference. */
export const ID_PARAMS = Object.freeze([
  'ticket', 'ticket_id', 'ticketid', 'tid', 'conversation', 'conversation_id', 'conversationid', 'thread', 'thread_id',
  'case', 'case_id', 'caseid', 'issue', 'issue_id', 'request', 'request_id', 'chat', 'chat_id', 'id',
]);

/** Path words after which a ticket's id comes: /tickets/42, /conversation/42, /browse/ABC-42, #ticket/zoom/42. */
const ID_WORDS = new Set([
  'ticket', 'tickets', 'conversation', 'conversations', 'case', 'cases', 'issue', 'issues', 'thread', 'threads',
  'request', 'requests', 'chat', 'chats', 'browse', 'zoom', 'inbox', 'message', 'messages', 'dialog', 'dialogs',
  'appeal', 'appeals', 'obrashcheniya', 'zayavka', 'zayavki',
]);

// An id looks like one: digits, or letters with digits (ABC-123, 5f3c…), not a word such as "new" or "reply".
const ID_VALUE = /^(?=.*\d)[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$/;

/**
 * TicketIdentity returns "host|ticket id" for a helpdesk URL, or '' when the URL names no ticket (then what the agent
 * chose is kept for this page load only).
 * @param {string} url
 * @returns {string}
 */
export function ticketIdentity(url) {
  let u;
  try {
    u = new URL(url);
  } catch {
    return '';
  }
  if (!/^https?:$/.test(u.protocol)) return '';
  const host = u.host.toLowerCase().replace(/^www\./, '');
  const params = new Map();
  for (const [k, v] of u.searchParams) params.set(k.toLowerCase(), v);
  // Single-page helpdesks route in the fragment: #ticket/zoom/42, #/tickets/42?x=1.
  const [hashPath, hashQuery = ''] = u.hash.replace(/^#!?\/?/, '').split('?');
  for (const [k, v] of new URLSearchParams(hashQuery)) if (!params.has(k.toLowerCase())) params.set(k.toLowerCase(), v);
  const fromPath = (path) => {
    const parts = path.split('/').filter(Boolean).map((p) => safeDecode(p));
    for (let i = parts.length - 2; i >= 0; i--) {
      if (ID_WORDS.has(parts[i].toLowerCase()) && ID_VALUE.test(parts[i + 1])) return parts[i + 1];
    }
    return '';
  };
  const id = fromPath(u.pathname) || fromPath(hashPath) || ID_PARAMS.map((k) => params.get(k)).find((v) => v && ID_VALUE.test(v));
  return id ? `${host}|${id}` : '';
}

function safeDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * HashKey turns an identity into the key it is stored under: SHA-256, hex, with a fixed label, so storage holds no
 * host, ticket number or e-mail address from a URL.
 * @param {string} identity
 * @returns {Promise<string>} 32 hex characters
 */
export async function hashKey(identity) {
  const data = new TextEncoder().encode(`sufler-conversation:${identity}`);
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', data));
  return Array.from(digest.slice(0, 16), (b) => b.toString(16).padStart(2, '0')).join('');
}
