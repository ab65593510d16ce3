import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';

import { createVolume, decodeTiff, encodeTiff, toSingleChannelVolume } from '../../lib/imaging';

// Runs in the 'webgpu' project (playwright.config.ts): Chromium with --enable-unsafe-webgpu offers its
// software adapter (SwiftShader) on http://localhost. Under CI=true a missing adapter fails the spec.
// SwiftShader runs the GPU's work on the CPU, slowly, so the input is a 4 × 32 × 32 crop of the
// bundled denoise sample, restored as one block.
const CROP = { z: [6, 10], y: [32, 64], x: [32, 64] } as const;

test('restores a crop of the denoise sample with WebGPU and with wasm in one page; the restored channels agree within 1e-3', async ({ page }) => {
  test.setTimeout(900_000);
  await page.goto('/restore?preset=denoise');
  const adapter = await page.evaluate(async () => {
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    return gpu ? (await gpu.requestAdapter()) !== null : false;
  });
  if (!adapter) {
    // Outside CI, a browser without an adapter is a reason to skip; in CI it is a failure.
    expect(process.env.CI, 'Chromium offered no WebGPU adapter (needs --enable-unsafe-webgpu and http://localhost)').not.toBe('true');
    test.skip(true, 'no WebGPU adapter in this Chromium');
  }
  await page.getByLabel(/Use my own TIFF/).check();
  await page.getByTestId('raw-file').setInputFiles({ name: 'crop.tif', mimeType: 'image/tiff', buffer: Buffer.from(await sampleCrop()) });
  await expect(page.getByTestId('raw-file-status')).toHaveText('crop.tif: 4 slices of 32 × 32 pixels, uint16');
  await page.getByText('Options (block shape').click();
  // The page names the adapter it found, and that Automatic leaves a software one alone.
  await expect(page.locator('#restore-backend-help')).toContainText('This browser offers WebGPU on SwiftShader, a software adapter');
  await page.getByRole('spinbutton', { name: 'Workers' }).fill('1');
  for (const [axis, block] of [['Z', '4'], ['Y', '32'], ['X', '32']] as const) {
    await page.getByRole('group', { name: /Block shape/ }).getByLabel(axis).fill(block);
    await page.getByRole('group', { name: /Block overlap/ }).getByLabel(axis).fill('0');
  }

  const gpu = await restoreWith(page, 'webgpu', /WebGPU \(SwiftShader\) backend, 1 worker\)/);
  const wasm = await restoreWith(page, 'wasm', /wasm backend, 1 worker\)/);
  // Automatic leaves the software adapter alone (slower than wasm): it runs on wasm.
  const automatic = await restoreWith(page, 'auto', /wasm backend, 1 worker\)/);
  expect(Array.from(automatic)).toEqual(Array.from(wasm));

  expect(gpu.length).toBe(4 * 32 * 32);
  expect(wasm.length).toBe(gpu.length);
  let maxAbs = 0;
  let spread = 0;
  for (let i = 0; i < gpu.length; i++) {
    maxAbs = Math.max(maxAbs, Math.abs(gpu[i]! - wasm[i]!));
    spread = Math.max(spread, Math.abs(wasm[i]! - wasm[0]!));
  }
  // A real image (not a constant), restored the same way on both backends.
  expect(spread).toBeGreaterThan(0.1);
  console.log(`restored channel, WebGPU vs wasm: max abs difference ${maxAbs.toExponential(2)}`);
  expect(maxAbs).toBeLessThan(1e-3);
});

/** The crop of public/samples/denoise.tif, as a uint16 TIFF. */
async function sampleCrop(): Promise<Uint8Array> {
  const sample = toSingleChannelVolume(decodeTiff(new Uint8Array(await readFile('public/samples/denoise.tif'))));
  const [, height, width] = sample.shape;
  const [z0, z1] = CROP.z;
  const [y0, y1] = CROP.y;
  const [x0, x1] = CROP.x;
  const out = new Uint16Array((z1 - z0) * (y1 - y0) * (x1 - x0));
  let k = 0;
  for (let z = z0; z < z1; z++) for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) out[k++] = sample.data[(z * height + y) * width + x]!;
  return encodeTiff(createVolume(out, [z1 - z0, y1 - y0, x1 - x0]));
}

/** Run on one backend; returns the restored channel (32-bit, normalized) of the download. */
async function restoreWith(page: Page, backend: 'webgpu' | 'wasm' | 'auto', status: RegExp): Promise<Float32Array> {
  await page.getByRole('combobox', { name: 'Run on' }).selectOption(backend);
  await page.getByRole('button', { name: 'Run restoration' }).click();
  const line = page.getByTestId('restore-status');
  await expect(line).toContainText('Done', { timeout: 800_000 });
  await expect(line).toContainText(status);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-restored').click()]);
  const decoded = decodeTiff(new Uint8Array(await readFile(await download.path())));
  expect(decoded.dims).toEqual({ t: 1, z: 4, c: 2 });
  expect(decoded.dtype).toBe('float32');
  // ImageJ hyperstack planes: Z then C; channel 1 is the restored one.
  const plane = decoded.width * decoded.height;
  const restored = new Float32Array(decoded.dims.z * plane);
  for (let z = 0; z < decoded.dims.z; z++) restored.set((decoded.data as Float32Array).subarray((z * 2 + 1) * plane, (z * 2 + 2) * plane), z * plane);
  return restored;
}
