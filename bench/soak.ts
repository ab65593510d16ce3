// Soak test (issue 14, not CI): `npm run bench -- soak` (the browser half needs `npm run build`).
// 1. SOAK_CLI_RUNS (200) applies of the demo denoise model through the CLI's library entry
//    (`main(['apply', …])` in this process, --workers 0) on an 8×48×48 crop of its sample; tfjs
//    tensor count and bytes, wasm memory, RSS and JS heap at the start, after 10 runs and at the end.
// 2. SOAK_PAGE_RUNS (30) restorations in one /restore page of the production build (Chromium);
//    the page's JS heap (after a forced GC) after the first and the last run.
// Prints JSON; growth beyond noise is what to look for. Never fails on time.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { chromium } from '@playwright/test';

import { createVolume, decodeTiff, encodeTiff, toSingleChannelVolume } from '../lib/imaging';
import { main } from '../lib/rcan/node/cli';

const CLI_RUNS = Number(process.env.SOAK_CLI_RUNS ?? 200);
const PAGE_RUNS = Number(process.env.SOAK_PAGE_RUNS ?? 30);
const PORT = Number(process.env.SOAK_PORT ?? 3208);
const quiet = { stdout: () => {}, stderr: () => {}, stderrIsTty: false };

const dir = mkdtempSync(path.join(os.tmpdir(), 'soak-'));
const sample = toSingleChannelVolume(decodeTiff(new Uint8Array(readFileSync('public/samples/denoise.tif'))));
const [z, y, x] = sample.shape;
const crop = new Float32Array(8 * 48 * 48);
for (let k = 0; k < 8; k++) for (let j = 0; j < 48; j++) for (let i = 0; i < 48; i++) crop[(k * 48 + j) * 48 + i] = sample.data[(k * y + j) * x + i]!;
const input = path.join(dir, 'crop.tif');
writeFileSync(input, encodeTiff(createVolume(crop, [8, 48, 48])));
void z;

const snapshot = () => {
  const m = process.memoryUsage();
  const t = tf.memory() as tf.MemoryInfo & { wasmMemory?: number };
  const wasm = (tf.backend() as unknown as { wasm?: { HEAPU8?: Uint8Array } }).wasm?.HEAPU8?.byteLength;
  return { tensors: t.numTensors, tensorBytes: t.numBytes, wasmMemoryMB: wasm ? Math.round(wasm / 2 ** 20) : null, rssMB: Math.round(m.rss / 2 ** 20), heapUsedMB: Math.round(m.heapUsed / 2 ** 20) };
};

const cli: Record<string, unknown> = {};
const started = performance.now();
for (let run = 1; run <= CLI_RUNS; run++) {
  const code = await main(['apply', '-m', 'public/models/denoise', '-i', input, '-o', path.join(dir, 'out.tif'), '--workers', '0'], quiet);
  if (code !== 0) throw new Error(`apply run ${run} exited ${code}`);
  if (run % 20 === 0) {
    (globalThis as { gc?: () => void }).gc?.();
    process.stderr.write(`soak: ${run}/${CLI_RUNS} applies after ${((performance.now() - started) / 1000).toFixed(0)} s ${JSON.stringify(snapshot())}\n`);
  }
  if (run === 1 || run === 10 || run === CLI_RUNS) {
    (globalThis as { gc?: () => void }).gc?.();
    cli[`after${run}`] = snapshot();
  }
}
if (CLI_RUNS > 0) cli.secondsPerApply = Number(((performance.now() - started) / 1000 / CLI_RUNS).toFixed(3));
rmSync(dir, { recursive: true, force: true });

const page: Record<string, unknown> = {};
if (PAGE_RUNS > 0 && existsSync('.next/BUILD_ID') && existsSync('/usr/bin/chromium')) {
  const server = spawn('npx', ['next', 'start', '-p', String(PORT)], { stdio: 'ignore', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }, detached: true });
  try {
    for (let i = 0; !(await fetch(`http://localhost:${PORT}/`).then((r) => r.ok, () => false)); i++) {
      if (i > 120) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 500));
    }
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--js-flags=--expose-gc'] });
    const tab = await browser.newPage();
    await tab.goto(`http://localhost:${PORT}/restore?preset=denoise`);
    const heap = async () => {
      await tab.evaluate(() => (globalThis as { gc?: () => void }).gc?.());
      return tab.evaluate(() => Math.round(((performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? 0) / 2 ** 20));
    };
    page.heapBeforeMB = await heap();
    for (let run = 1; run <= PAGE_RUNS; run++) {
      await tab.getByRole('button', { name: 'Run restoration' }).click();
      await tab.getByTestId('restore-status').getByText(/^Done/).waitFor({ timeout: 180_000 });
      if (run === 1 || run === PAGE_RUNS) page[`heapAfter${run}MB`] = await heap();
      process.stderr.write(`soak: page run ${run}/${PAGE_RUNS}\n`);
    }
    await browser.close();
  } finally {
    if (server.pid) process.kill(-server.pid, 'SIGTERM');
  }
}
console.log(JSON.stringify({ cliRuns: CLI_RUNS, cli, pageRuns: PAGE_RUNS, page }, null, 2));
