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
    // The modes take turns keystroke by keystroke, so a busy machine slows them alike.
    const modes = ['shadow', 'post', 'runtime'];
    const text = 'Добрый день, проверяем задержку отрисовки на каждой клавише. '.repeat(2);
    for (let i = 0; i < text.length; i++) {
      await page.evaluate((m) => { document.documentElement.dataset.probeMode = m; }, modes[i % 3]);
      await page.keyboard.type(text[i]);
      await page.waitForTimeout(60);
    }
    await page.waitForTimeout(300);
    const samples = await page.evaluate(() => JSON.parse(document.documentElement.dataset.probe ?? '{}'));
    assert.ok((samples.shadow ?? []).length >= 20, `shadow: samples were taken (${samples.shadow?.length})`);
    assert.ok((samples.post ?? []).length >= 20, `post: samples were taken (${samples.post?.length})`);
    for (const mode of modes) {
      const xs = samples[mode] ?? [];
      const lay = samples.layout?.[mode] ?? [];
      line.push(xs.length
        ? `${mode} laid out p50 ${percentile(lay, 50).toFixed(1)} ms p95 ${percentile(lay, 95).toFixed(1)} ms, next frame p50 ${percentile(xs, 50).toFixed(1)} ms p95 ${percentile(xs, 95).toFixed(1)} ms (n=${xs.length})`
        : `${mode}: no message reached the frame`);
    }
    console.log(`keystroke→screen (${BROWSER}): ${line.join('; ')}`);
  } finally {
    await h.close();
  }
});
