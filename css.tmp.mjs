import { chromium } from '@playwright/test';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto('http://localhost:3201/wizard/result?a=2.0-7.2-1.3-1.4-2.5-2.7-0.18-0.19-0.20-0.21-2.24-0.26-1.27-1m');
console.log(await page.evaluate(() => { const h = document.querySelector('.result-head h1'); return h ? getComputedStyle(h).fontSize + ' ' + document.querySelector('.result-head').outerHTML.slice(0,200) : 'no result-head ' + document.querySelector('h1')?.parentElement?.className; }));
await browser.close();
