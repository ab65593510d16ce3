import { chromium } from '@playwright/test';
const routes = ['/', '/wizard', '/wizard/result', '/wizard/presets', '/tools', '/compare', '/methods', '/restoration', '/restore', '/evaluate', '/trees', '/glossary', '/search', '/book', '/help', '/about', '/resources', '/tools/cellpose', '/glossary/iou', '/methods/pixel-classification', '/restoration/rcan-3d-denoise', '/trees/training-approach', '/trees/troubleshooting', '/compare?ids=cellpose,stardist,ilastik', '/wizard/result?a=2.0-7.2-1.3-1.4-2.5-2.7-0.18-0.19-0.20-0.21-2.24-0.26-1.27-1m', '/wizard/result/present?a=2.0-7.2-1.3-1.4-2.5-2.7-0.18-0.19-0.20-0.21-2.24-0.26-1.27-1m'];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
for (const w of [1024, 1280]) {
  const page = await browser.newPage({ viewport: { width: w, height: 800 } });
  await page.goto('http://localhost:3201/?workshop=1');
  for (const r of routes) {
    await page.goto('http://localhost:3201' + r);
    await page.waitForTimeout(300);
    const info = await page.evaluate(() => {
      const d = document.documentElement;
      const wide = [...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > d.clientWidth + 1).slice(0, 4).map((e) => e.tagName + '.' + e.className.toString().slice(0, 30));
      return { ws: d.classList.contains('workshop'), sw: d.scrollWidth, cw: d.clientWidth, wide };
    });
    if (info.sw > info.cw || !info.ws) console.log(w, r, JSON.stringify(info));
  }
  await page.close();
}
console.log('done');
await browser.close();
