// Firefox runs content scripts in a sandbox that sees the page's DOM constructors (EventTarget, HTMLElement,
// MutationObserver…) through Xray wrappers. Subclassing one there breaks: super() returns a page object without the
// subclass's methods ("TypeError: this.observe is not a function" on every focus, issue 11). Only ECMAScript's own
// classes, which the sandbox has itself, may be extended by code that goes into the content script.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Parser } from 'acorn';

const src = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');
const ECMASCRIPT = new Set(['Error', 'TypeError', 'RangeError', 'SyntaxError', 'Map', 'Set', 'WeakMap', 'Array', 'Promise', 'Object']);

function files(dir) {
  return readdirSync(dir).flatMap((n) => {
    const p = join(dir, n);
    return statSync(p).isDirectory() ? files(p) : p.endsWith('.js') ? [p] : [];
  });
}

// Superclasses of every class in a module: [{name, line}], name '' when not a plain identifier.
export function superclasses(code) {
  const out = [];
  const ast = Parser.parse(code, { ecmaVersion: 'latest', sourceType: 'module', locations: true });
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    if ((node.type === 'ClassDeclaration' || node.type === 'ClassExpression') && node.superClass) {
      const s = node.superClass;
      out.push({ name: s.type === 'Identifier' ? s.name : code.slice(s.start, s.end), line: s.loc.start.line });
    }
    for (const v of Object.values(node)) {
      if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v === 'object') visit(v);
    }
  };
  visit(ast);
  return out;
}

test('the scan finds subclassed DOM constructors (the bug it guards against)', () => {
  const bad = superclasses('export class Session extends EventTarget {}\nconst O = class extends win.ResizeObserver {};');
  assert.deepEqual(bad.map((b) => b.name), ['EventTarget', 'win.ResizeObserver']);
});

test('content-script code extends no DOM constructor', () => {
  const offenders = [];
  for (const dir of ['content', 'shared']) {
    for (const f of files(join(src, dir))) {
      const classes = superclasses(readFileSync(f, 'utf8'));
      // A class declared in the same module may be extended; so may ECMAScript's own.
      const local = new Set([...readFileSync(f, 'utf8').matchAll(/\bclass\s+([A-Za-z_$][\w$]*)/g)].map((m) => m[1]));
      for (const c of classes) if (!ECMASCRIPT.has(c.name) && !local.has(c.name)) offenders.push(`${relative(src, f)}:${c.line} extends ${c.name}`);
    }
  }
  assert.deepEqual(offenders, []);
});
