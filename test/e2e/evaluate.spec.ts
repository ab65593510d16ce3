import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { expect, test, type Page } from '@playwright/test';

// Fixtures and their hand-worked values: test/fixtures/evaluate/README.md.
const fixtures = join(process.cwd(), 'test/fixtures/evaluate');
const fixture = (name: string) => join(fixtures, name);

/** The CLI's JSON for the same pair, so the page and `navigator evaluate` must agree. */
function cliReport(truth: string, pred: string): { instance: { f1: number }; pixel: { iou: number; dice: number } } {
  const out = execFileSync('node', ['scripts/navigator.mjs', 'evaluate', '--truth', fixture(truth), '--pred', fixture(pred)], { encoding: 'utf8' });
  return JSON.parse(out);
}

// By label, so the test also checks that both file inputs are labelled.
async function upload(page: Page, truth: string, pred: string): Promise<void> {
  await page.getByLabel('Ground truth', { exact: true }).setInputFiles(fixture(truth));
  await page.getByLabel('Prediction', { exact: true }).setInputFiles(fixture(pred));
}

const shown = (page: Page, key: string) => page.locator(`[data-metric-key="${key}"]`);

test('label images: the F1 and IoU shown equal the CLI, the overlay draws, CSV downloads', async ({ page }) => {
  const expected = cliReport('truth-2d.tif', 'pred-2d.tif');
  await page.goto('/evaluate');
  await upload(page, 'truth-2d.tif', 'pred-2d.tif');
  await expect(page.getByTestId('results')).toHaveAttribute('data-mode', 'segmentation');
  await expect(shown(page, 'f1')).toHaveAttribute('data-value', String(expected.instance.f1));
  await expect(shown(page, 'iou')).toHaveAttribute('data-value', String(expected.pixel.iou));
  await expect(shown(page, 'dice')).toHaveAttribute('data-value', String(expected.pixel.dice));
  // Hand-worked (fixtures README): F1 = 0.6, foreground IoU = 320 / 680.
  await expect(shown(page, 'f1')).toHaveText('0.6000');
  await expect(shown(page, 'iou')).toHaveText('0.4706');

  const canvas = page.getByTestId('overlay-canvas');
  await expect(canvas).toBeVisible();
  // The exact-match square 1 (rows/cols 4–13) is painted TP green #009E73; the extra square at 44–53 FP purple.
  const pixel = (x: number, y: number) =>
    canvas.evaluate((c: HTMLCanvasElement, [px, py]) => Array.from(c.getContext('2d')!.getImageData(px!, py!, 1, 1).data), [x, y]);
  expect(await pixel(8, 8)).toEqual([0, 158, 115, 255]);
  expect(await pixel(48, 48)).toEqual([204, 121, 167, 255]);
  await expect(page.getByTestId('overlay-legend')).toContainText('Missed (FN)');
  await expect(page.getByTestId('ap-curve')).toBeVisible();
  await expect(page.getByTestId('object-table').locator('tbody tr')).toHaveCount(7);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-csv').click()]);
  expect(download.suggestedFilename()).toBe('evaluation_truth-2d_vs_pred-2d.csv');
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv).toContain(`\nf1,${expected.instance.f1},\n`);
  expect(csv).toContain('\nstatus,truth_id,pred_id,iou,');

  const [json] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-json').click()]);
  expect(json.suggestedFilename()).toBe('evaluation_truth-2d_vs_pred-2d.json');
  const report = JSON.parse(readFileSync((await json.path())!, 'utf8'));
  expect(report.instance.f1).toBe(expected.instance.f1);
  expect(report.objects).toHaveLength(7);
});

test('binary PNG masks: each blob is an object, the same F1 as the CLI', async ({ page }) => {
  const expected = cliReport('truth-mask.png', 'pred-mask.png');
  await page.goto('/evaluate');
  await upload(page, 'truth-mask.png', 'pred-mask.png');
  await expect(shown(page, 'f1')).toHaveAttribute('data-value', String(expected.instance.f1));
  await expect(shown(page, 'tp')).toHaveAttribute('data-value', '3');
});

