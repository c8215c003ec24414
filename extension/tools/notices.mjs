// Package notices writes THIRD_PARTY_NOTICES.txt into a built extension: the licence of
// every piece of someone else's code the extension ships, read at build time from what was
// actually built, so the list cannot go stale.
//   - The Go modules linked into engine/sufler.wasm: Go embeds the module list in the binary
//     (what `go version -m` prints; it cannot open wasm files, so we read the same text
//     ourselves), and each module's licence file comes from the module cache, or from the
//     patched copy the wasm build uses (build/wasm-work, see wasm/wasmwork/README.md).
//   - Go itself: its runtime and standard library are in the wasm, engine/wasm_exec.js is
//     Go's file; both under $GOROOT/LICENSE.
//   - Data under someone else's licence that our own Go packages embed (the Russian
//     dictionary in rules/morph): a LICENSE-*.txt beside the data, in any of our packages
//     the wasm build links, as `go list -deps` reports them.
//   - npm packages esbuild bundled into the scripts (from its metafile inputs).
// A module or package without a licence file stops the build: a notice must never be missing.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';

/** Go's sentinels around the module info it embeds in a binary (runtime/debug.modinfo). */
const MODINFO_START = Buffer.from('3077af0c9274080241e1c107e6d618e6', 'hex');
const MODINFO_END = Buffer.from('f932433186182072008242104116d8f2', 'hex');

/**
 * The Go modules a binary was built from, as `go version -m` lists them:
 * [{path, version, replace: {path, version} | null}], the main module first (kind 'mod').
 */
export function goModules(binary) {
  const start = binary.indexOf(MODINFO_START);
  const end = start < 0 ? -1 : binary.indexOf(MODINFO_END, start);
  if (start < 0 || end < 0) throw new Error('no Go module information in the binary (built without modules?)');
  const text = binary.subarray(start + MODINFO_START.length, end).toString('utf8');
  const mods = [];
  for (const line of text.split('\n')) {
    const f = line.split('\t');
    if (f[0] === 'mod' || f[0] === 'dep') mods.push({ kind: f[0], path: f[1], version: f[2], replace: null });
    else if (f[0] === '=>' && mods.length) mods[mods.length - 1].replace = { path: f[1], version: f[2] };
  }
  return mods;
}

/** The module cache's spelling of a path or version: capitals become '!' + lowercase. */
export function escapeModule(s) {
  return s.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}

const LICENCE_FILE = /^(licen[cs]e|copying|notice|patents|unlicense)([.-][a-z0-9.-]*)?$/i;

/** The licence files at the top of a directory, sorted; [] when there are none. */
export function licenceFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).filter((n) => LICENCE_FILE.test(n) && statSync(join(dir, n)).isFile()).sort().map((n) => join(dir, n));
}

/** A short name for a licence text, for the heading; 'see text' when unsure. */
export function licenceName(text) {
  if (/Apache License\s+Version 2\.0/i.test(text)) return 'Apache-2.0';
  if (/Permission is hereby granted, free of charge/i.test(text)) return 'MIT';
  if (/Redistribution and use in source and binary forms/i.test(text)) {
    return /Neither the name/i.test(text) ? 'BSD-3-Clause' : 'BSD-2-Clause';
  }
  if (/Mozilla Public License,? (version|v\.?) ?2\.0/i.test(text)) return 'MPL-2.0';
  if (/Attribution-ShareAlike 3\.0/i.test(text)) return 'CC-BY-SA-3.0';
  if (/ISC License|Permission to use, copy, modify, and\/or distribute this software/i.test(text)) return 'ISC';
  return 'see text';
}

function go(args) {
  return execFileSync('go', args, { encoding: 'utf8' }).trim();
}

/**
 * The notices for a wasm engine: Go, then every dependency module (the main module, ours,
 * is left out). workDir is where the wasm build's go.work lives, for replaced modules.
 */
