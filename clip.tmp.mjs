import { chromium } from '@playwright/test';
const [,, path, out, y, h] = process.argv;
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto('http://localhost:3201' + path);
await page.waitForTimeout(300);
await page.screenshot({ path: out, fullPage: true, clip: { x: 0, y: +y, width: 1280, height: +h } });
await browser.close();
