// Package packs makes the engine host the one owner of the agent's own packs. It keeps each
// pack with its built index (src/shared/pack-store.js), loads it into the engine at every
// start from that index instead of indexing it again, and changes the running engine when
// the agent imports, removes or switches a pack: the engine never restarts for that.
//
// Storage and engine are reconciled at every start: every stored pack that is on is PUT,
// with its image when there is one. An image the engine refuses (another engine version,
// a pack edited since) is made again from the running engine and stored, so a start after
// a crash between PUT and save, or after an update, heals on its own.

import { PACK_IMAGE_TYPE } from '../shared/limits.gen.js';

/** Reply for an operation the engine or the store refused. */
const fail = (error, problems = []) => ({ ok: false, error, problems });

/** The body of a PUT with an image: "sufler-pack 1 <n>\n", the pack's n bytes, the image. */
export function framedPack(json, image) {
  const bytes = new TextEncoder().encode(json);
  return new Blob([`sufler-pack 1 ${bytes.length}\n`, bytes, image]);
}

/**
 * Creates the owner.
 *   send(req)  → Promise<{status, body}>: one engine request {method, path, body?, contentType?, binary?}
 *   store      the pack store (createPackStore)
 *   imageType  Content-Type of a PUT with an image (the engine's, from limits.gen.js)
 */
