import { chromium } from '@playwright/test';
const [,, path, out, w = '1280', h = '800', workshop = '0', full = '0'] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: +w, height: +h } });
if (workshop === '1') { await page.goto('http://localhost:3201/?workshop=1'); await page.waitForSelector('html.workshop'); }
await page.goto('http://localhost:3201' + path);
if (workshop === '1') await page.waitForSelector('html.workshop');
await page.waitForTimeout(500);
await page.screenshot({ path: out, fullPage: full === '1' });
await browser.close();
