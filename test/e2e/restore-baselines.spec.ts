import { expect, test } from '@playwright/test';

import { createVolume, encodeTiff } from '../../lib/imaging';

// Issue 12 on the production build: classical baselines beside the network with a ranking that says
// when a baseline wins, the hallucination caution, a line profile and a difference image; 2D files
// refused at drop time for a 3D model; self-supervised training with the live loss plot.

test('runs classical baselines beside the network and ranks them against the ground truth', async ({ page }) => {
  await page.goto('/restore?preset=denoise');
  await page.getByRole('button', { name: 'Run restoration' }).click();
  await expect(page.getByTestId('restore-status')).toContainText('100%', { timeout: 60_000 });

  const section = page.getByRole('region', { name: 'Compare with classical baselines' });
  // Richardson–Lucy is for blur; keep this run to the two denoising baselines.
  await section.getByLabel(/Richardson–Lucy deconvolution/).uncheck();
  await section.getByRole('button', { name: 'Run baselines' }).click();
  await expect(section.getByTestId('baselines-status')).toContainText('Done', { timeout: 60_000 });
  const results = section.getByTestId('baseline-results');
  // raw, two baselines and the network
  await expect(results.getByRole('table').getByRole('row')).toHaveCount(5);
  await expect(results.getByRole('row', { name: /Network/ })).toBeVisible();
  await expect(results.getByRole('row', { name: /gaussian σ=/ })).toBeVisible();
  // Fitted to the GT (the default), a tuned Gaussian beats the small demo denoiser on its own sample.
  await expect(results.getByTestId('baseline-wins')).toContainText('A classical baseline beats the network here: gaussian σ=');
  await expect(results.getByText('Higher scores are not proof.')).toBeVisible();
  await expect(results.getByText(/hallucination/)).toBeVisible();
  await expect(results.getByTestId('line-profile').locator('svg polyline')).toHaveCount(5);
  await expect(results.getByTestId('difference-image').getByRole('img')).toBeVisible();
  await results.getByLabel('Difference against').selectOption('raw');
  await expect(results.getByTestId('difference-image').getByRole('img')).toBeVisible();
});

test('refuses a 2D TIFF for the 3D demo model as soon as it is chosen', async ({ page }) => {
  await page.goto('/restore?preset=denoise');
  await page.getByLabel(/Use my own TIFF/).check();
  const plane = encodeTiff(createVolume(Uint16Array.from({ length: 32 * 32 }, (_, i) => i % 97), [1, 32, 32], { ndim: 2 }));
  await page.getByTestId('raw-file').setInputFiles({ name: 'plane.tif', mimeType: 'image/tiff', buffer: Buffer.from(plane) });
  await expect(page.getByTestId('ndim-problem')).toContainText('plane.tif is a 2D image');
  await expect(page.getByTestId('ndim-problem')).toContainText('the demo model is 3D');
  await expect(page.getByRole('button', { name: 'Run restoration' })).toBeDisabled();
});

test('the noisy-only preset trains in blind-spot mode and plots the loss with a diagnosis', async ({ page }) => {
  await page.goto('/restore?preset=denoise-n2v');
  await expect(page.getByRole('heading', { level: 1 })).toContainText('noisy images only');
  const train = page.getByRole('region', { name: 'Train your own model' });
  await expect(train.getByLabel(/Only noisy images \(blind-spot/)).toBeChecked();
  await train.getByLabel(/Use this preset's sample/).check();
  await train.getByLabel('Epochs').fill('2');
  await train.getByLabel('Steps per epoch').fill('2');
  await train.getByRole('button', { name: 'Train', exact: true }).click();
  await expect(train.getByTestId('train-status')).toContainText('Done', { timeout: 60_000 });
  await expect(train.getByTestId('loss-plot').locator('svg polyline')).toHaveCount(1);
  await expect(train.getByTestId('fit-diagnosis')).toHaveText('Too early to say: 2 epochs logged.');
  await expect(train.locator('a.book-link[data-book-section="9.3.5.4"]')).toBeVisible();
  await expect(page.getByLabel(/My model trained on this page/)).toBeChecked();
});
