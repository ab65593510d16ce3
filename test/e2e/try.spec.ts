import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { expect, test, type Page } from '@playwright/test';

import { texturedCellsSample } from '../../lib/segment/samples';
import { scriptedScribbles } from '../helpers/scribbles';

/** `navigator segment` on the same sample: the page and the CLI run the same core. */
function cliObjects(sample: string): number {
  const out = join(mkdtempSync(join(tmpdir(), 'try-e2e-')), 'labels.tif');
  const json = execFileSync('node', ['scripts/navigator.mjs', 'segment', '--method', 'otsu', `public/samples/try/${sample}.tif`, '-o', out], { encoding: 'utf8' });
  return JSON.parse(json).objects;
}

async function count(page: Page): Promise<number> {
  const text = await page.getByTestId('object-count').locator('strong').textContent();
  return Number(text);
}

async function f1(page: Page): Promise<number> {
  await page.getByTestId('sample-truth').click();
  const text = await page.getByTestId('score-f1').locator('strong').textContent();
  return Number(text);
}

test('rung 1 on the bright-nuclei sample: the CLI count, F1 from the sample truth, and the wizard link with the evidence', async ({ page }) => {
  const expected = cliObjects('nuclei-2d');
  await page.goto('/try');
  await page.locator('[data-sample="nuclei-2d"]').click();
  await expect(page.getByTestId('object-count')).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => count(page)).toBe(expected);
  await expect.poll(() => f1(page), { timeout: 20_000 }).toBeGreaterThanOrEqual(0.9);
  await page.getByTestId('judge-works').click();
  const link = page.getByTestId('wizard-link');
  await expect(link).toHaveAttribute('href', /tried=classical\.otsu\.works\.(0\.9\d|1\.00)/);
  await link.click();
  await expect(page.getByTestId('try-evidence-note')).toContainText('Otsu threshold + watershed gave F1');
  await expect(page.getByTestId('try-evidence-note')).toContainText('good enough');
});

test('textured cells: rung 1 fails, rung 2 from 20 painted strokes succeeds, and both verdicts reach the wizard', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto('/try');
  await page.locator('[data-sample="textured-cells"]').click();
  await expect(page.getByTestId('object-count')).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => f1(page), { timeout: 20_000 }).toBeLessThan(0.5);
  await page.getByTestId('judge-failed').click();

  await page.getByRole('tab', { name: /Rung 2/ }).click();
  const canvas = page.getByTestId('try-canvas');
  const box = (await canvas.boundingBox())!;
  const at = ([y, x]: [number, number]) => [box.x + ((x + 0.5) / 256) * box.width, box.y + ((y + 0.5) / 256) * box.height] as const;
  const { lines } = scriptedScribbles(texturedCellsSample());
  expect(lines.length).toBeLessThanOrEqual(20);
  for (const line of lines) {
    await page.getByRole('radio', { name: line.value === 2 ? 'objects' : 'background' }).check();
    const [x0, y0] = at(line.from);
    const [x1, y1] = at(line.to);
    await page.mouse.move(x0, y0);
    await page.mouse.down();
    await page.mouse.move(x1, y1, { steps: 8 });
    await page.mouse.up();
  }
  await expect(page.getByTestId('object-count')).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => f1(page), { timeout: 60_000 }).toBeGreaterThanOrEqual(0.8);
  await page.getByTestId('judge-works').click();
  await expect(page.getByTestId('wizard-link')).toHaveAttribute('href', /tried=classical\.otsu\.failed\.0\.\d\d~pixel\.forest\.works\.(0\.[89]\d|1\.00)/);
  await expect(page.getByTestId('try-evidence')).toContainText('keep the method that works');
});

test('a dropped 3D stack gets a slice slider and outlines; nothing is requested from other origins', async ({ page }) => {
  const requests: string[] = [];
  page.on('request', (r) => requests.push(r.url()));
  await page.goto('/try');
  await page.getByLabel(/Drop a 2D image or 3D stack/).setInputFiles('public/samples/try/nuclei-3d.tif');
  await expect(page.getByTestId('image-info')).toContainText('80×80×24 slices');
  await expect(page.getByLabel(/Z slice/)).toBeVisible();
  await expect(page.getByTestId('object-count')).toBeVisible({ timeout: 30_000 });
  expect(await count(page)).toBeGreaterThan(5);
  expect(requests.filter((u) => !u.startsWith('http://localhost'))).toEqual([]);
});
