/**
 * Wizard performance: first-load JavaScript (gzip) of `/` and `/wizard`, and the time from choosing
 * an answer to the next question being rendered. Needs a production build (`npm run build`).
 * Prints one JSON object. Targets: wizard first load < 200 KB gzip; transition < 50 ms.
 *
 *   npm run bench -- wizard
 */
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

import { chromium } from '@playwright/test';

const ROOT = process.cwd();
const PORT = 3390;

function firstLoadGzip(route: string): { scripts: number; gzipBytes: number } {
  const file = join(ROOT, '.next/server/app', route === '/' ? 'index.html' : `${route.slice(1)}.html`);
  if (!existsSync(file)) throw new Error(`no prerendered HTML for ${route} at ${file}; run "npm run build" first`);
  const html = readFileSync(file, 'utf8');
  // `noModule` scripts are legacy polyfills that module-capable browsers never download: not counted.
  const srcs = [...new Set([...html.matchAll(/<script src="(\/_next\/static\/[^"]+\.js)"([^>]*)>/g)].filter((m) => !/noModule/i.test(m[2] ?? '')).map((m) => m[1]!))];
  const gzipBytes = srcs.reduce((sum, src) => sum + gzipSync(readFileSync(join(ROOT, '.next', src.replace('/_next/', '')))).length, 0);
  return { scripts: srcs.length, gzipBytes };
}

async function transitions(samples: number): Promise<number[]> {
  // Own process group, so the whole server tree stops with the benchmark.
  const server = spawn('npx', ['next', 'start', '-p', String(PORT)], { stdio: 'ignore', detached: true, env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' } });
  try {
    for (let i = 0; i < 60; i++) {
      try {
        if ((await fetch(`http://localhost:${PORT}/wizard`)).ok) break;
      } catch {
        /* not up yet */
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    const page = await browser.newPage();
    const times: number[] = [];
    while (times.length < samples) {
      await page.goto(`http://localhost:${PORT}/wizard`);
      await page.getByRole('button', { name: 'Start' }).click();
      for (let q = 0; q < 8 && times.length < samples; q++) {
        const before = await page.locator('h1.question-text').textContent();
        await page.locator('form.question input').first().check();
        // Measure inside the page: click Next, then wait for the heading text to change and a frame to paint.
        const ms = await page.evaluate(async (prev) => {
          const t0 = performance.now();
          (document.querySelector('form.question button[type=submit]') as HTMLButtonElement).click();
          while (document.querySelector('h1')?.textContent === prev) await new Promise((r) => requestAnimationFrame(r));
          await new Promise((r) => requestAnimationFrame(r));
          return performance.now() - t0;
        }, before);
        times.push(ms);
        if ((await page.locator('h1').textContent()) === 'Review your answers') break;
      }
    }
    await browser.close();
    return times;
  } finally {
    try {
      if (server.pid) process.kill(-server.pid);
    } catch {
      // already stopped
    }
  }
}

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))]!;
};

const home = firstLoadGzip('/');
const wizard = firstLoadGzip('/wizard');
const times = await transitions(30);
console.log(
  JSON.stringify(
    {
      first_load_js_gzip_kb: { home: +(home.gzipBytes / 1024).toFixed(1), wizard: +(wizard.gzipBytes / 1024).toFixed(1) },
      wizard_transition_ms: { samples: times.length, p50: +quantile(times, 0.5).toFixed(1), p95: +quantile(times, 0.95).toFixed(1), max: +Math.max(...times).toFixed(1) },
      targets: { wizard_first_load_kb: 200, transition_ms: 50 },
    },
    null,
    2,
  ),
);
