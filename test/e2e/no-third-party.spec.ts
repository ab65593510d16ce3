import { expect, test } from '@playwright/test';

// Every request a page visit makes must go to the server the user runs (localhost).
const PAGES = ['/', '/glossary', '/about', '/glossary/ground-truth', '/tools', '/tools/cellpose', '/compare?ids=cellpose,stardist', '/methods', '/restoration', '/book', '/trees/training-approach', '/wizard', '/help', '/resources', '/evaluate', '/search?q=cellpose'];

for (const path of PAGES) {
  test(`${path} makes no request outside localhost`, async ({ page, baseURL }) => {
    const origin = new URL(baseURL!).origin;
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(path, { waitUntil: 'load' });
    // Give client code (prefetches, lazy chunks) a moment to make its requests too.
    await page.waitForTimeout(1500);
    expect(requests.length).toBeGreaterThan(0);
    const outside = requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'));
    expect(outside).toEqual([]);
  });
}
