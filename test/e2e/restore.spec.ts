import { readFile } from 'node:fs/promises';
import { expect, type Locator, type Page, test } from '@playwright/test';

import { decodeTiff } from '../../lib/imaging';

// The in-browser runner on the production build: the denoise demo model on its 16x96x96 sample.

test('restores the denoise sample in the worker, shows it, scores it and downloads a hyperstack', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto('/restore?preset=denoise');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('denoising');
  await expect(page.getByText('Nothing is uploaded:', { exact: true })).toBeVisible();
  await expect(page.locator('a.book-link[data-book-section="A.3"]')).toBeVisible();

  await expect(page.getByLabel(/Use the sample/)).toBeChecked();
  // One worker: every block in the restoration worker itself, the path without a tile pool.
  await page.getByText('Options (block shape').click();
  await page.getByRole('spinbutton', { name: 'Workers' }).fill('1');
  await page.getByRole('button', { name: 'Run restoration' }).click();
  const status = page.getByTestId('restore-status');
  await expect(status).toContainText('100%', { timeout: 45_000 });
  await expect(status).toContainText('1 worker)');
  await expect(page.locator('#restore-progress-bar')).toHaveAttribute('value', '100');

  const result = page.getByTestId('restore-result');
  await expect(result).toBeVisible();
  await expect(result.getByRole('img')).toHaveCount(3);
  await expect(result.getByLabel(/Z slice/)).toHaveAttribute('max', '16');
  await expect(result.getByRole('row', { name: /Restored/ })).toBeVisible();

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-restored').click()]);
  expect(download.suggestedFilename()).toBe('denoise_restored.tif');
  const bytes = new Uint8Array(await readFile(await download.path()));
  const decoded = decodeTiff(bytes);
  // Raw, restored and the sample's ground truth, 16 slices, ImageJ hyperstack layout.
  expect(decoded.dims).toEqual({ t: 1, z: 16, c: 3 });
  expect([decoded.width, decoded.height]).toEqual([96, 96]);
  expect(decoded.imagej?.hyperstack).toBe(true);

  // Model, sample, worker and wasm all came from this server.
  expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
});

test('cancel stops a running restoration', async ({ page }) => {
  await page.goto('/restore?preset=denoise');
  await startAndCancelSmallBlockRun(page);
  await expect(page.getByRole('button', { name: 'Run restoration' })).toBeEnabled();
});

test('restores the denoise sample with 2 tile workers: same TIFF shape, progress to 100%', async ({ page }) => {
  await page.goto('/restore?preset=denoise');
  await page.getByText('Options (block shape').click();
  await page.getByRole('spinbutton', { name: 'Workers' }).fill('2');
  await expect(page.getByText('Runs the denoising demo model in 2 background workers on this computer.')).toBeVisible();
  await page.getByRole('button', { name: 'Run restoration' }).click();
  const status = page.getByTestId('restore-status');
  await expect(status).toContainText('100%', { timeout: 45_000 });
  await expect(status).toContainText(/(wasm|cpu) backend, 2 workers\)/);
  await expect(page.locator('#restore-progress-bar')).toHaveAttribute('value', '100');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-restored').click()]);
  const decoded = decodeTiff(new Uint8Array(await readFile(await download.path())));
  expect(decoded.dims).toEqual({ t: 1, z: 16, c: 3 });
  expect([decoded.width, decoded.height]).toEqual([96, 96]);
});

test('cancel with 2 tile workers stops the run and the page restores again afterwards', async ({ page }) => {
  await page.goto('/restore?preset=denoise');
  const status = await startAndCancelSmallBlockRun(page, 2);
  // The tile workers were terminated: only the restoration worker is left (Playwright lists nested workers).
  await expect.poll(() => page.workers().length).toBe(1);

  // Usable afterwards: the default blocks, 2 workers again, to the end.
  for (const [axis, block, overlap] of [['Y', '64', '8'], ['X', '64', '8']] as const) {
    await page.getByRole('group', { name: /Block shape/ }).getByLabel(axis).fill(block);
    await page.getByRole('group', { name: /Block overlap/ }).getByLabel(axis).fill(overlap);
  }
  await page.getByRole('button', { name: 'Run restoration' }).click();
  await expect(status).toContainText('100%', { timeout: 45_000 });
  await expect(page.getByTestId('restore-result')).toBeVisible();
  await expect.poll(() => page.workers().length).toBe(1);
});

