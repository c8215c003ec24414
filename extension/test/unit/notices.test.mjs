// The third-party notices: every Go module linked into the shipped wasm, Go itself and any
// bundled npm package, each with its licence text, in each built extension and its zip.
// Needs the build (make ext), as `make test-ext` runs it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { inflateRawSync } from 'node:zlib';
import { dataNotices, escapeModule, goModules, goNotices, licenceName, linkedPackageDirs, npmNotices, renderNotices } from '../../tools/notices.mjs';

const root = resolve(import.meta.dirname, '../../..');
const wasm = join(root, 'build', 'wasm', 'sufler.wasm');

/** The modules of the packages the wasm build links, asked of the go command itself. */
function linkedModules() {
  const env = { ...process.env, GOWORK: join(root, 'build', 'wasm-work', 'go.work'), GOOS: 'js', GOARCH: 'wasm' };
  const out = execFileSync('go', ['list', '-deps', '-f', '{{with .Module}}{{.Path}} {{.Version}}{{end}}', './wasm/cmd/sufler-wasm'], { cwd: root, env, encoding: 'utf8' });
  return [...new Set(out.split('\n').filter(Boolean))].filter((l) => !l.startsWith('github.com/sufler/sufler ')).sort();
}

/** The files in a ZIP, by name (central directory only; contents inflated). */
function unzip(buf) {
  const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const out = {};
  let p = buf.readUInt32LE(end + 16);
  for (let i = 0; i < buf.readUInt16LE(end + 10); i++) {
    const csize = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(start, start + csize);
    out[name] = buf.readUInt16LE(p + 10) === 8 ? inflateRawSync(raw) : raw;
    p += 46 + nameLen + buf.readUInt16LE(p + 30) + buf.readUInt16LE(p + 32);
  }
  return out;
}

test('the modules read from the wasm are the ones the go command links into it', { skip: !existsSync(wasm) && 'no build/wasm (make wasm)' }, () => {
  const mods = goModules(readFileSync(wasm));
  assert.equal(mods[0].kind, 'mod');
  assert.equal(mods[0].path, 'github.com/sufler/sufler');
  const deps = mods.filter((m) => m.kind === 'dep').map((m) => `${m.path} ${m.version}`).sort();
  assert.deepEqual(deps, linkedModules());
  for (const want of ['github.com/blevesearch/bleve/v2', 'github.com/tidwall/gjson', 'github.com/syumai/workers', 'go.etcd.io/bbolt']) {
    assert.ok(deps.some((d) => d.startsWith(`${want} `)), want);
  }
  assert.deepEqual(mods.find((m) => m.path === 'go.etcd.io/bbolt').replace, { path: './bbolt', version: '(devel)' });
});

for (const target of ['chromium', 'firefox']) {
  const dir = join(root, 'build', 'extension', target);
  test(`${target}: the notices in the build and its zip list every module go reports, with its licence`, { skip: !existsSync(dir) && 'no build (make ext)' }, () => {
    const notices = readFileSync(join(dir, 'THIRD_PARTY_NOTICES.txt'), 'utf8');
    const headings = notices.split('\n').filter((l, i, all) => all[i - 1]?.startsWith('====') && !l.startsWith('===='));
    for (const m of linkedModules()) {
      const h = headings.find((x) => x.startsWith(`${m} — `));
      assert.ok(h, `${m} is listed`);
      assert.doesNotMatch(h, /see text$/, `${m}: a licence recognised`);
    }
    const goHeading = headings.find((x) => /^Go go1\.\d+/.test(x));
    assert.match(goHeading ?? '', /BSD-3-Clause$/, 'Go, for the runtime and wasm_exec.js');
    assert.match(notices, /Copyright \(c\) 2009 The Go Authors/);
    assert.match(notices, /Apache License\s+Version 2\.0/, "bleve's licence text");
    assert.match(notices, /Copyright \(c\) 2016 Josh Baker/, "gjson's licence text");
    const zip = unzip(readFileSync(join(root, 'build', `sufler-${target}.zip`)));
    assert.equal(zip['THIRD_PARTY_NOTICES.txt']?.toString('utf8'), notices, 'the zip ships the same notices');
    assert.match(zip.LICENSE?.toString('utf8') ?? '', /Apache License/, "the project's own licence");
  });
}

test('module paths are spelled as the module cache spells them', () => {
  assert.equal(escapeModule('github.com/RoaringBitmap/roaring/v2'), 'github.com/!roaring!bitmap/roaring/v2');
  assert.equal(escapeModule('v0.0.0-20171115153421-f7279a603ede'), 'v0.0.0-20171115153421-f7279a603ede');
});

