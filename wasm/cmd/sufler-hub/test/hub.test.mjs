// The hub Worker itself, under wrangler dev --local: the team lead's sufler-pack publishes
// to it, and an extension's requests read from it. SUFLER_PACK names the sufler-pack binary.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { createPublicKey, verify } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startWorker, hubDir } from "./worker.mjs";

const sufler = process.env.SUFLER_PACK;
const token = "test-token-" + Math.random().toString(36).slice(2);
const repo = join(hubDir, "..", "..", "..");
const testPack = join(repo, "knowledge", "testdata", "pack.json");
const ext = "chrome-extension://abcdefghijklmnopabcdefghijklmnop";
let dir, worker, pub;

function pack(...args) {
  return execFileSync(sufler, args, { encoding: "utf8", env: { ...process.env, SUFLER_HUB_TOKEN: token } });
}

before(async () => {
  assert.ok(sufler, "set SUFLER_PACK to the sufler-pack binary (make test-hub does)");
  dir = mkdtempSync(join(tmpdir(), "sufler-hub-test-"));
  pack("keygen", "-o", join(dir, "team"));
  pub = readFileSync(join(dir, "team.pub"), "utf8").trim();
  worker = await startWorker({ vars: { HUB_TOKEN: token, HUB_PUBLIC_KEYS: pub } });
});

after(async () => {
  await worker?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

// verifySig checks a detached signature as the extension will: ed25519, the team's key.
function verifySig(data, sig) {
  const der = Buffer.concat([Buffer.from("302a300506032b6570032100", "hex"), Buffer.from(pub, "base64")]);
  const key = createPublicKey({ key: der, format: "der", type: "spki" });
  return verify(null, data, key, Buffer.from(sig.trim(), "base64"));
}

function release(name, version, serial) {
  const src = join(dir, `${name}.json`);
  writeFileSync(src, readFileSync(testPack, "utf8").replace('"version": "0.1.0"', `"version": "${version}"`));
  const out = join(dir, name);
  pack("build", "-o", out, src);
  pack("sign", "-key", join(dir, "team.key"), "-channel", "support", "-serial", String(serial), out);
  return out;
}

test("publish v1, read and verify the manifest, 304, refusals, rollback", async () => {
  const v1 = release("v1", "1.0.0", 1);
  assert.match(pack("publish", "-hub", worker.url, "-channel", "support", v1), /published: channel support, serial 1/);

  const res = await fetch(`${worker.url}/v1/channels/support/manifest.json`, { headers: { Origin: ext } });
  assert.equal(res.status, 200);
  assert.equal(res.headers.get("access-control-allow-origin"), ext);
  assert.equal(res.headers.get("cache-control"), "no-cache");
  const body = Buffer.from(await res.arrayBuffer());
  const etag = res.headers.get("etag");
  const sig = await (await fetch(`${worker.url}/v1/channels/support/manifest.json.sig`)).text();
  assert.ok(verifySig(body, sig), "the served manifest verifies with the team's public key");
  assert.ok(!verifySig(Buffer.concat([body, Buffer.from(" ")]), sig), "a changed manifest does not");
  const manifest = JSON.parse(body);
  assert.equal(manifest.packs[0].version, "1.0.0");

  // Every file is served with the bytes the manifest's sha256 names.
  const { createHash } = await import("node:crypto");
  for (const f of manifest.packs[0].files) {
    const r = await fetch(`${worker.url}/v1/packs/vector-test/1.0.0/${f.name}`);
    assert.equal(r.status, 200, f.name);
    assert.match(r.headers.get("cache-control"), /immutable/);
    const b = Buffer.from(await r.arrayBuffer());
    assert.equal(createHash("sha256").update(b).digest("hex"), f.sha256, f.name);
  }

  const again = await fetch(`${worker.url}/v1/channels/support/manifest.json`, { headers: { "If-None-Match": etag } });
  assert.equal(again.status, 304);
  assert.equal((await again.arrayBuffer()).byteLength, 0);

  // A web page's origin gets no CORS grant; an unauthenticated or wrongly signed PUT is refused.
  const page = await fetch(`${worker.url}/v1/channels/support/manifest.json`, { headers: { Origin: "https://evil.example" } });
  assert.equal(page.headers.get("access-control-allow-origin"), null);
  const anon = await fetch(`${worker.url}/v1/packs/vector-test/9.9.9/pack.json`, { method: "PUT", body: "{}" });
  assert.equal(anon.status, 401);
  const forged = await fetch(`${worker.url}/v1/channels/support`, {
    method: "PUT",
    headers: { Authorization: `Bearer ${token}` },
    body: JSON.stringify({ manifest: body.toString().replace('"serial": 1', '"serial": 7'), signature: sig }),
  });
  assert.equal(forged.status, 403);

  // v2, then the rollback: v1's build signed again with a newer serial.
  const v2 = release("v2", "2.0.0", 2);
  pack("publish", "-hub", worker.url, "-channel", "support", v2);
  const m2 = await (await fetch(`${worker.url}/v1/channels/support/manifest.json`)).json();
  assert.equal(m2.packs[0].version, "2.0.0");
  const stale = await fetch(`${worker.url}/v1/channels/support/manifest.json`, { headers: { "If-None-Match": etag } });
  assert.equal(stale.status, 200, "the old ETag no longer matches");

  pack("sign", "-key", join(dir, "team.key"), "-channel", "support", "-serial", "3", v1);
  pack("publish", "-hub", worker.url, "-channel", "support", v1);
  const m3 = await (await fetch(`${worker.url}/v1/channels/support/manifest.json`)).json();
  assert.equal(m3.serial, 3);
  assert.equal(m3.packs[0].version, "1.0.0");
  // Both versions stay on the hub.
  assert.equal((await fetch(`${worker.url}/v1/packs/vector-test/2.0.0/pack.json`)).status, 200);
});
