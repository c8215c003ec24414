import { launch } from './harness.mjs';
const h = await launch({ lang: 'ru' });
await h.waitForEngine();
const popup = await h.openPopup(null);
for (let i = 0; i < 5; i++) {
  console.log(await popup.evaluate(() => [location.href, document.querySelectorAll('#segment optgroup').length, document.readyState]));
  await popup.waitForTimeout(500);
}
console.log('wff', await popup.raw.waitForFunction(() => location.href, { timeout: 3000 }).then((x) => x.jsonValue(), (e) => e.message));
console.log('wff2', await popup.raw.mainFrame().waitForFunction(() => document.querySelectorAll('#segment optgroup').length, { timeout: 3000, polling: 50 }).then((x) => x.jsonValue(), (e) => e.message));
await h.close();