export function createPackOwner({ send, store, log = () => {}, imageType = PACK_IMAGE_TYPE }) {
  const imaging = new Map(); // id → promise of the image being made for it

  /** Asks the running engine for a pack's image and stores it with the pack, if the pack is still that JSON. */
  function refreshImage(id, json) {
    const p = (async () => {
      const r = await send({ method: 'GET', path: `/v1/packs/${encodeURIComponent(id)}/image`, binary: true });
      if (r.status !== 200 || !(r.body instanceof ArrayBuffer)) {
        log('pack image not made:', id, r.status, r.body?.error);
        return false;
      }
      // One step: a pack removed or imported anew meanwhile is left as it is.
      return store.update(id, (rec) => (rec.json === json ? { ...rec, image: r.body } : undefined));
    })().catch((err) => { log('pack image not stored:', id, err.message); return false; })
      .finally(() => { if (imaging.get(id) === p) imaging.delete(id); });
    imaging.set(id, p);
    return p;
  }

  /** PUTs one stored pack into the engine, with its image when it has one. */
  async function load(id, rec) {
    const path = `/v1/packs/${encodeURIComponent(id)}`;
    const r = rec.image
      ? await send({ method: 'PUT', path, body: framedPack(rec.json, rec.image), contentType: imageType })
      : await send({ method: 'PUT', path, body: rec.json });
    const imageUsed = r.status === 200 && r.body?.image?.used === true;
    if (r.status === 200 && !imageUsed) {
      if (rec.image) log('pack image not used, indexing anew:', id, r.body?.image?.error);
      refreshImage(id, rec.json);
    }
    return { id, op: 'custom', ok: r.status === 200, status: r.status, image: imageUsed, error: r.body?.error, problems: r.body?.problems ?? [] };
  }

  return {
    /** Loads every stored pack that is on into a fresh engine → the report, one entry a pack. */
    async applyStored() {
      const report = [];
      for (const [id, rec] of Object.entries(await store.records())) {
        if (!rec.on) continue;
        const entry = await load(id, rec);
        if (!entry.ok) log('custom pack rejected on start:', id, entry.error);
        report.push(entry);
      }
      return report;
    },

    /** Imports a pack file: the engine checks it (its id comes from the file), then it is stored. */
    async importPack(text) {
      const r = await send({ method: 'POST', path: '/v1/packs', body: text });
      if (r.status !== 200) {
        return { ...fail(r.body?.error ?? `engine answered ${r.status}`, Array.isArray(r.body?.problems) ? r.body.problems : []), status: r.status };
      }
      const pack = r.body.pack;
      const replaced = (await store.get(pack.id)) !== null;
      await store.put(pack.id, { json: text, image: null, on: true, info: pack });
      refreshImage(pack.id, text); // made while the index builds; the next start loads it
      return { ok: true, pack, replaced };
    },

    /** Takes a custom pack out of the engine and the store. */
    async remove(id) {
      if (!(await store.get(id))) return fail(`no custom pack ${JSON.stringify(id)}`);
      await store.delete(id);
      const r = await send({ method: 'DELETE', path: `/v1/packs/${encodeURIComponent(id)}` });
      return { ok: r.status === 200 || r.status === 404 };
    },

    /**
     * Switches a pack on or off in the running engine. A custom pack is PUT (from its image)
     * or DELETEd and its record says so; a built-in one is switched with ?builtin=on|off and
     * the answer says builtin: true, so the caller keeps it in settings.
     */
    async toggle(id, on) {
      const rec = await store.get(id);
      const path = `/v1/packs/${encodeURIComponent(id)}`;
      if (!rec) {
        const r = await send(on ? { method: 'PUT', path: `${path}?builtin=on` } : { method: 'DELETE', path: `${path}?builtin=off` });
        return { ok: r.status === 200 || (!on && r.status === 404), builtin: true, error: r.body?.error };
      }
      if (!(await store.update(id, (cur) => ({ ...cur, on })))) return fail(`no custom pack ${JSON.stringify(id)}`);
      if (!on) {
        const r = await send({ method: 'DELETE', path });
        return { ok: r.status === 200 || r.status === 404 };
      }
      const entry = await load(id, { ...rec, on });
      return { ok: entry.ok, error: entry.error, problems: entry.problems };
    },

    /** The pack's JSON as it was imported, or null. */
    async exportPack(id) {
      return (await store.get(id))?.json ?? null;
    },

    /**
     * What the options page shows: the engine's packs (on), built-in packs switched off, and
     * custom packs switched off, each {id, title, ..., on, custom}.
     */
    async list() {
      const r = await send({ method: 'GET', path: '/v1/packs' });
      if (r.status !== 200) return fail(r.body?.error ?? `engine answered ${r.status}`);
      const recs = await store.records();
      const rows = (r.body.packs ?? []).map((p) => ({ ...p, on: true, custom: p.id in recs }));
      for (const p of r.body.off ?? []) rows.push({ id: p.id, title: p.title, on: false, custom: false });
      for (const [id, rec] of Object.entries(recs)) {
        if (!rec.on) rows.push({ id, title: rec.info?.title ?? id, on: false, custom: true });
      }
      return { ok: true, packs: rows };
    },

    /**
     * Makes the running engine hold what the store holds: every pack that is on and missing
     * from the engine is PUT, every pack the engine has that is neither built in nor stored
     * (nor on) is DELETEd. For changes made to the store from elsewhere (a team hub).
     */
    async reconcile() {
      const r = await send({ method: 'GET', path: '/v1/packs' });
      if (r.status !== 200) return fail(r.body?.error ?? `engine answered ${r.status}`);
      const builtin = new Set(r.body.builtin ?? []);
      const loaded = new Set((r.body.packs ?? []).map((p) => p.id));
      const recs = await store.records();
      const report = [];
      for (const [id, rec] of Object.entries(recs)) {
        if (rec.on && !loaded.has(id)) report.push(await load(id, rec));
      }
      for (const id of loaded) {
        if (builtin.has(id) || recs[id]?.on) continue;
        const d = await send({ method: 'DELETE', path: `/v1/packs/${encodeURIComponent(id)}` });
        report.push({ id, op: 'delete', ok: d.status === 200 || d.status === 404, status: d.status });
      }
      return { ok: report.every((x) => x.ok), applied: report };
    },

    /** Waits for the images being made (tests, and a host about to stop). */
    settled() { return Promise.all([...imaging.values()]); },
  };
}