export function goNotices(wasmPath, { workDir, env = {} } = {}) {
  const [modcache, goroot, goversion] = (env.GOMODCACHE && env.GOROOT && env.GOVERSION)
    ? [env.GOMODCACHE, env.GOROOT, env.GOVERSION]
    : go(['env', 'GOMODCACHE', 'GOROOT', 'GOVERSION']).split('\n');
  const out = [{
    name: `Go ${goversion}`,
    what: 'the Go runtime and standard library compiled into engine/sufler.wasm, and engine/wasm_exec.js',
    files: licenceFiles(goroot),
  }];
  for (const m of goModules(readFileSync(wasmPath))) {
    if (m.kind === 'mod') continue;
    const dirs = [];
    if (m.replace && /^\.\.?\//.test(m.replace.path) && workDir) dirs.push(resolve(workDir, m.replace.path));
    else if (m.replace) dirs.push(join(modcache, `${escapeModule(m.replace.path)}@${escapeModule(m.replace.version)}`));
    dirs.push(join(modcache, `${escapeModule(m.path)}@${escapeModule(m.version)}`));
    const dir = dirs.find((d) => licenceFiles(d).length > 0);
    if (!dir) throw new Error(`no licence file for Go module ${m.path} ${m.version} (looked in ${dirs.join(', ')})`);
    out.push({
      name: `${m.path} ${m.version}`,
      what: m.replace ? `linked into engine/sufler.wasm, as a patched copy (${m.replace.path})` : 'linked into engine/sufler.wasm',
      files: licenceFiles(dir),
    });
  }
  return out;
}

/** Our own packages the wasm engine links: their directories, from `go list -deps`. */
export function linkedPackageDirs(root) {
  const env = { ...process.env, GOWORK: join(root, 'build', 'wasm-work', 'go.work'), GOOS: 'js', GOARCH: 'wasm' };
  const out = execFileSync('go', ['list', '-deps', '-f', '{{with .Module}}{{if .Main}}{{$.Dir}}{{end}}{{end}}', './wasm/cmd/sufler-wasm'], { cwd: root, env, encoding: 'utf8' });
  return out.split('\n').filter(Boolean);
}

const DATA_LICENCE = /^LICEN[CS]E-[A-Za-z0-9.-]+\.txt$/;

/**
 * The notices for data embedded in our own packages: each LICENSE-*.txt in a linked package's
 * directory names the data beside it in its first line and carries its licence.
 */
export function dataNotices(root, dirs = linkedPackageDirs(root)) {
  const out = [];
  for (const dir of [...dirs].sort()) {
    for (const name of readdirSync(dir).filter((n) => DATA_LICENCE.test(n)).sort()) {
      const file = join(dir, name);
      const first = readFileSync(file, 'utf8').split('\n', 1)[0].trim();
      out.push({ name: first || `${dir.slice(root.length + 1)}/${name}`, what: `data embedded in engine/sufler.wasm (${dir.slice(root.length + 1)}/${name})`, files: [file] });
    }
  }
  return out;
}

/**
 * The notices for npm packages among esbuild's inputs (paths relative to cwd): each package
 * once, by the package.json nearest above the file inside node_modules.
 */
export function npmNotices(inputs, cwd = process.cwd()) {
  const seen = new Map();
  for (const input of inputs) {
    const file = resolve(cwd, input);
    const at = file.lastIndexOf(`${sep}node_modules${sep}`);
    if (at < 0) continue;
    let dir = dirname(file);
    while (dir.length > at && !existsSync(join(dir, 'package.json'))) dir = dirname(dir);
    if (seen.has(dir)) continue;
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const files = licenceFiles(dir);
    if (!files.length) throw new Error(`no licence file for npm package ${pkg.name} ${pkg.version} (${dir})`);
    seen.set(dir, { name: `${pkg.name} ${pkg.version} (npm)`, what: 'bundled into the extension scripts', files });
  }
  return [...seen.values()].sort((a, b) => a.name.localeCompare(b.name));
}

/** Renders notices as one text file. */
export function renderNotices(notices) {
  const parts = [
    'Sufler ships the following third-party code. Each entry names the component, where it is',
    'in this extension, and its licence, followed by the licence text as the component ships it.',
    'Generated at build time by extension/tools/notices.mjs from the built engine and bundle.',
    '',
  ];
  for (const n of notices) {
    const texts = n.files.map((f) => readFileSync(f, 'utf8').trim());
    parts.push('='.repeat(78), `${n.name} — ${licenceName(texts.join('\n'))}`, n.what, '='.repeat(78), '');
    for (const t of texts) parts.push(t, '');
  }
  return `${parts.join('\n').trimEnd()}\n`;
}

/** Writes THIRD_PARTY_NOTICES.txt and the project's own LICENSE into a built extension. */
export function writeNotices(outDir, { root, bundled = [], cwd = process.cwd() }) {
  const notices = [
    ...goNotices(join(outDir, 'engine', 'sufler.wasm'), { workDir: join(root, 'build', 'wasm-work') }),
    ...dataNotices(root),
    ...npmNotices(bundled, cwd),
  ];
  writeFileSync(join(outDir, 'THIRD_PARTY_NOTICES.txt'), renderNotices(notices));
  writeFileSync(join(outDir, 'LICENSE'), readFileSync(join(root, 'LICENSE')));
  return notices;
}
