// Package import checks a pack the user brings (file or paste) and loads it: the engine
// validates it (PUT /v1/packs/{id}); only when it is accepted is it saved in settings.
// A rejected pack changes nothing: settings stay as they were, and the engine keeps the
// previous version (its Put swaps only on success).

const ID = /^[a-z0-9-]+$/;
/** The engine's body limit (413 above it). */
export const MAX_BYTES = 1 << 20;

/** Line and column (1-based) of a character offset. */
export function lineCol(text, offset) {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}

/**
 * Offset of the first JSON syntax error in text, or -1 when there is none. JSON.parse's
 * messages do not always say where (V8: "Unexpected token '}', ... is not valid JSON"),
 * and a person fixing a pack by hand needs the line.
 */
export function jsonErrorOffset(text) {
  let i = 0;
  const fail = () => { throw i; };
  const ws = () => { while (i < text.length && ' \t\n\r'.includes(text[i])) i++; };
  const lit = (word) => { if (text.startsWith(word, i)) i += word.length; else fail(); };
  const str = () => {
    i++; // opening quote
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') { if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail(); i += 5; continue; }
        if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    if (text[i] !== '"') fail();
    i++;
  };
  const num = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!m) fail();
    i += m[0].length;
  };
  const value = () => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++; ws();
      if (text[i] === '}') { i++; return; }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        str(); ws();
        if (text[i] !== ':') fail();
        i++; value(); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === '}') { i++; return; }
        fail();
      }
    } else if (c === '[') {
      i++; ws();
      if (text[i] === ']') { i++; return; }
      for (;;) {
        value(); ws();
        if (text[i] === ',') { i++; continue; }
        if (text[i] === ']') { i++; return; }
        fail();
      }
    } else if (c === '"') str();
    else if (c === 't') lit('true');
    else if (c === 'f') lit('false');
    else if (c === 'n') lit('null');
    else num();
  };
  try {
    value(); ws();
    if (i < text.length) fail();
    return -1;
  } catch (at) {
    if (typeof at !== 'number') throw at;
    return at;
  }
}

/**
 * Local checks before asking the engine: JSON syntax (with line:column) and the id that
 * names the URL. Returns {id, problems:[{path, problem}]}; messages are filled by `msg`.
 */
export function precheck(text, msg) {
  const problems = [];
  if (!text.trim()) return { id: '', problems: [{ path: '', problem: msg('importEmpty') }] };
  if (new TextEncoder().encode(text).length > MAX_BYTES) {
    return { id: '', problems: [{ path: '', problem: msg('importTooBig') }] };
  }
  let data;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const at = jsonErrorOffset(text);
    const where = at >= 0 ? lineCol(text, at) : null;
    const problem = where ? msg('importBadJSONAt', { line: where.line, col: where.col, error: err.message }) : msg('importBadJSON', { error: err.message });
    return { id: '', problems: [{ path: '', problem }] };
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    return { id: '', problems: [{ path: '', problem: msg('importNotObject') }] };
  }
  if (typeof data.id !== 'string' || !ID.test(data.id)) {
    problems.push({ path: 'id', problem: msg('importBadId', { id: JSON.stringify(data.id ?? null) }) });
  }
  return { id: problems.length ? '' : data.id, problems };
}

/**
 * Imports a pack: precheck, PUT to the engine, and on success save it as a custom pack.
 *   deps: {api(method, path, body), load(), save(patch), msg(key, vars)}
 * Resolves {ok:true, pack, replaced} or {ok:false, error, problems:[{path, problem}]}.
 */
export async function importPack(text, { api, load, save, msg }) {
  const { id, problems } = precheck(text, msg);
  if (problems.length) return { ok: false, error: msg('importRejected'), problems };
  const before = await load();
  const r = await api('PUT', `/v1/packs/${id}`, text);
  if (r.status === 413) return { ok: false, error: msg('importTooBig'), problems: [] };
  // 409: the id is a built-in pack's, which an import must not replace.
  if (r.status === 409) return { ok: false, error: msg('importBuiltIn', { id }), problems: [] };
  if (r.status !== 200) {
    return {
      ok: false,
      error: r.body?.error ?? msg('importFailed', { status: r.status }),
      problems: Array.isArray(r.body?.problems) ? r.body.problems : [],
    };
  }
  const replaced = id in before.packs.custom;
  await save({
    packs: {
      disabled: before.packs.disabled.filter((d) => d !== id),
      custom: { ...before.packs.custom, [id]: text },
    },
  });
  return { ok: true, pack: r.body?.pack ?? { id }, replaced };
}
