import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { crc32, zipDirectory } from '../../tools/zip.mjs';

/** Reads a ZIP's central directory and returns {name: Buffer}. */
function unzip(buf) {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = buf.readUInt16LE(end + 10);
  let p = buf.readUInt32LE(end + 16);
  const out = {};
  for (let i = 0; i < count; i++) {
    assert.equal(buf.readUInt32LE(p), 0x02014b50);
    const method = buf.readUInt16LE(p + 10);
    const crc = buf.readUInt32LE(p + 16);
    const csize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extra = buf.readUInt16LE(p + 30);
    const comment = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataStart, dataStart + csize);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    assert.equal(crc32(data), crc, `crc of ${name}`);
    out[name] = data;
    p += 46 + nameLen + extra + comment;
  }
  return out;
}

test('crc32 matches the standard check value', () => {
  assert.equal(crc32(Buffer.from('123456789')), 0xcbf43926);
  assert.equal(crc32(Buffer.alloc(0)), 0);
});

test('zipDirectory round-trips files, nested paths and UTF-8 names, byte for byte and deterministically', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zip-test-'));
  try {
    mkdirSync(join(dir, 'src', 'engine'), { recursive: true });
    const files = {
      'manifest.json': Buffer.from('{"manifest_version":3}'),
      'src/engine/big.bin': Buffer.alloc(200_000, 7),
      'src/тест.txt': Buffer.from('привет'),
      'empty.txt': Buffer.alloc(0),
      'random.bin': Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 7919) % 251)),
    };
    for (const [name, data] of Object.entries(files)) writeFileSync(join(dir, name), data);
    const zip1 = join(dir, '..', `${dir.split('/').pop()}-1.zip`);
    const zip2 = join(dir, '..', `${dir.split('/').pop()}-2.zip`);
    assert.equal(zipDirectory(dir, zip1), 5);
    zipDirectory(dir, zip2);
    const got = unzip(readFileSync(zip1));
    assert.deepEqual(Object.keys(got).sort(), Object.keys(files).sort());
    for (const [name, data] of Object.entries(files)) assert.ok(got[name].equals(data), name);
    assert.ok(readFileSync(zip1).equals(readFileSync(zip2)), 'same input, same bytes');
    rmSync(zip1);
    rmSync(zip2);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
