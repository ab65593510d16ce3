// WebGPU vs wasm in the browser: serves the production build, opens /restore?preset=denoise in
// Chromium with WebGPU enabled, and restores one stack with each backend: WebGPU, wasm with 1 tile
// worker and wasm with 2. Each configuration gets a fresh page and runs twice there (the first run
// includes loading the model and, on WebGPU, compiling shaders; the second is warm). Prints JSON
// with the page's seconds, voxels per second and the adapter; never fails on time.
//
// Run on a machine with a real GPU to measure it: `npm run build && npm run bench -- restore-webgpu`.
// Here Chromium only offers its software adapter (SwiftShader, the GPU emulated on the CPU), so the
// WebGPU figures measure an emulator, not a GPU, and the default input (the 16x96x96 sample, 12 blocks)
// takes tens of minutes on it; bench/RESULTS.md used
// `BENCH_SHAPE=8x64x64 BENCH_BLOCK=8x64x64 BENCH_OVERLAP=0x0x0` (one block).
//
// Environment: BENCH_PORT (3179), BENCH_CHROMIUM (/usr/bin/chromium), BENCH_CHROMIUM_ARGS (extra flags,
// space-separated, e.g. `--use-angle=vulkan`), BENCH_SHAPE (`ZxYxX`: a generated uint16 stack instead of
// the 16x96x96 sample), BENCH_BLOCK and BENCH_OVERLAP (`ZxYxX`, default the preset's 8x64x64 and
// 1x8x8), BENCH_BACKENDS (`webgpu,wasm1,wasm2`).
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { join } from 'node:path';
import { chromium, type Page } from '@playwright/test';

import { deflateTiff } from '../test/helpers/deflate-tiff';

const PORT = Number(process.env.BENCH_PORT ?? 3179);
const CHROMIUM = process.env.BENCH_CHROMIUM ?? '/usr/bin/chromium';
const EXTRA_ARGS = (process.env.BENCH_CHROMIUM_ARGS ?? '').split(' ').filter(Boolean);
const SHAPE = process.env.BENCH_SHAPE?.split('x').map(Number) as [number, number, number] | undefined;
const BLOCK = process.env.BENCH_BLOCK?.split('x').map(Number);
const OVERLAP = process.env.BENCH_OVERLAP?.split('x').map(Number);
const CONFIGS = (process.env.BENCH_BACKENDS ?? 'webgpu,wasm1,wasm2').split(',');

if (!existsSync('.next/BUILD_ID')) {
  console.error('bench restore-webgpu: no production build; run `npm run build` first');
  process.exit(0);
}
if (!existsSync(CHROMIUM)) {
  console.error(`bench restore-webgpu: ${CHROMIUM} is missing; set BENCH_CHROMIUM to a Chromium or Chrome binary`);
  process.exit(0);
}

const server = spawn('npx', ['next', 'start', '-p', String(PORT)], { stdio: 'ignore', env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' }, detached: true });
try {
  await waitForServer(`http://localhost:${PORT}/`);
  let input: string | undefined;
  if (SHAPE) {
    input = join(await mkdtemp(join(os.tmpdir(), 'bench-webgpu-')), `stack-${SHAPE.join('x')}.tif`);
    const [, y, x] = SHAPE;
    await writeFile(input, deflateTiff(SHAPE, (z) => Uint16Array.from({ length: y * x }, (_, i) => 200 + (((i % x) * 5 + Math.floor(i / x) * 3 + z * 11) % 1500))));
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-background-networking', '--enable-unsafe-webgpu', ...EXTRA_ARGS] });
  const results = [];
  let adapter = '';
  for (const config of CONFIGS) {
    const page = await browser.newPage();
    await page.goto(`http://localhost:${PORT}/restore?preset=denoise`);
    if (input) {
      await page.getByLabel(/Use my own TIFF/).check();
      await page.getByTestId('raw-file').setInputFiles(input);
      await page.getByTestId('raw-file-status').getByText(/slices of/).waitFor({ timeout: 300_000 });
    } else {
      await page.getByLabel(/Also load its ground truth/).uncheck();
    }
    await page.getByText('Options (block shape').click();
    adapter ||= (await page.locator('#restore-backend-help').textContent()) ?? '';
    await page.getByRole('combobox', { name: 'Run on' }).selectOption(config === 'webgpu' ? 'webgpu' : 'wasm');
    await page.getByRole('spinbutton', { name: 'Workers' }).fill(config === 'wasm2' ? '2' : '1');
    for (const [i, axis] of ['Z', 'Y', 'X'].entries()) {
      if (BLOCK) await page.getByRole('group', { name: /Block shape/ }).getByLabel(axis).fill(String(BLOCK[i]));
      if (OVERLAP) await page.getByRole('group', { name: /Block overlap/ }).getByLabel(axis).fill(String(OVERLAP[i]));
    }
    const runs = [await restore(page), await restore(page)];
    await page.close();
    const voxels = SHAPE ? SHAPE[0] * SHAPE[1] * SHAPE[2] : 16 * 96 * 96;
    results.push({ config, status: runs[1]!.status, coldSeconds: runs[0]!.seconds, warmSeconds: runs[1]!.seconds, warmVoxelsPerSecond: Math.round(voxels / runs[1]!.seconds) });
  }
  await browser.close();
  const wasm1 = results.find((r) => r.config === 'wasm1')?.warmSeconds;
  console.log(JSON.stringify({
    machine: { cpus: os.cpus().length, load: os.loadavg().map((l) => Number(l.toFixed(2))) },
    chromium: CHROMIUM,
    adapter: adapter.split('.')[0],
    input: SHAPE ? `generated ${SHAPE.join('x')} uint16` : 'denoise sample 16x96x96 uint16',
    block: BLOCK ? BLOCK.join('x') : '8x64x64 (preset)',
    overlap: OVERLAP ? OVERLAP.join('x') : '1x8x8 (preset)',
    results: results.map((r) => ({ ...r, speedupVsWasm1Warm: wasm1 ? Number((wasm1 / r.warmSeconds).toFixed(2)) : null })),
  }, null, 2));
} finally {
  if (server.pid) process.kill(-server.pid);
}

async function restore(page: Page): Promise<{ seconds: number; status: string }> {
  await page.getByRole('button', { name: 'Run restoration' }).click();
  const status = page.getByTestId('restore-status');
  await status.getByText(/^Done/).waitFor({ timeout: 1_800_000 });
  const text = (await status.textContent()) ?? '';
  return { seconds: Number(/in ([\d.]+) s/.exec(text)?.[1] ?? NaN), status: text };
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