test('an invalid preset names the valid choices', async ({ page }) => {
  await page.goto('/restore?preset=sharpen');
  await expect(page.locator('main').getByRole('alert')).toHaveText('“sharpen” is not a restoration preset; choose denoise, deconvolution, deaberration, resolution, denoise-n2v, or denoise-n2n.');
  await expect(page.getByRole('link', { name: 'Deconvolution', exact: true })).toHaveAttribute('href', '/restore?preset=deconvolution');
});

test('without a preset the page offers the four tasks', async ({ page }) => {
  await page.goto('/restore');
  for (const name of ['Denoising', 'Deconvolution', 'Aberration correction', 'Resolution enhancement']) {
    await expect(page.getByRole('link', { name, exact: true })).toBeVisible();
  }
  await expect(page.locator('main').getByRole('alert')).toHaveCount(0);
});

test('a file that is not a TIFF gets lib/imaging’s message', async ({ page }) => {
  await page.goto('/restore?preset=deconvolution');
  await page.getByLabel(/Use my own TIFF/).check();
  await page.getByTestId('raw-file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image at all') });
  const alert = page.locator('main').getByRole('alert');
  await expect(alert).toContainText('notes.txt');
  await expect(page.getByRole('button', { name: 'Run restoration' })).toBeDisabled();
});

test('trains a tiny model in the browser, offers its files and restores with it', async ({ page }) => {
  await page.goto('/restore?preset=denoise');
  const train = page.getByRole('region', { name: 'Train your own model' });
  await train.getByLabel(/Use this preset's sample/).check();
  await train.getByLabel('Epochs').fill('1');
  await train.getByLabel('Steps per epoch').fill('2');
  await train.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(train.getByTestId('train-status')).toContainText('Done', { timeout: 45_000 });
  await expect(train.getByRole('row')).toHaveCount(2);
  for (const name of ['config.json', 'model.json', 'weights.bin']) await expect(train.getByRole('link', { name: `Download ${name}` })).toBeVisible();

  await expect(page.getByLabel(/My model trained on this page/)).toBeChecked();
  await page.getByLabel(/Also load its ground truth/).uncheck();
  await page.getByRole('button', { name: 'Run restoration' }).click();
  await expect(page.getByTestId('restore-status')).toContainText('100%', { timeout: 30_000 });
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-restored').click()]);
  expect(decodeTiff(new Uint8Array(await readFile(await download.path()))).dims).toEqual({ t: 1, z: 16, c: 2 });
});

/**
 * Start a restoration with small blocks (many of them, so the run is still going when Cancel is
 * pressed), cancel it once blocks are reported, and check the page says so and shows no result.
 * Returns the status line for further checks.
 */
async function startAndCancelSmallBlockRun(page: Page, workers?: number): Promise<Locator> {
  await page.getByText('Options (block shape').click();
  // Without `workers`, the page's own default pool size is used.
  if (workers !== undefined) await page.getByRole('spinbutton', { name: 'Workers' }).fill(String(workers));
  for (const [axis, value] of [['Y', '16'], ['X', '16']] as const) {
    await page.getByRole('group', { name: /Block shape/ }).getByLabel(axis).fill(value);
    await page.getByRole('group', { name: /Block overlap/ }).getByLabel(axis).fill('2');
  }
  await page.getByLabel(/Also load its ground truth/).uncheck();
  await page.getByRole('button', { name: 'Run restoration' }).click();
  const status = page.getByTestId('restore-status');
  await expect(status).toContainText(/\d+ of \d+ blocks/, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Cancel', exact: true }).click();
  await expect(status).toHaveText('Cancelled. Nothing was saved.');
  await expect(page.getByTestId('restore-result')).toHaveCount(0);
  return status;
}
