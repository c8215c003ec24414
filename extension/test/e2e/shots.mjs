// Package shots saves screenshots of e2e runs to build/e2e/ for people to look at.
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { EXT_ROOT } from './harness.mjs';

/** Directory for screenshots: build/e2e at the repo root. */
export const SHOTS = resolve(EXT_ROOT, '..', 'build', 'e2e');

/** Saves a screenshot of page as build/e2e/<name>.png and returns the path. */
export async function shot(page, name, opts = {}) {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, ...opts });
  return path;
}
