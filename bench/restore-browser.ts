// In-browser restoration benchmark: serves the production build, opens /restore for each preset in
// Debian's Chromium, restores the shipped sample with its ground truth, and prints what the page
// reports (seconds, backend, blocks, PSNR/SSIM) with 1 worker, then times the denoise sample with a
// tile pool of 1 and 2 workers (alternating, REPEATS runs each, fresh page each run).
// Needs `npm run build` first. Prints JSON; never fails on time.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import { chromium } from '@playwright/test';

const PORT = Number(process.env.BENCH_PORT ?? 3178);
const PRESETS = ['denoise', 'deconvolution', 'deaberration', 'resolution'];
const REPEATS = Number(process.env.BENCH_REPEATS ?? 3);
const POOL_SIZES = [1, 2];

if (!existsSync('.next/BUILD_ID')) {
  console.error('bench restore-browser: no production build; run `npm run build` first');
  process.exit(0);
}
if (!existsSync('/usr/bin/chromium')) {
  console.error('bench restore-browser: /usr/bin/chromium is missing; install Debian\'s chromium');
  process.exit(0);
}

const server = spawn('npx', ['next', 'start', '-p', String(PORT)], { stdio: 'ignore', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }, detached: true });
try {
  await waitForServer(`http://localhost:${PORT}/`);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  // One restore on a fresh page with the given pool size; the page's seconds and the wall clock.
  const restore = async (preset: string, workers: number) => {
    const page = await browser.newPage();
    await page.goto(`http://localhost:${PORT}/restore?preset=${preset}`);
    await page.getByText('Options (block shape').click();
    await page.getByRole('spinbutton', { name: 'Workers' }).fill(String(workers));
    const started = Date.now();
    await page.getByRole('button', { name: 'Run restoration' }).click();
    const status = page.getByTestId('restore-status');
    await status.getByText(/^Done/).waitFor({ timeout: 120_000 });
    const wallSeconds = (Date.now() - started) / 1000;
    const text = (await status.textContent()) ?? '';
    const cells = async (row: string) => page.getByRole('row', { name: new RegExp(`^${row}`) }).getByRole('cell').allTextContents();
    const out = { status: text, pageSeconds: Number(/in ([\d.]+) s/.exec(text)?.[1] ?? NaN), wallSecondsIncludingModelLoad: Number(wallSeconds.toFixed(2)), raw: await cells('Raw'), restored: await cells('Restored') };
    await page.close();
    return out;
  };
  const results = [];
  for (const preset of PRESETS) results.push({ preset, ...(await restore(preset, 1)) });
  const runs: Record<string, { pageSeconds: number[]; wallSeconds: number[]; restored: string[] }> = Object.fromEntries(POOL_SIZES.map((w) => [w, { pageSeconds: [], wallSeconds: [], restored: [] }]));
  for (let r = 0; r < REPEATS; r++) {
    for (const workers of POOL_SIZES) {
      const run = await restore('denoise', workers);
      runs[workers]!.pageSeconds.push(run.pageSeconds);
      runs[workers]!.wallSeconds.push(run.wallSecondsIncludingModelLoad);
      // PSNR, SSIM, NRMSE of the restored channel: must not depend on the pool size.
      runs[workers]!.restored = run.restored;
    }
  }
  const pool = POOL_SIZES.map((workers) => ({ workers, ...runs[workers]!, medianPageSeconds: median(runs[workers]!.pageSeconds), medianWallSeconds: median(runs[workers]!.wallSeconds) }));
  await browser.close();
  console.log(JSON.stringify({ machine: { cpus: os.cpus().length, load: os.loadavg().map((l) => Number(l.toFixed(2))) }, sample: '16x96x96 uint16, block 8x64x64, overlap 1x8x8', results, pool }, null, 2));
} finally {
  if (server.pid) process.kill(-server.pid);
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

async function waitForServer(url: string): Promise<void> {
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server at ${url} did not start`);
}
