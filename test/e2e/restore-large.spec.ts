import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';

import { deflateTiff } from '../helpers/deflate-tiff';

// Large and hostile files on /restore: decoded once in the restoration worker, never on the page's
// main thread; refused from the header when over this device's budget; a chosen file restores.

test('the page answers clicks while a 60 × 1024 × 1024 stack decodes in the worker', async ({ page }) => {
  test.setTimeout(120_000);
  const path = join(await mkdtemp(join(tmpdir(), 'restore-large-')), 'large.tif');
  await writeFile(path, deflateTiff([60, 1024, 1024], (z) => Uint16Array.from({ length: 1024 * 1024 }, (_, i) => ((i % 1024) * ((i >> 10) + z)) & 0x0fff)));
  await page.goto('/restore?preset=denoise');
  await page.getByLabel(/Use my own TIFF/).check();
  await expect(page.getByTestId('restore-budget')).toContainText(/Largest stack on this device: \d+ million voxels/);
  // Long tasks (main-thread work over 50 ms) from now on; decoding 126 MB on the main thread would be one of seconds.
  await page.evaluate(() => {
    const w = window as unknown as { longTasks: number[] };
    w.longTasks = [];
    new PerformanceObserver((list) => w.longTasks.push(...list.getEntries().map((e) => e.duration))).observe({ type: 'longtask' });
  });
  // A click handler of our own that records what the file status said when the click was handled.
  await page.evaluate(() => {
    const button = document.createElement('button');
    button.id = 'responsiveness-probe';
    button.textContent = 'probe';
    button.onclick = () => {
      button.dataset.seen = document.querySelector('[data-testid="raw-file-status"]')?.textContent ?? '';
    };
    document.body.append(button);
  });
  const status = page.getByTestId('raw-file-status');
  await page.getByTestId('raw-file').setInputFiles(path);
  await expect(status).toContainText('Reading large.tif in a background worker');
  await page.locator('#responsiveness-probe').click();
  // The click was handled while the decode was still running: the main thread was free.
  await expect(page.locator('#responsiveness-probe')).toHaveAttribute('data-seen', /Reading large\.tif/);
  await expect(status).toHaveText('large.tif: 60 slices of 1024 × 1024 pixels, uint16', { timeout: 90_000 });
  const longest = await page.evaluate(() => Math.max(0, ...(window as unknown as { longTasks: number[] }).longTasks));
  expect(longest, 'longest main-thread task while the stack was read and decoded (ms)').toBeLessThan(1000);
  await expect(page.getByRole('button', { name: 'Run restoration' })).toBeEnabled();
});

test('a small file that declares a huge stack is refused when chosen, with the device limit', async ({ page }) => {
  const zero = new Uint16Array(2048 * 2048);
  const path = join(await mkdtemp(join(tmpdir(), 'restore-bomb-')), 'bomb.tif');
  await writeFile(path, deflateTiff([400, 2048, 2048], () => zero));
  await page.goto('/restore?preset=denoise');
  await page.getByLabel(/Use my own TIFF/).check();
  await page.getByTestId('raw-file').setInputFiles(path);
  await expect(page.locator('main').getByRole('alert')).toContainText(
    /^bomb\.tif is too large here: 400 plane\(s\) of 2048 × 2048 \(1678 million voxels\); this page accepts stacks of up to \d+ million voxels \(e\.g\. \d+ × \d+ × \d+\) on this device: half of this device's \d+(\.\d+)? GB of memory/,
  );
  await expect(page.getByRole('button', { name: 'Run restoration' })).toBeDisabled();
});

test('a chosen stack is decoded once in the worker and restores from there', async ({ page }) => {
  await page.goto('/restore?preset=denoise');
  await page.getByLabel(/Use my own TIFF/).check();
  const stack = deflateTiff([8, 64, 64], (z) => Uint16Array.from({ length: 64 * 64 }, (_, i) => 100 + ((i * 7 + z * 13) % 900)));
  await page.getByTestId('raw-file').setInputFiles({ name: 'mine.tif', mimeType: 'image/tiff', buffer: Buffer.from(stack) });
  await expect(page.getByTestId('raw-file-status')).toHaveText('mine.tif: 8 slices of 64 × 64 pixels, uint16');
  await page.getByText('Options (block shape').click();
  await page.getByRole('spinbutton', { name: 'Workers' }).fill('1');
  await page.getByRole('button', { name: 'Run restoration' }).click();
  await expect(page.getByTestId('restore-status')).toContainText('100%', { timeout: 60_000 });
  await expect(page.getByTestId('download-restored')).toHaveText('Download mine_restored.tif');
});
