import { chromium } from '@playwright/test';
const base = process.env.BASE ?? 'http://localhost:3201';
const [,, path, out, w = '1280', h = '800', workshop = '0'] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: +w, height: +h } });
await page.goto(base + path + (workshop === '1' ? (path.includes('?') ? '&' : '?') + 'workshop=1' : ''));
await page.waitForTimeout(800);
const info = await page.evaluate(() => {
  const plan = document.querySelector('[data-testid=plan]');
  return { planBottom: plan ? plan.getBoundingClientRect().bottom : null, scrollW: document.documentElement.scrollWidth, clientW: document.documentElement.clientWidth, height: document.documentElement.scrollHeight };
});
console.log(JSON.stringify(info));
await page.screenshot({ path: out, fullPage: process.env.FULL === '1' });
await browser.close();
