import { expect, test } from '@playwright/test';

// issue 14: every response of the production server, error pages included, carries the security
// headers (security-headers.mjs); malformed URLs answer 400 or 404, never 500; and the pages run
// under the Content-Security-Policy without a single violation.

const ROUTES = [
  '/', '/about', '/book', '/compare?ids=cellpose,stardist', '/evaluate', '/glossary', '/glossary/ground-truth', '/help',
  '/methods', '/methods/manual-annotation', '/resources', '/restoration', '/restoration/gaussian-median-filtering',
  '/restore', '/restore?preset=denoise', '/search?q=cellpose', '/search-index.json', '/tools', '/tools/cellpose',
  '/trees', '/trees/training-approach', '/wizard', '/wizard/presets', '/wizard/result', '/wizard/export?format=md',
  '/models/', '/favicon.ico',
];

const MALFORMED = [
  '/tools/%', '/tools/%E0%A4%A', '/glossary/%zz', '/methods/%', '/trees/%C0%AF', '/%', '/restoration/%%',
  '/tools/..%2F..%2Fetc%2Fpasswd', '/tools/%00', '/search?q=%', '/search?q=%E0%A4%A', '/wizard/result?a=%', '/wizard/export?format=md&a=%ZZ',
  '/compare?ids=%', '/tools/does-not-exist', '/nothing-here', '/_next/static/chunks/none.js', '/tools/cellpose/%', `/tools/${'a'.repeat(3000)}`,
];

const EXPECTED: Record<string, RegExp> = {
  'content-security-policy': /^default-src 'self'; script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'; worker-src 'self' blob:;.*object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'$/,
  'x-frame-options': /^DENY$/,
  'x-content-type-options': /^nosniff$/,
  'referrer-policy': /^no-referrer$/,
  'permissions-policy': /(^|, )camera=\(\).*geolocation=\(\).*microphone=\(\)/,
  'cross-origin-opener-policy': /^same-origin$/,
  'cross-origin-embedder-policy': /^require-corp$/,
  'cross-origin-resource-policy': /^same-origin$/,
};

function expectSecurityHeaders(url: string, headers: Record<string, string>): void {
  for (const [name, pattern] of Object.entries(EXPECTED)) expect(headers[name], `${name} on ${url}`).toMatch(pattern);
}

test('every route answers with all security headers', async ({ request }) => {
  for (const route of ROUTES) {
    const response = await request.get(route, { maxRedirects: 0 });
    expect(response.status(), route).toBeLessThan(500);
    expectSecurityHeaders(route, response.headers());
  }
});

test('malformed and unknown URLs answer 400 or 404 with the security headers, never 500', async ({ request }) => {
  for (const url of MALFORMED) {
    const response = await request.get(url, { maxRedirects: 0 });
    expect([200, 400, 404], `${url} answered ${response.status()}`).toContain(response.status());
    expectSecurityHeaders(url, response.headers());
    if (/\/(tools|glossary|methods|trees|restoration)\/.*%|^\/%/.test(url) && !url.includes('%2F') && !url.includes('%00')) {
      expect(response.status(), url).toBe(400);
    }
  }
});

for (const path of ['/', '/wizard', '/tools/cellpose', '/evaluate', '/restore?preset=denoise', '/search?q=noise']) {
  test(`${path} runs under the CSP without violations`, async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy|Refused to (load|execute|apply|compile|create|connect)/i.test(m.text())) violations.push(m.text());
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => console.error(`Refused to load (CSP ${e.violatedDirective}): ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
    });
    await page.goto(path, { waitUntil: 'load' });
    await page.waitForTimeout(1000);
    // zod 4 probes for `new Function` once inside try/catch and falls back to its interpreter when
    // the CSP refuses; that probe is the one report allowed (no 'unsafe-eval' is granted for it).
    expect(violations.filter((v) => !/CSP script-src\): eval at .*\/_next\/static\/chunks\//.test(v))).toEqual([]);
    // Cross-origin isolation is what the wasm thread pool needs.
    expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
  });
}
