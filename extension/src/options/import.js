// Package import sends a pack the user brings (file or paste) to the engine host, which has
// the engine check it (POST /v1/packs: the engine reads the id and reports bad JSON with its
// own line and column) and stores it only when it is accepted. A rejected pack changes
// nothing: the stored packs stay as they were, and the engine keeps the previous version.

/**
 * Local checks before sending: an empty text, or one larger than the engine takes
 * (maxBytes, from GET /v1/limits), is refused here rather than carried through the
 * background. Returns [{path, problem}]; messages are filled by `msg`.
 */
export function precheck(text, maxBytes, msg) {
  if (!text.trim()) return [{ path: '', problem: msg('importEmpty') }];
  if (new Blob([text]).size > maxBytes) return [{ path: '', problem: msg('importTooBig') }];
  return [];
}

/**
 * Imports a pack.
 *   deps: {packs(op) → host answer, limits() → {packMaxBytes}, msg(key, vars)}
 * Resolves {ok:true, pack, replaced} or {ok:false, error, problems:[{path, problem}]}.
 */
export async function importPack(text, { packs, limits, msg }) {
  const { packMaxBytes } = await limits();
  const problems = precheck(text, packMaxBytes, msg);
  if (problems.length) return { ok: false, error: msg('importRejected'), problems };
  const r = await packs({ op: 'import', text });
  if (r.ok) return { ok: true, pack: r.pack, replaced: r.replaced };
  if (r.status === 413) return { ok: false, error: msg('importTooBig'), problems: [] };
  // 409: the id is a built-in pack's, which an import must not replace.
  if (r.status === 409) return { ok: false, error: msg('importBuiltIn', { id: builtinId(r.error) }), problems: [] };
  return { ok: false, error: r.error ?? msg('importFailed', { status: r.status }), problems: (r.problems ?? []).map((p) => localized(p, msg)) };
}

// The engine says where JSON breaks in its own words; the page says it in the agent's language, with the engine's line and column.
const BAD_JSON = /^invalid JSON at line (\d+), column (\d+) \(byte \d+\): (.*)$/s;
function localized(p, msg) {
  const m = BAD_JSON.exec(String(p.problem ?? ''));
  return m ? { ...p, problem: msg('importBadJSONAt', { line: Number(m[1]), col: Number(m[2]), error: m[3] }) } : p;
}

// The engine names the built-in pack in its 409 answer: `pack "prove-customs" is built in...`.
function builtinId(error) {
  return /"([^"]+)"/.exec(String(error ?? ''))?.[1] ?? '';
}
