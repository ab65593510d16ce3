// Browser benchmark of /evaluate on 2048 × 2048 label TIFFs (about 2,000 objects): time from file
// choice to results, and the longest gap between animation frames from file choice to results
// (computing runs in a Web Worker; the gap includes rendering the results on the page). Needs a production build (`npm run build`) and
// Debian's Chromium; prints one JSON object. Run: npx tsx bench/evaluate-page-browser.ts
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { chromium } from '@playwright/test';

import { createVolume, encodeTiff } from '../lib/imaging';
import { labelPair } from './support/label-phantoms';

const CHROMIUM = '/usr/bin/chromium';
if (!existsSync('.next/BUILD_ID') || !existsSync(CHROMIUM)) {
  console.log(JSON.stringify({ benchmark: 'evaluate-page-browser', skipped: 'needs `npm run build` and /usr/bin/chromium' }));
  process.exit(0);
}

const dir = mkdtempSync(join(tmpdir(), 'evaluate-bench-'));
const pair = labelPair([1, 2048, 2048], 2030, [8, 20], 1, 1);
const write = (name: string, data: ArrayLike<number>) => {
  const path = join(dir, name);
  writeFileSync(path, encodeTiff(createVolume(Uint16Array.from(data), [2048, 2048])));
  return path;
};
const truth = write('truth.tif', pair.truth);
const pred = write('pred.tif', pair.pred);

// A free port chosen by the OS, so the benchmark never talks to another server.
const port = await new Promise<number>((resolve) => {
  const probe = createServer().listen(0, () => {
    const address = probe.address();
    probe.close(() => resolve(typeof address === 'object' && address ? address.port : 3199));
  });
});
const server = spawn('npx', ['next', 'start', '-p', String(port)], { env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }, stdio: 'ignore', detached: true });
try {
  const base = `http://localhost:${port}`;
  for (let i = 0; i < 60; i++) {
    if (await fetch(base).then((r) => r.ok).catch(() => false)) break;
    await new Promise((r) => setTimeout(r, 500));
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
  const page = await browser.newPage();
  await page.goto(`${base}/evaluate`);
  // Record the longest gap between animation frames from now on.
  // A string, not a function: tsx adds `__name` helpers to functions, which the page does not have.
  await page.evaluate(`(() => {
    window.maxGap = 0;
    let last = performance.now();
    const tick = (t) => { window.maxGap = Math.max(window.maxGap, t - last); last = t; requestAnimationFrame(tick); };
    requestAnimationFrame(tick);
  })()`);
  const t0 = Date.now();
  await page.getByTestId('truth-input').setInputFiles(truth);
  await page.getByTestId('pred-input').setInputFiles(pred);
  await page.getByTestId('results').waitFor({ timeout: 120_000 });
  const seconds = (Date.now() - t0) / 1000;
  const maxFrameGapMs = Number(await page.evaluate('window.maxGap'));
  const objects = await page.locator('[data-metric-key="tp"]').getAttribute('data-value');
  await browser.close();
  console.log(
    JSON.stringify(
      { benchmark: 'evaluate-page-browser', shape: [2048, 2048], matched: Number(objects), secondsToResults: seconds, maxFrameGapMs: Math.round(maxFrameGapMs) },
      null,
      2,
    ),
  );
} finally {
  if (server.pid) process.kill(-server.pid);
  rmSync(dir, { recursive: true, force: true });
}