test('the file inputs and settings are reachable with the keyboard', async ({ page }) => {
  await page.goto('/evaluate');
  const truth = page.getByLabel('Ground truth', { exact: true });
  await truth.focus();
  await expect(truth).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Prediction', { exact: true })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: 'detect automatically' })).toBeFocused();
});

test('a 3D stack gets a Z slider', async ({ page }) => {
  await page.goto('/evaluate');
  await upload(page, 'truth-3d.tif', 'pred-3d.tif');
  await expect(page.getByTestId('z-slider')).toBeVisible();
  await expect(page.getByTestId('overlay-canvas')).toHaveAttribute('height', '32');
});

test('a restoration pair gets MSE and PSNR', async ({ page }) => {
  await page.goto('/evaluate');
  await upload(page, 'gt-ramp.tif', 'raw-ramp.tif');
  await expect(page.getByTestId('results')).toHaveAttribute('data-mode', 'restoration');
  // Hand-worked: the ±3 checkerboard gives MSE 9; PSNR = 10·log10(93² / 9).
  await expect(shown(page, 'mse')).toHaveAttribute('data-value', '9');
  const psnr = Number(await shown(page, 'psnr').getAttribute('data-value'));
  expect(psnr).toBeCloseTo(10 * Math.log10((93 * 93) / 9), 9);
  // Scoring a second image against the same truth (here the truth itself) shows both side by side.
  await page.getByTestId('pred-input').setInputFiles(fixture('gt-ramp.tif'));
  await expect(shown(page, 'mse')).toHaveAttribute('data-value', '0');
  const comparison = page.getByTestId('restoration-comparison');
  await expect(comparison).toContainText('raw-ramp.tif (previous)');
  await expect(comparison.getByRole('row', { name: /^MSE/ })).toContainText('this one');
});

test('?metric=f1 explains F1 first and marks its result row', async ({ page }) => {
  await page.goto('/evaluate?metric=f1');
  await expect(page.getByTestId('suggested-metric')).toContainText('F1');
  await expect(page.locator('.metric-list > div').first()).toHaveAttribute('id', 'about-f1');
  await upload(page, 'truth-2d.tif', 'pred-2d.tif');
  await expect(page.locator('#result-f1')).toHaveAttribute('data-highlighted', 'true');
});

test('an unknown ?metric= is named with the valid ids', async ({ page }) => {
  await page.goto('/evaluate?metric=bogus');
  await expect(page.getByTestId('metric-error')).toContainText('unknown metric "bogus"; choose one of f1, ap, pq, iou, dice, hausdorff, mse, nrmse, psnr, ssim');
});

test('a file that is not an image, and a shape mismatch, show one-line errors', async ({ page }) => {
  await page.goto('/evaluate');
  await upload(page, 'truth-2d.tif', 'not-an-image.txt');
  await expect(page.getByTestId('eval-error')).toContainText('prediction not-an-image.txt is neither a TIFF nor a PNG');
  await page.getByTestId('pred-input').setInputFiles(fixture('pred-48x64.tif'));
  await expect(page.getByTestId('eval-error')).toHaveText(
    'truth truth-2d.tif has shape [64, 64] but prediction pred-48x64.tif has shape [48, 64]; both must have the same shape (z, y, x)',
  );
});

test('scoring makes no request outside localhost (the images stay on the machine)', async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  const outside: string[] = [];
  page.on('request', (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith('data:') && !u.startsWith('blob:')) outside.push(u);
  });
  await page.goto('/evaluate');
  await upload(page, 'truth-2d.tif', 'pred-2d.tif');
  await expect(page.getByTestId('results')).toBeVisible();
  expect(outside).toEqual([]);
});
