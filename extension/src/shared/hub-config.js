// Package hub-config reads the team hub's configuration: hub URL, channel, trusted public
// keys and poll interval. An administrator sets it by enterprise policy (storage.managed);
// otherwise the options page keeps it in storage.local under 'hub'. A policy wins as a
// whole: the agent cannot point a managed browser at another hub or trust another key.
// With no URL there is no hub, and the extension makes no request at all.

/** storage.local key of the options page's configuration. */
export const HUB_KEY = 'hub';

/** Message an extension page sends the background to poll the hub now → the status. */
export const HUB_CHECK = 'sufler:hub-check';

/** Poll interval bounds, in seconds: every 15 minutes by default. */
export const POLL_DEFAULT = 900;
export const POLL_MIN = 5;
export const POLL_MAX = 86_400;

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);
const KEY_RE = /^[A-Za-z0-9+/]{43}=$/; // base64 of 32 bytes: an ed25519 public key
const CHANNEL_RE = /^[a-z0-9-]{1,64}$/;

/** HubConfigError carries every problem of a configuration, one sentence each. */
export class HubConfigError extends Error {
  constructor(problems) {
    super(problems.join(' '));
    this.name = 'HubConfigError';
    this.problems = problems;
  }
}

/**
 * Checks a raw configuration {url, channel, keys, pollSeconds}. keys may be an array or
 * one string (lines, commas or spaces). Returns {config, problems}: config is null when
 * the URL is empty (no hub) or anything is wrong.
 */
export function validateHubConfig(raw) {
  const problems = [];
  if (!raw || typeof raw !== 'object') return { config: null, problems: [] };
  const urlText = typeof raw.url === 'string' ? raw.url.trim() : '';
  if (!urlText) return { config: null, problems: [] };
  let url = '';
  try {
    // "hub.example.ru" means https: a scheme is only needed for a hub on this computer.
    const u = new URL(/^[a-z][a-z0-9+.-]*:/i.test(urlText) ? urlText : `https:${'//'}${urlText}`);
    const loop = LOOPBACK.has(u.hostname);
    if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loop)) {
      problems.push('The hub address must use https (plain http only for a hub on this computer, 127.0.0.1).');
    } else if (u.username || u.password || u.search || u.hash) {
      problems.push('The hub address must hold no user name, password, query or #fragment.');
    } else {
      url = `${u.origin}${u.pathname.replace(/\/+$/, '')}`;
    }
  } catch {
    problems.push(`"${urlText.slice(0, 80)}" is not a web address.`);
  }
  const channel = typeof raw.channel === 'string' ? raw.channel.trim() : '';
  if (!CHANNEL_RE.test(channel)) problems.push('The channel is 1 to 64 small Latin letters, digits or dashes, e.g. support.');
  const keyList = Array.isArray(raw.keys) ? raw.keys : String(raw.keys ?? '').split(/[\s,]+/);
  const keys = keyList.map((k) => String(k).trim()).filter(Boolean);
  if (!keys.length) problems.push('Give at least one trusted public key (the team.pub that sufler-pack keygen wrote).');
  for (const k of keys) if (!KEY_RE.test(k)) problems.push(`"${k.slice(0, 16)}…" is not an ed25519 public key in base64.`);
  let pollSeconds = POLL_DEFAULT;
  if (raw.pollSeconds !== undefined && raw.pollSeconds !== null && raw.pollSeconds !== '') {
    pollSeconds = Number(raw.pollSeconds);
    if (!Number.isInteger(pollSeconds) || pollSeconds < POLL_MIN || pollSeconds > POLL_MAX) {
      problems.push(`The poll interval is a whole number of seconds from ${POLL_MIN} to ${POLL_MAX}.`);
    }
  }
  if (problems.length) return { config: null, problems };
  return { config: { url, channel, keys: [...new Set(keys)], pollSeconds }, problems };
}

/**
 * The configuration in effect: the policy's when the administrator set one (managed is
 * true even when it is broken: a broken policy means no hub, never the agent's own), else
 * the options page's. → {config, managed, problems}.
 */
export function effectiveHubConfig(managedRaw, localRaw) {
  const managed = Boolean(managedRaw && typeof managedRaw === 'object' && Object.keys(managedRaw).length);
  const { config, problems } = validateHubConfig(managed ? managedRaw : localRaw);
  return { config, managed, problems };
}

/** The hub's origin ("https://hub.example.com"), the only one the extension may ask. */
export function hubOrigin(config) {
  return new URL(config.url).origin;
}
