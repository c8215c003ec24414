// Package build bundles the extension for Chromium and Firefox:
//   node build.mjs [--target chromium|firefox] [--no-zip]
// into build/extension/<target>/ (repo root), with the engine from build/wasm/ in engine/,
// and zips build/sufler-<target>.zip.
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { manifest } from './manifest.mjs';
import { zipDirectory } from './tools/zip.mjs';
import { writeNotices } from './tools/notices.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '..');
// SUFLER_WASM_DIR points elsewhere (as for the lead's wasm/js tests); default: build/wasm.
const wasmDir = resolve(process.env.SUFLER_WASM_DIR ?? join(root, 'build', 'wasm'));
const WASM_FILES = ['sufler.wasm', 'wasm_exec.js', 'sufler.mjs'];
const TARGETS = { chromium: 'chrome116', firefox: 'firefox142' };

function fail(msg) {
  console.error(`build.mjs: ${msg}`);
  process.exit(1);
}

function parseArgs(argv) {
  const opts = { targets: Object.keys(TARGETS), zip: true };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--target') opts.targets = [argv[++i]];
    else if (argv[i] === '--no-zip') opts.zip = false;
    else fail(`unknown argument ${argv[i]} (use --target chromium|firefox, --no-zip)`);
  }
  for (const t of opts.targets) if (!TARGETS[t]) fail(`unknown target ${t}`);
  return opts;
}

/** Entry points: [source, output, targets]. */
const ENTRIES = [
  ['src/background/main.js', 'background.js', ['chromium', 'firefox']],
  ['src/offscreen/main.js', 'offscreen.js', ['chromium']],
  ['src/popup/main.js', 'popup.js', ['chromium', 'firefox']],
  ['src/options/main.js', 'options.js', ['chromium', 'firefox']],
  ['src/content/main.js', 'content.js', ['chromium', 'firefox']],
  ['src/engine/worker.js', 'engine/worker.js', ['chromium', 'firefox']],
];

/** Static files: [source, destination, targets]. */
const STATIC = [
  ['src/popup/popup.html', 'popup.html'],
  ['src/popup/popup.css', 'popup.css'],
  ['src/options/options.html', 'options.html'],
  ['src/options/options.css', 'options.css'],
  ['src/shared/base.css', 'base.css'],
  ['src/offscreen/offscreen.html', 'offscreen.html', ['chromium']],
  ['static/icons', 'icons'],
  ['static/_locales', '_locales'],
  ['static/managed-schema.json', 'managed-schema.json', ['chromium']],
];

/**
 * sufler.mjs can read the wasm file from disk under Node (`import('node:fs/promises')`);
 * in the extension that branch never runs, so node: modules resolve to a stub that throws.
 */
const nodeStub = {
  name: 'node-stub',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => ({ path: args.path, namespace: 'node-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'node-stub' }, (args) => ({
      contents: `export function readFile() { throw new Error(${JSON.stringify(`${args.path} is not available in the extension`)}); }`,
      loader: 'js',
    }));
  },
};

async function buildTarget(target, version) {
  const out = join(root, 'build', 'extension', target);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(join(out, 'engine'), { recursive: true });

  for (const [src, dest, only] of STATIC) {
    if (only && !only.includes(target)) continue;
    const from = join(here, src);
    if (!existsSync(from)) fail(`missing ${src}`);
    cpSync(from, join(out, dest), { recursive: true });
  }
  for (const f of WASM_FILES) cpSync(join(wasmDir, f), join(out, 'engine', f));

  const bundled = new Set(); // every file esbuild read, for the third-party notices
  for (const [src, dest, only] of ENTRIES) {
    if (!only.includes(target)) continue;
    const { metafile } = await build({
      metafile: true,
      entryPoints: [join(here, src)],
      outfile: join(out, dest),
      bundle: true,
      format: 'iife',
      target: TARGETS[target],
      charset: 'utf8',
      legalComments: 'none',
      logLevel: 'warning',
      loader: { '.css': 'text', '.svg': 'text' },
      define: { __SUFLER_TARGET__: JSON.stringify(target) },
      plugins: [nodeStub],
      alias: {
        'sufler-engine': join(wasmDir, 'sufler.mjs'),
        'sufler-wasm-exec': join(wasmDir, 'wasm_exec.js'),
      },
    });
    for (const input of Object.keys(metafile.inputs)) bundled.add(input);
  }
  writeNotices(out, { root, bundled });

  writeFileSync(join(out, 'manifest.json'), `${JSON.stringify(manifest(target, { version }), null, 2)}\n`);
  return out;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const missing = WASM_FILES.filter((f) => !existsSync(join(wasmDir, f)));
  if (missing.length) {
    fail(`${wasmDir} is missing ${missing.join(', ')} — build the engine first: (cd ${root} && make wasm)`);
  }
  if (!existsSync(join(here, 'src/content/main.js'))) fail('missing src/content/main.js (the content script entry)');
  const { version } = JSON.parse(readFileSync(join(here, 'package.json'), 'utf8'));
  for (const target of opts.targets) {
    const out = await buildTarget(target, version);
    let line = `built ${target}: ${out}`;
    if (opts.zip) {
      const zip = join(root, 'build', `sufler-${target}.zip`);
      const n = zipDirectory(out, zip);
      line += ` → ${zip} (${n} files)`;
    }
    console.log(line);
  }
}

main().catch((err) => fail(err.stack ?? String(err)));
