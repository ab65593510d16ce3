import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 718, height: 1000 } });
await page.goto('http://localhost:3201/wizard/presets');
const links = await page.locator('[data-testid^=preset-result-]').evaluateAll((as) => as.map((a) => [a.dataset.testid.replace('preset-result-', ''), a.getAttribute('href')]));
await page.emulateMedia({ media: 'print' });
for (const [id, href] of links) {
  await page.goto('http://localhost:3201' + href);
  const parts = await page.evaluate(() => [...document.querySelectorAll('.plan, .evidence > section')].filter((e) => getComputedStyle(e).display !== 'none').map((e) => `${e.querySelector('h2')?.textContent?.slice(0, 18)}:${Math.round(e.getBoundingClientRect().height)}`));
  console.log(id, parts.join(' | '));
}
await browser.close();