test('licences are named from their text', () => {
  assert.equal(licenceName('Apache License\n Version 2.0, January 2004'), 'Apache-2.0');
  assert.equal(licenceName('Permission is hereby granted, free of charge, to any person'), 'MIT');
  assert.equal(licenceName('Redistribution and use in source and binary forms ... Neither the name of Google'), 'BSD-3-Clause');
  assert.equal(licenceName('Redistribution and use in source and binary forms, with or without'), 'BSD-2-Clause');
  assert.equal(licenceName('All rights reserved.'), 'see text');
});

test('a module or package without a licence file stops the build', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'notices-'));
  try {
    const info = 'path\tx/cmd\nmod\tx\t(devel)\t\ndep\tgithub.com/Acme/lib\tv1.0.0\th1:x=\ndep\tgithub.com/acme/bare\tv0.1.0\th1:y=\n';
    const bin = Buffer.concat([Buffer.from('junk'), Buffer.from('3077af0c9274080241e1c107e6d618e6', 'hex'), Buffer.from(info), Buffer.from('f932433186182072008242104116d8f2', 'hex')]);
    writeFileSync(join(tmp, 'fake.wasm'), bin);
    const goroot = join(tmp, 'goroot');
    mkdirSync(goroot);
    writeFileSync(join(goroot, 'LICENSE'), 'Redistribution and use in source and binary forms. Neither the name');
    const lib = join(tmp, 'mod', 'github.com', '!acme', 'lib@v1.0.0');
    mkdirSync(lib, { recursive: true });
    writeFileSync(join(lib, 'LICENSE.md'), 'Permission is hereby granted, free of charge');
    const env = { GOMODCACHE: join(tmp, 'mod'), GOROOT: goroot, GOVERSION: 'go1.99' };
    assert.throws(() => goNotices(join(tmp, 'fake.wasm'), { env }), /no licence file for Go module github\.com\/acme\/bare v0\.1\.0/);
    mkdirSync(join(tmp, 'mod', 'github.com', 'acme', 'bare@v0.1.0'), { recursive: true });
    writeFileSync(join(tmp, 'mod', 'github.com', 'acme', 'bare@v0.1.0', 'COPYING'), 'ISC License');
    const text = renderNotices(goNotices(join(tmp, 'fake.wasm'), { env }));
    assert.match(text, /^Go go1\.99 — BSD-3-Clause$/m);
    assert.match(text, /^github\.com\/Acme\/lib v1\.0\.0 — MIT$/m);
    assert.match(text, /^github\.com\/acme\/bare v0\.1\.0 — ISC$/m);

    const pkg = join(tmp, 'node_modules', 'left-pad');
    mkdirSync(join(pkg, 'lib'), { recursive: true });
    writeFileSync(join(pkg, 'package.json'), '{"name":"left-pad","version":"1.3.0"}');
    writeFileSync(join(pkg, 'lib', 'index.js'), '');
    assert.throws(() => npmNotices(['node_modules/left-pad/lib/index.js', 'src/main.js'], tmp), /no licence file for npm package left-pad 1\.3\.0/);
    writeFileSync(join(pkg, 'LICENSE'), 'Permission is hereby granted, free of charge');
    assert.deepEqual(npmNotices(['node_modules/left-pad/lib/index.js', 'node_modules/left-pad/package.json', 'src/main.js'], tmp).map((n) => n.name), ['left-pad 1.3.0 (npm)']);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

test('data under its own licence in a linked package is listed with that licence', () => {
  const tmp = mkdtempSync(join(tmpdir(), 'sufler-notices-data-'));
  try {
    mkdirSync(join(tmp, 'rules', 'dict'), { recursive: true });
    writeFileSync(join(tmp, 'rules', 'dict', 'LICENSE-words.txt'), 'The word list in words.bin\n\nAttribution-ShareAlike 3.0 Unported\n');
    writeFileSync(join(tmp, 'rules', 'dict', 'LICENSE'), 'not a data licence\n');
    const got = dataNotices(tmp, [join(tmp, 'rules', 'dict')]);
    assert.deepEqual(got.map((n) => n.name), ['The word list in words.bin']);
    assert.match(renderNotices(got), /The word list in words\.bin — CC-BY-SA-3\.0/);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
});

for (const target of ['chromium', 'firefox']) {
  const dir = join(root, 'build', 'extension', target);
  test(`${target}: every data licence of a package the wasm links is in the notices`, { skip: !existsSync(dir) && 'no build (make ext)' }, () => {
    const notices = readFileSync(join(dir, 'THIRD_PARTY_NOTICES.txt'), 'utf8');
    const dirs = linkedPackageDirs(root);
    for (const n of dataNotices(root, dirs)) assert.ok(notices.includes(`${n.name} — `), n.name);
    // The Russian dictionary is OpenCorpora's, under CC BY-SA: whenever the engine links it, it is credited.
    if (dirs.some((d) => d.endsWith(join('rules', 'morph')))) assert.match(notices, /OpenCorpora/);
  });
}
