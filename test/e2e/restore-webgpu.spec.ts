import { readFile } from 'node:fs/promises';
import { expect, type Page, test } from '@playwright/test';

import { decodeTiff } from '../../lib/imaging';

// Runs in the 'webgpu' project (playwright.config.ts): Chromium with --enable-unsafe-webgpu offers its
// software adapter (SwiftShader) on http://localhost. Under CI=true a missing adapter fails the spec.

test('restores the denoise sample with WebGPU and with wasm in one page; the restored channels agree within 1e-3', async ({ page }) => {
  test.setTimeout(240_000);
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
  await page.getByText('Options (block shape').click();
  // The page names the adapter it found, and that Automatic leaves a software one alone.
  await expect(page.locator('#restore-backend-help')).toContainText('This browser offers WebGPU on SwiftShader, a software adapter');
  await page.getByRole('spinbutton', { name: 'Workers' }).fill('1');

  const gpu = await restoreWith(page, 'webgpu', /WebGPU \(SwiftShader\) backend, 1 worker\)/);
  const wasm = await restoreWith(page, 'wasm', /wasm backend, 1 worker\)/);

  expect(gpu.length).toBe(16 * 96 * 96);
  expect(wasm.length).toBe(gpu.length);
  let maxAbs = 0;
  let spread = 0;
  for (let i = 0; i < gpu.length; i++) {
    maxAbs = Math.max(maxAbs, Math.abs(gpu[i]! - wasm[i]!));
    spread = Math.max(spread, Math.abs(wasm[i]! - wasm[0]!));
  }
  // A real image (not a constant), restored the same way on both backends.
  expect(spread).toBeGreaterThan(0.1);
  expect(maxAbs).toBeLessThan(1e-3);
});

/** Run the sample on one backend; returns the restored channel (32-bit, normalized) of the download. */
async function restoreWith(page: Page, backend: 'webgpu' | 'wasm', status: RegExp): Promise<Float32Array> {
  await page.getByRole('combobox', { name: 'Run on' }).selectOption(backend);
  await page.getByRole('button', { name: 'Run restoration' }).click();
  const line = page.getByTestId('restore-status');
  await expect(line).toContainText('Done', { timeout: 200_000 });
  await expect(line).toContainText(status);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-restored').click()]);
  const decoded = decodeTiff(new Uint8Array(await readFile(await download.path())));
  expect(decoded.dims).toEqual({ t: 1, z: 16, c: 3 });
  expect(decoded.dtype).toBe('float32');
  // ImageJ hyperstack planes: Z then C; channel 1 is the restored one.
  const plane = decoded.width * decoded.height;
  const restored = new Float32Array(decoded.dims.z * plane);
  for (let z = 0; z < decoded.dims.z; z++) restored.set((decoded.data as Float32Array).subarray((z * 3 + 1) * plane, (z * 3 + 2) * plane), z * plane);
  return restored;
}
