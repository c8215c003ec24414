// Measurement (printed, never asserted): what drawing Sufler's knowledge in an extension-origin frame would cost per
// keystroke, against the closed shadow root Sufler uses. A test-only probe extension (probe/) draws the field's text
// on every real keystroke three ways and times key event → the frame after the drawing:
//   shadow   in a closed shadow root, in the page's renderer (Sufler's design)
//   post     in a web_accessible extension frame, through window.postMessage
//   runtime  in that frame, through runtime messaging (what the frame would need to trust its sender)
// README "Privacy and security" quotes the figures. 2 shared cores: read them as orders of magnitude.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { launch, BROWSER } from './harness.mjs';
import { percentile } from './content-helpers.mjs';

const here = dirname(fileURLToPath(import.meta.url));

test(`keystroke → screen: closed shadow root vs extension frame (${BROWSER})`, async () => {
  const h = await launch({ lang: 'ru', extensionDir: join(here, 'probe') });
  try {
    const page = await h.newPage();
    await page.goto(`${h.fixturesURL}textarea.html`);
    await page.waitForFunction(() => document.documentElement.dataset.probeReady === 'true');
    await page.waitForTimeout(500); // the frame loads
    await page.locator('#reply').click();
    const line = [];
    for (const mode of ['shadow', 'post', 'runtime', 'shadow', 'post', 'runtime']) {
      await page.evaluate((m) => { document.documentElement.dataset.probeMode = m; }, mode);
      await page.keyboard.type('Добрый день, проверяем задержку ', { delay: 40 });
      await page.waitForTimeout(200);
    }
    const samples = await page.evaluate(() => JSON.parse(document.documentElement.dataset.probe ?? '{}'));
    for (const mode of ['shadow', 'post', 'runtime']) {
      const xs = samples[mode] ?? [];
      assert.ok(xs.length >= 20, `${mode}: samples were taken (${xs.length})`);
      line.push(`${mode} p50 ${percentile(xs, 50).toFixed(1)} ms p95 ${percentile(xs, 95).toFixed(1)} ms (n=${xs.length})`);
    }
    console.log(`keystroke→screen (${BROWSER}): ${line.join('; ')}`);
  } finally {
    await h.close();
  }
});
